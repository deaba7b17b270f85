"""Find registry names in plain text.

The converter hands over text *as read*: editorial brackets already dropped
(``L. T[rotsky]`` arrives as ``L. Trotsky``), markup and note anchors removed. The
matcher knows nothing about URLs, code or other non-prose: keeping them out of the
string it is given is the caller's job (``https://www.wsws.org`` would not match
``WSWS`` anyway, matching being case-sensitive, but a title inside a URL would).

Rules, all of which the tests pin:

* case-sensitive: ``Stalin`` is a name, ``stalin`` is not;
* whole words only: a form neither starts nor ends inside a word, so ``Stalinist``,
  ``Leninist`` and ``Zinovievists`` do not contain ``Stalin``, ``Lenin`` or
  ``Zinoviev`` (the org ``Zinovievists`` is its own form). A possessive ``’s``/``'s``
  after a form is allowed and stays outside the mention;
* longest first: all candidate matches are collected (overlapping ones too) and taken
  longest first, then leftmost, never overlapping an already taken one; so
  ``Central Control Commission`` wins over any shorter form inside it;
* only registry forms: generic words (``the opposition``, ``Opposition``, ``party``)
  are never forms, so they are never tagged.

Example:

>>> from pipeline.entities.registry import load_registry
>>> reg = load_registry("tei/authority")                                  # doctest: +SKIP
>>> text = "see his letter of May 23, 1928, to Beloborodov (L. Trotsky)"
>>> [(text[m.start:m.end], m.entry_id) for m in find_mentions(text, reg)]  # doctest: +SKIP
[('letter of May 23, 1928', 'work-letter-beloborodov-1928'),
 ('Beloborodov', 'person-beloborodov'), ('L. Trotsky', 'person-trotsky')]
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from .registry import Registry


@dataclass(frozen=True, order=True)
class Mention:
    """A registry form found in a text: ``text[start:end]`` names ``entry_id``."""

    start: int
    end: int
    entry_id: str
    kind: str


class Matcher:
    """One compiled pattern for one registry; build once, match many texts.

    The pattern is a single alternation of every match form, longest first, wrapped in
    a lookahead so ``finditer`` reports a candidate at *every* start position, including
    starts inside another candidate. At one position the regex yields the longest form
    that ends on a word boundary; any shorter form matching there is a prefix of it,
    so ``_prefixes`` lists those in advance instead of rescanning.
    """

    def __init__(self, registry: Registry) -> None:
        self._registry = registry
        forms = sorted(registry.forms, key=lambda f: (-len(f), f))
        self._forms: dict[str, str] = dict(registry.forms)
        self._prefixes: dict[str, list[str]] = {
            f: [g for g in forms if len(g) < len(f) and f.startswith(g)] for f in forms
        }
        if forms:
            alternation = "|".join(re.escape(f) for f in forms)
            # The class of first letters lets the engine pass over most word starts without
            # trying each form in turn (re has no trie of alternatives).
            initials = "".join(sorted({re.escape(f[0]) for f in forms}))
            self._pattern: re.Pattern[str] | None = re.compile(
                rf"(?<!\w)(?=[{initials}])(?=({alternation})(?!\w))"
            )
        else:
            self._pattern = None
        self._word_after = re.compile(r"\w")

    def _ends_on_boundary(self, text: str, end: int) -> bool:
        return end >= len(text) or not self._word_after.match(text, end)

    def candidates(self, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, form) that matches on word boundaries, overlaps included."""
        found: list[tuple[int, int, str]] = []
        if self._pattern is None:
            return found
        for m in self._pattern.finditer(text):
            start, longest = m.start(), m.group(1)
            found.append((start, start + len(longest), longest))
            for shorter in self._prefixes[longest]:
                if self._ends_on_boundary(text, start + len(shorter)):
                    found.append((start, start + len(shorter), shorter))
        return found

    def find(self, text: str) -> list[Mention]:
        taken = bytearray(len(text))
        chosen: list[Mention] = []
        # Longest first, then leftmost, then the form itself: a total order, so the
        # result never depends on set or dict iteration.
        for start, end, form in sorted(
            self.candidates(text), key=lambda c: (c[0] - c[1], c[0], c[2])
        ):
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            entry = self._registry[self._forms[form]]
            chosen.append(Mention(start, end, entry.id, entry.kind))
        chosen.sort()
        return chosen


# Matchers live as long as their registry and no longer: registries are cached by
# load_registry, so in practice one pattern is compiled per process.
_MATCHERS: weakref.WeakKeyDictionary[Registry, Matcher] = weakref.WeakKeyDictionary()


def matcher_for(registry: Registry) -> Matcher:
    """The registry's compiled matcher, built on first use."""
    matcher = _MATCHERS.get(registry)
    if matcher is None:
        matcher = _MATCHERS[registry] = Matcher(registry)
    return matcher


def find_mentions(text: str, registry: Registry) -> list[Mention]:
    """Registry names in ``text`` (brackets already removed), non-overlapping, in text order.

    >>> from pipeline.entities.registry import load_registry
    >>> reg = load_registry("tei/authority")                    # doctest: +SKIP
    >>> find_mentions("comrade Trotsky’s letter", reg)          # doctest: +SKIP
    [Mention(start=8, end=15, entry_id='person-trotsky', kind='person')]
    """
    return matcher_for(registry).find(text)
