"""Each TEI convention in one place (pipeline/conventions): the layers that used to keep
their own copies (registry loader, integrity rules, converter, export, deposit, PDF) now
agree, because they read the same table."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.conventions import dates, header, identifiers, kinds
from pipeline.entities import load_registry
from pipeline.errors import EditionError
from pipeline.export.entries import same_as
from pipeline.validate import rules
from pipeline.validate.locate import Locator
from pipeline.xmlsafe import NSMAP, parse_bytes, parse_file, tei

ROOT = Path(__file__).resolve().parents[1]
TEI = "http://www.tei-c.org/ns/1.0"
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>Register</title></titleStmt>"
    "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>"
    "</fileDesc></teiHeader>"
)


def test_every_registry_file_is_spelled_as_its_kind_says() -> None:
    for kind in kinds.KINDS:
        root = parse_file(ROOT / "tei" / "authority" / kind.filename).getroot()
        lists = root.findall(f"tei:standOff/tei:{kind.list_tag}", NSMAP)
        assert len(lists) == 1, kind.filename
        entries = lists[0].findall(f".//tei:{kind.entry_tag}", NSMAP)
        assert entries, kind.filename
        for entry in entries:
            assert entry.get("{http://www.w3.org/XML/1998/namespace}id", "").startswith(kind.prefix)
            assert entry.find(f"tei:{kind.name_tag}[@type='main']", NSMAP) is not None


def test_mentions_point_to_the_kind_of_their_name_element() -> None:
    assert dict(kinds.MENTION_KINDS) == {
        "persName": "person",
        "orgName": "org",
        "placeName": "place",
        "title": "work",
        "rs": "work",
    }
    for name, kind in kinds.MENTION_KINDS.items():
        element = etree.Element(tei(name))
        assert rules.expected_kinds(element, "ref") == (kind,)


def _registry(directory: Path, idno_type: str, value: str) -> None:
    for kind in kinds.KINDS:
        body = (
            f'<person xml:id="person-a"><persName type="main">A</persName>'
            f'<idno type="{idno_type}">{value}</idno></person>'
            if kind.kind == "person"
            else ""
        )
        (directory / kind.filename).write_text(
            f'<TEI xmlns="{TEI}">{HEADER}<standOff><{kind.list_tag}>{body}'
            f"</{kind.list_tag}></standOff></TEI>",
            encoding="utf-8",
        )


def _loader_accepts(directory: Path) -> bool:
    try:
        load_registry(directory)
    except EditionError:
        return False
    return True


def _rules_accept(directory: Path) -> bool:
    tree = parse_file(directory / "persons.xml")
    doc = rules.Document(tree, Locator(tree, "persons.xml"))
    return list(rules.check_idno(doc)) == []


def _export_accepts(directory: Path) -> bool:
    entry = parse_file(directory / "persons.xml").getroot().find(".//tei:person", NSMAP)
    assert entry is not None
    try:
        same_as(entry, "persons.xml")
    except EditionError:
        return False
    return True


@pytest.mark.parametrize("case", [str.lower, str.upper], ids=["lower", "upper"])
@pytest.mark.parametrize(
    ("scheme", "value", "valid"),
    [
        ("wikidata", "Q42", True),
        ("wikidata", "42", False),
        ("viaf", "113230702", True),
        ("viaf", "0123", False),
        ("viaf", "١٢٣٤", False),  # Arabic-Indic digits are not VIAF's digits
        ("gnd", "118624024", True),
        ("gnd", "4005728-8", True),
        ("gnd", "abc", False),
    ],
)
def test_loader_rules_and_export_agree_on_identifiers(
    tmp_path: Path, case: object, scheme: str, value: str, valid: bool
) -> None:
    """Before, the loader lower-cased @type and the rules did not, and their patterns
    differed (``\\d`` matched any script's digits): "VIAF" escaped the rules."""
    assert callable(case)
    _registry(tmp_path, case(scheme), value)
    verdicts = (_loader_accepts(tmp_path), _rules_accept(tmp_path), _export_accepts(tmp_path))
    assert verdicts == (valid, valid, valid)


def test_identifier_schemes_are_read_in_any_case() -> None:
    idno = etree.Element(tei("idno"), type="VIAF")
    idno.text = " 113230702 "
    scheme = identifiers.scheme_of(idno)
    assert scheme is identifiers.SCHEMES["viaf"]
    assert identifiers.idno_value(idno) == "113230702"
    assert scheme.uri.format(identifiers.idno_value(idno)) == "http://viaf.org/viaf/113230702"


def _tei_header(titles: str) -> etree._Element:
    return parse_bytes(
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt>{titles}</titleStmt>'
        "</fileDesc></teiHeader></TEI>".encode(),
        "test",
    ).getroot()


def test_main_title_is_the_one_typed_main_else_the_first() -> None:
    typed = _tei_header('<title type="sub">Sub</title><title type="main">Main\n  Title</title>')
    assert header.full_title(typed) == "Main Title: Sub"
    untyped = _tei_header("<title>First</title><title>Second</title>")
    assert header.full_title(untyped) == "First"
    assert header.main_title(_tei_header("")) is None
    teiheader = typed.find("tei:teiHeader", NSMAP)
    assert teiheader is not None
    assert header.full_title(teiheader) == "Main Title: Sub"


def test_an_author_is_named_without_the_identifiers_it_holds() -> None:
    """DraCor's authors hold a persName and idno elements: the name is the persName's
    text; a plain author is its text; the PDF, bag-info and export read it so."""
    dracor = _tei_header(
        "<title>Nathan der Weise</title><author><persName><forename>Gotthold</forename>\n"
        "  <forename>Ephraim</forename> <surname>Lessing</surname></persName>\n"
        '  <idno type="wikidata">Q34628</idno><idno type="pnd">118572121</idno></author>'
        "<author>Carroll, Lewis [pseud.] (1832-1898).</author><author> </author>"
    )
    assert header.author_names(dracor) == (
        "Gotthold Ephraim Lessing",
        "Carroll, Lewis [pseud.] (1832-1898).",
    )
    teiheader = dracor.find("tei:teiHeader", NSMAP)
    assert teiheader is not None and header.author_names(teiheader) == header.author_names(dracor)


@pytest.mark.parametrize(
    ("statement", "date"),
    [
        ('<date when="2026-11-26">26 November 2026</date>', "2026-11-26"),
        ("<date>2014</date>", "2014"),
        ('<date when="2023">2023</date>', "2023"),
        ("<date>Summer 2014</date>", ""),
        ("<p>no date</p>", ""),
    ],
)
def test_the_publication_date_is_when_else_an_iso_text(statement: str, date: str) -> None:
    root = parse_bytes(
        f"<TEI xmlns='{TEI}'><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>"
        f"<publicationStmt><publisher>P</publisher>{statement}</publicationStmt>"
        "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader></TEI>".encode(),
        "test",
    ).getroot()
    assert header.publication_date(root) == date


@pytest.mark.parametrize(
    ("value", "iso", "full"),
    [
        ("1932", True, False),
        ("1932-09", True, False),
        ("1932-09-11", True, True),
        ("1932-9-11", False, False),
        ("11 September 1932", False, False),
        ("-0500", False, False),
    ],
)
def test_iso_dates(value: str, iso: bool, full: bool) -> None:
    assert dates.is_iso_date(value) is iso
    assert dates.is_full_date(value) is full


def test_the_reading_edition_reads_identifier_types_in_any_case() -> None:
    """html.xsl links an idno whatever the case of its @type, as the Python layers read it
    ("URI" is TEI's usual spelling; the registers used to link only that one)."""
    import re

    from pipeline.render.xslt import render

    tei = (
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>"
        '</fileDesc></teiHeader><text><body><div><p><persName ref="#person-a">A</persName>'
        '</p></div></body></text><standOff><listPerson><person xml:id="person-a">'
        '<persName type="main">A</persName><idno type="url">https://example.org/a</idno>'
        '<idno type="URI">https://example.org/b</idno><idno type="WikiData">Q42</idno>'
        "</person></listPerson></standOff></TEI>"
    )
    html = render("html", tei.encode()).output.decode("utf-8")
    assert re.findall(r'<a class="idno" href="([^"]+)"', html) == [
        "https://example.org/a",
        "https://example.org/b",
        "https://www.wikidata.org/wiki/Q42",
    ]
