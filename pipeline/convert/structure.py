"""Pass ``structure``: blocks -> title page, introduction, sections and subsections.

Hierarchy comes from the numbering scheme, never from the markdown heading level, because
web extractions get levels wrong::

    ## The Historical Role ...        -> div type=section (unnumbered)
    *A) From October 1923 ...*        -> div type=subsection n=A (an italic paragraph as head)
    #### *B) From the 14th ...*       -> div type=subsection n=B
    ### III. Our tasks ...            -> div type=section n=III

The first level-1 heading is the title; a following paragraph of bold lines is the byline
(a line that reads as a date becomes the date); paragraphs before the first section heading
are the publisher's introduction (front matter).
"""

from __future__ import annotations

import re

from ..ids import unique_id
from .dates import parse_date
from .model import Block, Division, Document, Inline, Span, inline_text

ROMAN = re.compile(r"^(?=[IVXLCDM]+[.)]\s)(M{0,3})(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})[.)]\s+")
LETTER = re.compile(r"^\(?([A-Za-z])[.)]\s+")
ARABIC = re.compile(r"^(\d{1,3})[.)]\s+")
MAX_LABEL_PARAGRAPH = 200  # an emphasised paragraph longer than this is prose, not a heading


def _unwrap(content: list[Inline]) -> list[Inline]:
    """Content without a hi wrapper that spans all of it (headings, italic intro paragraphs)."""
    spans = [c for c in content if not (isinstance(c, str) and not c.strip())]
    if len(spans) == 1 and isinstance(spans[0], Span) and spans[0].tag == "hi":
        return _unwrap(spans[0].children)
    return content


def _strip_label(content: list[Inline], pattern: re.Pattern[str]) -> tuple[str, list[Inline]]:
    """Remove a leading numbering label from the first text run; return (label, rest)."""
    if not content or not isinstance(content[0], str):
        return "", content
    first = content[0].lstrip()
    match = pattern.match(first)
    if not match:
        return "", content
    label = match.group(0).strip().strip("().")
    return label, [first[match.end() :], *content[1:]] if first[match.end() :] else list(content[1:])


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.section: Division | None = None
        self.subsection: Division | None = None
        self.intro: Division | None = None
        self.last_letter = ""

    # -- heading recognition ---------------------------------------------------------------
    def heading_of(self, block: Block) -> tuple[str, str, list[Inline]] | None:
        """(kind, n, head content) if the block is a section or subsection heading."""
        if block.kind == "heading":
            content = _unwrap(block.content)
        elif block.kind == "para" and (block.italic_whole or block.bold_whole) and len(block.text()) <= MAX_LABEL_PARAGRAPH:
            content = _unwrap(block.content)
            letter, _ = _strip_label(content, LETTER)
            if not letter:
                return None  # an emphasised paragraph is a heading only if lettered "A)"
        else:
            return None
        letter, rest = _strip_label(content, LETTER)
        roman, roman_rest = _strip_label(content, ROMAN)
        # "I)" after "H)" continues the lettering; otherwise I, V, X ... are Roman numerals.
        if roman and not (letter and self.subsection is not None and ord(letter.upper()) == ord(self.last_letter.upper() or "@") + 1):
            return ("section", roman, roman_rest)
        if letter:
            return ("subsection", letter, rest)
        number, rest = _strip_label(content, ARABIC)
        if number:
            return ("section", number, rest)
        return ("section", "", content)

    # -- building ----------------------------------------------------------------------------
    def start_section(self, block: Block, n: str, head: list[Inline]) -> None:
        self.section = Division("section", block.line, head, n)
        self.subsection = None
        self.last_letter = ""
        self.doc.body.append(self.section)

    def start_subsection(self, block: Block, n: str, head: list[Inline]) -> None:
        if self.section is None:
            self.doc.warn(block.line, f"subsection {n}) before any section; opened an untitled section for it", "W-STRUCTURE")
            self.section = Division("section", block.line)
            self.doc.body.append(self.section)
        self.subsection = Division("subsection", block.line, head, n)
        self.last_letter = n
        self.section.children.append(self.subsection)

    def add_block(self, block: Block) -> None:
        if self.subsection is not None:
            self.subsection.blocks.append(block)
        elif self.section is not None:
            self.section.blocks.append(block)
        else:
            if self.intro is None:
                self.intro = Division("introduction", block.line)
                self.doc.front.append(self.intro)
            self.intro.blocks.append(block)

    def title_page(self, blocks: list[Block]) -> list[Block]:
        """Take the title heading and byline off the front of ``blocks``."""
        page = self.doc.title_page
        rest = list(blocks)
        if rest and rest[0].kind == "heading" and rest[0].level == 1:
            page.title, page.line = _unwrap(rest[0].content), rest[0].line
            rest.pop(0)
        if rest and rest[0].kind == "para" and _is_byline(rest[0]):
            for line in _lines(rest[0].content):
                text = inline_text(line).strip()
                iso = parse_date(text)
                if iso and not page.date:
                    page.date, page.date_iso = _unwrap(line), iso
                else:
                    page.authors.append(_unwrap(line))
            rest.pop(0)
        return rest


def _lines(content: list[Inline]) -> list[list[Inline]]:
    """Split content at line breaks, dropping empty lines."""
    lines: list[list[Inline]] = [[]]
    for item in content:
        if isinstance(item, Span) and item.tag == "lb":
            lines.append([])
        else:
            lines[-1].append(item)
    return [line for line in lines if inline_text(line).strip()]


def _is_byline(block: Block) -> bool:
    """A paragraph made only of bold (or italic) lines, each short."""
    lines = _lines(block.content)
    if not lines:
        return False
    for line in lines:
        spans = [c for c in line if not (isinstance(c, str) and not c.strip())]
        if len(spans) != 1 or not isinstance(spans[0], Span) or spans[0].tag != "hi":
            return False
        if len(inline_text(line)) > 120:
            return False
    return True


def assign_ids(doc: Document) -> None:
    """Structural ids: sec-N or sec-<n>, sec-2-A, sec-2-A-p3, intro-p1."""
    taken: set[str] = set()

    def unique(candidate: str) -> str:
        return unique_id(candidate, taken)

    for position, section in enumerate(doc.body, start=1):
        section.xml_id = unique(f"sec-{section.n or position}")
        for sub_position, sub in enumerate(section.children, start=1):
            sub.xml_id = unique(f"{section.xml_id}-{sub.n or sub_position}")
    for intro in doc.front:
        intro.xml_id = unique("intro")


def run(doc: Document) -> Document:
    builder = _Builder(doc)
    blocks = builder.title_page([b for b in doc.blocks if b.kind != "break"])
    has_sections = any(builder.heading_of(b) for b in blocks)
    if not has_sections and blocks:
        # A transcript without headings: everything is one untitled section of the body.
        builder.section = Division("section", blocks[0].line)
        doc.body.append(builder.section)
    for block in blocks:
        heading = builder.heading_of(block)
        if heading is None:  # (every heading block is a section or subsection heading)
            builder.add_block(block)
            continue
        kind, n, head = heading
        if kind == "section":
            builder.start_section(block, n, head)
        else:
            builder.start_subsection(block, n, head)
    for intro in doc.front:
        if intro.blocks and all(b.italic_whole for b in intro.blocks):
            intro.rend = "italic"
            for b in intro.blocks:
                b.content = _unwrap(b.content)
    if not doc.title_page.title and doc.config.title:
        doc.warn(1, "no level-1 heading: the title comes from the .toml", "W-STRUCTURE")
    assign_ids(doc)
    sections = len(doc.body)
    subsections = sum(len(s.children) for s in doc.body)
    doc.stats["sections"] = sections
    doc.stats["subsections"] = subsections
    doc.decide(
        "interpretation",
        "The hierarchy of divisions follows the numbering of the headings, not the markdown "
        "heading levels of the web extraction: unnumbered and Roman-numbered headings open "
        "sections, lettered headings (A), B) ...) open subsections of the section they follow; "
        "an italic paragraph that carries such a letter is read as a subsection heading. "
        "Numbering labels are recorded in @n and removed from the heading text.",
    )
    if doc.front:
        doc.decide(
            "interpretation",
            "The paragraphs between the byline and the first section heading are the "
            "publisher's introduction and are encoded as front matter; their italics, which "
            "cover each paragraph entirely, are recorded as rend=\"italic\" on the division.",
        )
    return doc
