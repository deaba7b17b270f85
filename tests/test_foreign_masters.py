"""TEI from other projects (tei/<doc>.xml without a transcript) through the whole edition:
built and listed on the site, exported, deposited and verified like the masters, by what
their own headers state and against tei_all, never against this project's customisation.

One project: the seed transcript and two real foreign files kept as found
(tests/fixtures/other-tei/): a DraCor play (its author a persName with wikidata and pnd
idno, no publicationStmt/date, publicationStmt/idno type="URL", relations pointing by
@active/@passive/@mutual) and an EpiDoc text (no author, no xml:lang, its publication date
as text only, publicationStmt/idno type="filename"). A third, a letter of the Schnitzler
correspondence, is not valid against tei_all (idno in placeName, xsi:schemaLocation): it is
refused everywhere. Built once (html and text) with SOURCE_DATE_EPOCH, so that the foreign
documents' build date is fixed; each test that changes something works on a copy.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, TEI_NS, need
from lxml import etree, html
from rdflib import Graph
from test_build import build, make_project

from pipeline.cli import main
from pipeline.deposit.verify import VerifyReport, verify_path
from pipeline.export.run import export_project
from pipeline.project import Project
from pipeline.validate.teiall import check_tei_all, jing_command, tei_all_schema
from pipeline.xmlsafe import XML_ID, XML_LANG, parse_file

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

OTHER_TEI = ROOT / "tests" / "fixtures" / "other-tei"
SEED = "tactics-and-tasks"
NATHAN = "gerdracor-lessing-nathan"
CSEL = "dll-pgls-csel-phi035"
REFUSED = "schnitzler-briefe-L00001"
#: 2026-11-26, the seed's own build date: the foreign documents' build date in these tests
EPOCH = "1795651200"
BUILD_DATE = "2026-11-26"


def header_text(doc: str) -> str:
    """Every word of the foreign file's teiHeader, whitespace collapsed."""
    header = parse_file(OTHER_TEI / f"{doc}.xml").getroot().find("tei:teiHeader", TEI_NS)
    assert header is not None
    return " ".join("".join(header.itertext()).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The project built (html, text): the seed and two foreign documents."""
    if jing_command() is None or tei_all_schema() is None:
        need("jing and tei_all.rng")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        root = make_project(tmp_path_factory.mktemp("foreign"))
        for doc in (NATHAN, CSEL):
            shutil.copy(OTHER_TEI / f"{doc}.xml", root / "tei")
        result = build(root, "--formats", "html,text", "--jobs", "1")
        assert result.exit_code == 0, result.output
        for doc in (SEED, NATHAN, CSEL):
            assert f"{doc}: ok;" in result.output
        yield root


@pytest.fixture(scope="module")
def exported(built: Path) -> Path:
    report = export_project(Project(built))
    assert report.ok, [str(d) for d in report.diagnostics]
    assert {d.code for d in report.diagnostics} <= {"W-EXPORT-POINTER"}
    return built / "dist"


def searched_pages(dist: Path) -> set[str]:
    """The pages the search index holds: the url of every fragment of every shard."""
    shards = json.loads((dist / "pagefind" / "shards.json").read_text("utf-8"))["shards"]
    urls = set()
    for shard in shards:
        for fragment in (dist / "pagefind" / shard / "fragment").glob("*.pf_fragment"):
            data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
            urls.add(json.loads(data)["url"])
    return urls


# ---------------------------------------------------------------- site


def test_the_site_lists_and_searches_the_foreign_documents(built: Path) -> None:
    dist = built / "dist"
    page = html.fromstring((dist / "index.html").read_bytes())
    titles = {a.get("id"): " ".join(a.xpath("string(h3)").split()) for a in page.xpath("//article")}
    assert titles == {
        f"doc-{SEED}": "The Tactics and Tasks of the Leninist Opposition",
        f"doc-{NATHAN}": "Nathan der Weise",
        f"doc-{CSEL}": "Corpus Scriptorum Ecclesiasticorum Latinorum (CSEL)",
    }
    for doc in (NATHAN, CSEL):
        assert page.xpath(f"//article[@id = 'doc-{doc}']//a[@href = '{doc}/index.html']"), doc
    assert searched_pages(dist) == {f"/{doc}/index.html" for doc in (SEED, NATHAN, CSEL)}


# ---------------------------------------------------------------- export


def test_every_foreign_document_has_the_data_files_of_a_master(exported: Path) -> None:
    names = sorted(p.name for p in (exported / "data" / SEED).iterdir())
    for doc in (NATHAN, CSEL):
        assert sorted(p.name for p in (exported / "data" / doc).iterdir()) == names


def test_a_foreign_document_is_cited_by_what_its_header_states(exported: Path) -> None:
    """Title, author (without the idno DraCor puts in the author), publisher, date and
    language as the header gives them; no date, URL or author it does not give."""
    nathan = json.loads((exported / "data" / NATHAN / "citation.json").read_text("utf-8"))
    assert nathan == [
        {
            "id": NATHAN,
            "type": "document",
            "title": "Nathan der Weise",
            "author": [{"literal": "Gotthold Ephraim Lessing"}],
            "publisher": "DraCor",
            "language": "de",
        }
    ]
    csel = json.loads((exported / "data" / CSEL / "citation.json").read_text("utf-8"))
    assert csel == [
        {
            "id": CSEL,
            "type": "document",
            "title": "Corpus Scriptorum Ecclesiasticorum Latinorum (CSEL)",
            "issued": {"date-parts": [[2014]]},  # <date>2014</date>, no @when
            "publisher": "University of Leipzig",
        }
    ]
    for doc, item in ((NATHAN, nathan[0]), (CSEL, csel[0])):
        stated = header_text(doc)
        for value in (
            item["title"],
            item["publisher"],
            *(a["literal"] for a in item.get("author", [])),
        ):
            assert value in stated, (doc, value)
    bib = (exported / "data" / NATHAN / "citation.bib").read_text("utf-8")
    assert bib.startswith(f"@misc{{{NATHAN},")
    assert "author = {{Gotthold Ephraim Lessing}}" in bib and "Q34628" not in bib
    assert "date =" not in bib and "url =" not in bib
    assert "author" not in (exported / "data" / CSEL / "citation.bib").read_text("utf-8")


def test_a_foreign_document_has_no_register_entries_or_annotations(exported: Path) -> None:
    """Its names point into another project's registers: none of them is exported as a
    mention of this edition's entries."""
    for doc in (NATHAN, CSEL):
        folder = exported / "data" / doc
        entities = Graph().parse(folder / "entities.jsonld", format="json-ld")
        assert len(entities) == 0
        annotations = json.loads((folder / "annotations.jsonld").read_text("utf-8"))
        assert annotations["total"] == 0 and annotations["first"]["items"] == []
        assert (folder / "mentions.csv").read_bytes().count(b"\r\n") == 1  # header only
    corpus_csv = (exported / "data" / "corpus" / "mentions.csv").read_text("utf-8")
    assert NATHAN not in corpus_csv and CSEL not in corpus_csv


def test_citation_cff_credits_a_foreign_document_with_its_own_author(exported: Path) -> None:
    cff = yaml.safe_load((exported / "CITATION.cff").read_text("utf-8"))
    assert cff["date-released"] == BUILD_DATE
    references = {r["title"]: r for r in cff["references"]}
    assert references["Nathan der Weise"] == {
        "type": "generic",
        "title": "Nathan der Weise",
        "authors": [{"name": "Gotthold Ephraim Lessing"}],
        "publisher": {"name": "DraCor"},
    }
    # CFF needs an author: the EpiDoc text names none, and none is invented
    assert "Corpus Scriptorum Ecclesiasticorum Latinorum (CSEL)" not in references


def test_the_corpus_file_holds_the_foreign_documents_valid_against_tei_all(
    exported: Path,
) -> None:
    corpus_path = exported / "corpus.xml"
    corpus = parse_file(corpus_path).getroot()
    documents = {tei.get(XML_ID): tei for tei in corpus.findall("tei:TEI", TEI_NS)}
    assert sorted(documents) == sorted((SEED, NATHAN, CSEL))
    # the EpiDoc text names no language: it does not take the corpus header's English
    assert documents[CSEL].get(XML_LANG) == "" and documents[NATHAN].get(XML_LANG) == "de"
    # the play's relations point at its persons (and at DraCor and Wikidata, by URL),
    # the local pointers prefixed like the ids
    ids = {e.get(XML_ID) for e in documents[NATHAN].iter() if e.get(XML_ID)}
    relations = documents[NATHAN].findall(".//tei:relation", TEI_NS)
    pointers = [
        t
        for r in relations
        for a in ("active", "passive", "mutual")
        for t in r.get(a, "").split()
        if t.startswith("#")
    ]
    assert pointers and all(p.startswith(f"#{NATHAN}.") and p[1:] in ids for p in pointers)
    bibl = corpus.iterfind(".//tei:sourceDesc/tei:bibl", TEI_NS)
    shown = {
        b.findtext("tei:ref", namespaces=TEI_NS): etree.tostring(b, encoding=str) for b in bibl
    }
    assert "<publisher>DraCor</publisher>" in shown[NATHAN] and "<date" not in shown[NATHAN]
    assert '<date when="2014">2014</date>' in shown[CSEL]
    assert check_tei_all([corpus_path]) == []


# ---------------------------------------------------------------- refused


@pytest.fixture()
def with_refused(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project with a foreign file that tei_all refuses, built again."""
    root = tmp_path / "project"
    shutil.copytree(built, root)
    shutil.copy(OTHER_TEI / f"{REFUSED}.xml", root / "tei")
    result = build(root, "--formats", "html,text", "--jobs", "1")
    assert result.exit_code == 1, result.output
    refused = root / "tei" / f"{REFUSED}.xml"
    assert f"{refused}: not published: it is not valid against tei_all" in result.output
    return root


def test_tei_that_tei_all_refuses_is_neither_listed_nor_exported(with_refused: Path) -> None:
    """It is in tei/, but not published: not on the site, not in the export (which says
    why, exports the others and exits 1)."""
    dist = with_refused / "dist"
    page = html.fromstring((dist / "index.html").read_bytes())
    assert sorted(a.get("id") for a in page.xpath("//article")) == sorted(
        f"doc-{doc}" for doc in (SEED, NATHAN, CSEL)
    )
    assert "Schnitzler" not in (dist / "index.html").read_text("utf-8")
    assert not (dist / REFUSED).exists()

    result = CliRunner().invoke(main, ["export", "--root", str(with_refused)])
    assert result.exit_code == 1
    refused = with_refused / "tei" / f"{REFUSED}.xml"
    assert f"{refused}: not exported: it is not valid against tei_all [E-EXPORT]" in result.stderr
    assert f'{refused}:257:68: tei_all: element "idno" not allowed here' in result.stderr
    assert not (dist / "data" / REFUSED).exists()
    for doc in (SEED, NATHAN, CSEL):
        assert (dist / "data" / doc / "citation.json").is_file(), doc
    corpus = parse_file(dist / "corpus.xml").getroot()
    assert sorted(t.get(XML_ID) for t in corpus.findall("tei:TEI", TEI_NS)) == sorted(
        (SEED, NATHAN, CSEL)
    )
    # the deposit refuses it, naming why
    deposited = CliRunner().invoke(
        main, ["deposit", "--root", str(with_refused), "--allow-missing-outputs", REFUSED]
    )
    assert deposited.exit_code == 1
    assert f'{refused}:257:68: tei_all: element "idno" not allowed here' in deposited.stderr
    assert f"{REFUSED}: deposit REFUSED" in deposited.stderr
    assert not (dist / "deposit" / REFUSED).exists()


# ---------------------------------------------------------------- deposit


@pytest.fixture(scope="module")
def deposited(built: Path) -> Path:
    """Every document deposited (no PDF: built with html and text only)."""
    result = CliRunner().invoke(main, ["deposit", "--root", str(built), "--allow-missing-outputs"])
    assert result.exit_code == 0, result.output
    for doc in (SEED, NATHAN, CSEL):
        assert f"{doc}: deposited dist/deposit/{doc}/" in result.stdout
    return built / "dist" / "deposit"


@pytest.fixture()
def bag_copy(deposited: Path, tmp_path: Path) -> Path:
    target = tmp_path / CSEL
    shutil.copytree(deposited / CSEL, target)
    return target


def _payload(bag: Path) -> list[str]:
    return sorted(p.relative_to(bag).as_posix() for p in (bag / "data").rglob("*") if p.is_file())


def _bag_info(bag: Path) -> dict[str, str]:
    lines = (bag / "bag-info.txt").read_text("utf-8").replace("\n  ", " ").splitlines()
    return dict(line.split(": ", 1) for line in lines)


def _lines(report: VerifyReport) -> list[str]:
    return [str(p) for p in report.problems]


def test_the_bag_of_foreign_tei_holds_it_as_it_came_with_tei_all_and_its_outputs(
    deposited: Path,
) -> None:
    """No transcript, registries or project schema: the TEI byte for byte, the tei_all
    schema it was checked against, the stylesheets, its outputs and the README."""
    bag = deposited / NATHAN
    payload = _payload(bag)
    stylesheets = [p for p in payload if p.startswith("data/xslt/")]
    assert stylesheets == sorted(
        p for p in _payload(deposited / SEED) if p.startswith("data/xslt/")
    )
    assert [p for p in payload if not p.startswith("data/xslt/")] == [
        "data/README.txt",
        f"data/dist/{NATHAN}.txt",
        "data/dist/index.html",
        "data/schema/tei_all.rng",
        f"data/tei/{NATHAN}.xml",
    ]
    assert (bag / "data" / "tei" / f"{NATHAN}.xml").read_bytes() == (
        OTHER_TEI / f"{NATHAN}.xml"
    ).read_bytes()
    schema = tei_all_schema()
    assert schema is not None
    assert (bag / "data" / "schema" / "tei_all.rng").read_bytes() == schema.read_bytes()
    for output in (f"{NATHAN}.txt", "index.html"):
        assert (bag / "data" / "dist" / output).read_bytes() == (
            deposited.parent / NATHAN / output
        ).read_bytes()
    readme = (bag / "data" / "README.txt").read_text("utf-8")
    assert readme.startswith("Nathan der Weise: Ein dramatisches Gedicht in fünf Aufzügen\n")
    assert "TEI from another project" in " ".join(readme.split())
    assert "Rights: CC0 1.0" in readme


def test_the_bag_info_of_foreign_tei_says_what_its_header_says(deposited: Path) -> None:
    """From the header (the author without his idno), the Bagging-Date the build's; the
    EpiDoc text, with no author, is described by its title alone."""
    nathan = _bag_info(deposited / NATHAN)
    assert {k: v for k, v in nathan.items() if k not in ("Bag-Size", "Payload-Oxum")} == {
        "Source-Organization": "DraCor",
        "External-Description": (
            "Nathan der Weise: Ein dramatisches Gedicht in fünf Aufzügen, by Gotthold Ephraim "
            "Lessing."
        ),
        "External-Identifier": "https://dracor.org",
        "Bagging-Date": BUILD_DATE,
        "Bag-Software-Agent": nathan["Bag-Software-Agent"],
    }
    csel = _bag_info(deposited / CSEL)
    assert csel["Source-Organization"] == "University of Leipzig"
    assert csel["External-Description"] == "Corpus Scriptorum Ecclesiasticorum Latinorum (CSEL)."
    assert csel["External-Identifier"] == "CSEL6.xml"
    assert csel["Bagging-Date"] == BUILD_DATE


def test_the_bags_of_foreign_tei_verify_as_directory_and_tar(deposited: Path) -> None:
    for target in (deposited / NATHAN, deposited / f"{CSEL}.tar"):
        report = verify_path(target)
        assert report.ok, (target, _lines(report))


def test_a_tampered_foreign_tei_is_named(bag_copy: Path) -> None:
    tei = bag_copy / "data" / "tei" / f"{CSEL}.xml"
    text = tei.read_text("utf-8")
    tei.write_text(text.replace("Ennodius uates", "Ennodius vates", 1), "utf-8")
    assert _lines(verify_path(bag_copy)) == [
        f"data/tei/{CSEL}.xml: checksum mismatch (sha256)",
        f"data/tei/{CSEL}.xml: checksum mismatch (sha512)",
    ]


def _remanifest(bag: Path) -> None:
    """Manifests and Payload-Oxum made again, as a careless tool would."""
    import bagit

    bagit.Bag(str(bag)).save(manifests=True)
    assert bagit.Bag(str(bag)).is_valid()


def test_foreign_tei_that_tei_all_refuses_fails_verify_in_an_intact_bag(bag_copy: Path) -> None:
    """Checked against tei_all, as the build checked it, not against edition.xsd."""
    tei = bag_copy / "data" / "tei" / f"{CSEL}.xml"
    text = tei.read_text("utf-8")
    assert text.count("<body>") == 1
    tei.write_text(text.replace("<body>", "<body><foo/>"), "utf-8")
    _remanifest(bag_copy)
    line = text[: text.index("<body>")].count("\n") + 1
    [problem] = _lines(verify_path(bag_copy))  # jing: at the end of <foo/>
    assert problem.startswith(
        f'data/tei/{CSEL}.xml:{line}:{len("<body><foo/>") + 1}: tei_all: element "foo" not allowed'
    ), problem
    assert problem.endswith("[E-TEI-ALL]")


def test_the_tei_all_inside_the_bag_is_the_one_used(bag_copy: Path) -> None:
    (bag_copy / "data" / "schema" / "tei_all.rng").write_text("<not-a-schema/>\n", "utf-8")
    _remanifest(bag_copy)
    lines = _lines(verify_path(bag_copy))
    assert lines and all(line.startswith("data/schema/tei_all.rng:") for line in lines), lines


def test_without_jing_a_foreign_bag_does_not_verify(
    bag_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its TEI cannot be checked: that is no OK (the build, by contrast, warns and goes on)."""
    import pipeline.validate.teiall

    monkeypatch.setattr(pipeline.validate.teiall, "jing_command", lambda: None)
    assert _lines(verify_path(bag_copy)) == [
        f"data/tei/{CSEL}.xml: not checked against tei_all: jing is not installed [E-TEI-ALL]"
    ]
    warned = check_tei_all([bag_copy / "data" / "tei" / f"{CSEL}.xml"])
    assert [(d.severity, d.code) for d in warned] == [("warning", "W-TEI-ALL")]
