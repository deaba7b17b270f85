"""Pass ``repair``: mend defects of the web extraction that are not editorial choices.

1. Page-break splits. A paragraph that ends without terminal punctuation, followed by a
   paragraph that begins in lower case, is one paragraph cut at an old page break::

       "... contains within itself the greatest"  +  "revolutionary opportunities. ..."
       -> "... contains within itself the greatest revolutionary opportunities. ..."

2. Double-escaped link texts. A link whose text is its own URL with stray backslash escapes
   (``[https://x/a\\_b](https://x/a_b)``) shows the URL itself.
"""

from __future__ import annotations

import re

from .model import Block, Document, Inline, Span, ends_sentence, merge_strings, walk_spans

JOINABLE_FIRST = ("para", "item", "quote")


def _first_letter(content: list[Inline]) -> str:
    """The first letter of the block's reading (markup ignored), or ''."""
    for char in "".join(_reading(content)):
        if char.isalpha():
            return char
        if not char.isspace() and char not in "\"'“‘(*_":
            return ""  # starts with a digit, bracket or dash: not a continuation
    return ""


def _reading(content: list[Inline]) -> list[str]:
    out: list[str] = []
    for item in content:
        if isinstance(item, str):
            out.append(item)
        elif item.tag == "ref" and item.attrs.get("type") == "noteAnchor":
            continue
        elif item.tag in ("supplied",):
            out.append("[")  # an editorial addition at the start is not a continuation
        else:
            out.extend(_reading(item.children))
    return out


def _ends_open(block: Block) -> bool:
    """Whether the block's text stops mid-sentence (no terminal punctuation)."""
    text = "".join(_reading(block.content)).rstrip()
    if not text:
        return False
    last = block.content[-1] if block.content else None
    if isinstance(last, Span) and last.tag == "ref" and last.attrs.get("type") != "noteAnchor":
        return False  # ends with a URL: a complete citation, not a cut sentence
    return not ends_sentence(text)


#: A paragraph cut at a page break is prose: a shorter line is a title, a byline, a label.
MIN_SPLIT_WORDS = 5


def is_page_break_split(first: Block, second: Block) -> bool:
    return (
        first.kind in JOINABLE_FIRST
        and len(first.text().split()) >= MIN_SPLIT_WORDS
        and first.text().upper() != first.text()
        and second.kind == "para"
        and not second.label
        and first.footnote == second.footnote
        and first.containers == second.containers
        and (first.kind != "quote") == (second.kind != "quote")
        and _ends_open(first)
        and _first_letter(second.content).islower()
    )


def _join(first: Block, second: Block) -> None:
    content = list(first.content)
    if content and isinstance(content[-1], str):
        content[-1] = content[-1].rstrip()
    tail = list(second.content)
    if tail and isinstance(tail[0], str):
        tail[0] = tail[0].lstrip()
    first.content = merge_strings([*content, " ", *tail])
    first.end_line = second.end_line
    first.italic_whole = first.bold_whole = False


def mend_page_breaks(doc: Document) -> None:
    mended: list[Block] = []
    for block in doc.blocks:
        if mended and is_page_break_split(mended[-1], block):
            doc.merges.append((mended[-1].line, block.line))
            _join(mended[-1], block)
            continue
        mended.append(block)
    doc.blocks = mended


def _unescaped(text: str) -> str:
    return text.replace("\\", "")


def repair_link_texts(doc: Document) -> int:
    repaired = 0
    for block in doc.blocks:
        for span in walk_spans(block.content):
            if span.tag != "ref" or "target" not in span.attrs:
                continue
            text = span.text()
            target = span.attrs["target"]
            if text != target and "\\" in text and _unescaped(text) == _unescaped(target):
                span.children = [target]
                repaired += 1
    return repaired


#: A word broken at a line end with a hyphen: "this-" / "sidedness". The hyphen stays (it
#: may be the word's own: "this-sidedness"); only the line end goes. Not before a word that
#: continues a suspended compound ("Uran- und Thorverbindungen", "pre- and post-war").
LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\n(?=([^\W\d_A-Z][^\W\d_]*))")
SUSPENSION_WORDS = frozenset(
    ["und", "oder", "bzw", "sowie", "bis", "and", "or", "nor", "to", "et", "ou", "y", "o", "e", "i"]
)


def join_line_end_hyphens(items: list[Inline]) -> int:
    """Join words hyphenated across a source line end; returns how many."""
    joined = 0
    for index, item in enumerate(items):
        if isinstance(item, Span):
            joined += join_line_end_hyphens(item.children)
            continue

        def join(match: re.Match[str]) -> str:
            nonlocal joined
            if match.group(1).lower() in SUSPENSION_WORDS:
                return match.group(0)
            joined += 1
            return "-"

        items[index] = LINE_END_HYPHEN.sub(join, item)
    return joined


def run(doc: Document) -> Document:
    mend_page_breaks(doc)
    repaired = repair_link_texts(doc)
    hyphens = sum(join_line_end_hyphens(block.content) for block in doc.blocks)
    if hyphens:
        doc.stats["line_end_hyphens"] = hyphens
        doc.decide(
            "hyphenation",
            f"Words hyphenated across a line end of the transcript are joined, the hyphen kept "
            f"(it may be the word's own) ({hyphens} words); hyphens before 'and', 'und' and the "
            f"like, which suspend a compound, stay as they are.",
        )
    if doc.merges:
        lines = ", ".join(f"{a}/{b}" for a, b in doc.merges)
        doc.decide(
            "correction",
            "Paragraphs split at old page breaks in the web extraction were joined wherever a "
            "paragraph ended without terminal punctuation and the next began in lower case "
            f"({len(doc.merges)} joins; source lines {lines}). No other paragraphs were merged.",
        )
    if repaired:
        doc.decide(
            "correction",
            f"Link texts that repeated their URL with stray backslash escapes were given the URL "
            f"itself ({repaired} links).",
        )
    doc.read_blocks = list(doc.blocks)  # the transcript as read: what conservation checks against
    doc.stats["merges"] = len(doc.merges)
    doc.stats["links_repaired"] = repaired
    return doc
