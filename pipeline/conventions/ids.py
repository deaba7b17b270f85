"""The id scheme: identifiers the converter makes and the rules check (notes, sections, registry
entries)."""

from __future__ import annotations

import re

from .kinds import KIND_NAMES


def unique_id(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3`` ... if taken; records the one returned.

    >>> taken = {"sec-III"}
    >>> unique_id("sec-III", taken)
    'sec-III-2'
    """
    base, k = candidate, 2
    while candidate in taken:
        candidate = f"{base}-{k}"
        k += 1
    taken.add(candidate)
    return candidate


#: How the symbols notes are marked with are spelled in ids (an id cannot hold "*" or "†").
SYMBOL_NAMES = {
    "*": "ast",
    "†": "dag",
    "‡": "ddag",
    "§": "sect",
    "‖": "par",
    "¶": "para",
    "#": "num",
}


def note_id(label: str) -> str:
    """The id of a note, from its mark: "n" and its number ("05" -> "n5"), else its letters
    and the names of its symbols ("*" -> "n-ast", "2*" -> "n2-ast", "A" -> "nA").

    >>> note_id("12"), note_id("05"), note_id("*"), note_id("2*"), note_id("iv")
    ('n12', 'n5', 'n-ast', 'n2-ast', 'niv')
    """
    if label.isdigit():
        return f"n{int(label)}"
    head = label.rstrip("".join(SYMBOL_NAMES))
    symbols = label[len(head) :]
    stem = str(int(head)) if head.isdigit() else head
    names = "-".join(SYMBOL_NAMES[c] for c in symbols)
    return f"n{stem}-{names}" if stem and names else f"n{stem}" if stem else f"n-{names}"


#: What follows the prefix of a registry entry's or a witness's id: lower-case ASCII words
#: joined by hyphens (use with fullmatch).
ENTRY_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: A registry entry's id: its kind as prefix, then the entry's name ("person-leon-trotsky").
REGISTRY_ID = re.compile(rf"(?:{'|'.join(map(re.escape, KIND_NAMES))})-(?:{ENTRY_NAME.pattern})")


#: The prefix of the ids of the witnesses of a document's notes ("wit-notes").
WITNESS_PREFIX = "wit"


# -- structural ids: a passage is identified by its place in the structure, so an edit in
# one section never changes the ids of another. The converter gives them; the rules
# (E-ID-SCHEME) expect them; both build them here.

#: The id of the introduction (the front's division) and of the notes (the back's).
INTRO_ID = "intro"
NOTES_ID = "notes"


def section_id(label: str | int) -> str:
    """A section of the body: its number as the source gives it, else its position.

    >>> section_id("III"), section_id(2)
    ('sec-III', 'sec-2')
    """
    return f"sec-{label}"


def subsection_id(parent_id: str, label: str | int) -> str:
    """A division inside another: the parent's id and the division's number or position.

    >>> subsection_id("sec-2", "A")
    'sec-2-A'
    """
    return f"{parent_id}-{label}"


def paragraph_id(container_id: str, position: int) -> str:
    """The ``position``-th paragraph of a division or a note.

    >>> paragraph_id("sec-2-A", 3)
    'sec-2-A-p3'
    """
    return f"{container_id}-p{position}"
