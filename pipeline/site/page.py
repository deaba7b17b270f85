"""The site page, ``dist/index.html``: the documents' records rendered by ``xslt/site.xsl``.

The page lists the documents (title, dates, summary, links to the outputs that exist), the
corpus registers (every mention, linked to its id in the document's reading edition) and
the search form; ``xslt/assets/site.js``, inlined by the stylesheet, runs the search on
the index :mod:`pipeline.site.search` writes. The page reads only the records
(:mod:`pipeline.site.records`), never a master, and nothing of the search index, so it
can be made before or after the index.

Example::

    page, warnings = render_site_page(corpus_documents(Path("."), Path("dist")))
"""

from __future__ import annotations

from pathlib import Path

from ..errors import EditionError, Location
from ..files import write_if_changed
from ..render.xslt import ParamValue, render
from .records import SITE_NS, SiteDocument

PAGE_FILE = "index.html"


def corpus_xml(documents: list[SiteDocument]) -> bytes:
    """The wrapper site.xsl renders: an empty ``<s:site>``. The records go to the
    stylesheet as its ``records`` parameter, one document node each, in the order given
    (by document id): Saxon parses each small record alone, rather than one wrapper of
    them all as a single string (several copies of tens of MB at a thousand documents)."""
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<s:site xmlns:s="{SITE_NS}"/>\n'.encode()


def render_site_page(
    documents: list[SiteDocument], *, site_title: str = ""
) -> tuple[bytes, tuple[str, ...]]:
    """dist/index.html as bytes, and the stylesheet's warnings."""
    params: dict[str, ParamValue] = {"records": [document.record for document in documents]}
    if site_title:
        params["site-title"] = site_title
    result = render(
        "site", corpus_xml(documents), params, source_name="<site records of tei/*.xml>"
    )
    return result.output, result.warnings


def write_site_page(documents: list[SiteDocument], dist: Path) -> Path:
    """Render the page of ``documents`` and write it to ``dist/index.html``; its path.

    Warnings of site.xsl (none for the project's masters) raise, as a broken page would:
    ``UNHANDLED:`` elements and broken references have no place in it."""
    page, warnings = render_site_page(documents)
    path = dist / PAGE_FILE
    problems = [w for w in warnings if w.startswith(("UNHANDLED:", "BROKEN-REF:"))]
    if problems:
        raise EditionError(Location(str(path)), f"site.xsl: {problems[0]}")
    write_if_changed(path, page)
    return path
