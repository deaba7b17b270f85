"""Passage-level citation in the HTML: a "cite this passage" permalink on every citable
passage, and citation metadata (Highwire, Dublin Core) in the head, from the teiHeader."""

from __future__ import annotations

import lxml.html
import pytest
from conftest import ROOT, TEI_NS
from lxml import etree

from pipeline.render.xslt import render

MASTER = ROOT / "tei" / "tactics-and-tasks.xml"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def page() -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render("html", MASTER, {"build-date": "2026-11-26"}).output)


@pytest.fixture(scope="module")
def tei() -> etree._Element:
    return etree.parse(str(MASTER)).getroot()


def meta(page: lxml.html.HtmlElement, name: str) -> list[str]:
    return page.xpath(f"//head/meta[@name='{name}']/@content")


def test_head_carries_highwire_and_dublin_core_metadata(page, tei):
    title = tei.xpath("string(//tei:titleStmt/tei:title[@type='main'])", namespaces=TEI_NS)
    assert meta(page, "citation_title") == [title] == meta(page, "DC.title")
    assert (
        meta(page, "citation_author") == ["Soviet Bolshevik-Leninists"] == meta(page, "DC.creator")
    )
    assert meta(page, "citation_publication_date") == ["2025/09/11"]
    assert meta(page, "citation_publisher") == ["World Socialist Web Site"]
    assert meta(page, "citation_language") == ["en"] == meta(page, "DC.language")
    assert meta(page, "DC.date") == ["1932"]
    assert meta(page, "DC.identifier") == ["tactics-and-tasks"]
    assert "World Socialist Web Site" in meta(page, "DC.rights")[0]
    assert page.xpath("//head/link[@rel='schema.DC']/@href") == ["http://purl.org/dc/elements/1.1/"]
    assert not meta(page, "citation_public_url"), "no URL is invented when none is configured"


def test_every_citable_passage_has_one_cite_link_to_its_own_id(page, tei):
    citable = tei.xpath(
        "//tei:text//tei:p[@xml:id][not(ancestor::tei:note)]"
        " | //tei:text//tei:div[@xml:id][tei:head]"
        " | //tei:back//tei:note[@xml:id]",
        namespaces=TEI_NS,
    )
    links = page.xpath("//main//a[contains(@class, 'cite-link')]")
    assert sorted(a.get("href") for a in links) == sorted(f"#{e.get(XML_ID)}" for e in citable)
    assert (
        len(links) == len(citable) == 86 + 3 + 11 + 24
    )  # body paragraphs, intro, divisions, notes
    for link in links:
        target = page.get_element_by_id(link.get("href")[1:])
        assert link in target.iter("a"), "the link sits in (or in the heading of) its passage"
        assert link.get("data-citation").endswith(f"(#{target.get('id')}).")


def test_passage_citations_name_the_passage(page):
    def citation(passage_id: str) -> str:
        return page.xpath(
            f"//a[@href='#{passage_id}'][contains(@class, 'cite-link')]/@data-citation"
        )[0]

    assert citation("sec-2-A-p3").startswith(
        "Soviet Bolshevik-Leninists, “The Tactics and Tasks of the Leninist Opposition” (1932)"
    )
    assert "§2.A\u00a0¶3 (#sec-2-A-p3)." in citation("sec-2-A-p3")
    assert "§III\u00a0¶1 (#sec-III-p1)." in citation("sec-III-p1")
    assert "Note\u00a09 (#n9)." in citation("n9")
    assert "§2.B (#sec-2-B)." in citation("sec-2-B")
    assert len(page.xpath("//dialog[@id='cite-dialog']")) == 1
