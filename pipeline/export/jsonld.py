"""The registers as linked data: JSON-LD with schema.org terms.

Each entry is a ``schema:Person``, ``Organization``, ``Place`` or ``CreativeWork`` whose
``@id`` is its registry id in the edition-wide register
(``…/data/corpus/entities.jsonld#person-trotsky``, see :mod:`pipeline.export.links`), with:

- ``name`` (the main name), ``alternateName`` (the variants as read, without editorial
  brackets), ``givenName``/``familyName`` where the main name is split, ``description``
  (the entry's notes), ``jobTitle`` (``occupation``);
- ``birthDate``/``deathDate`` (persons) and ``datePublished`` (works) exactly as the entry
  gives them, typed ``xsd:gYear``/``gYearMonth``/``date`` by their form; a range
  (``from``/``to``) is an ISO 8601 interval string ``1923-12/1924-01``;
- ``author``, ``contributor`` (a work's signatories), ``publisher``: the entry's @id where
  the name is linked to the registers, else a node with only a ``name``;
- ``url``: a work's links to its text; ``sameAs``: only where the entry has an ``idno``
  (Wikidata, VIAF, GND as full URIs);
- ``subjectOf``: the entry in the registers of each document's reading edition
  (``index.html#person-trotsky``); ``mentionedIn``: every passage that names it, which is
  the triple ``<passage> schema:mentions <entry>``.

Uncertainty is kept in the edition's own small vocabulary (``urn:x-edition:vocab:``,
the ``edition:`` prefix), since schema.org has none:

- ``certainty``: one node per uncertain statement, ``{"property": "deathDate",
  "value": "1963", "degree": "low"}``, where ``degree`` is the TEI ``@cert`` value (high,
  medium, low, unknown) and ``property`` names the schema.org property it qualifies;
- ``dateText``: the date in the words of the entry where they say more than the ISO value
  ("likely January 1928", "summer of 1932");
- ``placeType``: the TEI ``place/@type`` (settlement, country, prison ...).

The context is written inline in every file, so the data can be read without fetching
anything.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..conventions.kinds import BY_KIND
from ..convert.dates import parse_date
from ..errors import EditionError, Location
from .entries import Agent, DateValue, RegisterEntry
from .links import Linker, page_path

SCHEMA = "https://schema.org/"
#: The edition's own terms (never a real domain: the edition has no published home yet).
VOCAB = "urn:x-edition:vocab:"
XSD = "http://www.w3.org/2001/XMLSchema#"


ENTITY_CONTEXT: dict[str, Any] = {
    "schema": SCHEMA,
    "edition": VOCAB,
    "xsd": XSD,
    "id": "@id",
    "type": "@type",
    "Person": "schema:Person",
    "Organization": "schema:Organization",
    "Place": "schema:Place",
    "CreativeWork": "schema:CreativeWork",
    "name": "schema:name",
    "alternateName": "schema:alternateName",
    "givenName": "schema:givenName",
    "familyName": "schema:familyName",
    "description": "schema:description",
    "jobTitle": "schema:jobTitle",
    "birthDate": "schema:birthDate",
    "deathDate": "schema:deathDate",
    "datePublished": "schema:datePublished",
    "author": {"@id": "schema:author", "@type": "@id"},
    "contributor": {"@id": "schema:contributor", "@type": "@id"},
    "publisher": {"@id": "schema:publisher", "@type": "@id"},
    "url": {"@id": "schema:url", "@type": "@id"},
    "sameAs": {"@id": "schema:sameAs", "@type": "@id"},
    "subjectOf": {"@id": "schema:subjectOf", "@type": "@id"},
    "mentionedIn": {"@reverse": "schema:mentions", "@type": "@id"},
    "certainty": {"@id": "edition:certainty"},
    "property": {"@id": "edition:property", "@type": "@vocab"},
    "value": {"@id": "edition:value"},
    "degree": {"@id": "edition:degree"},
    "dateText": {"@id": "edition:dateText"},
    "placeType": {"@id": "edition:placeType"},
}

_XSD_DATE_FORMS = (
    (re.compile(r"-?\d{4}\Z"), "xsd:gYear"),
    (re.compile(r"-?\d{4}-\d{2}\Z"), "xsd:gYearMonth"),
    (re.compile(r"-?\d{4}-\d{2}-\d{2}\Z"), "xsd:date"),
)


def date_literal(iso: str) -> str | dict[str, str]:
    """An ISO value as a typed literal where XSD has a type for its form."""
    for pattern, datatype in _XSD_DATE_FORMS:
        if pattern.match(iso):
            return {"@value": iso, "@type": datatype}
    return iso


def _agent(agent: Agent, links: Linker, known: Mapping[str, RegisterEntry]) -> str | dict[str, str]:
    if agent.ref and agent.ref in known:
        return links.entity(agent.ref)
    return {"name": agent.name}


def _dates(
    node: dict[str, Any], prop: str, value: DateValue | None, certainty: list[dict[str, Any]]
) -> None:
    if value is None:
        return
    if value.iso:
        node[prop] = date_literal(value.iso)
        if value.cert:
            certainty.append(
                {"property": prop, "value": date_literal(value.iso), "degree": value.cert}
            )
    if value.text and parse_date(value.text) != value.iso:
        # The words say more than the ISO value ("likely January 1928"), or there is no
        # ISO value at all; a plain spelling of the same date ("15 October 1923") is not kept.
        node.setdefault("dateText", []).append(value.text)


def _one_or_many(values: Sequence[Any]) -> Any:
    return values[0] if len(values) == 1 else list(values)


def entity_node(
    entry: RegisterEntry,
    links: Linker,
    known: Mapping[str, RegisterEntry],
    documents: Iterable[str] = (),
    passages: Iterable[tuple[str, str]] = (),
) -> dict[str, Any]:
    """The JSON-LD node of one entry. ``documents``: the documents whose registers list it;
    ``passages``: (document, passage id) of each passage naming it."""
    node: dict[str, Any] = {
        "id": links.entity(entry.id),
        "type": BY_KIND[entry.kind].schema_type,
        "name": entry.name,
    }
    if entry.variants:
        node["alternateName"] = list(entry.variants)
    if entry.given_name:
        node["givenName"] = entry.given_name
    if entry.family_name:
        node["familyName"] = entry.family_name
    if entry.occupation:
        node["jobTitle"] = _one_or_many(entry.occupation)
    if entry.place_type:
        node["placeType"] = entry.place_type
    certainty: list[dict[str, Any]] = []
    _dates(node, "birthDate", entry.birth, certainty)
    _dates(node, "deathDate", entry.death, certainty)
    _dates(node, "datePublished", entry.date, certainty)
    for prop, agents in (
        ("author", entry.authors),
        ("contributor", entry.contributors),
        ("publisher", entry.publishers),
    ):
        if agents:
            node[prop] = _one_or_many([_agent(a, links, known) for a in agents])
            certainty.extend(
                {
                    "property": prop,
                    "value": {"id": links.entity(a.ref)} if a.ref in known else a.name,
                    "degree": a.cert,
                }
                for a in agents
                if a.cert
            )
    if entry.urls:
        node["url"] = _one_or_many(entry.urls)
    if entry.description:
        node["description"] = entry.description
    if entry.same_as:
        node["sameAs"] = _one_or_many(entry.same_as)
    if certainty:
        node["certainty"] = certainty
    pages = [links.to(page_path(doc), entry.id) for doc in documents]
    if pages:
        node["subjectOf"] = _one_or_many(pages)
    seen: list[str] = []
    for doc, passage in passages:
        url = links.passage(doc, passage)
        if url not in seen:
            seen.append(url)
    if seen:
        node["mentionedIn"] = seen
    return node


def register_document(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """A complete JSON-LD document: the inline context and the entries as its graph."""
    return {"@context": ENTITY_CONTEXT, "@graph": nodes}


def dumps(document: object) -> bytes:
    """Deterministic UTF-8 JSON (key order as built, two-space indent, final newline)."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def check_graph(data: bytes, location: Path) -> int:
    """Parse JSON-LD with rdflib as a consumer would (relative IRIs resolved against the
    file's own location) and return the number of triples; a file rdflib cannot read is an
    error of the exporter, reported with the file."""
    from rdflib import Graph

    graph = Graph()
    try:
        with warnings.catch_warnings():
            # rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph internally.
            warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
            graph.parse(
                data=data.decode("utf-8"), format="json-ld", publicID=location.resolve().as_uri()
            )
    except Exception as exc:
        raise EditionError(
            Location(str(location)), f"JSON-LD does not parse with rdflib: {exc}"
        ) from None
    return len(graph)
