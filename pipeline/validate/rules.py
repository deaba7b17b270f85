"""Integrity rules: what schema/edition.xsd cannot express.

Each rule is a small function over a :class:`Document` that yields
:class:`~pipeline.errors.Diagnostic` values with one stable code; :data:`RULES` lists them in
the order they run. Rules must not fail on a schema-invalid tree: they skip what is missing
(the schema reports it) and check what is there.

Codes (E- errors fail validation, W- warnings are shown only):

========================  ==================================================================
E-REF                     a ``#id`` pointer (@ref, @target, @wit) resolves to nothing
E-REF-KIND                a pointer resolves to the wrong kind of element
E-ENTITY                  a name/title in the text refers to an entry missing from standOff
W-ENTITY-UNUSED           a standOff entry is never referred to
E-NOTE-NUMBER             notes are not numbered 1..N in order, without gaps or duplicates
E-NOTE-ID                 a note's xml:id is not "n" + its @n
E-NOTE-ANCHOR             a note is neither anchored (linked both ways) nor marked unanchored
W-NOTE-UNANCHORED         a note is marked subtype="unanchored" (kept, flagged)
E-ANCHOR                  a note anchor has no note pointing back, or breaks the anchor ids
E-EMPTY                   an empty p or head
E-DATE                    a date attribute is not ISO 8601, or a range is inverted
E-ID-SCHEME               an id breaks the structural scheme (sec-N, sec-2-A-p3, person-x)
E-IDNO                    an idno value does not have the form of its authority
E-CONSERVATION            the TEI does not conserve the text of its source transcript
========================  ==================================================================
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import Diagnostic, EditionError
from ..xmlsafe import TEI_NS, XML_ID, tei
from .locate import Locator
from .schema import element_name

# --------------------------------------------------------------------------------------
# The document and what rules need to know about it
# --------------------------------------------------------------------------------------

POINTER_ATTRIBUTES = ("ref", "target", "wit")
ENTITY_ELEMENTS = {"persName": "person", "orgName": "org", "placeName": "place", "title": "work", "rs": "work"}
ENTRY_PREFIXES = {"person": "person", "org": "org", "place": "place", "work": "work", "witness": "wit"}
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
#: Elements whose @from/@to are not dates (TEI att.citing: page ranges).
NOT_DATABLE = {"biblScope"}


def local(element: etree._Element) -> str:
    """The local name of a TEI element ('' for other namespaces, comments and PIs)."""
    if not isinstance(element.tag, str):
        return ""
    qname = etree.QName(element)
    return qname.localname if qname.namespace == TEI_NS else ""


def kind_of(element: etree._Element) -> str:
    """What an element is, in the terms the pointer rules use.

    ``person``, ``org``, ``place``, ``work`` (a bibl in listBibl), ``note`` (an endnote;
    other notes are ``descriptive note``), ``note anchor``, ``witness``; otherwise the
    element's name.
    """
    name = local(element)
    parent = element.getparent()
    if name == "bibl" and parent is not None and local(parent) == "listBibl":
        return "work"
    if name == "note":
        return "note" if _in_back(element) else "descriptive note"
    if name == "ref" and element.get("type") == "noteAnchor":
        return "note anchor"
    return name or element_name(element)


def _in_back(element: etree._Element) -> bool:
    return any(local(a) == "back" for a in element.iterancestors())


@dataclass
class Document:
    """A parsed TEI file and the indexes the rules share."""

    tree: etree._ElementTree
    locator: Locator
    source: Path | None = None
    #: ids declared in sibling files (the other registers), id -> kind, for cross-file pointers.
    foreign_ids: Mapping[str, str] = field(default_factory=dict)
    ids: dict[str, etree._Element] = field(init=False)

    def __post_init__(self) -> None:
        self.ids = {}
        for element in self.root.iter():
            xml_id = element.get(XML_ID) if isinstance(element.tag, str) else None
            if xml_id is not None:
                self.ids.setdefault(xml_id, element)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def path(self) -> str:
        return self.locator.path

    @property
    def text(self) -> etree._Element | None:
        return self.root.find(tei("text"))

    @property
    def is_register(self) -> bool:
        """An authority register: teiHeader and standOff, no text."""
        return self.text is None

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
    return int(n) if n.isdigit() else None


# --------------------------------------------------------------------------------------
# Pointers and entities
# --------------------------------------------------------------------------------------


def expected_kinds(element: etree._Element, attribute: str) -> tuple[str, ...] | None:
    """The kinds a pointer in ``element/@attribute`` may lead to (None: anything)."""
    name = local(element)
    if attribute == "ref" and name in ENTITY_ELEMENTS:
        return (ENTITY_ELEMENTS[name],)
    if attribute == "ref" and name in ("author", "editor", "name"):
        return ("person", "org")
    if attribute == "target" and name == "ref" and element.get("type") == "noteAnchor":
        return ("note",)
    if attribute == "target" and kind_of(element) == "note":
        return ("note anchor",)
    if attribute == "target" and name == "relatedItem":
        return ("work",)
    if attribute == "wit":
        return ("witness",)
    return None


def _or(kinds: Iterable[str]) -> str:
    quoted = [f"'{k}'" for k in kinds]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def iter_local_pointers(doc: Document) -> Iterator[tuple[etree._Element, str, str]]:
    """(element, attribute, id) for every "#id" pointer in the document."""
    for element in doc.root.iter():
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
        else:
            if attribute == "ref" and local(element) in ENTITY_ELEMENTS:
                yield doc.error(element, f"'{name}' refers to '#{target_id}', which is not in standOff", "E-ENTITY")
            else:
                yield doc.error(element, f"pointer '#{target_id}' in @{attribute} of '{name}' does not resolve", "E-REF")
            continue
        if wanted is not None and found not in wanted:
            yield doc.error(
                element,
                f"pointer '#{target_id}' in @{attribute} of '{name}' leads to '{found}', expected {_or(wanted)}",
                "E-REF-KIND",
            )


def _standoff_entries(doc: Document) -> list[etree._Element]:
    standoff = doc.root.find(tei("standOff"))
    if standoff is None:
        return []
    return [e for e in standoff.iter() if kind_of(e) in ("person", "org", "place", "work") and e.get(XML_ID)]


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
            yield doc.warning(entry, f"standOff entry '{entry.get(XML_ID)}' is not referred to in the document", "W-ENTITY-UNUSED")


# --------------------------------------------------------------------------------------
# Notes and anchors
# --------------------------------------------------------------------------------------


def check_note_numbers(doc: Document) -> Iterator[Diagnostic]:
    """E-NOTE-NUMBER: notes are numbered 1..N in document order, no gaps, no duplicates."""
    expected = 1
    seen: dict[int, etree._Element] = {}
    for note in doc.endnotes():
        raw = note.get("n")
        if raw is None:
            continue  # the schema reports the missing @n
        number = _note_number(note)
        if number is None or number == 0:
            yield doc.error(note, f"note number '{raw}' is not a whole number from 1", "E-NOTE-NUMBER")
            continue
        if number in seen:
            first = doc.locator.at(seen[number])
            yield doc.error(note, f"note number {number} is used twice (first at line {first.line})", "E-NOTE-NUMBER")
            continue
        seen[number] = note
        if number > expected == 1:
            yield doc.error(note, f"the first note is numbered {number}; numbering starts at 1", "E-NOTE-NUMBER")
        elif number > expected:
            missing = f"note {expected} is" if number == expected + 1 else f"notes {expected}-{number - 1} are"
            yield doc.error(note, f"note {number} follows note {expected - 1}: {missing} missing", "E-NOTE-NUMBER")
        elif number < expected:
            yield doc.error(note, f"note {number} is out of order (after note {expected - 1})", "E-NOTE-NUMBER")
        expected = max(expected, number + 1)


def check_note_ids(doc: Document) -> Iterator[Diagnostic]:
    """E-NOTE-ID: a note's xml:id is "n" followed by its number."""
    for note in doc.endnotes():
        xml_id, raw = note.get(XML_ID), note.get("n")
        if xml_id is None or raw is None:
            continue
        if xml_id != f"n{raw}":
            yield doc.error(note, f"note id '{xml_id}' does not match its number {raw} (expected 'n{raw}')", "E-NOTE-ID")


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
                yield doc.error(note, f"{label} is marked unanchored but has @target", "E-NOTE-ANCHOR")
            continue
        if not targets:
            yield doc.error(note, f'{label} has no anchor: give it @target or subtype="unanchored"', "E-NOTE-ANCHOR")
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
                    note, f"{label} lists anchor '{pointer[1:]}', which points to '{' '.join(back)}'", "E-NOTE-ANCHOR"
                )


def check_unanchored_notes(doc: Document) -> Iterator[Diagnostic]:
    """W-NOTE-UNANCHORED: flag (not fail) each note the text has no anchor for."""
    for note in doc.endnotes():
        if _is_unanchored(note):
            yield doc.warning(note, f'note {note.get("n", "?")} has no anchor in the text (subtype="unanchored")', "W-NOTE-UNANCHORED")


def check_anchors(doc: Document) -> Iterator[Diagnostic]:
    """E-ANCHOR: each anchor points to one note that points back to it; the k-th anchor of
    note N is ``nN-ref`` (k = 1) or ``nN-ref-k``, with n="N" and the number as its text."""
    count: dict[str, int] = {}
    for anchor in doc.anchors():
        targets = _pointers(anchor.get("target"))
        anchor_id = anchor.get(XML_ID)
        if len(targets) != 1:
            if len(targets) > 1:
                yield doc.error(anchor, f"note anchor '{anchor_id or '?'}' points to {len(targets)} notes; it must point to one", "E-ANCHOR")
            continue
        note = doc.ids.get(targets[0][1:]) if targets[0].startswith("#") else None
        if note is None or kind_of(note) != "note":
            continue  # check_pointers reports it
        number = note.get("n", "?")
        note_id = note.get(XML_ID, "")
        count[note_id] = count.get(note_id, 0) + 1
        k = count[note_id]
        expected_id = f"{note_id}-ref" if k == 1 else f"{note_id}-ref-{k}"
        if anchor_id is None:
            yield doc.error(anchor, f"note anchor of note {number} has no xml:id (expected '{expected_id}')", "E-ANCHOR")
            continue
        if anchor_id != expected_id:
            yield doc.error(anchor, f"note anchor '{anchor_id}' should have xml:id '{expected_id}' (anchor {k} of note {number})", "E-ANCHOR")
        if _is_unanchored(note):
            yield doc.error(anchor, f"note anchor '{anchor_id}' points to note {number}, which is marked unanchored", "E-ANCHOR")
        elif f"#{anchor_id}" not in _pointers(note.get("target")):
            yield doc.error(anchor, f"note anchor '{anchor_id}' points to note {number}, which does not point back to it", "E-ANCHOR")
        # The number the reader sees (text) and @n must both be the note's number.
        shown = [v for v in (anchor.get("n"), "".join(anchor.itertext()).strip()) if v]
        wrong = next((v for v in shown if v != number), None)
        if wrong is not None:
            yield doc.error(anchor, f"note anchor '{anchor_id}' is numbered '{wrong}' but points to note {number}", "E-ANCHOR")


# --------------------------------------------------------------------------------------
# Content, dates, identifiers
# --------------------------------------------------------------------------------------


def check_empty(doc: Document) -> Iterator[Diagnostic]:
    """E-EMPTY: every p and head has some text."""
    for element in doc.root.iter(tei("p"), tei("head")):
        if not "".join(element.itertext()).strip():
            yield doc.error(element, f"element '{local(element)}' is empty", "E-EMPTY")


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
ISO_DESCRIPTION = "an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"


def iso_bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    """The first and last day an ISO date of year, month or day precision covers, or None
    if ``value`` is not such a date (a calendar check: 1930-02-30 is not a date)."""
    match = _ISO.fullmatch(value)
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
    for element in doc.root.iter():
        if not local(element):
            continue
        names = DATE_ATTRIBUTES if local(element) not in NOT_DATABLE else ("when", "notBefore", "notAfter")
        present = {a: element.get(a) for a in names if element.get(a) is not None}
        if not present:
            continue
        name = element_name(element)
        bounds = {}
        for attribute, value in present.items():
            parsed = iso_bounds(value or "")
            if parsed is None:
                yield doc.error(element, f"attribute '{attribute}' of '{name}' is not {ISO_DESCRIPTION}: '{value}'", "E-DATE")
            else:
                bounds[attribute] = parsed
        if "when" in present and len(present) > 1:
            others = ", ".join(f"@{a}" for a in present if a != "when")
            yield doc.error(element, f"'{name}' has @when together with {others}", "E-DATE")
        for a, b in (("from", "notBefore"), ("to", "notAfter")):
            if a in present and b in present:
                yield doc.error(element, f"'{name}' has both @{a} and @{b}", "E-DATE")
        for start, end in (("from", "to"), ("notBefore", "notAfter"), ("notBefore", "to"), ("from", "notAfter")):
            if start in bounds and end in bounds and bounds[start][0] > bounds[end][1]:
                yield doc.error(
                    element, f"'{name}' ends before it starts: @{start}='{present[start]}' is after @{end}='{present[end]}'", "E-DATE"
                )


def _unique(candidate: str, taken: set[str]) -> str:
    """The converter's rule for colliding ids: sec-III, then sec-III-2, sec-III-3 ..."""
    base, k = candidate, 2
    while candidate in taken:
        candidate = f"{base}-{k}"
        k += 1
    taken.add(candidate)
    return candidate


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
        for position, section in enumerate(sections, start=1):
            section_id = _unique(f"sec-{section.get('n') or position}", taken)
            divisions.append((section, section_id))
            base = section.get(XML_ID) or section_id
            subsections = [d for d in section if local(d) == "div"]
            for sub_position, subsection in enumerate(subsections, start=1):
                divisions.append((subsection, _unique(f"{base}-{subsection.get('n') or sub_position}", taken)))
    front = text.find(tei("front"))
    if front is not None:
        for intro in (d for d in front if local(d) == "div"):
            divisions.append((intro, _unique("intro", taken)))
    back = text.find(tei("back"))
    if back is not None:
        for notes in (d for d in back if local(d) == "div"):
            divisions.append((notes, _unique("notes", taken)))
    for division, division_id in divisions:
        yield division, division_id
        base = division.get(XML_ID) or division_id
        paragraphs = [p for p in division if local(p) == "p"]
        for position, paragraph in enumerate(paragraphs, start=1):
            yield paragraph, f"{base}-p{position}"


_ENTRY_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def check_id_scheme(doc: Document) -> Iterator[Diagnostic]:
    """E-ID-SCHEME: division and paragraph ids follow their place in the structure
    (sec-N or sec-<n>, sec-2-A, sec-2-A-p3, intro, intro-p1, notes); register entries and
    witnesses are ``person-``/``org-``/``place-``/``work-``/``wit-`` + lowercase ASCII."""
    for element, expected in _expected_structure_ids(doc):
        actual = element.get(XML_ID)
        if actual is not None and actual != expected:
            kind = "paragraph" if local(element) == "p" else "div"
            yield doc.error(element, f"{kind} id '{actual}' does not follow the id scheme; expected '{expected}'", "E-ID-SCHEME")
    for element in doc.root.iter(tei("person"), tei("org"), tei("place"), tei("bibl"), tei("witness")):
        kind = kind_of(element)
        actual = element.get(XML_ID)
        if kind not in ENTRY_PREFIXES or actual is None:
            continue
        prefix = ENTRY_PREFIXES[kind]
        rest = actual[len(prefix) + 1 :] if actual.startswith(prefix + "-") else None
        if rest is None or not _ENTRY_ID.fullmatch(rest):
            yield doc.error(
                element,
                f"{kind} id '{actual}' does not follow the id scheme; expected '{prefix}-' and lowercase letters, digits, hyphens",
                "E-ID-SCHEME",
            )


#: The form of an identifier in each authority (GND: the format published for GND ids).
IDNO_FORMS: dict[str, tuple[re.Pattern[str], str]] = {
    "wikidata": (re.compile(r"Q[1-9]\d*"), "a Wikidata item id (Q followed by digits)"),
    "viaf": (re.compile(r"[1-9]\d{1,21}"), "a VIAF id (2 to 22 digits)"),
    "gnd": (
        re.compile(r"1[012]?\d{7}[0-9X]|[47]\d{6}-\d|[1-9]\d{0,7}-[0-9X]|3\d{7}[0-9X]"),
        "a GND id (for example 118623761 or 4004733-1)",
    ),
    "url": (re.compile(r"https?://\S+"), "an http or https URL"),
    "local": (re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*"), "a local identifier (lowercase letters, digits, '-', '_', '.')"),
}


def check_idno(doc: Document) -> Iterator[Diagnostic]:
    """E-IDNO: an idno has the form its @type's authority uses."""
    for idno in doc.root.iter(tei("idno")):
        form = IDNO_FORMS.get(idno.get("type", ""))
        if form is None:
            continue  # no or unknown @type: the schema reports it
        value = "".join(idno.itertext()).strip()
        pattern, description = form
        if not pattern.fullmatch(value):
            yield doc.error(idno, f"idno of type '{idno.get('type')}' is not {description}: '{value}'", "E-IDNO")


# --------------------------------------------------------------------------------------
# Text conservation against the source transcript
# --------------------------------------------------------------------------------------


def check_source_text(doc: Document) -> Iterable[Diagnostic]:
    """When the transcript is given, every word of it must be in the TEI (conservation.py)."""
    if doc.source is None:
        return []
    from .conservation import check_conservation

    try:
        return check_conservation(doc.tree, doc.path, doc.source)
    except EditionError as exc:  # the transcript itself is unreadable or misconfigured
        return [Diagnostic(exc.location, f"cannot check text conservation: {exc.message}", "error", "E-CONSERVATION")]


RULES: tuple[Rule, ...] = (
    Rule("E-REF", "pointers (@ref, @target, @wit) resolve, to the right kind of element; names and titles refer to standOff entries", check_pointers),
    Rule("W-ENTITY-UNUSED", "every standOff entry is referred to (warning)", check_unused_entries),
    Rule("E-NOTE-NUMBER", "notes are numbered 1..N in order, without gaps or duplicates", check_note_numbers),
    Rule("E-NOTE-ID", "a note's xml:id is n + its number", check_note_ids),
    Rule("E-NOTE-ANCHOR", "every note is anchored and linked both ways, or marked unanchored", check_note_anchoring),
    Rule("W-NOTE-UNANCHORED", "notes marked unanchored are flagged (warning)", check_unanchored_notes),
    Rule("E-ANCHOR", "every anchor has a note pointing back; anchor ids nN-ref, nN-ref-2 ...", check_anchors),
    Rule("E-EMPTY", "no empty p or head", check_empty),
    Rule("E-DATE", "date attributes are ISO 8601; ranges are consistent", check_dates),
    Rule("E-ID-SCHEME", "ids follow the structural scheme and the register prefixes", check_id_scheme),
    Rule("E-IDNO", "idno values have the form of their authority", check_idno),
    Rule("E-CONSERVATION", "every word of the source transcript is in the TEI, in order (when a source is given)", check_source_text),
)


def check_rules(doc: Document, rules: Iterable[Rule] = RULES) -> list[Diagnostic]:
    """Run the rules in order; each rule's findings in document order."""
    found: list[Diagnostic] = []
    for rule in rules:
        found.extend(rule.check(doc))
    return found
