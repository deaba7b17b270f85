"""The converter: transcript (markdown + .toml) -> TEI master, as a chain of named passes.

Each pass takes the :class:`~pipeline.convert.model.Document` and returns it, enriched::

    read -> repair -> furniture -> notes -> titlepage -> letter -> structure -> citations
         -> entities -> apparatus -> header -> write

``convert_file`` runs them all and returns the TEI as bytes; nothing is written until every
pass has succeeded, and the caller writes it atomically (``pipeline.files``), so a failed
conversion never leaves a half-written master behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import DocumentConfig, load_config
from ..errors import Diagnostic, EditionError, Location
from . import (
    apparatus,
    citations,
    entities,
    furniture,
    header,
    letter,
    notes,
    read,
    repair,
    structure,
    titlepage,
    write,
)
from .model import Document

Pass = Callable[[Document], Document]

PASSES: list[tuple[str, Pass]] = [
    ("read", read.run),
    ("repair", repair.run),
    ("furniture", furniture.run),
    ("notes", notes.run),
    ("titlepage", titlepage.run),
    ("letter", letter.run),
    ("structure", structure.run),
    ("citations", citations.run),
    ("entities", entities.run),
    ("apparatus", apparatus.run),
    ("header", header.run),
    ("write", write.run),
]
PASS_NAMES = [name for name, _ in PASSES]

#: The largest transcript accepted; a chapter is ~100 KB, a whole book a few MB.
MAX_SOURCE_BYTES = 20 * 1024 * 1024


@dataclass
class ConversionResult:
    document: Document
    tei: bytes
    diagnostics: list[Diagnostic]


def read_source(path: Path) -> str:
    """The transcript as text: UTF-8 strictly, size-capped, not empty."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise EditionError(Location(name), "no such file") from None
    if path.is_dir():
        raise EditionError(Location(name), "is a directory, not a transcript")
    if size > MAX_SOURCE_BYTES:
        raise EditionError(
            Location(name), f"file is {size:,} bytes; the limit is {MAX_SOURCE_BYTES:,}"
        )
    data = path.read_bytes()
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise EditionError(
            Location(name, data.count(b"\n", 0, at) + 1),
            "binary file (NUL byte), not a markdown transcript",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise EditionError(
            Location(name, line, col), f"not valid UTF-8 (byte 0x{data[exc.start]:02x})"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise EditionError(Location(name, 1), "empty transcript")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def run_passes(doc: Document, names: list[str] | None = None) -> Document:
    """Run the named passes (all by default) in their fixed order."""
    wanted = PASS_NAMES if names is None else names
    unknown = [n for n in wanted if n not in PASS_NAMES]
    if unknown:
        raise ValueError(
            f"unknown converter pass(es): {', '.join(unknown)}; known: {', '.join(PASS_NAMES)}"
        )
    for name, function in PASSES:
        if name in wanted:
            doc = function(doc)
    return doc


def config_path_for(source: Path) -> Path:
    return source.with_suffix(".toml")


def passes_until(last: str) -> list[str]:
    """The passes from the first to ``last``, in their order."""
    if last not in PASS_NAMES:
        raise ValueError(f"unknown converter pass {last!r}; known: {', '.join(PASS_NAMES)}")
    return PASS_NAMES[: PASS_NAMES.index(last) + 1]


def read_document(
    source: Path, config_path: Path | None = None, *, until: str = PASS_NAMES[-1]
) -> Document:
    """The one way a transcript becomes a :class:`Document`: read it (the transcript first,
    so a missing one is the error reported), load its configuration, run the passes up to
    and including ``until``."""
    markdown = read_source(source)
    config = load_config(config_path or config_path_for(source), doc_id=source.stem)
    return run_passes(
        Document(source=source, config=config, markdown=markdown), passes_until(until)
    )


def _result(doc: Document) -> ConversionResult:
    assert doc.tei is not None, "the write pass is the last pass"
    return ConversionResult(doc, write.serialize(doc.tei), doc.diagnostics)


def convert_text(markdown: str, config: DocumentConfig, source: Path) -> ConversionResult:
    """Convert a transcript given as text (``source`` names it in messages)."""
    if not markdown.strip():
        raise EditionError(Location(str(source), 1), "empty transcript")
    return _result(run_passes(Document(source=source, config=config, markdown=markdown)))


def convert_file(source: Path, config_path: Path | None = None) -> ConversionResult:
    return _result(read_document(source, config_path))
