"""Facts read back from a TEI header: which title is the main title, the authors' names,
the date of the publication statement.

A titleStmt may hold several titles; the main one is ``title[@type='main']``, else the
first title. The PDF's metadata, the deposit's bag-info and README, the export and the
XSLT (``f:main-title`` in common.xsl) all read it this way.

An author's name is the text of the titleStmt's ``author`` without the identifiers and
notes it may also hold: other projects write ``<author><persName>...</persName><idno
type="wikidata">Q34628</idno></author>`` (DraCor), and the identifier is no part of the
name. The date of the publicationStmt is its ``date/@when``, else the date's text when that
is an ISO date (``<date>2014</date>``), else nothing.
"""

from __future__ import annotations

from lxml import etree

from ..xmlsafe import NSMAP, tei
from .dates import ISO_DATE
from .text import normalise_space, text_of

_TITLES = "tei:fileDesc/tei:titleStmt/tei:title"
#: What an author element may hold that is not the author's name.
_NOT_NAME = frozenset(tei(t) for t in ("idno", "note"))


def _in_header(header: etree._Element, path: str) -> list[etree._Element]:
    """``path`` (from the teiHeader) under a ``teiHeader``, or under the ``TEI`` holding it."""
    if etree.QName(header).localname != "teiHeader":
        path = f"tei:teiHeader/{path}"
    return header.findall(path, NSMAP)


def _titles(header: etree._Element) -> list[etree._Element]:
    """The titleStmt titles of a ``teiHeader`` (or of the ``TEI`` element holding it)."""
    return _in_header(header, _TITLES)


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


def name_of(element: etree._Element) -> str:
    """The whitespace-normalised name an ``author`` (or ``editor``) element gives: its
    text without the identifiers (``idno``) and notes it holds."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag not in _NOT_NAME and isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return normalise_space("".join(parts))


def author_names(header: etree._Element) -> tuple[str, ...]:
    """The names of the titleStmt's authors, in order (authors without a name left out)."""
    names = (name_of(a) for a in _in_header(header, "tei:fileDesc/tei:titleStmt/tei:author"))
    return tuple(name for name in names if name)


def publication_date(header: etree._Element) -> str:
    """The date of the publicationStmt as the header gives it: ``date/@when``, else the
    text of a date that is an ISO date (``<date>2014</date>``), else ''. (A master's is
    its build date; another project's, the date it published its TEI.)"""
    dates = _in_header(header, "tei:fileDesc/tei:publicationStmt/tei:date")
    for date in dates:
        when = normalise_space(date.get("when", ""))
        if when:
            return when
    for date in dates:
        text = text_of(date)
        if ISO_DATE.fullmatch(text):
            return text
    return ""
