"""Every tagged mention as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/).

One ``Annotation`` per mention (see :mod:`pipeline.export.mentions` for which count),
motivated by ``identifying``: its body is the register entry's IRI, its target the
passage of the reading edition (``index.html#sec-2-A-p3``) narrowed by a
``TextQuoteSelector`` whose ``exact`` is the name as read and whose ``prefix``/``suffix``
are up to 32 characters of the passage text around it. The annotation's own id is the
id of the name's link in the HTML (``#sec-2-A-p3-m2``), in the annotations file.

A document's annotations form an ``AnnotationCollection`` with one ``AnnotationPage``
holding them in document order (``total`` is their number).

The JSON uses the Web Annotation vocabulary's own JSON-LD terms (``id``, ``type``,
``body``, ``target``, ``source``, ``selector``, ``exact`` ...) mapped to the same IRIs as
the W3C context ``http://www.w3.org/ns/anno.jsonld``; the mapping is written inline so that
the file can be read offline. A client that wants the W3C context URL instead can put it
in place of the inline one without changing a single triple.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .links import Linker, data_path
from .mentions import Mention

OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"

ANNOTATION_CONTEXT: dict[str, Any] = {
    "oa": OA,
    "as": AS,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": "@id",
    "type": "@type",
    "Annotation": "oa:Annotation",
    "AnnotationCollection": "as:OrderedCollection",
    "AnnotationPage": "as:OrderedCollectionPage",
    "TextQuoteSelector": "oa:TextQuoteSelector",
    "identifying": "oa:identifying",
    "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
    "body": {"@id": "oa:hasBody", "@type": "@id"},
    "target": {"@id": "oa:hasTarget", "@type": "@id"},
    "source": {"@id": "oa:hasSource", "@type": "@id"},
    "selector": {"@id": "oa:hasSelector", "@type": "@id"},
    "exact": "oa:exact",
    "prefix": "oa:prefix",
    "suffix": "oa:suffix",
    "label": "rdfs:label",
    "total": {"@id": "as:totalItems", "@type": "xsd:nonNegativeInteger"},
    "first": {"@id": "as:first", "@type": "@id"},
    "partOf": {"@id": "as:partOf", "@type": "@id"},
    "startIndex": {"@id": "as:startIndex", "@type": "xsd:nonNegativeInteger"},
    "items": {"@id": "as:items", "@type": "@id", "@container": "@list"},
}

FILENAME = "annotations.jsonld"


def annotation(mention: Mention, doc_id: str, links: Linker) -> dict[str, Any]:
    """The Web Annotation identifying one mention."""
    selector: dict[str, str] = {"type": "TextQuoteSelector", "exact": mention.exact}
    if mention.prefix:
        selector["prefix"] = mention.prefix
    if mention.suffix:
        selector["suffix"] = mention.suffix
    source = (
        links.passage(doc_id, mention.passage_id)
        if mention.passage_id
        else links.to(f"{doc_id}/index.html")
    )
    return {
        "id": links.to(data_path(doc_id, FILENAME), mention.mention_id),
        "type": "Annotation",
        "motivation": "identifying",
        "body": links.entity(mention.entity_id),
        "target": {"source": source, "selector": selector},
    }


def annotation_collection(
    doc_id: str, title: str, mentions: Sequence[Mention], links: Linker
) -> Mapping[str, Any]:
    """The document's annotations as one collection with one page."""
    here = data_path(doc_id, FILENAME)
    collection = links.to(here)
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"Names identified in “{title}”" if title else "Names identified",
        "total": len(mentions),
        "first": {
            "id": links.to(here, "page-1"),
            "type": "AnnotationPage",
            "partOf": collection,
            "startIndex": 0,
            "items": [annotation(m, doc_id, links) for m in mentions],
        },
    }
