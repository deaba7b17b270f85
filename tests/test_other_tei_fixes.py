"""Real TEI of other projects that the outputs once failed on (tests/fixtures/other-tei-fixes/,
sources in SOURCES.md there)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.errors import EditionError
from pipeline.render import xslt
from pipeline.render.epub import read_epub
from pipeline.render.outputs import render_all

FIXTURES = Path(__file__).parent / "fixtures" / "other-tei-fixes"
SLOMSEK = FIXTURES / "slomsek-tri-pridige.xml"


@pytest.mark.parametrize("stylesheet", ["html", "text", "print", "epub"])
def test_a_respstmt_with_two_resps_renders(stylesheet: str) -> None:
    # titleStmt/respStmt[2] has two resp children: f:citation (translators) once failed
    # with XPTY0004 on matches() over both
    result = xslt.render(stylesheet, SLOMSEK, {"build-date": "2026-01-01"})
    text = result.output.decode("utf-8")
    assert "Matija Ogrin" in text
    assert "TRI PRIDIGE O JEZIKU" in text


def test_every_resp_of_a_respstmt_is_named_and_empty_names_are_not() -> None:
    text = xslt.render("text", SLOMSEK, {"build-date": "2026-01-01"}).output.decode("utf-8")
    assert "Uredništvo, opombe, redakcija zapisa TEI; Nosilec projekta: Matija Ogrin\n" in text
    assert "Jože Faganel, " not in text  # the empty <name/> after each name adds nothing


def test_a_translator_respstmt_with_several_resps_and_names_is_cited() -> None:
    tei = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
      <title>T</title>
      <respStmt><resp>Editor</resp><resp>Translator</resp><name>A One</name><name/>
        <persName>B Two</persName></respStmt></titleStmt>
      <publicationStmt><publisher>P</publisher></publicationStmt>
      <sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
      <text><body><p>x</p></body></text></TEI>"""
    text = xslt.render("text", tei, {"build-date": "2026-01-01"}).output.decode("utf-8")
    assert "translated by A One, B Two" in " ".join(text.split())


# A stylesheet that warns (as html.xsl does for an element it has no template for) and
# then fails: by a type error, or by stopping itself as the NOT-TEI check does.
FAILING = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xsl:param name="how" as="xs:string" select="'type'"/>
  <xsl:template match="/">
    <xsl:message select="'UNHANDLED: tei:country near #x'"/>
    <xsl:choose>
      <xsl:when test="$how = 'type'"><xsl:value-of select="matches(//*/name(), 'x')"/></xsl:when>
      <xsl:otherwise><xsl:message terminate="yes" select="'NOT-TEI: stop'"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
"""


@pytest.fixture
def failing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "failing-other-tei.xsl").write_text(FAILING, encoding="utf-8")
    monkeypatch.setattr(xslt, "XSLT_DIR", tmp_path)
    return "failing-other-tei"


def test_a_failing_stylesheet_reports_saxons_error_not_the_last_message(failing: str) -> None:
    with pytest.raises(EditionError) as caught:
        xslt.render(failing, SLOMSEK, {"how": "type"})
    message = str(caught.value)
    assert "UNHANDLED" not in message
    assert message.startswith(f"{SLOMSEK}: failing-other-tei.xsl: XPTY0004: A sequence of more")
    assert re.search(r" \(failing-other-tei\.xsl line 7, column \d+\)$", message)
    assert "\n" not in message


def test_a_stylesheet_that_terminates_reports_its_message(failing: str) -> None:
    with pytest.raises(EditionError) as caught:
        xslt.render(failing, SLOMSEK, {"how": "terminate"})
    assert str(caught.value) == f"{SLOMSEK}: failing-other-tei.xsl: NOT-TEI: stop"


def test_the_not_tei_check_still_says_not_tei() -> None:
    with pytest.raises(EditionError, match=r"html\.xsl: NOT-TEI: the root element is html, not"):
        xslt.render("html", b"<html><body/></html>", {})


SCHNITZLER = FIXTURES / "schnitzler-briefe-L00001.xml"  # publicationStmt: <date when="2023">


def _package(epub: Path) -> str:
    return read_epub(epub)["EPUB/package.opf"].decode("utf-8")


@pytest.mark.parametrize(
    ("date", "modified"),
    [
        ('<date when="2023">2023</date>', "2023-01-01T00:00:00Z"),  # as found
        ("<date>2023</date>", "2023-01-01T00:00:00Z"),  # the year as text only
        ('<date when="1890-05"/>', "1890-05-01T00:00:00Z"),  # a month, before zip's 1980
    ],
)
def test_a_year_or_month_publication_date_is_enough_for_every_output(
    tmp_path: Path, date: str, modified: str
) -> None:
    tei = SCHNITZLER.read_bytes().replace(b'<date when="2023">2023</date>', date.encode())
    written, _ = render_all(
        tei, "L00001", tmp_path, ("html", "text", "pdf", "epub"), source_name=str(SCHNITZLER)
    )
    assert sorted(p.name for p in written) == [
        "L00001.epub",
        "L00001.pdf",
        "L00001.txt",
        "index.html",
        "print.html",
    ]
    package = _package(tmp_path / "L00001.epub")
    assert f'<meta property="dcterms:modified">{modified}</meta>' in package
    again = tmp_path / "again"
    render_all(tei, "L00001", again, ("epub",), source_name=str(SCHNITZLER))
    assert (again / "L00001.epub").read_bytes() == (tmp_path / "L00001.epub").read_bytes()


def test_the_build_date_the_caller_gives_wins_over_the_header(tmp_path: Path) -> None:
    render_all(
        SCHNITZLER.read_bytes(),
        "L00001",
        tmp_path,
        ("epub",),
        build_date="2026-02-03",
        source_name=str(SCHNITZLER),
    )
    package = _package(tmp_path / "L00001.epub")
    assert '<meta property="dcterms:modified">2026-02-03T00:00:00Z</meta>' in package


P4 = FIXTURES / "teic-stylesheets-testp4.xml"  # TEI P4: <TEI.2>, no namespace, no DOCTYPE
P4_MESSAGE = (
    "TEI P4 (TEI.2) is not TEI P5: convert it first with the TEI Consortium's P4-to-P5 "
    "stylesheet profiles/default/p4/from.xsl (formerly p4top5.xsl; "
    "https://github.com/TEIC/Stylesheets/tree/dev/profiles/default/p4) [E-TEI-P4]"
)


@pytest.mark.parametrize("stylesheet", ["html", "text", "print", "epub"])
def test_tei_p4_is_refused_at_its_root_with_the_way_to_p5(stylesheet: str) -> None:
    with pytest.raises(EditionError) as caught:
        xslt.render(stylesheet, P4, {"build-date": "2026-01-01"})
    assert str(caught.value) == f"{P4}:2:1: {P4_MESSAGE}"


def test_tei_p4_with_its_doctype_is_named_p4_not_only_refused_as_a_doctype() -> None:
    data = P4.read_bytes().replace(
        b"<TEI.2>",
        b'<!DOCTYPE TEI.2 PUBLIC "-//TEI P4//DTD Main Document Type//EN" "tei2.dtd">\n<TEI.2>',
    )
    with pytest.raises(EditionError) as caught:
        xslt.render("html", data, source_name="p4.xml")
    assert str(caught.value) == f"p4.xml:3:1: {P4_MESSAGE}"


def test_edition_render_says_so_in_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    result = CliRunner().invoke(main, ["render", str(P4), "-o", str(tmp_path), "--formats", "html"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"{P4}:2:1: {P4_MESSAGE}"]


# ---------------------------------------------------------------- EPUB content files


@pytest.mark.slow
def test_runs_of_blocks_between_divisions_get_files_of_their_own(tmp_path: Path) -> None:
    """A play whose front holds a cast list and page breaks between its divisions (DraCor's
    Nathan der Weise, kept whole in tests/fixtures/other-tei/) used to give several files
    named text.xhtml and no EPUB; each run now has its own file (text.xhtml, text-2.xhtml
    ...) and EPUBCheck reports no error and no warning."""
    from test_epub import epubcheck

    from pipeline.render.epub import write_epub

    source = Path(__file__).parent / "fixtures" / "other-tei" / "gerdracor-lessing-nathan.xml"
    out = tmp_path / "nathan.epub"
    write_epub(source.read_bytes(), "nathan", out, "2026-12-04")
    documents = [n for n in read_epub(out) if n.endswith(".xhtml")]
    assert len(documents) == len(set(documents))
    assert {"EPUB/text.xhtml", "EPUB/text-2.xhtml"} <= set(documents)
    messages = epubcheck(out, tmp_path)
    assert [m for m in messages if m[0] in ("FATAL", "ERROR", "WARNING")] == []


GLYPHS = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
  <title>T</title></titleStmt><publicationStmt><p>p</p></publicationStmt>
  <sourceDesc><p>s</p></sourceDesc></fileDesc>
  <encodingDesc><charDecl>
    <char xml:id="ct"><charName>LATIN SMALL LIGATURE CT</charName>
      <mapping type="diplomatic">ct</mapping><mapping type="standard">ct</mapping></char>
    <glyph xml:id="rum"><glyphName>rum abbreviation</glyphName>
      <mapping type="diplomatic">&#xA75D;</mapping></glyph>
    <char xml:id="z1"><figure><graphic url="z1.png"/></figure></char>
  </charDecl></encodingDesc></teiHeader>
  <text><body><p>Fa<g ref="#ct"/>um, ho<g ref="#rum"/>, <g ref="#long-s">&#x17F;</g>ic,
    Salze<g ref="#z1"/>.</p></body></text></TEI>"""


@pytest.mark.parametrize("stylesheet", ["html", "text", "print"])  # the EPUB's are html's
def test_a_glyph_shows_its_content_its_mapping_or_its_name(stylesheet: str) -> None:
    # content first (the long s), else the standard mapping (ct), else any mapping (the
    # rum abbreviation), else the declaration's id in guillemets (a picture only)
    output = xslt.render(stylesheet, GLYPHS, {"build-date": "2026-01-01"}).output
    text = re.sub(r"<[^>]+>", "", output.decode("utf-8"))
    for shown in ("Factum", "ho\ua75d", "\u017fic", "Salze\u2039z1\u203a"):
        assert shown in text, shown
