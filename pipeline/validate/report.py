"""Presenting diagnostics: stable order, text lines, JSON for ``edition validate --format json``."""

from __future__ import annotations

import re
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
        key=lambda d: (
            d.location.path,
            d.location.line,
            d.location.col,
            d.severity != "error",
            d.code,
            d.message,
        ),
    )


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True if any diagnostic fails validation (warnings do not)."""
    return any(d.severity == "error" for d in diagnostics)


#: What varies between two warnings of one kind: quoted passages, numbers, line ranges.
_VARIABLE = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”|\d+(?:[-/]\d+)*")
SHOWN_LINES = 5


def grouped(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """Lines for a reader: every error on its own line; warnings of one kind in one file
    (the same code, the message alike but for its quotations and numbers) on one line, with
    their count and the first lines they are found at.

    >>> # file.md:12: warning: image in the transcript removed [W-IMAGE]
    >>> #     (63 times; lines 12, 40, 57, 61, 70 ...)
    """
    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    lines: list[str | tuple[str, str, str]] = []
    for diagnostic in diagnostics:
        if diagnostic.severity == "error":
            lines.append(str(diagnostic))
            continue
        key = (diagnostic.location.path, diagnostic.code, _VARIABLE.sub("…", diagnostic.message))
        if key not in groups:
            groups[key] = []
            lines.append(key)
        groups[key].append(diagnostic)
    out: list[str] = []
    for line in lines:
        if isinstance(line, str):
            out.append(line)
            continue
        found = groups[line]
        if len(found) == 1:
            out.append(str(found[0]))
            continue
        at = [d.location.line for d in found if d.location.line]
        where = ", ".join(str(n) for n in at[:SHOWN_LINES]) + (
            " ..." if len(at) > SHOWN_LINES else ""
        )
        out.append(
            f"{found[0]} ({len(found)} times{'; lines ' + where if where else ''}; all with "
            "--verbose)"
        )
    return out


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
    return (
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )
