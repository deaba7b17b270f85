"""A 3 MB TEI book from another project (tests/fixtures/large/dingler-pj022.xml, a volume
of Dingler's Polytechnisches Journal; counts in SOURCES.md there) through `edition render`
to the HTML, the text and the EPUB: it renders, keeps its words, its ids and its six
issues, shows its undeclared special characters, and its EPUB passes EPUBCheck. How long
and how much memory each format takes is measured by tests/bench/other_tei.py, not here.
The PDF of this book is measured there too: it is not built here (WeasyPrint takes over a
minute for its 580 pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from epubcheck_tool import epubcheck_many
from lxml import etree, html

from pipeline.render.epub import package_document, read_epub
from pipeline.render.outputs import render_all
from pipeline.xinclude import load

BOOK = Path(__file__).parent / "fixtures" / "large" / "dingler-pj022.xml"
TEI = {"tei": "http://www.tei-c.org/ns/1.0"}
OPF = {"opf": "http://www.idpf.org/2007/opf"}


@dataclass
class Book:
    tei: etree._Element
    page: html.HtmlElement
    text: str
    epub: Path
    warnings: list[str]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    out = tmp_path_factory.mktemp("large") / BOOK.stem
    data, _ = load(BOOK)
    _, warnings = render_all(
        data,
        BOOK.stem,
        out,
        ("html", "text", "epub"),
        build_date="2026-01-01",
        source_name=str(BOOK),
    )
    return Book(
        etree.fromstring(data),
        html.parse(str(out / "index.html")).getroot(),
        (out / f"{BOOK.stem}.txt").read_text(encoding="utf-8"),
        out / f"{BOOK.stem}.epub",
        warnings,
    )


def test_nothing_is_unhandled_and_almost_every_word_is_kept(book: Book) -> None:
    assert [w for w in book.warnings if "UNHANDLED" in w] == []
    lost = {
        w.split(":", 1)[0]: int(m.group(1))
        for w in book.warnings
        if (m := re.search(r"LOST: (\d+) of 222396 words", w))
    }
    # html: 4 words where the TEI draws a word boundary inside a word (measured
    # 2026-12-04: "wink", "xcix", "baue", "vallance" in items, a quotation, a title part)
    assert lost == {"html": 4}


def test_every_id_of_the_text_is_an_html_id(book: Book) -> None:
    tei_ids = set(book.tei.xpath("//tei:text//@xml:id", namespaces=TEI))
    assert len(tei_ids) == 1211
    html_ids = set(book.page.xpath("//@id"))
    assert tei_ids - html_ids == set()


def test_undeclared_special_characters_are_shown_by_name(book: Book) -> None:
    # 24 <g ref="#z000N"/> whose charDecl entries have only a picture: 5 z0001, 18 z0002,
    # 1 z0013, shown as ‹z0002› (never dropped, never guessed)
    shown = book.page.xpath("//span[@class = 'g']/span[@class = 'g-unmapped']/text()")
    assert sorted(set(shown)) == ["‹z0001›", "‹z0002›", "‹z0013›"]
    assert [shown.count(f"‹z00{n}›") for n in ("01", "02", "13")] == [5, 18, 1]
    assert book.text.count("‹z0002›") == 18


def test_the_epub_has_a_file_per_issue_and_passes_epubcheck(book: Book) -> None:
    package = package_document(read_epub(book.epub))
    hrefs = {i.get("id"): i.get("href") for i in package.iterfind(".//opf:item", OPF)}
    spine = [hrefs[r.get("idref")] for r in package.iterfind(".//opf:itemref", OPF)]
    assert len(spine) == len(set(spine))
    issues = [f"is02200{n}.xhtml" for n in range(1, 7)]
    assert [h for h in spine if h in issues] == issues
    status, problems = epubcheck_many([book.epub])[book.epub]
    assert (status, problems) == (0, [])
