"""Errors a user can cause, reported as one line ``path:line:col: message``.

Every stage raises :class:`EditionError` (or a subclass) for bad input; the CLI prints
``str(error)`` and exits with status 1. Nothing else a user can trigger may escape as a
traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A position in an input file; line and column are 1-based, 0 means unknown."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


class EditionError(Exception):
    """A problem with the user's input: bad file, invalid TEI, missing configuration."""

    def __init__(self, location: Location | str | Path, message: str) -> None:
        if not isinstance(location, Location):
            location = Location(str(location))
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")


@dataclass(frozen=True)
class Diagnostic:
    """One finding of a check: an error fails the check, a warning is only shown."""

    location: Location
    message: str
    severity: str = "error"  # "error" | "warning"
    code: str = ""

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        code = f" [{self.code}]" if self.code else ""
        return f"{self.location}: {prefix}{self.message}{code}"
