"""Presenting diagnostics: stable order, text lines, JSON for ``edition validate --format json``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from ..errors import Diagnostic


class DiagnosticRecord(TypedDict):
    """One diagnostic as JSON: the fields of ``path:line:col: message [CODE]``."""

    path: str
    line: int
    col: int
    severity: str
    code: str
    message: str


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in file order (path, line, column), duplicates removed.

    The same defect can be found twice (a bad date by the schema and by rule E-DATE, with the
    same message); it is reported once.
    """
    unique = dict.fromkeys(diagnostics)
    return sorted(
        unique,
        key=lambda d: (d.location.path, d.location.line, d.location.col, d.severity != "error", d.code, d.message),
    )


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True if any diagnostic fails validation (warnings do not)."""
    return any(d.severity == "error" for d in diagnostics)


def to_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One ``path:line:col: message [CODE]`` line per diagnostic."""
    return "".join(f"{d}\n" for d in diagnostics)


def to_records(diagnostics: Iterable[Diagnostic]) -> list[DiagnosticRecord]:
    """JSON-serialisable records: ``json.dumps(to_records(diags))``."""
    return [
        DiagnosticRecord(
            path=d.location.path,
            line=d.location.line,
            col=d.location.col,
            severity=d.severity,
            code=d.code,
            message=d.message,
        )
        for d in diagnostics
    ]


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """``2 errors, 1 warning``."""
    items = list(diagnostics)
    errors = sum(d.severity == "error" for d in items)
    warnings = len(items) - errors
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
