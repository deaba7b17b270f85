"""Identifiers shared by the converter (which makes them) and the rules (which check them)."""

from __future__ import annotations


def unique_id(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3`` ... if taken; records the one returned.

    >>> taken = {"sec-III"}
    >>> unique_id("sec-III", taken)
    'sec-III-2'
    """
    base, k = candidate, 2
    while candidate in taken:
        candidate = f"{base}-{k}"
        k += 1
    taken.add(candidate)
    return candidate
