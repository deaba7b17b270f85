"""The PDF/A-3b print edition (pipeline/render/pdf.py, WeasyPrint).

The seed master is rendered once (through the build's own render_all) and read back with
pypdf: its text, metadata, PDF/A identification, the attached TEI, the fonts, the page of
a footnote, the page numbers of the contents; then rendered again, in this process and in
another, to prove the bytes never change. Small documents check the refusals: no network,
no file outside the output directory and the assets, no date from the clock.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from pypdf import PdfReader

from pipeline.errors import EditionError
from pipeline.render import pdf as pdfmod
from pipeline.render.outputs import render_all
from pipeline.render.xslt import render
from pipeline.xmlsafe import NSMAP, XML_ID

ROOT = Path(__file__).resolve().parents[1]
MASTER = ROOT / "tei" / "tactics-and-tasks.xml"
DOC_ID = "tactics-and-tasks"
FONT_DIR = ROOT / "xslt" / "assets" / "fonts"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """dist/<doc>/ for the seed master: (output directory, PDF bytes)."""
    out = tmp_path_factory.mktemp("dist") / DOC_ID
    out.mkdir()
    written, warnings = render_all(MASTER.read_bytes(), DOC_ID, out, ("pdf",))
    assert [p.name for p in written] == ["print.html", f"{DOC_ID}.pdf"]
    assert warnings == []
    return out, (out / f"{DOC_ID}.pdf").read_bytes()


@pytest.fixture(scope="module")
def reader(seed: tuple[Path, bytes]) -> PdfReader:
    return PdfReader(io.BytesIO(seed[1]))


@pytest.fixture(scope="module")
def pages(reader: PdfReader) -> list[str]:
    """The text of each page, whitespace collapsed, WeasyPrint's hyphenation undone."""
    return [normalise(page.extract_text()) for page in reader.pages]


def normalise(text: str) -> str:
    # WeasyPrint hyphenates with U+2010; the source's own hyphens (U+002D) stay when a
    # line breaks after them.
    text = re.sub(r"\u2010\s*\n\s*", "", text)
    text = re.sub(r"-\s*\n\s*", "-", text)
    return " ".join(text.split())


def lemma_text(element: etree._Element) -> str:
    """The text of a TEI element as printed: variant readings (rdg) left out."""
    copy = etree.fromstring(etree.tostring(element))
    for rdg in copy.xpath(".//tei:rdg", namespaces=NSMAP):
        rdg.getparent().remove(rdg)
    return " ".join("".join(copy.itertext()).split())


def tei_text(xpath: str) -> str:
    tei = etree.parse(str(MASTER))
    return lemma_text(tei.xpath(xpath, namespaces=NSMAP)[0])


def first_page_with(pages: list[str], needle: str, start: int = 0) -> int:
    """1-based number of the first page from ``start`` (0-based) whose text has ``needle``."""
    for number, text in enumerate(pages[start:], start + 1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} is on no page")


# ---------------------------------------------------------------- content


def test_text_holds_title_and_body(pages: list[str]) -> None:
    everything = " ".join(pages)
    assert pages[0].startswith("The Tactics and Tasks of the Leninist Opposition")
    assert "Soviet Bolshevik-Leninists" in pages[0]
    assert tei_text("//tei:p[@xml:id='sec-1-p3']") in everything
    assert tei_text("//tei:p[@xml:id='sec-IV-p17']") in everything
    assert "opposition of B[olshevik]-L[eninists] is oriented" in everything  # brackets printed


def test_note_14_is_on_the_page_of_its_anchor(pages: list[str]) -> None:
    anchor_page = first_page_with(pages, "from the leading faction [around Stalin].14")
    assert (
        "14. Vissarion Vissarionovich Lominadze (1897-1935) was party leader in the Caucasus."
        in pages[anchor_page - 1]
    )


def test_every_anchored_note_is_on_the_page_of_its_call(
    pages: list[str], seed: tuple[Path, bytes]
) -> None:
    """Each footnote starts on the page whose text holds its call (the number right
    after the word the anchor follows)."""
    tei = etree.parse(str(MASTER))
    body_end = first_page_with(pages, "Notes without an anchor in the text", 2)
    for note in tei.xpath("//tei:back/tei:div[@type='notes']/tei:note[@target]", namespaces=NSMAP):
        number = note.get("n")
        opening = lemma_text(note)[:40]
        found = [i for i, text in enumerate(pages[:body_end], 1) if f"{number}. {opening}" in text]
        assert len(found) == 1, f"note {number} printed on pages {found}"


def test_unanchored_note_is_an_endnote_flagged(pages: list[str]) -> None:
    page = first_page_with(pages, "Notes without an anchor in the text", 2)
    text = pages[page - 1]
    assert "NO ANCHOR IN THE TEXT" in text.upper()
    assert "9. NO ANCHOR IN THE TEXT What is meant here are specifically workers' meetings" in text


def test_contents_page_numbers_are_the_pages_where_sections_start(
    pages: list[str], seed: tuple[Path, bytes]
) -> None:
    """For every entry of the contents: the page number printed there is the first page
    (after the contents) whose text has the heading; running heads only repeat it later."""
    import lxml.html

    contents = pages[1]
    assert contents.startswith("Contents")
    toc = lxml.html.fromstring((seed[0] / "print.html").read_bytes()).xpath(
        "//nav[@class='toc']//a"
    )
    titles = [" ".join(a.text_content().split()) for a in toc]
    assert len(titles) == 15  # 11 divisions of the body, 4 of the back matter
    assert "C) From the 15th Congress to the November Plenum of [19]28" in titles
    for title in titles:
        match = re.search(re.escape(title) + r"[ .]*?(\d+)(?: |$)", contents)
        assert match, f"{title!r} not in the contents"
        assert first_page_with(pages, title, 2) == int(match.group(1)), title


# ---------------------------------------------------------------- metadata and PDF/A


def test_document_metadata_from_the_header(reader: PdfReader) -> None:
    info = reader.metadata
    assert info.title == "The Tactics and Tasks of the Leninist Opposition"
    assert info.author == "Soviet Bolshevik-Leninists"
    assert info.subject == tei_text("//tei:profileDesc/tei:abstract")
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261126000000Z"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def xmp(reader: PdfReader) -> etree._Element:
    data = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    return etree.fromstring(data)


def test_xmp_declares_pdf_a_3b_and_the_language(reader: PdfReader) -> None:
    root = xmp(reader)
    ns = {
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
        "dc": "http://purl.org/dc/elements/1.1/",
        "xmp": "http://ns.adobe.com/xap/1.0/",
    }
    ident = root.xpath("//rdf:Description[@pdfaid:part]", namespaces=ns)
    assert len(ident) == 1
    assert ident[0].get("{http://www.aiim.org/pdfa/ns/id/}part") == "3"
    assert ident[0].get("{http://www.aiim.org/pdfa/ns/id/}conformance") == "B"
    assert root.xpath("//dc:title//rdf:li/text()", namespaces=ns) == [
        "The Tactics and Tasks of the Leninist Opposition"
    ]
    assert root.xpath("//dc:creator//rdf:li/text()", namespaces=ns) == [
        "Soviet Bolshevik-Leninists"
    ]
    assert root.xpath("//dc:language//rdf:li/text()", namespaces=ns) == ["en"]
    assert root.xpath("//xmp:CreateDate/text()", namespaces=ns) == ["2026-11-26T00:00:00Z"]
    # PDF/A: an sRGB output intent and a file identifier
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    assert len(reader.trailer["/ID"]) == 2


def test_the_tei_master_is_attached_byte_for_byte(reader: PdfReader) -> None:
    attachments = reader.attachments
    assert list(attachments) == [f"{DOC_ID}.xml"]
    assert attachments[f"{DOC_ID}.xml"] == [MASTER.read_bytes()]
    catalog = reader.trailer["/Root"]
    (spec,) = {ref.idnum: ref.get_object() for ref in catalog["/AF"]}.values()
    assert len(catalog["/AF"]) == 1
    assert spec["/UF"] == f"{DOC_ID}.xml"
    assert spec["/AFRelationship"] == "/Source"
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/application/tei+xml"
    assert stream["/Params"]["/ModDate"] == "D:20261126000000Z"


def fonts_of(reader: PdfReader) -> dict[str, object]:
    found: dict[str, object] = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def test_every_font_is_the_shipped_serif_and_embedded(reader: PdfReader) -> None:
    fonts = fonts_of(reader)
    assert fonts
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+Edition-Serif(-Bold)?(-Italic)?", name), name
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (
            f"{name} not embedded"
        )


def test_the_font_covers_every_character_of_the_print_edition(seed: tuple[Path, bytes]) -> None:
    """Every character the print edition typesets (text of the TEI, labels, punctuation
    print.xsl and print.css add) has a glyph in each of the shipped faces: nothing can
    fall back to a system font or to a missing-glyph box."""
    import lxml.html

    page = lxml.html.fromstring((seed[0] / "print.html").read_bytes())
    chars = set(page.find("body").text_content()) | set("0123456789.:()[]<>‐—–")
    chars -= {"\n", "\t", "\r", "\xad"}
    for face in ("Regular", "Italic", "Bold", "BoldItalic"):
        cmap = TTFont(FONT_DIR / f"NotoSerif-{face}.ttf").getBestCmap()
        missing = sorted(c for c in chars if ord(c) not in cmap)
        assert missing == [], f"NotoSerif-{face} lacks {missing}"
    assert (FONT_DIR / "OFL.txt").read_text().count("SIL Open Font License") >= 1


# ---------------------------------------------------------------- determinism


def test_two_renders_are_byte_identical(seed: tuple[Path, bytes]) -> None:
    out, first = seed
    tei = MASTER.read_bytes()
    again = pdfmod.write_pdf((out / "print.html").read_bytes(), out / "print.html", tei, DOC_ID)
    assert again == first


@pytest.mark.slow
def test_another_process_renders_the_same_bytes(seed: tuple[Path, bytes], tmp_path: Path) -> None:
    """No state of the process (hash seeds, temporary font files, the clock) leaks in."""
    out = tmp_path / DOC_ID
    script = (
        "import sys; from pathlib import Path; from pipeline.render.outputs import render_all; "
        f"render_all(Path({str(MASTER)!r}).read_bytes(), {DOC_ID!r}, Path(sys.argv[1]), ('pdf',))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [sys.executable, "-c", script, str(out)], check=True, cwd=ROOT, env=env, timeout=600
    )
    assert (out / f"{DOC_ID}.pdf").read_bytes() == seed[1]


def test_identifier_is_derived_from_the_inputs() -> None:
    a = pdfmod._pdf_identifier(b"<html/>", b"<TEI/>")
    assert a == pdfmod._pdf_identifier(b"<html/>", b"<TEI/>")
    assert a != pdfmod._pdf_identifier(b"<html/>", b"<TEI />")
    assert a != pdfmod._pdf_identifier(b"<html/><TEI/>", b"")  # parts are delimited
    assert re.fullmatch(rb"[0-9a-f]{32}", a)


# ---------------------------------------------------------------- dates


TEI_HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de"><teiHeader><fileDesc><titleStmt>'
    '<title type="main">Ein Titel</title><author>A. Autor</author>'
    "<author>B. Autorin</author></titleStmt>"
    "<publicationStmt><publisher>P</publisher>{date}</publicationStmt><sourceDesc><p>s</p></sourceDesc>"
    "</fileDesc><profileDesc><textClass><keywords><term>Opposition</term><term>1932</term></keywords>"
    "</textClass></profileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"
)


def test_metadata_from_a_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    meta = pdfmod.pdf_metadata(
        TEI_HEAD.format(date='<date when="2024-02">February 2024</date>').encode(), "x.xml"
    )
    assert meta.title == "Ein Titel"
    assert meta.authors == ("A. Autor", "B. Autorin")
    assert meta.language == "de"
    assert meta.keywords == ("Opposition", "1932")
    assert meta.description is None
    assert meta.date_w3c == "2024-02-01T00:00:00Z"


def test_without_a_date_the_pdf_is_refused_not_dated_by_the_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with pytest.raises(EditionError) as caught:
        pdfmod.pdf_metadata(TEI_HEAD.format(date="").encode(), "x.xml")
    assert str(caught.value) == (
        "x.xml: the PDF needs the edition's date: teiHeader/fileDesc/publicationStmt/date/@when "
        "(YYYY-MM-DD) or SOURCE_DATE_EPOCH; it is never taken from the clock"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")
    assert (
        pdfmod.pdf_metadata(TEI_HEAD.format(date="").encode(), "x.xml").date_w3c
        == "2000-01-01T00:00:00Z"
    )


# ---------------------------------------------------------------- fetching


def tiny_pdf(tmp_path: Path, body: str) -> bytes:
    html = f"<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>{body}</body></html>"
    tei = TEI_HEAD.format(date='<date when="2026-11-26">26 November 2026</date>').encode()
    return pdfmod.write_pdf(html.encode(), tmp_path / "print.html", tei, "tiny")


def test_network_resources_are_refused(tmp_path: Path) -> None:
    with pytest.raises(EditionError) as caught:
        tiny_pdf(tmp_path, "<p>x</p><img src='https://example.org/x.png'>")
    assert str(caught.value) == (
        f"{tmp_path / 'print.html'}: the print edition asks for resources outside the output "
        "directory and xslt/assets: https://example.org/x.png"
    )


def test_files_outside_the_output_and_assets_are_refused(tmp_path: Path) -> None:
    outside = tmp_path.parent / "outside.png"
    with pytest.raises(EditionError, match=re.escape(outside.as_uri())):
        tiny_pdf(tmp_path, f"<img src='{outside.as_uri()}'>")
    with pytest.raises(EditionError, match="outside the output directory"):
        tiny_pdf(tmp_path, "<img src='../outside.png'>")


def test_local_and_data_resources_are_read(tmp_path: Path) -> None:
    (tmp_path / "note.css").write_text("p { color: #333 }")
    pdf = tiny_pdf(
        tmp_path,
        "<link rel='stylesheet' href='note.css'><p>Inside.</p>"
        "<img src='data:image/gif;base64,"
        "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7' alt=''>",
    )
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Inside." in text


# A footnote whose text starts with white space, as in the Digital Latin Library's notes
# (<note>\n  <bibl>...): WeasyPrint 70 fails on it with an assertion in its line breaking.
CRASHING_FOOTNOTE = (
    "<style>.footnote { float: footnote; }</style><p>text<span class='footnote'>"
    "<span> \n quam caduca sit huius mundi felicitas:\n </span>:\n </span></p>"
)


def test_a_failure_of_the_typesetter_is_one_line_naming_the_print_edition(tmp_path: Path) -> None:
    with pytest.raises(EditionError) as caught:
        tiny_pdf(tmp_path, CRASHING_FOOTNOTE)
    message = str(caught.value)
    assert message.startswith(
        f"{tmp_path / 'print.html'}: the PDF typesetter (WeasyPrint) failed: AssertionError: "
    )
    assert "\n" not in message


def test_a_note_starting_with_white_space_is_printed(tmp_path: Path) -> None:
    tei = TEI_HEAD.format(date='<date when="2026-11-26">26 November 2026</date>').replace(
        "<p>x</p>",
        "<p>Body<note place='foot'>\n   <bibl> \n quam caduca sit huius mundi felicitas:\n"
        "   </bibl>:\n </note>.</p>",
    )
    assert "quam caduca" in tei  # the header template holds the body paragraph replaced
    render_all(tei.encode(), "tiny", tmp_path, ("pdf",), build_date="2026-11-26")
    text = " ".join(page.extract_text() for page in PdfReader(str(tmp_path / "tiny.pdf")).pages)
    assert "quam caduca sit huius mundi felicitas" in " ".join(text.split())


# ---------------------------------------------------------------- a fixture


def test_fixture_with_two_anchors_and_an_unanchored_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fixture without a publication date: SOURCE_DATE_EPOCH dates it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")
    fixture = ROOT / "tests" / "fixtures" / "xslt" / "notes.001.xml"
    tei = fixture.read_bytes()
    html = render("print", tei).output
    pdf = pdfmod.write_pdf(html, tmp_path / "print.html", tei, "notes.001")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata["/CreationDate"] == "D:20000101000000Z"
    texts = [normalise(p.extract_text()) for p in reader.pages]
    body = next(t for t in texts[2:] if "The main stages" in t)
    assert "1. The Declaration of 46 was issued by 46 leading Old Bolsheviks" in body
    assert body.count("The Declaration of 46 was issued") == 1  # printed once for two anchors
    endnotes = next(t for t in texts if "Notes without an anchor in the text" in t and "4." in t)
    assert "4. NO ANCHOR IN THE TEXT What is meant here" in endnotes
    assert list(reader.attachments) == ["notes.001.xml"]
    ids = [n.get(XML_ID) for n in etree.fromstring(tei).iter("{http://www.tei-c.org/ns/1.0}note")]
    assert ids == ["n1", "n2", "n3", "n4"]


def _index_of_persons(pages: list[str]) -> str:
    """The printed index of persons: from its heading to the next index's."""
    everything = "\n".join(pages)
    start = everything.rindex("Index of persons")
    return everything[start : everything.index("Index of organisations", start)]


def test_printed_index_gives_the_pages_where_a_person_is_named(pages: list[str]) -> None:
    index = _index_of_persons(pages)
    entry = index[index.index("Grigory Zinovievich Besedovsky") : index.index("Lev Kamenev")]
    listed = [int(n) for n in re.findall(r"\(p\. ?(\d+)\)", entry)]
    assert len(listed) == 2  # the text (§IV ¶20) and note 20
    text_page = first_page_with(pages, "the Besedovskys of all shades")
    note_page = first_page_with(pages, "20. Grigory Zinovievich Besedovsky")
    assert listed == [text_page, note_page]
    for page in listed:
        assert "Besedovsky" in pages[page - 1]


def test_printed_index_of_persons_is_sorted_by_surname(pages: list[str]) -> None:
    index = _index_of_persons(pages)
    order = [
        index.index(name)
        for name in (
            "Alexander Beloborodov",
            "Grigory Zinovievich Besedovsky",
            "Lev Kamenev",
            "Lenin.",
            "Vissarion Vissarionovich Lominadze",
            "Leon Trotsky",
            "Clara Weiss",
            "Grigory Zinoviev.",
        )
    ]
    assert order == sorted(order)
