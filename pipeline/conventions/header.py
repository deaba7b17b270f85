"""Facts read back from a TEI header: the one rule for which title is the main title.

A titleStmt may hold several titles; the main one is ``title[@type='main']``, else the
first title. The PDF's metadata, the deposit's bag-info and README, the export and the
XSLT (``f:main-title`` in common.xsl) all read it this way.
"""

from __future__ import annotations

from lxml import etree

from ..xmlsafe import NSMAP
from .text import text_of

_TITLES = "tei:fileDesc/tei:titleStmt/tei:title"


def _titles(header: etree._Element) -> list[etree._Element]:
    """The titleStmt titles of a ``teiHeader`` (or of the ``TEI`` element holding it)."""
    path = _TITLES if etree.QName(header).localname == "teiHeader" else f"tei:teiHeader/{_TITLES}"
    return header.findall(path, NSMAP)


def main_title(header: etree._Element) -> etree._Element | None:
    """The main title element: ``title[@type='main']``, else the first title, else None."""
    titles = _titles(header)
    return next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)


def subtitle(header: etree._Element) -> etree._Element | None:
    """The subtitle element, ``title[@type='sub']``, or None."""
    return next((t for t in _titles(header) if t.get("type") == "sub"), None)


def full_title(header: etree._Element) -> str:
    """``Main: Sub`` (the subtitle only if there is one), whitespace-normalised."""
    return ": ".join(t for t in (text_of(main_title(header)), text_of(subtitle(header))) if t)
