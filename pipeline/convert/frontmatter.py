"""What a transcript says about itself before its text: YAML front matter and pandoc's
``%`` title block, read into :class:`~pipeline.convert.model.Metadata`.

Only keys whose meaning is plain are used, each for what it says (``translator`` is a
translator, never a publisher); the other keys are named in the editorialDecl, not
interpreted. Example::

    ---
    title: "Concerning Dangers from Dissensions Between the States"
    author: "Alexander Hamilton"
    publicationDate: "1787-11-14"
    ---
    -> Metadata(title="Concerning Dangers ...", authors=["Alexander Hamilton"], date="1787-11-14")
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml

from ..errors import EditionError
from .dates import parse_date
from .model import Block, Document, Fact, Span, inline_text

#: front-matter keys (lower case, "-" and "_" ignored) -> the metadata field they fill
KEYS = {
    "title": "title",
    "subtitle": "subtitle",
    "author": "authors",
    "authors": "authors",
    "creator": "authors",
    "creators": "authors",
    "by": "authors",
    "translator": "translators",
    "translators": "translators",
    "translatedby": "translators",
    "editor": "editors",
    "editors": "editors",
    "date": "date",
    "published": "date",
    "publicationdate": "date",
    "pubdate": "date",
    "year": "date",
    "written": "date",
    "created": "date",
    "datewritten": "date",
    "url": "url",
    "link": "url",
    "permalink": "url",
    "canonical": "url",
    "canonicalurl": "url",
    "sourceurl": "url",
    "originalurl": "url",
    "license": "licence",
    "licence": "licence",
    "rights": "licence",
    "copyright": "licence",
    "licenseurl": "licence_url",
    "licenceurl": "licence_url",
    "publisher": "publisher",
    "publication": "publisher",
    "publicationvenue": "publisher",
    "journal": "publisher",
    "periodical": "publisher",
    "newspaper": "publisher",
    "source": "source",
    "lang": "language",
    "language": "language",
}
LIST_FIELDS = {"authors", "translators", "editors"}
URL = re.compile(r"^https?://\S+$")


def _key(name: str) -> str:
    return re.sub(r"[-_\s]", "", name).lower()


def _names(value: Any) -> list[str]:
    """People as front matter gives them: a string ("A; B"), a list, or {name: ...}."""
    if value is None:
        return []
    if isinstance(value, dict):
        name = value.get("name") or " ".join(
            str(value.get(k, "")) for k in ("given", "family") if value.get(k)
        )
        return [str(name).strip()] if str(name).strip() else []
    if isinstance(value, (list, tuple)):
        return [name for item in value for name in _names(item)]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _text(value: Any) -> str:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return str(value.get("url") or value.get("name") or value.get("label") or "")
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value if _text(v))
    return " ".join(str(value).split()) if value is not None else ""


def _iso(value: Any) -> str:
    """An ISO date from a YAML date, datetime or string, '' if it is not one."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = _text(value)
    match = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[ T]\d{1,2}:\d{2}.*)?$", text)
    return match.group(1) if match else parse_date(text)


def read(doc: Document, text: str, line: int) -> None:
    """Fill ``doc.metadata`` from the YAML front matter that starts at ``line``."""
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (
            doc.where(line + 1 + mark.line, mark.column + 1)
            if mark is not None
            else doc.where(line)
        )
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise EditionError(where, f"front matter is not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise EditionError(
            doc.where(line),
            "front matter must be YAML keys and values (title: ...), not a single value",
        )
    meta = doc.metadata
    unused: list[str] = []
    for key, value in data.items():
        field = KEYS.get(_key(str(key)))
        if field is None or value in (None, "", []):
            unused.append(str(key))
            continue
        if field in LIST_FIELDS:
            names = _names(value)
            getattr(meta, field).extend(n for n in names if n not in getattr(meta, field))
        elif field == "date":
            if not meta.date:
                meta.date, meta.date_text = _iso(value), _text(value)
        elif field == "source" and isinstance(value, str) and URL.match(value.strip()):
            meta.url = meta.url or value.strip()
        elif field == "url":
            meta.url = meta.url or _text(value)
        elif not getattr(meta, field):
            setattr(meta, field, _text(value))
        meta.facts.append(
            Fact(
                str(key),
                _text(value) if field not in LIST_FIELDS else "; ".join(_names(value)),
                line,
                "front matter",
            )
        )
    doc.stats["front_matter_keys"] = len(data)
    described = (
        "The transcript's YAML front matter (source lines "
        f"{line}-{line + text.count(chr(10)) + 1}) is metadata, not text: "
    )
    used = [str(k) for k in data if str(k) not in unused]
    described += (
        f"its keys {', '.join(used)} fill the teiHeader"
        if used
        else "none of its keys is one the header uses"
    )
    if unused:
        described += f"; the keys {', '.join(unused)} are not encoded"
    doc.decide("correction", described + ".")


def title_block(doc: Document) -> None:
    """Pandoc's title block: up to three lines "% title", "% author(s)", "% date" at the very
    top become the title heading and a byline, as the structure pass reads them."""
    first = doc.blocks[0] if doc.blocks else None
    if (
        first is None
        or first.kind != "para"
        or not isinstance(first.content[0], str)
        or not first.content[0].startswith("%")
    ):
        return
    text = inline_text(first.content)
    parts = [p.strip() for p in re.split(r"(?:^|\s)%(?:\s|$)", " " + text) if p.strip()]
    if not 1 <= len(parts) <= 3:
        return
    doc.blocks[0] = Block("heading", first.line, [parts[0]], first.line, level=1)
    if len(parts) > 1:
        content: list[Span | str] = []
        for index, part in enumerate(parts[1:]):
            if index:
                content.append(Span("lb", {}, [], first.line))
            content.append(part)
        doc.blocks.insert(1, Block("byline", first.line, list(content), first.end_line))
    doc.decide(
        "interpretation",
        f"The pandoc title block (source line {first.line}) gives the title page "
        "its title, author and date.",
    )
