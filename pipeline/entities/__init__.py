"""Authority registries (persons, organisations, places, works) and the entity matcher.

``load_registry`` reads ``tei/authority/*.xml``; ``find_mentions`` finds registry names in
plain text; ``name_candidates`` lists capitalised names the registries do not cover.
"""

from ..conventions.kinds import KINDS, Kind
from ..conventions.text import strip_brackets
from .matcher import Matcher, Mention, find_mentions, matcher_for
from .names import name_candidates
from .registry import Entry, Registry, load_registry

__all__ = [
    "KINDS",
    "Entry",
    "Kind",
    "Matcher",
    "Mention",
    "Registry",
    "find_mentions",
    "load_registry",
    "matcher_for",
    "name_candidates",
    "strip_brackets",
]
