"""The corpus site (pipeline/site/, xslt/site.xsl): dist/index.html and dist/pagefind/.

A project of four documents (the seed master, two fixture transcripts and one written
here, converted here) is rendered into tmp_path (HTML, text and EPUB; no PDF, so the site
must not link one), with a registry and a teiCorpus file lying in tei/ to be left out.
Checked without a browser: the documents listed with their facts and outputs, every link
of the page resolving to a file and an id, the corpus registers matching the mentions in
the TEI, the site records, the search data, the search index's shards (only those whose
pages changed made again), byte-identical rebuilds. What the index holds is checked
through Pagefind's own search, in tests/test_site_browser.py, which runs the search and
axe-core in Chromium.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html
from regenerate_expected import ROOT

from pipeline.build import build_document
from pipeline.errors import EditionError
from pipeline.project import Project
from pipeline.render.epub import write_epub
from pipeline.render.xslt import render
from pipeline.site import (
    RECORD_FILE,
    build_site,
    corpus_documents,
    index_search,
    make_site_record,
    plan_shards,
    record_key,
    render_site_page,
    write_site_record,
)
from pipeline.site.search import PAGEFIND_EXCLUDE, pagefind_config, shard_count, shard_of

TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": TEI[1:-1]}
SEED = "tactics-and-tasks"
FIXTURE_DOCS = ROOT / "tests" / "fixtures" / "documents"
CONVERTED = ("bulletin-report", "circular-letter", "exile-letter")

# A transcript written for these tests (not a historical document): it names persons,
# organisations and places of the registries, so that the corpus registers join
# documents, and dates its text, so that the documents have an order.
LETTER = ROOT / "tests" / "fixtures" / "corpus" / "exile-letter.md"
BUILD_DATE = "2026-11-26"
T = TypeVar("T")


def make_site_project(root: Path) -> Path:
    """A project with three rendered documents and two files in tei/ that are not documents."""
    from pipeline.convert import convert_file

    source = root / "tei" / "source"
    source.mkdir(parents=True)
    shutil.copytree(ROOT / "tei" / "authority", root / "tei" / "authority")
    shutil.copy(ROOT / "tei" / f"{SEED}.xml", root / "tei")
    for path in FIXTURE_DOCS.glob("*"):
        shutil.copy(path, source)
    for suffix in (".md", ".toml"):
        shutil.copyfile(LETTER.with_suffix(suffix), source / f"exile-letter{suffix}")
    for doc in CONVERTED:
        (root / "tei" / f"{doc}.xml").write_bytes(convert_file(source / f"{doc}.md").tei)
    # not documents: a registry and a corpus file
    shutil.copy(ROOT / "tei" / "authority" / "persons.xml", root / "tei" / "persons.xml")
    (root / "tei" / "corpus.xml").write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></teiCorpus>', "utf-8"
    )
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


def test_each_document_has_title_dates_summary_and_formats(
    site: Path, page: html.HtmlElement
) -> None:
    for doc, tei in masters(site):
        article = page.xpath("//article[@id = $id]", id=f"doc-{doc}")[0]
        title = " ".join(
            tei.xpath("string(//tei:titleStmt/tei:title[@type = 'main'])", namespaces=NS).split()
        )
        assert text_of(article.xpath("h3")[0]) == title
        summary = " ".join(
            tei.xpath("string(//tei:profileDesc/tei:abstract)", namespaces=NS).split()
        )
        if summary:
            assert summary in text_of(article)
        links = article.xpath(".//ul[@class = 'formats']//a/@href")
        assert links == [
            f"{doc}/index.html",
            f"{doc}/{doc}.txt",
            f"{doc}/{doc}.epub",
        ]  # no PDF was built
    seed = text_of(page.xpath("//article[@id = 'doc-tactics-and-tasks']")[0])
    assert "Written 1932, Verkhne-Uralsk Political Isolator" in seed
    assert "Published World Socialist Web Site, 11 September 2025" in seed
    assert "The ninth and last chapter of a programmatic document" in seed


def test_documents_are_ordered_by_the_date_of_the_text(site: Path, page: html.HtmlElement) -> None:
    def written(tei: etree._Element) -> str:
        date = tei.xpath("//tei:profileDesc/tei:creation/tei:date", namespaces=NS)
        return (date[0].get("when") or date[0].get("notBefore") or "9999") if date else "9999"

    def title(tei: etree._Element) -> str:
        return " ".join(
            tei.xpath("string(//tei:titleStmt/tei:title[@type = 'main'])", namespaces=NS).split()
        )

    expected = [
        f"doc-{doc}"
        for doc, tei in sorted(masters(site), key=lambda d: (written(d[1]), title(d[1])))
    ]
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


def test_corpus_registers_link_every_mention_in_every_document(
    site: Path, page: html.HtmlElement
) -> None:
    """For each entry and document: as many links as the TEI has mentions (text only: not
    the title page, not variant readings), each to the document's reading edition."""
    entries = page.xpath("//section[@id = 'registers']//li[contains(@class, 'entry')]")
    assert len(entries) >= 72
    for doc, tei in masters(site):
        mentions: dict[str, int] = {}
        for e in tei.xpath(
            "//tei:text//*[@ref][not(ancestor::tei:titlePage or ancestor::tei:rdg)]"
            "[self::tei:persName or self::tei:orgName or self::tei:placeName or self::tei:title "
            "or self::tei:rs]",
            namespaces=NS,
        ):
            ref = e.get("ref").split()[0].removeprefix("#")
            mentions[ref] = mentions.get(ref, 0) + 1
        for entry_id, count in mentions.items():
            links = page.xpath(
                "//li[@id = $id]//div[@class = 'mentions']/a[not(@class)]/@href", id=entry_id
            )
            assert len([h for h in links if h.startswith(f"{doc}/index.html#")]) == count, (
                doc,
                entry_id,
            )


def test_an_entry_shared_by_documents_is_listed_once_with_each(
    site: Path, page: html.HtmlElement
) -> None:
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
        "tactics-and-tasks/index.html#sec-IV-p20-m3",
        "tactics-and-tasks/index.html#n20-m1",
    ]


# ---------------------------------------------------------------- site records

S = "{urn:x-edition:site}"


def test_a_record_holds_what_the_page_needs_with_the_reading_editions_ids(site: Path) -> None:
    tei = (site / "tei" / f"{SEED}.xml").read_bytes()
    data, warnings = make_site_record(tei, SEED)
    assert warnings == ()
    record = etree.fromstring(data)
    assert (
        record.tag == f"{S}document"
        and record.get("id") == SEED
        and record.get("key") == record_key(tei)
    )
    assert record.findtext(f"{S}title") == "The Tactics and Tasks of the Leninist Opposition"
    assert record.findtext(f"{S}sort-date") == "1932"
    assert [p.text for p in record.findall(f"{S}fact[@name='written']/{S}part")] == [
        "1932",
        "Verkhne-Uralsk Political Isolator",
    ]
    assert "The ninth and last chapter" in "".join(record.find(f"{S}summary").itertext())
    passages = {p[0]: p for p in json.loads(record.findtext(f"{S}passages"))}
    assert passages["sec-IV-p20"] == [
        "sec-IV-p20",
        "§IV\u00a0¶20",
        "IV. The struggle for the masses",
    ]
    assert passages["n20"] == ["n20", "Note\u00a020", "Notes"]
    [entry] = record.findall(f"{S}entry[@id='person-besedovsky']")
    assert (entry.get("kind"), entry.get("label"), entry.get("dates")) == (
        "person",
        "Grigory Zinovievich Besedovsky",
        "1896–1963?",
    )
    assert [(m.get("id"), m.get("label")) for m in entry] == [
        ("sec-IV-p20-m3", "§IV\u00a0¶20"),
        ("n20-m1", "Note\u00a020"),
    ]
    # the ids are those of the reading edition
    ids = set(html.fromstring((site / "dist" / SEED / "index.html").read_bytes()).xpath("//@id"))
    assert {m.get("id") for m in record.iter(f"{S}mention")} <= ids
    assert {e.get("id") for e in record.iter(f"{S}entry")} <= ids
    assert len(data) < 40_000  # a few KB, against the master's
    assert make_site_record(tei, SEED)[0] == data  # deterministic


def test_the_record_key_changes_with_the_master(site: Path) -> None:
    tei = (site / "tei" / f"{SEED}.xml").read_bytes()
    assert record_key(tei) == record_key(bytes(tei))
    assert record_key(tei + b"\n") != record_key(tei)


def with_records(site: Path, target: Path) -> Path:
    """A copy of the site project whose documents have their records, as a build leaves them."""
    shutil.copytree(site, target)
    for doc in (SEED, *CONVERTED):
        path, warnings = write_site_record(
            (target / "tei" / f"{doc}.xml").read_bytes(), doc, target / "dist" / doc
        )
        assert path == target / "dist" / doc / RECORD_FILE and warnings == ()
    return target


def test_the_page_is_made_from_the_records_without_parsing_a_master(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = with_records(site, tmp_path / "copy")
    import pipeline.site.records

    parsed: list[str] = []
    real_parse = pipeline.site.records.parse_bytes

    def spy(data: bytes, path: str | Path) -> etree._ElementTree:
        parsed.append(str(path))
        return real_parse(data, path)

    def no_record(*args: object, **kwargs: object) -> None:
        raise AssertionError("a record was made again")

    monkeypatch.setattr(pipeline.site.records, "parse_bytes", spy)
    monkeypatch.setattr(pipeline.site.records, "make_site_record", no_record)
    page, warnings = render_site_page(corpus_documents(root, root / "dist"))
    assert warnings == ()
    # the same page as the one made from the masters (no records in the fixture project)
    assert page == (site / "dist" / "index.html").read_bytes()
    masters = [p for p in parsed if Path(p).parent == root / "tei"]
    assert sorted(Path(p).name for p in masters) == [
        "corpus.xml",
        "persons.xml",
    ]  # not documents: no records


def test_an_out_of_date_or_foreign_record_is_made_again_from_the_master(
    site: Path, tmp_path: Path
) -> None:
    root = with_records(site, tmp_path / "copy")
    dist = root / "dist"
    # the master changed since its record was made
    master = root / "tei" / "exile-letter.xml"
    master.write_bytes(
        master.read_bytes().replace(b"A Letter from Exile", b"A Second Letter from Exile")
    )
    # a record of another document, and a damaged one
    shutil.copy(dist / "circular-letter" / RECORD_FILE, dist / "bulletin-report" / RECORD_FILE)
    (dist / SEED / RECORD_FILE).write_bytes(b"<s:document")
    page = html.fromstring(render_site_page(corpus_documents(root, dist))[0])
    titles = {a.get("id"): text_of(a.xpath("h3")[0]) for a in page.xpath("//article")}
    assert titles == {
        "doc-exile-letter": "A Second Letter from Exile",
        "doc-bulletin-report": "Report on the Meeting",
        "doc-circular-letter": "Letter to the Comrades in Exile",
        f"doc-{SEED}": "The Tactics and Tasks of the Leninist Opposition",
    }


def test_the_build_writes_the_record_beside_the_outputs(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(site / "tei" / "authority", root / "tei" / "authority")
    (root / "tei" / "source").mkdir()
    for name in ("exile-letter.md", "exile-letter.toml"):
        shutil.copy(site / "tei" / "source" / name, root / "tei" / "source")
    report = build_document(Project(root), root / "tei" / "source" / "exile-letter.md", ("html",))
    assert report.ok, (report.error, report.diagnostics)
    record = root / "dist" / "exile-letter" / RECORD_FILE
    assert record in report.written  # so the build cache rebuilds a document whose record is gone
    master = (root / "tei" / "exile-letter.xml").read_bytes()
    assert record.read_bytes() == make_site_record(master, "exile-letter")[0]
    [document] = corpus_documents(root, root / "dist")
    assert document.doc_id == "exile-letter" and document.outputs[0][:2] == (
        "html",
        "exile-letter/index.html",
    )


# ---------------------------------------------------------------- search


def test_search_data_lists_every_passage_of_every_reading_edition(
    site: Path, page: html.HtmlElement
) -> None:
    data = json.loads(page.xpath("//script[@id = 'search-data']")[0].text)
    assert sorted(data) == sorted(f"{doc}/index.html" for doc in (SEED, *CONVERTED))
    seed = data[f"{SEED}/index.html"]
    assert seed["title"] == "The Tactics and Tasks of the Leninist Opposition"
    passages = {p[0]: p for p in seed["passages"]}
    assert passages["sec-IV-p20"] == [
        "sec-IV-p20",
        "§IV\u00a0¶20",
        "IV. The struggle for the masses",
    ]
    assert passages["n20"] == ["n20", "Note\u00a020", "Notes"]
    assert passages["sec-2-A"] == [
        "sec-2-A",
        "§2.A",
        "The main stages in the development of the Leninist opposition's tactics",
    ]
    assert passages["intro-p1"][1:] == ["Intro\u00a0¶1", "Introduction"]
    for doc in data:
        ids = set(html.fromstring((site / "dist" / doc).read_bytes()).xpath("//@id"))
        assert {p[0] for p in data[doc]["passages"]} <= ids


def shards_of(dist: Path) -> list[Path]:
    return sorted(p for p in (dist / "pagefind").iterdir() if p.is_dir())


def listed_shards(dist: Path) -> list[str]:
    """The shards dist/pagefind/shards.json names, in order: what site.js loads."""
    return list(json.loads((dist / "pagefind" / "shards.json").read_text("utf-8"))["shards"])


def files_of(directory: Path) -> dict[Path, bytes]:
    return {p.relative_to(directory): p.read_bytes() for p in directory.rglob("*") if p.is_file()}


def reading_editions(site: Path, dist: Path, docs: list[str]) -> Path:
    """``dist`` with only the reading editions of ``docs``, copied from the site project."""
    for doc in docs:
        (dist / doc).mkdir(parents=True)
        shutil.copy(site / "dist" / doc / "index.html", dist / doc)
    return dist


def test_pagefind_indexes_the_reading_editions_in_one_shard(site: Path) -> None:
    dist = site / "dist"
    root = dist / "pagefind"
    [shard] = shards_of(dist)  # four pages: one shard
    assert listed_shards(dist) == [shard.name]
    assert sorted(p.name for p in root.iterdir()) == sorted([shard.name, "shards.json"])
    [planned] = plan_shards(dist, [SEED, *CONVERTED])
    assert planned.name == shard.name
    assert planned.pages == tuple(f"{doc}/index.html" for doc in sorted((SEED, *CONVERTED)))
    assert (shard / "pagefind.js").is_file() and (shard / "pagefind-entry.json").is_file()
    assert not list(shard.glob("pagefind-*ui*")) and not (shard / "pagefind-highlight.js").exists()
    assert root.stat().st_mode & 0o755 == 0o755 and shard.stat().st_mode & 0o755 == 0o755


def test_pagefind_config_says_what_to_index() -> None:
    assert pagefind_config() == {
        "root_selector": "main",
        "exclude_selectors": list(PAGEFIND_EXCLUDE),
    }
    assert {".note-anchor", ".bracket", ".registers", ".apparatus"} <= set(PAGEFIND_EXCLUDE)


def test_rebuilding_replaces_the_index_and_keeps_the_page_identical(site: Path) -> None:
    dist = site / "dist"
    root = dist / "pagefind"
    before = (dist / "index.html").read_bytes()
    index_before = files_of(root)
    (root / "stale.pf_fragment").write_bytes(b"old")
    (root / "pagefind.js").write_text("// the entry module of an older pipeline\n", "utf-8")
    (root / "000-0123456789abcdef").mkdir()  # a shard no longer current
    (root / ".indexing-abc").mkdir()  # left by a run that was killed
    written = build_site(site, dist)
    assert (dist / "index.html").read_bytes() == before
    assert files_of(root) == index_before
    assert written[1:] == sorted(root / path for path in index_before)
    assert sorted(p.name for p in root.iterdir()) == sorted(["shards.json", *listed_shards(dist)])


def test_the_index_is_byte_identical_whatever_order_its_pages_were_written_in(
    site: Path, tmp_path: Path
) -> None:
    """Two indexes made from nothing, of the same reading editions in three languages,
    their directories made in opposite orders: byte-identical, file names included.
    (Pagefind is given the pages in order of document id, and writes the languages of
    pagefind-entry.json in the order of a hash map, which the pipeline sorts.)"""
    copies = {doc: doc for doc in (SEED, *CONVERTED)}
    copies |= {"letter-de": "exile-letter", "letter-fr": "circular-letter"}

    def index(dist: Path, order: list[str]) -> dict[Path, bytes]:
        for doc in order:
            page = (site / "dist" / copies[doc] / "index.html").read_bytes()
            if doc.startswith("letter-"):
                page = page.replace(b'<html lang="en"', f'<html lang="{doc[-2:]}"'.encode(), 1)
            (dist / doc).mkdir(parents=True)
            (dist / doc / "index.html").write_bytes(page)
        index_search(dist, list(copies))
        return files_of(dist / "pagefind")

    first = index(tmp_path / "one", sorted(copies))
    assert index(tmp_path / "two", sorted(copies, reverse=True)) == first
    [entry] = [data for path, data in first.items() if path.name == "pagefind-entry.json"]
    assert set(json.loads(entry)["languages"]) == {"de", "en", "fr"}
    assert entry == json.dumps(
        json.loads(entry), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


# ---------------------------------------------------------------- search index shards


def test_shards_hold_a_few_dozen_pages_and_split_in_two_as_the_corpus_grows() -> None:
    assert [shard_count(n, 64) for n in (1, 64, 65, 128, 129, 1000, 1024, 1025)] == [
        1,
        1,
        2,
        2,
        4,
        16,
        16,
        32,
    ]
    ids = [f"doc-{i:04d}" for i in range(1000)]
    sizes = [sum(1 for d in ids if shard_of(d, 16) == s) for s in range(16)]
    assert sum(sizes) == 1000 and max(sizes) < 96  # about 62 each
    # with twice the shards, each page goes to its shard or to that shard + 16
    assert all(shard_of(d, 32) % 16 == shard_of(d, 16) for d in ids)


def test_a_rebuild_indexes_again_only_the_shard_whose_page_changed(
    site: Path, tmp_path: Path
) -> None:
    docs = [SEED, *CONVERTED]
    dist = reading_editions(site, tmp_path / "dist", docs)
    index_search(dist, docs, per_shard=1)  # four pages: four shards by hash, some empty
    shards = {p.name: p for p in shards_of(dist)}
    plan = {shard.pages: shard.name for shard in plan_shards(dist, docs, per_shard=1)}
    assert sorted(plan.values()) == sorted(shards) == sorted(listed_shards(dist))
    assert len(shards) >= 2
    assert sorted(page for pages in plan for page in pages) == sorted(
        f"{d}/index.html" for d in docs
    )
    [letter_shard] = [name for pages, name in plan.items() if "exile-letter/index.html" in pages]

    def state() -> dict[str, tuple[int, dict[Path, bytes]]]:
        return {p.name: (p.stat().st_mtime_ns, files_of(p)) for p in shards_of(dist)}

    # a word new to the corpus: still only the letter's shard is made again
    before = state()
    page = dist / "exile-letter" / "index.html"
    assert b"Forward with" in page.read_bytes()
    page.write_bytes(page.read_bytes().replace(b"Forward with", b"Xylographers with"))
    index_search(dist, docs, per_shard=1)
    after = state()
    assert set(before) - set(after) == {letter_shard}
    assert len(set(after) - set(before)) == 1
    assert all(after[name] == before[name] for name in set(after) & set(before))
    assert listed_shards(dist) == [s.name for s in plan_shards(dist, docs, per_shard=1)]

    # a document gone from the corpus: its shard is made again without it (or goes)
    before = state()
    [circular_shard] = [
        s.name for s in plan_shards(dist, docs, 1) if "circular-letter/index.html" in s.pages
    ]
    remaining = [d for d in docs if d != "circular-letter"]
    index_search(dist, remaining, per_shard=1)
    after = state()
    assert set(before) - set(after) == {circular_shard}
    assert all(after[name] == before[name] for name in set(after) & set(before))
    assert listed_shards(dist) == [s.name for s in plan_shards(dist, remaining, per_shard=1)]


def test_a_document_named_pagefind_is_refused_and_left_intact(site: Path, tmp_path: Path) -> None:
    dist = reading_editions(site, tmp_path / "dist", [SEED])
    (dist / "pagefind").mkdir()
    shutil.copy(site / "dist" / "exile-letter" / "index.html", dist / "pagefind")
    before = (dist / "pagefind" / "index.html").read_bytes()
    with pytest.raises(EditionError) as caught:
        index_search(dist, [SEED, "pagefind"])
    assert "a document may not be named pagefind: the search index uses the name" in str(
        caught.value
    )
    assert (dist / "pagefind" / "index.html").read_bytes() == before


def test_a_pagefind_that_cannot_run_is_one_clear_error_and_the_last_index_stays(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [SEED, *CONVERTED]
    dist = reading_editions(site, tmp_path / "dist", docs)
    index_search(dist, docs)
    before = files_of(dist / "pagefind")
    page = dist / "exile-letter" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"Forward with", b"forward with"))
    # the Python wrapper runs the binary this names
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(EditionError) as caught:
        index_search(dist, docs)
    assert "pagefind could not run" in str(caught.value)
    assert "pagefind[extended]" in str(caught.value)
    assert files_of(dist / "pagefind") == before  # nothing half-written, nothing left over
    assert not list((dist / "pagefind").glob(".indexing-*"))


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


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """``coroutine`` run to its end in a thread of its own: the browser tests' Playwright
    may run an event loop in this one, in which asyncio.run may not nest."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_the_bundle_is_taken_as_written_only_once_no_file_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind answers a write before all its files hold their contents (search.py says
    why): the wait ends when every file has content and the sizes hold still, and a file
    that stays empty is an error, never a published bundle."""
    import pipeline.site.search

    bundle = tmp_path / "bundle"
    (bundle / "fragment").mkdir(parents=True)
    (bundle / "pagefind.js").write_text("export {};\n", "utf-8")
    late = bundle / "fragment" / "en_0.pf_fragment"
    late.touch()

    async def write_late() -> float:
        loop = asyncio.get_running_loop()
        started = loop.time()

        async def fill() -> None:
            await asyncio.sleep(0.2)
            late.write_bytes(b"content")

        await asyncio.gather(fill(), pipeline.site.search._settled(bundle))
        return loop.time() - started

    assert run_in_own_loop(write_late()) >= 0.2
    late.write_bytes(b"")
    monkeypatch.setattr(pipeline.site.search, "SETTLE_TIMEOUT", 0.2)
    with pytest.raises(EditionError) as caught:
        run_in_own_loop(pipeline.site.search._settled(bundle))
    assert "pagefind left the bundle incomplete" in str(caught.value)
