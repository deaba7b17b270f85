"""The print edition's HTML (xslt/print.xsl): html.xsl with footnotes and page furniture.

Checked on the seed master and on every XSLT fixture: the notes are footnotes at their
first anchor, numbered by the TEI's note number, each note printed exactly once; the
unanchored note is an endnote flagged as such; the contents, the apparatus pointers and
the registers link to ids that exist; the running text is the reading edition's running
text; the page carries what WeasyPrint needs (print.css inlined, metadata, no script,
nothing fetched from outside).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from regenerate_expected import ROOT, Fixture, fixtures

from pipeline.render.xslt import render
from pipeline.xmlsafe import NSMAP, XML_ID, parse_file

MASTER = ROOT / "tei" / "tactics-and-tasks.xml"
FIXTURES = fixtures()

#: Inline elements WeasyPrint lays out in a line (for the white-space invariant).
INLINE = {"a", "span", "i", "b", "em", "strong", "cite", "q", "code", "abbr", "sup", "sub", "small"}


def by_name(name: str) -> Fixture:
    return next(f for f in FIXTURES if f.name == name)


@cache
def print_page(path: Path, **params: str | bool) -> tuple[lxml.html.HtmlElement, tuple[str, ...]]:
    """print.html of a TEI file, parsed, and the stylesheet's messages."""
    result = render("print", path, params)
    return lxml.html.fromstring(result.output), result.warnings


def master() -> lxml.html.HtmlElement:
    return print_page(MASTER)[0]


def fixture_page(name: str) -> lxml.html.HtmlElement:
    fixture = by_name(name)
    return print_page(fixture.path, **fixture.params)[0]


def text_of(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def without(el: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement:
    """A copy of ``el`` with the elements ``xpath`` selects removed (their tails kept)."""
    clone = lxml.html.fromstring(lxml.html.tostring(el))
    for found in clone.xpath(xpath):
        found.drop_tree()
    return clone


def tei_root(path: Path) -> etree._Element:
    return parse_file(path).getroot()


def anchored_notes(tei: etree._Element) -> list[etree._Element]:
    return [
        n
        for n in tei.xpath("//tei:back/tei:div[@type='notes']/tei:note", namespaces=NSMAP)
        if tei.xpath(
            f"//tei:text//tei:ref[@type='noteAnchor'][@target='#{n.get(XML_ID)}']", namespaces=NSMAP
        )
    ]


# ---------------------------------------------------------------- every page


PAGES = [pytest.param(MASTER, {}, frozenset(), id="tactics-and-tasks")] + [
    pytest.param(f.path, f.params, f.expect_unhandled, id=f.name) for f in FIXTURES
]


@pytest.mark.parametrize(("path", "params", "unhandled"), PAGES)
def test_links_resolve_ids_are_unique_and_nothing_is_fetched(
    path: Path, params: dict[str, str], unhandled: frozenset[str]
) -> None:
    doc, warnings = print_page(path, **params)
    ids = [el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for a in doc.xpath("//a[starts-with(@href, '#')]"):
        assert a.get("href")[1:] in ids, f"dangling link {a.get('href')}"
    # everything WeasyPrint would fetch: nothing (print.css is inlined, fonts come from pdf.py)
    assert not doc.xpath("//link | //script | //img | //iframe | //object | //embed | //*[@src]")
    assert "float: footnote" in doc.xpath("//head/style")[0].text
    assert {w.split()[1] for w in warnings if w.startswith("UNHANDLED:")} == unhandled
    assert not [w for w in warnings if w.startswith("BROKEN-REF:")]


@pytest.mark.parametrize(("path", "params", "unhandled"), PAGES)
def test_each_note_is_printed_once_as_footnote_or_flagged_endnote(
    path: Path, params: dict[str, str], unhandled: frozenset[str]
) -> None:
    doc, _ = print_page(path, **params)
    tei = tei_root(path)
    notes = tei.xpath("//tei:back/tei:div[@type='notes']/tei:note", namespaces=NSMAP)
    anchored = anchored_notes(tei)
    for note in notes:
        note_id, number = note.get(XML_ID), note.get("n")
        printed = doc.xpath(f"//*[@id='{note_id}']")
        assert len(printed) == 1, note_id
        if note in anchored:
            # a footnote, numbered by the TEI's number, inside the block of its first anchor
            span = printed[0]
            assert span.tag == "span" and span.get("class") == "footnote"
            assert span.get("data-n") == number
            first = tei.xpath(
                f"(//tei:text//tei:ref[@type='noteAnchor'][@target='#{note_id}'])[1]",
                namespaces=NSMAP,
            )[0]
            host = first.xpath("ancestor::*[@xml:id][1]")[0].get(XML_ID)
            assert span.xpath("ancestor::*[@id][1]/@id") == [host]
            assert doc.get_element_by_id(first.get(XML_ID)).getnext() is span
        else:
            item = printed[0]
            assert item.tag == "li" and item.xpath(
                "ancestor::section[contains(@class, 'endnotes')]"
            )
            assert text_of(item.xpath(".//*[@class='flag']")[0]) == "no anchor in the text"
            assert text_of(item.xpath(".//*[@class='note-num']")[0]) == f"{number}."
    # no note is numbered by CSS: every footnote states its number
    assert all(s.get("data-n") for s in doc.xpath("//span[@class='footnote']"))
    assert len(doc.xpath("//span[@class='footnote']")) == len(anchored)


@pytest.mark.parametrize(("path", "params", "unhandled"), PAGES)
def test_running_text_is_the_reading_editions(
    path: Path, params: dict[str, str], unhandled: frozenset[str]
) -> None:
    """Paragraph by paragraph, print.html reads as index.html once the notes are set
    aside: the footnotes and the white-space pass change nothing in the text."""
    doc, _ = print_page(path, **params)
    html = lxml.html.fromstring(render("html", path, params).output)
    for p in html.xpath("//main//p[@id]"):
        if p.xpath("ancestor::*[contains(@class, 'notes')]"):
            continue
        expected = text_of(
            without(
                p,
                "//span[contains(@class, 'note-anchor')] | //sup[contains(@class, 'note-ref')]"
                " | //a[contains(@class, 'cite-link')]",  # permalinks: not on paper
            )
        )
        printed = doc.get_element_by_id(p.get("id"))
        got = text_of(
            without(
                printed,
                "//span[@class='footnote'] | //*[contains(@class, 'note-call')]"
                " | //span[@class='link-url']",
            )
        )
        assert got == expected, p.get("id")


@pytest.mark.parametrize(("path", "params", "unhandled"), PAGES)
def test_no_text_run_ends_in_a_space_before_an_inline_element(
    path: Path, params: dict[str, str], unhandled: frozenset[str]
) -> None:
    """The work-around for WeasyPrint's line breaking (print.xsl, mode mp:spaces)."""
    doc, _ = print_page(path, **params)
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag not in INLINE:
            continue
        if set((el.get("class") or "").split()) & {"footnote", "note-anchor", "para"}:
            continue
        previous = el.getprevious()
        before = previous.tail if previous is not None else el.getparent().text
        assert not (before or "").endswith((" ", "\n")), lxml.html.tostring(el)[:80]


# ---------------------------------------------------------------- the seed master


def test_title_page_and_running_title() -> None:
    doc = master()
    header = doc.xpath("//header[@class='title-page']")[0]
    assert header.get("data-running-title") == "The Tactics and Tasks of the Leninist Opposition"
    assert text_of(header.find("h1")) == "The Tactics and Tasks of the Leninist Opposition"
    assert text_of(header.xpath(".//p[@class='author']")[0]) == "Soviet Bolshevik-Leninists"
    facts = {text_of(dt): text_of(dt.getnext()) for dt in header.iter("dt")}
    assert facts["Written"] == "1932, Verkhne-Uralsk Political Isolator"
    assert "11 September 2025" in facts["Web publication"]
    assert facts["Original"].startswith(
        "The Crisis of the Revolution and the Tasks of the Proletariat"
    )
    assert "holds the rights in them" in facts["Rights"]
    date = tei_root(MASTER).xpath("//tei:publicationStmt/tei:date", namespaces=NSMAP)[0]
    assert " ".join(date.text.split()) in facts["This edition"]
    citation = text_of(header.xpath(".//p[@class='citation']")[0])
    assert citation.startswith(
        "Soviet Bolshevik-Leninists, “The Tactics and Tasks of the Leninist Opposition” (1932)"
    )
    # no switches or popovers on paper
    assert not doc.xpath("//input | //button | //*[@popover] | //details")


def test_metadata_in_the_head_comes_from_the_header() -> None:
    doc = master()
    meta = {m.get("name"): m.get("content") for m in doc.xpath("//head/meta[@name]")}
    assert doc.get("lang") == "en"
    assert text_of(doc.find("head/title")) == "The Tactics and Tasks of the Leninist Opposition"
    assert meta["author"] == "Soviet Bolshevik-Leninists"
    assert meta["description"].startswith("The ninth and last chapter of a programmatic document")
    assert meta["dcterms.created"] == meta["dcterms.modified"] == "2026-11-26"


def test_contents_list_every_division_and_the_back_matter() -> None:
    doc = master()
    tei = tei_root(MASTER)
    hrefs = doc.xpath("//nav[@class='toc']//a/@href")
    divs = tei.xpath(
        "//tei:text/*/tei:div[tei:head][not(@type='notes')]//descendant-or-self::tei:div[tei:head]",
        namespaces=NSMAP,
    )
    assert hrefs[: len(divs)] == [f"#{d.get(XML_ID)}" for d in divs]
    assert hrefs[len(divs) :] == ["#notes", "#apparatus", "#about", "#registers"]
    labels = [text_of(a) for a in doc.xpath("//nav[@class='toc']//a")]
    assert "III. Our tasks in light of the foundations of Lenin's tactics" in labels
    assert "C) From the 15th Congress to the November Plenum of [19]28" in labels


def test_note_14_is_a_footnote_in_its_paragraph() -> None:
    doc = master()
    footnote = doc.get_element_by_id("n14")
    assert footnote.get("data-n") == "14"
    assert footnote.getparent().get("id") == "sec-2-D-p5"
    assert text_of(footnote).startswith(
        "Vissarion Vissarionovich Lominadze (1897-1935) was party leader in the Caucasus."
    )
    # the call sits right after "[around Stalin]." where the TEI anchor is
    before = text_of(without(footnote.getparent(), "//span[@class='footnote']"))
    assert before.endswith("from the leading faction [around Stalin].")


def test_note_9_is_flagged_in_the_endnotes() -> None:
    doc = master()
    section = doc.get_element_by_id("notes")
    assert "endnotes" in section.get("class")
    assert [li.get("id") for li in section.xpath(".//li")] == ["n9"]
    assert text_of(section.xpath(".//li")[0]) == (
        "9. no anchor in the text What is meant here are specifically workers' meetings with the "
        "participation of Oppositionists."
    )
    assert not doc.xpath("//a[@href='#n9']")


def test_apparatus_is_one_section_with_pointers_from_the_notes() -> None:
    doc = master()
    tei = tei_root(MASTER)
    apps = tei.xpath("//tei:text//tei:app[tei:rdg][not(ancestor::tei:app)]", namespaces=NSMAP)
    hosts = []
    for app in apps:
        note = app.xpath("ancestor::tei:note[1]", namespaces=NSMAP)[0].get(XML_ID)
        if note not in hosts:
            hosts.append(note)
    section = doc.get_element_by_id("apparatus")
    assert [dt.get("id") for dt in section.xpath(".//dt[@id]")] == [f"app-{h}" for h in hosts]
    assert len(section.xpath(".//li[@class='app-entry']")) == len(apps)
    for host in hosts:
        pointer = doc.get_element_by_id(host).xpath(".//a[@class='app-ref']")
        assert [a.get("href") for a in pointer] == [f"#app-{host}"]
    # sigla (the witnesses' @n), with their legend
    assert [text_of(dt) for dt in section.xpath(".//dl[@class='witnesses']/dt")] == ["A", "B"]
    entry = text_of(doc.get_element_by_id("app-n7").getnext())
    assert "leaders’ (A)] leaders' (B; orthographic)" in entry
    # the readings are never in the running text or the footnotes
    assert "Comintern's" not in text_of(doc.get_element_by_id("n4"))
    assert "Comintern’s" in text_of(doc.get_element_by_id("n4"))


def test_editorial_brackets_are_printed() -> None:
    doc = master()
    assert "opposition of B[olshevik]-L[eninists] is oriented" in text_of(
        doc.get_element_by_id("sec-1-p6")
    )
    assert "the VKP [All-Union Communist Party] and the CI [Communist International]" in text_of(
        doc.get_element_by_id("sec-1-p6")
    )


def test_running_heads_are_plain_text_markers() -> None:
    doc = master()
    tei = tei_root(MASTER)
    heads = [m.get("data-head") for m in doc.xpath("//main//div[@class='running-head']")]
    sections = tei.xpath("//tei:body/tei:div", namespaces=NSMAP)
    expected = [
        " ".join(
            filter(
                None,
                [
                    f"{d.get('n')}." if d.get("n") else None,
                    " ".join("".join(d.find("tei:head", NSMAP).itertext()).split()),
                ],
            )
        )
        for d in sections
    ]
    assert heads[: len(sections)] == expected
    assert heads[len(sections) :] == [
        "Notes without an anchor",
        "Variant readings",
        "About this edition",
        "Registers",
    ]


def test_registers_list_the_mentions_with_links() -> None:
    doc = master()
    section = doc.get_element_by_id("registers")
    lominadze = doc.get_element_by_id("person-lominadze")
    links = lominadze.xpath(".//span[@class='occurrences']/a/@href")
    assert links and all(doc.xpath(f"//*[@id='{h[1:]}']") for h in links)
    # one of them is the mention inside footnote 14
    assert any(doc.get_element_by_id(h[1:]).xpath("ancestor::span[@id='n14']") for h in links)
    assert section.xpath(".//h3/text()")[:1] == ["Index of persons"]


def test_colophon_names_the_attached_master() -> None:
    colophon = text_of(master().xpath("//footer[@class='colophon']")[0])
    assert "tactics-and-tasks.xml" in colophon and "attachment" in colophon


# ---------------------------------------------------------------- fixtures


def test_a_second_anchor_refers_to_the_footnote_printed_at_the_first() -> None:
    doc = fixture_page("notes.001")
    assert doc.get_element_by_id("n1").getparent().get("id") == "sec-1-p1"
    second = doc.get_element_by_id("n1-ref-2")
    assert second.tag == "a" and "repeat" in second.get("class") and second.get("href") == "#n1"
    assert text_of(second) == "1"
    # a note of two paragraphs: two blocks inside the footnote
    assert len(doc.get_element_by_id("n3").xpath("./span[@class='para']")) == 2


def test_a_link_whose_text_is_not_its_url_prints_the_url() -> None:
    doc = fixture_page("notes.001")
    text = text_of(doc.get_element_by_id("n2"))
    assert (
        "It can be read online <https://www.wsws.org/en/special/library/the-new-course-leon-trotsky-1924/00.html>."
        in text
    )
    # a link that is its own URL is not doubled
    assert text_of(doc.get_element_by_id("n1")).count("yyac-o16.html") == 1


def test_brackets_can_be_switched_off() -> None:
    doc = fixture_page("editorial.002")
    # the brackets are in the page, hidden by print.css for a body of class brackets-off
    assert "brackets-off" in doc.find("body").get("class")
    assert (
        ".brackets-off .editorial .bracket { display: none; }" in doc.xpath("//head/style")[0].text
    )
    assert "[" not in text_of(without(doc.find("body/main"), "//span[@class='bracket']"))
    assert "B[olshevik]" not in text_of(doc.find("body/nav"))  # the contents are plain text


def test_without_apparatus_there_are_no_pointers() -> None:
    fixture = by_name("apparatus.001")
    doc, _ = print_page(fixture.path, **{**fixture.params, "show-apparatus": "false"})
    assert not doc.xpath("//*[@id='apparatus'] | //a[@class='app-ref']")
    assert "#apparatus" not in doc.xpath("//nav//a/@href")


def test_entities_fixture_registers_with_page_links() -> None:
    doc = fixture_page("entities.001")
    trotsky = doc.get_element_by_id("person-trotsky")
    (mention,) = trotsky.xpath(".//span[@class='occurrences']/a/@href")
    assert doc.get_element_by_id(mention[1:]).xpath("ancestor::span[@class='footnote'][@id='n1']")
