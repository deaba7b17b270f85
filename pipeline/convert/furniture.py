"""Pass ``furniture``: take the web page's or the ebook's furniture out of the text.

What a page shows around a text is not the text: breadcrumbs and site labels above the
title, navigation lines ("< backward | forward >", "Top of the page", "Download PDF"),
"Last updated" lines, a table of contents that repeats the headings, template directives,
an archive's header block (Written: / Source: / Translated: ...), Project Gutenberg's
header and licence, an ebook's imprint, colophon and licence pages. Each rule needs the
block's own form as evidence, never its position alone. Every block taken out is reported
with its lines and stated in the editorialDecl; the facts of header blocks, licences and
colophons go to the teiHeader (``doc.metadata``) instead of being lost::

    <span class="info">Written:</span> London, March 18-28, 1875;
                                      -> Fact("Written", "London, March 18-28, 1875")
    [< backward](x.htm) | [forward >](y.htm)   -> removed: navigation
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from .dates import find_date
from .inline import HTML_ID
from .model import Block, Document, Fact, Inline, Span, inline_text, walk_spans

#: Labels of an archive's header block ("Source: ...", "Transcription/Markup: ...").
KNOWN_LABELS = {
    "written",
    "first published",
    "published",
    "source",
    "translated",
    "translation",
    "translator",
    "transcribed",
    "transcription",
    "transcription/markup",
    "transcription\\markup",
    "html markup",
    "markup",
    "proofread",
    "proofed",
    "public domain",
    "copyleft",
    "copyright",
    "online version",
    "delivered",
    "first delivered",
    "editor",
    "edited",
    "title",
    "author",
    "release date",
    "language",
    "character set encoding",
    "produced by",
    "e-text prepared by",
    "citation",
    "received",
    "published in",
    "original",
    "date",
    "note",
    "notes",
    "licence",
    "license",
    "credits",
    "posting date",
    "last updated",
    "updated",
    "first printed",
    "printed",
    "speech",
    "written by",
    "collected works",
    "from",
}
LABEL_LINE = re.compile(r"^\s*([A-Z][\w/\\&.’' -]{0,40}?)\s*:\s*(.*)$")
# (the asterisks around these lines may be read as emphasis, so they are not required)
GUTENBERG_START = re.compile(r"^[\s*]*START OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
GUTENBERG_END = re.compile(
    r"^[\s*]*END OF (?:THE|THIS) PROJECT GUTENBERG|^\s*End of (?:the )?Project Gutenberg",
    re.IGNORECASE,
)
NAVIGATION = re.compile(
    r"^\s*(?:[<«←↑]?\s*(?:top of (?:the )?page|back to top|to the top|return to top|go to top|"
    r"table of contents|contents|index|home|next|previous|prev|back|forward|backward|up|"
    r"download (?:pdf|epub|mobi|html)|printer[- ]friendly(?: version)?|print this page|"
    r"print|share this(?: article)?|top)\s*[>»→↑]?\s*)$",
    re.IGNORECASE,
)
LAST_UPDATED = re.compile(
    r"^\s*(?:last (?:updated|modified|revised)|page (?:updated|modified)|updated)\b.{0,60}$",
    re.IGNORECASE,
)
SEPARATORS = re.compile(r"^[\s|•·/\\>»<«:\-–—,;()\[\]]*$")
TEMPLATE = re.compile(r"^\s*(?:\{%.*%\}|\{\{.*\}\})\s*$", re.DOTALL)
CAPTION = re.compile(r"""\bcaption\s*=\s*(["'])(.*?)\1""", re.DOTALL)
BACK_MATTER_CLASSES = re.compile(
    r"\b(?:imprint|colophon|copyright-page|uncopyright|titlepage|halftitlepage|loi|landmarks|toc)\b",
    re.IGNORECASE,
)
BACK_MATTER_HEADINGS = re.compile(
    r"^\s*(?:imprint|colophon|uncopyright|copyright|licen[cs]e|about this (?:e-?book|edition)"
    r"|credits)\s*$",
    re.IGNORECASE,
)
TRANSCRIBER_NOTE = re.compile(
    r"^(?:transcriber[’']?s|editor[’']?s|a)?\s*notes? (?:on the (?:text|transcription)|by the "
    r"transcriber)?:?$|^transcriber[’']?s notes?:?$",
    re.IGNORECASE,
)
LICENCE_TERMS = re.compile(
    r"\b(?:licen[cs]e|copyright|public domain|re-use it|no restrictions)\b", re.IGNORECASE
)
LICENCE_WORDS = re.compile(
    r"public domain|creative commons|\bCC[ -]?(?:BY|0)|copyleft|licen[cs]e|freely (?:copy"
    r"|distribute)",
    re.IGNORECASE,
)
URL_ONLY = re.compile(r"^\s*https?://\S+\s*$")
MAX_SHORT_WORDS = 8
#: A line crediting who produced the e-text ("E-text prepared by ...", "Produced by ...").
CREDITS = re.compile(
    r"^\s*(?:(?:the\s+)?(?:e-?text|e-?book|electronic (?:text|edition))\s+)?(?:was\s+)?(?:prepared"
    r"|produced|transcribed|scanned|digiti[sz]ed)\s+by\s+(.+)$",
    re.IGNORECASE | re.DOTALL,
)


def full_text(block: Block) -> str:
    """The block's text as the transcript has it, with the mark the reader held apart."""
    return (
        inline_text([*block.label_content, *block.content])
        if block.label_content
        else inline_text(block.content)
    )


def lines(block: Block) -> list[str]:
    """The block's text, line by line as the transcript has them."""
    return [line.strip() for line in full_text(block).split("\n") if line.strip()]


def _labelled(line: str) -> tuple[str, str] | None:
    match = LABEL_LINE.match(line)
    if not match:
        return None
    label, value = match.group(1).strip(), match.group(2).strip()
    if label.lower().rstrip(".") not in KNOWN_LABELS and len(label.split()) > 3:
        return None
    return label, value


def _header_lines(block: Block) -> list[tuple[str, str]] | None:
    """The (label, value) entries of an archive's header block, or None if it is not one.

    An entry starts on a line that opens with "Label:"; lines that do not (the value wrapped
    by pandoc) continue it. Several pairs on one line are split where a label follows ";"."""
    found: list[tuple[str, str]] = []
    for line in lines(block):
        parts = re.split(r";\s+(?=[A-Z][\w/\\ -]{0,30}:)", line)
        for part in parts:
            pair = _labelled(part)
            if pair is not None:
                found.append(pair)
            elif found:
                label, value = found[-1]
                found[-1] = (label, f"{value} {part}".strip())
            else:
                return None
    known = sum(1 for label, _ in found if label.lower().rstrip(".") in KNOWN_LABELS)
    if not found or known == 0:
        return None
    return found


def _links_only(block: Block) -> list[Span] | None:
    """The links of a block made of nothing but links and separators, else None."""
    links = [s for s in walk_spans(block.content) if s.tag == "ref" and "target" in s.attrs]
    if not links:
        return None
    rest: list[str] = []
    _text_outside_links(block.content, rest)
    return links if SEPARATORS.match("".join(rest)) else None


def _text_outside_links(items: Sequence[Inline], out: list[str]) -> None:
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, Span) and not (item.tag == "ref" and "target" in item.attrs):
            _text_outside_links(list(item.children), out)


def _relative(target: str) -> bool:
    return not re.match(r"^(?:https?:|mailto:)", target, re.IGNORECASE)


class _Furniture:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.removed: dict[int, str] = {}  # block id -> reason
        self.top = 0  # blocks before this index stand above the text
        self.bottom = 0  # blocks from this index on stand below it

    def regions(self, blocks: list[Block]) -> None:
        """Where the text proper begins and ends: its first and last paragraphs of prose
        (25 words or more) that no rule has taken."""
        prose = [
            i
            for i, b in enumerate(blocks)
            if b.kind in ("para", "item")
            and id(b) not in self.removed
            and len(full_text(b).split()) >= 25
        ]
        self.top = prose[0] if prose else len(blocks)
        self.bottom = prose[-1] + 1 if prose else len(blocks)

    def take(self, block: Block, reason: str) -> None:
        self.removed.setdefault(id(block), reason)

    def fact(self, label: str, value: str, line: int, origin: str) -> None:
        self.doc.metadata.facts.append(Fact(label, value, line, origin))
        absorb(self.doc, label, value, origin)

    # -- rules ----------------------------------------------------------------------------
    def gutenberg(self, blocks: list[Block]) -> None:
        texts = [full_text(b) for b in blocks]
        start = next((i for i, t in enumerate(texts) if GUTENBERG_START.search(t)), None)
        end = next((i for i, t in enumerate(texts) if GUTENBERG_END.search(t)), None)
        if start is not None:
            # right after the start line: Project Gutenberg's notes on its own editions
            for block in blocks[start + 1 : start + 4]:
                text = " ".join(full_text(block).split())
                if "project gutenberg" in text.lower() and len(text.split()) <= 60:
                    credit = CREDITS.match(text)
                    if credit:
                        self.fact(
                            "Produced by", credit.group(1).strip(), block.line, "header block"
                        )
                    self.take(
                        block, "credits of the e-text" if credit else "Project Gutenberg header"
                    )
            for block in blocks[: start + 1]:
                pairs = _header_lines(block)
                for pair in pairs or []:
                    self.fact(*pair, block.line, "Project Gutenberg header")
                text = " ".join(full_text(block).split())
                if not pairs and LICENCE_TERMS.search(text):
                    self.fact("Licence", text, block.line, "Project Gutenberg header")
                self.take(block, "Project Gutenberg header")
        if end is not None and (start is None or end > start):
            for block in blocks[end:]:
                self.take(block, "Project Gutenberg licence")
            self.fact(
                "Licence",
                "Project Gutenberg License (the ebook's own terms, not encoded)",
                blocks[end].line,
                "Project Gutenberg licence",
            )

    def back_matter(self, blocks: list[Block]) -> None:
        """An ebook's imprint, colophon and licence pages: by their containers' classes or
        epub:types, or by a heading that names them (with what stands under it)."""
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if block.kind == "heading" and BACK_MATTER_HEADINGS.match(full_text(block)):
                name = " ".join(full_text(block).split())
                end = index + 1
                while end < len(blocks) and not (
                    blocks[end].kind == "heading" and blocks[end].level <= block.level
                ):
                    end += 1
                self._page(name, blocks[index:end])
                index = end
                continue
            page = next((c for c in block.containers if BACK_MATTER_CLASSES.search(c)), None)
            if page is not None:
                end = index
                while end < len(blocks) and page in blocks[end].containers:
                    end += 1
                name = BACK_MATTER_CLASSES.search(page).group(0).capitalize()  # type: ignore[union-attr]
                self._page(name, blocks[index:end])
                index = end
                continue
            index += 1

    def _page(self, name: str, blocks: list[Block]) -> None:
        text = " ".join(
            " ".join(full_text(b).split())
            for b in blocks
            if b.kind != "heading" and b.kind != "break"
        )
        for block in blocks:
            self.take(block, f"ebook {name.lower()} page")
        if text:
            label = (
                "Licence" if LICENCE_WORDS.search(name) or name.lower() == "uncopyright" else name
            )
            self.fact(label, text, blocks[0].line, f"ebook {name.lower()} page")

    def transcriber_notes(self, blocks: list[Block]) -> None:
        """ "Transcriber's note:" alone, its explanation in the block after it: the
        transcriber's statement on the transcription, for the header."""
        for block, following in pairwise(blocks):
            if TRANSCRIBER_NOTE.match(" ".join(full_text(block).split())) and following.kind in (
                "para",
                "quote",
            ):
                label = " ".join(full_text(block).split()).rstrip(":")
                self.fact(label, " ".join(full_text(following).split()), block.line, "header block")
                self.take(block, "transcriber's note")
                self.take(following, "transcriber's note")

    def mixed_header_lines(self, blocks: list[Block]) -> None:
        """Above the text, a block of short lines some of which are the page's ("Citation:
        ...", a licence badge): those lines go to the header, the others stay."""
        from .titlepage import split_lines

        first_heading = next((i for i, b in enumerate(blocks) if b.kind == "heading"), len(blocks))
        for block in blocks[: max(self.top + 1, first_heading)]:
            if block.kind not in ("para", "quote") or id(block) in self.removed:
                continue
            if _licence_link(block.content) and not inline_text(block.content).strip("\n ").count(
                "\n"
            ):
                # a licence badge alone: the page's statement of its rights
                link = _licence_link(block.content)
                text = " ".join(inline_text(block.content).split())
                self.fact(
                    "Licence", f"{text} ({link})" if text else link, block.line, "header block"
                )
                self.take(block, "page header (citation and licence lines)")
                continue
            parts = split_lines(block.content)
            if len(parts) < 2 or _header_lines(block) is not None:
                continue  # one line, or a whole header block (the next rule's)
            kinds: list[str] = []
            for part in parts:
                text = " ".join(inline_text(part).split())
                pair = _labelled(text)
                if pair is not None and pair[0].lower().rstrip(".") in KNOWN_LABELS:
                    kinds.append("fact")
                elif _licence_link(part):
                    kinds.append("licence")
                else:
                    kinds.append("text")
            if "text" not in kinds or kinds.count("text") == len(kinds):
                continue
            kept: list[Block] = []
            for kind, part in zip(kinds, parts, strict=True):
                piece = Block("para", block.line, part, block.end_line, containers=block.containers)
                if kind == "text":
                    kept.append(piece)
                    continue
                text = " ".join(inline_text(part).split())
                if kind == "fact":
                    pair = _labelled(text)
                    assert pair is not None
                    self.fact(*pair, block.line, "header block")
                else:
                    link = _licence_link(part)
                    assert link is not None
                    self.fact(
                        "Licence", f"{text} ({link})" if text else link, block.line, "header block"
                    )
                self.removed[id(piece)] = "page header (citation and licence lines)"
                kept.append(piece)
            self.doc.replace_block(block, _merge_kept(kept, self.removed))  # (blocks is doc.blocks)

    def header_blocks(self, blocks: list[Block]) -> None:
        """Archive header blocks: "Label: value" lines; two known labels anywhere, one in
        the region above the text or below it."""
        for index, block in enumerate(blocks):
            if block.kind not in ("para", "quote") or id(block) in self.removed:
                continue
            pairs = _header_lines(block)
            if pairs is None:
                continue
            known = sum(1 for label, _ in pairs if label.lower().rstrip(".") in KNOWN_LABELS)
            if known >= 2 or index < self.top or index >= self.bottom:
                for label, value in pairs:
                    self.fact(label, value, block.line, "header block")
                self.take(block, "archive header block")

    def page_header(self, blocks: list[Block]) -> None:
        """Short lines right above the title heading, with nothing between: breadcrumbs,
        site and series labels ("Marx/Engels Internet Archive")."""
        first_heading = next((i for i, b in enumerate(blocks[:6]) if b.kind == "heading"), None)
        if first_heading is None:
            return
        for block in reversed(blocks[:first_heading]):
            text = " ".join(full_text(block).split())
            if block.kind == "break":
                continue
            if (
                block.kind not in ("para", "quote")
                or len(text.split()) > MAX_SHORT_WORDS
                or re.search(r"[.!?]$", text)
            ):
                break
            self.take(block, "page header (breadcrumb or site label)")

    def navigation(self, blocks: list[Block]) -> None:
        """Navigation lines and rows of site links; template directives of a site generator
        (a figure's caption in one stays, as the text it is)."""
        for block in blocks:
            if (
                block.kind not in ("para", "quote", "bullet", "item", "heading")
                or id(block) in self.removed
            ):
                continue
            text = " ".join(full_text(block).split())
            if TEMPLATE.match(text):
                caption = CAPTION.search(text)
                if caption:
                    block.content = [caption.group(2)]
                    self.doc.warn(
                        block.line,
                        "a template directive: only its caption is kept, as a paragraph",
                        "W-FURNITURE",
                    )
                else:
                    self.take(block, "site template directive")
                continue
            if NAVIGATION.match(text) or LAST_UPDATED.match(text):
                self.take(block, "navigation line")
                continue
            credit = CREDITS.match(text)
            if credit and len(text.split()) <= 40:
                self.fact("Produced by", credit.group(1).strip(), block.line, "header block")
                self.take(block, "credits of the e-text")
                continue
            links = _links_only(block) if block.kind != "heading" else None
            if not links:
                continue
            nav_words = all(NAVIGATION.match(inline_text(s.children)) for s in links)
            internal = all(_relative(s.attrs["target"]) for s in links)
            if nav_words or (internal and len(links) >= 2):
                self.take(block, "navigation links")
        for block in blocks:
            if id(block) not in self.removed and block.kind == "para" and _site_link_line(block):
                self.take(block, "navigation links")

    def breadcrumbs(self, blocks: list[Block]) -> None:
        """Links joined by ">" or "»": "[Archive](...) > [Author](...)"."""
        for block in blocks:
            links = _links_only(block)
            if links and len(links) >= 2 and re.search(r"[>»→]", "".join(_outside(block))):
                self.take(block, "breadcrumb")

    def table_of_contents(self, blocks: list[Block]) -> None:
        """A list of the document's own headings (or internal links) under "Contents"."""
        headings = {" ".join(full_text(b).split()).lower() for b in blocks if b.kind == "heading"}
        for index, block in enumerate(blocks):
            entries = lines(block)
            if block.kind == "heading" or len(entries) < 3:
                continue
            matched = sum(
                1 for entry in entries if _plain(entry).lower() in {_plain(h) for h in headings}
            )
            if matched * 2 > len(entries):
                self.take(block, "table of contents")
                if index > 0 and NAVIGATION.match(full_text(blocks[index - 1])):
                    self.take(blocks[index - 1], "table of contents")

    def source_urls(self, blocks: list[Block]) -> None:
        """A bare URL above or below the text: where the page says it comes from."""
        for index, block in enumerate(blocks):
            if (
                (index < self.top or index >= self.bottom)
                and block.kind == "para"
                and URL_ONLY.match(" ".join(full_text(block).split()))
            ):
                url = full_text(block).strip()
                self.fact("URL", url, block.line, "page furniture")
                self.take(block, "source URL")


def _licence_link(line: Sequence[Inline]) -> str:
    """The URL of a licence badge line (a link rel="license", or to a Creative Commons
    licence), '' if the line is something else."""
    links = [s for s in walk_spans(line) if s.tag == "ref" and "target" in s.attrs]
    for link in links:
        target = link.attrs["target"]
        if link.attrs.get("_rel") == "license" or re.search(
            r"creativecommons\.org/(?:licenses|publicdomain)/", target
        ):
            rest: list[str] = []
            _text_outside_links(line, rest)
            if SEPARATORS.match("".join(rest)) or not "".join(rest).strip():
                return target
    return ""


def _merge_kept(parts: list[Block], removed: dict[int, str]) -> list[Block]:
    """Consecutive kept lines back into one block (the removed ones stand alone)."""
    out: list[Block] = []
    for part in parts:
        previous = out[-1] if out else None
        if previous is not None and id(part) not in removed and id(previous) not in removed:
            previous.content = [*previous.content, Span("lb", {}, [], part.line), *part.content]
        else:
            out.append(part)
    return out


def _site_link_line(block: Block) -> bool:
    """A short line made mostly of a link into the site ("[Marx/Engels](../bio) Biography")."""
    links = [s for s in walk_spans(block.content) if s.tag == "ref" and "target" in s.attrs]
    words = full_text(block).split()
    linked = sum(len(inline_text(s.children).split()) for s in links)
    return (
        bool(links)
        and len(words) <= 4
        and not re.search(r"[.!?]$", full_text(block).strip())
        and all(
            _relative(s.attrs["target"]) and not fragment_only(s.attrs["target"]) for s in links
        )
        and linked * 2 >= len(words)
    )


def fragment_only(target: str) -> bool:
    return target.startswith("#")


def _outside(block: Block) -> list[str]:
    out: list[str] = []
    _text_outside_links(block.content, out)
    return out


def _plain(text: str) -> str:
    return re.sub(r"[^\w\s]", "", " ".join(text.split())).lower().strip()


#: A colophon's statement of its translator:
#: "It was translated from German in 1888 by Samuel Moore."
TRANSLATED_BY = re.compile(
    r"\btranslated\b(?:\s+from\s+[A-Z]\w+)?(?:\s+in\s+\d{4})?\s+by\s+((?:[A-Z][\w’'-]*\.?\s*){1,5}?)(?=[.,;]\s|[.,;]?$|\s+(?:and|in|for|with)\b)"
)


def absorb(doc: Document, label: str, value: str, origin: str) -> None:
    """What a header fact says for the header, by its label (only plain meanings); a
    colophon's "translated ... by" names its translator."""
    meta = doc.metadata
    if origin.startswith("ebook") and not meta.translators:
        said = TRANSLATED_BY.search(value)
        if said:
            meta.translators.append(said.group(1).strip())
    key = label.lower().rstrip(".").replace("\\", "/")
    value = value.strip().rstrip(";,").strip()
    if not value:
        return
    if key == "title" and not meta.title:
        meta.title = value
    elif key in ("author", "written by") and not meta.authors:
        meta.authors = [value]
    elif key in ("translated", "translation", "translator"):
        name = re.sub(r"^(?:by|translated by)\s+", "", value, flags=re.IGNORECASE)
        name = re.sub(r"\s+(?:from|out of) (?:the )?[A-Z]\w+(?: original)?\.?$", "", name)
        if (
            name
            and not re.match(r"^(?:from|into)\b", name, re.IGNORECASE)
            and name not in meta.translators
        ):
            meta.translators.append(name)
    elif key in ("written", "delivered", "first delivered", "date") and not meta.date:
        meta.date, meta.date_text = find_date(value), value
        place = re.match(r"^([A-Z][\w .’'-]{1,40}?),\s", value)
        if place and meta.date and not find_date(place.group(1)):
            meta.place = place.group(1)
    elif key == "source" and not meta.source:
        meta.source = value
    elif key in ("language",) and not meta.language:
        meta.language = value
    elif (
        key in ("public domain", "copyleft", "copyright", "licence", "license") and not meta.licence
    ):
        meta.licence = f"{label}: {value}" if key in ("public domain", "copyleft") else value
    elif key == "url" and not meta.url:
        meta.url = value


def run(doc: Document) -> Document:
    furniture = _Furniture(doc)
    blocks = doc.blocks
    rules: list[Callable[[], None]] = [
        lambda: furniture.regions(blocks),
        lambda: furniture.gutenberg(blocks),
        lambda: furniture.back_matter(blocks),
        lambda: furniture.regions(blocks),
        lambda: furniture.transcriber_notes(blocks),
        lambda: furniture.header_blocks(blocks),
        lambda: furniture.mixed_header_lines(blocks),
        lambda: furniture.regions(blocks),  # the text without what is known to be furniture
        lambda: furniture.page_header([b for b in blocks if id(b) not in furniture.removed]),
        lambda: furniture.breadcrumbs(blocks),
        lambda: furniture.navigation(blocks),
        lambda: furniture.table_of_contents(blocks),
        lambda: furniture.source_urls(blocks),
    ]
    for rule in rules:
        rule()
    if not furniture.removed:
        return doc
    kept: list[Block] = []
    by_reason: dict[str, list[Block]] = {}
    for block in blocks:
        reason = furniture.removed.get(id(block))
        if reason is None:
            kept.append(block)
            continue
        if block.kind != "break":
            moved = (
                "the teiHeader"
                if reason in ("archive header block", "Project Gutenberg header", "source URL")
                or reason.startswith("ebook")
                else ""
            )
            doc.remove(block, reason, moved)
            by_reason.setdefault(reason, []).append(block)
    doc.blocks = kept
    for reason, removed in by_reason.items():
        # blocks cut from one paragraph share its lines: each range once
        spans = ", ".join(
            dict.fromkeys(
                f"{b.line}" if b.line == b.end_line or not b.end_line else f"{b.line}-{b.end_line}"
                for b in removed
            )
        )
        doc.warn(
            removed[0].line,
            f"{reason} removed ({len(removed)} block(s), source lines {spans})",
            "W-FURNITURE",
        )
    statements = "; ".join(
        f"{reason} (source lines {', '.join(str(b.line) for b in removed)})"
        for reason, removed in by_reason.items()
    )
    doc.decide(
        "correction",
        f"Page furniture of the transcript is not encoded as text: {statements}. The facts of "
        "header blocks, licences, colophons and source lines are stated in the teiHeader.",
    )
    doc.stats["furniture_removed"] = sum(len(r) for r in by_reason.values())
    return doc


__all__ = ["HTML_ID", "lines", "run"]
