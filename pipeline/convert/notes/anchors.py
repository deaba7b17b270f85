"""Linking the note anchors of the text to the notes, and giving back what is no anchor.

The reader marks every possible anchor tentatively (:mod:`pipeline.convert.inline`). Here
each is linked or given back its own reading, by evidence, strongest first:

1. a footnote reference (``[^x]``) names its definition;
2. a link to a fragment (``<a href="#fw1">``, ``[\\[2\\]](#n2)``) leads to the note that has
   that HTML id;
3. otherwise the mark (``[1]``, ``<sup>1</sup>``, ``(1)``, ``*``) matches a note's label,
   unless it is glued to the next word (``<sup>14</sup>C`` is carbon-14, not note 14), or
   the note already has an anchor of a stronger kind (a document that links its notes does
   not also mark them with bare numbers).

Example::

    "absolute'[^1] dating" + footnote 1
        -> <ref type="noteAnchor" xml:id="n1-ref" target="#n1" n="1">
    "x<sup>2</sup> units", no note 2
        -> x<hi rend="superscript">2</hi> units
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...errors import EditionError
from ..inline import FORM, HREF, HTML_ID, is_anchor
from ..model import Block, Document, Inline, Note, Span

#: Forms that are anchors whatever follows: their syntax says so. Without a note they are an
#: error in the transcript, reported, never silently turned into text.
EXPLICIT = frozenset(["footnote", "footnote-text", "sup-bracket"])
#: Forms whose link or class makes them anchors when a note answers.
STRONG = frozenset(["footnote", "link", "noteref"])


@dataclass
class Candidate:
    span: Span
    block: Block
    glued: bool  # a letter or digit follows it directly

    @property
    def form(self) -> str:
        return self.span.attrs.get(FORM, "")

    @property
    def label(self) -> str:
        return self.span.attrs["n"]

    @property
    def line(self) -> int:
        return self.span.line or self.block.line


def candidates(blocks: list[Block]) -> list[Candidate]:
    """Every tentative anchor in ``blocks``, in text order."""
    found: list[Candidate] = []
    for block in blocks:
        for span, glued in _walk(block.content):
            found.append(Candidate(span, block, glued))
    return found


def _walk(items: list[Inline]) -> Iterator[tuple[Span, bool]]:
    for index, item in enumerate(items):
        if not isinstance(item, Span):
            continue
        if is_anchor(item) and FORM in item.attrs:
            after = items[index + 1] if index + 1 < len(items) else ""
            glued = isinstance(after, str) and bool(after) and after[0].isalnum()
            yield item, glued
        else:
            yield from _walk(item.children)


def _matches_fragment(fragment: str, ids: list[str]) -> bool:
    if not fragment:
        return False
    for html_id in ids:
        if (
            html_id == fragment
            or html_id.endswith("#" + fragment)
            or fragment.endswith("#" + html_id)
        ):
            return True
    return False


def link(doc: Document, found: list[Candidate]) -> None:
    """Link each candidate to its note or give it back its reading; raise for an explicit
    anchor that no note answers."""
    notes = doc.notes
    by_footnote = {note.footnote: note for note in notes if note.footnote}
    by_label: dict[str, list[Note]] = {}
    for listed in notes:
        by_label.setdefault(listed.label, []).append(listed)
    chosen: dict[int, Note] = {}
    strong_form: dict[int, str] = {}  # note position -> the form of its strong anchor
    # strong evidence first: footnote identifiers and link fragments
    for index, cand in enumerate(found):
        note: Note | None = None
        if cand.form == "footnote":
            note = by_footnote.get(cand.label)
        if note is None and cand.span.attrs.get(HREF):
            note = next((n for n in notes if _matches_fragment(cand.span.attrs[HREF], n.ids)), None)
        if note is not None:
            chosen[index] = note
            strong_form.setdefault(note.n, cand.form)
    # then marks that match a label
    for index, cand in enumerate(found):
        if index in chosen:
            continue
        options = by_label.get(cand.label, [])
        if not options or (cand.glued and cand.form not in EXPLICIT):
            continue
        nearest = _nearest(options, cand)
        if (
            nearest.n in strong_form
            and strong_form[nearest.n] != cand.form
            and cand.form not in STRONG
        ):
            continue  # the note is linked by a stronger kind of anchor: this mark is text
        chosen[index] = nearest
    for index, cand in enumerate(found):
        if index not in chosen:
            _give_back(doc, cand, notes)
            continue
        note = chosen[index]
        anchor_id = (
            f"{note.xml_id}-ref"
            if not note.anchors
            else f"{note.xml_id}-ref-{len(note.anchors) + 1}"
        )
        note.anchors.append(anchor_id)
        label = note.label or str(note.n)
        cand.span.attrs = {
            "type": "noteAnchor",
            "xml:id": anchor_id,
            "target": f"#{note.xml_id}",
            "n": label,
        }
        cand.span.children = [label]
        cand.span.fallback = None


def _nearest(options: list[Note], cand: Candidate) -> Note:
    """Of notes sharing a label, the first after the anchor (footnotes follow their
    paragraph), else the last before it."""
    after = [n for n in options if n.line >= cand.line and not n.anchors]
    if after:
        return after[0]
    free = [n for n in options if not n.anchors]
    return free[-1] if free else options[0]


def _give_back(doc: Document, cand: Candidate, notes: list[Note]) -> None:
    span = cand.span
    if cand.form in EXPLICIT:
        shown = f"[^{cand.label}]" if cand.form.startswith("footnote") else f"[{cand.label}]"
        known = (
            f"notes run {notes[0].label}-{notes[-1].label}"
            if notes
            else "the transcript has no notes"
        )
        raise EditionError(doc.where(cand.line), f"note anchor {shown} has no note ({known})")
    if cand.form in ("link", "noteref"):
        doc.warn(
            cand.line,
            f"a link marked like a note anchor ({cand.label!r} to #{span.attrs.get(HREF, '')}) "
            "leads to no note; kept as a link",
            "W-ANCHOR",
        )
    give_back_all(doc, [cand])


def give_back_all(doc: Document, found: list[Candidate]) -> None:
    """Give every candidate its own reading back (marks where no anchor can be)."""
    for cand in found:
        replacement = list(cand.span.fallback or [cand.label])
        cand.span.tag = "_html"
        cand.span.attrs = (
            {HTML_ID: cand.span.attrs[HTML_ID]} if cand.span.attrs.get(HTML_ID) else {}
        )
        cand.span.children = replacement
        cand.span.fallback = None
