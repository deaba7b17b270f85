"""The per-document configuration: ``tei/source/<doc>.toml`` beside the transcript.

It holds the metadata the transcript cannot say about itself (rights, the web publication,
the build date) and a few editorial switches; whatever it gives overrides what the
transcript says about itself (front matter, an archive's header block). It is optional: a
transcript that states its title is converted without one, and the header then states only
what the transcript says. Errors name the file and line, because an editor fixes them by
hand.

The build date (the date the outputs give as theirs) is never the clock: ``[edition]
build_date``, else ``SOURCE_DATE_EPOCH``, else the date of the last commit of the transcript
(a clean git checkout builds the same bytes on every machine), else the transcript file's
modification date, with a warning.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .conventions.dates import is_iso_date
from .errors import EditionError, Location


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
    rights_status: str = ""  # "free" | "restricted" | "unknown"; "" to let the transcript say
    rights_statement: str = ""
    edition_publisher: str = ""
    encoder: str = ""
    edition_version: str = "1.0"
    revisions: tuple[Revision, ...] = ()
    boilerplate: tuple[str, ...] = ()
    note_count: int | None = None  # None: derive the number of notes from the transcript
    #: who did what, as the configuration states it: (resp, name, kind) with kind
    #: "person" or "org" ("Translation and editorial notes", "World Socialist Web Site", "org")
    responsibilities: tuple[tuple[str, str, str], ...] = ()
    translator: str = ""
    editor: str = ""
    kind: str = ""  # "letter" to read the text as one, "" to let the text say
    present: bool = True  # False: no .toml; every value is a default
    build_date_source: str = "configuration"  # or "SOURCE_DATE_EPOCH", "git", "file date"
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


def _date_from_git(source: Path) -> str:
    """The date of the last commit that touched ``source`` (and its .toml), '' outside git
    or when the file has uncommitted changes (its date would then not be its content's)."""
    files = [str(p.name) for p in (source, source.with_suffix(".toml")) if p.is_file()]
    if not files:
        return ""
    try:
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", *files],
            cwd=source.parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if status.returncode != 0 or status.stdout.strip():
            return ""
        log = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *files],
            cwd=source.parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    value = log.stdout.strip()
    return value if log.returncode == 0 and is_iso_date(value) else ""


def _date_from_file(source: Path) -> str:
    try:
        stamp = source.stat().st_mtime
    except OSError:
        return ""
    return _dt.datetime.fromtimestamp(int(stamp), tz=_dt.UTC).date().isoformat()


def build_date_for(source: Path | None) -> tuple[str, str]:
    """(build date, where it came from) when the configuration gives none."""
    epoch = _date_from_epoch()
    if epoch:
        return epoch, "SOURCE_DATE_EPOCH"
    if source is not None:
        committed = _date_from_git(source)
        if committed:
            return committed, "git"
        modified = _date_from_file(source)
        if modified:
            return modified, "file date"
    return "", ""


def default_config(path: Path, doc_id: str, source: Path | None = None) -> DocumentConfig:
    """The configuration of a transcript without a .toml: nothing stated but a build date."""
    build_date, origin = build_date_for(source)
    if not build_date:
        raise EditionError(
            Location(str(path)),
            "no .toml and no build date: set [edition] build_date in it, or SOURCE_DATE_EPOCH",
        )
    return DocumentConfig(
        path=path,
        doc_id=doc_id,
        title="",
        author="",
        language="",
        build_date=build_date,
        rights_status="",
        present=False,
        build_date_source=origin,
    )


def load_config(
    path: Path, doc_id: str | None = None, source: Path | None = None
) -> DocumentConfig:
    """Read and check ``path`` (the defaults if it does not exist); raise
    :class:`EditionError` with file:line on any problem. ``source``: the transcript, for
    the build date when the configuration gives none."""
    name = str(path)
    if source is None and path.suffix == ".toml":
        candidate = path.with_suffix(".md")
        source = candidate if candidate.is_file() else None
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return default_config(path, doc_id or path.stem, source)
    except IsADirectoryError:
        raise EditionError(Location(name), "is a directory, not a .toml file") from None
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
        if value and not is_iso_date(value):
            raise EditionError(
                Location(name, _line_of(text, key)),
                f"'{key}' must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}",
            )
        return value

    document = table("document")
    original = table("original")
    publication = table("publication")
    rights = table("rights")
    edition = table("edition")
    notes = table("notes")

    build_date, build_date_source = date(edition, "build_date"), "configuration"
    if not build_date:
        build_date, build_date_source = build_date_for(source)
    if not build_date:
        raise EditionError(
            Location(name),
            "missing [edition] build_date (or set SOURCE_DATE_EPOCH): "
            "builds must not depend on the clock",
        )
    responsibilities = []
    for entry in data.get("responsibility", []) or []:
        if not isinstance(entry, dict):
            raise EditionError(
                Location(name, _line_of(text, "responsibility")),
                "[[responsibility]] entries must be tables",
            )
        resp = string(entry, "resp", required=True)
        person, org = string(entry, "person"), string(entry, "org")
        if bool(person) == bool(org):
            raise EditionError(
                Location(name, _line_of(text, "resp")),
                f"[[responsibility]] '{resp}' needs one of 'person' or 'org'",
            )
        responsibilities.append((resp, person or org, "person" if person else "org"))
    kind = string(document, "kind")
    if kind not in ("", "letter", "text"):
        raise EditionError(
            Location(name, _line_of(text, "kind")),
            f"'kind' must be 'letter' or 'text', not {kind!r}",
        )

    revisions = []
    for entry in data.get("revision", []) or []:
        if not isinstance(entry, dict):
            raise EditionError(
                Location(name, _line_of(text, "revision")), "[[revision]] entries must be tables"
            )
        revisions.append(
            Revision(date(entry, "date") or build_date, string(entry, "description", required=True))
        )

    boilerplate = notes.get("boilerplate", [])
    if not isinstance(boilerplate, list) or not all(isinstance(b, str) for b in boilerplate):
        raise EditionError(
            Location(name, _line_of(text, "boilerplate")), "'boilerplate' must be a list of strings"
        )
    note_count = notes.get("count")
    if note_count is not None and (
        not isinstance(note_count, int) or isinstance(note_count, bool) or note_count < 0
    ):
        raise EditionError(
            Location(name, _line_of(text, "count")), "'count' must be a non-negative integer"
        )

    language = string(document, "language")
    if language and not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$", language):
        raise EditionError(
            Location(name, _line_of(text, "language")),
            f"'language' must be a BCP 47 tag such as 'en', not {language!r}",
        )

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
        rights_status=string(rights, "status"),
        rights_statement=" ".join(string(rights, "statement").split()),
        edition_publisher=string(edition, "publisher"),
        encoder=string(edition, "encoder"),
        edition_version=string(edition, "version") or "1.0",
        revisions=tuple(revisions),
        boilerplate=tuple(boilerplate),
        note_count=note_count,
        responsibilities=tuple(responsibilities),
        translator=string(document, "translator"),
        editor=string(document, "editor"),
        kind=kind,
        build_date_source=build_date_source,
        raw=data,
    )
