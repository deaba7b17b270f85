"""Pass ``entities``: tag persons, organisations, places and works from the registries.

(Stub until the registries land: records nothing.)
"""

from __future__ import annotations

from .model import Document


def run(doc: Document) -> Document:
    return doc
