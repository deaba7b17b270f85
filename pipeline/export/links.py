"""The IRIs of exported things: passages, register entries, annotations.

The URL at which the edition will be published is not known when it is built, so every
link is made from a path *inside dist/* and one of two policies:

- no base (the default): a relative reference from the file being written, so the data
  keeps working wherever ``dist/`` is copied or served. From ``dist/data/<doc>/`` the
  reading edition of a passage is ``../../<doc>/index.html#sec-2-A-p3``. JSON-LD resolves
  such references against the location of the file it was loaded from.
- ``--base-url B``: ``B`` + the path, for absolute IRIs. ``B`` is where ``dist/`` is
  published (``https://…/edition/``) or a URN-style prefix for data that has no public
  home yet (``urn:x-edition:``). It must end in ``/`` or ``:`` so that joining is plain
  concatenation and never silently drops a path segment as RFC 3986 resolution would.

>>> linker = Linker(None, "data/tactics-and-tasks/annotations.jsonld")
>>> linker.to("tactics-and-tasks/index.html", "sec-1-p2")
'../../tactics-and-tasks/index.html#sec-1-p2'
>>> linker = Linker("urn:x-edition:", "data/corpus/entities.jsonld")
>>> linker.to("data/corpus/entities.jsonld", "person-lenin")
'urn:x-edition:data/corpus/entities.jsonld#person-lenin'
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ..errors import EditionError, Location

#: RFC 3986 scheme, then anything; a base must be absolute.
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*\Z")

#: Where, inside dist/, each kind of thing lives.
CORPUS_DIR = "corpus"


def page_path(doc_id: str) -> str:
    """The reading edition of a document (its passages are fragments of it)."""
    return f"{doc_id}/index.html"


def data_path(doc_id: str, filename: str) -> str:
    """A data file of a document, or of the corpus with ``doc_id == CORPUS_DIR``."""
    return f"data/{doc_id}/{filename}"


#: Register entries are identified edition-wide, in the corpus register, so that the
#: per-document graphs and the corpus graph describe one node per person, not one per
#: document (merging them needs no owl:sameAs).
ENTITY_REGISTER = data_path(CORPUS_DIR, "entities.jsonld")


def check_base_url(base_url: str | None) -> str | None:
    """Refuse a base that is relative or would not join by concatenation."""
    if base_url is None or base_url == "":
        return None
    if not _ABSOLUTE.match(base_url):
        raise EditionError(
            Location("--base-url"),
            "must be an absolute IRI such as https://host/edition/ or urn:x-edition:, not "
            f"{base_url!r}",
        )
    if not base_url.endswith(("/", ":")):
        raise EditionError(
            Location("--base-url"),
            "must end in '/' or ':' (it is joined to paths such as "
            f"'tactics-and-tasks/index.html'), not {base_url!r}",
        )
    return base_url


@dataclass(frozen=True)
class Linker:
    """Makes IRIs for the file at ``here`` (a path inside dist/)."""

    base_url: str | None
    here: str

    def to(self, path: str, fragment: str = "") -> str:
        """The IRI of ``path`` (inside dist/) with an optional ``#fragment``."""
        if self.base_url is not None:
            iri = self.base_url + path
        elif path == self.here:
            iri = posixpath.basename(path)
        else:
            iri = posixpath.relpath(path, posixpath.dirname(self.here) or ".")
        return f"{iri}#{fragment}" if fragment else iri

    def entity(self, entry_id: str) -> str:
        """The edition-wide IRI of a register entry."""
        return self.to(ENTITY_REGISTER, entry_id)

    def passage(self, doc_id: str, passage_id: str) -> str:
        """The URL of a passage in the reading edition (its citation)."""
        return self.to(page_path(doc_id), passage_id)
