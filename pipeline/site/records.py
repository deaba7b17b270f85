"""Site records: the few KB of each master the corpus site needs, ``dist/<doc>/site.xml``.

Each document's build writes its record (:func:`write_site_record`, ``xslt/site-record.xsl``):
title, author, dates, summary, citable passages, register entries with the ids and labels
of their mentions. A record carries a key, the digest of its master and of the
stylesheets that make records (:func:`record_key`), so that the site can tell a current
record from one to make again.

:func:`corpus_documents` collects the edition's documents for the site: every
``tei/*.xml`` with a current record, else, parsed safely, every one whose root is a TEI
document with a text (not a registry, not a ``teiCorpus``), whose record is then made in
memory; with the outputs that exist for each under ``dist/<doc>/``. No master is parsed
when the records are current, so the memory this takes grows with the records (a few KB a
document), not with the masters.

Example::

    path, warnings = write_site_record(tei, "tactics-and-tasks", Path("dist/tactics-and-tasks"))
    documents = corpus_documents(Path("."), Path("dist"))   # sorted by document id
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import EditionError, Location
from ..files import write_if_changed
from ..render.xslt import ParamValue, Prepared, render, stylesheet_path
from ..xmlsafe import TEI_NS, parse_bytes, parse_file

SITE_NS = "urn:x-edition:site"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
#: Each document's site record: dist/<doc>/site.xml, made by xslt/site-record.xsl.
RECORD_FILE = "site.xml"
RECORD_STYLESHEET = "site-record"
#: Raised when what a record holds changes in a way its stylesheets' digest cannot show.
RECORD_VERSION = 1

#: The outputs a document may have, in the order the site lists them: kind -> file name
#: under dist/<doc>/ ({doc} is the document id). The names are those pipeline/render writes.
OUTPUT_FILES: tuple[tuple[str, str], ...] = (
    ("html", "index.html"),
    ("text", "{doc}.txt"),
    ("pdf", "{doc}.pdf"),
    ("epub", "{doc}.epub"),
)


@dataclass(frozen=True)
class SiteDocument:
    """One document of the edition: its id, master, the outputs that exist for it, and its
    site record with those outputs added (the ``<s:document>`` site.xsl receives)."""

    doc_id: str
    master: Path
    outputs: tuple[tuple[str, str, int], ...]  # (kind, href relative to dist, size in bytes)
    record: bytes = b""


@functools.cache
def _record_stylesheets_digest() -> str:
    """A digest of site-record.xsl and every module it imports (read once per process): a
    record made by other stylesheets than today's is remade, not trusted."""
    digest = hashlib.sha256()
    for path in _stylesheet_modules(stylesheet_path(RECORD_STYLESHEET)):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stylesheet_modules(path: Path, seen: tuple[Path, ...] = ()) -> list[Path]:
    """A stylesheet and the modules it imports or includes, depth first, each once."""
    if path in seen:
        return []
    modules = [path]
    for child in parse_file(path).getroot():
        if child.tag in (f"{{{XSL_NS}}}import", f"{{{XSL_NS}}}include"):
            modules += _stylesheet_modules(
                (path.parent / child.get("href", "")).resolve(), (*seen, *modules)
            )
    return modules


def record_key(tei: bytes) -> str:
    """The key a record of the master ``tei`` carries: the digest of the master's bytes and
    of the stylesheets that make records. A record whose key differs is out of date."""
    digest = hashlib.sha256(
        f"site-record-{RECORD_VERSION}\0{_record_stylesheets_digest()}\0".encode()
    )
    digest.update(tei)
    return digest.hexdigest()


def make_site_record(
    tei: bytes, doc_id: str, source_name: str | None = None, document: Prepared | None = None
) -> tuple[bytes, tuple[str, ...]]:
    """The site record of one master (site-record.xsl) and the stylesheet's warnings;
    ``document`` is ``tei`` already prepared for Saxon, if the caller has it."""
    params: dict[str, ParamValue] = {"document-id": doc_id, "record-key": record_key(tei)}
    result = render(
        RECORD_STYLESHEET, tei if document is None else document, params, source_name=source_name
    )
    return result.output, result.warnings


def write_site_record(
    tei: bytes,
    doc_id: str,
    out_dir: Path,
    source_name: str | None = None,
    document: Prepared | None = None,
) -> tuple[Path, tuple[str, ...]]:
    """Write ``out_dir/site.xml``, the site record of the master ``tei`` (the build calls
    this in its worker, with the master in hand); the path and the stylesheet's warnings."""
    record, warnings = make_site_record(tei, doc_id, source_name, document)
    path = out_dir / RECORD_FILE
    write_if_changed(path, record)
    return path, warnings


def _current_record(path: Path, doc_id: str, key: str) -> etree._Element | None:
    """The record at ``path`` if it is one of document ``doc_id`` with key ``key``."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    try:
        root = parse_bytes(data, path).getroot()
    except EditionError:
        return None  # damaged: remade from the master
    if root.tag != f"{{{SITE_NS}}}document" or root.get("id") != doc_id or root.get("key") != key:
        return None
    return root


def _is_document(root: etree._Element) -> bool:
    return root.tag == f"{{{TEI_NS}}}TEI" and root.find(f"{{{TEI_NS}}}text") is not None


def _record_of(master: Path, dist: Path) -> etree._Element | None:
    """The site record of ``master``: the one its build wrote if it is current, else made
    now from the master; None when the file is no document of the edition."""
    doc_id = master.stem
    data = master.read_bytes()
    record = _current_record(dist / doc_id / RECORD_FILE, doc_id, record_key(data))
    if record is not None:
        return record
    if not _is_document(parse_bytes(data, master).getroot()):
        return None
    output, warnings = make_site_record(data, doc_id, str(master))
    problems = [w for w in warnings if w.startswith(("UNHANDLED:", "BROKEN-REF:"))]
    if problems:
        raise EditionError(Location(str(master)), f"{RECORD_STYLESHEET}.xsl: {problems[0]}")
    return parse_bytes(output, f"<site record of {master}>").getroot()


def corpus_documents(project_root: Path, dist: Path) -> list[SiteDocument]:
    """The edition's documents (``tei/*.xml`` TEI documents, sorted by id) and their outputs.

    Each master is read only to check that its record (``dist/<doc>/site.xml``) is current;
    a master without a current record (built by an older pipeline, converted by hand, a
    failed build) is parsed and its record made here, in memory. The records are kept as
    bytes (a few KB each) and parsed one at a time, so memory grows with the records, not
    with the masters."""
    documents: list[SiteDocument] = []
    for master in sorted((project_root / "tei").glob("*.xml")):
        record = _record_of(master, dist)
        if record is None:
            continue
        doc_id = master.stem
        outputs: list[tuple[str, str, int]] = []
        for kind, pattern in OUTPUT_FILES:
            name = pattern.format(doc=doc_id)
            path = dist / doc_id / name
            if path.is_file():
                size = path.stat().st_size
                outputs.append((kind, f"{doc_id}/{name}", size))
                etree.SubElement(
                    record,
                    f"{{{SITE_NS}}}output",
                    kind=kind,
                    href=f"{doc_id}/{name}",
                    bytes=str(size),
                )
        data: bytes = etree.tostring(record, encoding="UTF-8")
        documents.append(SiteDocument(doc_id, master, tuple(outputs), data))
    return documents
