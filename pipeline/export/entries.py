"""The register entries of a TEI document's ``standOff``, read into plain data.

Every format (JSON-LD, CSV) is written from these records, so they agree by
construction. Only what the entry states is kept: names, dates as given (with their
``@cert``), notes, authors, links and external identifiers.

External identifiers become ``sameAs`` URIs only for an ``idno`` whose ``@type`` is an
authority we know how to resolve (Wikidata, VIAF, GND, or a plain URL). A value that does
not have the form of its authority is refused with the file and line, with the same rule
as ``edition validate`` (E-IDNO): a typo must never be published as a link.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml import etree

from ..conventions.identifiers import idno_value, scheme_of
from ..conventions.kinds import KINDS
from ..conventions.text import strip_brackets
from ..errors import EditionError, Location
from ..xmlsafe import XML_ID, tei
from .mentions import read_text


@dataclass(frozen=True)
class DateValue:
    """A TEI date as given: ISO value (a single date, or ``from/to`` as an ISO 8601
    interval), its certainty (TEI @cert) and the words of the source."""

    iso: str
    cert: str = ""
    text: str = ""

    @property
    def single(self) -> bool:
        return bool(self.iso) and "/" not in self.iso

    def edtf(self) -> str:
        """The value in EDTF (ISO 8601-2): '?' marks a value that is not certain."""
        if not self.iso:
            return ""
        return self.iso + ("?" if self.cert in ("low", "medium", "unknown") else "")


@dataclass(frozen=True)
class Agent:
    """An author, signatory or publisher: an entry of the registers, or only a name."""

    name: str
    ref: str = ""  # entry id, without '#'
    cert: str = ""


@dataclass(frozen=True)
class RegisterEntry:
    id: str
    kind: str  # person | org | place | work
    name: str
    variants: tuple[str, ...]  # as read: editorial brackets dropped, main name excluded
    description: str
    same_as: tuple[str, ...]
    line: int
    given_name: str = ""
    family_name: str = ""
    birth: DateValue | None = None
    death: DateValue | None = None
    occupation: tuple[str, ...] = ()
    place_type: str = ""
    date: DateValue | None = None  # works: the date of the document
    authors: tuple[Agent, ...] = ()
    contributors: tuple[Agent, ...] = ()
    publishers: tuple[Agent, ...] = ()
    urls: tuple[str, ...] = ()
    element: etree._Element | None = field(default=None, repr=False, compare=False)

    def dates_edtf(self) -> str:
        """One EDTF value for the CSV: a life span ``1896/1963?`` or a work's date."""
        if self.kind == "person":
            if self.birth is None and self.death is None:
                return ""
            birth = self.birth.edtf() if self.birth else ""
            death = self.death.edtf() if self.death else ""
            return f"{birth or '..'}/{death or '..'}"
        return self.date.edtf() if self.date else ""


def _plain(element: etree._Element | None) -> str:
    return read_text(element) if element is not None else ""


def _date(element: etree._Element | None) -> DateValue | None:
    if element is None:
        return None
    when = element.get("when", "")
    start, end = (
        element.get("from") or element.get("notBefore") or "",
        element.get("to") or element.get("notAfter") or "",
    )
    iso = when or (f"{start or '..'}/{end or '..'}" if start or end else "")
    text = _plain(element)
    if not iso and not text:
        return None
    return DateValue(iso, element.get("cert", ""), text if text != iso else "")


def _agent(element: etree._Element) -> Agent:
    ref = (element.get("ref") or "").split()
    return Agent(
        _plain(element),
        ref[0][1:] if ref and ref[0].startswith("#") else "",
        element.get("cert", ""),
    )


def same_as(entry: etree._Element, path: str) -> tuple[str, ...]:
    """The URIs of the entry's external identifiers; a malformed one is an error."""
    uris: list[str] = []
    for idno in entry.iter(tei("idno")):
        scheme = scheme_of(idno)
        if scheme is None or not scheme.uri:
            continue
        value = idno_value(idno)
        if not scheme.matches(value):
            raise EditionError(
                Location(path, idno.sourceline or 0),
                f"'{entry.get(XML_ID)}' has a malformed {idno.get('type')} idno '{value}': "
                f"expected {scheme.description}",
            )
        uri = scheme.uri.format(value)
        if uri not in uris:
            uris.append(uri)
    return tuple(uris)


def _names(
    entry: etree._Element, name_tag: str
) -> tuple[str, tuple[str, ...], etree._Element | None]:
    names = entry.findall(tei(name_tag))
    mains = [n for n in names if n.get("type") in ("main", "full")] or names[:1]
    main_el = mains[0] if mains else None
    main = _plain(main_el)
    variants = []
    for name in names:
        if name is main_el:
            continue
        form = " ".join(strip_brackets(_plain(name)).split())
        if form and form != main and form not in variants:
            variants.append(form)
    return main, tuple(variants), main_el


def read_entry(entry: etree._Element, kind: str, name_tag: str, path: str) -> RegisterEntry:
    """One standOff entry as a :class:`RegisterEntry`."""
    entry_id = entry.get(XML_ID) or ""
    line = entry.sourceline or 0
    if not entry_id:
        raise EditionError(
            Location(path, line), f"<{etree.QName(entry).localname}> in standOff without xml:id"
        )
    main, variants, main_el = _names(entry, name_tag)
    if not main:
        raise EditionError(Location(path, line), f"'{entry_id}' has no name")
    description = " ".join(_plain(note) for note in entry.findall(tei("note")))
    base = RegisterEntry(
        id=entry_id,
        kind=kind,
        name=main,
        variants=variants,
        description=description,
        same_as=same_as(entry, path),
        line=line,
        element=entry,
    )
    if kind == "person":
        return replace(
            base,
            given_name=" ".join(_plain(e) for e in main_el.findall(tei("forename")))
            if main_el is not None
            else "",
            family_name=" ".join(_plain(e) for e in main_el.findall(tei("surname")))
            if main_el is not None
            else "",
            birth=_date(entry.find(tei("birth"))),
            death=_date(entry.find(tei("death"))),
            occupation=tuple(_plain(e) for e in entry.findall(tei("occupation"))),
        )
    if kind == "place":
        return replace(base, place_type=entry.get("type", ""))
    if kind == "work":
        contributors = tuple(
            _agent(name)
            for resp in entry.findall(tei("respStmt"))
            for name in resp
            if name.tag in (tei("persName"), tei("orgName"), tei("name"))
        )
        return replace(
            base,
            date=_date(entry.find(tei("date"))),
            authors=tuple(_agent(a) for a in entry.findall(tei("author"))),
            contributors=contributors,
            publishers=tuple(_agent(p) for p in entry.findall(tei("publisher"))),
            urls=tuple(
                t
                for r in entry.findall(tei("ref"))
                if (t := r.get("target", "")).startswith(("http://", "https://"))
            ),
        )
    return base


def read_entries(root: etree._Element, path: str) -> Iterator[RegisterEntry]:
    """Every entry of the document's standOff lists, persons, orgs, places, works in turn
    (nested lists of the same kind included)."""
    for stand_off in root.findall(tei("standOff")):
        for kind in KINDS:
            for lst in stand_off.findall(tei(kind.list_tag)):
                for entry in lst.iter(tei(kind.entry_tag)):
                    parent = entry.getparent()
                    if parent is not None and parent.tag == tei(kind.list_tag):
                        yield read_entry(entry, kind.kind, kind.name_tag, path)
