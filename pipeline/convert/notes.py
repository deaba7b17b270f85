"""Pass ``notes``: find the note lists at the end of the text, reconcile them, link anchors.

Web extractions of this form end with the notes, without a heading, up to twice over:

* an unnumbered list, one paragraph per note, right after the last body paragraph;
* a numbered list (``[1] text``), often partial, with web-page boilerplate among it.

The numbered list is found from the end (labelled paragraphs, with at most two unlabelled
ones in a row between them, which are boilerplate). The unnumbered list is the run of
paragraphs just before it whose length K makes paragraph k read like numbered note [k]; with
no numbered list, K is the highest anchor number. A heading "Notes" (or "Endnotes",
"Footnotes") marks the region explicitly. Each note keeps its reading in every witness; the
apparatus pass collates them.

Example (two witnesses)::

    ... last body paragraph.
    The Declaration ... can be found here: <https://x>      (unnumbered, note 1)
    [1] The Declaration ... can be found <https://x>        (numbered, note 1)
    -> Note(n=1, readings={"wit-notes": [...], "wit-numbered": [...]}, base="wit-notes")
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..errors import EditionError
from .model import (
    Block,
    Division,
    Document,
    Note,
    Span,
    Witness,
    ends_sentence,
    inline_text,
    walk_spans,
)
from .read import TENTATIVE, parse_brackets
from .structure import assign_ids

NOTES_HEADING = re.compile(r"^\s*(end\s*notes|foot\s*notes|notes)\s*:?\s*$", re.IGNORECASE)
MAX_BOILERPLATE_RUN = 2  # unlabelled paragraphs in a row tolerated inside a numbered list
SIMILAR = 0.5  # word-sequence similarity above which two paragraphs are one note's witnesses
WITNESS_UNNUMBERED = "wit-notes"
WITNESS_NUMBERED = "wit-numbered"
WORDS = re.compile(r"[^\W_]+")


def _words(blocks_text: str) -> list[str]:
    return [w.casefold() for w in WORDS.findall(blocks_text)]


def similarity(a: str, b: str) -> float:
    """Similarity of two texts as word sequences (0..1), robust to truncation at the end."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / min(len(wa), len(wb)) if min(len(wa), len(wb)) >= 3 else matcher.ratio()


@dataclass
class _Region:
    """Where the notes sit: the container they were read into and the blocks involved."""

    container: Division | None
    trailing: list[Block]  # the trailing plain paragraphs of the container
    numbered: list[Block]  # labelled paragraphs
    boilerplate: list[Block]
    start: int  # index in ``trailing`` where the numbered region begins


def _last_container(doc: Document) -> Division | None:
    if not doc.body:
        return None
    div = doc.body[-1]
    while div.children:
        div = div.children[-1]
    return div


def _notes_section(doc: Document) -> Division | None:
    for div in doc.body:
        if NOTES_HEADING.match(inline_text(div.head)) and not div.children:
            return div
    return None


def _find_region(doc: Document) -> _Region:
    explicit = _notes_section(doc)
    container = explicit or _last_container(doc)
    if container is None:
        return _Region(None, [], [], [], 0)
    trailing: list[Block] = []
    for block in reversed(container.blocks):
        if block.kind != "para":
            break
        trailing.insert(0, block)
    if explicit is not None:
        trailing = [b for b in container.blocks if b.kind == "para"]
    # Scan backwards: the numbered region extends while labelled paragraphs keep coming,
    # with at most MAX_BOILERPLATE_RUN unlabelled ones in a row between them.
    start, gap = len(trailing), 0
    for index in range(len(trailing) - 1, -1, -1):
        if trailing[index].label:
            start, gap = index, 0
        else:
            gap += 1
            if gap > MAX_BOILERPLATE_RUN:
                break
    region = trailing[start:]
    numbered = [b for b in region if b.label]
    boilerplate = [b for b in region if not b.label] if numbered else []
    if not numbered:
        start = len(trailing)
    return _Region(container, trailing, numbered, boilerplate, start)


def _unnumbered_count(doc: Document, candidates: list[Block], numbered: dict[int, Block], anchor_max: int) -> int:
    """How many of the paragraphs before the numbered list are the unnumbered notes."""
    if doc.config.note_count is not None:
        return min(doc.config.note_count, len(candidates))
    if numbered:
        expected = max(max(numbered), anchor_max)
        # Try the expected count first (the common case costs one alignment), then the rest.
        for k in [expected, *range(len(candidates), 0, -1)]:
            if 0 < k <= len(candidates) and _aligns(candidates[len(candidates) - k :], numbered):
                return k
        return 0
    # No second list to align with: the anchors say how many notes there are.
    return min(anchor_max, len(candidates)) if anchor_max < len(candidates) else 0


def _aligns(unnumbered: list[Block], numbered: dict[int, Block]) -> bool:
    """Whether paragraph k of ``unnumbered`` reads like numbered note [k] for most k."""
    pairs = [(unnumbered[n - 1], block) for n, block in numbered.items() if n <= len(unnumbered)]
    hits = sum(1 for a, b in pairs if similarity(a.text(), b.text()) >= SIMILAR)
    return bool(pairs) and hits * 2 >= len(pairs)


def _anchors(doc: Document) -> list[tuple[Span, int]]:
    """Every note anchor in the front and body, with its source line, in text order."""
    found: list[tuple[Span, int]] = []
    for div in doc.all_divisions():
        for block in div.blocks:
            for span in walk_spans(block.content):
                if span.tag == "ref" and span.attrs.get("type") == "noteAnchor":
                    found.append((span, span.line or block.line))
    return found


def _sane_anchor_max(doc: Document, anchors: list[tuple[Span, int]]) -> int:
    """The highest anchor number, ignoring outliers that would make the notes mostly gaps."""
    numbers = sorted({int(span.attrs["n"]) for span, _ in anchors})
    if 1 not in numbers:
        return 0  # a note sequence starts at 1; stray numbers are not one
    while numbers and len(numbers) * 2 < numbers[-1]:
        numbers.pop()
    return numbers[-1] if numbers else 0


def _restore_label(block: Block) -> None:
    """A "[n] " label on a paragraph that is not a note: give the text back as written."""
    if block.label:
        block.content = [*parse_brackets(f"[{block.label}] ", block.line), *block.content]
        block.label = ""


def _witness_quality(blocks: list[Block]) -> tuple[int, int]:
    """(coverage, -defects) of a note list: truncated notes and malformed links are defects."""
    defects = 0
    for block in blocks:
        last = block.content[-1] if block.content else None
        ends_with_link = isinstance(last, Span) and last.tag == "ref"
        if not ends_with_link and not ends_sentence(block.text()):
            defects += 1
        for span in walk_spans(block.content):
            target = span.attrs.get("target", "") if span.tag == "ref" else ""
            if target and not re.match(r"^https?://[^/\s]+\.[a-z]{2,}(/|$)", target, re.IGNORECASE):
                defects += 1
    return len(blocks), -defects


def run(doc: Document) -> Document:
    anchors = _anchors(doc)
    region = _find_region(doc)
    container = region.container
    numbered: dict[int, Block] = {}
    for block in region.numbered:
        n = int(block.label)
        if n in numbered:
            raise EditionError(doc.where(block.line), f"duplicate note [{n}] (first at line {numbered[n].line})")
        numbered[n] = block
    anchor_max = _sane_anchor_max(doc, anchors)
    # The unnumbered list can only be the unlabelled paragraphs right before the numbered one.
    candidates: list[Block] = []
    for block in reversed(region.trailing[: region.start]):
        if block.label:
            break
        candidates.insert(0, block)
    k = _unnumbered_count(doc, candidates, numbered, anchor_max)
    unnumbered = {n: block for n, block in enumerate(candidates[len(candidates) - k :], start=1)} if k else {}

    # Take the note paragraphs and boilerplate out of the body.
    taken = {id(b) for b in [*unnumbered.values(), *numbered.values(), *region.boilerplate]}
    if container is not None:
        container.blocks = [b for b in container.blocks if id(b) not in taken]
        if _notes_section(doc) is container:
            doc.notes_head = container.head
            doc.notes_head_block = next(b for b in doc.blocks if b.kind == "heading" and b.line == container.line)
            doc.body.remove(container)
            assign_ids(doc)  # positions after the notes heading's section have moved up
    for div in doc.all_divisions():
        for block in div.blocks:
            _restore_label(block)
    for block in region.boilerplate:
        doc.removed.append(block)
        summary = " ".join(block.text().split())[:60]
        doc.warn(block.line, f"web-page boilerplate among the notes removed: {summary!r}", "W-BOILERPLATE")

    both = bool(unnumbered) and bool(numbered)
    witness_blocks = {WITNESS_UNNUMBERED: unnumbered, WITNESS_NUMBERED: numbered}
    if both:
        doc.witnesses = [
            Witness(WITNESS_UNNUMBERED, "A", "The complete list of the notes, unnumbered, that follows the last paragraph of the text in the web extraction."),
            Witness(WITNESS_NUMBERED, "B", "The second, numbered list of the notes ([1], [2] ...) at the end of the web extraction: partial, with truncated notes and corrupted URLs."),
        ]
        base = max(witness_blocks, key=lambda wit: _witness_quality(list(witness_blocks[wit].values())))
    else:
        base = ""

    total = max([*unnumbered, *numbered, 0])
    for n in range(1, total + 1):
        readings = {wit: blocks[n] for wit, blocks in witness_blocks.items() if n in blocks}
        if not readings:
            following = min((b.line for m, b in [*unnumbered.items(), *numbered.items()] if m > n), default=0)
            raise EditionError(doc.where(following), f"note {n} is missing: no note numbered {n} in the transcript (notes run 1-{total})")
        note_base = base if base in readings else next(iter(readings))
        note = Note(n, readings[note_base].line, base=note_base if both else "")
        for wit, block in readings.items():
            key = wit if both else ""
            note.readings[key] = block.content
            note.sources[key] = block
        doc.notes.append(note)

    _link_anchors(doc, anchors)
    _record(doc, unnumbered, numbered, base, region.boilerplate)
    return doc


def _link_anchors(doc: Document, anchors: list[tuple[Span, int]]) -> None:
    by_number = {note.n: note for note in doc.notes}
    for span, line in anchors:
        n = int(span.attrs["n"])
        note = by_number.get(n)
        if note is None and TENTATIVE in span.attrs:
            span.tag, span.attrs = "hi", {"rend": "superscript"}  # an exponent, not a note
            continue
        if note is None:
            last = f"notes run 1-{len(doc.notes)}" if doc.notes else "the transcript has no notes"
            raise EditionError(doc.where(line), f"note anchor [{n}] has no note ({last})")
        anchor_id = f"n{n}-ref" if not note.anchors else f"n{n}-ref-{len(note.anchors) + 1}"
        note.anchors.append(anchor_id)
        span.attrs = {"type": "noteAnchor", "xml:id": anchor_id, "target": f"#n{n}", "n": str(n)}
    for note in doc.notes:
        if not note.anchors:
            doc.warn(note.line, f"note {note.n} has no anchor in the text; kept and marked unanchored", "W-UNANCHORED")


def _record(doc: Document, unnumbered: dict[int, Block], numbered: dict[int, Block], base: str, boilerplate: list[Block]) -> None:
    doc.stats["notes"] = len(doc.notes)
    doc.stats["anchors"] = sum(len(n.anchors) for n in doc.notes)
    doc.stats["unanchored"] = sum(1 for n in doc.notes if not n.anchors)
    doc.stats["boilerplate_removed"] = len(boilerplate)
    if not doc.notes:
        return
    if unnumbered and numbered:
        other = WITNESS_NUMBERED if base == WITNESS_UNNUMBERED else WITNESS_UNNUMBERED
        doc.decide(
            "correction",
            f"The notes appear twice in the web extraction: a complete unnumbered list of "
            f"{len(unnumbered)} notes after the last paragraph (witness {WITNESS_UNNUMBERED}) and a "
            f"partial numbered list of {len(numbered)} notes (witness {WITNESS_NUMBERED}). They are "
            f"reconciled into one note per number; the reading of {base} is the text, being the more "
            f"complete witness with fewer truncations and malformed links, and every divergent "
            f"reading of {other} is kept in a critical apparatus (parallel segmentation), typed "
            f"orthographic where only quotation marks or apostrophes differ.",
        )
    else:
        doc.decide("correction", f"The {len(doc.notes)} notes at the end of the web extraction are encoded as endnotes in the back matter.")
    if boilerplate:
        lines = ", ".join(str(b.line) for b in boilerplate)
        doc.decide("correction", f"Web-page boilerplate found among the notes (source lines {lines}) is not part of the text and is not encoded.")
    unanchored = [str(n.n) for n in doc.notes if not n.anchors]
    if unanchored:
        doc.decide(
            "interpretation",
            f"Note(s) {', '.join(unanchored)} have no anchor in the text; they are kept in their place in "
            f"the sequence and marked subtype=\"unanchored\". No anchor has been conjectured.",
        )
