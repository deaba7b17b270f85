"""Every publication format of one TEI master, written into its output directory.

index.html        the HTML reading edition          (xslt/html.xsl)
<doc>.txt         the plain-text edition            (xslt/text.xsl)
print.html        the print edition, paged-media CSS (xslt/print.xsl)
<doc>.pdf         print.html typeset by WeasyPrint, PDF/A-3b with the TEI attached
<doc>.epub        EPUB 3                             (xslt/epub.xsl)
"""

from __future__ import annotations

import collections
from pathlib import Path

from ..conventions.header import publication_date
from ..files import write_if_changed
from ..xmlsafe import parse_bytes
from ..xmlsafe import tei as tei_tag
from . import conservation
from .xslt import Prepared, prepare, render

OUTPUT_NAMES = {
    "html": "index.html",
    "text": "{doc}.txt",
    "print": "print.html",
    "pdf": "{doc}.pdf",
    "epub": "{doc}.epub",
}


def header_build_date(tei: bytes) -> str:
    """The build date a TEI master records: the date of its publicationStmt
    (:func:`pipeline.conventions.header.publication_date`: ``@when``, else the date's text
    when it is an ISO date, ``<date>1890</date>``); or ''.

    It may be a year or a month (``1890``, ``1890-05``): every output takes such a date
    (the EPUB and the PDF read it as the first day of the period)."""
    root = parse_bytes(tei, "<TEI>").getroot()
    return publication_date(root) if root.tag == tei_tag("TEI") else ""


def render_all(
    tei: bytes,
    doc_id: str,
    out_dir: Path,
    formats: tuple[str, ...],
    *,
    build_date: str | None = None,
    source_name: str | None = None,
    document: Prepared | None = None,
) -> tuple[list[Path], list[str]]:
    """Render ``formats`` (html, text, pdf, epub) of ``tei`` into ``out_dir``; (files, warnings).

    ``build_date`` (default: the date the TEI header records) is the only date any output
    shows as its own: builds never read the clock. ``document`` is ``tei`` already
    prepared (the build prepares it once for these outputs and the site record).
    """
    params = {"build-date": header_build_date(tei) if build_date is None else build_date}
    written: list[Path] = []
    warnings: list[str] = []
    if document is None:
        document = prepare(tei, source_name)  # parsed once for every stylesheet
    reading: dict[str, tuple[conservation.Counter, tuple[str, ...]]] = {}
    for fmt in ("html", "text"):
        if fmt in formats:
            result = render(fmt, document, params)
            path = out_dir / OUTPUT_NAMES[fmt].format(doc=doc_id)
            write_if_changed(path, result.output)
            written.append(path)
            warnings.extend(f"{fmt}: {w}" for w in result.warnings)
            found = (
                conservation.html_words(result.output)
                if fmt == "html"
                else collections.Counter(conservation.words(result.output.decode("utf-8")))
            )
            reading[fmt] = (found, result.warnings)
    if reading:
        tree = parse_bytes(tei, source_name or doc_id)
        warnings.extend(f"{fmt}: {w}" for fmt, w in conservation.check(tree, reading).items())
    if "pdf" in formats:
        from .pdf import write_pdf

        result = render("print", document, params)
        print_html = out_dir / OUTPUT_NAMES["print"]
        write_if_changed(print_html, result.output)
        warnings.extend(f"print: {w}" for w in result.warnings)
        pdf_path = out_dir / OUTPUT_NAMES["pdf"].format(doc=doc_id)
        write_if_changed(
            pdf_path,
            write_pdf(result.output, print_html, tei, doc_id, params["build-date"] or None),
        )
        written.extend([print_html, pdf_path])
    if "epub" in formats:
        from .epub import write_epub

        epub_path = out_dir / OUTPUT_NAMES["epub"].format(doc=doc_id)
        warnings.extend(
            f"epub: {w}"
            for w in write_epub(
                document,
                doc_id,
                epub_path,
                params["build-date"],
                source_name=source_name,
                header_date=build_date is None,  # maybe a year or a month: see _zip_time
            )
        )
        written.append(epub_path)
    return written, warnings
