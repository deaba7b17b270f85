"""The EPUB 3 edition of one TEI master (``dist/<doc>/<doc>.epub``).

``xslt/epub.xsl`` makes every file of the publication (package document, navigation
document, XHTML content documents, CSS) and returns them in one XML result, ``<x:files>``
with one ``<x:file href="EPUB/..." media-type="...">`` of serialised text each. This
module adds the two files that are packaging rather than content (``mimetype`` and
``META-INF/container.xml``) and writes the zip container (EPUB 3.3, OCF).

Deterministic: two builds of the same master give byte-identical files.

* ``mimetype`` is the first entry, stored (not compressed), without extra fields;
* the other entries follow in sorted order, deflated at a fixed level;
* every entry has the same timestamp (the build date, 00:00:00) and permissions (0644,
  "created on Unix"), whatever the clock, umask or file system say;
* the identifier is a UUID 5 of the document id (:func:`book_identifier`), so it is stable
  across builds and differs between documents;
* ``dcterms:modified`` is the build date at T00:00:00Z (epub.xsl); a date of a year or a
  month the TEI header records (``1890``, ``1890-05``) stands for the first day of that period.

Example::

    write_epub(
        tei_bytes,
        "tactics-and-tasks",
        Path("dist/tactics-and-tasks/tactics-and-tasks.epub"),
        build_date="2026-11-26",
    )
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..conventions.dates import FULL_DATE, ISO_DATE
from ..errors import EditionError, Location
from ..files import write_if_changed
from ..xmlsafe import parse_bytes
from .xslt import Prepared, render

#: The namespace of epub.xsl's result wrapper.
FILES_NS = "urn:x-edition:epub"
MIMETYPE = b"application/epub+zip"
CONTAINER_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    b"  <rootfiles>\n"
    b'    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n'
    b"  </rootfiles>\n"
    b"</container>\n"
)
#: Namespace of the edition's UUID 5 identifiers: a UUID 5 of the project's URN in the URL
#: namespace, fixed here so that identifiers never change between versions of the code.
EDITION_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-edition-pipeline:epub")
#: Regular file, rw-r--r--, in the upper 16 bits of a zip entry's external attributes.
FILE_MODE = 0o100644 << 16


@dataclass(frozen=True)
class EpubFile:
    """One file of the publication: its path in the container, media type and bytes."""

    path: str
    media_type: str
    data: bytes


def book_identifier(doc_id: str) -> str:
    """The publication's dc:identifier: ``urn:uuid:`` + UUID 5 of the document id.

    >>> book_identifier("tactics-and-tasks") == book_identifier("tactics-and-tasks")
    True
    """
    return f"urn:uuid:{uuid.uuid5(EDITION_NAMESPACE, doc_id)}"


def _zip_time(
    build_date: str, where: str, header_date: bool = False
) -> tuple[int, int, int, int, int, int]:
    """The timestamp of every entry: the build date at 00:00:00.

    A build date the caller gives must be a day (YYYY-MM-DD) from 1980 on, which a zip
    file can record. A date the TEI header records (``header_date``: publicationStmt/date,
    when the caller gives none) is taken as it is: a year or a month (``<date
    when="1890"/>``) stands for the first day of its period, as dcterms:modified does in
    epub.xsl, and a date before 1980 gives 1980-01-01, zip's first day (dcterms:modified
    keeps the real date).
    """
    match = (ISO_DATE if header_date else FULL_DATE).fullmatch(build_date)
    if not match:
        raise EditionError(
            Location(where), f"the EPUB needs a build date as YYYY-MM-DD, not {build_date!r}"
        )
    year, month, day = (int(g) if g else 1 for g in match.groups())
    if year < 1980:  # the zip format cannot record earlier dates
        if header_date:
            return (1980, 1, 1, 0, 0, 0)
        raise EditionError(
            Location(where),
            f"build date {build_date} is before 1980, which a zip file cannot record",
        )
    return (year, month, day, 0, 0, 0)


def epub_files(
    tei: bytes | Prepared, doc_id: str, build_date: str, *, source_name: str | None = None
) -> tuple[list[EpubFile], tuple[str, ...]]:
    """Run epub.xsl; the publication's files (without ``mimetype``) and the warnings."""
    where = source_name or f"{doc_id}.xml"
    result = render(
        "epub",
        tei,
        {"build-date": build_date, "book-id": book_identifier(doc_id)},
        source_name=where,
    )
    root = parse_bytes(result.output, f"epub.xsl output for {where}").getroot()
    files = [EpubFile("META-INF/container.xml", "application/xml", CONTAINER_XML)]
    for element in root.iterfind(f"{{{FILES_NS}}}file"):
        files.append(
            EpubFile(
                element.get("href", ""),
                element.get("media-type", ""),
                (element.text or "").encode("utf-8"),
            )
        )
    paths = [f.path for f in files]
    if len(set(paths)) != len(paths) or any(
        not p or p.startswith("/") or ".." in p.split("/") for p in paths
    ):
        raise EditionError(Location(where), f"epub.xsl produced unusable file paths: {paths}")
    return files, result.warnings


def zip_epub(
    files: list[EpubFile], build_date: str, where: str = "<EPUB>", *, header_date: bool = False
) -> bytes:
    """The OCF zip container: ``mimetype`` first and stored, then ``files`` in sorted
    order, deflated, with fixed timestamps and permissions (``header_date``: see
    :func:`_zip_time`)."""
    stamp = _zip_time(build_date, where, header_date)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        entries = [EpubFile("mimetype", "", MIMETYPE), *sorted(files, key=lambda f: f.path)]
        for entry in entries:
            info = zipfile.ZipInfo(entry.path, date_time=stamp)
            info.create_system = 3  # Unix, so that the permissions below are read as such
            info.external_attr = FILE_MODE
            if entry.path == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, entry.data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, entry.data, compresslevel=9)
    return buffer.getvalue()


def epub_bytes(
    tei: bytes | Prepared,
    doc_id: str,
    build_date: str,
    *,
    source_name: str | None = None,
    header_date: bool = False,
) -> tuple[bytes, tuple[str, ...]]:
    """The EPUB of ``tei`` as bytes, and the stylesheet's warnings. ``header_date``: the
    build date is the one the TEI header records, maybe a year or a month (1890, 1890-05)."""
    files, warnings = epub_files(tei, doc_id, build_date, source_name=source_name)
    zipped = zip_epub(files, build_date, source_name or doc_id, header_date=header_date)
    return zipped, warnings


def write_epub(
    tei: bytes | Prepared,
    doc_id: str,
    out_path: Path,
    build_date: str,
    *,
    source_name: str | None = None,
    header_date: bool = False,
) -> tuple[str, ...]:
    """Write the EPUB of ``tei`` to ``out_path`` (atomically, only if it changed);
    ``header_date`` as in :func:`epub_bytes`.

    Returns the stylesheet's warnings (``UNHANDLED:``, ``BROKEN-LINK:`` ...), which the
    build reports as it reports those of the other formats.
    """
    data, warnings = epub_bytes(
        tei, doc_id, build_date, source_name=source_name, header_date=header_date
    )
    write_if_changed(out_path, data)
    return warnings


def read_epub(path: Path) -> dict[str, bytes]:
    """Every entry of an EPUB by name (for tests and checks)."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package_document(entries: dict[str, bytes]) -> etree._Element:
    """The parsed package document (EPUB/package.opf) of an EPUB's entries."""
    return parse_bytes(entries["EPUB/package.opf"], "EPUB/package.opf").getroot()
