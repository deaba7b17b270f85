"""Pass ``notes``: find the notes wherever the transcript keeps them, link their anchors.

Runs on the blocks as read, before the structure pass, so that a notes section never
becomes a section of the text. The rules (:mod:`.regions`) each need evidence; the found
notes are numbered in their order, each keeps its mark as its label (``@n``), and the
anchors of the text are linked to them (:mod:`.anchors`). What no rule claims stays text:
a mark that opens a paragraph is given back, a tentative anchor gets its own reading.

Example::

    Text.<sup>[1]</sup>   -> <ref type="noteAnchor" xml:id="n1-ref" target="#n1" n="1">1</ref>
    ## Notes
    [1] A note.           -> <note xml:id="n1" n="1" target="#n1-ref">A note.</note>
"""

from __future__ import annotations

from ...errors import EditionError
from ..inline import HREF, HTML_ID, unwrap_scratch
from ..model import Block, Document, Note, Witness, inline_text
from . import anchors as anchor_links
from .regions import (
    WEAK_HEADINGS,
    Anchors,
    Found,
    anchored_share,
    footnote_definitions,
    note_label,
    notes_sections,
    split_into_notes,
    strip_closing_bracket,
    trailing_list,
)
from .witnesses import WITNESS_NUMBERED, WITNESS_UNNUMBERED, quality, unnumbered_witness


class _Finder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.taken: set[int] = set()
        self.found: list[Found] = []
        self.headings: list[Block] = []
        self.boilerplate: list[Block] = []
        self.kept_sections: list[tuple[Block, int]] = []  # notes-like headings kept as text
        self.candidates = anchor_links.candidates([b for b in doc.blocks if not b.footnote])
        self.marks = Anchors(
            {c.label for c in self.candidates},
            {c.span.attrs[HREF] for c in self.candidates if c.span.attrs.get(HREF)},
            sorted({int(c.label) for c in self.candidates if c.label.isdigit()}),
        )
        self.witnessed: dict[int, dict[str, Block]] = {}  # note number -> witness -> block

    def take(self, blocks: list[Block]) -> None:
        self.taken.update(id(b) for b in blocks)

    def rest(self, blocks: list[Block] | None = None) -> list[Block]:
        return [
            b for b in (self.doc.blocks if blocks is None else blocks) if id(b) not in self.taken
        ]

    def sane_anchor_count(self) -> int:
        """The number of notes the anchors imply, if they number 1..K with few gaps."""
        numbers = list(self.marks.numbers)
        if 1 not in numbers:
            return 0
        while numbers and len(numbers) * 2 < numbers[-1]:
            numbers.pop()
        return numbers[-1] if numbers else 0

    # -- the rules, in order ---------------------------------------------------------------
    def footnotes(self) -> None:
        for note in footnote_definitions(self.doc.blocks):
            if note.blocks[0].footnote == "[Footnote]":
                strip_closing_bracket(note.blocks[-1])
            self.found.append(note)
            self.take(note.blocks)

    def sections(self) -> None:
        for heading, section in notes_sections(self.doc.blocks):
            region = self.rest(section)
            title = " ".join(inline_text(heading.content).split())
            if not any(b.kind != "break" for b in region):
                if self.found:  # the heading of footnotes defined under it
                    self.headings.append(heading)
                    self.take([heading])
                continue
            notes, before, boilerplate = split_into_notes(
                region, self.doc, self.marks, "section", heading
            )
            weak = bool(WEAK_HEADINGS.match(title))
            if weak and (not notes or anchored_share(notes, self.marks) < 0.5):
                continue  # "References" holding a bibliography: text, not notes
            if not notes:
                paragraphs = [b for b in before if b.kind in ("para", "item", "quote")]
                count = self.sane_anchor_count()
                if (
                    not weak
                    and count
                    and len(paragraphs) == count
                    and len(paragraphs) == len(before)
                ):
                    notes = [
                        Found(str(k), [b], "unnumbered", heading=heading)
                        for k, b in enumerate(paragraphs, start=1)
                    ]
                    before = []
                else:
                    self.doc.warn(
                        heading.line,
                        f"the section {title!r}: {len(paragraphs)} paragraph(s) not recognised as "
                        "notes (no note marks such as [1] or 1., and not one per anchor); kept as "
                        "a section of the text",
                        "W-NOTES",
                    )
                    continue
            if before:
                self.doc.warn(
                    before[0].line,
                    f"the section {title!r}: {len(before)} paragraph(s) before its first note are "
                    "not notes; kept in the text before it",
                    "W-NOTES",
                )
            self.found.extend(notes)
            self.headings.append(heading)
            self.boilerplate.extend(boilerplate)
            self.take([heading, *boilerplate, *(b for n in notes for b in n.blocks)])

    def trailing(self) -> None:
        rest = self.rest()
        tail, continues = trailing_list(rest, self.doc)
        if not tail:
            return
        notes, _before, boilerplate = split_into_notes(
            tail, self.doc, self.marks, "trailing", continued=continues
        )
        bracketed = notes and all(_bracketed(n.blocks[0]) for n in notes) and notes[0].label == "1"
        if not notes or (anchored_share(notes, self.marks) < 0.5 and not bracketed):
            return
        self.take([*boilerplate, *(b for n in notes for b in n.blocks)])
        self.boilerplate.extend(boilerplate)
        if (
            bracketed
            and all(n.label.isdigit() for n in notes)
            and self._second_witness(notes, tail[0])
        ):
            return
        self.found.extend(notes)

    def _second_witness(self, numbered: list[Found], first: Block) -> bool:
        """The seed's form: a complete unnumbered list right before the numbered one."""
        rest = self.rest()
        index = next((i for i, b in enumerate(self.doc.blocks) if b is first), len(self.doc.blocks))
        candidates: list[Block] = []
        for block in reversed([b for b in self.doc.blocks[:index] if id(b) not in self.taken]):
            if block.kind != "para" or block.label:
                break
            candidates.insert(0, block)
        del rest
        by_number = {int(n.label): n.blocks[0] for n in numbered}
        expected = self.doc.config.note_count or max(*by_number, self.sane_anchor_count())
        unnumbered = unnumbered_witness(candidates, by_number, expected)
        if not unnumbered:
            return False
        self.take(unnumbered)
        for k in range(1, expected + 1):
            readings: dict[str, Block] = {}
            if k <= len(unnumbered):
                readings[WITNESS_UNNUMBERED] = unnumbered[k - 1]
            if k in by_number:
                readings[WITNESS_NUMBERED] = by_number[k]
            self.witnessed[k] = readings
            self.found.append(Found(str(k), [next(iter(readings.values()))], "witnesses"))
        missing = [n for n in by_number if n > expected]
        if missing:
            raise EditionError(
                self.doc.where(by_number[missing[0]].line),
                f"note [{missing[0]}] of the numbered list has no counterpart (the notes run "
                f"1-{expected})",
            )
        return True

    def linked(self) -> None:
        """Marked blocks elsewhere that an anchor links to by their id."""
        fragments = self.marks.fragments
        if not fragments:
            return
        for block in self.rest():
            label = note_label(block)
            if not label or block.kind == "heading":
                continue
            if any(anchor_links._matches_fragment(fragment, block.ids) for fragment in fragments):
                self.found.append(Found(label, [block], "linked"))
                self.take([block])

    def unnumbered_after_text(self) -> None:
        """No list found: the last paragraphs, one per anchor, if the anchors number 1..K
        and every one of them comes after the last anchor (or the .toml gives the count)."""
        count = self.doc.config.note_count or self.sane_anchor_count()
        rest = [b for b in self.rest() if b.kind != "break"]
        if not count or count >= len(rest):
            return
        tail = rest[len(rest) - count :]
        if any(b.kind not in ("para",) or b.label for b in tail):
            return
        last_anchor = max((c.block.end_line for c in self.candidates), default=0)
        if self.doc.config.note_count is None and any(b.line <= last_anchor for b in tail):
            return
        self.found.extend(Found(str(k), [b], "unnumbered") for k, b in enumerate(tail, start=1))
        self.take(tail)


def _bracketed(block: Block) -> bool:
    """Whether a block's mark was written in square brackets ("[12] text")."""
    first = block.label_content[0] if block.label_content else None
    if isinstance(first, str):
        return first.lstrip().startswith("[")
    return first is not None and first.tag == "supplied"


def _order(found: list[Found], doc: Document) -> list[Found]:
    """Notes in reading order: footnotes by their first reference (as markdown numbers
    them), unreferenced ones after; every other note where it stands."""
    footnotes = [f for f in found if f.origin == "footnote" and f.footnote]
    others = [f for f in found if not (f.origin == "footnote" and f.footnote)]
    if footnotes:
        first_use: dict[str, int] = {}
        for position, cand in enumerate(
            c for c in anchor_links.candidates(doc.blocks) if c.form == "footnote"
        ):
            first_use.setdefault(cand.label, position)
        footnotes.sort(key=lambda f: (first_use.get(f.footnote, len(first_use) + f.line), f.line))
        if not others:
            return footnotes
    everything = [*footnotes, *others]
    if any(f.origin == "witnesses" for f in everything):
        return everything
    return (
        sorted(everything, key=lambda f: f.line)
        if not footnotes
        else [*footnotes, *sorted(others, key=lambda f: f.line)]
    )


def run(doc: Document) -> Document:
    finder = _Finder(doc)
    finder.footnotes()
    finder.sections()
    finder.trailing()
    finder.linked()
    if not finder.found:
        finder.unnumbered_after_text()
    found = _order(finder.found, doc)
    _check_duplicates(doc, found)
    for position, item in enumerate(found, start=1):
        label = str(position) if item.origin == "footnote" and item.footnote else item.label
        note = Note(position, item.line, label=label, footnote=item.footnote, origin=item.origin)
        first = item.blocks[0]
        note.ids = list(first.ids)
        note.backlink = first.label_target
        readings = finder.witnessed.get(position) if item.origin == "witnesses" else None
        if readings:
            for wit, block in readings.items():
                note.readings[wit] = block.content
                note.sources[wit] = block
        else:
            note.readings[""] = first.content
            note.sources[""] = first
            note.paragraphs = item.blocks[1:]
        doc.notes.append(note)
    if finder.witnessed:
        _witnesses(doc, finder)
    # the notes and their headings leave the text; the headings give the notes theirs
    doc.blocks = [b for b in doc.blocks if id(b) not in finder.taken]
    if finder.headings:
        doc.notes_head_block = finder.headings[0]
        doc.notes_head = finder.headings[0].content
        for extra in finder.headings[1:]:
            doc.remove(extra, "heading of a further notes list")
    for block in finder.boilerplate:
        doc.remove(block, "web-page boilerplate among the notes")
        summary = " ".join(block.text().split())[:60]
        doc.warn(
            block.line,
            f"web-page boilerplate among the notes removed: {summary!r}",
            "W-BOILERPLATE",
        )
    for block in doc.blocks:
        _restore_label(block)
    anchor_links.link(doc, anchor_links.candidates(doc.blocks))
    # marks inside the notes ("London [1933]") are no anchors: each gets its own reading back
    anchor_links.give_back_all(
        doc,
        anchor_links.candidates(
            [b for n in doc.notes for b in [*n.sources.values(), *n.paragraphs]]
        ),
    )
    for block in [
        *doc.blocks,
        *(b for n in doc.notes for b in [*n.sources.values(), *n.paragraphs]),
    ]:
        block.content = unwrap_scratch(block.content)
    for note in doc.notes:
        for wit, block in note.sources.items():
            note.readings[wit] = block.content
        if not note.anchors:
            doc.warn(
                note.line,
                f"note {note.label or note.n} has no anchor in the text; "
                "kept and marked unanchored",
                "W-UNANCHORED",
            )
    _record(doc, finder)
    return doc


def _check_duplicates(doc: Document, found: list[Found]) -> None:
    seen: dict[str, Found] = {}
    for item in found:
        if item.origin == "footnote" and item.footnote:
            continue
        if item.label in seen and item.origin != "witnesses":
            first = seen[item.label]
            raise EditionError(
                doc.where(item.line), f"duplicate note [{item.label}] (first at line {first.line})"
            )
        seen[item.label] = item


def _restore_label(block: Block) -> None:
    """A mark that opened a paragraph which is no note: give the text back as written."""
    if block.label:
        block.content = [*block.label_content, *block.content]
        block.label, block.label_content = "", []


def _witnesses(doc: Document, finder: _Finder) -> None:
    unnumbered = [
        r[WITNESS_UNNUMBERED] for r in finder.witnessed.values() if WITNESS_UNNUMBERED in r
    ]
    numbered = [r[WITNESS_NUMBERED] for r in finder.witnessed.values() if WITNESS_NUMBERED in r]
    total = len(finder.witnessed)

    def extent(blocks: list[Block]) -> str:
        share = "all" if len(blocks) == total else f"{len(blocks)} of the {total}"
        return f"{share} notes, source lines {blocks[0].line}-{blocks[-1].end_line}"

    doc.witnesses = [
        Witness(
            WITNESS_UNNUMBERED,
            "A",
            "The list of the notes without numbers that follows the last paragraph of the text in "
            f"the transcript ({extent(unnumbered)}).",
        ),
        Witness(
            WITNESS_NUMBERED,
            "B",
            "The second list of the notes, numbered [1], [2] ..., after the first "
            f"({extent(numbered)}).",
        ),
    ]
    base = WITNESS_UNNUMBERED if quality(unnumbered) >= quality(numbered) else WITNESS_NUMBERED
    for note in doc.notes:
        note.base = base if base in note.readings else next(iter(note.readings))
        note.line = note.sources[note.base].line
    doc.stats["witness_base"] = 1 if base == WITNESS_UNNUMBERED else 2


def _record(doc: Document, finder: _Finder) -> None:
    doc.stats["notes"] = len(doc.notes)
    doc.stats["anchors"] = sum(len(n.anchors) for n in doc.notes)
    doc.stats["unanchored"] = sum(1 for n in doc.notes if not n.anchors)
    doc.stats["boilerplate_removed"] = len(finder.boilerplate)
    if not doc.notes:
        return
    origins = {n.origin for n in doc.notes}
    if finder.witnessed:
        base = next(n.base for n in doc.notes if n.base)
        other = WITNESS_NUMBERED if base == WITNESS_UNNUMBERED else WITNESS_UNNUMBERED
        unnumbered = sum(1 for r in finder.witnessed.values() if WITNESS_UNNUMBERED in r)
        numbered = sum(1 for r in finder.witnessed.values() if WITNESS_NUMBERED in r)
        total = len(finder.witnessed)

        def kind(count: int) -> str:
            return "complete" if count == total else "partial"

        doc.decide(
            "correction",
            f"The notes appear twice in the transcript: a {kind(unnumbered)} unnumbered list of "
            f"{unnumbered} notes after the last paragraph (witness {WITNESS_UNNUMBERED}) and a "
            f"{kind(numbered)} numbered list of {numbered} notes (witness {WITNESS_NUMBERED}), "
            f"paragraph k of the first sharing a substantial run of words with note [k] of the "
            f"second. They are reconciled into one note per number; the reading of "
            f"{base} is the text, being the more complete witness with fewer truncations and "
            f"malformed links, and every divergent reading of {other} is kept in a critical "
            f"apparatus (parallel segmentation), typed orthographic where only quotation marks or "
            f"apostrophes differ.",
        )
    else:
        how = {
            "footnote": "footnote definitions",
            "section": "the notes section"
            + (
                f" headed \u201c{inline_text(finder.headings[0].content).strip()}\u201d"
                if finder.headings
                else ""
            ),
            "trailing": "the list of marked notes after the text",
            "linked": "paragraphs the anchors link to",
            "unnumbered": "the paragraphs after the text, one for each anchor",
        }
        found = ", ".join(
            how[o]
            for o in ("footnote", "section", "trailing", "linked", "unnumbered")
            if o in origins
        )
        multi = sum(1 for n in doc.notes if n.paragraphs)
        doc.decide(
            "correction",
            f"The {len(doc.notes)} notes, found in {found}, are encoded as endnotes in the back "
            f"matter, each with the mark the transcript gives it in @n"
            + (f"; {multi} of them have more than one paragraph" if multi else "")
            + ".",
        )
    if finder.boilerplate:
        lines = ", ".join(str(b.line) for b in finder.boilerplate)
        doc.decide(
            "correction",
            f"Web-page boilerplate found among the notes (source lines {lines}) is not part of the "
            "text and is not encoded.",
        )
    unanchored = [n.label or str(n.n) for n in doc.notes if not n.anchors]
    if unanchored:
        doc.decide(
            "interpretation",
            f"Note(s) {', '.join(unanchored)} have no anchor in the text; they are kept in their "
            'place in the sequence and marked subtype="unanchored". No anchor has been '
            "conjectured.",
        )


__all__ = ["HTML_ID", "run"]
