"""Citation files: CSL-JSON and BibTeX for each document, CITATION.cff for the edition.

Only the teiHeader and the .toml are used, never anything a reader would have to trust
us for:

- a document is cited as its web publication, the text the edition encodes: its title
  and author as the header states them, ``issued`` = the date of the web publication
  (``sourceDesc/bibl[@type='web']/date/@when``), its publisher, the date of the original
  (``bibl[@type='original']/date/@when``, 1932) as ``original-date``, and a URL only if
  the .toml gives one (``[publication] url``);
- the edition (``dist/CITATION.cff``, Citation File Format 1.2.0) is cited as a dataset
  whose authors are the encoder and publisher the .toml files name (``[edition]``), with
  the edition version, the build date as ``date-released``, a licence only if a .toml
  states an SPDX identifier (``[rights] license``), and each document's web publication
  as a reference (transitive credit: the translation belongs to its publisher), for each
  document whose author is stated.

A TEI document from another project (published without a transcript) is cited as that
project's TEI, by what its header states: title and authors of its titleStmt, its
publicationStmt's publisher and date (``@when``, else an ISO date as text), its language;
a CSL ``document``, a biblatex ``@misc`` and a CFF ``generic`` reference, since what it is
(a web page, a data set, a file in a repository) the header does not say. Nothing is
added that the header does not state: no URL (an ``idno`` may name the publisher's site
rather than the document), no original date.

BibTeX is written for biblatex (``@online``, ``date``, ``origdate``) with ``year`` for
classic BibTeX styles; values are LaTeX-encoded (pylatexenc), and a corporate author is
braced so that it is never split into given and family names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml
from bibtexparser import model
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from pylatexenc.latexencode import unicode_to_latex

from ..conventions.dates import is_full_date
from ..errors import EditionError, Location
from .document import ExportDocument

CFF_VERSION = "1.2.0"
CFF_MESSAGE = "If you use this edition, please cite it using the metadata from this file."

#: BCP 47 primary language -> biblatex/babel language name, for ``langid``.
BABEL_NAMES = {
    "en": "english",
    "ru": "russian",
    "de": "ngerman",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
}


def date_parts(iso: str) -> dict[str, list[list[int]]] | None:
    """A CSL date: ``'2025-09-11'`` -> ``{'date-parts': [[2025, 9, 11]]}``."""
    match = re.fullmatch(r"(-?\d{1,4})(?:-(\d{2}))?(?:-(\d{2}))?", iso or "")
    if not match:
        return None
    return {"date-parts": [[int(part) for part in match.groups() if part is not None]]}


#: What a document is cited as: CSL type, biblatex entry type, CFF reference type.
CITED_AS = ("webpage", "online", "website")
#: ... and a TEI document from another project.
FOREIGN_CITED_AS = ("document", "misc", "generic")


def _cited_as(doc: ExportDocument) -> tuple[str, str, str]:
    return FOREIGN_CITED_AS if doc.foreign else CITED_AS


def _issued(doc: ExportDocument) -> str:
    return doc.cited_date or doc.config.publication_date


def _publisher(doc: ExportDocument) -> str:
    return doc.cited_publisher or doc.config.publication_publisher


def _authors(doc: ExportDocument) -> tuple[str, ...]:
    return doc.header.authors or ((doc.config.author,) if doc.config.author else ())


def csl_item(doc: ExportDocument) -> dict[str, Any]:
    """The CSL-JSON item citing a document's web publication (another project's TEI)."""
    header = doc.header
    item: dict[str, Any] = {
        "id": doc.doc_id,
        "type": _cited_as(doc)[0],
        "title": header.title or doc.config.title,
    }
    if _authors(doc):
        item["author"] = [{"literal": name} for name in _authors(doc)]
    if issued := date_parts(_issued(doc)):
        item["issued"] = issued
    if original := date_parts(header.original_date or doc.config.original_date):
        item["original-date"] = original
    if _publisher(doc):
        item["publisher"] = _publisher(doc)
    if header.language:
        item["language"] = header.language
    if doc.config.publication_url:
        item["URL"] = doc.config.publication_url
    return item


def bibtex_key(doc_id: str) -> str:
    """A citation key BibTeX accepts: the document id, other characters as '-'."""
    return re.sub(r"[^A-Za-z0-9_:.-]", "-", doc_id)


def _latex(value: str) -> str:
    return str(unicode_to_latex(value, unknown_char_warning=False))


def bibtex(doc: ExportDocument) -> bytes:
    """The biblatex entry citing a document's web publication (another project's TEI)."""
    fields: list[tuple[str, str]] = []
    if _authors(doc):
        fields.append(("author", " and ".join("{" + _latex(a) + "}" for a in _authors(doc))))
    fields.append(("title", _latex(doc.header.title or doc.config.title)))
    issued = _issued(doc)
    if issued:
        fields.append(("date", issued))
        fields.append(("year", issued[:4]))
    original = doc.header.original_date or doc.config.original_date
    if original:
        fields.append(("origdate", original))
    if _publisher(doc):
        fields.append(("organization", _latex(_publisher(doc))))
    language = (doc.header.language or doc.config.language).split("-")[0]
    if language in BABEL_NAMES:
        fields.append(("langid", BABEL_NAMES[language]))
    if doc.config.publication_url:
        fields.append(("url", doc.config.publication_url))
    library = Library()
    library.add(
        model.Entry(
            _cited_as(doc)[1], bibtex_key(doc.doc_id), [model.Field(k, v) for k, v in fields]
        )
    )
    text = write_string(library)
    return (text.strip() + "\n").encode("utf-8")


def _cff_reference(doc: ExportDocument) -> dict[str, Any] | None:
    """The document's web publication as a CFF reference; None when no author is stated
    (CFF requires one, and none is invented)."""
    if not _authors(doc):
        return None
    reference: dict[str, Any] = {
        "type": _cited_as(doc)[2],
        "title": doc.header.title or doc.config.title,
        "authors": [{"name": a} for a in _authors(doc)],
    }
    if _publisher(doc):
        reference["publisher"] = {"name": _publisher(doc)}
    issued = _issued(doc)
    if issued:
        reference["year"] = int(issued[:4])
        if len(issued) >= 7:
            reference["month"] = int(issued[5:7])
    original = doc.header.original_date or doc.config.original_date
    if original[:4].isdigit():
        reference["year-original"] = int(original[:4])
    if doc.config.publication_url:
        reference["url"] = doc.config.publication_url
    return reference


def edition_title(documents: Sequence[ExportDocument]) -> str:
    """The edition's title when none is given: its documents' titles, then "A TEI edition"
    (the subtitle every master carries)."""
    titles = [d.header.title or d.config.title for d in documents]
    return "; ".join(titles) + ": A TEI edition"


def citation_cff(documents: Sequence[ExportDocument], title: str) -> bytes:
    """``CITATION.cff`` for the whole edition."""
    authors: list[str] = []
    for doc in documents:
        for name in (doc.config.encoder, doc.config.edition_publisher):
            if name and name not in authors:
                authors.append(name)
    if not authors:
        where = str(documents[0].config.path) if documents else "CITATION.cff"
        raise EditionError(
            Location(where),
            "no [edition] encoder or publisher in any .toml: CITATION.cff needs an author",
        )
    data: dict[str, Any] = {
        "cff-version": CFF_VERSION,
        "message": CFF_MESSAGE,
        "type": "dataset",
        "title": title,
        "authors": [{"name": name} for name in authors],
    }
    versions = {doc.config.edition_version for doc in documents if doc.config.edition_version}
    if len(versions) == 1:
        data["version"] = versions.pop()
    released = max((doc.config.build_date for doc in documents), default="")
    if is_full_date(released):
        data["date-released"] = released
    licenses = {
        str(doc.config.raw.get("rights", {}).get("license", "")).strip() for doc in documents
    }
    if len(licenses) == 1 and (license_id := licenses.pop()):
        data["license"] = license_id
    references = [r for doc in documents if (r := _cff_reference(doc)) is not None]
    if references:
        data["references"] = references
    body: str = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return (
        "# Generated by 'edition export' from the documents' .toml and teiHeader; do not edit.\n"
        + body
    ).encode("utf-8")
