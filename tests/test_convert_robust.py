"""Any transcript either converts to well-formed TEI that conserves its text, or fails with
a one-line EditionError: never another exception (generated inputs, hypothesis)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.config import load_config
from pipeline.convert import convert_text
from pipeline.errors import EditionError
from pipeline.validate.conservation import check_conservation

FIXTURE_TOML = Path(__file__).parent / "fixtures" / "convert" / "fixture.toml"

WORDS = [
    "the",
    "party",
    "Opposition",
    "B[olshevik]",
    "[we]",
    "[19]28",
    "wor[king class]",
    "*italic*",
    "**bold**",
    "<sup>[1]</sup>",
    "<sup>[2]</sup>",
    "<sup>3</sup>",
    "[1]",
    "[^1]",
    "<https://example.org/x>",
    "[link](https://example.org/y)",
    "\\*",
    "“quoted”",
    "1.",
    "A)",
    "III.",
    "—",
    "é",
    "<b>",
    "</sup>",
    "[",
    "]",
    "`code`",
]
LINE_STARTS = [
    "",
    "",
    "",
    "## ",
    "### ",
    "#### ",
    "# ",
    "1. ",
    "2. ",
    "- ",
    "> ",
    "[1] ",
    "[2] ",
    "*A) ",
    "    ",
]


@st.composite
def transcripts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 25))):
        start = draw(st.sampled_from(LINE_STARTS))
        words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=12))
        ending = draw(st.sampled_from(["", ".", ",", ":", "  "]))
        lines.append(start + " ".join(words) + ending)
        lines.append(draw(st.sampled_from(["", "", "\n"])))
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_generated_transcripts_convert_or_fail_cleanly(tmp_path_factory, markdown: str) -> None:
    directory = tmp_path_factory.mktemp("gen")
    source = directory / "gen.md"
    source.write_text(markdown, encoding="utf-8")
    source.with_suffix(".toml").write_bytes(FIXTURE_TOML.read_bytes())
    config = load_config(FIXTURE_TOML, doc_id="gen")
    try:
        result = convert_text(markdown, config, source)
    except EditionError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(source))
        return
    tree = etree.ElementTree(etree.fromstring(result.tei))
    assert tree.getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"
    ids = tree.xpath("//@xml:id")
    assert len(ids) == len(set(ids)), "xml:ids are unique"
    assert check_conservation(tree, "gen.xml", source) == []
