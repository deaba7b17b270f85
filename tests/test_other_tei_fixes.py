"""Real TEI of other projects that the outputs once failed on (tests/fixtures/other-tei-fixes/,
sources in SOURCES.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.render import xslt

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
