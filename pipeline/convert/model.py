"""The document model the converter's passes work on.

Inline content is a list of ``str`` and :class:`Span` (a TEI element in waiting: tag,
attributes, children). Blocks carry their source line so every diagnostic can name it.
The model is deliberately close to TEI: the write pass maps a ``Span`` to the element of the
same name, so a pass that wants ``<supplied>`` simply makes ``Span("supplied", ...)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import DocumentConfig
from ..errors import Diagnostic, Location


@dataclass
class Span:
    """An inline TEI element: ``Span("hi", {"rend": "italic"}, ["word"])``."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Inline] = field(default_factory=list)
    line: int = 0  # source line, where known

    def text(self) -> str:
        return inline_text(self.children)


Inline = str | Span


def inline_text(items: list[Inline], skip: frozenset[str] = frozenset()) -> str:
    """The plain reading of inline content: text with expansions and supplied text, without
    brackets, and the lemma of an apparatus (never its readings). Elements whose tag is in
    ``skip`` read as a single space (links, when only prose is wanted)."""
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif item.tag in skip:
            out.append(" ")
        elif item.tag == "app":
            for child in item.children:
                if isinstance(child, Span) and child.tag == "lem":
                    out.append(inline_text(child.children, skip))
        elif item.tag == "lb":
            out.append("\n")
        else:
            out.append(inline_text(item.children, skip))
    return "".join(out)


def merge_strings(items: list[Inline]) -> list[Inline]:
    """Join adjacent strings (recursively) so passes see one run per stretch of text."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Span):
            item.children = merge_strings(item.children)
            out.append(item)
        elif out and isinstance(out[-1], str):
            out[-1] += item
        elif item:
            out.append(item)
    return out


def walk_spans(items: list[Inline]) -> Iterator[Span]:
    """Every span in ``items``, depth first, in document order."""
    for item in items:
        if isinstance(item, Span):
            yield item
            yield from walk_spans(item.children)


@dataclass
class Block:
    """One block of the transcript as read: a heading, paragraph or list item."""

    kind: str  # "heading" | "para" | "item" | "bullet" | "quote"
    line: int  # 1-based first source line
    content: list[Inline]
    end_line: int = 0
    level: int = 0  # heading level
    number: str = ""  # source number of an ordered-list item (thesis number)
    label: str = ""  # a leading "[n] " note label, held apart from the content
    italic_whole: bool = False  # the whole block was one emphasis run (unwrapped)
    bold_whole: bool = False

    def text(self) -> str:
        return inline_text(self.content)


@dataclass
class Division:
    """A section or subsection of the body (or the introduction in front)."""

    kind: str  # "section" | "subsection" | "introduction"
    line: int
    head: list[Inline] = field(default_factory=list)
    n: str = ""  # source number/letter, where the source gives one
    xml_id: str = ""
    blocks: list[Block] = field(default_factory=list)
    children: list[Division] = field(default_factory=list)
    rend: str = ""


@dataclass
class Note:
    """One editorial note: its readings in each witness, then the collated content.

    ``readings`` maps a witness id to that witness's text of the note; with a single
    witness the id is "" and no apparatus is made. ``base`` names the witness whose reading
    is the edition's text; the apparatus pass fills ``content``.
    """

    n: int
    line: int  # source line of the base reading
    readings: dict[str, list[Inline]] = field(default_factory=dict)
    sources: dict[str, Block] = field(default_factory=dict)  # the block each reading was read from
    base: str = ""
    content: list[Inline] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # xml:ids of its anchors


@dataclass
class Witness:
    xml_id: str
    siglum: str  # short label printed in the apparatus
    description: str


@dataclass
class Decision:
    """An editorial decision a pass made, stated in words for the editorialDecl."""

    category: str  # "correction" | "normalization" | "segmentation" | "interpretation"
    text: str


@dataclass
class TitlePage:
    title: list[Inline] = field(default_factory=list)
    authors: list[list[Inline]] = field(default_factory=list)
    date: list[Inline] = field(default_factory=list)
    date_iso: str = ""
    line: int = 0


@dataclass
class Document:
    """Everything the passes know about one transcript."""

    source: Path
    config: DocumentConfig
    markdown: str = ""
    tokens: list[object] = field(default_factory=list)  # markdown-it's tokens of ``markdown``
    blocks: list[Block] = field(default_factory=list)
    read_blocks: list[Block] = field(default_factory=list)  # every block read, after repair
    title_page: TitlePage = field(default_factory=TitlePage)
    front: list[Division] = field(default_factory=list)
    body: list[Division] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    notes_head: list[Inline] = field(default_factory=list)  # a "Notes" heading, if the source has one
    notes_head_block: Block | None = None
    witnesses: list[Witness] = field(default_factory=list)
    removed: list[Block] = field(default_factory=list)  # boilerplate taken out
    merges: list[tuple[int, int]] = field(default_factory=list)  # (line, joined line)
    decisions: list[Decision] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    standoff: list[object] = field(default_factory=list)  # registry entries used (lxml elements)
    stats: dict[str, int] = field(default_factory=dict)
    header: object = None  # the teiHeader element, once built
    tei: object = None  # the lxml tree, once written

    def where(self, line: int = 0, col: int = 0) -> Location:
        return Location(str(self.source), line, col)

    def warn(self, line: int, message: str, code: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.where(line), message, "warning", code))

    def decide(self, category: str, text: str) -> None:
        self.decisions.append(Decision(category, text))

    def all_divisions(self) -> Iterator[Division]:
        def walk(divs: list[Division]) -> Iterator[Division]:
            for div in divs:
                yield div
                yield from walk(div.children)

        yield from walk(self.front)
        yield from walk(self.body)


TERMINAL = re.compile(r"[.!?:;…][\"'”’»)\]]*\s*$")


def ends_sentence(text: str) -> bool:
    """Whether text ends with terminal punctuation (ignoring closing quotes/brackets)."""
    return bool(TERMINAL.search(text.rstrip()))
