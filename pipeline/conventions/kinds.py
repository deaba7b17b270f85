"""The kinds of authority entry (person, org, place, work) and how TEI spells each.

Every layer that lists, tags, checks or exports entries reads this table: the registries
(``tei/authority/<file>``), the converter's tagging and standOff, the integrity rules, the
linked-data export. A new kind is one row here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Kind:
    """Where one kind of entry lives and how it is spelled in TEI."""

    kind: str  # the project's word for it, and the prefix of its ids ("person-...")
    filename: str  # its registry under tei/authority/
    list_tag: str  # the standOff list that holds the entries
    entry_tag: str  # an entry
    name_tag: str  # an entry's name, and a mention of the entry in the text
    schema_type: str  # its schema.org type in the linked data

    @property
    def prefix(self) -> str:
        return f"{self.kind}-"


#: The four kinds, in the order their entries are listed (registries, standOff, exports).
KINDS: tuple[Kind, ...] = (
    Kind("person", "persons.xml", "listPerson", "person", "persName", "Person"),
    Kind("org", "orgs.xml", "listOrg", "org", "orgName", "Organization"),
    Kind("place", "places.xml", "listPlace", "place", "placeName", "Place"),
    Kind("work", "works.xml", "listBibl", "bibl", "title", "CreativeWork"),
)

BY_KIND: Mapping[str, Kind] = MappingProxyType({k.kind: k for k in KINDS})
KIND_NAMES: tuple[str, ...] = tuple(k.kind for k in KINDS)

#: Elements in the text that mention an entry, and the kind of entry their @ref points to
#: (``rs`` refers to a work by a description, "the programme").
MENTION_KINDS: Mapping[str, str] = MappingProxyType(
    {**{k.name_tag: k.kind for k in KINDS}, "rs": "work"}
)

#: Agents in the header and citations (author, editor, name) are persons or organisations.
AGENT_KINDS: tuple[str, ...] = ("person", "org")
