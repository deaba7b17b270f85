"""Note labels: the short marks that tie a note to its anchors, in the forms transcripts use.

A label is what a reader sees as the note's mark, without its brackets: ``1``, ``05``,
``A``, ``iv``, ``*``, ``†``, ``2*``. The same grammar reads the mark of an anchor in the
text (``<sup>[1]</sup>``, ``[\\[2*\\]](page.htm#n2)``, ``(3)``) and the mark that opens a
note (``[1] text``, ``**2.** text``, ``1*. text``), so the two can be matched.

>>> label_of("[12]"), label_of("(3)"), label_of("2*."), label_of("†"), label_of("Ibid.")
('12', '3', '2*', '†', None)
"""

from __future__ import annotations

import re

#: Symbols used as note marks, in their conventional order.
SYMBOLS = "*†‡§‖¶#"
_MARK = rf"(?:\d{{1,4}}\*?|[A-Za-z]|[ivxlcdm]{{2,6}}|\*{{1,4}}|[{re.escape(SYMBOLS[1:])}]{{1,3}})"
#: A whole string that is a note mark, with optional brackets and a closing stop.
_LABEL = re.compile(rf"^\s*[\[(]?\s*({_MARK})\s*[\])]?\s*[.:]?\s*$")
#: A note mark at the start of a note's text: "[1] ", "(1) ", "1. ", "1) ", "*", "[^1]: ".
LEADING = re.compile(
    rf"^\s*(?:(?:\[\^?({_MARK})\]:?|\(({_MARK})\)|(\d{{1,4}}\*?)[.):])(?=\s|$)|([{re.escape(SYMBOLS)}]{{1,3}}))\s*"
)
#: A Project Gutenberg footnote: "[Footnote 1: text]" (the whole paragraph).
GUTENBERG = re.compile(r"^\s*\[Footnote\s+([A-Za-z0-9*†‡]{1,4})\s*:\s*")


def label_of(text: str) -> str | None:
    """The label a short string shows, or None if it is not a note mark."""
    match = _LABEL.match(text)
    return match.group(1) if match else None


def leading_label(text: str) -> tuple[str, int] | None:
    """(label, length of the mark with its following space) at the start of ``text``."""
    match = LEADING.match(text)
    if not match:
        return None
    label = next(group for group in match.groups() if group)
    return label, match.end()


def is_number(label: str) -> bool:
    return label.rstrip("*").isdigit()
