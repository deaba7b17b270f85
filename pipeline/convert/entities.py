"""Pass ``entities``: tag persons, organisations, places and works from the registries.

Names are found in the text as read (abbreviations expanded, brackets gone), so
``L. T[rotsky]`` is matched as "L. Trotsky" and tagged around the ``expan``::

    "(L. " expan(T, ex(rotsky)) ")"  ->  "(" persName[@ref=#person-trotsky]("L. " expan(...)) ")"

A name is never tagged inside a link or a note anchor, inside a word, or across the edge
of an element (an italic run, a supplied passage, an apparatus reading): each such
element is searched on its own. A citation's title that is exactly a registered work gets
``@ref`` itself. The entries a document uses, and those they point to (a work's author),
are copied into its ``standOff``, so the TEI file is self-contained.
"""

from __future__ import annotations

import copy
from itertools import pairwise
from pathlib import Path

from lxml import etree

from ..conventions.kinds import BY_KIND, KINDS
from ..entities import Matcher, Registry, load_registry, matcher_for
from ..xmlsafe import TEI_NS
from .model import Document, Inline, Span, inline_text
from .tei import el

#: Spans searched on their own: a name may lie inside one, never across its edge.
CONTAINERS = frozenset(
    {
        "hi",
        "supplied",
        "lem",
        "rdg",
        "bibl",
        "author",
        "editor",
        "publisher",
        "pubPlace",
        "title",
        "quote",
        "q",
        "head",
        "app",
    }
)
#: Spans whose text is part of the surrounding words (an abbreviation and its expansion).
TRANSPARENT = frozenset({"expan"})
OPAQUE = "\ufffc"  # stands for an element the matcher must not see into or across
QUOTES = "“”\"‘’'"


def _registry_dir(doc: Document) -> Path | None:
    """tei/authority beside tei/source, where the transcript lives in a project."""
    parent = doc.source.parent
    if parent.name == "source":
        candidate = parent.parent / "authority"
        if candidate.is_dir():
            return candidate
    return None


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is in quotation marks (its own, or the text's around it)."""
    surface = text[start:end]
    if surface[:1] in QUOTES and surface[-1:] in QUOTES:
        return True
    before = text[:start][-1:]
    after = text[end : end + 2]
    return (
        before in QUOTES
        and before != ""
        and (after[:1] in QUOTES or (after[:1] in ",." and after[1:] in QUOTES and after[1:] != ""))
    )


def _element_for(kind: str, quoted: bool, inside_italic: bool) -> tuple[str, dict[str, str]]:
    """A work named by its title (in italics or quotation marks) is a title; described, an rs."""
    if kind != "work":
        return BY_KIND[kind].name_tag, {}
    if inside_italic or quoted:
        return "title", {}
    return "rs", {"type": "work"}


class _Tagger:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.matcher: Matcher = matcher_for(registry)
        self.used: dict[str, int] = {}
        self.counting = True  # mentions in a variant reading are tagged but not counted

    def count(self, entry_id: str) -> None:
        self.used.setdefault(entry_id, 0)
        if self.counting:
            self.used[entry_id] += 1

    def whole_match(self, text: str) -> str | None:
        """The entry id if ``text`` (stripped) is exactly one registered form."""
        stripped = text.strip()
        mentions = self.matcher.find(stripped)
        if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(stripped):
            return mentions[0].entry_id
        return None

    def tag(self, items: list[Inline], inside_italic: bool = False) -> list[Inline]:
        for item in items:
            if not isinstance(item, Span) or item.tag not in CONTAINERS:
                continue
            if item.tag == "title" and "ref" not in item.attrs:
                entry_id = self.whole_match(item.text())
                if entry_id is not None and self.registry[entry_id].kind == "work":
                    item.attrs["ref"] = f"#{entry_id}"
                    self.count(entry_id)
                    continue
            italic = inside_italic or (item.tag == "hi" and item.attrs.get("rend") == "italic")
            item.children = self.tag(item.children, italic)
        return self._tag_level(items, inside_italic)

    def _tag_level(self, items: list[Inline], inside_italic: bool) -> list[Inline]:
        pieces: list[tuple[int, int]] = []
        text_parts: list[str] = []
        offset = 0
        for item in items:
            if isinstance(item, str):
                part = item
            elif item.tag in TRANSPARENT:
                part = inline_text([item])
            else:
                part = OPAQUE
            pieces.append((offset, offset + len(part)))
            text_parts.append(part)
            offset += len(part)
        text = "".join(text_parts)
        mentions = [m for m in self.matcher.find(text) if self._fits(m.start, m.end, items, pieces)]
        if not mentions:
            return items
        # Cut strings at every mention edge so each unit lies wholly inside or outside one.
        edges = sorted({e for m in mentions for e in (m.start, m.end)})
        units: list[tuple[int, int, Inline]] = []
        for item, (start, end) in zip(items, pieces, strict=True):
            if not isinstance(item, str):
                units.append((start, end, item))
                continue
            cuts = [start, *[e for e in edges if start < e < end], end]
            units.extend((a, b, item[a - start : b - start]) for a, b in pairwise(cuts))
        out: list[Inline] = []
        index = 0
        for mention in mentions:
            while index < len(units) and units[index][1] <= mention.start:
                out.append(units[index][2])
                index += 1
            inside: list[Inline] = []
            while index < len(units) and units[index][0] < mention.end:
                inside.append(units[index][2])
                index += 1
            tag, attrs = _element_for(
                mention.kind, _quoted(text, mention.start, mention.end), inside_italic
            )
            out.append(Span(tag, {**attrs, "ref": f"#{mention.entry_id}"}, inside))
            self.count(mention.entry_id)
        out.extend(unit[2] for unit in units[index:])
        return [x for x in out if x != ""]

    @staticmethod
    def _fits(start: int, end: int, items: list[Inline], pieces: list[tuple[int, int]]) -> bool:
        """A mention may cover an element wholly or not at all, and never an opaque one."""
        for item, (a, b) in zip(items, pieces, strict=True):
            if isinstance(item, str) or b <= start or a >= end:
                continue
            if item.tag not in TRANSPARENT or a < start or b > end:
                return False
        return True


def standoff_lists(registry: Registry, used: list[str], doc_id: str = "") -> list[etree._Element]:
    """The used entries (and those they point to) as TEI lists, one per kind, registry order.

    An entry's notes that speak for one edition (``note type="edition" n="doc"``) go only
    into that edition's standOff: another edition states only what is said of the entity."""
    entries = registry.closure(used)
    lists = []
    for spec in KINDS:
        chosen = [e for e in entries if e.kind == spec.kind]
        if chosen:
            list_el = el(spec.list_tag)
            for entry in chosen:
                copied = copy.deepcopy(entry.element)
                for note in copied.findall(f"{{{TEI_NS}}}note"):
                    if note.get("type") == "edition" and note.get("n") != doc_id:
                        copied.remove(note)
                list_el.append(copied)
            lists.append(list_el)
    return lists


def run(doc: Document) -> Document:
    directory = _registry_dir(doc)
    if directory is None:
        return doc
    tagger = _Tagger(load_registry(directory))
    for div in doc.all_divisions():
        div.head = tagger.tag(div.head)
        for block in div.blocks:
            block.content = tagger.tag(block.content)
    for note in doc.notes:
        for wit, reading in note.readings.items():
            tagger.counting = wit == note.base or not note.base
            note.readings[wit] = tagger.tag(reading)
        tagger.counting = True
    doc.standoff = standoff_lists(tagger.registry, sorted(tagger.used), doc.config.doc_id)
    counts: dict[str, int] = {}
    for entry_id, n in tagger.used.items():
        kind = tagger.registry[entry_id].kind
        counts[kind] = counts.get(kind, 0) + n
    for kind, n in counts.items():
        doc.stats[f"mentions_{kind}"] = n
    total = sum(counts.values())
    doc.decide(
        "interpretation",
        f"Persons, organisations, places and cited works are tagged (persName, orgName, placeName; "
        f"title or rs for works) wherever a name or variant recorded in the project's authority "
        f"registries occurs in the text or the notes ({total} mentions of {len(tagger.used)} "
        f"entries), with @ref to the entry; the entries used are copied into standOff. Names are "
        f"matched as read, with abbreviations expanded, on word boundaries, never inside a link.",
    )
    return doc


def unregistered_names(doc: Document, registry: Registry) -> list[tuple[int, str]]:
    """Capitalised name candidates of a transcript read so far that no registry entry
    covers, each once, with the line it first occurs on: what an editor adds to the
    registries in tei/authority/."""
    from ..entities import name_candidates

    seen: set[str] = set()
    found: list[tuple[int, str]] = []
    for block in doc.blocks:
        for name in name_candidates(inline_text(block.content, skip=frozenset({"ref"})), registry):
            if name not in seen:
                seen.add(name)
                found.append((block.line, name))
    return found
