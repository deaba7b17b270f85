"""The parts of a ``teiCorpus`` that the integrity rules check one at a time.

``edition export`` writes the whole edition as one ``teiCorpus`` (dist/corpus.xml, see
:mod:`pipeline.export.corpus`): a corpus header, then each document's TEI with
``xml:id`` = the document id and every inner id prefixed with that id and ``.``
(``tactics-and-tasks.sec-2-A-p3``). The schema validates the file as a whole; the rules
run once per part, so that each document is held to the same rules as its master on its
own (note numbering, anchors, the structural id scheme with the prefix stripped), and its
pointers must stay inside it. The header is a part too: its list of documents points into
the corpus.

Example::

    <teiCorpus>                 parts: the header          (owner label "the corpus header")
      <teiHeader>...</teiHeader>       document 'a'        ("document 'a'")
      <TEI xml:id="a">...</TEI>        document 'b'        ("document 'b'")
      <TEI xml:id="b">...</TEI>
    </teiCorpus>
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from ..xmlsafe import XML_ID, tei

#: Between a document id and an inner id; the same as pipeline.export.corpus.SEPARATOR
#: (a test keeps them equal). '.' is legal in an NCName and never used by the edition's ids.
SEPARATOR = "."

HEADER_OWNER = "the corpus header"


@dataclass(frozen=True)
class CorpusPart:
    """One part of a teiCorpus: its header or one of its documents."""

    #: the corpus teiHeader, or a TEI element
    element: etree._Element
    #: the document's id (its TEI's xml:id); None for the header, and for a TEI without
    #: xml:id (the schema reports that)
    doc_id: str | None
    #: every xml:id of the file -> the part it belongs to, as messages name it
    owners: Mapping[str, str]

    @property
    def is_header(self) -> bool:
        return bool(self.element.tag == tei("teiHeader"))


def is_corpus(root: etree._Element) -> bool:
    return bool(root.tag == tei("teiCorpus"))


def _label(part: etree._Element) -> str:
    """How messages name a part: "the corpus header", "document 'a'"."""
    if part.tag == tei("teiHeader"):
        return HEADER_OWNER
    doc_id = part.get(XML_ID)
    if doc_id is not None:
        return f"document '{doc_id}'"
    position = 1 + sum(1 for _ in part.itersiblings(tei("TEI"), preceding=True))
    return f"document {position} of the corpus (which has no xml:id)"


def corpus_parts(root: etree._Element) -> list[CorpusPart]:
    """The header and each TEI child of a teiCorpus, in document order.

    Other children are the schema's business and are not parts.
    """
    parts = [c for c in root if c.tag in (tei("teiHeader"), tei("TEI"))]
    owners: dict[str, str] = {}
    for part in parts:
        label = _label(part)
        for element in part.iter():
            xml_id = element.get(XML_ID) if isinstance(element.tag, str) else None
            if xml_id is not None:
                owners.setdefault(xml_id, label)
    return [
        CorpusPart(part, part.get(XML_ID) if part.tag == tei("TEI") else None, owners)
        for part in parts
    ]
