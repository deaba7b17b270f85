"""Pass ``structure``: blocks -> introduction, sections and subsections.

Hierarchy comes from the numbering scheme first and the heading levels second, because
web extractions get levels wrong::

    ## The Historical Role ...        -> div type=section (unnumbered)
    *A) From October 1923 ...*        -> div type=subsection n=A (an italic paragraph as head)
    #### *B) From the 14th ...*       -> div type=subsection n=B
    ### III. Our tasks ...            -> div type=section n=III (Roman: always a section)
    ### 1. Reactionary Socialism      -> subsection n=1 under a Roman-numbered section
    ### Prerequisites                 -> subsection, one level below an unnumbered section
    ## I  +  "Bourgeois and Proletarians"  -> section n=I, the paragraph as its head

A heading with no text under it, followed by a heading of its level or above, is joined to
that heading (two lines of one head), so that no division is empty. Paragraphs before the
first section heading are front matter (an introduction); a transcript without headings is
one untitled section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..conventions.ids import INTRO_ID, section_id, subsection_id, unique_id
from .model import Block, Division, Document, Inline, Span, inline_text, soften

ROMAN = re.compile(
    r"^(?=[IVXLCDM]+[.)]\s)(M{0,3})(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})[.)]\s+"
)
LETTER = re.compile(r"^\(?([A-Za-z])[.)]\s+")
ARABIC = re.compile(r"^(\d{1,3})[.)]\s+")
#: A heading that is only a number: "I", "IV.", "1", "(A)", "3)".
NUMBER_ONLY = re.compile(
    r"^\s*\(?((?=[IVXLCDM]+\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|\d{1,3}|[A-Za-z])\)?[.)]?\s*$"
)
MAX_LABEL_PARAGRAPH = 200  # an emphasised paragraph longer than this is prose, not a heading
MAX_TITLE_PARAGRAPH_WORDS = 20  # the title paragraph under a number-only heading
#: An emphasised paragraph that is a subsection heading: "A) ...", "(A) ..." (not "J. Smith").
PARAGRAPH_LETTER = re.compile(r"^\s*(?:\(?[A-Za-z]\)|\([A-Za-z]\.?\))\s+\S")
MAX_CAPITALS_HEADING_WORDS = 14


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
    return label, [first[match.end() :], *content[1:]] if first[match.end() :] else list(
        content[1:]
    )


def _scheme(n: str) -> str:
    """The numbering scheme of a division's number: "roman", "arabic", "letter" or ""."""
    if not n:
        return ""
    if n.isdigit():
        return "arabic"
    if re.fullmatch(r"[IVXLCDM]+", n) and not (len(n) == 1 and n in "CDLM"):
        return "roman"
    return "letter"


@dataclass
class _Open:
    """A division being filled, with what placed it: its numbering scheme and heading level."""

    div: Division
    scheme: str
    level: float  # markdown level of its heading; an emphasised paragraph: below any heading


class _Builder:
    """Opens divisions as headings come: a numbering scheme, once seen at a depth, stays at
    that depth; a new scheme nests under the division before it when its heading is deeper
    (or lettered); Roman numerals always open a section."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.capital_headings: set[int] = set()  # plain text's headings: lines in capitals
        self.stack: list[_Open] = []
        self.intro: Division | None = None
        self.last_letter = ""

    @property
    def section(self) -> Division | None:
        return self.stack[0].div if self.stack else None

    # -- heading recognition ---------------------------------------------------------------
    def heading_of(self, block: Block) -> tuple[str, str, list[Inline]] | None:
        """(scheme, n, head content) if the block is a heading of a division."""
        if block.kind == "heading":
            content = _unwrap(block.content)
        elif (
            block.kind == "para"
            and (block.italic_whole or block.bold_whole)
            and len(block.text()) <= MAX_LABEL_PARAGRAPH
        ):
            content = _unwrap(block.content)
            if not PARAGRAPH_LETTER.match(inline_text(content)):
                return None  # an emphasised paragraph is a heading only if lettered "A)"
        elif block.kind == "para" and id(block) in self.capital_headings:
            content = block.content  # a plain-text transcript's heading: a line in capitals
        else:
            return None
        only = NUMBER_ONLY.match(inline_text(content))
        if only:
            n = only.group(1)
            return _scheme(n), n, content
        letter, rest = _strip_label(content, LETTER)
        roman, roman_rest = _strip_label(content, ROMAN)
        # "I)" after "H)" continues the lettering; otherwise I, V, X ... are Roman numerals.
        continues_letters = (
            bool(letter)
            and self.last_letter != ""
            and ord(letter.upper()) == ord(self.last_letter.upper()) + 1
        )
        if letter and not roman and not continues_letters and letter.upper() != "A":
            letter = ""  # lettering starts at A: "J. Walter Fewkes" is a name, not subsection J
        if roman and not continues_letters:
            return ("roman", roman, roman_rest)
        if letter:
            return ("letter", letter, rest)
        number, rest = _strip_label(content, ARABIC)
        if number:
            return ("arabic", number, rest)
        return ("", "", content)

    def depth_for(self, block: Block, scheme: str) -> int:
        """How deep the division this heading opens goes (0: a section)."""
        level: float = block.level if block.kind == "heading" else float("inf")
        if scheme == "roman" or not self.stack:
            return 0
        for depth, open_div in enumerate(self.stack):
            if open_div.scheme == scheme and (scheme or open_div.level == level):
                return depth  # the same scheme (unnumbered: at the same level) is a sibling
        if scheme == "letter" or level > self.stack[-1].level:
            return len(self.stack)  # a new scheme, deeper: nested in the division before it
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].level < level:
                return depth + 1
        return 0

    # -- building ----------------------------------------------------------------------------
    def open(self, block: Block, scheme: str, n: str, head: list[Inline]) -> None:
        depth = self.depth_for(block, scheme)
        del self.stack[depth:]
        kind = "section" if depth == 0 else "subsection"
        div = Division(kind, block.line, head, n, head_block=block)
        if depth == 0:
            self.doc.body.append(div)
        else:
            self.stack[-1].div.children.append(div)
        level: float = block.level if block.kind == "heading" else float("inf")
        self.stack.append(_Open(div, scheme, level))
        self.last_letter = n if scheme == "letter" else ("" if depth == 0 else self.last_letter)

    def add_block(self, block: Block) -> None:
        if self.stack:
            self.stack[-1].div.blocks.append(block)
            return
        if self.intro is None:
            self.intro = Division("introduction", block.line)
            self.doc.front.append(self.intro)
        self.intro.blocks.append(block)


#: A paragraph that opens with its own number as text: "I. Communism is ...", "2. The ...".
NUMBERED_TEXT = re.compile(r"^\s*([IVXLC]{1,6}|\d{1,3})\.\s+(?=\S)")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _number_value(label: str) -> int:
    if label.isdigit():
        return int(label)
    total = 0
    for index, char in enumerate(label):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[label[index + 1]] if index + 1 < len(label) else 0
        total += -value if value < following else value
    return total


def number_text_paragraphs(doc: Document, blocks: list[Block]) -> int:
    """Consecutive paragraphs numbered in their text 1, 2, 3 ... (or I, II, III ...) are
    numbered paragraphs, as a list's items are: the number goes to @n."""
    runs: list[list[tuple[Block, str, int]]] = []
    for block in blocks:
        first = block.content[0] if block.content else None
        match = (
            NUMBERED_TEXT.match(first)
            if block.kind == "para" and isinstance(first, str) and not block.label
            else None
        )
        if match is None:
            runs.append([])
            continue
        label, end = match.group(1), match.end()
        run = runs[-1] if runs else []
        expected = _number_value(run[-1][1]) + 1 if run else 1
        same_scheme = not run or run[-1][1].isdigit() == label.isdigit()
        if _number_value(label) == expected and same_scheme:
            if not run:
                runs.append(run)
            run.append((block, label, end))
        else:
            runs.append([(block, label, end)] if _number_value(label) == 1 else [])
    numbered = 0
    for run in runs:
        if len(run) < 2:
            continue
        for block, label, end in run:
            first = block.content[0]
            assert isinstance(first, str)
            block.kind, block.number = "item", label
            block.content = (
                [first[end:], *block.content[1:]] if first[end:] else list(block.content[1:])
            )
            numbered += 1
    if numbered:
        doc.decide(
            "segmentation",
            "Paragraphs that the transcript numbers in their own text (1., 2. ... or I., II. ...) "
            f"in a run of two or more are numbered paragraphs, their number in @n ({numbered} "
            "paragraphs).",
        )
    return numbered


def _capitals_heading(block: Block) -> bool:
    """A short paragraph in capitals alone ("THE SNAKE DANCE."): a plain text's heading."""
    text = " ".join(block.text().split())
    letters = [c for c in text if c.isalpha()]
    return (
        not block.label
        and 0 < len(text.split()) <= MAX_CAPITALS_HEADING_WORDS
        and len(letters) >= 4
        and all(not c.islower() for c in letters)
        and "\n" not in block.text().strip()
    )


def _title_paragraph(block: Block | None) -> bool:
    """A paragraph that is the title of the number-only heading above it."""
    if block is None or block.kind != "para" or block.label:
        return False
    text = " ".join(block.text().split())
    words = len(text.split())
    return 0 < words <= MAX_TITLE_PARAGRAPH_WORDS and (
        not re.search(r"[.!?:;]$", text) or block.italic_whole or block.bold_whole or words <= 6
    )


def _join_empty_headings(doc: Document, blocks: list[Block], builder: _Builder) -> list[Block]:
    """A heading with no text under it, followed by a heading of its level or above (or
    by nothing), becomes the first line of the next heading (or a paragraph at the end)."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        next_block = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "heading" and builder.heading_of(block) is not None:
            empty = next_block is None or (
                next_block.kind == "heading" and next_block.level <= block.level
            )
            if empty and next_block is not None:
                next_block.content = [
                    *block.content,
                    Span("lb", {}, [], block.line),
                    *next_block.content,
                ]
                next_block.line = block.line
                doc.replace_block(block, [])
                doc.warn(
                    block.line,
                    "a heading with no text of its own: joined to the heading after it",
                    "W-STRUCTURE",
                )
                continue
            if empty:
                block.kind = "para"
        out.append(block)
    return out


def assign_ids(doc: Document) -> None:
    """Structural ids: sec-N or sec-<n>, sec-2-A (and sec-III-1-A, deeper), sec-2-A-p3,
    intro-p1."""
    taken: set[str] = set()

    def unique(candidate: str) -> str:
        return unique_id(candidate, taken)

    def children(parent: Division) -> None:
        for position, child in enumerate(parent.children, start=1):
            child.xml_id = unique(subsection_id(parent.xml_id, child.n or position))
            children(child)

    for position, section in enumerate(doc.body, start=1):
        section.xml_id = unique(section_id(section.n or position))
        children(section)
    for intro in doc.front:
        intro.xml_id = unique(INTRO_ID)


def run(doc: Document) -> Document:
    plain_text = not any(b.kind == "heading" for b in doc.read_blocks)
    builder = _Builder(doc)
    blocks = [b for b in doc.blocks if b.kind != "break"]
    if plain_text:
        # a line in capitals with a paragraph of prose after it heads a section
        for block, following in pairwise(blocks):
            if (
                _capitals_heading(block)
                and following.kind == "para"
                and not _capitals_heading(following)
            ):
                builder.capital_headings.add(id(block))
    blocks = _join_empty_headings(doc, blocks, builder)
    number_text_paragraphs(doc, blocks)
    has_sections = any(builder.heading_of(b) for b in blocks)
    if not has_sections and blocks:
        # A transcript without headings: everything is one untitled section of the body.
        untitled = Division("section", blocks[0].line)
        doc.body.append(untitled)
        builder.stack.append(_Open(untitled, "", 0))
    skip: set[int] = set()
    for index, block in enumerate(blocks):
        if id(block) in skip:
            continue
        heading = builder.heading_of(block)
        if heading is None:  # (every heading block is a section or subsection heading)
            builder.add_block(block)
            continue
        scheme, n, head = heading
        next_block = blocks[index + 1] if index + 1 < len(blocks) else None
        if n and NUMBER_ONLY.match(inline_text(head)) and _title_paragraph(next_block):
            assert next_block is not None
            head = _unwrap(next_block.content)  # "## I" then "Bourgeois and Proletarians"
            doc.head_paragraphs.append(next_block)
            skip.add(id(next_block))
        elif n and NUMBER_ONLY.match(inline_text(head)):
            head = _unwrap(block.content)  # the number is all the heading says
        builder.open(block, scheme, n, head)
    for intro in doc.front:
        if intro.blocks and all(b.italic_whole for b in intro.blocks):
            intro.rend = "italic"
            for b in intro.blocks:
                b.content = _unwrap(b.content)
    _soften_everything(doc)
    assign_ids(doc)
    sections = len(doc.body)
    subsections = sum(1 for div in doc.all_divisions() if div.kind == "subsection")
    doc.stats["sections"] = sections
    doc.stats["subsections"] = subsections
    doc.decide(
        "interpretation",
        "The hierarchy of divisions follows the numbering of the headings before their "
        "markdown levels, which web extractions get wrong: unnumbered and Roman-numbered "
        "headings open sections, lettered headings (A), B) ...) open subsections of the section "
        "they follow, as do arabic-numbered headings under a Roman-numbered section and "
        "unnumbered headings one level below an unnumbered one; an italic paragraph that "
        "carries such a letter is read as a subsection heading. Numbering labels are recorded "
        "in @n and removed from the heading text.",
    )
    if builder.capital_headings:
        doc.decide(
            "interpretation",
            "The transcript is plain text without markdown headings: its short lines in capitals "
            "alone are read as the headings of sections.",
        )
    if doc.head_paragraphs:
        lines = ", ".join(str(b.line) for b in doc.head_paragraphs)
        doc.decide(
            "interpretation",
            "A heading that is only a number, followed by a short paragraph, takes that paragraph "
            f"as its title (source lines {lines}).",
        )
    if doc.front:
        doc.decide(
            "interpretation",
            "The paragraphs between the title page and the first section heading are encoded "
            "as front matter (an introduction)"
            + (
                "; their italics, which cover each paragraph entirely, are recorded as "
                'rend="italic" on the division.'
                if any(d.rend for d in doc.front)
                else "."
            ),
        )
    return doc


def _soften_everything(doc: Document) -> None:
    """Source line ends read as spaces from here on (see model.soften)."""
    for div in doc.all_divisions():
        div.head = soften(div.head)
        for block in div.blocks:
            block.content = soften(block.content)
    for note in doc.notes:
        for block in [*note.sources.values(), *note.paragraphs]:
            block.content = soften(block.content)
        for witness, block in note.sources.items():
            note.readings[witness] = block.content
    doc.title_page.items = [(kind, soften(content)) for kind, content in doc.title_page.items]
    doc.notes_head = soften(doc.notes_head)
