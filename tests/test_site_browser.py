"""The corpus site and the EPUB's pages in a real browser: headless Chromium via Playwright.

The site of tests/test_site.py (four documents) is served by Python's http.server on a
free port of 127.0.0.1 (Pagefind loads its index with fetch(), which file:// pages may not
do), and again with its search index in shards, merged in the browser. Checks: a search
finds the passages that hold a word and links to each by its id, in one index as in
shards; what Pagefind holds of each page, through its own search API; a result link opens
the reading edition at that passage; every link of the page (results included) reaches a
file and an id; no console errors; zero axe-core violations on the site and on every
content document of the EPUB; a page opened as a file explains why search needs a
server. Screenshots are saved in tmp_path.

Chromium is the system one (/usr/bin/chromium); no browser is ever downloaded. Without it
(or without playwright) the tests skip, except when CI=true, where they fail.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import BrowserPage
from lxml import etree
from test_site import CONVERTED, SEED, make_site_project

from pipeline.site import build_site, index_search, plan_shards

pytestmark = pytest.mark.browser

NS = {"tei": "http://www.tei-c.org/ns/1.0"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        # Chromium asks every new origin for /favicon.ico; an EPUB's pages have none (a
        # reading system never asks), so "no content" rather than a 404 in the console
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


class StaticServer:
    """http.server on 127.0.0.1 and a free port, serving one directory, in a thread."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site_project(tmp_path_factory.mktemp("site"))
    build_site(root, root / "dist")
    return root


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[StaticServer]:
    served = StaticServer(site / "dist")
    yield served
    served.close()


class Page(BrowserPage):
    """The site page in the test browser, with its search form."""

    def __init__(self, browser: Any, url: str, width: int = 1100) -> None:
        super().__init__(browser, url, width)

    def search(self, words: str) -> list[str]:
        """Type ``words``, submit, wait for the outcome; the hrefs of the passage links."""
        self.page.fill("#search-input", words)
        self.page.click("#search-form button[type=submit]")
        self.page.wait_for_function(
            "() => /passage|Nothing found|Search needs|could not/"
            ".test(document.getElementById('search-status').textContent)",
            timeout=20_000,
        )
        return self.page.eval_on_selector_all(
            "#search-results a.passage-link", "els => els.map(e => e.getAttribute('href'))"
        )

    def status(self) -> str:
        return self.page.inner_text("#search-status")


def passages_with(site: Path, word: str) -> list[str]:
    """The ids of the citable passages of the seed whose reading text has ``word``
    (paragraphs and notes, variant readings left out), in document order."""
    tei = etree.parse(str(site / "tei" / f"{SEED}.xml")).getroot()
    found = []
    for passage in tei.xpath(
        "//tei:text//tei:p[@xml:id] | //tei:back//tei:note[@xml:id]", namespaces=NS
    ):
        text = "".join(passage.xpath(".//text()[not(ancestor::tei:rdg)]", namespaces=NS))
        if word.lower() in text.lower():
            found.append(
                f"{SEED}/index.html#{passage.get('{http://www.w3.org/XML/1998/namespace}id')}"
            )
    return found


# ---------------------------------------------------------------- search


@pytest.mark.parametrize("word", ["Besedovsky", "Aviapribor"])
def test_search_links_to_every_passage_that_holds_the_word(
    browser: Any, server: StaticServer, site: Path, tmp_path: Path, word: str
) -> None:
    view = Page(browser, server.url + "index.html")
    try:
        hrefs = view.search(word)
        expected = passages_with(site, word)
        assert expected, word
        assert hrefs == expected
        assert f"for “{word}”" in view.status()
        marks = view.page.eval_on_selector_all(
            "#search-results mark", "els => els.map(e => e.textContent)"
        )
        assert marks and all(word.lower() in m.lower() for m in marks)
        view.page.screenshot(path=str(tmp_path / f"search-{word}.png"), full_page=True)
        assert view.errors == []
    finally:
        view.close()


def test_besedovsky_is_found_in_section_iv_and_note_20(browser: Any, server: StaticServer) -> None:
    view = Page(browser, server.url + "index.html")
    try:
        assert view.search("Besedovsky") == [
            f"{SEED}/index.html#sec-IV-p20",
            f"{SEED}/index.html#n20",
        ]
        labels = view.page.eval_on_selector_all(
            "#search-results a.passage-link", "els => els.map(e => e.textContent)"
        )
        assert labels == ["§IV\u00a0¶20", "Note\u00a020"]
    finally:
        view.close()


def test_a_result_opens_the_reading_edition_at_its_passage(
    browser: Any, server: StaticServer
) -> None:
    view = Page(browser, server.url + "index.html")
    try:
        view.search("Besedovsky")
        view.page.click("#search-results a.passage-link >> nth=0")
        view.page.wait_for_url("**/tactics-and-tasks/index.html#sec-IV-p20")
        box = view.page.evaluate(
            "() => document.getElementById('sec-IV-p20').getBoundingClientRect().top"
        )
        assert 0 <= box < 900  # scrolled into view
        assert "Besedovskys" in view.page.inner_text("#sec-IV-p20")
    finally:
        view.close()


def test_query_in_the_url_runs_the_search(browser: Any, server: StaticServer) -> None:
    view = Page(browser, server.url + "index.html?q=Aviapribor")
    try:
        view.page.wait_for_selector("#search-results a.passage-link", timeout=20_000)
        assert view.page.input_value("#search-input") == "Aviapribor"
    finally:
        view.close()


def test_a_word_in_no_document_finds_nothing(browser: Any, server: StaticServer) -> None:
    view = Page(browser, server.url + "index.html")
    try:
        assert view.search("xylophonequartz") == []
        assert view.status() == "Nothing found for “xylophonequartz”."
    finally:
        view.close()


def test_opened_as_a_file_the_page_says_search_needs_a_server(browser: Any, site: Path) -> None:
    view = Page(browser, (site / "dist" / "index.html").as_uri())
    try:
        assert view.search("Besedovsky") == []
        assert view.status().startswith("Search needs the site to be served over HTTP")
    finally:
        view.close()


@pytest.fixture(scope="module")
def sharded_server(
    site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[StaticServer, dict[str, str]]]:
    """The same site with its search index split into shards of one page on average (a
    bundle each, merged in the browser), as a corpus of hundreds of documents has them;
    with the shard of each document."""
    dist = tmp_path_factory.mktemp("sharded") / "dist"
    shutil.copytree(site / "dist", dist)
    docs = [SEED, *CONVERTED]
    index_search(dist, docs, per_shard=1)
    shard_of = {
        page.split("/")[0]: shard.name
        for shard in plan_shards(dist, docs, per_shard=1)
        for page in shard.pages
    }
    assert sorted(p.name for p in (dist / "pagefind").iterdir() if p.is_dir()) == sorted(
        set(shard_of.values())
    )
    assert shard_of[SEED] != shard_of["exile-letter"]
    served = StaticServer(dist)
    yield served, shard_of
    served.close()


def pagefind_data(view: Page, term: str | None) -> list[dict[str, Any]]:
    """What Pagefind's own search API answers for ``term`` (None: every page) on the
    served site, every shard merged as site.js merges them: each result's data (url,
    content, anchors, locations, ...), best first."""
    return list(
        view.page.evaluate(
            """async (term) => {
                const base = new URL("pagefind/", document.baseURI);
                const manifest = await (await fetch(new URL("shards.json", base))).json();
                const bundles = manifest.shards.map((name) => new URL(name + "/", base).href);
                const pagefind = await import(bundles[0] + "pagefind.js");
                await pagefind.options({ baseUrl: "/" });
                for (const bundle of bundles.slice(1)) {
                  await pagefind.mergeIndex(bundle, { baseUrl: "/" });
                }
                const found = await pagefind.search(term);
                return Promise.all(found.results.map((result) => result.data()));
            }""",
            term,
        )
    )


@pytest.mark.parametrize("word", ["Trotsky", "Comintern", "xylophonequartz"])
def test_a_search_over_shards_finds_what_one_index_finds(
    browser: Any,
    server: StaticServer,
    sharded_server: tuple[StaticServer, dict[str, str]],
    word: str,
) -> None:
    """Words that every shard has, or none has a prefix of: the same passages."""
    sharded, shard_of = sharded_server
    found = {}
    for name, served in (("one", server), ("shards", sharded)):
        view = Page(browser, served.url + "index.html")
        try:
            found[name] = sorted(view.search(word))
            assert view.errors == [], name
        finally:
            view.close()
    assert found["shards"] == found["one"]
    assert bool(found["one"]) == (word != "xylophonequartz")
    if word == "Trotsky":  # in the seed and the letter, which are in two shards
        assert {shard_of[href.split("/")[0]] for href in found["one"]} == {
            shard_of[SEED],
            shard_of["exile-letter"],
        }


def test_a_word_some_shards_lack_is_found_where_it_is_and_more(
    browser: Any, server: StaticServer, sharded_server: tuple[StaticServer, dict[str, str]]
) -> None:
    """ "Besedovsky" is in the seed's shard only. Every passage one index finds is found
    over the shards too; the shards that lack the word answer it, as Pagefind does for a
    word it has not got, with the pages of the longest prefix of it they have
    (pipeline/site/search.py says why this is the one difference shards make)."""
    sharded, shard_of = sharded_server
    found = {}
    for name, served in (("one", server), ("shards", sharded)):
        view = Page(browser, served.url + "index.html")
        try:
            found[name] = view.search("Besedovsky")
            assert view.errors == [], name
        finally:
            view.close()
    assert found["one"] == [f"{SEED}/index.html#sec-IV-p20", f"{SEED}/index.html#n20"]
    assert set(found["one"]) <= set(found["shards"])
    others = {href for href in found["shards"] if not href.startswith(f"{SEED}/")}
    assert {shard_of[href.split("/")[0]] for href in others} <= set(shard_of.values()) - {
        shard_of[SEED]
    }


def test_every_reading_edition_is_indexed_once_in_one_index_or_in_shards(
    browser: Any, server: StaticServer, sharded_server: tuple[StaticServer, dict[str, str]]
) -> None:
    expected = sorted(f"/{doc}/index.html" for doc in (SEED, *CONVERTED))
    for served in (server, sharded_server[0]):
        view = Page(browser, served.url + "index.html")
        try:
            assert sorted(data["url"] for data in pagefind_data(view, None)) == expected
        finally:
            view.close()


def test_pagefind_indexes_the_text_without_popups_or_brackets(
    browser: Any, server: StaticServer
) -> None:
    """What Pagefind holds of the seed, through its search API: the text and the notes
    once each (not the pop-up copies), the editorial brackets dropped, no registers or
    controls, and the ids of the passages with the word where each starts."""
    view = Page(browser, server.url + "index.html")
    try:
        [data] = pagefind_data(view, "Besedovsky")
        assert data["url"] == f"/{SEED}/index.html"
        content = data["content"]
        assert content.count("was issued by 46 leading Old Bolsheviks") == 1
        assert "Bolshevik-Leninists" in content and "[" not in content
        assert "Go to the note" not in content and "Index of persons" not in content
        anchors = {anchor["id"]: anchor["location"] for anchor in data["anchors"]}
        assert {"sec-IV-p20", "n20", "intro-p1"} <= set(anchors)
        words = content.split()
        assert data["locations"]
        assert all("besedovsk" in words[at].lower() for at in data["locations"])
        assert anchors["sec-IV-p20"] < min(data["locations"])
        assert view.errors == []
    finally:
        view.close()


# ---------------------------------------------------------------- links and accessibility


def test_every_link_on_the_site_resolves(browser: Any, server: StaticServer) -> None:
    """Every href of the page, search results included: the file is served (200) and
    its fragment names an element of the loaded target page."""
    view = Page(browser, server.url + "index.html")
    try:
        view.search("Trotsky")
        hrefs = view.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    finally:
        view.close()
    internal = sorted({h for h in hrefs if h.startswith(server.url)})
    assert len(internal) > 250
    fragments: dict[str, set[str]] = {}
    for href in internal:
        page_url = href.split("#")[0]
        fragments.setdefault(page_url, set())
        if "#" in href:
            fragments[page_url].add(href.split("#", 1)[1])
    checker = browser.new_page()
    try:
        for page_url, ids in fragments.items():
            response = checker.request.get(page_url)
            assert response.status == 200, page_url
            if ids and urlsplit(page_url).path.endswith(".html"):
                checker.goto(page_url)
                missing = checker.evaluate(
                    "ids => ids.filter(id => !document.getElementById(decodeURIComponent(id)))",
                    sorted(ids),
                )
                assert missing == [], page_url
    finally:
        checker.close()


def test_site_has_no_axe_violations_with_results_shown(
    browser: Any, axe: Any, server: StaticServer, tmp_path: Path
) -> None:
    view = Page(browser, server.url + "index.html")
    try:
        view.search("Trotsky")
        results = axe.run(view.page)
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
        ]
        assert violations == []
        view.page.screenshot(path=str(tmp_path / "site.png"), full_page=True)
        assert view.errors == []
    finally:
        view.close()


def test_site_works_on_a_narrow_screen(browser: Any, server: StaticServer, tmp_path: Path) -> None:
    view = Page(browser, server.url + "index.html", width=380)
    try:
        view.search("Besedovsky")
        overflow = view.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        view.page.screenshot(path=str(tmp_path / "site-narrow.png"))
    finally:
        view.close()


# ---------------------------------------------------------------- EPUB pages


@pytest.fixture(scope="module")
def epub_dir(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    """The seed's EPUB unpacked and served, as a reading system would open its files."""
    target = tmp_path_factory.mktemp("epub-unpacked")
    with zipfile.ZipFile(site / "dist" / SEED / f"{SEED}.epub") as archive:
        archive.extractall(target)
    served = StaticServer(target / "EPUB")
    yield served
    served.close()


EPUB_PAGES = [
    "title.xhtml",
    "nav.xhtml",
    "intro.xhtml",
    "sec-1.xhtml",
    "sec-2.xhtml",
    "sec-III.xhtml",
    "sec-IV.xhtml",
    "sec-V.xhtml",
    "sec-VI.xhtml",
    "notes.xhtml",
    "apparatus.xhtml",
    "registers.xhtml",
    "about.xhtml",
]


@pytest.mark.parametrize("name", EPUB_PAGES)
def test_epub_pages_have_no_axe_violations(
    browser: Any, axe: Any, epub_dir: StaticServer, tmp_path: Path, name: str
) -> None:
    view = Page(browser, urljoin(epub_dir.url, name), width=700)
    try:
        assert view.page.evaluate("() => document.contentType") == "application/xhtml+xml"
        results = axe.run(view.page)
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
        ]
        assert violations == []
        view.page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
        assert view.errors == []
    finally:
        view.close()
