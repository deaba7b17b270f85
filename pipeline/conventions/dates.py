"""ISO 8601 dates as the project writes them: a year, a month or a day (YYYY, YYYY-MM,
YYYY-MM-DD), in configuration, in @when/@from/@to and in every output's metadata."""

from __future__ import annotations

import re

#: A date of year, month or day precision (use with fullmatch); groups: year, month, day.
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: A day: what a build date, an EPUB's dcterms:modified and bag-info's Bagging-Date need.
FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
ISO_DESCRIPTION = "an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"

#: The months in English, in order: how dates are read from and written into English text.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def is_iso_date(value: str) -> bool:
    return ISO_DATE.fullmatch(value) is not None


def is_full_date(value: str) -> bool:
    return FULL_DATE.fullmatch(value) is not None
