"""The EPUB 3 edition (xslt/epub.xsl, pipeline/render/epub.py).

Built from the project's master and from the XSLT fixtures, then checked as a reader and
a reading system would: the zip container (mimetype first and stored, sorted entries,
fixed dates and permissions, byte-identical rebuilds), the package metadata
(identifier, modified date, accessibility), the navigation document, footnotes linked
both ways, the apparatus and registers, every link resolving across the files, and
EPUBCheck reporting no error and no warning. EPUBCheck needs Java: without it the
EPUBCheck tests skip, except when CI=true, where they fail.
"""

from __future__ import annotations

import os
import uuid
import zipfile
from pathlib import Path

import pytest
from epubcheck_tool import epubcheck
from lxml import etree
from regenerate_expected import ROOT, fixtures

from pipeline.errors import EditionError
from pipeline.render.epub import (
    EDITION_NAMESPACE,
    book_identifier,
    epub_bytes,
    epub_files,
    package_document,
    read_epub,
    write_epub,
    zip_epub,
)

MASTER = ROOT / "tei" / "tactics-and-tasks.xml"
DOC_ID = "tactics-and-tasks"
BUILD_DATE = "2026-11-26"

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "tei": "http://www.tei-c.org/ns/1.0",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
FIXTURES = fixtures()


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("epub") / f"{DOC_ID}.epub"
    warnings = write_epub(MASTER.read_bytes(), DOC_ID, out, BUILD_DATE)
    assert warnings == ()
    return out


@pytest.fixture(scope="module")
def entries(built: Path) -> dict[str, bytes]:
    return read_epub(built)


@pytest.fixture(scope="module")
def xhtml(entries: dict[str, bytes]) -> dict[str, etree._Element]:
    """Every XHTML file by its name under EPUB/ (title.xhtml, sec-2.xhtml ...)."""
    return {
        name.removeprefix("EPUB/"): etree.fromstring(data)
        for name, data in entries.items()
        if name.endswith(".xhtml")
    }


@pytest.fixture(scope="module")
def tei() -> etree._Element:
    return etree.parse(str(MASTER)).getroot()


def ids_by_file(xhtml: dict[str, etree._Element]) -> dict[str, set[str]]:
    return {name: set(root.xpath("//@id")) for name, root in xhtml.items()}


def element_by_id(
    xhtml: dict[str, etree._Element], target: str, here: str
) -> etree._Element | None:
    """The element a link points to (``file.xhtml#id``, ``#id`` or ``file.xhtml``)."""
    name, _, fragment = target.partition("#")
    root = xhtml.get(name or here)
    if root is None:
        return None
    if not fragment:
        return root
    found = root.xpath("//*[@id = $id]", id=fragment)
    return found[0] if found else None


def text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


# ---------------------------------------------------------------- container


def test_mimetype_comes_first_and_is_stored(built: Path) -> None:
    with zipfile.ZipFile(built) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert infos[0].extra == b""
    assert built.read_bytes()[30:38] == b"mimetype"  # right after the first local header
    assert built.read_bytes()[38:58] == b"application/epub+zip"


def test_entries_are_sorted_with_fixed_dates_and_permissions(built: Path) -> None:
    with zipfile.ZipFile(built) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos[1:]]
    assert names == sorted(names)
    assert "META-INF/container.xml" in names and "EPUB/package.opf" in names
    assert {i.date_time for i in infos} == {(2026, 11, 26, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.create_system for i in infos} == {3}
    assert {i.compress_type for i in infos[1:]} == {zipfile.ZIP_DEFLATED}


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.epub"
    write_epub(MASTER.read_bytes(), DOC_ID, again, BUILD_DATE)
    assert again.read_bytes() == built.read_bytes()


def test_the_build_date_changes_only_dates(built: Path) -> None:
    later, _ = epub_bytes(MASTER.read_bytes(), DOC_ID, "2027-01-02")
    assert later != built.read_bytes()
    with zipfile.ZipFile(built) as one, zipfile.ZipFile(__import__("io").BytesIO(later)) as two:
        assert one.namelist() == two.namelist()
        changed = [n for n in one.namelist() if one.read(n) != two.read(n)]
    assert changed == ["EPUB/package.opf"]  # dcterms:modified; no content file dates itself


def test_write_epub_leaves_an_unchanged_file_alone(tmp_path: Path) -> None:
    out = tmp_path / "doc.epub"
    write_epub(MASTER.read_bytes(), DOC_ID, out, BUILD_DATE)
    os.utime(out, (1_000_000_000, 1_000_000_000))
    write_epub(MASTER.read_bytes(), DOC_ID, out, BUILD_DATE)
    assert out.stat().st_mtime == 1_000_000_000


@pytest.mark.parametrize("date", ["26 November 2026", "2026-11", "", "1979-12-31"])
def test_a_bad_build_date_is_refused(date: str) -> None:
    with pytest.raises(EditionError) as caught:
        epub_bytes(MASTER.read_bytes(), DOC_ID, date)
    assert "build date" in str(caught.value)


def test_zip_epub_refuses_nothing_but_orders_everything() -> None:
    from pipeline.render.epub import EpubFile

    data = zip_epub(
        [EpubFile("EPUB/b.xhtml", "", b"b"), EpubFile("EPUB/a.xhtml", "", b"a")], "2000-01-01"
    )
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        assert archive.namelist() == ["mimetype", "EPUB/a.xhtml", "EPUB/b.xhtml"]


def test_container_points_to_the_package(entries: dict[str, bytes]) -> None:
    container = etree.fromstring(entries["META-INF/container.xml"])
    rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    assert rootfile.get("full-path") == "EPUB/package.opf"
    assert rootfile.get("media-type") == "application/oebps-package+xml"


# ---------------------------------------------------------------- package


def test_identifier_is_a_uuid5_of_the_document_id(entries: dict[str, bytes]) -> None:
    opf = package_document(entries)
    identifier = opf.xpath(
        "string(//dc:identifier[@id = /opf:package/@unique-identifier])", namespaces=NS
    )
    assert (
        identifier == f"urn:uuid:{uuid.uuid5(EDITION_NAMESPACE, DOC_ID)}" == book_identifier(DOC_ID)
    )
    assert uuid.UUID(identifier.removeprefix("urn:uuid:")).version == 5
    assert book_identifier("another-document") != identifier


def test_metadata_come_from_the_tei_header(entries: dict[str, bytes], tei: etree._Element) -> None:
    opf = package_document(entries)

    def values(path: str) -> list[str]:
        return [" ".join(v.split()) for v in opf.xpath(path, namespaces=NS)]

    assert values("//dc:title[@id = 'title']/text()") == [
        "The Tactics and Tasks of the Leninist Opposition"
    ]
    assert values("//dc:creator/text()") == ["Soviet Bolshevik-Leninists"]
    assert values("//dc:contributor/text()") == ["World Socialist Web Site"]
    assert values("//dc:language/text()") == ["en"]
    assert values("//opf:meta[@property = 'dcterms:modified']/text()") == ["2026-11-26T00:00:00Z"]
    assert values("//dc:date/text()") == ["2026-11-26"]
    rights = tei.xpath("string(//tei:availability)", namespaces=NS)
    assert values("//dc:rights/text()") == [" ".join(rights.split())]
    assert values("//dc:description/text()")[0].startswith("The ninth and last chapter")


def test_accessibility_metadata(entries: dict[str, bytes]) -> None:
    opf = package_document(entries)

    def meta(prop: str) -> list[str]:
        return opf.xpath("//opf:meta[@property = $p]/text()", p=f"schema:{prop}", namespaces=NS)

    assert meta("accessMode") == ["textual"]
    assert meta("accessModeSufficient") == ["textual"]
    assert set(meta("accessibilityFeature")) == {
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "index",
    }
    assert "alternativeText" not in meta("accessibilityFeature")  # no images: nothing to describe
    assert meta("accessibilityHazard") == ["none"]
    assert "text only" in meta("accessibilitySummary")[0]


def test_manifest_and_zip_agree_and_spine_follows_the_text(entries: dict[str, bytes]) -> None:
    opf = package_document(entries)
    manifest = {item.get("id"): item.get("href") for item in opf.iterfind(".//opf:item", NS)}
    assert {f"EPUB/{href}" for href in manifest.values()} == set(entries) - {
        "mimetype",
        "META-INF/container.xml",
        "EPUB/package.opf",
    }
    spine = [manifest[ref.get("idref")] for ref in opf.iterfind(".//opf:itemref", NS)]
    assert spine == [
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
    nav = opf.xpath("//opf:item[@properties = 'nav']/@href", namespaces=NS)
    assert nav == ["nav.xhtml"]


def test_our_master_has_only_the_edition_stylesheet(xhtml: dict[str, etree._Element]) -> None:
    # other-tei.css (drama, verse, page furniture of other projects' TEI) is for theirs
    for name, root in xhtml.items():
        links = [link.get("href") for link in root.iter("{http://www.w3.org/1999/xhtml}link")]
        assert links == ["css/epub.css"], name


# ---------------------------------------------------------------- navigation


def test_navigation_lists_every_section_and_subsection(
    xhtml: dict[str, etree._Element], tei: etree._Element
) -> None:
    toc = xhtml["nav.xhtml"].xpath("//h:nav[@epub:type = 'toc']", namespaces=NS)[0]
    hrefs = toc.xpath(".//h:a/@href", namespaces=NS)
    divs = tei.xpath("//tei:body//tei:div[tei:head]/@xml:id", namespaces=NS)
    assert len(divs) == 11
    for div in divs:
        assert any(h.endswith(f"#{div}") for h in hrefs), div
    assert "sec-2.xhtml#sec-2-C" in hrefs
    labels = [text_of(a) for a in toc.xpath(".//h:a", namespaces=NS)]
    assert "C) From the 15th Congress to the November Plenum of [19]28" in labels
    assert labels[:2] == ["Title page", "Introduction"]
    assert labels[-4:] == ["Notes", "Variant readings", "Registers", "About this edition"]
    landmarks = xhtml["nav.xhtml"].xpath(
        "//h:nav[@epub:type = 'landmarks']//h:a/@epub:type", namespaces=NS
    )
    assert landmarks == ["titlepage", "toc", "bodymatter", "footnotes", "index"]


def test_every_link_resolves_across_the_files(xhtml: dict[str, etree._Element]) -> None:
    broken = []
    count = 0
    for name, root in xhtml.items():
        for href in root.xpath("//h:a/@href", namespaces=NS):
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            count += 1
            if element_by_id(xhtml, href, name) is None:
                broken.append((name, href))
    assert broken == []
    assert count > 450  # 173 mentions and their occurrence links, 23 notes both ways, contents


def test_ids_are_unique_across_the_publication(xhtml: dict[str, etree._Element]) -> None:
    all_ids = [i for root in xhtml.values() for i in root.xpath("//@id")]
    assert len(all_ids) == len(set(all_ids))


def test_every_passage_keeps_its_tei_id(
    xhtml: dict[str, etree._Element], tei: etree._Element
) -> None:
    ids = ids_by_file(xhtml)
    passages = tei.xpath("//tei:text//tei:p/@xml:id | //tei:text//tei:div/@xml:id", namespaces=NS)
    assert len(passages) > 100
    for passage in passages:
        assert sum(passage in found for found in ids.values()) == 1, passage
    assert "sec-2-A-p3" in ids["sec-2.xhtml"]


def test_each_file_starts_at_h1(xhtml: dict[str, etree._Element]) -> None:
    for name, root in xhtml.items():
        headings = root.xpath("//h:h1 | //h:h2 | //h:h3 | //h:h4", namespaces=NS)
        assert headings and headings[0].tag.endswith("h1"), name


def test_no_scripts_and_every_file_has_title_and_language(xhtml: dict[str, etree._Element]) -> None:
    for name, root in xhtml.items():
        assert root.xpath("//h:script", namespaces=NS) == [], name
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en" == root.get("lang")
        assert text_of(root.xpath("//h:title", namespaces=NS)[0]), name


# ---------------------------------------------------------------- notes


def test_notes_are_footnotes_linked_both_ways(
    xhtml: dict[str, etree._Element], tei: etree._Element
) -> None:
    asides = xhtml["notes.xhtml"].xpath("//h:aside[@epub:type = 'footnote']", namespaces=NS)
    assert [a.get("id") for a in asides] == [f"n{i}" for i in range(1, 25)]
    assert {a.get("role") for a in asides} == {"doc-footnote"}
    noterefs = [
        (name, a)
        for name, root in xhtml.items()
        for a in root.xpath("//h:a[@epub:type = 'noteref']", namespaces=NS)
    ]
    anchors = tei.xpath(
        "//tei:text//tei:ref[@type = 'noteAnchor'][not(ancestor::tei:rdg)]", namespaces=NS
    )
    assert len(noterefs) == len(anchors) == 23
    for name, ref in noterefs:
        aside = element_by_id(xhtml, ref.get("href"), name)
        assert aside is not None and aside.tag == f"{{{NS['h']}}}aside"
        back = aside.xpath(".//h:a[@role = 'doc-backlink']/@href", namespaces=NS)
        assert back[0].endswith(f"#{ref.get('id')}"), ref.get("id")
        assert element_by_id(xhtml, back[0], "notes.xhtml") is ref


def test_the_unanchored_note_is_kept_and_flagged(xhtml: dict[str, etree._Element]) -> None:
    note = xhtml["notes.xhtml"].xpath("//h:aside[@id = 'n9']", namespaces=NS)[0]
    assert "workers' meetings with the participation of Oppositionists" in text_of(note)
    assert note.xpath(".//h:a[@role = 'doc-backlink']", namespaces=NS) == []
    assert "no reference in the text" in text_of(note)


def test_a_note_with_two_references_links_back_to_both(tmp_path: Path) -> None:
    fixture = next(f for f in FIXTURES if f.name == "notes.001")
    files, warnings = epub_files(fixture.path.read_bytes(), "notes", "2000-01-01")
    assert warnings == ()
    notes = etree.fromstring(next(f.data for f in files if f.path == "EPUB/notes.xhtml"))
    back = notes.xpath("//h:aside[@id = 'n1']//h:a[@role = 'doc-backlink']/@href", namespaces=NS)
    assert back == ["sec-1.xhtml#n1-ref", "sec-1.xhtml#n1-ref", "sec-1.xhtml#n1-ref-2"]
    two_paragraphs = notes.xpath("//h:aside[@id = 'n3']/h:p", namespaces=NS)
    assert len(two_paragraphs) == 2 and text_of(two_paragraphs[0]).startswith(
        "3. The reference here"
    )


# ---------------------------------------------------------------- apparatus, registers, text


def test_apparatus_lists_every_variant_with_its_place(
    xhtml: dict[str, etree._Element], tei: etree._Element
) -> None:
    apps = tei.xpath("//tei:text//tei:app[tei:rdg][not(ancestor::tei:app)]", namespaces=NS)
    entries = xhtml["apparatus.xhtml"].xpath("//h:li[@class = 'app-entry']", namespaces=NS)
    assert len(entries) == len(apps) == 15
    places = [e.xpath("string(h:a[@class = 'app-place']/@href)", namespaces=NS) for e in entries]
    expected = [
        "notes.xhtml#" + app.xpath("string(ancestor::*[@xml:id][1]/@xml:id)") for app in apps
    ]
    assert places == expected
    # the text shows the lemma only; no variant reading is in the notes file
    assert "omitted" in text_of(entries[0]) and "omitted" not in text_of(xhtml["notes.xhtml"])


def test_registers_list_every_entry_with_its_mentions(
    xhtml: dict[str, etree._Element], tei: etree._Element
) -> None:
    entries = tei.xpath(
        "//tei:standOff//*[@xml:id][parent::tei:listPerson or parent::tei:listOrg "
        "or parent::tei:listPlace or parent::tei:listBibl]/@xml:id",
        namespaces=NS,
    )
    registers = xhtml["registers.xhtml"]
    assert len(entries) == 73  # every entry of tei/authority (the seed uses them all)
    for entry in entries:
        assert registers.xpath("//h:li[@id = $id]", id=entry, namespaces=NS), entry
    besedovsky = registers.xpath(
        "//h:li[@id = 'person-besedovsky']//h:span[@class = 'occurrences']//h:a/@href",
        namespaces=NS,
    )
    assert besedovsky == ["sec-IV.xhtml#sec-IV-p20-m3", "notes.xhtml#n20-m1"]


def test_editorial_brackets_are_shown(xhtml: dict[str, etree._Element]) -> None:
    p = xhtml["sec-1.xhtml"].xpath("//h:p[@id = 'sec-1-p6']", namespaces=NS)[0]
    assert "B[olshevik]-L[eninists]" in text_of(p)
    assert "VKP [All-Union Communist Party]" in text_of(p)


def test_brackets_hidden_by_the_parameter_are_hidden_by_css(entries: dict[str, bytes]) -> None:
    from pipeline.render.xslt import render

    result = render("epub", MASTER, {"build-date": BUILD_DATE, "editorial-brackets": False})
    assert b'class="brackets-off"' in result.output
    assert ".brackets-off .bracket { display: none; }" in entries["EPUB/css/epub.css"].decode()


def test_title_page_and_about_come_from_the_header(xhtml: dict[str, etree._Element]) -> None:
    title = text_of(xhtml["title.xhtml"])
    assert "The Tactics and Tasks of the Leninist Opposition" in title
    assert "Soviet Bolshevik-Leninists" in title
    assert "which holds the rights in them" in title
    assert "How to cite" in title
    assert xhtml["title.xhtml"].xpath("//h:section[@epub:type = 'titlepage']", namespaces=NS)
    about = text_of(xhtml["about.xhtml"])
    assert "Paragraphs split at old page breaks" in about


def reading_text(e: etree._Element) -> str:
    """The text of a TEI element as the edition reads it: the lemma, no variant, no note
    number, editorial expansions and additions in [brackets]."""
    inner = e.text or ""
    for child in e:
        name = etree.QName(child).localname
        if not (name == "rdg" or (name == "ref" and child.get("type") == "noteAnchor")):
            inner += reading_text(child)
        inner += child.tail or ""
    return f"[{inner}]" if etree.QName(e).localname in ("ex", "supplied") else inner


def test_the_text_is_all_there(xhtml: dict[str, etree._Element], tei: etree._Element) -> None:
    """Each paragraph of the TEI text reads the same in the EPUB, word for word: the
    lemma, no variant, brackets around editorial text, the thesis number first."""
    paragraphs = tei.xpath("//tei:text//tei:p[@xml:id]", namespaces=NS)
    assert len(paragraphs) == 89
    for p in paragraphs:
        pid = p.get("{http://www.w3.org/XML/1998/namespace}id")
        [rendered] = [e for root in xhtml.values() for e in root.xpath("//*[@id = $id]", id=pid)]
        for ref in rendered.xpath(".//h:a[@epub:type = 'noteref']", namespaces=NS):
            for child in list(ref):  # the note number is not part of the text
                ref.remove(child)
        number = p.get("n")
        expected = (f"{number}. " if number else "") + reading_text(p)
        assert text_of(rendered) == " ".join(expected.split()), pid


# ---------------------------------------------------------------- fixtures


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixtures_build_with_only_their_expected_warnings(fixture) -> None:
    files, warnings = epub_files(fixture.path.read_bytes(), fixture.name, "2000-01-01")
    unhandled = {w.split()[1] for w in warnings if w.startswith("UNHANDLED:")}
    assert unhandled == set(fixture.expect_unhandled)
    assert not [w for w in warnings if w.startswith(("BROKEN-LINK:", "DUPLICATE-ID:"))]
    assert any(f.path == "EPUB/nav.xhtml" for f in files)


# ---------------------------------------------------------------- EPUBCheck


CHECKED = [pytest.param(MASTER, id=MASTER.name)] + [
    pytest.param(f.path, id=f.name)
    for f in FIXTURES
    if f.name in ("notes.001", "unknown-elements.001")  # Java is slow to start: two fixtures
]


@pytest.mark.parametrize("tei_path", CHECKED)
def test_epubcheck_reports_no_errors_and_no_warnings(tei_path: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{tei_path.stem}.epub"
    write_epub(tei_path.read_bytes(), tei_path.stem.replace(".", "-"), out, "2026-11-26")
    messages = epubcheck(out, tmp_path)
    assert [m for m in messages if m[0] in ("FATAL", "ERROR", "WARNING")] == []
