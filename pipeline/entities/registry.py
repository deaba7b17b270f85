"""Load the hand-curated authority registries under ``tei/authority/``.

Four TEI files, each a ``teiHeader`` plus a ``standOff`` holding one list:

- ``persons.xml``: ``listPerson`` of ``person``, names ``persName``, ids ``person-...``
- ``orgs.xml``: ``listOrg`` of ``org``, names ``orgName``, ids ``org-...``
- ``places.xml``: ``listPlace`` of ``place``, names ``placeName``, ids ``place-...``
- ``works.xml``: ``listBibl`` of ``bibl``, names ``title``, ids ``work-...``

Each entry has exactly one name with ``type="main"`` and any number with
``type="variant"``. Variants are written exactly as the transcript has them, editorial
brackets included (``Tr[otsky]``); the matcher needs the form a reader sees once the
brackets are dropped (``Trotsky``), so every entry carries both.

Loading is strict because the converter copies entries verbatim into every TEI master:
a duplicate id, a missing main name, an empty variant, a form claimed by two entries or
a malformed external identifier is an :class:`~pipeline.errors.EditionError` naming
``file:line``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from ..conventions.identifiers import idno_value, scheme_of
from ..conventions.ids import REGISTRY_ID
from ..conventions.kinds import KINDS, Kind
from ..conventions.text import strip_brackets, text_of
from ..errors import EditionError, Location
from ..xmlsafe import XML_ID, parse_file, tei


@dataclass(frozen=True)
class Entry:
    """One registry entry: a person, organisation, place or work."""

    id: str
    kind: str  # "person" | "org" | "place" | "work"
    main: str  # the normalised name, as text
    variants: tuple[str, ...]  # every variant as written, brackets included
    match_forms: tuple[str, ...]  # main + variants without brackets, deduplicated, main first
    element: etree._Element = field(repr=False, compare=False)  # copied into a document's standOff
    path: str = ""
    line: int = 0

    @property
    def location(self) -> Location:
        return Location(self.path, self.line)

    def references(self) -> list[str]:
        """Ids of other registry entries this entry points to (authors, publishers, places)."""
        refs: list[str] = []
        for el in self.element.iter():
            if not isinstance(el.tag, str):
                continue  # comments and processing instructions
            for token in (el.get("ref") or "").split():
                if token.startswith("#") and token[1:] != self.id and token[1:] not in refs:
                    refs.append(token[1:])
        return refs


@dataclass(frozen=True, eq=False)
class Registry:
    """All entries of the four registries, in file order (persons, orgs, places, works).

    Compared and hashed by identity, so derived structures (the matcher's compiled
    pattern) can be cached per registry object.
    """

    directory: Path
    entries: Mapping[str, Entry]
    #: bracket-free match form -> entry id; a form belongs to exactly one entry.
    forms: Mapping[str, str]

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]

    def closure(self, ids: Iterable[str]) -> list[Entry]:
        """The entries named by ``ids`` plus every entry they refer to, transitively.

        A document that mentions only a work must still carry the work's authors in its
        standOff, or the work's ``author/@ref`` would dangle. Returned in registry order;
        unknown ids raise ``KeyError`` (the caller's ids come from this registry).
        """
        seen: set[str] = set()
        todo = list(ids)
        while todo:
            entry_id = todo.pop()
            if entry_id in seen:
                continue
            seen.add(entry_id)
            todo.extend(self.entries[entry_id].references())
        return [e for e in self.entries.values() if e.id in seen]


def _entry_elements(list_el: etree._Element, spec: Kind) -> Iterator[etree._Element]:
    """Entries are the list's children (nested lists of the same kind allowed)."""
    for child in list_el:
        if child.tag == tei(spec.entry_tag):
            yield child
        elif child.tag == tei(spec.list_tag):
            yield from _entry_elements(child, spec)


def _check_idnos(el: etree._Element, entry_id: str, path: str) -> None:
    for idno in el.iter(tei("idno")):
        scheme = scheme_of(idno)
        value = idno_value(idno)
        if scheme is not None and not scheme.matches(value):
            raise EditionError(
                Location(path, idno.sourceline or 0),
                f"'{entry_id}' has a malformed {idno.get('type')} idno '{value}': expected "
                f"{scheme.description}",
            )


def _read_entry(el: etree._Element, spec: Kind, path: str) -> Entry:
    line = el.sourceline or 0
    here = Location(path, line)
    entry_id = el.get(XML_ID)
    if not entry_id:
        raise EditionError(here, f"<{spec.entry_tag}> without xml:id")
    if not REGISTRY_ID.fullmatch(entry_id):
        raise EditionError(
            here,
            f"xml:id '{entry_id}' must be 'person-', 'org-', 'place-' or 'work-' and lowercase "
            "ASCII words joined by '-'",
        )
    names = el.findall(tei(spec.name_tag))
    mains = [n for n in names if n.get("type") == "main"]
    if not mains:
        raise EditionError(here, f"'{entry_id}' has no <{spec.name_tag} type=\"main\">")
    if len(mains) > 1:
        raise EditionError(
            Location(path, mains[1].sourceline or line),
            f"'{entry_id}' has {len(mains)} <{spec.name_tag} type=\"main\">; "
            "exactly one is allowed",
        )
    # names are mixed content, hand-indented: normalised, "Leon Trotsky" is one form
    main = text_of(mains[0])
    if not main:
        raise EditionError(
            Location(path, mains[0].sourceline or line),
            f"'{entry_id}' has an empty main {spec.name_tag}",
        )
    variants: list[str] = []
    for name in names:
        if name.get("type") != "variant":
            continue
        text = text_of(name)
        if not strip_brackets(text).strip():
            raise EditionError(
                Location(path, name.sourceline or line),
                f"'{entry_id}' has an empty variant {spec.name_tag}",
            )
        variants.append(text)
    _check_idnos(el, entry_id, path)
    match_forms = tuple(dict.fromkeys(strip_brackets(f) for f in [main, *variants]))
    return Entry(entry_id, spec.kind, main, tuple(variants), match_forms, el, path, line)


def _read_file(spec: Kind, path: Path) -> list[Entry]:
    name = str(path)
    root = parse_file(path).getroot()
    if root.tag != tei("TEI"):
        raise EditionError(
            Location(name, root.sourceline or 1),
            f"root element must be TEI <TEI>, not <{etree.QName(root).localname}>",
        )
    lists = [el for el in root.findall(tei("standOff")) for el in el.findall(tei(spec.list_tag))]
    if not lists:
        raise EditionError(
            Location(name, root.sourceline or 1), f"no <{spec.list_tag}> in <standOff>"
        )
    return [_read_entry(el, spec, name) for lst in lists for el in _entry_elements(lst, spec)]


def _build(directory: Path) -> Registry:
    entries: dict[str, Entry] = {}
    forms: dict[str, str] = {}
    for spec in KINDS:
        for entry in _read_file(spec, directory / spec.filename):
            if entry.id in entries:
                first = entries[entry.id]
                raise EditionError(
                    entry.location,
                    f"duplicate xml:id '{entry.id}' (first defined at {first.location})",
                )
            if not entry.id.startswith(spec.prefix):
                raise EditionError(
                    entry.location,
                    f"xml:id '{entry.id}' in {spec.filename} must start with '{spec.prefix}'",
                )
            entries[entry.id] = entry
            for form in entry.match_forms:
                owner = forms.setdefault(form, entry.id)
                if owner != entry.id:
                    # One string, two entities: the matcher could not tell them apart.
                    raise EditionError(
                        entry.location,
                        f"form '{form}' of '{entry.id}' is also a form of '{owner}' "
                        f"({entries[owner].location})",
                    )
    return Registry(directory, MappingProxyType(entries), MappingProxyType(forms))


def _stamp(directory: Path) -> tuple[tuple[int, int] | None, ...]:
    stamps: list[tuple[int, int] | None] = []
    for spec in KINDS:
        try:
            st = (directory / spec.filename).stat()
            stamps.append((st.st_mtime_ns, st.st_size))
        except OSError:
            stamps.append(None)  # parse_file reports it with the path
    return tuple(stamps)


@functools.lru_cache(maxsize=16)
def _load_cached(directory: Path, stamp: tuple[tuple[int, int] | None, ...]) -> Registry:
    # ``stamp`` is only part of the key: an edited file gets a new mtime/size and so a
    # fresh load, while every stage of one build shares one parsed registry.
    return _build(directory)


def load_registry(directory: Path | str) -> Registry:
    """Read ``persons.xml``, ``orgs.xml``, ``places.xml`` and ``works.xml`` from ``directory``.

    Cached per directory and file modification times, so a process parses the
    registries once however many documents it converts.

    >>> reg = load_registry("tei/authority")          # doctest: +SKIP
    >>> reg["person-trotsky"].variants[:2]            # doctest: +SKIP
    ('Trotsky', 'Tr[otsky]')
    >>> reg["person-trotsky"].match_forms             # doctest: +SKIP
    ('Leon Trotsky', 'Trotsky', 'L. Trotsky', 'L.T.')
    """
    path = Path(directory)
    return _load_cached(path, _stamp(path))
