"""The plain-text edition (xslt/text.xsl).

Fixtures are compared with their committed expected .txt; every output is checked for
UTF-8, LF line ends and lines of at most 78 columns, and for conservation: every word of
the TEI body and notes (the lemma reading) appears in the text, in order.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from regenerate_expected import ROOT, Fixture, fixtures, normalise

from pipeline.render import xslt
from pipeline.xmlsafe import NSMAP, parse_file, tei

FIXTURES = fixtures()
MASTERS = sorted((ROOT / "tei").glob("*.xml"))
WORD = re.compile(r"[^\W_]+")

#: Elements whose boundaries the text output marks (brackets, markers, asterisks, line
#: and block breaks), so a word spanning one is two words in the text.
SEPARATING = {
    tei(t)
    for t in (
        "lb",
        "ex",
        "supplied",
        "hi",
        "ref",
        "p",
        "head",
        "note",
        "div",
        "app",
        "lem",
        "item",
        "list",
        "bibl",
        "title",
        "q",
        "quote",
    )
}


def by_name(name: str) -> Fixture:
    return next(f for f in FIXTURES if f.name == name)


def tei_words(path: Path) -> list[str]:
    """The words of the TEI text (introduction, body, notes) in document order, lemma
    readings only, without the title page (printed from the header)."""
    root = copy.deepcopy(parse_file(path).getroot())
    # the readings the text does not show: variants, and in a choice the alternatives
    # to the editor's reading (corr, reg, expan)
    shown_elsewhere = (
        "//tei:choice[tei:corr | tei:reg | tei:expan]"
        "/*[not(self::tei:corr | self::tei:reg | self::tei:expan)]"
    )
    for el in root.xpath(f"//tei:rdg | //tei:titlePage | {shown_elsewhere}", namespaces=NSMAP):
        _drop_keep_tail(el)
    for el in root.iter(tag=etree.Element):
        if el.tag in SEPARATING:
            el.text = " " + (el.text or "")
            el.tail = " " + (el.tail or "")
    text = root.find(tei("text"))
    return WORD.findall(" ".join(text.itertext())) if text is not None else []


def _drop_keep_tail(el: etree._Element) -> None:
    """Remove an element but keep the text that follows it (lxml removes the tail too)."""
    parent = el.getparent()
    previous = el.getprevious()
    tail = " " + (el.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def assert_words_in_order(expected: list[str], text: str) -> None:
    """Every expected word occurs in the text, in the same order (a subsequence)."""
    got = WORD.findall(text)
    position = 0
    for index, word in enumerate(expected):
        try:
            position = got.index(word, position) + 1
        except ValueError:
            context = " ".join(expected[max(0, index - 8) : index + 3])
            raise AssertionError(
                f"word {index} {word!r} missing or out of order near: {context}"
            ) from None


def assert_plain_text_form(output: bytes, width: int = 78) -> str:
    text = output.decode("utf-8")  # strict: fails on anything not UTF-8
    assert "\r" not in text and text.endswith("\n") and not text.endswith("\n\n")
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > width:
            assert " " not in line.strip(), f"line {number} has {len(line)} columns: {line!r}"
        assert line == line.rstrip(), f"line {number} has trailing space"
    return text


# ---------------------------------------------------------------- fixtures


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_output_matches_expected(fixture: Fixture) -> None:
    expected = fixture.expected_path("text").read_text(encoding="utf-8")
    assert normalise("text", fixture.render("text").output) == expected


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_form_and_conservation(fixture: Fixture) -> None:
    result = fixture.render("text", **{"editorial-brackets": "true"})
    text = assert_plain_text_form(result.output)
    assert_words_in_order(tei_words(fixture.path), text)
    assert {w.split()[1] for w in result.unhandled} == fixture.expect_unhandled


def test_the_conservation_check_can_fail() -> None:
    words = tei_words(by_name("notes.001").path)
    text = by_name("notes.001").render("text").output.decode()
    with pytest.raises(AssertionError, match="missing or out of order"):
        assert_words_in_order(words, text.replace("Zinoviev", "Kamenev"))
    with pytest.raises(AssertionError, match="columns"):
        assert_plain_text_form(b"word " * 20 + b"\n")


def test_long_tokens_stand_alone_and_nothing_else_is_long() -> None:
    text = by_name("entities.001").render("text").output.decode()
    long = [line for line in text.split("\n") if len(line) > 78]
    assert long == [
        "<https://www.wsws.org/en/special/library/the-new-course-leon-trotsky-1924/00.html>"
    ]


def test_narrower_width_is_respected() -> None:
    result = by_name("structure.001").render("text", **{"line-width": "40"})
    assert_plain_text_form(result.output, width=40)


# ---------------------------------------------------------------- features


def test_title_block_from_the_header() -> None:
    text = by_name("header.001").render("text").output.decode()
    lines = text.split("\n")
    assert lines[:3] == ["=" * 48, "The Tactics and Tasks of the Leninist Opposition", "=" * 48]
    assert "Soviet Bolshevik-Leninists" in lines
    assert "Written: 1932, Verkhne-Uralsk Political Isolator" in lines
    joined = " ".join(text.split())
    assert (
        "Web publication: The Tactics and Tasks of the Leninist Opposition, "
        "World Socialist Web Site, 11 September 2025"
    ) in joined
    assert (
        "Rights: The English translation, the introduction and the editorial notes "
        "are the work of their publisher"
    ) in joined
    assert (
        "How to cite: Soviet Bolshevik-Leninists, "
        "“The Tactics and Tasks of the Leninist Opposition” (1932)"
    ) in joined
    assert (
        "Witnesses of the notes: unnumbered list = The complete unnumbered list of notes" in joined
    )
    assert joined.endswith("built 2026-11-26.")


def test_headings_underlined_with_labels_and_thesis_numbers() -> None:
    text = by_name("structure.001").render("text").output.decode()
    assert (
        "\nIII. Our tasks in light of the foundations of Lenin's tactics\n" + "=" * 61 + "\n"
        in text
    )
    assert (
        "\nA) From October 1923 to the 14th Congress of the All-Union Communist Party\n"
        + "-" * 74
        + "\n"
        in text
    )
    # a heading longer than a line: wrapped, underlined to its longest line
    assert (
        "\nThe Historical Role and Tasks of the Leninist Opposition in the International\n"
        "Labor Movement\n" + "=" * 77 + "\n"
    ) in text
    assert "\n1. The Leninist opposition is, first and foremost" in text
    assert text.count("\n2. ") == 2  # the source repeats thesis 2
    assert "To contact the workers:\nfirst line\nsecond line\n" in text
    assert "the **inadequacy** of this form" in text
    assert "*The Crisis of the Revolution and the Tasks of the Proletariat*" in " ".join(
        text.split()
    )
    assert "11 September 2025" not in text  # the title page comes from the header only


def test_note_markers_and_endnotes() -> None:
    text = by_name("notes.001").render("text").output.decode()
    body, _, notes = text.partition("\nNotes\n=====\n")
    assert "The Declaration of 46[1] and the “New Course”[2]—the main" in body
    assert body.count("[1]") == 2
    assert notes.lstrip().startswith(
        "[1] The Declaration of 46 was issued by 46 leading Old Bolsheviks on 15\n    October 1923."
    )
    assert "\n[4] (no anchor in the text) What is meant here" in notes
    for number in "1234":
        assert notes.count(f"\n[{number}] ") == 1
    # a note of two paragraphs: the second indented under the first
    assert "    This statement was signed after the Stalinist leadership" in notes


def test_apparatus_in_text() -> None:
    text = by_name("apparatus.001").render("text").output.decode()
    flat = " ".join(text.split())
    assert "avoid being expelled immediately and" in flat
    assert (
        "Variant readings: - expelled immediately (unnumbered list) ] expelled being immediately "
        "(numbered list; substantive)"
    ) in flat
    assert "- here: (unnumbered list) ] omitted (numbered list; substantive)" in flat
    # a note of paragraphs lists the variants of all of them; an empty lemma is named
    assert "- (not in the text) (unnumbered list) ] being (numbered list; substantive)" in flat
    hidden = by_name("apparatus.002").render("text").output.decode()
    assert "Variant readings" not in hidden and "expelled being" not in hidden


def test_editorial_brackets_on_and_off() -> None:
    on = by_name("editorial.001").render("text").output.decode()
    assert "of B[olshevik]-L[eninists] is" in on
    assert "the VKP [All-Union Communist Party], the" in on
    assert "Plenum of [19]28\n" in on and "the part[y] masses" in on
    off = by_name("editorial.002").render("text").output.decode()
    assert "of Bolshevik-Leninists is" in off and "Plenum of 1928\n" in off
    assert "[" not in off.partition("\n\n\n")[2] and "VKP All-Union Communist Party," in " ".join(
        off.split()
    )


def test_links_show_their_url_when_it_differs() -> None:
    text = " ".join(by_name("unsafe-links.001").render("text").output.decode().split())
    assert (
        "Our Differences with the Democratic Centralists <https://www.marxists.org/archive/trotsky/1928/xx/borodai.htm>"
        in text
    )
    assert (
        "http://www.econlib.org/library/Doc/NEP/NEP11.html, write <mailto:editor@example.org>"
        in text
    )
    assert "the next paragraph, <https://iskra-research.org/Fl/BO/BO-06.shtml>" in text
    assert "click me <javascript:alert(1)>" in text


def test_registers_in_text() -> None:
    text = by_name("entities.001").render("text").output.decode()
    registers = text.partition("\nRegisters\n=========\n")[2]
    assert "\nIndex of persons\n----------------\n" in registers
    assert (
        "- Vissarion Vissarionovich Lominadze (1897–1935). Party leader in the\n  Caucasus."
        in registers
    )
    assert (
        "- Communist International. Also: Comintern. Mentioned in: §1\u00a0heading, §1\u00a0¶1."
        in registers
    )
    assert "- Moscow. Mentioned in: §1\u00a0¶2." in registers


def test_unknown_elements_keep_their_text_in_text() -> None:
    result = by_name("unknown-elements.001").render("text")
    text = result.output.decode()
    assert "\nlegal work\nsemi-legal methods\n" in text  # a speech: its speaker, then it
    assert "meetings, demonstrations, along with the\nintensification" in text


# ---------------------------------------------------------------- the project's own masters


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.name)
def test_master_text_is_complete_and_well_formed(master: Path) -> None:
    result = xslt.render("text", master, {"build-date": "2000-01-01", "editorial-brackets": True})
    assert result.unhandled == ()
    text = assert_plain_text_form(result.output)
    assert_words_in_order(tei_words(master), text)
    root = parse_file(master).getroot()
    notes = root.xpath("//tei:back/tei:div[@type='notes']/tei:note", namespaces=NSMAP)
    endnotes = text.partition("\nNotes\n=====\n")[2]
    for note in notes:
        assert endnotes.count(f"\n[{note.get('n')}] ") == 1 or endnotes.startswith(
            f"\n[{note.get('n')}] "
        )


# ---------------------------------------------------------------- line filling


def greedy_lines(words: list[str], first: str, indent: str, width: int) -> list[str]:
    """The fill rule text.xsl documents, word by word: each word joins the line if it fits;
    otherwise the line ends (a marker with no room for the word stands alone) and the word
    starts the next line after the indent, or, longer than a line, stands alone unindented."""
    lines: list[str] = []
    line, empty = first, True  # empty: the line holds only its prefix

    def end(text: str) -> None:
        if text.strip():
            lines.append(text.rstrip())

    for word in words:
        joined = line + word if empty else f"{line} {word}"
        if len(joined) <= width:
            line, empty = joined, False
            continue
        end(line)
        if len(indent) + len(word) <= width:
            line, empty = indent + word, False
        else:
            lines.append(word)
            line, empty = indent, True
    end(line)
    return lines


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(
        st.text(alphabet="abcdefghij", min_size=1, max_size=24), min_size=1, max_size=40
    ),
    width=st.integers(min_value=4, max_value=40),
)
def test_lines_are_filled_greedily_word_by_word(words: list[str], width: int) -> None:
    """A numbered thesis ("12. " then no indent) at widths down to 4, against the rule
    applied word by word (the stylesheet fills a line per step)."""
    root = parse_file(by_name("structure.001").path).getroot()
    body = root.find(".//" + tei("body"))
    for child in list(body):
        body.remove(child)
    div = etree.SubElement(body, tei("div"), type="section")
    etree.SubElement(div, tei("head")).text = "Head"
    etree.SubElement(div, tei("p"), n="12").text = " ".join(words)
    text = xslt.render("text", etree.tostring(root), {"line-width": width}).output.decode()
    block = next(b for b in text.split("\n\n") if b.startswith("12."))
    assert block.split("\n") == greedy_lines(words, "12. ", "", width)


def test_common_tei_of_other_projects_in_text() -> None:
    """The text shows the editor's reading of a choice, marks gaps and page breaks, numbers
    ordered lists and puts each line of verse and each table row on a line of its own."""
    result = by_name("other-tei.001").render("text")
    assert result.unhandled == ()
    text = result.output.decode()
    assert "We have received the Central Committee resolution on the color of the banners" in text
    assert "recieved" not in text and "C.C." not in text
    assert "[…]" in text and "[p. 2]" in text and "[deleted: not] already" in text
    assert (
        "1. The return of the exiles\n2. A congress\n   - elected freely\n   - in the spring"
        in text
    )
    # verse in a gutter of six columns (line numbers every fifth line)
    assert "      Arise, ye workers from your slumber,\n      Arise, ye prisoners of want." in text
    assert "Town | For\nMoscow | 12" in text
