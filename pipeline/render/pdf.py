"""Typeset the print edition (print.html) into a PDF/A-3b with WeasyPrint.

The PDF is an archival object: PDF/A-3b (``pdf_variant="pdf/a-3b"``: sRGB output intent,
XMP metadata with ``pdfaid:part=3``/``conformance=B``, fonts embedded), with the TEI master
embedded as an associated file (``<doc>.xml``, ``application/tei+xml``, relationship
``Source``) so that the PDF carries its own source.

Deterministic: the same print.html and TEI give byte-identical PDF bytes. Nothing comes
from the clock or the machine:

* every date (document CreationDate/ModDate, XMP, the attachment's dates) is the
  edition's date, ``teiHeader/fileDesc/publicationStmt/date/@when``, else
  ``SOURCE_DATE_EPOCH``; with neither, the PDF is refused rather than dated by the clock;
* the first part of the file identifier (``/ID``) is a digest of the inputs;
* the typeface is shipped with the project (``xslt/assets/fonts``, Noto Serif under the
  family name "Edition Serif"), so no system font can slip in.

Safe: WeasyPrint never fetches from the network. The URL fetcher serves ``data:`` URLs and
``file:`` URLs inside the output directory or ``xslt/assets`` only; anything else is
refused, and a refused fetch fails the PDF with an :class:`EditionError`.

Compiled once per process: the WeasyPrint ``FontConfiguration`` and the parsed
``@font-face`` stylesheet (:func:`_typesetter`).

Example::

    pdf = write_pdf(print_html_bytes, out_dir / "print.html", tei_bytes, "tactics-and-tasks")
    (out_dir / "tactics-and-tasks.pdf").write_bytes(pdf)
"""

from __future__ import annotations

import atexit
import base64
import functools
import hashlib
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from lxml import etree

from ..conventions.dates import is_iso_date
from ..conventions.header import author_names, main_title, publication_date
from ..conventions.text import text_of
from ..errors import EditionError, Location
from ..xmlsafe import NSMAP, XML_LANG, parse_bytes
from .xslt import XSLT_DIR

#: The print stylesheet's assets: print.css and the shipped fonts.
ASSETS_DIR = XSLT_DIR / "assets"
FONTS_CSS = ASSETS_DIR / "fonts" / "fonts.css"

#: PDF/A flavour: part 3 (embedded files of any type), conformance level B.
PDF_VARIANT = "pdf/a-3b"
#: Media type of the attached TEI master (RFC 6129).
TEI_MEDIA_TYPE = "application/tei+xml"

_XMP_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XMP_DC = "http://purl.org/dc/elements/1.1/"


# ---------------------------------------------------------------- metadata


@dataclass(frozen=True)
class PdfMetadata:
    """What the PDF says about itself, taken from the teiHeader."""

    title: str
    authors: tuple[str, ...]
    language: str
    description: str | None
    keywords: tuple[str, ...]
    #: The edition's date as a UTC datetime, and as the W3C string written to the XMP.
    date: datetime
    date_w3c: str


def _edition_date(when: str | None, where: str) -> tuple[datetime, str]:
    """The edition's date: ``@when`` (YYYY, YYYY-MM or YYYY-MM-DD) else SOURCE_DATE_EPOCH."""
    if when and is_iso_date(when):
        parts = [int(p) for p in when.split("-")] + [1, 1]
        date = datetime(parts[0], parts[1], parts[2], tzinfo=UTC)
        return date, date.strftime("%Y-%m-%dT%H:%M:%SZ")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        date = datetime.fromtimestamp(int(epoch), tz=UTC)
        return date, date.strftime("%Y-%m-%dT%H:%M:%SZ")
    raise EditionError(
        Location(where),
        "the PDF needs the edition's date: teiHeader/fileDesc/publicationStmt/date/@when "
        "(YYYY-MM-DD) or SOURCE_DATE_EPOCH; it is never taken from the clock",
    )


def pdf_metadata(tei: bytes, where: str, build_date: str | None = None) -> PdfMetadata:
    """Title, authors, language, subject (the abstract), keywords and date from the
    teiHeader of ``tei``; ``where`` names the TEI in error messages. ``build_date``
    (YYYY-MM-DD), when given, is the date instead of the header's."""
    root = parse_bytes(tei, where).getroot()
    header = root.find("tei:teiHeader", NSMAP)
    if header is None:
        raise EditionError(Location(where), "no teiHeader: the PDF's metadata come from it")
    title = text_of(main_title(header))
    if not title:
        raise EditionError(Location(where), "no title in teiHeader/fileDesc/titleStmt")
    authors = author_names(header)
    abstract = text_of(header.find("tei:profileDesc/tei:abstract", NSMAP)) or None
    keywords = tuple(
        k
        for k in (
            text_of(t)
            for t in header.iterfind("tei:profileDesc/tei:textClass/tei:keywords/tei:term", NSMAP)
        )
        if k
    )
    # the header's date may be stated only as text, such as <date>1890</date>
    when = build_date or publication_date(header) or None
    date, date_w3c = _edition_date(when, where)
    return PdfMetadata(
        title=title,
        authors=authors,
        language=root.get(XML_LANG) or "en",
        description=abstract,
        keywords=keywords,
        date=date,
        date_w3c=date_w3c,
    )


# ---------------------------------------------------------------- fetching


def _url_fetcher_class() -> type:
    """A WeasyPrint URL fetcher that reads only local files under given roots and
    ``data:`` URLs (built lazily: importing WeasyPrint loads Pango)."""
    from weasyprint.urls import URLFetcher, URLFetchingError

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Serves ``data:`` and ``file:`` URLs inside ``roots``; records what it refuses."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.roots = tuple(r.resolve() for r in roots)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(unquote(parts.path))).resolve()  # symlinks followed
                if any(path.is_relative_to(root) for root in self.roots):
                    return super().fetch(url, headers)
            self.refused.append(url)
            raise URLFetchingError(
                f"refused to fetch {url}: only data: URLs and local files are read"
            )

    return LocalOnlyFetcher


# ---------------------------------------------------------------- the typesetter


@dataclass(frozen=True)
class _Typesetter:
    """The per-process WeasyPrint state: fonts registered once, one render at a time
    (WeasyPrint's font configuration is shared mutable state)."""

    font_config: Any
    fonts_css: Any
    fetcher_class: type
    lock: threading.Lock


@functools.cache
def _typesetter() -> _Typesetter:
    """Load WeasyPrint, the shipped fonts and their @font-face rules once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    if not FONTS_CSS.is_file():
        raise EditionError(
            Location(str(FONTS_CSS)), "the print edition's font stylesheet is missing"
        )
    fetcher_class = _url_fetcher_class()
    font_config = FontConfiguration()
    # Release it while the interpreter still works: WeasyPrint's __del__ fails noisily
    # ("Exception ignored ...") if it only runs during interpreter shutdown.
    atexit.register(_typesetter.cache_clear)
    fonts_css = CSS(
        filename=str(FONTS_CSS), font_config=font_config, url_fetcher=fetcher_class((ASSETS_DIR,))
    )
    return _Typesetter(font_config, fonts_css, fetcher_class, threading.Lock())


def _pdf_identifier(print_html: bytes, tei: bytes) -> bytes:
    """The permanent part of the PDF's /ID: a digest of what the PDF is made from."""
    digest = hashlib.sha256()
    for part in (print_html, tei):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32].encode("ascii")


def _finisher(language: str) -> Any:
    """A WeasyPrint finisher (run on the PDF objects before they are written):

    * adds ``dc:language`` to the XMP packet, which WeasyPrint writes without it (the
      catalog's /Lang is set from the HTML);
    * lists each associated file once in the catalog's /AF (WeasyPrint 70 adds the
      TEI twice: from the EmbeddedFiles name tree and from its file specification).
    """

    def finish(document: Any, pdf: Any) -> None:
        _dedupe_associated_files(pdf)
        _add_xmp_language(pdf, language)

    return finish


def _dedupe_associated_files(pdf: Any) -> None:
    files = pdf.catalog.get("AF")
    if files is None:
        return
    unique = list(dict.fromkeys(files))
    files.clear()
    files.extend(unique)


def _add_xmp_language(pdf: Any, language: str) -> None:
    """Add ``dc:language`` to the XMP packet WeasyPrint wrote (a pydyf stream)."""
    reference = pdf.catalog.get("Metadata")
    if reference is None:
        return
    if isinstance(reference, bytes):  # pydyf references are b"12 0 R"
        reference = reference.decode("ascii")
    stream = pdf.objects[int(str(reference).split()[0])]
    packet = b"".join(stream.stream)
    tree = etree.ElementTree(
        etree.fromstring(packet, etree.XMLParser(resolve_entities=False, no_network=True))
    )
    rdf = tree.find(f".//{{{_XMP_RDF}}}RDF")
    if rdf is None:
        return
    description = etree.SubElement(
        rdf, f"{{{_XMP_RDF}}}Description", {f"{{{_XMP_RDF}}}about": ""}, nsmap={"dc": _XMP_DC}
    )
    bag = etree.SubElement(
        etree.SubElement(description, f"{{{_XMP_DC}}}language"), f"{{{_XMP_RDF}}}Bag"
    )
    etree.SubElement(bag, f"{{{_XMP_RDF}}}li").text = language
    # The packet's xpacket processing instructions are siblings of the root and
    # serialised with the tree.
    stream.stream = [etree.tostring(tree, encoding="utf-8")]


def write_pdf(
    print_html: bytes, print_html_path: Path, tei: bytes, doc_id: str, build_date: str | None = None
) -> bytes:
    """Typeset ``print_html`` (the output of xslt/print.xsl, to be found at
    ``print_html_path``) into PDF/A-3b bytes with ``tei`` attached as ``<doc_id>.xml``.

    Raises :class:`EditionError` when the TEI lacks what the PDF needs (title, date) or
    when the document asks for a resource outside the output directory and assets.
    """
    from weasyprint import HTML, Attachment

    where = f"{doc_id}.xml"
    meta = pdf_metadata(tei, where, build_date)
    typesetter = _typesetter()
    out_dir = print_html_path.resolve().parent
    fetcher = typesetter.fetcher_class((out_dir, ASSETS_DIR))
    options: dict[str, Any] = {
        "pdf_variant": PDF_VARIANT,
        "pdf_identifier": _pdf_identifier(print_html, tei),
        "stylesheets": [typesetter.fonts_css],
    }
    with typesetter.lock:
        try:
            html = HTML(
                string=print_html.decode("utf-8"),
                base_url=out_dir.as_uri() + "/",
                url_fetcher=fetcher,
            )
            document = html.render(font_config=typesetter.font_config, **options)
            _set_metadata(document.metadata, meta)
            attachment = Attachment(
                url="data:" + TEI_MEDIA_TYPE + ";base64," + base64.b64encode(tei).decode("ascii"),
                url_fetcher=fetcher,
                name=f"{doc_id}.xml",
                description=f"TEI P5 master of this edition ({doc_id}.xml)",
                created=meta.date,
                modified=meta.date,
                relationship="Source",
            )
            pdf = document.write_pdf(
                finisher=_finisher(meta.language), attachments=[attachment], **options
            )
        except EditionError:
            raise
        except Exception as error:  # WeasyPrint's own failures (assertions in its layout)
            reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise EditionError(
                Location(str(print_html_path)),
                f"the PDF typesetter (WeasyPrint) failed: {type(error).__name__}"
                + (f": {reason}" if reason else ""),
            ) from error
    if fetcher.refused:
        refused = ", ".join(sorted(set(fetcher.refused)))
        raise EditionError(
            Location(str(print_html_path)),
            "the print edition asks for resources outside the output directory and xslt/assets: "
            f"{refused}",
        )
    assert isinstance(pdf, bytes)
    return pdf


def _set_metadata(target: Any, meta: PdfMetadata) -> None:
    """The PDF's document information and XMP from the teiHeader, whatever print.html's
    <meta> elements say."""
    target.title = meta.title
    target.authors = list(meta.authors)
    target.lang = meta.language
    target.description = meta.description
    target.keywords = list(meta.keywords)
    target.created = meta.date_w3c
    target.modified = meta.date_w3c
    target.generator = "edition-pipeline (XSLT 3.0, WeasyPrint)"
    # Nothing but the TEI master is attached (no <link rel="attachment"> in print.html).
    target.attachments = []
