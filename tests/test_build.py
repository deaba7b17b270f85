"""End to end: `edition build` on a copy of the project, a small corpus, incremental rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from lxml import etree

from pipeline.cli import main

DOCS = Path(__file__).parent / "fixtures" / "documents"


def make_project(tmp_path: Path, with_fixture_docs: bool = False) -> Path:
    root = tmp_path / "project"
    (root / "tei" / "source").mkdir(parents=True)
    for name in ("tactics-and-tasks.md", "tactics-and-tasks.toml"):
        shutil.copy(ROOT / "tei" / "source" / name, root / "tei" / "source")
    shutil.copytree(ROOT / "tei" / "authority", root / "tei" / "authority")
    shutil.copytree(ROOT / "schema", root / "schema")
    if with_fixture_docs:
        for path in DOCS.glob("*"):
            shutil.copy(path, root / "tei" / "source")
    return root


def build(root: Path, *args: str):
    return CliRunner().invoke(main, ["build", "--root", str(root), *args])


@pytest.mark.slow
def test_build_writes_tei_html_text_and_pdf(tmp_path):
    root = make_project(tmp_path)
    result = build(root)
    assert result.exit_code == 0, result.output
    doc = "tactics-and-tasks"
    master = root / "tei" / f"{doc}.xml"
    outputs = [
        root / "dist" / doc / name
        for name in ("index.html", f"{doc}.txt", "print.html", f"{doc}.pdf")
    ]
    for path in [master, *outputs]:
        assert path.stat().st_size > 1000, path
    assert etree.parse(str(master)).getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"
    assert master.read_bytes() == (ROOT / "tei" / f"{doc}.xml").read_bytes()
    assert (root / "dist" / doc / f"{doc}.pdf").read_bytes()[:5] == b"%PDF-"
    assert f"{doc}: ok; wrote tei/{doc}.xml, dist/{doc}/index.html" in result.output


def test_corpus_build_isolates_a_failing_document_and_rebuilds_incrementally(tmp_path):
    root = make_project(tmp_path, with_fixture_docs=True)
    broken = root / "tei" / "source" / "broken.md"
    broken.write_text("## A\n\nText.<sup>[7]</sup>\n", encoding="utf-8")
    shutil.copy(root / "tei" / "source" / "circular-letter.toml", broken.with_suffix(".toml"))

    first = build(root, "--formats", "html,text", "--jobs", "2")
    assert first.exit_code == 1
    assert f"{broken}:3: note anchor [7] has no note" in first.output
    assert "1 of 4 document(s) failed" in first.output
    for doc in ("bulletin-report", "circular-letter", "tactics-and-tasks"):
        assert (root / "dist" / doc / "index.html").is_file(), doc
        assert f"{doc}: ok;" in first.output
    assert not (root / "dist" / "broken").exists()

    broken.unlink()
    broken.with_suffix(".toml").unlink()
    second = build(root, "--formats", "html,text", "--jobs", "2")
    assert second.exit_code == 0, second.output
    assert second.output.count(": up to date") == 3

    letter = root / "tei" / "source" / "circular-letter.md"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("Forward.", "Forward, comrades."),
        encoding="utf-8",
    )
    third = build(root, "--formats", "html,text")
    assert "circular-letter: ok;" in third.output and third.output.count(": up to date") == 2
    assert "Forward, comrades." in (root / "dist" / "circular-letter" / "index.html").read_text(
        encoding="utf-8"
    )

    # a changed registry affects every document
    persons = root / "tei" / "authority" / "persons.xml"
    persons.write_bytes(persons.read_bytes() + b"\n")
    fourth = build(root, "--formats", "html,text")
    assert fourth.output.count(": up to date") == 0 and fourth.output.count(": ok;") == 3

    # an output deleted by hand is rebuilt
    (root / "dist" / "bulletin-report" / "bulletin-report.txt").unlink()
    fifth = build(root, "--formats", "html,text")
    assert "bulletin-report: ok;" in fifth.output and fifth.output.count(": up to date") == 2


def test_parallel_build_from_a_process_that_has_started_saxon(tmp_path):
    """Workers never fork a process whose Saxon is running (a notebook, a test run, a
    second build in one process): the build succeeds and every document is written."""
    from pipeline.render.xslt import _processor

    assert _processor().version  # Saxon is running in this process
    root = make_project(tmp_path, with_fixture_docs=True)
    result = build(root, "--formats", "html,text", "--jobs", "2")
    assert result.exit_code == 0, result.output
    for doc in ("bulletin-report", "circular-letter", "tactics-and-tasks"):
        assert f"{doc}: ok;" in result.output
        assert (root / "dist" / doc / f"{doc}.txt").stat().st_size > 500, doc


def test_documents_a_killed_worker_left_are_built_one_at_a_time(tmp_path, monkeypatch):
    """A worker killed mid-build (out of memory, a signal) breaks the pool: the documents it
    left unbuilt are built after it, in this process, and the build still succeeds."""
    import concurrent.futures
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class KilledPool:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def submit(self, *args, **kwargs):
            future = Future()
            future.set_exception(BrokenProcessPool("a worker was terminated abruptly"))
            return future

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", KilledPool)
    root = make_project(tmp_path, with_fixture_docs=True)
    result = build(root, "--formats", "text", "--jobs", "2")
    assert result.exit_code == 0, result.output
    for doc in ("bulletin-report", "circular-letter", "tactics-and-tasks"):
        assert f"{doc}: ok;" in result.output
        assert (root / "dist" / doc / f"{doc}.txt").is_file(), doc


def test_build_unknown_document_and_empty_project(tmp_path):
    root = make_project(tmp_path)
    result = build(root, "no-such")
    assert result.exit_code == 1 and "no transcript named no-such" in result.output
    empty = tmp_path / "empty"
    result = build(empty)
    assert result.exit_code == 1 and "no tei/source/ directory here" in result.output


def test_the_library_build_makes_the_corpus_site_too(tmp_path):
    """build_corpus owns the whole build: the documents, then the site (the CLI only
    prints); an unchanged second build rebuilds neither."""
    from pipeline.build import build_corpus
    from pipeline.project import Project

    project = Project(make_project(tmp_path))
    first = build_corpus(project, project.select(), ("html", "text"))
    assert first.failures == 0
    assert first.site is not None
    assert project.dist_dir / "index.html" in first.site
    second = build_corpus(project, project.select(), ("html", "text"))
    assert [r.skipped for r in second.documents] == [True]
    assert second.site is None


def test_a_master_that_does_not_validate_is_never_written(tmp_path, monkeypatch):
    """The converter's TEI is validated before it is written: if it fails (a converter bug
    the schema or the rules catch), `edition build` and `edition convert` leave the master
    on disk as it was and say why, exit 1."""
    import pipeline.build
    from pipeline.errors import Diagnostic, Location

    def invalid(result, tei_path):
        return [Diagnostic(Location(str(tei_path), 7, 3), "element 'x' is not allowed", "error")]

    monkeypatch.setattr(pipeline.build, "validate_master", invalid)
    root = make_project(tmp_path)
    master = root / "tei" / "tactics-and-tasks.xml"
    master.write_bytes(b"<old/>\n")

    result = build(root, "--formats", "text", "--jobs", "1")
    assert result.exit_code == 1
    assert f"{master}:7:3: element 'x' is not allowed" in result.output
    assert f"{master}: not written: the converted TEI does not validate" in result.output
    assert master.read_bytes() == b"<old/>\n"
    assert not (root / "dist" / "tactics-and-tasks").exists()

    source = root / "tei" / "source" / "tactics-and-tasks.md"
    converted = CliRunner().invoke(main, ["convert", str(source)])
    assert converted.exit_code == 1
    assert f"{master}: not written: the converted TEI does not validate" in converted.output
    assert master.read_bytes() == b"<old/>\n"


@pytest.mark.slow
def test_tei_that_came_without_a_transcript_is_published_too(tmp_path):
    """A TEI document in tei/ with no transcript (another project's, or another edition's)
    is checked against tei_all and published like a master: outputs, site listing; one
    that tei_all refuses is reported and not published; registers and corpus files in tei/
    are not documents."""
    from conftest import need

    from pipeline.validate.teiall import jing_command, tei_all_schema

    if jing_command() is None or tei_all_schema() is None:
        need("jing and tei_all.rng")
    root = make_project(tmp_path)
    seed_master = (ROOT / "tei" / "tactics-and-tasks.xml").read_bytes()
    (root / "tei" / "arrived.xml").write_bytes(seed_master)
    (root / "tei" / "refused.xml").write_bytes(
        seed_master.replace(b"<body>", b"<body><foo>not TEI</foo>", 1)
    )
    shutil.copy(ROOT / "tei" / "authority" / "persons.xml", root / "tei" / "register.xml")

    result = build(root, "--formats", "html,text", "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "arrived: ok; wrote dist/arrived/index.html, dist/arrived/arrived.txt" in result.output
    assert 'tei_all: element "foo" not allowed' in result.output
    assert f"{root / 'tei' / 'refused.xml'}: not published: it is not valid against tei_all" in (
        result.output
    )
    assert not (root / "dist" / "refused").exists()
    assert "register" not in {p.name for p in (root / "dist").iterdir()}
    site = (root / "dist" / "index.html").read_text(encoding="utf-8")
    assert 'href="arrived/index.html"' in site
    assert "Leninist Opposition" in (root / "dist" / "arrived" / "arrived.txt").read_text(
        encoding="utf-8"
    )
