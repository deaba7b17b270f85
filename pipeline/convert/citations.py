"""Pass ``citations``: bibliographic citations in the notes become ``bibl``.

A citation is an author's name, a comma and a title (in italics for a book, in quotation
marks for an article or document), or a document description, a colon and a quoted title,
running to the end of its sentence (and taking a "URL: <link>" or a link that directly
follows). Within it the author, title, imprint, date and page range are marked::

    Vadim Rogovin, *Bolsheviks Against Stalinism*, Detroit, MI: Mehring Books, 2019, pp. 215-220.
    -> <bibl><author>Vadim Rogovin</author>, <title level="m">Bolsheviks ...</title>,
       <pubPlace>Detroit, MI</pubPlace>: <publisher>Mehring Books</publisher>,
       <date when="2019">2019</date>,
       <biblScope unit="page" from="215" to="220">pp. 215-220</biblScope>.</bibl>

Each witness of a note is marked separately, before collation.
"""

from __future__ import annotations

import re

from .dates import parse_date
from .model import Document, Inline, Span

NAME_WORD = r"(?:[A-Z][a-zà-ÿ’'\-]+|[A-Z]\.)"
AUTHOR_AT_END = re.compile(rf"({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}),\s*$")
QUOTED_AFTER_AUTHOR = re.compile(
    rf"({NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}),\s*([“\"])([^”\"]{{3,300}}?)([”\"])"
)
DESCRIBED_DOCUMENT = re.compile(
    r"^(\s*)((?:Resolution|Theses|Decree|Declaration|Letter|Platform|Statement)\b[^.:“\"]{0,160}):\s*([“\"])([^”\"]{3,300}?)([”\"])"
)
SENTENCE_END = re.compile(r'(?<!\bpp)(?<!\bp)(?<!\b[A-Z])(?<!\bvol)(?<!\bno)\.[”"’]?(?=\s+\S|\s*$)')
URL_LEAD = re.compile(r"^\s*(URL:\s*)?$")
IMPRINT = re.compile(
    r"^(?P<lead>,\s*)(?P<place>[A-Z][^:,]+(?:,\s*[A-Z]{2})?):\s*(?P<publisher>[^,]+),\s*(?P<year>\d{4})"
    r"(?P<pages>,\s*(?P<pp>pp?\.\s*(?P<from>\d+)(?:\s*[-–]\s*(?P<to>\d+))?))?"
)
DATE_IN_TEXT = re.compile(
    r"\((?P<paren>\d{4})\)|(?P<mdy>(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December) \d{1,2}, \d{4})|\b(?:in|of) (?P<year>1[5-9]\d\d|20\d\d)\b"
)


def _dates(text: str) -> list[Inline]:
    """A text run with its dates marked as ``date`` with ISO ``@when``."""
    out: list[Inline] = []
    pos = 0
    for match in DATE_IN_TEXT.finditer(text):
        group = next(g for g in ("paren", "mdy", "year") if match.group(g))
        start, end = match.span(group)
        iso = parse_date(match.group(group))
        if not iso:
            continue
        out.append(text[pos:start])
        out.append(Span("date", {"when": iso}, [match.group(group)]))
        pos = end
    out.append(text[pos:])
    return [x for x in out if x != ""]


def _imprint(text: str) -> list[Inline]:
    """The text after a title: imprint (place: publisher, year, pages) or dates."""
    match = IMPRINT.match(text)
    if not match:
        return _dates(text)
    out: list[Inline] = [
        match.group("lead"),
        Span("pubPlace", {}, [match.group("place")]),
        ": ",
        Span("publisher", {}, [match.group("publisher").strip()]),
        ", ",
        Span("date", {"when": match.group("year")}, [match.group("year")]),
    ]
    if match.group("pages"):
        attrs = {
            "unit": "page",
            "from": match.group("from"),
            "to": match.group("to") or match.group("from"),
        }
        out.extend(
            [
                match.group("pages")[: match.start("pp") - match.start("pages")],
                Span("biblScope", attrs, [match.group("pp")]),
            ]
        )
    out.append(text[match.end() :])
    return [x for x in out if x != ""]


def _end_of_citation(items: list[Inline], index: int, offset: int) -> tuple[int, int] | None:
    """(item index, char offset) just past the sentence end at or after items[index][offset:]."""
    for i in range(index, len(items)):
        item = items[i]
        if not isinstance(item, str):
            continue
        start = offset if i == index else 0
        match = SENTENCE_END.search(item, start)
        if match:
            return i, match.end()
    # No sentence end: the citation runs to the end of the note (a truncated witness).
    last = max((i for i in range(index, len(items)) if isinstance(items[i], str)), default=None)
    return (last, len(str(items[last]))) if last is not None else None


def _wrap(
    items: list[Inline], start: tuple[int, int], end: tuple[int, int], inner: list[Inline]
) -> list[Inline]:
    """Replace items from ``start`` to ``end`` (item, offset) by ``Span('bibl', inner)``;
    a "URL: <link>" or a link right after the sentence joins the citation."""
    (si, so), (ei, eo) = start, end
    first, last = items[si], items[ei]
    before = first[:so] if isinstance(first, str) else ""
    after = last[eo:] if isinstance(last, str) else ""
    rest = items[ei + 1 :]
    bibl = Span("bibl", {}, inner)
    if rest and isinstance(rest[0], Span) and rest[0].tag == "ref" and URL_LEAD.match(after):
        bibl.children.extend([after, rest[0]])
        after, rest = "", rest[1:]
    out = [*items[:si], before, bibl, after, *rest]
    return [x for x in out if x != ""]


def _mark_one(items: list[Inline]) -> tuple[list[Inline], bool]:
    """Find and wrap the first unmarked citation in ``items``; (new items, found)."""
    for i, item in enumerate(items):
        if (
            isinstance(item, Span)
            and item.tag == "hi"
            and item.attrs.get("rend") == "italic"
            and i > 0
        ):
            prev = items[i - 1]
            match = AUTHOR_AT_END.search(prev) if isinstance(prev, str) else None
            if not match or not isinstance(prev, str):
                continue
            closing = _end_of_citation(items, i + 1, 0)
            if closing is None:
                continue
            ei, eo = closing
            tail_parts: list[Inline] = []
            for j in range(i + 1, ei + 1):
                piece = items[j]
                if isinstance(piece, str):
                    piece = piece[:eo] if j == ei else piece
                    tail_parts.extend(_imprint(piece) if j == i + 1 else _dates(piece))
                else:
                    tail_parts.append(piece)
            inner: list[Inline] = [
                Span("author", {}, [match.group(1)]),
                prev[match.end(1) :],
                Span("title", {"level": "m"}, item.children),
                *tail_parts,
            ]
            return _wrap(items, (i - 1, match.start()), closing, inner), True
        if isinstance(item, str):
            found = QUOTED_AFTER_AUTHOR.search(item) or DESCRIBED_DOCUMENT.search(item)
            if not found:
                continue
            described = found.re is DESCRIBED_DOCUMENT
            lead_group = 2 if described else 1
            open_quote, title_text, close_quote = found.group(
                lead_group + 1, lead_group + 2, lead_group + 3
            )
            stop = ""
            if title_text.endswith("."):
                # American style puts the closing period inside the quotes: the citation ends there.
                title_text, stop = title_text[:-1], "."
                end: tuple[int, int] | None = (i, found.end())
            else:
                end = _end_of_citation(items, i, found.end())
            if end is None:
                continue
            ei, eo = end
            if described:
                head: list[Inline] = [*_dates(found.group(2)), ": "]
            else:
                head = [Span("author", {}, [found.group(1)]), item[found.end(1) : found.start(2)]]
            title = [open_quote, Span("title", {"level": "a"}, [title_text]), stop + close_quote]
            tail: list[Inline] = [
                *_imprint(item[found.end() : eo] if ei == i else item[found.end() :])
            ]
            for j in range(i + 1, ei + 1):
                piece = items[j]
                tail.extend(
                    _dates(piece[:eo] if j == ei else piece) if isinstance(piece, str) else [piece]
                )
            return _wrap(items, (i, found.start(lead_group)), end, [*head, *title, *tail]), True
    return items, False


def mark_citations(content: list[Inline]) -> tuple[list[Inline], int]:
    """All citations in a note's content, outermost level only; returns (content, count)."""
    count = 0
    done: list[Inline] = []
    rest = list(content)
    while True:
        rest, found = _mark_one(rest)
        if not found:
            break
        count += 1
        # move everything up to and including the new bibl into ``done``
        index = next(i for i, x in enumerate(rest) if isinstance(x, Span) and x.tag == "bibl")
        done.extend(rest[: index + 1])
        rest = rest[index + 1 :]
    return [*done, *rest], count


def run(doc: Document) -> Document:
    total = 0
    for note in doc.notes:
        for wit, reading in note.readings.items():
            marked, count = mark_citations(reading)
            note.readings[wit] = marked
            if wit == note.base or not note.base:
                total += count
    doc.stats["citations"] = total
    if total:
        doc.decide(
            "interpretation",
            "Bibliographic citations in the notes (an author or a document description followed "
            "by a title) are encoded as bibl with author, title, imprint, date and page range "
            f"({total} citations).",
        )
    return doc
