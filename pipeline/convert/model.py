"""The document model the converter's passes work on.

Inline content is a list of ``str`` and :class:`Span` (a TEI element in waiting: tag,
attributes, children). Blocks carry their source line so every diagnostic can name it.
The model is deliberately close to TEI: the write pass maps a ``Span`` to the element of the
same name, so a pass that wants ``<supplied>`` simply makes ``Span("supplied", ...)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import DocumentConfig
from ..errors import Diagnostic, Location

if TYPE_CHECKING:
    from lxml import etree
    from markdown_it.token import Token


@dataclass
class Span:
    """An inline TEI element: ``Span("hi", {"rend": "italic"}, ["word"])``."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Inline] = field(default_factory=list)
    line: int = 0  # source line, where known
    #: what a tentative note anchor reads as if no note claims it (its source form)
    fallback: list[Inline] | None = None

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


def soften(items: list[Inline]) -> list[Inline]:
    """Source line ends (soft breaks, kept as "\n" while the structure is read) become the
    spaces they are in the text."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, str):
            out.append(item.replace("\n", " "))
        else:
            item.children = soften(item.children)
            out.append(item)
    return out


def walk_spans(items: Sequence[Inline]) -> Iterator[Span]:
    """Every span in ``items``, depth first, in document order."""
    for item in items:
        if isinstance(item, Span):
            yield item
            yield from walk_spans(item.children)


@dataclass
class Block:
    """One block of the transcript as read: a heading, paragraph or list item."""

    kind: str  # "heading" | "para" | "item" | "bullet" | "quote" | "break" (a thematic break)
    line: int  # 1-based first source line
    content: list[Inline]
    end_line: int = 0
    level: int = 0  # heading level
    number: str = ""  # source number of an ordered-list item (thesis number)
    label: str = ""  # a leading note mark ("[n] ", "**2.**", a linked "[1]"), held apart
    label_content: list[Inline] = field(default_factory=list)  # the mark as written, to restore
    label_target: str = ""  # the fragment a linked mark points back to (the anchor's id)
    ids: list[str] = field(default_factory=list)  # HTML ids at the start of the block
    containers: tuple[str, ...] = ()  # classes/ids/epub:types of the HTML divs around it
    footnote: str = ""  # the label of the footnote definition ("[^x]: ...") it belongs to
    list_depth: int = 0  # nesting depth of the list the block is an item of (0: none)
    quote_depth: int = 0
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
    head_block: Block | None = None  # the heading it was opened by


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
    label: str = ""  # the mark the source gives it ("1", "05", "*", "A"): its @n
    paragraphs: list[Block] = field(default_factory=list)  # its further paragraphs, if any
    ids: list[str] = field(default_factory=list)  # HTML ids it had, that links lead to
    backlink: str = ""  # the fragment its mark linked back to (its anchor's HTML id)
    footnote: str = ""  # the footnote identifier ("[^x]") it was defined with
    origin: str = ""  # how it was found: footnote, section, trailing, linked, unnumbered ...

    @property
    def xml_id(self) -> str:
        from ..conventions.ids import note_id

        return note_id(self.label or str(self.n))


@dataclass
class Removal:
    """A block taken out of the text, and why (page furniture, boilerplate, a back-link)."""

    block: Block
    reason: str  # "breadcrumb", "navigation", "archive header", "licence" ...
    moved_to: str = ""  # where its content went instead ("the teiHeader"), if anywhere


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
    """The title page as the transcript gives it, in its order: ``items`` are (kind,
    content) with kind "main" or "sub" (a title part), "byline" (content with ``docAuthor``
    spans), "date" or "epigraph"."""

    items: list[tuple[str, list[Inline]]] = field(default_factory=list)
    date_iso: str = ""
    line: int = 0

    @property
    def title(self) -> list[Inline]:
        """The main title: the main title parts, one after the other."""
        parts = [content for kind, content in self.items if kind == "main"]
        out: list[Inline] = []
        for index, part in enumerate(parts):
            if index:
                out.append(" ")
            out.extend(part)
        return out

    @property
    def subtitles(self) -> list[list[Inline]]:
        return [content for kind, content in self.items if kind == "sub"]

    @property
    def date(self) -> list[Inline]:
        return next((content for kind, content in self.items if kind == "date"), [])

    @property
    def authors(self) -> list[list[Inline]]:
        """The names of the bylines (each docAuthor's content)."""
        return [
            span.children
            for kind, content in self.items
            if kind == "byline"
            for span in content
            if isinstance(span, Span) and span.tag == "docAuthor"
        ]


@dataclass
class Fact:
    """One statement the transcript makes about itself, outside its text: a front-matter
    key, a line of an archive's header block ("Source: ..."), a licence page."""

    label: str  # as the source writes it: "Written", "Source", "license"
    value: str  # plain text
    line: int
    origin: str  # "front matter" | "header block" | "title block" | "page furniture"


@dataclass
class Metadata:
    """What the transcript says about itself (front matter, header blocks, title page).

    The .toml overrides and adds; the header states nothing neither of them gives."""

    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    date: str = ""  # ISO 8601: when the text was written or first published
    date_text: str = ""  # the date as the source words it
    place: str = ""  # where it was written, where the source says
    url: str = ""
    licence: str = ""
    licence_url: str = ""
    publisher: str = ""
    source: str = ""  # the printed source the transcript follows ("Source:" line)
    language: str = ""
    facts: list[Fact] = field(default_factory=list)


@dataclass
class Document:
    """Everything the passes know about one transcript."""

    source: Path
    config: DocumentConfig
    markdown: str = ""
    tokens: list[Token] = field(default_factory=list)  # markdown-it's tokens of ``markdown``
    parse_env: dict[str, Any] = field(default_factory=dict)  # markdown-it's environment (footnotes)
    blocks: list[Block] = field(default_factory=list)
    read_blocks: list[Block] = field(default_factory=list)  # every block read, after repair
    read_snapshot: list[Block] = field(default_factory=list)  # copies of them, as read
    title_page: TitlePage = field(default_factory=TitlePage)
    metadata: Metadata = field(default_factory=Metadata)
    title_page_blocks: list[Block] = field(default_factory=list)  # the blocks it was read from
    head_paragraphs: list[Block] = field(default_factory=list)  # paragraphs read as headings
    #: each HTML id of the transcript -> the block (or heading) it marks, for internal links
    html_ids: dict[str, Block] = field(default_factory=dict)
    front: list[Division] = field(default_factory=list)
    body: list[Division] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    notes_head: list[Inline] = field(
        default_factory=list
    )  # a "Notes" heading, if the source has one
    notes_head_block: Block | None = None
    witnesses: list[Witness] = field(default_factory=list)
    removed: list[Block] = field(default_factory=list)  # boilerplate taken out
    removals: list[Removal] = field(default_factory=list)  # the same, each with its reason
    merges: list[tuple[int, int]] = field(default_factory=list)  # (line, joined line)
    decisions: list[Decision] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    standoff: list[etree._Element] = field(default_factory=list)  # registry entries used
    stats: dict[str, int] = field(default_factory=dict)
    statement: Any = None  # what the header states, and on whose word (convert.statement)
    header: etree._Element | None = None  # the teiHeader element, once built
    tei: etree._ElementTree | None = None  # the lxml tree, once written

    def where(self, line: int = 0, col: int = 0) -> Location:
        return Location(str(self.source), line, col)

    def warn(self, line: int, message: str, code: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.where(line), message, "warning", code))

    def decide(self, category: str, text: str) -> None:
        self.decisions.append(Decision(category, text))

    def replace_block(self, old: Block, new: list[Block]) -> None:
        """Put ``new`` where ``old`` stood, in the text and in the reading of it (so that
        the conservation check reads the parts in the place of the whole)."""
        for blocks in (self.blocks, self.read_blocks):
            for index, block in enumerate(blocks):
                if block is old:
                    blocks[index : index + 1] = new
                    break

    def remove(self, block: Block, reason: str, moved_to: str = "") -> None:
        """Take ``block`` out of the text (it stays in ``read_blocks``), saying why."""
        self.removed.append(block)
        self.removals.append(Removal(block, reason, moved_to))

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
