"""CSV for editors: the register entries and the mentions, one row each.

Format (RFC 4180): UTF-8 without a byte-order mark, a header row, CRLF line ends (the
RFC's record separator; every spreadsheet and ``csv`` module reads them), fields quoted
only where needed. A cell holding several values separates them with `` | `` (names) or a
space (URIs, occurrences, which contain no spaces).

Dates are one EDTF value (ISO 8601-2): a person's life span ``1896/1963?`` (``?``: the
entry's ``@cert`` says the value is not certain; ``..``: not given), a work's date ``1930-04``
or range ``1923-12/1924-01``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from .entries import RegisterEntry
from .mentions import Mention

LIST_SEPARATOR = " | "

ENTITY_COLUMNS = (
    "id",
    "kind",
    "name",
    "variants",
    "dates",
    "description",
    "authority_ids",
    "mentions",
)
CORPUS_ENTITY_COLUMNS = (*ENTITY_COLUMNS[:-1], "documents", "mentions", "occurrences")
MENTION_COLUMNS = ("mention_id", "entity_id", "kind", "passage_id", "exact", "prefix", "suffix")
CORPUS_MENTION_COLUMNS = ("document", *MENTION_COLUMNS)


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _entry_cells(entry: RegisterEntry) -> list[object]:
    return [
        entry.id,
        entry.kind,
        entry.name,
        LIST_SEPARATOR.join(entry.variants),
        entry.dates_edtf(),
        entry.description,
        " ".join(entry.same_as),
    ]


def entities_csv(entries: Sequence[RegisterEntry], mentions: Sequence[Mention]) -> bytes:
    """One row per standOff entry of a document, with its number of mentions."""
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    return _csv(ENTITY_COLUMNS, ([*_entry_cells(e), counts.get(e.id, 0)] for e in entries))


def mentions_csv(mentions: Sequence[Mention]) -> bytes:
    """One row per mention (the same mentions as the annotations)."""
    return _csv(
        MENTION_COLUMNS,
        (
            [m.mention_id, m.entity_id, m.kind, m.passage_id, m.exact, m.prefix, m.suffix]
            for m in mentions
        ),
    )


def corpus_entities_csv(
    entries: Sequence[RegisterEntry],
    documents: Mapping[str, Sequence[str]],
    mentions: Sequence[tuple[str, Mention]],
) -> bytes:
    """One row per entry of any document: the documents listing it, its number of
    mentions in all of them, and its occurrences as ``document#passage`` (each passage once)."""
    counts: dict[str, int] = {}
    occurrences: dict[str, list[str]] = {}
    for doc_id, mention in mentions:
        counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
        where = f"{doc_id}#{mention.passage_id}"
        places = occurrences.setdefault(mention.entity_id, [])
        if where not in places:
            places.append(where)
    return _csv(
        CORPUS_ENTITY_COLUMNS,
        (
            [
                *_entry_cells(e),
                " ".join(documents.get(e.id, ())),
                counts.get(e.id, 0),
                " ".join(occurrences.get(e.id, ())),
            ]
            for e in entries
        ),
    )


def corpus_mentions_csv(mentions: Sequence[tuple[str, Mention]]) -> bytes:
    """Every mention of every document, with its document."""
    return _csv(
        CORPUS_MENTION_COLUMNS,
        (
            [d, m.mention_id, m.entity_id, m.kind, m.passage_id, m.exact, m.prefix, m.suffix]
            for d, m in mentions
        ),
    )
