"""edition export: registers as JSON-LD, Web Annotations, CSV and citation files.

The seed's committed master is exported into a temporary dist/ and read back the way a
consumer would: JSON-LD with rdflib, CSV with the csv module, CSL-JSON with json, BibTeX
with bibtexparser, CITATION.cff with PyYAML. The reading edition the annotations point
into is rendered by the project's own HTML stylesheet.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import shutil
from pathlib import Path

import bibtexparser
import lxml.html
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, TEI_NS
from lxml import etree
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from pipeline.errors import EditionError
from pipeline.export import export_command
from pipeline.export.entries import read_entries
from pipeline.export.jsonld import entity_node, register_document
from pipeline.export.links import Linker
from pipeline.export.mentions import find_mentions, read_text
from pipeline.export.run import ExportOptions, export_project
from pipeline.project import Project
from pipeline.xmlsafe import parse_bytes, parse_file

DOC = "tactics-and-tasks"
MASTER = ROOT / "tei" / f"{DOC}.xml"
SDO = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
ED = Namespace("urn:x-edition:vocab:")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

#: HTML furniture the stylesheet adds around the text: note popovers and numbers, labels,
#: bracket characters (the page's bracket switch hides them), the apparatus.
FURNITURE = {
    "note-anchor",
    "bracket",
    "label",
    "thesis-num",
    "note-num",
    "backrefs",
    "apparatus",
    "vh",
    "cite-link",
}

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

MENTION_XPATH = (
    "//tei:text//*[self::tei:persName or self::tei:orgName or self::tei:placeName"
    " or self::tei:title or self::tei:rs][starts-with(normalize-space(@ref), '#')]"
)


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The seed exported into a temporary dist/, with its reading edition beside it."""
    from pipeline.render.xslt import render

    out = tmp_path_factory.mktemp("export") / "dist"
    report = export_project(
        Project(ROOT), [DOC], ExportOptions(dist_dir=out, corpus_file=out.parent / "corpus.xml")
    )
    assert not [d for d in report.diagnostics if d.severity == "error"]
    page = out / DOC / "index.html"
    page.parent.mkdir(parents=True)
    page.write_bytes(render("html", MASTER, {"build-date": "2026-11-26"}).output)
    return out


@pytest.fixture(scope="module")
def master() -> etree._Element:
    return parse_file(MASTER).getroot()


def graph(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="json-ld")  # relative IRIs resolve against the file, as for any consumer
    return g


@pytest.fixture(scope="module")
def entities(dist) -> Graph:
    return graph(dist / "data" / DOC / "entities.jsonld")


@pytest.fixture(scope="module")
def annotations(dist) -> Graph:
    return graph(dist / "data" / DOC / "annotations.jsonld")


@pytest.fixture(scope="module")
def annotation_items(dist) -> list[dict]:
    return json.loads((dist / "data" / DOC / "annotations.jsonld").read_text("utf-8"))["first"][
        "items"
    ]


@pytest.fixture(scope="module")
def page(dist) -> dict[str, etree._Element]:
    root = lxml.html.parse(str(dist / DOC / "index.html")).getroot()
    return {e.get("id"): e for e in root.iter() if isinstance(e.tag, str) and e.get("id")}


def reading_text(element: etree._Element) -> str:
    """The text of an HTML element as read with the brackets off, without furniture."""
    element = copy.deepcopy(element)
    for child in list(element.iter()):
        if isinstance(child.tag, str) and FURNITURE & set((child.get("class") or "").split()):
            child.drop_tree()
    return " ".join(element.text_content().split())


def entry_count(master: etree._Element) -> int:
    return len(master.xpath("/tei:TEI/tei:standOff/*/*[@xml:id]", namespaces=TEI_NS))


def annotated_count(master: etree._Element) -> int:
    """Tagged names in the text, outside variant readings and the title page."""
    return len(
        master.xpath(
            MENTION_XPATH + "[not(ancestor::tei:rdg or ancestor::tei:titlePage)]", namespaces=TEI_NS
        )
    )


def entity_iri(dist: Path, entry_id: str) -> URIRef:
    return URIRef(
        (dist / "data" / "corpus" / "entities.jsonld").resolve().as_uri() + "#" + entry_id
    )


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


# ----------------------------------------------------------------------------- JSON-LD registers


@pytest.mark.parametrize(
    ("schema_type", "entry"),
    [
        (SDO.Person, "person"),
        (SDO.Organization, "org"),
        (SDO.Place, "place"),
        (SDO.CreativeWork, "bibl"),
    ],
)
def test_one_node_per_standoff_entry(entities, master, schema_type, entry):
    in_tei = master.xpath(f"/tei:TEI/tei:standOff//tei:{entry}[@xml:id]", namespaces=TEI_NS)
    assert in_tei, entry
    nodes = set(entities.subjects(RDF.type, schema_type))
    assert len(nodes) == len(in_tei)
    assert {str(n).rsplit("#", 1)[1] for n in nodes} == {
        e.get("{http://www.w3.org/XML/1998/namespace}id") for e in in_tei
    }


def test_entity_iris_are_the_corpus_register_entries(dist, entities):
    trotsky = entity_iri(dist, "person-trotsky")
    assert (trotsky, RDF.type, SDO.Person) in entities
    corpus = graph(dist / "data" / "corpus" / "entities.jsonld")
    assert set(corpus.subjects(RDF.type, SDO.Person)) == set(
        entities.subjects(RDF.type, SDO.Person)
    )


def test_names_variants_without_brackets(dist, entities):
    trotsky = entity_iri(dist, "person-trotsky")
    assert entities.value(trotsky, SDO.name) == Literal("Leon Trotsky")
    assert set(map(str, entities.objects(trotsky, SDO.alternateName))) == {
        "Trotsky",
        "L. Trotsky",
        "L.T.",
    }
    assert entities.value(trotsky, SDO.givenName) == Literal("Leon")
    assert entities.value(trotsky, SDO.familyName) == Literal("Trotsky")
    comintern = entity_iri(dist, "org-comintern")
    # The variant "C[ommunist] I[nternational]" reads as the main name, so it is no alternate.
    assert set(map(str, entities.objects(comintern, SDO.alternateName))) == {"Comintern", "CI"}


def test_dates_keep_their_uncertainty(dist, entities):
    besedovsky = entity_iri(dist, "person-besedovsky")
    assert entities.value(besedovsky, SDO.birthDate) == Literal("1896", datatype=XSD.gYear)
    assert entities.value(besedovsky, SDO.deathDate) == Literal("1963", datatype=XSD.gYear)
    (note,) = entities.objects(besedovsky, ED.certainty)
    assert entities.value(note, ED.property) == SDO.deathDate
    assert entities.value(note, ED.degree) == Literal("low")
    lominadze = entity_iri(dist, "person-lominadze")
    assert list(entities.objects(lominadze, ED.certainty)) == []  # certain dates carry no note

    new_stage = entity_iri(dist, "work-at-a-new-stage")
    assert entities.value(new_stage, SDO.datePublished) == Literal(
        "1928-01", datatype=XSD.gYearMonth
    )
    assert entities.value(new_stage, ED.dateText) == Literal("likely January 1928")
    new_course = entity_iri(dist, "work-new-course")
    assert entities.value(new_course, SDO.datePublished) == Literal("1923-12/1924-01")
    # A plain spelling of the ISO date is not repeated as dateText.
    assert entities.value(entity_iri(dist, "work-declaration-46"), ED.dateText) is None


def test_works_have_authors_and_urls(dist, entities):
    new_course = entity_iri(dist, "work-new-course")
    assert entities.value(new_course, SDO.author) == entity_iri(dist, "person-trotsky")
    assert entities.value(new_course, SDO.url) == URIRef(
        "https://www.wsws.org/en/special/library/the-new-course-leon-trotsky-1924/00.html"
    )
    crisis = entity_iri(dist, "work-crisis-of-the-revolution")
    authors = set(entities.objects(crisis, SDO.author))
    assert authors == {
        entity_iri(dist, p) for p in ("person-yakovin", "person-solntsev", "person-stopalov")
    }
    degrees = {
        (entities.value(n, ED.value), str(entities.value(n, ED.degree)))
        for n in entities.objects(crisis, ED.certainty)
    }
    assert degrees == {(a, "medium") for a in authors}  # "likely co-authored"


def test_description_from_the_note(dist, entities):
    description = str(entities.value(entity_iri(dist, "place-moscow"), SDO.description))
    assert description.startswith("The opposition of 1923 was defeated in Moscow")
    assert "  " not in description and "\n" not in description


def test_same_as_only_where_the_registry_has_an_idno(entities, master):
    with_idno = [
        entry.get("{http://www.w3.org/XML/1998/namespace}id")
        for entry in master.xpath("/tei:TEI/tei:standOff/*/*[@xml:id]", namespaces=TEI_NS)
        if any(
            i.get("type", "").lower() in ("wikidata", "viaf", "gnd", "url")
            for i in entry.iter("{*}idno")
        )
    ]
    with_same_as = {str(s).rsplit("#", 1)[1] for s in entities.subjects(SDO.sameAs, None)}
    assert with_same_as == set(
        with_idno
    )  # so far the registers hold no identifier: none is invented


SAME_AS_TEI = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><standOff><listPerson>
<person xml:id="person-a"><persName type="main">A</persName>
  <idno type="wikidata">Q42</idno><idno type="VIAF">113230702</idno>\
<idno type="GND">118624024</idno>
  <idno type="local">a-1</idno></person>
<person xml:id="person-b"><persName type="main">B</persName></person>
</listPerson></standOff></TEI>"""


def test_same_as_gives_full_authority_uris(tmp_path):
    root = parse_bytes(SAME_AS_TEI, "same-as.xml").getroot()
    entries = list(read_entries(root, "same-as.xml"))
    links = Linker("urn:x-edition:", "data/d/entities.jsonld")
    known = {e.id: e for e in entries}
    g = Graph().parse(
        data=json.dumps(register_document([entity_node(e, links, known) for e in entries])),
        format="json-ld",
    )
    a, b = (URIRef(f"urn:x-edition:data/corpus/entities.jsonld#person-{x}") for x in "ab")
    assert set(g.objects(a, SDO.sameAs)) == {
        URIRef("http://www.wikidata.org/entity/Q42"),
        URIRef("http://viaf.org/viaf/113230702"),
        URIRef("https://d-nb.info/gnd/118624024"),
    }
    assert list(g.objects(b, SDO.sameAs)) == []


def test_malformed_idno_in_a_master_is_refused_with_its_line():
    data = SAME_AS_TEI.replace(b">Q42<", b">Trotsky<")
    root = parse_bytes(data, "bad.xml").getroot()
    with pytest.raises(EditionError) as info:
        list(read_entries(root, "bad.xml"))
    assert str(info.value) == (
        "bad.xml:3: 'person-a' has a malformed wikidata idno 'Trotsky': "
        "expected a Wikidata item id (Q followed by digits)"
    )


def test_passages_mention_their_entities(dist, entities):
    passage = URIRef((dist / DOC / "index.html").resolve().as_uri() + "#sec-2-A-p6")
    assert (passage, SDO.mentions, entity_iri(dist, "place-moscow")) in entities
    register = URIRef((dist / DOC / "index.html").resolve().as_uri() + "#place-moscow")
    assert (entity_iri(dist, "place-moscow"), SDO.subjectOf, register) in entities


# ----------------------------------------------------------------------------- Web Annotations


def test_one_annotation_per_tagged_mention(annotations, master):
    mentions = master.xpath(MENTION_XPATH, namespaces=TEI_NS)
    in_rdg = master.xpath(MENTION_XPATH + "[ancestor::tei:rdg]", namespaces=TEI_NS)
    on_title_page = master.xpath(MENTION_XPATH + "[ancestor::tei:titlePage]", namespaces=TEI_NS)
    assert in_rdg  # the seed has names inside variant readings: apparatus, not annotated
    expected = len(mentions) - len(in_rdg) - len(on_title_page)
    assert (
        len(set(annotations.subjects(RDF.type, OA.Annotation)))
        == expected
        == annotated_count(master)
    )


def test_annotations_identify_registered_entities(annotations, entities):
    registered = set(entities.subjects(RDF.type, None))
    items = set(annotations.subjects(RDF.type, OA.Annotation))
    assert {annotations.value(a, OA.motivatedBy) for a in items} == {OA.identifying}
    bodies = {annotations.value(a, OA.hasBody) for a in items}
    assert bodies <= registered
    selectors = [
        annotations.value(annotations.value(a, OA.hasTarget), OA.hasSelector) for a in items
    ]
    assert {annotations.value(s, RDF.type) for s in selectors} == {OA.TextQuoteSelector}


def test_annotation_targets_resolve_in_the_reading_edition(annotation_items, page):
    assert annotation_items
    texts: dict[str, str] = {}
    for item in annotation_items:
        source = item["target"]["source"]
        assert source.startswith(f"../../{DOC}/index.html#"), source
        passage = source.split("#", 1)[1]
        assert passage in page, f"{passage} is not an id of index.html"
        text = texts.setdefault(passage, reading_text(page[passage]))
        selector = item["target"]["selector"]
        assert selector["exact"] in text, (passage, selector["exact"])
        quoted = " ".join(
            (selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")).split()
        )
        assert quoted in text, (passage, quoted)
        assert len(selector.get("prefix", "")) <= 32 and len(selector.get("suffix", "")) <= 32


def test_annotation_ids_are_the_ids_of_the_names_in_the_page(annotation_items, page):
    for item in annotation_items:
        mention = item["id"].split("#", 1)[1]
        assert mention in page, mention
        assert reading_text(page[mention]) == item["target"]["selector"]["exact"]


def test_exact_is_read_with_expansions_and_without_brackets(annotation_items):
    exact = {i["id"].split("#")[1]: i["target"]["selector"]["exact"] for i in annotation_items}
    assert "Communist International" in exact.values()  # C[ommunist] I[nternational]
    assert not any("[" in e or "]" in e for e in exact.values())


# ----------------------------------------------------------------------------- passage text


PASSAGE_TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div xml:id="sec-1">
<head>On the <orgName ref="#org-ci">C<ex>ommunist</ex> I<ex>nternational</ex></orgName></head>
<p xml:id="sec-1-p1">The line of <persName ref="#person-l">Lenin</persName>,\
<ref type="noteAnchor" target="#n1">1</ref>
 as <supplied reason="editorial">we</supplied> read it in
 <app><lem wit="#w1"><placeName ref="#place-m">Moscow</placeName></lem>\
<rdg wit="#w2"><placeName ref="#place-p">Paris</placeName></rdg></app>.</p>
</div></body></text></TEI>"""


def test_passage_text_as_read():
    root = parse_bytes(PASSAGE_TEI.encode(), "t.xml").getroot()
    p = root.find(".//{http://www.tei-c.org/ns/1.0}p")
    assert read_text(p) == "The line of Lenin, as we read it in Moscow."


def test_mentions_with_quote_selectors():
    root = parse_bytes(PASSAGE_TEI.encode(), "t.xml").getroot()
    kinds = {"org-ci": "org", "person-l": "person", "place-m": "place", "place-p": "place"}
    found = [
        (m.mention_id, m.passage_id, m.prefix, m.exact, m.suffix)
        for m in find_mentions(root, kinds, "t.xml")
    ]
    assert found == [
        (
            "sec-1-m1",
            "sec-1",
            "On the ",
            "Communist International",
            " The line of Lenin, as we read i",
        ),
        ("sec-1-p1-m1", "sec-1-p1", "The line of ", "Lenin", ", as we read it in Moscow."),
        (
            "sec-1-p1-m2",
            "sec-1-p1",
            "line of Lenin, as we read it in ",
            "Moscow",
            ".",
        ),  # 32 characters
    ]  # Paris, in the rdg, is not a mention of the text as read (but keeps its ordinal, m3)


def test_mention_of_an_entry_missing_from_standoff_is_an_error():
    root = parse_bytes(PASSAGE_TEI.encode(), "t.xml").getroot()
    with pytest.raises(EditionError) as info:
        list(find_mentions(root, {"person-l": "person"}, "t.xml"))
    assert str(info.value) == "t.xml:2: 'orgName' refers to '#org-ci', which is not in standOff"


def test_mention_without_text_as_read_is_an_error():
    data = PASSAGE_TEI.replace(
        '<persName ref="#person-l">Lenin</persName>',
        '<persName ref="#person-l"><ref type="noteAnchor">2</ref></persName>',
    )
    root = parse_bytes(data.encode(), "t.xml").getroot()
    kinds = {"org-ci": "org", "person-l": "person", "place-m": "place", "place-p": "place"}
    with pytest.raises(EditionError) as info:
        list(find_mentions(root, kinds, "t.xml"))
    assert str(info.value) == "t.xml:3: 'persName' referring to '#person-l' has no text as read"


# ----------------------------------------------------------------------------- CSV


def test_csv_rows_match_entries_and_mentions(dist, master, annotation_items):
    folder = dist / "data" / DOC
    entries = rows(folder / "entities.csv")
    assert len(entries) == entry_count(master) > 60
    assert list(entries[0]) == [
        "id",
        "kind",
        "name",
        "variants",
        "dates",
        "description",
        "authority_ids",
        "mentions",
    ]
    mentions = rows(folder / "mentions.csv")
    assert len(mentions) == len(annotation_items) == annotated_count(master)
    assert [m["mention_id"] for m in mentions] == [i["id"].split("#")[1] for i in annotation_items]
    assert sum(int(e["mentions"]) for e in entries) == len(mentions)
    by_id = {e["id"]: e for e in entries}
    assert by_id["person-trotsky"]["variants"] == "Trotsky | L. Trotsky | L.T."
    assert by_id["person-besedovsky"]["dates"] == "1896/1963?"
    assert by_id["work-new-course"]["dates"] == "1923-12/1924-01"
    assert by_id["person-trotsky"]["authority_ids"] == ""


def test_csv_is_rfc4180_utf8_with_crlf(dist):
    data = (dist / "data" / DOC / "mentions.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") >= 174 and b"\n" not in data.replace(b"\r\n", b"")
    data.decode("utf-8")


def test_corpus_csv_lists_occurrences(dist, master):
    corpus = {r["id"]: r for r in rows(dist / "data" / "corpus" / "entities.csv")}
    moscow = corpus["place-moscow"]
    assert moscow["documents"] == DOC
    assert f"{DOC}#sec-2-A-p6" in moscow["occurrences"].split()
    mentions = rows(dist / "data" / "corpus" / "mentions.csv")
    assert {m["document"] for m in mentions} == {DOC} and len(mentions) == annotated_count(master)


# ----------------------------------------------------------------------------- citations


def test_csl_json_from_the_header(dist, master):
    (item,) = json.loads((dist / "data" / DOC / "citation.json").read_text("utf-8"))
    header_title = master.findtext(
        "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='main']", namespaces=TEI_NS
    )
    web_date = master.find(
        "tei:teiHeader//tei:sourceDesc/tei:bibl[@type='web']/tei:date", TEI_NS
    ).get("when")
    assert item["id"] == DOC and item["title"] == header_title
    assert web_date == "2025-09-11" and item["issued"] == {"date-parts": [[2025, 9, 11]]}
    assert item["original-date"] == {"date-parts": [[1932]]}
    assert item["author"] == [{"literal": "Soviet Bolshevik-Leninists"}]
    assert item["publisher"] == "World Socialist Web Site"
    assert "URL" not in item  # the .toml gives none


def test_bibtex_has_key_and_fields(dist):
    library = bibtexparser.parse_string((dist / "data" / DOC / "citation.bib").read_text("utf-8"))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "online" and entry.key == DOC
    assert entry.fields_dict["title"].value == "The Tactics and Tasks of the Leninist Opposition"
    assert (
        entry.fields_dict["author"].value == "{Soviet Bolshevik-Leninists}"
    )  # corporate: never split
    assert entry.fields_dict["date"].value == "2025-09-11"
    assert entry.fields_dict["origdate"].value == "1932"
    assert "url" not in entry.fields_dict


def test_citation_cff(dist):
    cff = yaml.safe_load((dist / "CITATION.cff").read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["authors"] == [{"name": "Edition pipeline project"}]
    assert cff["date-released"] == "2026-11-26" and cff["version"] == "1.0"
    assert cff["title"] == "The Tactics and Tasks of the Leninist Opposition: A TEI edition"
    assert "license" not in cff  # the rights are restricted; no licence is stated
    (reference,) = cff["references"]
    assert (
        reference["publisher"] == {"name": "World Socialist Web Site"}
        and reference["year-original"] == 1932
    )


# ----------------------------------------------------------------------------- the command


def make_project(tmp_path: Path) -> Path:
    """A copy of the project's sources and the seed master."""
    root = tmp_path / "project"
    (root / "tei" / "source").mkdir(parents=True)
    for name in (f"{DOC}.md", f"{DOC}.toml"):
        shutil.copy(ROOT / "tei" / "source" / name, root / "tei" / "source")
    shutil.copy(MASTER, root / "tei")
    shutil.copytree(ROOT / "tei" / "authority", root / "tei" / "authority")
    return root


def test_command_writes_every_file_and_reports_figures(tmp_path):
    root = make_project(tmp_path)
    result = CliRunner().invoke(export_command, ["--root", str(root)])
    assert result.exit_code == 0, result.output
    master = parse_file(MASTER).getroot()
    passages = len(master.xpath("/tei:TEI/tei:text//*[@xml:id]", namespaces=TEI_NS))
    figures = (
        f"{DOC}: {entry_count(master)} entries, {annotated_count(master)} annotations, "
        f"{passages} citable passages, "
    )
    assert figures in result.output
    folder = root / "dist" / "data" / DOC
    assert sorted(p.name for p in folder.iterdir()) == [
        "annotations.jsonld",
        "citation.bib",
        "citation.json",
        "entities.csv",
        "entities.jsonld",
        "mentions.csv",
    ]
    assert (root / "dist" / "CITATION.cff").is_file() and (root / "dist" / "corpus.xml").is_file()
    assert (root / "dist" / "data" / "README.md").read_text("utf-8").startswith("# dist/data/")
    again = CliRunner().invoke(export_command, ["--root", str(root)])
    assert (
        again.exit_code == 0 and "wrote 0 file(s), 12 unchanged" in again.output
    )  # byte-identical


def test_base_url_gives_absolute_iris(tmp_path):
    root = make_project(tmp_path)
    result = CliRunner().invoke(
        export_command, ["--root", str(root), "--base-url", "urn:x-edition:"]
    )
    assert result.exit_code == 0, result.output
    items = json.loads((root / "dist" / "data" / DOC / "annotations.jsonld").read_text("utf-8"))[
        "first"
    ]["items"]
    assert (
        items[0]["body"]
        == "urn:x-edition:data/corpus/entities.jsonld#work-crisis-of-the-revolution"
    )
    assert items[0]["target"]["source"] == f"urn:x-edition:{DOC}/index.html#intro-p1"
    assert items[0]["id"] == f"urn:x-edition:data/{DOC}/annotations.jsonld#intro-p1-m1"


@pytest.mark.parametrize("base", ["edition/", "https://example.org/edition"])
def test_unusable_base_url_is_refused(tmp_path, base):
    root = make_project(tmp_path)
    result = CliRunner().invoke(export_command, ["--root", str(root), "--base-url", base])
    assert result.exit_code == 2  # a usage error
    assert "Invalid value for '--base-url': must " in result.output
    assert not (root / "dist").exists()


def test_url_in_the_toml_is_cited(tmp_path):
    root = make_project(tmp_path)
    toml = root / "tei" / "source" / f"{DOC}.toml"
    toml.write_text(
        toml.read_text("utf-8").replace(
            'date = "2025-09-11"', 'date = "2025-09-11"\nurl = "https://example.org/tactics"'
        ),
        "utf-8",
    )
    assert CliRunner().invoke(export_command, ["--root", str(root)]).exit_code == 0
    (item,) = json.loads((root / "dist" / "data" / DOC / "citation.json").read_text("utf-8"))
    assert item["URL"] == "https://example.org/tactics"
    entry = bibtexparser.parse_string(
        (root / "dist" / "data" / DOC / "citation.bib").read_text("utf-8")
    ).entries[0]
    assert entry.fields_dict["url"].value == "https://example.org/tactics"


def test_missing_master_is_one_line_error(tmp_path):
    root = make_project(tmp_path)
    (root / "tei" / f"{DOC}.xml").unlink()
    result = CliRunner().invoke(export_command, ["--root", str(root)])
    assert result.exit_code == 1
    assert result.output == f"{root}/tei/{DOC}.xml: no TEI master (run 'edition build' first)\n"


# ----------------------------------------------------------------------------- bad registry input


def break_trotsky(authority: Path) -> int:
    """Give person-trotsky a malformed Wikidata id; return the idno's line."""
    persons = authority / "persons.xml"
    lines = persons.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if 'persName type="variant">L.T.<' in line)
    lines.insert(at + 1, '        <idno type="wikidata">Trotsky</idno>')
    persons.write_text("\n".join(lines), "utf-8")
    return at + 2


def test_malformed_registry_idno_stops_export(tmp_path):
    root = make_project(tmp_path)
    line = break_trotsky(root / "tei" / "authority")
    result = CliRunner().invoke(export_command, ["--root", str(root)])
    assert result.exit_code == 1
    assert result.output == (
        f"{root}/tei/authority/persons.xml:{line}: 'person-trotsky' has a malformed wikidata idno "
        "'Trotsky': expected a Wikidata item id (Q followed by digits)\n"
    )
    assert not (root / "dist").exists()


def test_malformed_registry_idno_fails_validation(tmp_path):
    from pipeline.validate import validate_file

    root = make_project(tmp_path)
    line = break_trotsky(root / "tei" / "authority")
    problems = [
        d for d in validate_file(root / "tei" / "authority" / "persons.xml") if d.code == "E-IDNO"
    ]
    assert [(d.location.line, d.message) for d in problems] == [
        (
            line,
            "idno of type 'wikidata' is not a Wikidata item id (Q followed by digits): 'Trotsky'",
        )
    ]


def test_mention_ids_are_the_reading_editions(master):
    """The stylesheets compute a mention's id and the export reads it: every exported
    mention id is the id of its name's link in the HTML reading edition."""
    import re

    from pipeline.render.xslt import render

    html = render("html", ROOT / "tei" / f"{DOC}.xml").output.decode("utf-8")
    html_ids = set(re.findall(r'\bid="([^"]+)"', html))
    kinds = {
        e.get("{http://www.w3.org/XML/1998/namespace}id"): "entry"
        for e in master.find("{http://www.tei-c.org/ns/1.0}standOff").iter()
        if e.get("{http://www.w3.org/XML/1998/namespace}id")
    }
    mentions = list(find_mentions(master, kinds, "seed"))
    assert len(mentions) > 50
    assert [m.mention_id for m in mentions if m.mention_id not in html_ids] == []


def test_a_mention_outside_any_passage_gets_the_id_the_html_gives_it():
    """A name whose only host is the root: f:mention-id names the root by its position
    path (e-1), and so does the export now (it used to say 'TEI-m1')."""
    tei = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><p>'
        '<persName ref="#person-a">A</persName></p></div></body></text>'
        '<standOff><listPerson><person xml:id="person-a"><persName>A</persName></person>'
        "</listPerson></standOff></TEI>"
    )
    root = parse_bytes(tei.encode(), "t.xml").getroot()
    assert [m.mention_id for m in find_mentions(root, {"person-a": "person"}, "t.xml")] == [
        "e-1-m1"
    ]
