"""Integrity rules: what schema/edition.xsd cannot express.

Each rule is a small function over a :class:`Document` that yields
:class:`~pipeline.errors.Diagnostic` values with one stable code; :data:`RULES` lists them in
the order they run. Rules must not fail on a schema-invalid tree: they skip what is missing
(the schema reports it) and check what is there.

Codes (E- errors fail validation, W- warnings are shown only):

========================  ==================================================================
E-REF                     a ``#id`` pointer (@ref, @target, @wit) resolves to nothing
E-REF-KIND                a pointer resolves to the wrong kind of element
E-REF-DOCUMENT            in a teiCorpus, a document's pointer leads into another document
E-ENTITY                  a name/title in the text refers to an entry missing from standOff
W-ENTITY-UNUSED           a standOff entry is never referred to
E-NOTE-NUMBER             numbered notes do not follow each other without gaps or duplicates
W-NOTE-NUMBER             the first numbered note is not 1 (an excerpt; warning)
E-NOTE-ID                 a note's xml:id is not "n" + its number (or its mark's letters and
                          symbol names)
E-NOTE-ANCHOR             a note is neither anchored (linked both ways) nor marked unanchored
W-NOTE-UNANCHORED         a note is marked subtype="unanchored" (kept, flagged)
E-ANCHOR                  a note anchor has no note pointing back, or breaks the anchor ids
E-EMPTY                   an empty p or head
E-DATE                    a date attribute is not ISO 8601, or a range is inverted
E-ID-SCHEME               an id breaks the structural scheme (sec-N, sec-2-A-p3, person-x)
E-ID-PREFIX               in a teiCorpus, an id lacks its document's prefix ("doc." + id)
E-CORPUS                  in a teiCorpus, a document is not listed once in the corpus header
E-IDNO                    an idno value does not have the form of its authority
E-CONSERVATION            the TEI does not conserve the text of its source transcript
========================  ==================================================================

A ``teiCorpus`` (dist/corpus.xml) is checked part by part (:mod:`.corpus`): every rule runs
on each document as on a master of its own, with the document prefix stripped from ids
where the structural scheme is compared (``a.sec-1`` is ``sec-1`` of document ``a``), and
once on the corpus header.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..conventions.dates import ISO_DATE, ISO_DESCRIPTION
from ..conventions.identifiers import idno_value, scheme_of
from ..conventions.ids import (
    ENTRY_NAME,
    INTRO_ID,
    NOTES_ID,
    WITNESS_PREFIX,
    note_id,
    paragraph_id,
    section_id,
    subsection_id,
    unique_id,
)
from ..conventions.kinds import AGENT_KINDS, KIND_NAMES, KINDS, MENTION_KINDS
from ..errors import Diagnostic, EditionError
from ..xmlsafe import TEI_NS, XML_ID, tei
from .corpus import SEPARATOR, CorpusPart
from .locate import Locator
from .schema import element_name

if TYPE_CHECKING:
    from ..convert.model import Document as Transcript

# --------------------------------------------------------------------------------------
# The document and what rules need to know about it
# --------------------------------------------------------------------------------------

POINTER_ATTRIBUTES = ("ref", "target", "wit")
ENTITY_ELEMENTS = MENTION_KINDS
#: the prefix of each kind of entry's ids: the kind itself, "wit" for a witness
ENTRY_PREFIXES = {**{kind: kind for kind in KIND_NAMES}, "witness": WITNESS_PREFIX}
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
#: Elements whose @from/@to are not dates (TEI att.citing: page ranges).
NOT_DATABLE = {"biblScope"}


_TEI_PREFIX = f"{{{TEI_NS}}}"


def local(element: etree._Element) -> str:
    """The local name of a TEI element ('' for other namespaces, comments and PIs)."""
    tag = element.tag
    # string slicing, not etree.QName: the rules ask this tens of thousands of times
    return tag[len(_TEI_PREFIX) :] if isinstance(tag, str) and tag.startswith(_TEI_PREFIX) else ""


def kind_of(element: etree._Element) -> str:
    """What an element is, in the terms the pointer rules use.

    ``person``, ``org``, ``place``, ``work`` (a bibl in listBibl), ``note`` (an endnote;
    other notes are ``descriptive note``), ``note anchor``, ``witness``, ``document`` (a
    TEI element, in a teiCorpus); otherwise the element's name.
    """
    name = local(element)
    if name == "TEI":
        return "document"
    parent = element.getparent()
    if name == "bibl" and parent is not None and local(parent) == "listBibl":
        return "work"
    if name == "note":
        return "note" if _in_back(element) else "descriptive note"
    if name == "ref" and element.get("type") == "noteAnchor":
        return "note anchor"
    return name or element_name(element)


def _in_back(element: etree._Element) -> bool:
    return next(element.iterancestors(tei("back")), None) is not None


@dataclass
class Document:
    """A parsed TEI file (or one part of a teiCorpus) and the indexes the rules share."""

    tree: etree._ElementTree
    locator: Locator
    source: Path | None = None
    #: the converter's reading of ``source``, when the caller has just converted it
    converted: Transcript | None = None
    #: ids declared in sibling files (the other registers), id -> kind, for cross-file pointers.
    foreign_ids: Mapping[str, str] = field(default_factory=dict)
    #: in a teiCorpus, the part the rules check (one document, or the corpus header);
    #: None for a file of its own.
    part: CorpusPart | None = None
    #: the ids pointers may resolve to: those of the document (or, for the corpus header,
    #: of the whole file: its list of documents points into them)
    ids: dict[str, etree._Element] = field(init=False)

    def __post_init__(self) -> None:
        scope = self.root if self.part is None or not self.part.is_header else self.tree.getroot()
        self.ids = {}
        for element in scope.iter():
            xml_id = element.get(XML_ID) if isinstance(element.tag, str) else None
            if xml_id is not None:
                self.ids.setdefault(xml_id, element)

    @property
    def root(self) -> etree._Element:
        """The element the rules check: the file's root, or the corpus part."""
        return self.part.element if self.part is not None else self.tree.getroot()

    @property
    def in_corpus(self) -> bool:
        """A document inside a teiCorpus (not the corpus header)."""
        return self.part is not None and not self.part.is_header

    @property
    def prefix(self) -> str:
        """What each inner id of a corpus document starts with ("a." in document 'a');
        '' elsewhere, and for a corpus document without xml:id."""
        if self.part is None or self.part.doc_id is None:
            return ""
        return self.part.doc_id + SEPARATOR

    def local_id(self, value: str | None) -> str | None:
        """An id as the structural scheme sees it: in a corpus document, without the
        document prefix. An id lacking the prefix is taken as it is (rule E-ID-PREFIX
        reports it, once); in a document without xml:id, the part after the first '.'."""
        if value is None or not self.in_corpus:
            return value
        if not self.prefix:
            return value.partition(SEPARATOR)[2] or value
        return value.removeprefix(self.prefix)

    def shown_id(self, local_id: str) -> str:
        """A structural id as it must appear in this file (with the prefix in a corpus)."""
        return self.prefix + local_id if self.in_corpus else local_id

    @property
    def path(self) -> str:
        return self.locator.path

    @property
    def text(self) -> etree._Element | None:
        return self.root.find(tei("text"))

    @property
    def is_register(self) -> bool:
        """An authority register: teiHeader and standOff, no text."""
        return local(self.root) == "TEI" and self.text is None

    @property
    def is_corpus_header(self) -> bool:
        return self.part is not None and self.part.is_header

    def endnotes(self) -> list[etree._Element]:
        return [n for n in self.root.iter(tei("note")) if kind_of(n) == "note"]

    def anchors(self) -> list[etree._Element]:
        return [r for r in self.root.iter(tei("ref")) if r.get("type") == "noteAnchor"]

    def error(self, element: etree._Element | None, message: str, code: str) -> Diagnostic:
        return Diagnostic(self.locator.at(element), message, "error", code)

    def warning(self, element: etree._Element | None, message: str, code: str) -> Diagnostic:
        return Diagnostic(self.locator.at(element), message, "warning", code)


@dataclass(frozen=True)
class Rule:
    """One integrity rule: its code, what it checks, and the function that checks it."""

    code: str
    summary: str
    check: Callable[[Document], Iterable[Diagnostic]]


def _pointers(value: str | None) -> list[str]:
    return value.split() if value else []


def _note_number(note: etree._Element) -> int | None:
    n = note.get("n", "")
    return int(n) if n.isdigit() and int(n) > 0 else None


# --------------------------------------------------------------------------------------
# Pointers and entities
# --------------------------------------------------------------------------------------


def expected_kinds(element: etree._Element, attribute: str) -> tuple[str, ...] | None:
    """The kinds a pointer in ``element/@attribute`` may lead to (None: anything)."""
    name = local(element)
    if attribute == "ref" and name in ENTITY_ELEMENTS:
        return (ENTITY_ELEMENTS[name],)
    if attribute == "ref" and name in ("author", "editor", "name"):
        return AGENT_KINDS
    if attribute == "target" and name == "ref" and element.get("type") == "noteAnchor":
        return ("note",)
    if attribute == "target" and kind_of(element) == "note":
        return ("note anchor",)
    if attribute == "target" and name == "relatedItem":
        return ("work",)
    if attribute == "target" and name == "ref" and _in_corpus_header(element):
        return ("document",)
    if attribute == "wit":
        return ("witness",)
    return None


def _in_corpus_header(element: etree._Element) -> bool:
    """Inside the teiHeader of a teiCorpus (not inside one of its documents)."""
    for ancestor in element.iterancestors():
        if local(ancestor) == "TEI":
            return False
        if local(ancestor) == "teiCorpus":
            return True
    return False


def _or(kinds: Iterable[str]) -> str:
    quoted = [f"'{k}'" for k in kinds]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


#: The elements that may hold a pointer, found by libxml2 (most elements hold none).
_WITH_POINTERS = etree.XPath(
    "descendant-or-self::*[" + " or ".join(f"@{a}" for a in POINTER_ATTRIBUTES) + "]"
)
_WITH_DATES = etree.XPath(
    "descendant-or-self::*[" + " or ".join(f"@{a}" for a in DATE_ATTRIBUTES) + "]"
)


def iter_local_pointers(doc: Document) -> Iterator[tuple[etree._Element, str, str]]:
    """(element, attribute, id) for every "#id" pointer in the document."""
    for element in _WITH_POINTERS(doc.root):
        if not local(element):
            continue
        for attribute in POINTER_ATTRIBUTES:
            for pointer in _pointers(element.get(attribute)):
                if pointer.startswith("#") and len(pointer) > 1:
                    yield element, attribute, pointer[1:]


def check_pointers(doc: Document) -> Iterator[Diagnostic]:
    """E-REF, E-REF-KIND, E-ENTITY: every "#id" pointer resolves, to the right kind."""
    for element, attribute, target_id in iter_local_pointers(doc):
        name = element_name(element)
        wanted = expected_kinds(element, attribute)
        target = doc.ids.get(target_id)
        if target is not None:
            found = kind_of(target)
        elif target_id in doc.foreign_ids:
            found = doc.foreign_ids[target_id]
        elif doc.part is not None and target_id in doc.part.owners:
            yield doc.error(
                element,
                f"pointer '#{target_id}' in @{attribute} of '{name}' leads into "
                f"{doc.part.owners[target_id]}; a document's pointers must stay within its own TEI",
                "E-REF-DOCUMENT",
            )
            continue
        else:
            if attribute == "ref" and local(element) in ENTITY_ELEMENTS:
                yield doc.error(
                    element,
                    f"'{name}' refers to '#{target_id}', which is not in standOff",
                    "E-ENTITY",
                )
            else:
                yield doc.error(
                    element,
                    f"pointer '#{target_id}' in @{attribute} of '{name}' does not resolve",
                    "E-REF",
                )
            continue
        if wanted is not None and found not in wanted:
            yield doc.error(
                element,
                f"pointer '#{target_id}' in @{attribute} of '{name}' leads to '{found}', expected "
                f"{_or(wanted)}",
                "E-REF-KIND",
            )


def _standoff_entries(doc: Document) -> list[etree._Element]:
    standoff = doc.root.find(tei("standOff"))
    if standoff is None:
        return []
    return [e for e in standoff.iter() if kind_of(e) in KIND_NAMES and e.get(XML_ID)]


def check_unused_entries(doc: Document) -> Iterator[Diagnostic]:
    """W-ENTITY-UNUSED: each standOff entry of an edition is referred to somewhere else."""
    if doc.is_register:
        return  # a register lists entries for many documents; none need be used here
    used: set[str] = set()
    for element, _attribute, target_id in iter_local_pointers(doc):
        entry = doc.ids.get(target_id)
        # A pointer from inside the entry itself does not make the entry used.
        if entry is not None and element is not entry and entry not in element.iterancestors():
            used.add(target_id)
    for entry in _standoff_entries(doc):
        if entry.get(XML_ID) not in used:
            yield doc.warning(
                entry,
                f"standOff entry '{entry.get(XML_ID)}' is not referred to in the document",
                "W-ENTITY-UNUSED",
            )


# --------------------------------------------------------------------------------------
# Notes and anchors
# --------------------------------------------------------------------------------------


def check_note_numbers(doc: Document) -> Iterator[Diagnostic]:
    """E-NOTE-NUMBER: numbered notes follow each other without gaps or repeats, in document
    order. A list may begin after 1 (an excerpt whose earlier notes are elsewhere; flagged
    W-NOTE-NUMBER); marks that are not numbers (letters, "*", "†") are not counted."""
    expected: int | None = None
    seen: dict[int, etree._Element] = {}
    for note in doc.endnotes():
        raw = note.get("n")
        if raw is None:
            continue  # the schema reports the missing @n
        number = _note_number(note)
        if number is None:
            if raw.isdigit():  # "0" or "00"
                yield doc.error(
                    note, f"note number '{raw}' is not a whole number from 1", "E-NOTE-NUMBER"
                )
            continue
        if number in seen:
            first = doc.locator.at(seen[number])
            yield doc.error(
                note,
                f"note number {number} is used twice (first at line {first.line})",
                "E-NOTE-NUMBER",
            )
            continue
        seen[number] = note
        if expected is None:
            if number > 1:
                yield doc.warning(
                    note,
                    f"the first note is numbered {number}; "
                    "the notes before it are not in this document",
                    "W-NOTE-NUMBER",
                )
        elif number > expected:
            missing = (
                f"note {expected} is"
                if number == expected + 1
                else f"notes {expected}-{number - 1} are"
            )
            yield doc.error(
                note,
                f"note {number} follows note {expected - 1}: {missing} missing",
                "E-NOTE-NUMBER",
            )
        elif number < expected:
            yield doc.error(
                note, f"note {number} is out of order (after note {expected - 1})", "E-NOTE-NUMBER"
            )
        expected = max(expected or 0, number + 1)


def check_note_ids(doc: Document) -> Iterator[Diagnostic]:
    """E-NOTE-ID: a note's xml:id comes from its mark: "n" and its number, else its letters
    and the names of its symbols ("n-ast" for "*"); a paragraph of a note is the note's id,
    "-p" and its position."""
    for note in doc.endnotes():
        xml_id, raw = note.get(XML_ID), note.get("n")
        if xml_id is None or raw is None:
            continue
        wanted = note_id(raw)
        if doc.local_id(xml_id) != wanted:
            expected = doc.shown_id(wanted)
            yield doc.error(
                note,
                f"note id '{xml_id}' does not match its number {raw} (expected '{expected}')",
                "E-NOTE-ID",
            )
            continue
        for index, paragraph in enumerate((p for p in note if local(p) == "p"), start=1):
            actual = paragraph.get(XML_ID)
            if actual is not None and doc.local_id(actual) != f"{wanted}-p{index}":
                yield doc.error(
                    paragraph,
                    f"paragraph id '{actual}' of note {raw} does not follow the id scheme; "
                    f"expected '{doc.shown_id(f'{wanted}-p{index}')}'",
                    "E-ID-SCHEME",
                )


def _is_unanchored(note: etree._Element) -> bool:
    return bool(note.get("subtype") == "unanchored")


def check_note_anchoring(doc: Document) -> Iterator[Diagnostic]:
    """E-NOTE-ANCHOR: each note lists its anchors, and each listed anchor points back to it;
    a note without anchors says so (subtype="unanchored")."""
    for note in doc.endnotes():
        label = f"note {note.get('n', '?')}"
        targets = _pointers(note.get("target"))
        if _is_unanchored(note):
            if targets:
                yield doc.error(
                    note, f"{label} is marked unanchored but has @target", "E-NOTE-ANCHOR"
                )
            continue
        if not targets:
            yield doc.error(
                note,
                f'{label} has no anchor: give it @target or subtype="unanchored"',
                "E-NOTE-ANCHOR",
            )
            continue
        seen: set[str] = set()
        for pointer in targets:
            if pointer in seen:
                yield doc.error(note, f"{label} lists anchor '{pointer}' twice", "E-NOTE-ANCHOR")
                continue
            seen.add(pointer)
            anchor = doc.ids.get(pointer[1:]) if pointer.startswith("#") else None
            if anchor is None or kind_of(anchor) != "note anchor":
                continue  # check_pointers reports it
            back = _pointers(anchor.get("target"))
            note_id = note.get(XML_ID)
            if note_id is not None and f"#{note_id}" not in back:
                yield doc.error(
                    note,
                    f"{label} lists anchor '{pointer[1:]}', which points to '{' '.join(back)}'",
                    "E-NOTE-ANCHOR",
                )


def check_unanchored_notes(doc: Document) -> Iterator[Diagnostic]:
    """W-NOTE-UNANCHORED: flag (not fail) each note the text has no anchor for."""
    for note in doc.endnotes():
        if _is_unanchored(note):
            yield doc.warning(
                note,
                f'note {note.get("n", "?")} has no anchor in the text (subtype="unanchored")',
                "W-NOTE-UNANCHORED",
            )


def check_anchors(doc: Document) -> Iterator[Diagnostic]:
    """E-ANCHOR: each anchor points to one note that points back to it; the k-th anchor of
    note N is ``nN-ref`` (k = 1) or ``nN-ref-k`` (after the note's own id: ``a.n1-ref`` in
    corpus document 'a'), with n="N" and the number as its text."""
    count: dict[str, int] = {}
    for anchor in doc.anchors():
        targets = _pointers(anchor.get("target"))
        anchor_id = anchor.get(XML_ID)
        if len(targets) != 1:
            if len(targets) > 1:
                yield doc.error(
                    anchor,
                    f"note anchor '{anchor_id or '?'}' points to {len(targets)} notes; it must "
                    "point to one",
                    "E-ANCHOR",
                )
            continue
        note = doc.ids.get(targets[0][1:]) if targets[0].startswith("#") else None
        if note is None or kind_of(note) != "note":
            continue  # check_pointers reports it
        number = note.get("n", "?")
        note_id = note.get(XML_ID, "")
        count[note_id] = count.get(note_id, 0) + 1
        k = count[note_id]
        expected_local = (
            f"{doc.local_id(note_id)}-ref" if k == 1 else f"{doc.local_id(note_id)}-ref-{k}"
        )
        expected_id = doc.shown_id(expected_local)
        if anchor_id is None:
            yield doc.error(
                anchor,
                f"note anchor of note {number} has no xml:id (expected '{expected_id}')",
                "E-ANCHOR",
            )
            continue
        if doc.local_id(anchor_id) != expected_local:
            yield doc.error(
                anchor,
                f"note anchor '{anchor_id}' should have xml:id '{expected_id}' (anchor {k} of note "
                f"{number})",
                "E-ANCHOR",
            )
        if _is_unanchored(note):
            yield doc.error(
                anchor,
                f"note anchor '{anchor_id}' points to note {number}, which is marked unanchored",
                "E-ANCHOR",
            )
        elif f"#{anchor_id}" not in _pointers(note.get("target")):
            yield doc.error(
                anchor,
                f"note anchor '{anchor_id}' points to note {number}, "
                "which does not point back to it",
                "E-ANCHOR",
            )
        # The number the reader sees (text) and @n must both be the note's number.
        shown = [v for v in (anchor.get("n"), "".join(anchor.itertext()).strip()) if v]
        wrong = next((v for v in shown if v != number), None)
        if wrong is not None:
            yield doc.error(
                anchor,
                f"note anchor '{anchor_id}' is numbered '{wrong}' but points to note {number}",
                "E-ANCHOR",
            )


# --------------------------------------------------------------------------------------
# Content, dates, identifiers
# --------------------------------------------------------------------------------------


def check_empty(doc: Document) -> Iterator[Diagnostic]:
    """E-EMPTY: every p and head has some text."""
    for element in doc.root.iter(tei("p"), tei("head")):
        if not "".join(element.itertext()).strip():
            yield doc.error(element, f"element '{local(element)}' is empty", "E-EMPTY")


def iso_bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    """The first and last day an ISO date of year, month or day precision covers, or None
    if ``value`` is not such a date (a calendar check: 1930-02-30 is not a date)."""
    match = ISO_DATE.fullmatch(value)
    if not match:
        return None
    year = int(match[1])
    if match[2] is None:
        return (year, 1, 1), (year, 12, 31)
    month = int(match[2])
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if match[3] is None:
        return (year, month, 1), (year, month, last)
    day = int(match[3])
    if not 1 <= day <= last:
        return None
    return (year, month, day), (year, month, day)


def check_dates(doc: Document) -> Iterator[Diagnostic]:
    """E-DATE: @when/@from/@to/@notBefore/@notAfter are ISO 8601 dates; a range does not end
    before it starts; @when stands alone, @from excludes @notBefore, @to excludes @notAfter
    (the TEI att.datable.w3c constraints)."""
    for element in _WITH_DATES(doc.root):
        if not local(element):
            continue
        names = (
            DATE_ATTRIBUTES
            if local(element) not in NOT_DATABLE
            else ("when", "notBefore", "notAfter")
        )
        present = {a: element.get(a) for a in names if element.get(a) is not None}
        if not present:
            continue
        name = element_name(element)
        bounds = {}
        for attribute, value in present.items():
            parsed = iso_bounds(value or "")
            if parsed is None:
                yield doc.error(
                    element,
                    f"attribute '{attribute}' of '{name}' is not {ISO_DESCRIPTION}: '{value}'",
                    "E-DATE",
                )
            else:
                bounds[attribute] = parsed
        if "when" in present and len(present) > 1:
            others = ", ".join(f"@{a}" for a in present if a != "when")
            yield doc.error(element, f"'{name}' has @when together with {others}", "E-DATE")
        for a, b in (("from", "notBefore"), ("to", "notAfter")):
            if a in present and b in present:
                yield doc.error(element, f"'{name}' has both @{a} and @{b}", "E-DATE")
        for start, end in (
            ("from", "to"),
            ("notBefore", "notAfter"),
            ("notBefore", "to"),
            ("from", "notAfter"),
        ):
            if start in bounds and end in bounds and bounds[start][0] > bounds[end][1]:
                yield doc.error(
                    element,
                    f"'{name}' ends before it starts: @{start}='{present[start]}' is after "
                    f"@{end}='{present[end]}'",
                    "E-DATE",
                )


def _expected_structure_ids(doc: Document) -> Iterator[tuple[etree._Element, str]]:
    """(element, the id the structural scheme gives it) for divisions and paragraphs.

    Children are expected under their parent's *actual* id, so one wrong division id is
    reported once, not again for each of its paragraphs and subsections.
    """
    text = doc.text
    if text is None:
        return
    taken: set[str] = set()
    divisions: list[tuple[etree._Element, str]] = []
    body = text.find(tei("body"))
    if body is not None:
        sections = [d for d in body if local(d) == "div"]

        def nested(parent: etree._Element, parent_id: str) -> None:
            base = doc.local_id(parent.get(XML_ID)) or parent_id
            for sub_position, subsection in enumerate(
                (d for d in parent if local(d) == "div"), start=1
            ):
                sub_id = unique_id(subsection_id(base, subsection.get("n") or sub_position), taken)
                divisions.append((subsection, sub_id))
                nested(subsection, sub_id)

        for position, section in enumerate(sections, start=1):
            expected = unique_id(section_id(section.get("n") or position), taken)
            divisions.append((section, expected))
            nested(section, expected)
    front = text.find(tei("front"))
    if front is not None:
        for intro in (d for d in front if local(d) == "div"):
            divisions.append((intro, unique_id(INTRO_ID, taken)))
    back = text.find(tei("back"))
    if back is not None:
        for notes in (d for d in back if local(d) == "div"):
            divisions.append((notes, unique_id(NOTES_ID, taken)))
    for division, division_id in divisions:
        yield division, division_id
        base = doc.local_id(division.get(XML_ID)) or division_id
        # a letter's postscript continues the numbering of its division's paragraphs
        paragraphs = [
            p
            for child in division
            for p in (
                [child] if local(child) == "p" else child if local(child) == "postscript" else []
            )
            if local(p) == "p"
        ]
        for position, paragraph in enumerate(paragraphs, start=1):
            yield paragraph, paragraph_id(base, position)


def check_id_scheme(doc: Document) -> Iterator[Diagnostic]:
    """E-ID-SCHEME: division and paragraph ids follow their place in the structure
    (sec-N or sec-<n>, sec-2-A, sec-2-A-p3, intro, intro-p1, notes); register entries and
    witnesses are ``person-``/``org-``/``place-``/``work-``/``wit-`` + lowercase ASCII.
    In a corpus document the ids are compared without the document prefix, and messages
    show them as they must appear in the file (``a.sec-1``)."""
    for element, expected in _expected_structure_ids(doc):
        actual = element.get(XML_ID)
        if actual is not None and doc.local_id(actual) != expected:
            kind = "paragraph" if local(element) == "p" else "div"
            shown = doc.shown_id(expected)
            yield doc.error(
                element,
                f"{kind} id '{actual}' does not follow the id scheme; expected '{shown}'",
                "E-ID-SCHEME",
            )
    for element in doc.root.iter(*(tei(k.entry_tag) for k in KINDS), tei("witness")):
        kind = kind_of(element)
        actual = element.get(XML_ID)
        if kind not in ENTRY_PREFIXES or actual is None:
            continue
        prefix = ENTRY_PREFIXES[kind]
        bare = doc.local_id(actual) or ""
        rest = bare[len(prefix) + 1 :] if bare.startswith(prefix + "-") else None
        if rest is None or not ENTRY_NAME.fullmatch(rest):
            yield doc.error(
                element,
                f"{kind} id '{actual}' does not follow the id scheme; expected "
                f"'{doc.shown_id(prefix + '-')}' and lowercase letters, digits, hyphens",
                "E-ID-SCHEME",
            )


def check_id_prefix(doc: Document) -> Iterator[Diagnostic]:
    """E-ID-PREFIX: in a teiCorpus, every id inside document 'a' starts with "a." (the
    export prefixes them so that ids stay unique in one file). A document none of whose ids
    carries the prefix is reported once, at its TEI; otherwise each id that lacks it."""
    if not doc.in_corpus or not doc.prefix:
        return  # a file of its own; or a corpus TEI without xml:id (the schema reports it)
    inner = [
        e
        for e in doc.root.iter()
        if isinstance(e.tag, str) and e is not doc.root and e.get(XML_ID) is not None
    ]
    lacking = [e for e in inner if not (e.get(XML_ID) or "").startswith(doc.prefix)]
    doc_id = doc.prefix[: -len(SEPARATOR)]
    if lacking and len(lacking) == len(inner):
        first = lacking[0]
        yield doc.error(
            doc.root,
            f"no id in document '{doc_id}' has the document prefix '{doc.prefix}' ({len(inner)} "
            f"ids; the first, '{first.get(XML_ID)}', at line {doc.locator.at(first).line})",
            "E-ID-PREFIX",
        )
        return
    for element in lacking:
        yield doc.error(
            element,
            f"id '{element.get(XML_ID)}' lacks the prefix '{doc.prefix}' of its document "
            f"'{doc_id}'",
            "E-ID-PREFIX",
        )


def check_corpus_listing(doc: Document) -> Iterator[Diagnostic]:
    """E-CORPUS: the corpus header's sourceDesc lists every document of the teiCorpus once
    (a bibl whose ref points to the TEI). A listed id that names no document is E-REF or
    E-REF-KIND (check_pointers)."""
    if not doc.is_corpus_header:
        return
    listed: dict[str, etree._Element] = {}
    for ref in doc.root.iterfind(
        f"{tei('fileDesc')}/{tei('sourceDesc')}/{tei('bibl')}/{tei('ref')}"
    ):
        target = (ref.get("target") or "").strip()
        if not target.startswith("#"):
            continue  # the schema requires a '#id' pointer
        if target[1:] in listed:
            yield doc.error(
                ref, f"document '{target[1:]}' is listed twice in the corpus header", "E-CORPUS"
            )
        listed.setdefault(target[1:], ref)
    corpus = doc.root.getparent()
    for document in corpus.iterchildren(tei("TEI")) if corpus is not None else ():
        doc_id = document.get(XML_ID)
        if doc_id is not None and doc_id not in listed:
            yield doc.error(
                document,
                f"document '{doc_id}' is not listed in the corpus header (sourceDesc has no bibl "
                f"with ref target '#{doc_id}')",
                "E-CORPUS",
            )


#: The form of an identifier in each authority (GND: the format published for GND ids).
def check_idno(doc: Document) -> Iterator[Diagnostic]:
    """E-IDNO: an idno has the form its @type's authority uses (@type in any case)."""
    for idno in doc.root.iter(tei("idno")):
        scheme = scheme_of(idno)
        if scheme is None:
            continue  # no or unknown @type: the schema reports it
        value = idno_value(idno)
        if not scheme.matches(value):
            yield doc.error(
                idno,
                f"idno of type '{idno.get('type')}' is not {scheme.description}: '{value}'",
                "E-IDNO",
            )


# --------------------------------------------------------------------------------------
# Text conservation against the source transcript
# --------------------------------------------------------------------------------------


def check_source_text(doc: Document) -> Iterable[Diagnostic]:
    """When the transcript is given, every word of it must be in the TEI (conservation.py)."""
    if doc.source is None:
        return []
    from .conservation import check_conservation

    try:
        return check_conservation(doc.tree, doc.path, doc.source, converted=doc.converted)
    except EditionError as exc:  # the transcript itself is unreadable or misconfigured
        return [
            Diagnostic(
                exc.location,
                f"cannot check text conservation: {exc.message}",
                "error",
                "E-CONSERVATION",
            )
        ]


RULES: tuple[Rule, ...] = (
    Rule(
        "E-REF",
        "pointers (@ref, @target, @wit) resolve, to the right kind of element; names and titles "
        "refer to standOff entries; in a teiCorpus, a document's pointers stay within its own TEI "
        "(E-REF-DOCUMENT)",
        check_pointers,
    ),
    Rule("W-ENTITY-UNUSED", "every standOff entry is referred to (warning)", check_unused_entries),
    Rule(
        "E-NOTE-NUMBER",
        "numbered notes follow each other in order, without gaps or duplicates (W-NOTE-NUMBER: the "
        "first is not 1)",
        check_note_numbers,
    ),
    Rule(
        "E-NOTE-ID",
        "a note's xml:id is n + its number (n-ast for '*'); its paragraphs nN-p1, nN-p2 ...",
        check_note_ids,
    ),
    Rule(
        "E-NOTE-ANCHOR",
        "every note is anchored and linked both ways, or marked unanchored",
        check_note_anchoring,
    ),
    Rule(
        "W-NOTE-UNANCHORED", "notes marked unanchored are flagged (warning)", check_unanchored_notes
    ),
    Rule(
        "E-ANCHOR",
        "every anchor has a note pointing back; anchor ids nN-ref, nN-ref-2 ...",
        check_anchors,
    ),
    Rule("E-EMPTY", "no empty p or head", check_empty),
    Rule("E-DATE", "date attributes are ISO 8601; ranges are consistent", check_dates),
    Rule(
        "E-ID-SCHEME",
        "ids follow the structural scheme and the register prefixes (in a teiCorpus: after the "
        "document prefix)",
        check_id_scheme,
    ),
    Rule(
        "E-ID-PREFIX",
        "in a teiCorpus, every id inside a document starts with the document's id and '.'",
        check_id_prefix,
    ),
    Rule(
        "E-CORPUS",
        "in a teiCorpus, the corpus header lists every document once",
        check_corpus_listing,
    ),
    Rule("E-IDNO", "idno values have the form of their authority", check_idno),
    Rule(
        "E-CONSERVATION",
        "every word of the source transcript is in the TEI, in order (when a source is given)",
        check_source_text,
    ),
)


def check_rules(doc: Document, rules: Iterable[Rule] = RULES) -> list[Diagnostic]:
    """Run the rules in order; each rule's findings in document order."""
    found: list[Diagnostic] = []
    for rule in rules:
        found.extend(rule.check(doc))
    return found
