"""edition deposit: the BagIt bag of the seed, its bag-info, manifests and README, the
reproducible tar, verification of intact and tampered deposits, and the CLI.

The seed is built once (all formats, PDF included) in a temporary project; each test that
changes something works on its own copy.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner
from lxml import etree

from pipeline import __version__
from pipeline.build import FORMATS, build_document
from pipeline.deposit.bag import deposit_document
from pipeline.deposit.command import deposit
from pipeline.deposit.verify import verify_path
from pipeline.project import Project

ROOT = Path(__file__).resolve().parents[1]
TEI_NS = {"tei": "http://www.tei-c.org/ns/1.0"}
DOC = "tactics-and-tasks"
pytestmark = pytest.mark.slow


def _new_project(root: Path) -> Project:
    """A project holding the seed's transcript, configuration and registries only."""
    (root / "tei" / "source").mkdir(parents=True)
    for suffix in (".md", ".toml"):
        shutil.copyfile(
            ROOT / "tei" / "source" / f"{DOC}{suffix}", root / "tei" / "source" / f"{DOC}{suffix}"
        )
    shutil.copytree(ROOT / "tei" / "authority", root / "tei" / "authority")
    return Project(root)


def _build(project: Project, formats: tuple[str, ...] = FORMATS) -> None:
    report = build_document(project, project.source_dir / f"{DOC}.md", formats)
    assert report.ok, [str(d) for d in report.diagnostics] + [report.error]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The seed built with every format, then deposited once."""
    project = _new_project(tmp_path_factory.mktemp("built") / "project")
    _build(project)
    report = deposit_document(project, DOC)
    assert report.ok, [str(d) for d in report.diagnostics]
    return project


@pytest.fixture()
def project_copy(built: Project, tmp_path: Path) -> Project:
    shutil.copytree(built.root, tmp_path / "project")
    return Project(tmp_path / "project")


@pytest.fixture()
def bag_copy(built: Project, tmp_path: Path) -> Path:
    target = tmp_path / DOC
    shutil.copytree(built.dist_dir / "deposit" / DOC, target)
    return target


def _bag(project: Project) -> Path:
    return project.dist_dir / "deposit" / DOC


def _payload_files(bag_dir: Path) -> list[str]:
    return sorted(
        p.relative_to(bag_dir).as_posix() for p in (bag_dir / "data").rglob("*") if p.is_file()
    )


def _manifest(path: Path) -> dict[str, str]:
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        entries[name] = digest
    return entries


def _tei(bag_dir: Path) -> etree._Element:
    return etree.parse(str(bag_dir / "data" / "tei" / f"{DOC}.xml")).getroot()


def _x(root: etree._Element, path: str) -> str:
    found = root.xpath(path, namespaces=TEI_NS)
    assert found, path
    item = found[0]
    return " ".join((item if isinstance(item, str) else "".join(item.itertext())).split())


def _lines(report) -> list[str]:
    return [str(p) for p in report.problems]


def _epoch(date: str) -> int:
    return int(datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=UTC).timestamp())


# ------------------------------------------------------------------ the bag of the seed


def test_seed_deposit_verifies_ok_as_directory_and_tar(built: Project) -> None:
    for target in (_bag(built), built.dist_dir / "deposit" / f"{DOC}.tar"):
        report = verify_path(target)
        assert report.ok, _lines(report)
        # The TEI inside was checked by the integrity rules: note 9's flag is reported.
        assert any(
            w.code == "W-NOTE-UNANCHORED" and w.location.path == f"data/tei/{DOC}.xml"
            for w in report.warnings
        )
    assert bagit.Bag(str(_bag(built))).is_valid()


def test_payload_holds_sources_master_registries_schema_stylesheets_and_outputs(
    built: Project,
) -> None:
    bag_dir = _bag(built)
    files = _payload_files(bag_dir)
    expected = {
        f"data/source/{DOC}.md": built.source_dir / f"{DOC}.md",
        f"data/source/{DOC}.toml": built.source_dir / f"{DOC}.toml",
        f"data/tei/{DOC}.xml": built.tei_dir / f"{DOC}.xml",
        "data/dist/index.html": built.dist_dir / DOC / "index.html",
        f"data/dist/{DOC}.txt": built.dist_dir / DOC / f"{DOC}.txt",
        "data/dist/print.html": built.dist_dir / DOC / "print.html",
        f"data/dist/{DOC}.pdf": built.dist_dir / DOC / f"{DOC}.pdf",
        **{f"data/tei/authority/{p.name}": p for p in (ROOT / "tei" / "authority").glob("*.xml")},
    }
    for name, origin in expected.items():
        assert (bag_dir / name).read_bytes() == origin.read_bytes(), name
    # Schema and stylesheets: every file of the pipeline's schema/ and xslt/ directories.
    for directory in ("schema", "xslt"):
        shipped = sorted(
            f"data/{directory}/{p.relative_to(ROOT / directory).as_posix()}"
            for p in (ROOT / directory).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
        )
        assert [f for f in files if f.startswith(f"data/{directory}/")] == shipped
    assert {
        "data/schema/edition.xsd",
        "data/schema/xml.xsd",
        "data/xslt/html.xsl",
        "data/xslt/text.xsl",
        "data/xslt/print.xsl",
    } <= set(files)
    assert len(expected) == 11 and (bag_dir / "data" / f"dist/{DOC}.pdf").read_bytes().startswith(
        b"%PDF-"
    )
    other = [f for f in files if not f.startswith(("data/schema/", "data/xslt/"))]
    assert sorted(other) == sorted([*expected, "data/README.txt"])


def test_bag_info_values_equal_the_tei_header(built: Project) -> None:
    bag_dir = _bag(built)
    tei = _tei(bag_dir)
    info = bagit.Bag(str(bag_dir)).info
    value = {label: " ".join(str(v).split()) for label, v in info.items()}
    assert (
        value["Source-Organization"]
        == _x(tei, "//tei:publicationStmt/tei:publisher")
        == "Edition pipeline project"
    )
    assert value["External-Identifier"] == _x(tei, "//tei:publicationStmt/tei:idno") == DOC
    assert value["Bagging-Date"] == _x(tei, "//tei:publicationStmt/tei:date/@when") == "2026-11-26"
    title = _x(tei, "//tei:titleStmt/tei:title[@type='main']")
    author = _x(tei, "//tei:titleStmt/tei:author")
    abstract = _x(tei, "//tei:profileDesc/tei:abstract")
    assert value["External-Description"] == f"{title}: A TEI edition, by {author}. {abstract}"
    assert value["Bag-Software-Agent"] == f"edition-pipeline {__version__}"
    payload = [bag_dir / f for f in _payload_files(bag_dir)]
    assert value["Payload-Oxum"] == f"{sum(p.stat().st_size for p in payload)}.{len(payload)}"
    size = sum(p.stat().st_size for p in bag_dir.rglob("*") if p.is_file())
    number, unit = value["Bag-Size"].split()
    assert unit == "MB" and abs(float(number) * 1e6 - size) <= 0.06e6
    # Nothing the TEI and the .toml do not say: no contact is recorded for the seed.
    assert "Contact-Name" not in info
    assert set(info) == {
        "Source-Organization",
        "External-Description",
        "External-Identifier",
        "Bagging-Date",
        "Bag-Size",
        "Payload-Oxum",
        "Bag-Software-Agent",
    }
    # Long values are folded at 79 columns (RFC 8493, 2.2.2).
    lines = (bag_dir / "bag-info.txt").read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines) <= 79
    assert (
        bag_dir / "bagit.txt"
    ).read_bytes() == b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def test_contact_from_the_toml_deposit_table(project_copy: Project) -> None:
    toml = project_copy.source_dir / f"{DOC}.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + '\n[deposit]\ncontact_name = "Edition pipeline project"\n',
        encoding="utf-8",
    )
    report = deposit_document(project_copy, DOC)
    assert report.ok, [str(d) for d in report.diagnostics]
    assert bagit.Bag(str(_bag(project_copy))).info["Contact-Name"] == "Edition pipeline project"
    assert verify_path(_bag(project_copy)).ok


def test_manifests_list_every_payload_file_with_correct_hashes(built: Project) -> None:
    bag_dir = _bag(built)
    files = _payload_files(bag_dir)
    for alg in ("sha256", "sha512"):
        manifest = _manifest(bag_dir / f"manifest-{alg}.txt")
        assert sorted(manifest) == files
        for name, digest in manifest.items():
            assert hashlib.new(alg, (bag_dir / name).read_bytes()).hexdigest() == digest, name
        tags = _manifest(bag_dir / f"tagmanifest-{alg}.txt")
        assert list(tags) == [
            "bag-info.txt",
            "bagit.txt",
            "manifest-sha256.txt",
            "manifest-sha512.txt",
        ]
        for name, digest in tags.items():
            assert hashlib.new(alg, (bag_dir / name).read_bytes()).hexdigest() == digest, name
    assert sorted(p.name for p in bag_dir.iterdir()) == [
        "bag-info.txt",
        "bagit.txt",
        "data",
        "manifest-sha256.txt",
        "manifest-sha512.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt",
    ]


def test_readme_lists_every_payload_file_with_what_it_is(built: Project) -> None:
    bag_dir = _bag(built)
    text = (bag_dir / "data" / "README.txt").read_text(encoding="utf-8")
    described = {}
    for line in text.splitlines():
        if line.startswith("data/"):
            path, description = re.split(r"\s{2,}", line, maxsplit=1)
            described[path] = description
    assert sorted(described) == _payload_files(bag_dir)
    assert described["data/README.txt"] == "this file: what each file of the package is"
    assert described[f"data/tei/{DOC}.xml"].startswith("the TEI P5 master")
    assert (
        described["data/tei/authority/persons.xml"]
        == "authority register (TEI): Register of persons"
    )
    assert described["data/xslt/html.xsl"].startswith(
        "XSLT 3.0 stylesheet: the HTML reading edition"
    )
    assert described["data/xslt/assets/fonts/NotoSerif-Regular.ttf"].endswith("Noto Serif Regular")
    assert (
        described[f"data/dist/{DOC}.pdf"]
        == "the print edition as PDF/A, with the TEI master attached"
    )
    # Every file is described by a rule for its kind, never by the catch-all.
    assert not [
        p for p, d in described.items() if d.startswith(("file", "XML file", "Markdown document"))
    ]
    assert text.startswith("The Tactics and Tasks of the Leninist Opposition: A TEI edition\n")
    assert "Rights: The English translation, the introduction and the editorial notes are" in text


def test_the_bag_names_no_path_of_the_machine(built: Project) -> None:
    for path in [*_bag(built).rglob("*.txt"), built.dist_dir / "deposit" / f"{DOC}.tar"]:
        data = path.read_bytes()
        assert str(built.root).encode() not in data, path
        assert str(ROOT).encode() not in data, path


# ------------------------------------------------------------------ dates and reproducibility


def test_bagging_date_and_timestamps_are_the_build_date_not_today(tmp_path: Path) -> None:
    # A build date other than today's (the seed's own date may be today): the web
    # publication date the seed records, 2025-09-11.
    project = _new_project(tmp_path / "project")
    toml = project.source_dir / f"{DOC}.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'build_date = "2026-11-26"' in text
    toml.write_text(
        text.replace('build_date = "2026-11-26"', 'build_date = "2025-09-11"'), encoding="utf-8"
    )
    _build(project, ("html", "text"))
    report = deposit_document(project, DOC, allow_missing_outputs=True)
    assert report.ok, [str(d) for d in report.diagnostics]
    # The absent print formats are warnings here, naming the files.
    missing = sorted(
        Path(d.location.path).name for d in report.diagnostics if d.code == "E-DEPOSIT-MISSING"
    )
    assert missing == ["print.html", f"{DOC}.pdf"]
    assert all(d.severity == "warning" for d in report.diagnostics if d.code == "E-DEPOSIT-MISSING")
    bag_dir = _bag(project)
    assert bagit.Bag(str(bag_dir)).info["Bagging-Date"] == "2025-09-11"
    epoch = _epoch("2025-09-11")
    assert {int(p.stat().st_mtime) for p in [bag_dir, *bag_dir.rglob("*")]} == {epoch}
    with tarfile.open(project.dist_dir / "deposit" / f"{DOC}.tar") as archive:
        assert {m.mtime for m in archive.getmembers()} == {epoch}
    assert "data/dist/print.html" not in (bag_dir / "data" / "README.txt").read_text(
        encoding="utf-8"
    )
    assert verify_path(bag_dir).ok


def test_tar_is_byte_identical_across_two_deposits(
    project_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    deposit_dir = project_copy.dist_dir / "deposit"
    first_tar = (deposit_dir / f"{DOC}.tar").read_bytes()
    first_bag = {
        p: (_bag(project_copy) / p).read_bytes() for p in _payload_files(_bag(project_copy))
    }
    # Another time zone, every input touched an hour later: nothing of it may show.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    later = time.time() + 3600
    for path in project_copy.root.rglob("*"):
        os.utime(path, (later, later))
    try:
        report = deposit_document(project_copy, DOC)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert report.ok, [str(d) for d in report.diagnostics]
    assert (deposit_dir / f"{DOC}.tar").read_bytes() == first_tar
    assert {
        p: (_bag(project_copy) / p).read_bytes() for p in _payload_files(_bag(project_copy))
    } == first_bag
    assert report.archive_sha256 == hashlib.sha256(first_tar).hexdigest()
    # No temporary directory is left behind, and the old bag went with it.
    assert sorted(p.name for p in deposit_dir.iterdir()) == [DOC, f"{DOC}.tar"]


def test_tar_entries_are_sorted_with_fixed_owner_mode_and_time(built: Project) -> None:
    with tarfile.open(built.dist_dir / "deposit" / f"{DOC}.tar") as archive:
        members = archive.getmembers()
        names = [m.name for m in members]
        assert names[0] == DOC
        assert names == sorted(names, key=lambda n: n.split("/"))
        assert all(n == DOC or n.startswith(f"{DOC}/") for n in names)
        assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
        assert {m.mtime for m in members} == {_epoch("2026-11-26")}
        assert {m.mode for m in members if m.isdir()} == {0o755}
        assert {m.mode for m in members if m.isfile()} == {0o644}
        assert not [m for m in members if not (m.isfile() or m.isdir())]
        assert not [m for m in members if m.pax_headers]
        bag_files = sorted(
            p.relative_to(built.dist_dir / "deposit").as_posix()
            for p in _bag(built).rglob("*")
            if p.is_file()
        )
        assert sorted(m.name for m in members if m.isfile()) == bag_files


# ------------------------------------------------------------------ refusing to deposit


def test_stale_master_is_refused_and_nothing_is_written(project_copy: Project) -> None:
    shutil.rmtree(project_copy.dist_dir / "deposit")
    transcript = project_copy.source_dir / f"{DOC}.md"
    text = transcript.read_text(encoding="utf-8")
    assert "To this end, the opposition is creating" in text
    transcript.write_text(
        text.replace(
            "To this end, the opposition is creating", "To this end, the opposition was creating"
        ),
        encoding="utf-8",
    )
    report = deposit_document(project_copy, DOC)
    assert not report.ok
    assert [
        (Path(d.location.path).name, d.code) for d in report.diagnostics if d.severity == "error"
    ] == [(f"{DOC}.xml", "E-DEPOSIT-STALE")]
    assert not (project_copy.dist_dir / "deposit" / DOC).exists()
    assert not (project_copy.dist_dir / "deposit" / f"{DOC}.tar").exists()


def test_stale_outputs_are_refused(project_copy: Project) -> None:
    index = project_copy.dist_dir / DOC / "index.html"
    index.write_bytes(index.read_bytes().replace(b"</body>", b"<p>added by hand</p></body>"))
    pdf = project_copy.dist_dir / DOC / f"{DOC}.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")
    before = (project_copy.dist_dir / "deposit" / f"{DOC}.tar").read_bytes()
    report = deposit_document(project_copy, DOC)
    errors = sorted(
        (Path(d.location.path).name, d.code) for d in report.diagnostics if d.severity == "error"
    )
    assert errors == [("index.html", "E-DEPOSIT-STALE"), (f"{DOC}.pdf", "E-DEPOSIT-PDF")]
    # The previous deposit is untouched.
    assert (project_copy.dist_dir / "deposit" / f"{DOC}.tar").read_bytes() == before
    assert verify_path(_bag(project_copy)).ok


def test_missing_pdf_is_an_error_unless_allowed(project_copy: Project) -> None:
    (project_copy.dist_dir / DOC / f"{DOC}.pdf").unlink()
    report = deposit_document(project_copy, DOC)
    assert [(Path(d.location.path).name, d.severity, d.message) for d in report.diagnostics] == [
        (f"{DOC}.pdf", "error", "missing output; run `edition build` first")
    ]
    assert deposit_document(project_copy, DOC, allow_missing_outputs=True).ok
    assert f"data/dist/{DOC}.pdf" not in _payload_files(_bag(project_copy))


# ------------------------------------------------------------------ tampering


def _flip_byte(path: Path, offset: int = 100) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_flipped_byte_is_named(bag_copy: Path) -> None:
    _flip_byte(bag_copy / "data" / "dist" / f"{DOC}.txt")
    assert _lines(verify_path(bag_copy)) == [
        f"data/dist/{DOC}.txt: checksum mismatch (sha256)",
        f"data/dist/{DOC}.txt: checksum mismatch (sha512)",
    ]


def test_missing_file_is_named(bag_copy: Path) -> None:
    script = bag_copy / "data" / "xslt" / "assets" / "edition.js"
    size = script.stat().st_size
    script.unlink()
    payload = [bag_copy / f for f in _payload_files(bag_copy)]
    total = sum(p.stat().st_size for p in payload)
    assert _lines(verify_path(bag_copy)) == [
        (
            f"bag-info.txt: Payload-Oxum {total + size}.{len(payload) + 1} does not match "
            f"the payload ({total} bytes in {len(payload)} files)"
        ),
        "data/xslt/assets/edition.js: missing (listed in the manifests)",
    ]


def test_missing_register_is_named_with_what_it_breaks(bag_copy: Path) -> None:
    (bag_copy / "data" / "tei" / "authority" / "places.xml").unlink()
    lines = _lines(verify_path(bag_copy))
    assert lines[:2] == [
        lines[0],
        "data/tei/authority/places.xml: missing (listed in the manifests)",
    ]
    assert lines[0].startswith("bag-info.txt: Payload-Oxum ")
    # The other registers point into the missing one: those pointers are reported too.
    assert lines[2:] and all(
        line.startswith("data/tei/authority/") and line.endswith("[E-ENTITY]") for line in lines[2:]
    )


def test_extra_payload_file_is_named(bag_copy: Path) -> None:
    (bag_copy / "data" / "dist" / "extra.html").write_text("<p>extra</p>\n", encoding="utf-8")
    lines = _lines(verify_path(bag_copy))
    assert "data/dist/extra.html: unexpected file (not in the manifests)" in lines
    assert lines[0].startswith("bag-info.txt: Payload-Oxum ")
    assert len(lines) == 2


def test_extra_tag_file_is_named(bag_copy: Path) -> None:
    (bag_copy / "notes.txt").write_text("added later\n", encoding="utf-8")
    assert _lines(verify_path(bag_copy)) == [
        "notes.txt: not listed in tagmanifest-sha256.txt",
        "notes.txt: not listed in tagmanifest-sha512.txt",
    ]


def test_edited_manifest_line_is_named(bag_copy: Path) -> None:
    manifest = bag_copy / "manifest-sha256.txt"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.endswith("  data/README.txt\n"))
    lines[index] = "0" * 64 + "  data/README.txt\n"
    manifest.write_text("".join(lines), encoding="utf-8")
    assert _lines(verify_path(bag_copy)) == [
        "data/README.txt: checksum mismatch (sha256)",
        "manifest-sha256.txt: checksum mismatch (sha256)",
        "manifest-sha256.txt: checksum mismatch (sha512)",
    ]


def test_changed_payload_oxum_is_named(bag_copy: Path) -> None:
    info = bag_copy / "bag-info.txt"
    text = info.read_text(encoding="utf-8")
    oxum = re.search(r"^Payload-Oxum: (\d+)\.(\d+)$", text, re.MULTILINE)
    assert oxum is not None
    info.write_text(
        text.replace(oxum.group(0), f"Payload-Oxum: {oxum.group(1)}.{int(oxum.group(2)) + 1}"),
        encoding="utf-8",
    )
    assert _lines(verify_path(bag_copy)) == [
        (
            f"bag-info.txt: Payload-Oxum {oxum.group(1)}.{int(oxum.group(2)) + 1} does not match "
            f"the payload ({oxum.group(1)} bytes in {oxum.group(2)} files)"
        ),
        "bag-info.txt: checksum mismatch (sha256)",
        "bag-info.txt: checksum mismatch (sha512)",
    ]


def test_tampered_tar_is_named(built: Project, tmp_path: Path) -> None:
    data = bytearray((built.dist_dir / "deposit" / f"{DOC}.tar").read_bytes())
    marker = b"The Tactics and Tasks of the Leninist Opposition"
    text_file = (_bag(built) / "data" / "dist" / f"{DOC}.txt").read_bytes()
    at = data.find(text_file[:200])
    assert at > 0 and marker in text_file[:200]
    data[at + text_file.find(marker)] ^= 0x20  # 'T' -> 't'
    tampered = tmp_path / f"{DOC}.tar"
    tampered.write_bytes(bytes(data))
    assert _lines(verify_path(tampered)) == [
        f"data/dist/{DOC}.txt: checksum mismatch (sha256)",
        f"data/dist/{DOC}.txt: checksum mismatch (sha512)",
    ]


def _remanifest(bag_dir: Path) -> None:
    """Regenerate manifests and Payload-Oxum with bagit, as a careless tool would."""
    bag = bagit.Bag(str(bag_dir))
    bag.save(manifests=True)
    assert bagit.Bag(str(bag_dir)).is_valid()


def _edit_master(bag_dir: Path, old: str, new: str) -> tuple[int, int]:
    """Replace ``old`` in the bag's TEI master; return the line and column of the change."""
    master = bag_dir / "data" / "tei" / f"{DOC}.xml"
    text = master.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    master.write_text(text.replace(old, new), encoding="utf-8")
    at = text.index(old)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def test_invalid_tei_in_a_valid_bag_fails_the_schema_check(bag_copy: Path) -> None:
    opening = '<p xml:id="sec-1-p7">'
    line, col = _edit_master(bag_copy, opening, f"{opening}<foo/>")
    _remanifest(bag_copy)
    # Located at the <foo/> element, just after the opening tag of its paragraph.
    assert _lines(verify_path(bag_copy)) == [
        (
            f"data/tei/{DOC}.xml:{line}:{col + len(opening)}: "
            "element 'foo' is not allowed in 'p' [E-SCHEMA]"
        )
    ]


def test_broken_pointer_in_a_valid_bag_fails_the_integrity_rules(bag_copy: Path) -> None:
    _edit_master(bag_copy, 'xml:id="n1-ref" target="#n1"', 'xml:id="n1-ref" target="#n99"')
    _remanifest(bag_copy)
    lines = _lines(verify_path(bag_copy))
    assert lines and all(line.startswith(f"data/tei/{DOC}.xml:") for line in lines)
    assert any("#n99" in line and line.endswith("[E-REF]") for line in lines)


def test_dropped_word_in_a_valid_bag_fails_text_conservation(bag_copy: Path) -> None:
    _edit_master(
        bag_copy, "To this end, the opposition is creating", "To this end, the opposition creating"
    )
    _remanifest(bag_copy)
    lines = _lines(verify_path(bag_copy))
    assert lines and all(line.endswith("[E-CONSERVATION]") for line in lines)
    assert any("'is'" in line for line in lines)


def test_the_schema_inside_the_bag_is_the_one_used(bag_copy: Path) -> None:
    (bag_copy / "data" / "schema" / "edition.xsd").write_text("<not-a-schema/>\n", encoding="utf-8")
    _remanifest(bag_copy)
    lines = _lines(verify_path(bag_copy))
    assert len(lines) == 1 and lines[0].startswith(
        "data/schema/edition.xsd: not a usable XML Schema: "
    )


def test_bag_info_that_disagrees_with_the_tei_is_named(bag_copy: Path) -> None:
    info = bag_copy / "bag-info.txt"
    info.write_text(
        info.read_text(encoding="utf-8").replace(
            "Bagging-Date: 2026-11-26", "Bagging-Date: 2026-12-01"
        ),
        encoding="utf-8",
    )
    _remanifest(bag_copy)
    assert _lines(verify_path(bag_copy)) == [
        "bag-info.txt: Bagging-Date is '2026-12-01' but the TEI master says '2026-11-26'"
    ]


def test_unsafe_archive_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.tar"
    with tarfile.open(evil, "w") as archive:
        info = tarfile.TarInfo("../escape.txt")
        info.size = 3
        archive.addfile(info, io.BytesIO(b"bad"))
    assert _lines(verify_path(evil)) == [f"{evil}: unsafe path in the archive: '../escape.txt'"]
    assert not (tmp_path.parent / "escape.txt").exists()


# ------------------------------------------------------------------ the command


def test_cli_deposit_and_verify_exit_codes(project_copy: Project, tmp_path: Path) -> None:
    runner = CliRunner()
    root = project_copy.root
    result = runner.invoke(deposit, ["--root", str(root)])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"{DOC}: deposited dist/deposit/{DOC}/ \(\d+ payload files, [\d,]+ bytes\) "
        rf"and dist/deposit/{DOC}\.tar \(sha256 [0-9a-f]{{64}}\)\n",
        result.stdout,
    )
    result = runner.invoke(deposit, ["--verify", str(root / "dist" / "deposit" / DOC)])
    assert (result.exit_code, result.stdout) == (0, "OK\n")
    result = runner.invoke(deposit, ["--verify", str(root / "dist" / "deposit" / f"{DOC}.tar")])
    assert (result.exit_code, result.stdout) == (0, "OK\n")

    _flip_byte(root / "dist" / "deposit" / DOC / "data" / "source" / f"{DOC}.md")
    result = runner.invoke(deposit, ["--verify", str(root / "dist" / "deposit" / DOC)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"data/source/{DOC}.md: checksum mismatch (sha256)"
    assert "OK" not in result.stdout

    result = runner.invoke(deposit, ["--verify", str(root / "tei" / "source" / f"{DOC}.md")])
    assert result.exit_code == 1
    assert result.stderr.endswith("not a bag directory or a .tar deposit archive\n")

    result = runner.invoke(deposit, ["--verify", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (1, "bagit.txt: missing: not a bag\n")

    result = runner.invoke(deposit, ["--root", str(root), "no-such-document"])
    assert result.exit_code == 1
    assert result.stderr == f"{root / 'tei' / 'source'}: no transcript named no-such-document\n"

    # Usage errors: click's exit status 2.
    assert runner.invoke(deposit, ["--verify", str(tmp_path / "nowhere")]).exit_code == 2
    assert (
        runner.invoke(deposit, ["--verify", str(root / "dist" / "deposit" / DOC), DOC]).exit_code
        == 2
    )
    assert runner.invoke(deposit, ["--no-such-option"]).exit_code == 2


def test_cli_refused_deposit_exits_1(project_copy: Project) -> None:
    (project_copy.dist_dir / DOC / f"{DOC}.pdf").unlink()
    result = CliRunner().invoke(deposit, ["--root", str(project_copy.root), DOC])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        (
            f"{project_copy.dist_dir / DOC / f'{DOC}.pdf'}: missing output; "
            "run `edition build` first [E-DEPOSIT-MISSING]"
        ),
        f"{DOC}: deposit REFUSED",
    ]
