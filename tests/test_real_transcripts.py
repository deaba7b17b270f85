"""Real transcripts nobody on the project wrote, kept as found (tests/fixtures/real/,
SOURCES.md), each with its expectations counted by hand from the source (<name>.expect.toml):
the converter must find every note and link it to its anchor, keep no page furniture as
text, make no body paragraph a note, and give valid TEI that conserves every word."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import TEI_NS
from lxml import etree

REAL = Path(__file__).parent / "fixtures" / "real"
NAMES = sorted(p.name.removesuffix(".expect.toml") for p in REAL.glob("*.expect.toml"))
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
BUILD_EPOCH = "1767225600"  # 2026-01-01: the fixtures have no build date of their own


def expected(name: str) -> dict[str, Any]:
    return tomllib.loads((REAL / f"{name}.expect.toml").read_text(encoding="utf-8"))


@cache
def converted(name: str) -> tuple[Any, etree._Element, list[Any]]:
    """(conversion result, TEI root, validation problems) of one fixture, made once."""
    import os

    from pipeline.build import validate_master
    from pipeline.convert import convert_file

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        result = convert_file(REAL / f"{name}.md")
        problems = validate_master(result, Path(f"{name}.xml"))
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return result, etree.fromstring(result.tei), problems


def xp(node: etree._Element, path: str) -> Any:
    return node.xpath(path, namespaces=TEI_NS)


def text_of(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def reading(node: etree._Element) -> str:
    """The text of an element as a reader reads it: without the marks of note anchors."""
    parts: list[str] = [node.text or ""]
    for child in node:
        if child.tag == f"{{{TEI_NS['tei']}}}lb":
            parts.append(" ")
        elif not (child.tag == f"{{{TEI_NS['tei']}}}ref" and child.get("type") == "noteAnchor"):
            parts.append(reading(child))
        parts.append(child.tail or "")
    return "".join(parts)


def normal(text: str) -> str:
    """Words only, lower case: how a phrase is compared whatever its markup or line ends."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def visible(markdown: str) -> str:
    """What a line of the transcript shows a reader (links and markup as their text)."""
    from pipeline.convert.read import html_block_text, markdown_parser

    return html_block_text(markdown_parser().renderInline(markdown))


@cache
def visible_page(name: str) -> str:
    """All the words of the transcript, as markdown-it reads them (its raw HTML as text)."""
    from pipeline.validate.conservation import raw_words_by_line

    lines = raw_words_by_line(
        (REAL / f"{name}.md").read_text(encoding="utf-8").replace("\r\n", "\n")
    )
    return " ".join(" ".join(lines[line]) for line in sorted(lines))


def body_paragraphs(root: etree._Element) -> list[etree._Element]:
    """The paragraphs of the body (the text proper: not the title page or an introduction)."""
    return xp(root, "//tei:body//tei:p")


@pytest.mark.parametrize("name", NAMES)
def test_converts_to_valid_tei_that_conserves_the_text(name: str) -> None:
    _, _, problems = converted(name)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("name", NAMES)
def test_every_note_is_found_with_its_mark(name: str) -> None:
    counts = expected(name)["counts"]
    _, root, _ = converted(name)
    notes = xp(root, "//tei:back/tei:div[@type='notes']/tei:note")
    assert len(notes) == counts["notes"]
    assert [n.get("n") for n in notes] == counts["note_labels"]


@pytest.mark.parametrize("name", NAMES)
def test_every_anchor_is_linked_to_its_note(name: str) -> None:
    counts = expected(name)["counts"]
    _, root, _ = converted(name)
    anchors = xp(root, "//tei:ref[@type='noteAnchor']")
    assert len(anchors) == counts["anchors"]
    ids = {n.get(XML_ID): n for n in xp(root, "//tei:note")}
    for anchor in anchors:
        note = ids[anchor.get("target")[1:]]
        assert f"#{anchor.get(XML_ID)}" in note.get("target", "").split()
        assert text_of(anchor) == note.get("n")
    unanchored = [n.get("n") for n in xp(root, "//tei:note[@subtype='unanchored']")]
    assert unanchored == counts["unanchored"]


@pytest.mark.parametrize("name", NAMES)
def test_notes_keep_their_text_and_paragraphs(name: str) -> None:
    spec = expected(name)
    _, root, _ = converted(name)
    by_label = {n.get("n"): n for n in xp(root, "//tei:back//tei:note")}
    for label, words in spec["phrases"].get("note_text", {}).items():
        assert normal(text_of(by_label[label])).startswith(normal(visible(words))), label
    several = sorted((n.get("n") for n in by_label.values() if xp(n, "tei:p")), key=str)
    assert several == sorted(spec["counts"]["multi_paragraph_notes"], key=str)


@pytest.mark.parametrize("name", NAMES)
def test_no_body_paragraph_became_a_note(name: str) -> None:
    phrases = expected(name)["phrases"]
    _, root, _ = converted(name)
    text = normal(" ".join(reading(p) for p in body_paragraphs(root)))
    introduced = (
        normal(" ".join(reading(p) for p in xp(root, "//tei:front/tei:div//tei:p"))) + " " + text
    )
    first = normal(visible(phrases["first_words"]))
    assert text.startswith(first) or introduced.strip().startswith(first)
    assert text.endswith(normal(visible(phrases["last_words"])))
    for note in xp(root, "//tei:back//tei:note"):  # (a note may quote the text, not be it)
        assert not normal(text_of(note)).endswith(normal(visible(phrases["last_words"])))
        assert not normal(text_of(note)).startswith(first)


@pytest.mark.parametrize("name", NAMES)
def test_structure_follows_the_source(name: str) -> None:
    counts = expected(name)["counts"]
    _, root, _ = converted(name)
    sections = [d for d in xp(root, "//tei:body/tei:div") if xp(d, "tei:head")]
    assert len(sections) == counts["sections"]
    assert len(xp(root, "//tei:body//tei:div[@type='subsection']")) == counts["subsections"]
    assert (
        len(xp(root, "//tei:front//tei:p[@n] | //tei:body//tei:p[@n]"))
        == counts["numbered_paragraphs"]
    )
    shown = []
    for div in sections:
        head, n = " ".join(reading(xp(div, "tei:head")[0]).split()), div.get("n") or ""
        shown.append({normal(head), normal(n), normal(f"{n} {head}")})
    for head, forms in zip(counts["section_heads"], shown, strict=True):
        assert normal(visible(head)) in forms, head


@pytest.mark.parametrize("name", NAMES)
def test_page_furniture_is_not_text(name: str) -> None:
    furniture = expected(name)["phrases"]["furniture"]
    _, root, _ = converted(name)
    text = normal(" ".join(text_of(e) for e in xp(root, "//tei:text")))
    blocks = {
        normal(text_of(e))
        for e in xp(
            root,
            "//tei:text//tei:p | //tei:text//tei:head | //tei:text//tei:item"
            " | //tei:text//tei:titlePart",
        )
    }
    source = normal(visible_page(name))
    for item in furniture:
        phrase = normal(visible(item))
        if not phrase or phrase not in source:
            continue  # nothing a reader of the page sees (front matter, an image)
        if len(phrase.split()) >= 2:
            # the furniture's occurrence is gone (the words may also stand in the text itself)
            assert text.count(phrase) < source.count(phrase), item
        elif phrase:  # a single word ("Written:", "Listen"): no block of the TEI is that word alone
            assert phrase not in blocks, item


@pytest.mark.parametrize("name", [n for n in NAMES if "letter" in expected(n)])
def test_letters_keep_their_opener_and_closer(name: str) -> None:
    letter = expected(name)["letter"]
    _, root, _ = converted(name)
    assert [text_of(e) for e in xp(root, "//tei:opener/tei:salute")] == [letter["salutation"]]
    assert [text_of(e) for e in xp(root, "//tei:opener/tei:dateline")] == (
        [letter["dateline"]] if letter["dateline"] else []
    )
    assert text_of(xp(root, "//tei:closer/tei:salute")[-1]) == letter["closing"]
    assert [text_of(e) for e in xp(root, "//tei:closer/tei:signed")] == (
        [letter["signature"]] if letter["signature"] else []
    )
    assert bool(xp(root, "//tei:postscript")) == letter["postscript"]


@pytest.mark.parametrize("name", NAMES)
def test_the_header_states_what_the_transcript_says(name: str) -> None:
    text = expected(name)["text"]
    _, root, _ = converted(name)
    titles = normal(" ".join(text_of(t) for t in xp(root, "//tei:titleStmt/tei:title")))
    assert set(normal(visible(text["title"])).split()) <= set(titles.split())
    authors = [set(normal(text_of(a)).split()) for a in xp(root, "//tei:titleStmt/tei:author")]
    for author in text["authors"]:
        assert any(set(normal(author).split()) <= found for found in authors), author
    if not text["authors"]:
        assert authors == []
    roles = normal(" ".join(text_of(r) for r in xp(root, "//tei:titleStmt/tei:respStmt")))
    if text.get("translator"):
        assert normal(text["translator"]) in roles
    elif "translation" in roles:
        pytest.fail(f"a translator the transcript does not name: {roles}")
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    assert language == text["language"]


def test_the_corpus_spans_six_origins_and_fifteen_texts() -> None:
    origins = {expected(n)["source"]["origin"] for n in NAMES}
    assert len(NAMES) >= 15 and len(origins) >= 6, origins
    assert (REAL / "SOURCES.md").read_text(encoding="utf-8").count("\n## ") >= len(NAMES)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """A project of all the real transcripts, built as a user builds it: `edition build`,
    every format."""
    import os
    import shutil
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("real-project")
    source = root / "tei" / "source"
    source.mkdir(parents=True)
    shutil.copytree(Path(__file__).parents[1] / "tei" / "authority", root / "tei" / "authority")
    shutil.copytree(Path(__file__).parents[1] / "schema", root / "schema")
    for name in NAMES:
        for suffix in (".md", ".toml"):
            if (REAL / f"{name}{suffix}").is_file():
                shutil.copy(REAL / f"{name}{suffix}", source / f"{name}{suffix}")
    # in a process of its own, as a user runs it (a build's workers are forked: not from a
    # test process that has already started Saxon)
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "build", "--root", str(root), "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH},
    )
    return root, result


@pytest.mark.slow
def test_every_real_transcript_builds_in_every_format(built: tuple[Path, Any]) -> None:
    root, result = built
    assert result.returncode == 0, result.stderr[-2000:]
    for name in NAMES:
        assert f"{name}: ok;" in result.stdout
        for output in ("index.html", f"{name}.txt", "print.html", f"{name}.pdf", f"{name}.epub"):
            assert (root / "dist" / name / output).stat().st_size > 500, (name, output)
    # every element the masters use has a rendering: no stylesheet fell back to UNHANDLED
    assert "UNHANDLED" not in result.stderr


@pytest.mark.slow
def test_every_real_master_is_valid_against_tei_all(built: tuple[Path, Any]) -> None:
    from conftest import need

    from pipeline.validate.teiall import jing_command, run_jing, tei_all_schema

    if jing_command() is None or tei_all_schema() is None:
        need("jing or tei_all.rng is not installed")
    root, _ = built
    masters = [root / "tei" / f"{name}.xml" for name in NAMES]
    errors = [str(d) for d in run_jing(masters) if d.severity == "error"]
    assert errors == []
