"""Reading dates written out in English into ISO 8601 (for ``@when``).

>>> parse_date("11 September 2025")
'2025-09-11'
>>> parse_date("October 4, 1929")
'1929-10-04'
>>> parse_date("April 1930")
'1930-04'
>>> parse_date("not a date")
''
"""

from __future__ import annotations

import datetime as _dt
import re

from ..conventions.dates import MONTH_NAMES

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"([A-Za-z]{3,9})\.?"
PATTERNS = [
    (re.compile(rf"^(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})$"), ("d", "m", "y")),
    (re.compile(rf"^{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})$"), ("m", "d", "y")),
    (re.compile(rf"^{_MONTH}\s+(\d{{4}})$"), ("m", "y")),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})$"), ("y",)),
]


def parse_date(text: str) -> str:
    """ISO form of a whole-string English date, or '' when it is not one (or impossible)."""
    text = " ".join(text.split()).strip(" .")
    for pattern, order in PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        year = int(parts["y"])
        month = parts.get("m")
        if month is not None and not month.isdigit():
            month_number = MONTHS.get(month.lower())
            if month_number is None:
                return ""
        else:
            month_number = int(month) if month else 0
        if "d" in parts:
            try:
                return _dt.date(year, month_number, int(parts["d"])).isoformat()
            except ValueError:
                return ""
        if month_number:
            return f"{year:04d}-{month_number:02d}" if 1 <= month_number <= 12 else ""
        return f"{year:04d}"
    return ""


def format_date(iso: str) -> str:
    """An ISO date written out in English: '2026-11-26' -> '26 November 2026'.

    >>> format_date("1930-03")
    'March 1930'
    """
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return iso


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_FOUND = [
    re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_NAMES})\.?,?\s+(\d{{4}})\b", re.IGNORECASE),
    re.compile(
        rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE
    ),
    re.compile(
        rf"\b({_MONTH_NAMES})\.?\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}},?\s+(\d{{4}})\b", re.IGNORECASE
    ),
    re.compile(rf"\b({_MONTH_NAMES})\.?,?\s+(\d{{4}})\b", re.IGNORECASE),
    re.compile(r"(?<![\d/-])(1[0-9]\d\d|20\d\d)(?![\d/-])"),
]


def find_date(text: str) -> str:
    """The first date written somewhere in ``text``, in ISO form ('' if none): a full date,
    a range within a month (its month), a month, or a year.

    >>> find_date("London, March 18-28, 1875;")
    '1875-03'
    >>> find_date("Written in autumn 1895")
    '1895'
    """
    for index, pattern in enumerate(_FOUND):
        match = pattern.search(text)
        if not match:
            continue
        if index == 2:
            return parse_date(f"{match.group(1)} {match.group(2)}")
        found = parse_date(" ".join(match.groups()))
        if found:
            return found
    return ""
