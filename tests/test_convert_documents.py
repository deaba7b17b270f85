"""Two transcripts of our own, in the seed's form but with other combinations of its
features: the same rules must give the right structure without tuning."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEI_NS
from lxml import etree

DOCS = Path(__file__).parent / "fixtures" / "documents"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def convert(name: str):
    from pipeline.convert import convert_file

    return convert_file(DOCS / f"{name}.md")


def xp(node, path):
    return node.xpath(path, namespaces=TEI_NS)


def test_circular_letter_roman_sections_at_level_three_and_lowercase_subsections():
    result = convert("circular-letter")
    tei = etree.fromstring(result.tei)
    sections = xp(tei, "//tei:body/tei:div")
    assert [(s.get("n"), s.get(XML_ID)) for s in sections] == [
        ("I", "sec-I"),
        ("II", "sec-II"),
        ("III", "sec-III"),
    ]
    assert [
        s.get("n") for s in xp(tei, "//tei:div[@xml:id='sec-II']/tei:div[@type='subsection']")
    ] == ["a", "b"]
    assert xp(tei, "//tei:body//tei:p[@n]/@n") == ["1", "2"]
    assert xp(tei, "string(//tei:docDate/@when)") == "1930-03"
    assert xp(tei, "string(//tei:docAuthor)") == "The Centre of the Bolshevik-Leninists"
    assert len(xp(tei, "//tei:front/tei:div[@type='introduction']/tei:p")) == 1
    # one page-break join, inside a thesis
    assert result.document.merges and len(result.document.merges) == 1
    assert "must take stock of it calmly" in "".join(
        xp(tei, "//tei:p[@xml:id='sec-I-p1']")[0].itertext()
    )
    # notes without a numbered list: the three last paragraphs, all anchored
    notes = xp(tei, "//tei:back//tei:note")
    assert [n.get("target") for n in notes] == ["#n1-ref", "#n2-ref", "#n3-ref"]
    assert xp(tei, "//tei:div[@xml:id='sec-III']/tei:p/text()") == ["Forward."]
    assert not xp(tei, "//tei:listWit") and not xp(tei, "//tei:app")
    assert [e.text for e in xp(tei, "//tei:expan")] == ["co"]
    assert [s.text for s in xp(tei, "//tei:supplied")] == ["party", "15th"]


def test_bulletin_report_notes_heading_without_anchors_and_arabic_sections():
    result = convert("bulletin-report")
    tei = etree.fromstring(result.tei)
    sections = xp(tei, "//tei:body/tei:div")
    assert [(s.get("n"), s.get(XML_ID)) for s in sections] == [
        ("1", "sec-1"),
        ("2", "sec-2"),
        (None, "sec-3"),
    ]
    assert xp(tei, "string(//tei:div[@xml:id='sec-3']/tei:head)") == "Appendix"
    assert xp(tei, "//tei:div[@xml:id='sec-2']/tei:div/@n") == ["A"]
    notes = xp(tei, "//tei:back//tei:note")
    assert [(n.get("n"), n.get("subtype"), n.get("target")) for n in notes] == [
        ("1", "unanchored", None),
        ("2", "unanchored", None),
    ]
    assert not xp(tei, "//tei:ref[@type='noteAnchor']")
    # the title comes from the .toml when the transcript has no level-1 heading
    assert xp(tei, "string(//tei:titleStmt/tei:title[@type='main'])") == "Report on the Meeting"
    messages = [str(d) for d in result.diagnostics]
    assert any("no level-1 heading" in m for m in messages)
    assert sum("has no anchor" in m for m in messages) == 2


@pytest.mark.parametrize("name", ["circular-letter", "bulletin-report"])
def test_documents_conserve_their_text(name):
    from pipeline.validate.conservation import check_conservation

    result = convert(name)
    assert (
        check_conservation(
            etree.ElementTree(etree.fromstring(result.tei)), f"{name}.xml", DOCS / f"{name}.md"
        )
        == []
    )
