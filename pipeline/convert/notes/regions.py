"""Where a transcript keeps its notes, found by general rules on the blocks as read.

Each rule needs evidence that the blocks it takes are notes, never their position alone:

* **footnote definitions** (``[^x]: ...``, pandoc's ``^[...]``, Project Gutenberg's
  ``[Footnote 1: ...]``): the syntax says so;
* **a notes section**: a heading that names notes (Notes, Footnotes, Endnotes, Editor's notes,
  Anmerkungen ...; any level, any case), up to the next heading of its level or above; its
  items start with marks (``[1]``, ``1.``, ``**2.**``, ``(3)``, ``*``, a linked mark, an
  ordered list's number) and run on over unmarked paragraphs (a note of several paragraphs);
* **a marked list after the text**, without a heading: marked items at the end, most of
  whose marks are used by anchors in the text (so that numbered theses never become notes);
* **linked notes**: a marked block anywhere that an anchor links to by its HTML id.

Example (a notes section, one note of two paragraphs)::

    #### Footnotes
    <span id="n1"></span>**1.** Engels' letter ... Gotha Programme.
    This letter was first published by Bebel ...
    -> Found(label="1", blocks=[<two paragraphs>], origin="section")
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..labels import SYMBOLS, is_number
from ..model import Block, Document, Span, inline_text

NOTES_HEADING = re.compile(
    r"^\s*(?:"
    r"(?:(?:the\s+)?(?:end|foot|editor[’']?s?[’']?|editorial|translator[’']?s?[’']?|explanatory|author[’']?s?[’']?|original|marginal)\s*)?"
    r"notes?(?:\s+(?:and|&)\s+(?:references|sources))?(?:\s+(?:to|on)\s+.{1,60})?"
    r"|references|anmerkungen|fu(?:ß|ss)noten|endnoten|notas|notes\s+de\s+bas\s+de\s+page|примечания"
    r")\s*[:.]?\s*$",
    re.IGNORECASE,
)
#: A heading that may hold a bibliography instead of notes: notes only if marked and anchored.
WEAK_HEADINGS = re.compile(r"^\s*references\s*[:.]?\s*$", re.IGNORECASE)
#: How far a numbered note may skip ahead of the previous one (a partial second list has
#: gaps; a year in bold, "**1847.**", inside a long note is no new note).
MAX_SKIP = 5
#: Classes, epub:types and roles of HTML containers that hold notes.
NOTE_CONTAINERS = re.compile(
    r"\b(?:footnotes?|endnotes?|rearnotes?|notes|fn|doc-endnotes?|doc-footnote)\b", re.IGNORECASE
)
#: A lead-in with nothing to lead into, between notes: a web page's boilerplate.
DANGLING = re.compile(r":\s*$")


@dataclass
class Found:
    """One note as the rules found it: its mark, its paragraphs, and how it was found."""

    label: str
    blocks: list[Block]
    origin: str  # "footnote" | "section" | "trailing" | "linked" | "unnumbered"
    footnote: str = ""
    heading: Block | None = None  # the heading of the notes section it stands in

    @property
    def line(self) -> int:
        return self.blocks[0].line


@dataclass
class Anchors:
    """The note marks used in the text, tentatively: each label and each link fragment."""

    labels: set[str] = field(default_factory=set)
    fragments: set[str] = field(default_factory=set)
    numbers: list[int] = field(default_factory=list)

    def uses(self, label: str) -> bool:
        return label in self.labels


def note_label(block: Block) -> str:
    """The mark a block opens with, or an ordered item's number."""
    if block.label:
        return block.label
    if block.kind == "item" and block.number:
        return block.number
    return ""


def follows(label: str, previous: str, anchors: Anchors) -> bool:
    """Whether ``label`` can be the next note's mark after ``previous`` in one list."""
    if not previous:
        return True
    if is_number(label) and is_number(previous):
        step = int(label.rstrip("*")) - int(previous.rstrip("*"))
        return 0 < step <= MAX_SKIP or (step > 0 and anchors.uses(label))
    if len(label) == 1 and len(previous) == 1 and label.isalpha() and previous.isalpha():
        return 0 < ord(label.lower()) - ord(previous.lower()) <= MAX_SKIP
    if all(c in SYMBOLS for c in label):
        return True
    return anchors.uses(label)


def is_boilerplate(block: Block, doc: Document, following: Block | None = None) -> bool:
    """An unmarked paragraph among notes that is a web page's, not a note's: a configured
    phrase, or a short lead-in ending in a colon that leads nowhere ("Share this article:"
    with the next note, or nothing, after it)."""
    text = " ".join(inline_text(block.content).split())
    if any(phrase.lower() in text.lower() for phrase in doc.config.boilerplate):
        return True
    leads_nowhere = (
        following is None or bool(note_label(following)) or following.kind in ("heading", "break")
    )
    return bool(DANGLING.search(text)) and len(text.split()) <= 12 and leads_nowhere


def split_into_notes(
    blocks: list[Block],
    doc: Document,
    anchors: Anchors,
    origin: str,
    heading: Block | None = None,
    continued: bool = True,
) -> tuple[list[Found], list[Block], list[Block]]:
    """Marked blocks start notes; unmarked ones continue the note before them (where
    ``continued``: a list whose notes may have several paragraphs) or are boilerplate.

    Returns (notes, blocks before the first note, boilerplate). A mark that repeats the
    previous note's starts a note of its own (the duplicate is reported later)."""
    notes: list[Found] = []
    before: list[Block] = []
    boilerplate: list[Block] = []
    container: tuple[str, ...] | None = None
    for index, block in enumerate(blocks):
        if block.kind == "break":
            continue
        following = next((b for b in blocks[index + 1 :] if b.kind != "break"), None)
        label = note_label(block)
        previous = notes[-1].label if notes else ""
        repeated = bool(label) and label == previous  # reported once the list is taken as notes
        in_new_container = (
            bool(notes) and bool(_note_container(block)) and _note_container(block) != container
        )
        if label and (not continued or repeated or follows(label, previous, anchors)):
            notes.append(Found(label, [block], origin, heading=heading))
            container = _note_container(block)
        elif notes and in_new_container and not label:
            before.append(block)  # an unmarked note of its own: not ours to number
        elif notes and is_boilerplate(block, doc, following):
            boilerplate.append(block)
        elif notes:
            notes[-1].blocks.append(block)
        else:
            before.append(block)
    return notes, before, boilerplate


def _note_container(block: Block) -> tuple[str, ...]:
    """The innermost HTML containers of a block that say they hold notes."""
    return tuple(
        c
        for c in block.containers
        if NOTE_CONTAINERS.search(c) or ("id=" in c and "note" in c.lower())
    )


def footnote_definitions(blocks: Iterable[Block]) -> list[Found]:
    """Notes defined with footnote syntax, one per definition (all its paragraphs)."""
    found: list[Found] = []
    current: Found | None = None
    gutenberg_open = False
    for block in blocks:
        if block.footnote == "[Footnote]" and block.label:
            current = Found(block.label, [block], "footnote")
            found.append(current)
            gutenberg_open = not _closes_bracket(block)
            continue
        if (
            gutenberg_open
            and current is not None
            and block.kind != "break"
            and block.kind != "heading"
        ):
            current.blocks.append(block)
            gutenberg_open = not _closes_bracket(block)
            continue
        gutenberg_open = False
        if block.footnote and block.footnote != "[Footnote]":
            if (
                current is not None
                and current.footnote == block.footnote
                and current.origin == "footnote"
            ):
                current.blocks.append(block)
            else:
                current = Found(block.footnote, [block], "footnote", footnote=block.footnote)
                found.append(current)
        else:
            current = None
    return found


def strip_closing_bracket(block: Block) -> None:
    """The "]" that closes "[Footnote 1: ...]" is the transcriber's, not the note's."""
    for index in range(len(block.content) - 1, -1, -1):
        item = block.content[index]
        if isinstance(item, str):
            if item.rstrip().endswith("]"):
                stripped = item.rstrip()
                block.content[index] = stripped[:-1] + item[len(stripped) :]
            return
        if not (isinstance(item, Span) and item.tag in ("lb", "_id")):
            return


def _closes_bracket(block: Block) -> bool:
    return inline_text(block.content).rstrip().endswith("]")


def notes_sections(blocks: list[Block]) -> list[tuple[Block, list[Block]]]:
    """(heading, the blocks under it) for each heading that names notes."""
    sections: list[tuple[Block, list[Block]]] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "heading" and NOTES_HEADING.match(inline_text(block.content)):
            end = index + 1
            while end < len(blocks) and not (
                blocks[end].kind == "heading" and blocks[end].level <= block.level
            ):
                end += 1
            sections.append((block, blocks[index + 1 : end]))
            index = end
            continue
        index += 1
    return sections


def trailing_list(blocks: list[Block], doc: Document) -> tuple[list[Block], bool]:
    """The marked list at the end of the text, without a heading, and whether unmarked
    paragraphs in it continue the notes.

    After a thematic break that the list starts right after, unmarked paragraphs continue
    the note before them (a note of several paragraphs); without that separation each note
    is one paragraph, with only boilerplate between them, so that no body paragraph is taken.
    """
    breaks = [index for index, block in enumerate(blocks) if block.kind == "break"]
    if breaks:
        after = [b for b in blocks[breaks[-1] + 1 :] if b.kind != "break"]
        if after and note_label(after[0]) and not any(b.kind == "heading" for b in after):
            return after, True
    start: int | None = None
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if block.kind == "break":
            continue
        if block.kind != "heading" and note_label(block):
            start = index
        elif block.kind != "heading" and is_boilerplate(
            block, doc, blocks[index + 1] if index + 1 < len(blocks) else None
        ):
            continue
        else:
            break
    return ([b for b in blocks[start:] if b.kind != "break"] if start is not None else []), False


def anchored_share(notes: list[Found], anchors: Anchors) -> float:
    """The share of ``notes`` whose mark the text uses as an anchor."""
    if not notes:
        return 0.0
    return sum(1 for note in notes if anchors.uses(note.label)) / len(notes)
