"""External identifiers (``idno``): the schemes the project checks and links.

One table for the registries' loader, the integrity rules and the linked-data export, so
that a value one accepts the others accept, and ``@type`` is compared the same way
everywhere: case-insensitively ("VIAF" and "viaf" are one scheme).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from lxml import etree


@dataclass(frozen=True)
class Scheme:
    """One identifier scheme: the form of its values and, for an authority, its URIs."""

    name: str  # idno/@type, lower case
    pattern: re.Pattern[str]  # the whole value (fullmatch)
    description: str  # the form, for messages
    uri: str = ""  # how a value becomes a URI ("{}" is the value); "" for no URI

    def matches(self, value: str) -> bool:
        return self.pattern.fullmatch(value) is not None


#: The schemes, by lower-cased @type. Value forms as each authority documents them; the
#: URIs are Wikidata's concept URI and VIAF's and the DNB's permalinks. GND: the four
#: number shapes the DNB issues (person, legacy SWD/GKD, corporate).
SCHEMES: Mapping[str, Scheme] = MappingProxyType(
    {
        "wikidata": Scheme(
            "wikidata",
            re.compile(r"Q[1-9][0-9]*"),
            "a Wikidata item id (Q followed by digits)",
            "http://www.wikidata.org/entity/{}",
        ),
        "viaf": Scheme(
            "viaf",
            re.compile(r"[1-9][0-9]{1,21}"),
            "a VIAF id (2 to 22 digits)",
            "http://viaf.org/viaf/{}",
        ),
        "gnd": Scheme(
            "gnd",
            re.compile(
                r"1[012]?[0-9]{7}[0-9X]|[47][0-9]{6}-[0-9]|[1-9][0-9]{0,7}-[0-9X]|3[0-9]{7}[0-9X]"
            ),
            "a GND id (for example 118623761 or 4004733-1)",
            "https://d-nb.info/gnd/{}",
        ),
        "url": Scheme("url", re.compile(r"https?://\S+"), "an http or https URL", "{}"),
        # TEI's examples spell a web address's scheme "URI": the same scheme
        "uri": Scheme("uri", re.compile(r"https?://\S+"), "an http or https URL", "{}"),
        "local": Scheme(
            "local",
            re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*"),
            "a local identifier (letters, digits, '-', '_', '.')",
        ),
    }
)


def scheme_of(idno: etree._Element) -> Scheme | None:
    """The scheme an ``idno`` declares in @type (any case), or None if unknown or absent."""
    return SCHEMES.get((idno.get("type") or "").strip().lower())


def idno_value(idno: etree._Element) -> str:
    """An ``idno``'s value: its text, without surrounding whitespace."""
    return "".join(idno.itertext()).strip()
