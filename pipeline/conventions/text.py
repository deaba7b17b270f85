"""The text of TEI elements and transcript forms, as the project reads them.

Header values, names and titles are mixed content that is hand-indented or wrapped: their
text is the element's text with runs of whitespace made one space. (The reading of a whole
passage, with notes and apparatus set aside, is :func:`pipeline.export.mentions.read_text`;
the conservation check has its own word-level reading of the TEI, which must see every
character.)
"""

from __future__ import annotations

from lxml import etree


def normalise_space(value: str) -> str:
    """``value`` with leading and trailing whitespace dropped and inner runs made one space
    (XPath's normalize-space)."""
    return " ".join(value.split())


def text_of(element: etree._Element | None) -> str:
    """The whitespace-normalised text of ``element`` and its descendants ('' for None)."""
    return normalise_space("".join(element.itertext())) if element is not None else ""


def strip_brackets(form: str) -> str:
    """A transcript's form as a reader sees it, the editorial brackets removed.

    >>> strip_brackets("L. T[rotsky]")
    'L. Trotsky'
    >>> strip_brackets("letter dated August 8, [19]30")
    'letter dated August 8, 1930'
    """
    return form.replace("[", "").replace("]", "")
