"""The per-document configuration: ``tei/source/<doc>.toml`` beside the transcript.

It holds the metadata the transcript cannot say about itself (rights, the web publication,
the build date) and a few editorial switches. Errors name the file and line, because an
editor fixes them by hand.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EditionError, Location

ISO_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Revision:
    date: str
    description: str


@dataclass(frozen=True)
class DocumentConfig:
    """Validated contents of a document's .toml file."""

    path: Path
    doc_id: str
    title: str
    author: str
    language: str
    build_date: str
    created: str = ""
    created_place: str = ""
    original_language: str = ""
    summary: str = ""
    original_title: str = ""
    original_chapter: str = ""
    original_date: str = ""
    original_note: str = ""
    publication_title: str = ""
    publication_publisher: str = ""
    publication_date: str = ""
    publication_url: str = ""
    publication_statement: str = ""
    rights_status: str = "restricted"
    rights_statement: str = ""
    edition_publisher: str = ""
    encoder: str = ""
    edition_version: str = "1.0"
    revisions: tuple[Revision, ...] = ()
    boilerplate: tuple[str, ...] = ()
    note_count: int | None = None  # None: derive the number of notes from the transcript
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def _line_of(text: str, key: str) -> int:
    """Best-effort line of ``key =`` in the TOML text, for messages about values."""
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _date_from_epoch() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return ""
    try:
        stamp = int(epoch)
    except ValueError:
        raise EditionError(Location("SOURCE_DATE_EPOCH"), f"not an integer: {epoch!r}") from None
    return _dt.datetime.fromtimestamp(stamp, tz=_dt.UTC).date().isoformat()


def load_config(path: Path, doc_id: str | None = None) -> DocumentConfig:
    """Read and check ``path``; raise :class:`EditionError` with file:line on any problem."""
    name = str(path)
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        raise EditionError(Location(name), "missing configuration file (every transcript needs a .toml beside it)") from None
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw_bytes.count(b"\n", 0, exc.start) + 1
        raise EditionError(Location(name, line), "not valid UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "malformed TOML"
        raise EditionError(Location(name, line, col), f"malformed TOML: {message}") from None

    def table(key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise EditionError(Location(name, _line_of(text, key)), f"[{key}] must be a table")
        return value

    def string(section: dict[str, Any], key: str, required: bool = False) -> str:
        value = section.get(key, "")
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise EditionError(Location(name, _line_of(text, key)), f"'{key}' must be a string")
        value = str(value).strip()
        if required and not value:
            raise EditionError(Location(name), f"missing required key '{key}'")
        return value

    def date(section: dict[str, Any], key: str) -> str:
        value = section.get(key, "")
        if isinstance(value, _dt.date):
            value = value.isoformat()
        value = str(value).strip()
        if value and not ISO_DATE.match(value):
            raise EditionError(Location(name, _line_of(text, key)), f"'{key}' must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}")
        return value

    document = table("document")
    original = table("original")
    publication = table("publication")
    rights = table("rights")
    edition = table("edition")
    notes = table("notes")

    build_date = date(edition, "build_date") or _date_from_epoch()
    if not build_date:
        raise EditionError(Location(name), "missing [edition] build_date (or set SOURCE_DATE_EPOCH): builds must not depend on the clock")

    revisions = []
    for entry in data.get("revision", []) or []:
        if not isinstance(entry, dict):
            raise EditionError(Location(name, _line_of(text, "revision")), "[[revision]] entries must be tables")
        revisions.append(Revision(date(entry, "date") or build_date, string(entry, "description", required=True)))

    boilerplate = notes.get("boilerplate", [])
    if not isinstance(boilerplate, list) or not all(isinstance(b, str) for b in boilerplate):
        raise EditionError(Location(name, _line_of(text, "boilerplate")), "'boilerplate' must be a list of strings")
    note_count = notes.get("count")
    if note_count is not None and (not isinstance(note_count, int) or isinstance(note_count, bool) or note_count < 0):
        raise EditionError(Location(name, _line_of(text, "count")), "'count' must be a non-negative integer")

    language = string(document, "language") or "en"
    if not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$", language):
        raise EditionError(Location(name, _line_of(text, "language")), f"'language' must be a BCP 47 tag such as 'en', not {language!r}")

    return DocumentConfig(
        path=path,
        doc_id=doc_id or path.stem,
        title=string(document, "title"),
        author=string(document, "author"),
        language=language,
        build_date=build_date,
        created=date(document, "created"),
        created_place=string(document, "created_place"),
        original_language=string(document, "original_language"),
        summary=" ".join(string(document, "summary").split()),
        original_title=string(original, "title"),
        original_chapter=string(original, "chapter"),
        original_date=date(original, "date"),
        original_note=" ".join(string(original, "note").split()),
        publication_title=string(publication, "title"),
        publication_publisher=string(publication, "publisher"),
        publication_date=date(publication, "date"),
        publication_url=string(publication, "url"),
        publication_statement=string(publication, "statement"),
        rights_status=string(rights, "status") or "restricted",
        rights_statement=" ".join(string(rights, "statement", required=True).split()),
        edition_publisher=string(edition, "publisher"),
        encoder=string(edition, "encoder"),
        edition_version=string(edition, "version") or "1.0",
        revisions=tuple(revisions),
        boilerplate=tuple(boilerplate),
        note_count=note_count,
        raw=data,
    )
