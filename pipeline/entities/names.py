"""Name-like phrases the registries do not cover, for an "unmatched names" report.

A curator adding the next document wants to see what the registries miss: "Vadim
Rogovin" before he had an entry, "Houghton Library", "Old Bolsheviks". The heuristic is
deliberately simple: runs of capitalised words (joined by a few lowercase connectors such
as "of" or "and the"), with registry mentions cut out first. To keep the report short it
drops what capitals alone cannot distinguish from names: a single capitalised word at the
start of a sentence ("Centrism, with ..."), leading common words ("The", "This", "In"),
roman numerals and single letters.

>>> from pipeline.entities.registry import load_registry
>>> reg = load_registry("tei/authority")                                      # doctest: +SKIP
>>> name_candidates(
...     "It is in the Leon Trotsky Soviet Papers, said Old Bolsheviks.", reg
... )  # doctest: +SKIP
['Soviet Papers', 'Old Bolsheviks']
"""

from __future__ import annotations

import re

from ..conventions.dates import MONTH_NAMES
from .matcher import find_mentions
from .registry import Registry

#: Capitalised words that open sentences and headings; never the start of a name.
STOP_WORDS = frozenset(
    [
        "A",
        "After",
        "All",
        "Along",
        "Alongside",
        "An",
        "And",
        "As",
        "At",
        "Because",
        "Before",
        "Both",
        "But",
        "By",
        "Despite",
        "Does",
        "Each",
        "Every",
        "Finally",
        "For",
        "From",
        "Given",
        "Having",
        "He",
        "Here",
        "His",
        "However",
        "If",
        "In",
        "It",
        "Its",
        "Like",
        "Looking",
        "Many",
        "Not",
        "Now",
        "Of",
        "On",
        "One",
        "Only",
        "Our",
        "She",
        "Since",
        "So",
        "Such",
        "That",
        "The",
        "Their",
        "Then",
        "There",
        "Therefore",
        "These",
        "They",
        "This",
        "Those",
        "Through",
        "Thus",
        "To",
        "Under",
        "Until",
        "We",
        "What",
        "When",
        "Where",
        "Which",
        "While",
        "Who",
        "With",
        "Without",
        "Yet",
    ]
)

#: Capitalised only by convention, never a name on their own: months, and the generic
#: heads the registries already carry inside longer names ("Congress", "Opposition").
COMMON_WORDS = frozenset(
    [
        *MONTH_NAMES,
        "Congress",
        "Conference",
        "Declaration",
        "Opposition",
        "Party",
        "Plenum",
        "Soviet",
        "Archives",
    ]
)

#: Suffixes of doctrine and adjective words ("Stalinism", "Thermidorian", "European"):
#: capitalised in English, but a register lists bodies and people, not these.
_ADJECTIVE_SUFFIXES = ("ism", "ist", "ian", "ean", "ish", "ese")

#: Lowercase words allowed *inside* a name ("Summer School on Security and the Fourth ...").
_CONNECTORS = r"(?:of|the|and|on|for|de|von|van|der)"
_CAP_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w\-]*"
_RUN = re.compile(rf"(?<![\w\-]){_CAP_WORD}(?:[ ]+(?:{_CONNECTORS}[ ]+)*{_CAP_WORD})*(?![\w\-])")
_CONNECTOR = re.compile(rf"{_CONNECTORS}\Z")
_ROMAN = re.compile(r"[IVXLCDM]+\Z")
_SENTENCE_START = re.compile(
    r"(?:\A|[.!?:;][\"”’')\]]*\s+|\n\s*|^\s*\d+\.\s+)[\"“‘'(]*\Z", re.MULTILINE
)


def _is_sentence_start(text: str, at: int) -> bool:
    # Look back a little: "... end. Next", a paragraph start, or a numbered thesis "2. The".
    # pos/endpos rather than a slice: \A and ^ then only match at the real text start.
    return bool(_SENTENCE_START.search(text, max(0, at - 12), at))


def name_candidates(text: str, registry: Registry) -> list[str]:
    """Capitalised name-like phrases in ``text`` that no registry form covers.

    Unique, in order of first occurrence. ``text`` is plain text as read (brackets
    removed), as for :func:`~pipeline.entities.matcher.find_mentions`.
    """
    # Blank out what the registry already tags; NUL is neither a word nor a space, so
    # it also splits a run ("Leon Trotsky Soviet Papers" -> "Soviet Papers").
    chars = list(text)
    for m in find_mentions(text, registry):
        chars[m.start : m.end] = "\0" * (m.end - m.start)
    masked = "".join(chars)

    found: dict[str, None] = {}
    for run in _RUN.finditer(masked):
        words = run.group().split()
        start = run.start()
        # Drop leading stop words ("The Stalinist leadership" -> "Stalinist"), moving the
        # start so the sentence test looks at the right word.
        while words and (words[0] in STOP_WORDS or _CONNECTOR.match(words[0])):
            start += len(words.pop(0))
            while masked.startswith(" ", start):  # a run's words are separated by spaces only
                start += 1
        while words and _CONNECTOR.match(words[-1]):
            words.pop()
        if all(_CONNECTOR.match(w) or set(w.split("-")) <= COMMON_WORDS for w in words):
            continue  # "April and July", "October-November": dates, not names
        if len(words) == 1:
            word = words[0]
            if (
                len(word) == 1
                or _ROMAN.match(word)
                or word.endswith(_ADJECTIVE_SUFFIXES)
                or _is_sentence_start(masked, start)
            ):
                continue
        found.setdefault(" ".join(words))
    return list(found)
