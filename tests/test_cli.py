"""The edition command as a user meets it: exit codes and one-line errors, never tracebacks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED
from lxml import etree

from pipeline.cli import main

SEED_TOML = SEED.with_suffix(".toml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def transcript(tmp_path: Path, name: str, content: bytes, toml: bytes | None = None) -> Path:
    source = tmp_path / f"{name}.md"
    source.write_bytes(content)
    if toml is None:
        toml = SEED_TOML.read_bytes()
    source.with_suffix(".toml").write_bytes(toml)
    return source


def assert_one_line_error(result, expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert any(expected in line for line in lines), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_help_is_useful_for_every_command(runner):
    for command in ("build", "convert", "validate", "render"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output and len(result.output.splitlines()) > 5


def test_usage_errors_exit_2(runner):
    assert runner.invoke(main, ["convert"]).exit_code == 2
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2
    assert runner.invoke(main, ["build", "--formats", "docx"]).exit_code == 2


def test_missing_file(runner, tmp_path):
    result = runner.invoke(main, ["convert", str(tmp_path / "absent.md")])
    assert_one_line_error(result, f"{tmp_path / 'absent.md'}: no such file")


def test_non_utf8_transcript_names_line_and_column(runner, tmp_path):
    source = transcript(tmp_path, "latin", "# Title\n\nCaf\xe9 society.\n".encode("latin-1"))
    result = runner.invoke(main, ["convert", str(source)])
    assert_one_line_error(result, f"{source}:3:4: not valid UTF-8 (byte 0xe9)")


def test_binary_file(runner, tmp_path):
    source = transcript(tmp_path, "binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = runner.invoke(main, ["convert", str(source)])
    assert_one_line_error(result, "binary file (NUL byte), not a markdown transcript")


def test_empty_transcript(runner, tmp_path):
    source = transcript(tmp_path, "empty", b"  \n\n")
    result = runner.invoke(main, ["convert", str(source)])
    assert_one_line_error(result, f"{source}:1: empty transcript")


def test_anchor_without_note_names_its_line(runner, tmp_path):
    source = transcript(
        tmp_path,
        "dangling",
        b"## A\n\nText.<sup>[1]</sup>\n\nMore.<sup>[2]</sup>\n\n[1] Only one note.\n",
    )
    result = runner.invoke(main, ["convert", str(source)])
    assert_one_line_error(result, f"{source}:5: note anchor [2] has no note (notes run 1-1)")


def test_two_notes_with_one_number(runner, tmp_path):
    source = transcript(
        tmp_path, "dup", b"## A\n\nText.<sup>[1]</sup>\n\n[1] A note.\n\n[1] Another note.\n"
    )
    result = runner.invoke(main, ["convert", str(source)])
    assert_one_line_error(result, f"{source}:7: duplicate note [1] (first at line 5)")


def test_transcript_without_toml_states_only_what_it_says(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    source = tmp_path / "alone.md"
    source.write_text("---\nauthor: A. Writer\n---\n# Title\n\nText.\n", encoding="utf-8")
    result = runner.invoke(main, ["convert", str(source)])
    assert result.exit_code == 0, result.output
    tei = etree.parse(str(tmp_path / "alone.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert tei.xpath("string(//t:titleStmt/t:title[@type='main'])", namespaces=ns) == "Title"
    assert tei.xpath("//t:titleStmt/t:author/text()", namespaces=ns) == ["A. Writer"]
    assert tei.xpath("//t:titleStmt/t:respStmt", namespaces=ns) == []  # no role anyone stated
    assert tei.xpath("string(//t:availability/@status)", namespaces=ns) == "unknown"
    assert tei.xpath("string(//t:publicationStmt/t:date/@when)", namespaces=ns) == "2026-01-01"


def test_transcript_without_a_title_is_refused(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    source = tmp_path / "untitled.md"
    source.write_text(
        "Just a paragraph of text, with no heading and nothing to call it.\n", encoding="utf-8"
    )
    result = runner.invoke(main, ["convert", str(source)])
    assert_one_line_error(
        result, f"{source}:1: no title: the transcript has no title heading or front-matter title"
    )
    assert not (tmp_path / "untitled.xml").exists()


def test_malformed_toml_names_line(runner, tmp_path):
    source = transcript(tmp_path, "badtoml", b"# Title\n\nText.\n", b'[document]\ntitle = "x\n')
    result = runner.invoke(main, ["convert", str(source)])
    assert_one_line_error(result, f"{source.with_suffix('.toml')}:2:")
    assert "malformed TOML" in result.output


def test_toml_without_build_date_takes_the_file_date_and_says_so(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    source = transcript(
        tmp_path,
        "nodate",
        b"# Title\n\nText.\n",
        b'[document]\ntitle = "x"\n[rights]\nstatement = "s"\n',
    )
    os.utime(source, (1_700_000_000, 1_700_000_000))  # 2023-11-14, outside any git checkout
    result = runner.invoke(main, ["convert", str(source)])
    assert result.exit_code == 0, result.output
    assert "the build date is the transcript file's date (2023-11-14)" in result.output
    tei = etree.parse(str(tmp_path / "nodate.xml"))
    assert (
        tei.xpath("string(//*[local-name()='publicationStmt']/*[local-name()='date']/@when)")
        == "2023-11-14"
    )


def test_failed_conversion_leaves_existing_master_untouched(runner, tmp_path):
    source = transcript(tmp_path, "doc", b"## A\n\nText.<sup>[3]</sup>\n")
    master = tmp_path / "doc.xml"
    master.write_bytes(b"previous content")
    result = runner.invoke(main, ["convert", str(source), "-o", str(master)])
    assert result.exit_code == 1
    assert master.read_bytes() == b"previous content"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_malformed_xml_to_validate(runner, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader></TEI>', encoding="utf-8")
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{bad}:1:" in result.output and "malformed XML" in result.output


def test_malformed_xml_to_render(runner, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    result = runner.invoke(main, ["render", str(bad), "-o", str(tmp_path / "out")])
    assert_one_line_error(result, f"{bad}:1:")
    assert not (tmp_path / "out").exists()


def test_convert_writes_master_beside_the_source_tree(runner, tmp_path):
    source_dir = tmp_path / "tei" / "source"
    source_dir.mkdir(parents=True)
    shutil.copy(SEED, source_dir)
    shutil.copy(SEED_TOML, source_dir)
    shutil.copytree(ROOT / "tei" / "authority", tmp_path / "tei" / "authority")
    result = runner.invoke(main, ["convert", str(source_dir / SEED.name)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tei" / "tactics-and-tasks.xml").read_bytes() == (
        ROOT / "tei" / "tactics-and-tasks.xml"
    ).read_bytes()
    assert "notes 24" in result.output and "anchors 23" in result.output


def test_validate_the_seed_master_is_ok(runner):
    result = runner.invoke(
        main, ["validate", "--root", str(ROOT), str(ROOT / "tei" / "tactics-and-tasks.xml")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("tei/tactics-and-tasks.xml: OK")
    assert "note 9 has no anchor" in result.output  # a warning, shown, not failing


def test_entities_lists_unregistered_names_with_lines(runner):
    result = runner.invoke(main, ["entities", "--root", str(ROOT), "tactics-and-tasks"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines() if hasattr(result, "stdout") else result.output.splitlines()
    assert "tei/source/tactics-and-tasks.md:222: Old Bolsheviks" in [
        line.replace(str(ROOT) + "/", "") for line in lines
    ]
    # registered names (Trotsky, Comintern) and URL fragments are never candidates
    assert not any(
        line.endswith((": Trotsky", ": Comintern", ": NEP11", ": BO-06")) for line in lines
    )


def test_entities_unknown_document(runner):
    result = runner.invoke(main, ["entities", "--root", str(ROOT), "no-such-doc"])
    assert_one_line_error(result, "no transcript named no-such-doc")


def test_render_stops_on_a_stylesheet_error_with_one_line_and_no_saxon_trace(tmp_path):
    """A TEI file without a date cannot make an EPUB: the user sees one line naming the
    file (Saxon's own stack trace, written to the process's stderr, is not shown), and
    --build-date supplies the date."""
    import subprocess
    import sys

    tei = tmp_path / "undated.xml"
    tei.write_bytes(
        (ROOT / "tests" / "fixtures" / "xslt" / "other-tei.001.xml")
        .read_bytes()
        .replace(b'<date when="2026-02-03">3 February 2026</date>', b"")
    )
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "render",
        str(tei),
        "-o",
        str(tmp_path / "out"),
        "--formats",
        "epub",
    ]
    failed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert failed.stderr.splitlines() == [
        (
            f"{tei}: epub.xsl: NO-DATE: the EPUB needs the build date (YYYY-MM-DD) "
            "for dcterms:modified: the build-date parameter or publicationStmt/date/@when"
        )
    ]
    dated = subprocess.run(
        [*command, "--build-date", "2026-02-03"], capture_output=True, text=True, check=False
    )
    assert dated.returncode == 0, dated.stderr
    assert (tmp_path / "out" / "undated" / "undated.epub").stat().st_size > 0
    wrong = subprocess.run(
        [*command, "--build-date", "3 Feb 2026"], capture_output=True, text=True, check=False
    )
    assert wrong.returncode == 2 and "YYYY-MM-DD" in wrong.stderr


def test_warnings_of_one_kind_are_counted_on_one_line(runner, tmp_path):
    text = b"# Title\n\n" + b"".join(b"![](image%d.png) Text %d.\n\n" % (n, n) for n in range(4))
    source = transcript(tmp_path, "images", text)
    result = runner.invoke(main, ["convert", str(source)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "[W-IMAGE]" in line]
    assert lines == [
        (
            f"{source}:3: warning: image in the transcript removed [W-IMAGE] "
            "(4 times; lines 3, 5, 7, 9; all with --verbose)"
        )
    ]
    verbose = runner.invoke(main, ["convert", "--verbose", str(source)])
    assert [line for line in verbose.output.splitlines() if "[W-IMAGE]" in line] == [
        f"{source}:{n}: warning: image in the transcript removed [W-IMAGE]" for n in (3, 5, 7, 9)
    ]
