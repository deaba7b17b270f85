"""The corpus site: ``dist/index.html`` and its full-text search index ``dist/pagefind/``.

Three modules, one job each:

- :mod:`pipeline.site.records`: each document's *site record* ``dist/<doc>/site.xml``,
  written by the document's build (:func:`write_site_record`), and the edition's
  documents with their records and outputs (:func:`corpus_documents`);
- :mod:`pipeline.site.search`: the search index of the reading editions, Pagefind
  bundles in shards, re-indexed only where pages changed (:func:`index_search`);
- :mod:`pipeline.site.page`: the site page, the records rendered by ``xslt/site.xsl``
  (:func:`write_site_page`).

:func:`build_site` runs them in turn, after every document has been rendered.

Example::

    written = build_site(Path("."), Path("dist"))   # [dist/index.html, dist/pagefind/...]
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from ..errors import EditionError, Location
from .page import render_site_page, write_site_page
from .records import (
    RECORD_FILE,
    SiteDocument,
    corpus_documents,
    make_site_record,
    record_key,
    write_site_record,
)
from .search import index_search, plan_shards

__all__ = [
    "RECORD_FILE",
    "SiteDocument",
    "build_site",
    "corpus_documents",
    "index_search",
    "make_site_record",
    "plan_shards",
    "record_key",
    "render_site_page",
    "write_site_page",
    "write_site_record",
]


def build_site(project_root: Path, dist: Path, leave_out: Collection[str] = ()) -> list[Path]:
    """Write ``dist/index.html`` and the search index ``dist/pagefind/``; the files written.

    Run it after the documents are rendered: the site links only to outputs that exist.
    Without any reading edition there is nothing to search, and only the page is written.
    The search index covers the reading editions of the documents listed (not a stray
    ``dist/<name>/index.html`` of a document no longer in tei/). ``leave_out``: ids of
    files in tei/ that are not to be published (TEI from another project that the build
    refused), neither listed nor searched.
    """
    documents = [d for d in corpus_documents(project_root, dist) if d.doc_id not in leave_out]
    if not documents:
        raise EditionError(
            Location(str(project_root / "tei")),
            "no TEI documents (tei/*.xml) to publish on the site",
        )
    # the search index first: Pagefind's processes run while this one is still small
    # (rendering the page grows it, and Saxon does not give the memory back)
    editions = [
        document.doc_id
        for document in documents
        if any(kind == "html" for kind, _, _ in document.outputs)
    ]
    index_files = index_search(dist, editions) if editions else []
    return [write_site_page(documents, dist), *index_files]
