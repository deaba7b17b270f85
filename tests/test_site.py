"""The corpus site (pipeline/site.py, xslt/site.xsl): dist/index.html and dist/pagefind/.

A project of four documents (the seed master, two fixture transcripts and one written
here, converted here) is rendered into tmp_path (HTML, text and EPUB; no PDF, so the site must not link
one), with a registry and a teiCorpus file lying in tei/ to be left out. Checked without
a browser: the documents listed with their facts and outputs, every link of the page
resolving to a file and an id, the corpus registers matching the mentions in the TEI, the
search data, the Pagefind index, byte-identical rebuilds. tests/test_site_browser.py
runs the search and axe-core in Chromium.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html
from regenerate_expected import ROOT

from pipeline.errors import EditionError
from pipeline.render.epub import write_epub
from pipeline.render.xslt import render
from pipeline.site import PAGEFIND_EXCLUDE, build_site, corpus_documents, pagefind_command

TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": TEI[1:-1]}
SEED = "tactics-and-tasks"
FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "documents"
CONVERTED = ("bulletin-report", "circular-letter", "exile-letter")

# A transcript written for these tests (not a historical document): it names persons,
# organisations and places of the registries, so that the corpus registers join
# documents, and dates its text, so that the documents have an order.
LETTER_MD = """\
# A Letter from Exile

**The Editors of the Test**

### I. On the situation

1. The letter of comrade Trotsky reached Moscow.<sup>[1]</sup> The C[ommunist] I[nternational] is silent.

2. The [party] regime in Leningrad has worsened.

### II. Conclusion

Forward with Lenin's line.

The first note names Trotsky again.
"""

LETTER_TOML = """\
# A test transcript written for the site tests (not a historical document).
[document]
title = "A Letter from Exile"
author = "The Editors of the Test"
language = "en"
created = "1929"
summary = "A short test letter that names Trotsky, Lenin and the Communist International."

[publication]
publisher = "Test Publisher"
date = "2026-02-03"

[rights]
statement = "Test fixture written for this project; no rights reserved."

[edition]
build_date = "2026-02-03"
"""
BUILD_DATE = "2026-11-26"


def make_site_project(root: Path) -> Path:
    """A project with three rendered documents and two files in tei/ that are not documents."""
    from pipeline.convert import convert_file

    source = root / "tei" / "source"
    source.mkdir(parents=True)
    shutil.copytree(ROOT / "tei" / "authority", root / "tei" / "authority")
    shutil.copy(ROOT / "tei" / f"{SEED}.xml", root / "tei")
    for path in FIXTURE_DOCS.glob("*"):
        shutil.copy(path, source)
    (source / "exile-letter.md").write_text(LETTER_MD, "utf-8")
    (source / "exile-letter.toml").write_text(LETTER_TOML, "utf-8")
    for doc in CONVERTED:
        (root / "tei" / f"{doc}.xml").write_bytes(convert_file(source / f"{doc}.md").tei)
    # not documents: a registry and a corpus file
    shutil.copy(ROOT / "tei" / "authority" / "persons.xml", root / "tei" / "persons.xml")
    (root / "tei" / "corpus.xml").write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></teiCorpus>', "utf-8")
    for doc in (SEED, *CONVERTED):
        tei = (root / "tei" / f"{doc}.xml").read_bytes()
        out = root / "dist" / doc
        out.mkdir(parents=True)
        params = {"build-date": BUILD_DATE}
        (out / "index.html").write_bytes(render("html", tei, params).output)
        (out / f"{doc}.txt").write_bytes(render("text", tei, params).output)
        write_epub(tei, doc, out / f"{doc}.epub", BUILD_DATE)
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site_project(tmp_path_factory.mktemp("site"))
    written = build_site(root, root / "dist")
    assert written[0] == root / "dist" / "index.html"
    return root


@pytest.fixture(scope="module")
def page(site: Path) -> html.HtmlElement:
    return html.fromstring((site / "dist" / "index.html").read_bytes())


def masters(site: Path) -> Iterator[tuple[str, etree._Element]]:
    for doc in (SEED, *CONVERTED):
        yield doc, etree.parse(str(site / "tei" / f"{doc}.xml")).getroot()


def text_of(element: etree._Element) -> str:
    return " ".join(element.text_content().split())


# ---------------------------------------------------------------- documents


def test_only_tei_documents_are_listed(site: Path, page: html.HtmlElement) -> None:
    assert [d.doc_id for d in corpus_documents(site, site / "dist")] == sorted((SEED, *CONVERTED))
    articles = page.xpath("//section[@id = 'documents']/article")
    assert sorted(a.get("id") for a in articles) == [f"doc-{d}" for d in sorted((SEED, *CONVERTED))]
    assert "4 documents" in text_of(page.xpath("//header")[0])


def test_each_document_has_title_dates_summary_and_formats(site: Path, page: html.HtmlElement) -> None:
    for doc, tei in masters(site):
        article = page.xpath("//article[@id = $id]", id=f"doc-{doc}")[0]
        title = " ".join(tei.xpath("string(//tei:titleStmt/tei:title[@type = 'main'])", namespaces=NS).split())
        assert text_of(article.xpath("h3")[0]) == title
        summary = " ".join(tei.xpath("string(//tei:profileDesc/tei:abstract)", namespaces=NS).split())
        if summary:
            assert summary in text_of(article)
        links = article.xpath(".//ul[@class = 'formats']//a/@href")
        assert links == [f"{doc}/index.html", f"{doc}/{doc}.txt", f"{doc}/{doc}.epub"]  # no PDF was built
    seed = text_of(page.xpath("//article[@id = 'doc-tactics-and-tasks']")[0])
    assert "Written 1932, Verkhne-Uralsk Political Isolator" in seed
    assert "Published World Socialist Web Site, 11 September 2025" in seed
    assert "The ninth and last chapter of a programmatic document" in seed


def test_documents_are_ordered_by_the_date_of_the_text(site: Path, page: html.HtmlElement) -> None:
    def written(tei: etree._Element) -> str:
        date = tei.xpath("//tei:profileDesc/tei:creation/tei:date", namespaces=NS)
        return (date[0].get("when") or date[0].get("notBefore") or "9999") if date else "9999"

    def title(tei: etree._Element) -> str:
        return " ".join(tei.xpath("string(//tei:titleStmt/tei:title[@type = 'main'])", namespaces=NS).split())

    expected = [f"doc-{doc}" for doc, tei in sorted(masters(site), key=lambda d: (written(d[1]), title(d[1])))]
    assert expected[:2] == ["doc-exile-letter", f"doc-{SEED}"]  # 1929, then 1932
    assert [a.get("id") for a in page.xpath("//section[@id = 'documents']/article")] == expected


# ---------------------------------------------------------------- links


def test_every_link_resolves_to_a_file_and_an_id(site: Path, page: html.HtmlElement) -> None:
    dist = site / "dist"
    targets: dict[Path, set[str]] = {}
    checked = 0
    for href in page.xpath("//a/@href"):
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            continue
        assert not parts.scheme and not parts.netloc, href
        path = dist / unquote(parts.path) if parts.path else dist / "index.html"
        assert path.is_file(), href
        if parts.fragment:
            if path not in targets:
                targets[path] = set(html.fromstring(path.read_bytes()).xpath("//@id"))
            assert unquote(parts.fragment) in targets[path], href
        checked += 1
    assert checked > 250


def test_links_go_only_to_outputs_that_exist(site: Path, page: html.HtmlElement) -> None:
    assert not [h for h in page.xpath("//a/@href") if h.endswith(".pdf")]
    (site / "dist" / SEED / f"{SEED}.pdf").write_bytes(b"%PDF-1.7\n")
    try:
        [record] = [d for d in corpus_documents(site, site / "dist") if d.doc_id == SEED]
        assert [kind for kind, _, _ in record.outputs] == ["html", "text", "pdf", "epub"]
    finally:
        (site / "dist" / SEED / f"{SEED}.pdf").unlink()


# ---------------------------------------------------------------- registers


def test_corpus_registers_link_every_mention_in_every_document(site: Path, page: html.HtmlElement) -> None:
    """For each entry and document: as many links as the TEI has mentions (text only: not
    the title page, not variant readings), each to the document's reading edition."""
    entries = page.xpath("//section[@id = 'registers']//li[contains(@class, 'entry')]")
    assert len(entries) >= 72
    for doc, tei in masters(site):
        mentions: dict[str, int] = {}
        for e in tei.xpath("//tei:text//*[@ref][not(ancestor::tei:titlePage or ancestor::tei:rdg)]"
                           "[self::tei:persName or self::tei:orgName or self::tei:placeName or self::tei:title "
                           "or self::tei:rs]", namespaces=NS):
            ref = e.get("ref").split()[0].removeprefix("#")
            mentions[ref] = mentions.get(ref, 0) + 1
        for entry_id, count in mentions.items():
            links = page.xpath("//li[@id = $id]//div[@class = 'mentions']/a[not(@class)]/@href", id=entry_id)
            assert len([h for h in links if h.startswith(f"{doc}/index.html#")]) == count, (doc, entry_id)


def test_an_entry_shared_by_documents_is_listed_once_with_each(site: Path, page: html.HtmlElement) -> None:
    shared = None
    docs_of: dict[str, set[str]] = {}
    for doc, tei in masters(site):
        for entry in tei.xpath("//tei:standOff//tei:person/@xml:id", namespaces=NS):
            docs_of.setdefault(entry, set()).add(doc)
    shared = sorted(e for e, docs in docs_of.items() if len(docs) > 1)
    assert shared, "the fixture documents share no person with the seed"
    for entry in shared:
        assert len(page.xpath("//li[@id = $id]", id=entry)) == 1
        refs = page.xpath("//li[@id = $id]//a[@class = 'doc-ref']/@href", id=entry)
        assert sorted(r.split("/")[0] for r in refs) == sorted(docs_of[entry])


def test_besedovsky_is_registered_with_his_two_mentions(page: html.HtmlElement) -> None:
    entry = page.xpath("//li[@id = 'person-besedovsky']")[0]
    assert text_of(entry).startswith("Grigory Zinovievich Besedovsky (1896–1963?)")
    assert entry.xpath(".//div[@class = 'mentions']/a[not(@class)]/@href") == [
        "tactics-and-tasks/index.html#sec-IV-p20-m3", "tactics-and-tasks/index.html#n20-m1"]


# ---------------------------------------------------------------- search


def test_search_data_lists_every_passage_of_every_reading_edition(site: Path, page: html.HtmlElement) -> None:
    data = json.loads(page.xpath("//script[@id = 'search-data']")[0].text)
    assert sorted(data) == sorted(f"{doc}/index.html" for doc in (SEED, *CONVERTED))
    seed = data[f"{SEED}/index.html"]
    assert seed["title"] == "The Tactics and Tasks of the Leninist Opposition"
    passages = {p[0]: p for p in seed["passages"]}
    assert passages["sec-IV-p20"] == ["sec-IV-p20", "§IV\u00a0¶20", "IV. The struggle for the masses"]
    assert passages["n20"] == ["n20", "Note\u00a020", "Notes"]
    assert passages["sec-2-A"] == ["sec-2-A", "§2.A", "The main stages in the development of the Leninist opposition's tactics"]
    assert passages["intro-p1"][1:] == ["Intro\u00a0¶1", "Introduction"]
    for doc in data:
        ids = set(html.fromstring((site / "dist" / doc).read_bytes()).xpath("//@id"))
        assert {p[0] for p in data[doc]["passages"]} <= ids


def test_pagefind_indexes_the_reading_editions(site: Path) -> None:
    bundle = site / "dist" / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert list((bundle / "fragment").glob("*.pf_fragment"))
    assert list((bundle / "index").glob("*.pf_index"))
    assert not (bundle / "pagefind-ui.js").exists()  # the ready-made UI is not used
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == 4
    assert bundle.stat().st_mode & 0o755 == 0o755


def test_pagefind_command_says_what_to_index(tmp_path: Path) -> None:
    command = pagefind_command(tmp_path, tmp_path / "out")
    assert command[command.index("--glob") + 1] == "*/index.html"
    assert command[command.index("--root-selector") + 1] == "main"
    excluded = [command[i + 1] for i, part in enumerate(command) if part == "--exclude-selectors"]
    assert excluded == list(PAGEFIND_EXCLUDE)
    assert "--keep-index-url" in command


def test_pagefind_content_is_the_text_without_popups_or_brackets(site: Path) -> None:
    import gzip

    [fragment] = [f for f in (site / "dist" / "pagefind" / "fragment").glob("*.pf_fragment")
                  if b"Besedovsky" in gzip.decompress(f.read_bytes())]
    raw = gzip.decompress(fragment.read_bytes())
    data = json.loads(raw[raw.index(b"{"):])
    assert data["url"] == f"/{SEED}/index.html"
    content = data["content"]
    assert content.count("was issued by 46 leading Old Bolsheviks") == 1  # the note, not its pop-up copy
    assert "Bolshevik-Leninists" in content and "[" not in content
    assert "Go to the note" not in content and "Index of persons" not in content
    anchors = {a["id"] for a in data["anchors"]}
    assert {"sec-IV-p20", "n20", "intro-p1"} <= anchors


def test_rebuilding_replaces_the_index_and_keeps_the_page_identical(site: Path, tmp_path: Path) -> None:
    dist = site / "dist"
    before = (dist / "index.html").read_bytes()
    index_before = {p: p.read_bytes() for p in (dist / "pagefind").rglob("*") if p.is_file()}
    (dist / "pagefind" / "stale.pf_fragment").write_bytes(b"old")
    written = build_site(site, dist)
    assert (dist / "index.html").read_bytes() == before
    assert {p: p.read_bytes() for p in written[1:]} == index_before  # Pagefind is deterministic too
    assert not (dist / "pagefind" / "stale.pf_fragment").exists()
    assert dist / "pagefind" / "pagefind.js" in written
    assert not list(dist.glob(".pagefind-*"))


def test_a_project_without_documents_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "tei").mkdir()
    with pytest.raises(EditionError) as caught:
        build_site(tmp_path, tmp_path / "dist")
    assert "no TEI documents (tei/*.xml) to publish on the site" in str(caught.value)


def test_without_reading_editions_only_the_page_is_written(tmp_path: Path) -> None:
    (tmp_path / "tei").mkdir()
    shutil.copy(ROOT / "tei" / f"{SEED}.xml", tmp_path / "tei")
    written = build_site(tmp_path, tmp_path / "dist")
    assert written == [tmp_path / "dist" / "index.html"]
    page = html.fromstring(written[0].read_bytes())
    assert page.xpath("//article[@id = 'doc-tactics-and-tasks']//ul[@class = 'formats']/li") == []
    assert page.xpath("//li[@id = 'person-trotsky']//a") == []  # nothing to link to
