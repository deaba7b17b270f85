"""Pass ``titlepage``: the title, subtitles, bylines and date before the text begins.

Read from the leading blocks, in the transcript's order, whatever their heading levels:

* the first heading is the title, unless it is a name followed by a deeper heading (an
  archive puts the author above the title: ``## V. I. Lenin`` / ``### Letter to ...``), or
  a section (the transcript's metadata names another title and the heading has text under
  it);
* further headings with no text of their own (a heading right after it, or a thematic
  break) are subtitles; a heading ending in a full stop or exclamation is an epigraph;
  "By ..." is a byline, a date is the date;
* short lines (bold or italic lines, "By A and B.", a name, a date) are bylines and dates;
* the title page ends at the first paragraph of prose, a numbered or structural heading, a
  salutation, or a dateline (both the letter's own).

Example::

    ## The Constitution of American Imperialism.—No. 6.   -> titlePart main
    ### BY JOHN D. BRADLEY.                                 -> byline "BY " docAuthor
                                                               "JOHN D. BRADLEY" "."
"""

from __future__ import annotations

import re

from .dates import find_date, parse_date
from .letter import has_place, is_dateline, is_salutation
from .model import Block, Document, Inline, Span, inline_text

NAME_WORD = (
    r"(?:[A-ZÀ-Þ][a-zß-ÿ’']+(?:-[A-ZÀ-Þ]?[a-zß-ÿ’']+)*|[A-ZÀ-Þ]\.(?:[A-ZÀ-Þ]\.)*"
    r"|[A-ZÀ-Þ]{2,}\.?|de|van|von|der|du|la|le|da|di|del)"
)
NAME = re.compile(rf"^{NAME_WORD}(?:\s+{NAME_WORD}){{1,5}}$")
BY = re.compile(r"^(by|von|par|por|di|door)\s+(.+?)([.,]?)$", re.IGNORECASE | re.DOTALL)
AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+und\s+|\s*&\s*)")
NUMBERED = re.compile(r"^(?:[IVXLCDM]+|\d{1,3}|[A-Za-z])[.)]?(?:\s|$)|^\([A-Za-z0-9]{1,4}\)")
MAX_LINE_WORDS = 12
MAX_BYLINE_WORDS = 8
MAX_NOTE_WORDS = 20  # a title page's note under its byline


def split_lines(content: list[Inline]) -> list[list[Inline]]:
    """Content cut at its line ends (hard breaks, and source line ends kept as "\\n")."""
    out: list[list[Inline]] = [[]]
    for item in content:
        if isinstance(item, Span) and item.tag == "lb":
            out.append([])
        elif isinstance(item, str) and "\n" in item:
            pieces = item.split("\n")
            out[-1].append(pieces[0])
            for piece in pieces[1:]:
                out.append([piece])
        else:
            out[-1].append(item)
    return [_trim(line) for line in out if inline_text(line).strip()]


def _trim(line: list[Inline]) -> list[Inline]:
    items = [i for i in line if i != ""]
    if items and isinstance(items[0], str):
        items[0] = items[0].lstrip()
    if items and isinstance(items[-1], str):
        items[-1] = items[-1].rstrip()
    return [i for i in items if i != ""]


def unwrap(content: list[Inline]) -> list[Inline]:
    """Content without a hi wrapper that spans all of it."""
    spans = [c for c in content if not (isinstance(c, str) and not c.strip())]
    if len(spans) == 1 and isinstance(spans[0], Span) and spans[0].tag == "hi":
        return unwrap(spans[0].children)
    return content


def _text(content: list[Inline]) -> str:
    return " ".join(inline_text(content).split())


#: Words a title has and a name has not (in any case).
NOT_NAME_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "on",
        "for",
        "a",
        "an",
        "at",
        "by",
        "with",
        "from",
        "as",
        "or",
        "our",
        "my",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
    ]
)


def is_name(text: str) -> bool:
    words = text.split()
    if any(w.lower().strip(".,") in NOT_NAME_WORDS for w in words):
        return False
    return 2 <= len(words) <= 6 and bool(NAME.match(" ".join(words))) and not re.search(r"\d", text)


def byline(line: list[Inline]) -> list[Inline] | None:
    """A byline's content, its names as docAuthor, or None if the line is no byline."""
    inner = unwrap(line)
    text = _text(inner)
    match = BY.match(text)
    if match and all(isinstance(i, str) for i in inner):
        lead, names, stop = match.group(1), match.group(2), match.group(3)
        out: list[Inline] = [lead + " "]
        parts = AND.split(names)
        separators = AND.findall(names)
        for index, name in enumerate(parts):
            out.append(Span("docAuthor", {}, [name]))
            if index < len(separators):
                out.append(separators[index])
        if stop:
            out.append(stop)
        return out
    if match or (is_name(text) and len(text.split()) <= 6):
        return [Span("docAuthor", {}, line)]
    names = AND.split(text)
    if (
        len(names) >= 2
        and all(is_name(name) for name in names)
        and all(isinstance(i, str) for i in inner)
    ):
        out = []
        for index, name in enumerate(names):
            out.append(Span("docAuthor", {}, [name]))
            if index < len(names) - 1:
                out.append(AND.findall(text)[index])
        return out
    if (
        _emphasised(line)
        and text
        and len(text.split()) <= MAX_BYLINE_WORDS
        and not re.search(r"[.!?]$", text)
    ):
        # a bold or italic line of a title page is its byline ("**Soviet Bolshevik-Leninists**")
        return [Span("docAuthor", {}, line)]
    return None


def _unwrap_authors(content: list[Inline]) -> list[Inline]:
    """A docAuthor holds the name, not the emphasis the page set it in."""
    for item in content:
        if isinstance(item, Span) and item.tag == "docAuthor":
            item.children = unwrap(item.children)
    return content


def _emphasised(line: list[Inline]) -> bool:
    """The whole line is one bold or italic run (or several, with only spaces or "and")."""
    runs = [
        c
        for c in line
        if not (isinstance(c, str) and (not c.strip() or c.strip() in ("and", "&", ",")))
    ]
    return bool(runs) and all(
        isinstance(c, Span) and c.tag == "hi" and c.attrs.get("rend") in ("bold", "italic")
        for c in runs
    )


def _date(line: list[Inline]) -> str:
    text = _text(unwrap(line)).strip("()[] .")
    return parse_date(text) or (
        find_date(text) if len(text.split()) <= 4 and find_date(text) else ""
    )


class _Reader:
    def __init__(self, doc: Document, blocks: list[Block]) -> None:
        self.doc = doc
        self.blocks = blocks
        self.page = doc.title_page

    def structural(self, index: int) -> bool:
        """Whether the heading at ``index`` opens a division: numbered, or with a heading
        of its level later on, or with a deeper heading under it."""
        block = self.blocks[index]
        if NUMBERED.match(_text(block.content)):
            return True
        later = [b for b in self.blocks[index + 1 :] if b.kind == "heading"]
        if any(b.level == block.level for b in later):
            return True
        return bool(later) and later[0].level > block.level

    def empty(self, index: int) -> bool:
        """Whether the heading at ``index`` has no text of its own under it."""
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        return following is None or following.kind in ("heading", "break")

    def add(self, kind: str, content: list[Inline], block: Block) -> None:
        if not self.page.items:
            self.page.line = block.line
        self.page.items.append((kind, content))

    def title_kind(self, content: list[Inline]) -> str:
        """ "main" for the title, "sub" for a numbering ("VI") or, where the metadata names
        the title, for a part that is no piece of it (a series line, a reprint note)."""
        text = _text(content)
        if NUMBERED.match(text) and len(text.split()) == 1:
            return "sub"
        # the transcript's own statement of its title (the edition's, in the .toml, may differ)
        known = self.doc.metadata.title
        if not known:
            return "sub" if self.has_main else "main"
        words = set(re.findall(r"\w+", text.lower()))
        return "main" if words and words <= set(re.findall(r"\w+", known.lower())) else "sub"

    @property
    def has_main(self) -> bool:
        return any(kind == "main" for kind, _ in self.page.items)

    def heading(self, index: int) -> bool:
        """Take the heading at ``index`` into the title page, if it belongs there."""
        block = self.blocks[index]
        content = unwrap(block.content)
        text = _text(content)
        following = next((b for b in self.blocks[index + 1 :] if b.kind != "break"), None)
        if is_salutation(text) or (is_dateline(text) and self.has_main and has_place(text)):
            return False  # the letter's own opener
        known = self.doc.config.title or self.doc.metadata.title
        if self.has_main and known and _same(text, known):
            self.add("main", content, block)  # the title, repeated at the head of the text
            return True
        if not self.has_main:
            if NUMBERED.match(text) and not self.empty(index):
                return False
            bylines = any(kind == "byline" for kind, _ in self.page.items)
            if (
                not bylines
                and is_name(text)
                and following is not None
                and following.kind == "heading"
                and following.level > block.level
            ):
                self.add("byline", [Span("docAuthor", {}, content)], block)
                return True
            siblings = any(
                b.kind == "heading" and b.level == block.level for b in self.blocks[index + 1 :]
            )
            if siblings and not self.empty(index) and block.level > 1 and not _same(text, known):
                return False  # a section like the others of its level ("## Preface"), no title
            if known and not _same(text, known) and not self.empty(index) and block.level > 1:
                return False  # a section: the metadata names another title
            self.add(self.title_kind(content), content, block)
            return True
        if self.structural(index) and not self.empty(index):
            return False
        by = byline([*content])
        date = _date(content)
        authors = [*self.doc.metadata.authors, self.doc.config.author]
        if by is not None and (BY.match(text) or any(_same(text, a) for a in authors if a)):
            self.add("byline", by, block)
        elif date and len(text.split()) <= 4:
            self.set_date(content, date, block)
        elif re.search(r"[.!?]$", text) and not BY.match(text):
            self.add("epigraph", content, block)
        elif not self.empty(index):
            return False  # a heading with text under it: the first section
        else:
            self.add(self.title_kind(content), content, block)
        return True

    def set_date(self, content: list[Inline], iso: str, block: Block) -> None:
        if not self.page.date_iso:
            self.page.date_iso = iso
        self.add("date", content, block)

    def lines_block(self, block: Block) -> bool:
        """Take a paragraph of title-page lines (bylines, dates, a title in plain text)."""
        if block.kind not in ("para", "byline", "quote") or block.label:
            return False
        found: list[tuple[str, list[Inline]]] = []
        lines = split_lines(block.content)
        for line in lines:
            text = _text(line)
            date = _date(line)
            if (
                len(text.split()) > MAX_LINE_WORDS
                or is_salutation(text)
                or (is_dateline(text) and has_place(text))
            ):
                return False
            by = byline(line)
            plain_name = by is not None and not BY.match(text) and not _emphasised(line)
            authors = [a for a in [*self.doc.metadata.authors, self.doc.config.author] if a]
            if plain_name and not self.has_main and not any(_same(text, a) for a in authors):
                by = None  # a name-like line above the title: a series or an institution
            if date and len(text.split()) <= 4:
                found.append(("date", line))
            elif by is not None:
                found.append(("byline", _unwrap_authors(by)))
            elif text.lower() in ("by", "von", "par"):
                found.append(("byline-lead", line))
            elif _same(text, self.doc.config.title or self.doc.metadata.title):
                found.append(("main", line))
            elif block.kind == "byline":
                found.append(("byline", [Span("docAuthor", {}, line)]))
            elif (
                len(lines) <= 2
                and not _emphasised(line)
                and len(inline_text(block.content).split()) <= MAX_NOTE_WORDS
                and self.has_main
                and self.page.items[-1][0] == "byline"
            ):
                found.append(
                    ("sub", line)
                )  # under the byline: "Reprinted from ...", an edition statement
            elif self._title_line(text) and not any(
                k == "byline" for k, _ in [*self.page.items, *found]
            ):
                main = self.has_main or any(k == "main" for k, _ in found)
                kind = self.title_kind(line)
                found.append(
                    (
                        "sub"
                        if main
                        and kind == "main"
                        and not (self.doc.config.title or self.doc.metadata.title)
                        else kind,
                        line,
                    )
                )
            else:
                return False
        for kind, content in found:
            if kind == "date":
                self.set_date(unwrap(content), _date(content), block)
            elif kind == "byline-lead":
                self.add("byline", [*content, " "], block)
            elif (
                kind == "byline"
                and self.page.items
                and self.page.items[-1][0] == "byline"
                and not any(
                    isinstance(c, Span) and c.tag == "docAuthor" for c in self.page.items[-1][1]
                )
            ):
                self.page.items[-1][1].extend(content)  # "by" / "J. WALTER FEWKES"
            else:
                self.add(kind, content, block)
        return bool(found)

    def _title_line(self, text: str) -> bool:
        """A short line that can be a title in plain text: in capitals, or in a title's case
        (every word capitalised but the small ones), no full stop; or a number alone ("VI")."""
        if re.search(r"[.!?:;,]$", text) and not re.match(r"^[IVXLC]+\.$", text):
            return False
        letters = [c for c in text if c.isalpha()]
        words = text.split()
        title_case = len(words) <= 8 and all(
            w[:1].isupper() or w.lower() in NOT_NAME_WORDS for w in words
        )
        return bool(letters) and (
            text.upper() == text or title_case or NUMBERED.match(text) is not None
        )


def _same(text: str, title: str) -> bool:
    """Whether a heading gives the title the metadata names (its words, give or take an
    article, a number or a trailing stop)."""
    if not title:
        return False
    a, b = re.findall(r"\w+", text.lower()), re.findall(r"\w+", title.lower())
    if not a or not b:
        return False
    return (set(b) <= set(a) and len(a) <= len(b) + 2) or (
        set(a) <= set(b) and len(b) <= len(a) + 2
    )


def run(doc: Document) -> Document:
    """Pass ``titlepage``: take the title page off the front of the text."""
    doc.blocks = [b for b in read(doc, doc.blocks) if b.kind != "break"]
    return doc


def read(doc: Document, blocks: list[Block]) -> list[Block]:
    """Take the title page off the front of ``blocks``; return the rest."""
    reader = _Reader(doc, blocks)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "break":
            index += 1
            continue
        if block.kind == "figure":  # an image on the title page (a portrait): in its place
            reader.add("figure", block.content, block)
            doc.title_page_blocks.append(block)
            index += 1
            continue
        taken = reader.heading(index) if block.kind == "heading" else reader.lines_block(block)
        if not taken:
            break
        doc.title_page_blocks.append(block)
        index += 1
    if not reader.has_main:
        # bylines or dates alone make no title page: give them back to the text
        doc.title_page.items = []
        doc.title_page.date_iso = ""
        index = 0
        doc.title_page_blocks.clear()
    return blocks[index:]
