"""Line and column of an element's start tag, for diagnostics.

lxml gives only ``sourceline`` (the line where a start tag *ends*), no column. When the
document's text is at hand, the column is recovered by finding the element's start tag in
the text: the k-th element named ``p`` in document order is the k-th ``<p`` in the text once
comments, CDATA sections and processing instructions are blanked out. If the counts do not
agree (an unusual serialisation), the locator falls back to ``sourceline`` and column 1.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from lxml import etree

from ..errors import Location

# Markup that can contain something looking like a start tag; blanked, length kept.
_OPAQUE = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.DOTALL)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _source_name(element: etree._Element) -> str:
    """The element's name as written in the source: ``prefix:local`` or ``local``."""
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


class Locator:
    """Maps elements of one parsed document to :class:`Location` values."""

    def __init__(
        self,
        tree: etree._ElementTree,
        path: str,
        text: str | bytes | None = None,
        *,
        load_text: Callable[[], str | bytes | None] | None = None,
    ) -> None:
        """``text`` is the document as parsed; or ``load_text`` reads it on first need
        (files are re-read only when there is something to locate)."""
        self.path = path
        self._root = tree.getroot()
        self._raw = text
        self._load_text = load_text if text is None else None
        self._text: str | None = None
        self._line_starts: list[int] | None = None
        self._positions: dict[str, dict[etree._Element, int] | None] = {}

    def file(self) -> Location:
        """A problem with the file as a whole (reported at its start)."""
        return Location(self.path, 1, 1)

    def at(self, element: etree._Element | None) -> Location:
        """The location of ``element``'s start tag (line, column; both 1-based)."""
        if element is None:
            return self.file()
        offset = self._offset(element)
        if offset is None:
            return Location(self.path, element.sourceline or 1, 1)
        line_index = bisect.bisect_right(self._lines(), offset) - 1
        return Location(self.path, line_index + 1, offset - self._lines()[line_index] + 1)

    def _source(self) -> str | None:
        if self._text is None:
            if self._raw is None and self._load_text is not None:
                self._raw, self._load_text = self._load_text(), None
            if self._raw is not None:
                raw = (
                    self._raw.decode("utf-8", errors="replace")
                    if isinstance(self._raw, bytes)
                    else self._raw
                )
                self._text = _OPAQUE.sub(_blank, raw)
                self._raw = None
        return self._text

    def _lines(self) -> list[int]:
        if self._line_starts is None:
            assert self._text is not None
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self._text))]
        return self._line_starts

    def _offset(self, element: etree._Element) -> int | None:
        if not isinstance(element.tag, str) or self._source() is None:
            return None
        name = _source_name(element)
        if name not in self._positions:
            self._positions[name] = self._index(name, element.tag)
        table = self._positions[name]
        return None if table is None else table.get(element)

    def _index(self, name: str, tag: str) -> dict[etree._Element, int] | None:
        assert self._text is not None
        pattern = re.compile(rf"<{re.escape(name)}(?=[\s/>])")
        offsets = [m.start() for m in pattern.finditer(self._text)]
        elements = [e for e in self._root.iter(tag) if _source_name(e) == name]
        if len(offsets) != len(elements):
            return None
        # lxml keeps one proxy per node while it is referenced, so elements are stable keys.
        return dict(zip(elements, offsets, strict=True))  # lengths checked equal above
