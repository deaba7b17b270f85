"""Pass ``read``: markdown text -> blocks of inline model, with source lines.

The markdown is parsed by markdown-it-py (CommonMark, with the footnote and front-matter
plugins of mdit-py-plugins and GFM tables); this module only maps its tokens to the model,
one token type at a time, and keeps what each block's context says: the list it is an item
of, the quotation it stands in, the footnote definition it belongs to, the HTML ids and
``<div>`` classes around it (pandoc writes those into the markdown it makes from a web page
or an ebook). Raw HTML blocks are read with the standard library's HTML parser into the same
blocks. Unknown token types keep their text and warn.

Example::

    "2. The contemporary epoch *contains* B[olshevik]<sup>[3]</sup>"
    -> Block(kind="item", number="2", content=[
           "The contemporary epoch ", Span("hi", {"rend": "italic"}, ["contains"]), " ",
           Span("expan", {}, ["B", Span("ex", {}, ["olshevik"])]),
           Span("ref", {"type": "noteAnchor", "n": "3", ...}, ["3"])])
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import Any

from lxml import html as lxml_html
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..errors import EditionError
from . import frontmatter
from .inline import (
    HTML_BLOCK_TAGS,
    HTML_ID,
    InlineBuilder,
    Tag,
    is_anchor,
    scan_text,
    unwrap_scratch,
)
from .labels import GUTENBERG, label_of, leading_label
from .model import (
    Block,
    Document,
    Inline,
    Span,
    ends_sentence,
    inline_text,
    merge_strings,
    walk_spans,
)

CONTAINER_TAGS = frozenset(
    [
        "div",
        "section",
        "article",
        "aside",
        "nav",
        "header",
        "footer",
        "main",
        "figure",
        "blockquote",
        "ol",
        "ul",
        "table",
        "hgroup",
        "center",
        "body",
        "html",
        "details",
        "form",
        "fieldset",
    ]
)
#: Text aligned in columns (a run of three spaces between words): a table's row, no heading.
SPACED_COLUMNS = re.compile(r"\S {3,}\S")
SKIPPED_TAGS = frozenset(
    [
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "object",
        "svg",
        "math",
        "head",
        "title",
        "select",
        "textarea",
        "button",
    ]
)


@cache
def markdown_parser() -> MarkdownIt:
    """One parser per process: CommonMark with raw HTML (for <sup> anchors and the HTML
    pandoc leaves), GFM tables and strikethrough, front matter, footnotes in place."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(footnote_plugin, move_to_end=False)
    return md


def parse(markdown: str) -> tuple[list[Token], dict[str, Any]]:
    """markdown-it's tokens of a transcript and its environment (footnote definitions)."""
    env: dict[str, Any] = {}
    return markdown_parser().parse(markdown, env), env


def html_block_text(html: str) -> str:
    """The text of a raw HTML block (its words; tags, scripts and styles are not text)."""
    if not html.strip():
        return ""
    fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    for bad in list(fragment.iter(*SKIPPED_TAGS)):
        bad.drop_tree()
    for image in fragment.iter("img"):  # the reader keeps an image's alternative text
        image.tail = f" {image.get('alt', '')} {image.tail or ''}"
    return " ".join(fragment.text_content().split())


def describe(tag: Tag, serial: int) -> str:
    """What an HTML container says about its content: its id, classes, epub:type, role
    (with a serial number, so that two sibling <div class="footnote"> stay apart)."""
    parts = [f"{tag.name}#{serial}"]
    for key in ("id", "class", "epub:type", "role"):
        if tag.attrs.get(key):
            parts.append(f"{key}={tag.attrs[key]}")
    return " ".join(parts)


@dataclass
class _Item:
    number: str
    markup: str
    line: int
    end_line: int
    paragraphs: int = 0


@dataclass
class _List:
    ordered: bool
    items: int = 0
    into: Block | None = None  # a dash line that interrupted a paragraph: text, not a list


@dataclass
class _Context:
    lists: list[_List] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    quote_depth: int = 0
    footnotes: list[str] = field(default_factory=list)
    containers: list[tuple[str, str]] = field(default_factory=list)  # (tag name, description)
    pending_ids: list[str] = field(default_factory=list)


class _HtmlBlockReader(HTMLParser):
    """Feeds one raw HTML block into blocks: block tags end a block, inline tags and text go
    through the inline builder, containers are remembered for the blocks inside them."""

    def __init__(self, reader: BlockReader, line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.reader = reader
        self.first_line = line
        self.builder: InlineBuilder | None = None
        self.builder_line = line
        self.heading_level = 0
        self.skipping = 0

    def _line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def _builder(self) -> InlineBuilder:
        if self.builder is None:
            self.builder_line = self._line()
            self.builder = InlineBuilder(self.reader.doc, self.builder_line)
        return self.builder

    def flush(self) -> None:
        if self.builder is None:
            return
        content = self.builder.finish()
        builder_line, self.builder = self.builder_line, None
        kind = "heading" if self.heading_level else "para"
        block = Block(kind, builder_line, content, self._line(), level=self.heading_level)
        self.reader.add(block, raw_html=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in SKIPPED_TAGS:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag in HTML_BLOCK_TAGS:
            self.flush()
            if values.get("id"):
                self.reader.context.pending_ids.append(values["id"])
            if tag in CONTAINER_TAGS:
                self.reader.serial += 1
                self.reader.context.containers.append(
                    (tag, describe(Tag(tag, values), self.reader.serial))
                )
            if tag == "hr":
                self.reader.add(Block("break", self._line(), [], self._line()))
            self.heading_level = int(tag[1]) if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else 0
            return
        self._builder().html_tag(Tag(tag, values, void=tag in ("br", "img", "wbr")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HTML_BLOCK_TAGS or self.skipping:
            self.handle_starttag(tag, attrs)
            if tag in CONTAINER_TAGS and not self.skipping:
                self.handle_endtag(tag)
            return
        self._builder().html_tag(Tag(tag, {k: v or "" for k, v in attrs}, void=True))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        if tag in HTML_BLOCK_TAGS:
            self.flush()
            self.heading_level = 0
            containers = self.reader.context.containers
            if tag in CONTAINER_TAGS:
                for index in range(len(containers) - 1, -1, -1):
                    if containers[index][0] == tag:
                        del containers[index:]
                        break
            return
        if self.builder is not None:
            self.builder.html_tag(Tag(tag, {}, closing=True))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.builder is None and not data.strip():
            return
        self._builder().text(" ".join(data.split("\n")) if "\n" in data else data)

    def handle_comment(self, data: str) -> None:
        self.reader.doc.warn(self._line(), "HTML comment in the transcript removed", "W-READ")


class BlockReader:
    """Walks markdown-it's block tokens, keeping each block's context."""

    def __init__(self, doc: Document, env: dict[str, Any]) -> None:
        self.doc = doc
        self.env = env
        self.context = _Context()
        self.heading: Block | None = None
        self.setext = False
        self.last_paragraph_end = -1  # source line (0-based) where the last paragraph ended
        self.in_table = False
        self.pending_pages: list[Span] = []  # page breaks waiting for the next paragraph
        self.serial = 0  # HTML containers seen
        self.row: list[Inline] = []
        self.row_line = 0

    # -- blocks -----------------------------------------------------------------------------
    def add(self, block: Block, raw_html: bool = False) -> None:
        """Record a block with its context; a block with no text only gives its ids."""
        context = self.context
        block.quote_depth = context.quote_depth
        block.containers = tuple(description for _, description in context.containers)
        if context.footnotes:
            block.footnote = context.footnotes[-1]
        if context.lists:
            block.list_depth = len(context.lists)
        leading = _take_leading_ids(block.content)
        ids = [*context.pending_ids, *leading]
        if block.kind == "break":
            self.doc.blocks.append(block)
            return
        if not _has_text(block.content):
            context.pending_ids.extend(leading)
            for marker in _id_markers(block.content):
                context.pending_ids.append(marker)
            # a page break alone between blocks: it opens the next one
            self.pending_pages.extend(
                s for s in block.content if isinstance(s, Span) and s.tag == "pb"
            )
            return
        context.pending_ids = []
        if self.pending_pages and block.kind in ("para", "item", "quote", "bullet"):
            block.content = [*self.pending_pages, *block.content]
            self.pending_pages = []
        block.ids = ids
        for html_id in [*ids, *_id_markers(block.content)]:
            self.doc.html_ids.setdefault(html_id, block)
        if block.kind == "para" and _figure_only(block.content):
            block.kind = "figure"  # an image alone (its description), or "[Illustration]"
        if block.kind in ("para", "item", "quote"):
            _split_label(block)
        block.italic_whole = _is_whole(block.content, "italic")
        block.bold_whole = _is_whole(block.content, "bold")
        self.doc.blocks.append(block)

    def paragraph_kind(self) -> tuple[str, str]:
        """(kind, number) of a paragraph in the current context."""
        context = self.context
        if context.items and context.lists:
            item = context.items[-1]
            item.paragraphs += 1
            if context.lists[-1].ordered and item.paragraphs == 1:
                return "item", item.number
            if not context.lists[-1].ordered and item.paragraphs == 1:
                return "bullet", ""
        if context.quote_depth:
            return "quote", ""
        return "para", ""

    def inline(self, token: Token, line: int) -> list[Inline]:
        return InlineBuilder(self.doc, line, self.footnote_tokens).build(token.children or [])

    def footnote_tokens(self, footnote_id: int) -> list[Token]:
        entry = self.env.get("footnotes", {}).get("list", {}).get(footnote_id, {})
        return list(entry.get("tokens", []))

    def read(self, tokens: list[Token]) -> None:
        for token in tokens:
            line = (token.map[0] + 1) if token.map else 0
            end_line = token.map[1] if token.map else line
            handler = getattr(self, f"on_{token.type}", None)
            if handler is not None:
                handler(token, line, end_line)
            elif token.type.startswith(("thead", "tbody", "tr_", "th_", "td_")) or token.type in (
                "paragraph_open",
                "paragraph_close",
                "footnote_anchor",
            ):
                continue
            else:
                self.doc.warn(
                    line, f"unsupported markdown block '{token.type}'; kept its text", "W-READ"
                )
                if token.content:
                    self.add(Block("para", line, [token.content], end_line))

    # -- token handlers -----------------------------------------------------------------------
    def on_front_matter(self, token: Token, line: int, end_line: int) -> None:
        frontmatter.read(self.doc, token.content, line)

    def on_ordered_list_open(self, token: Token, line: int, end_line: int) -> None:
        self._list_open(token, True, line)

    def on_bullet_list_open(self, token: Token, line: int, end_line: int) -> None:
        self._list_open(token, False, line)

    def _list_open(self, token: Token, ordered: bool, line: int) -> None:
        entry = _List(ordered)
        previous = self.doc.blocks[-1] if self.doc.blocks else None
        # A line starting with "-" (or "1.") inside a hard-wrapped paragraph interrupts it in
        # CommonMark; where the paragraph had not ended its sentence it is text, not a list.
        if (
            not self.context.lists
            and previous is not None
            and previous.kind == "para"
            and token.map is not None
            and self.last_paragraph_end == token.map[0]
            and previous.end_line == token.map[0]
            and not previous.text().rstrip().endswith(":")
            and not ends_sentence(previous.text())
        ):
            entry.into = previous
        self.context.lists.append(entry)

    def on_ordered_list_close(self, token: Token, line: int, end_line: int) -> None:
        self.context.lists.pop()

    def on_bullet_list_close(self, token: Token, line: int, end_line: int) -> None:
        self.context.lists.pop()

    def on_list_item_open(self, token: Token, line: int, end_line: int) -> None:
        self.context.items.append(_Item(token.info or "", token.markup, line, end_line))
        if self.context.lists:
            self.context.lists[-1].items += 1

    def on_list_item_close(self, token: Token, line: int, end_line: int) -> None:
        item = self.context.items.pop()
        if item.paragraphs == 0 and item.number:
            # "3." alone on a line is no thesis: keep the number as the text it is
            self.add(Block("para", item.line, [f"{item.number}{item.markup}"], item.end_line))

    def on_blockquote_open(self, token: Token, line: int, end_line: int) -> None:
        self.context.quote_depth += 1

    def on_blockquote_close(self, token: Token, line: int, end_line: int) -> None:
        self.context.quote_depth -= 1

    def on_footnote_reference_open(self, token: Token, line: int, end_line: int) -> None:
        self.context.footnotes.append(str((token.meta or {}).get("label", "")))

    def on_footnote_reference_close(self, token: Token, line: int, end_line: int) -> None:
        self.context.footnotes.pop()

    def on_heading_open(self, token: Token, line: int, end_line: int) -> None:
        self.heading = Block("heading", line, [], end_line, level=int(token.tag[1:]))
        self.setext = token.markup in ("-", "=")

    def on_heading_close(self, token: Token, line: int, end_line: int) -> None:
        self.heading = None

    def on_inline(self, token: Token, line: int, end_line: int) -> None:
        content = self.inline(token, line)
        if self.in_table:
            if self.row and _has_text(content):
                self.row.append(" ")
            self.row.extend(content)
            return
        if self.heading is not None:
            if self.setext and SPACED_COLUMNS.search(token.content):
                # a row of a plain-text table whose closing dashes CommonMark reads as a
                # heading underline: a paragraph, as the other rows
                self.doc.stats["table_rows_not_headings"] = (
                    self.doc.stats.get("table_rows_not_headings", 0) + 1
                )
                self.add(Block("para", line, content, end_line))
                return
            self.heading.content = content
            self.add(self.heading)
            return
        lists = self.context.lists
        into = next((entry.into for entry in lists if entry.into is not None), None)
        kind, number = self.paragraph_kind()
        if kind == "item" and not _has_text(content):
            # "3." with nothing but markup after it: the number is all its text
            item = self.context.items[-1]
            kind, number, content = "para", "", [f"{item.number}{item.markup}", *content]
        if into is not None and kind in ("bullet", "item"):
            # the dash (or number) was text of the wrapped paragraph: give it back its mark
            item = self.context.items[-1]
            mark = f"{item.number}{item.markup}" if item.number else item.markup
            into.content = merge_strings([*into.content, " ", mark, " ", *content])
            into.end_line = end_line
            self.doc.stats["dash_lines"] = self.doc.stats.get("dash_lines", 0) + 1
            return
        self.add(Block(kind, line, content, end_line, number=number))
        self.last_paragraph_end = end_line

    def on_fence(self, token: Token, line: int, end_line: int) -> None:
        self._code(token, line, end_line)

    def on_code_block(self, token: Token, line: int, end_line: int) -> None:
        """An indented block: in a transcript of a text (a plain-text ebook, a hard-wrapped
        quotation or list), indentation is layout, not code; its lines are kept as lines
        and read as text (anchors, editorial brackets), its markup characters as they are."""
        lines = [ln.strip() for ln in token.content.rstrip("\n").split("\n")]
        content: list[Inline] = []
        for index, text in enumerate(lines):
            if index:
                content.append(Span("lb", {}, [], line + index))
            content.extend(scan_text(text, line + index))
        if _has_text(content):
            self.doc.stats["indented_blocks"] = self.doc.stats.get("indented_blocks", 0) + 1
            self.add(Block("para", line, merge_strings(content), end_line))

    def _code(self, token: Token, line: int, end_line: int) -> None:
        self.doc.warn(line, "code block in the transcript; kept as a paragraph", "W-CODE")
        text = token.content.rstrip("\n")
        if text.strip():
            self.add(Block("para", line, [Span("hi", {"rend": "code"}, [text], line)], end_line))

    def on_html_block(self, token: Token, line: int, end_line: int) -> None:
        reader = _HtmlBlockReader(self, line)
        reader.feed(token.content)
        reader.close()
        reader.flush()

    def on_hr(self, token: Token, line: int, end_line: int) -> None:
        self.add(Block("break", line, [], end_line))

    def on_table_open(self, token: Token, line: int, end_line: int) -> None:
        self.serial += 1
        self.context.containers.append(("table", f"table#{self.serial}"))
        self.in_table = True

    def on_table_close(self, token: Token, line: int, end_line: int) -> None:
        self.context.containers.pop()
        self.in_table = False

    def on_tr_open(self, token: Token, line: int, end_line: int) -> None:
        self.row, self.row_line = [], line

    def on_tr_close(self, token: Token, line: int, end_line: int) -> None:
        # a table row reads as one paragraph, its cells apart (the profile has no tables)
        if _has_text(self.row):
            self.add(Block("para", self.row_line, merge_strings(self.row), self.row_line))
        self.row = []


def _has_text(content: list[Inline]) -> bool:
    return any(
        (isinstance(c, str) and c.strip())
        or (
            isinstance(c, Span)
            and (
                c.tag not in ("lb", "_id")
                and (
                    _has_text(c.children)
                    or (c.tag == "ref" and c.attrs.get("type") == "noteAnchor")
                )
            )
        )
        for c in content
    )


ILLUSTRATION = re.compile(r"^\s*\[Illustrations?\b[^\]]*\]\s*$")


def _figure_only(content: list[Inline]) -> bool:
    """Content that is only images' descriptions, or a transcriber's "[Illustration: ...]"."""
    rest = [
        c
        for c in content
        if not (isinstance(c, str) and not c.strip())
        and not (isinstance(c, Span) and c.tag in ("lb", "_id"))
    ]
    if rest and all(isinstance(c, Span) and c.tag == "_alt" for c in rest):
        return True
    return len(rest) == 1 and isinstance(rest[0], str) and bool(ILLUSTRATION.match(rest[0]))


def _take_leading_ids(content: list[Inline]) -> list[str]:
    """Remove the HTML id markers before the first text of a block; return their ids."""
    ids: list[str] = []
    while content:
        first = content[0]
        if isinstance(first, str) and not first.strip():
            content.pop(0)
        elif isinstance(first, Span) and first.tag == "_id":
            ids.append(first.attrs[HTML_ID])
            content.pop(0)
        elif isinstance(first, Span) and first.tag == "lb":
            content.pop(0)
        else:
            break
    return ids


def _id_markers(content: list[Inline]) -> list[str]:
    out: list[str] = []
    for item in content:
        if isinstance(item, Span):
            if item.tag == "_id" or (HTML_ID in item.attrs and item.tag == "ref"):
                out.append(item.attrs[HTML_ID])
            out.extend(_id_markers(item.children))
    return out


def _is_whole(content: list[Inline], rend: str) -> bool:
    """Whether content is a single hi[@rend] run (surrounding whitespace aside)."""
    spans = [c for c in content if not (isinstance(c, str) and not c.strip())]
    return (
        len(spans) == 1
        and isinstance(spans[0], Span)
        and spans[0].tag == "hi"
        and spans[0].attrs.get("rend") == rend
    )


def _split_label(block: Block) -> None:
    """Hold apart a note mark that opens the block ("[1] ", "**2.** ", a linked "[1]",
    "[Footnote 1: "): the notes pass decides whether the block is a note, and gives the
    mark back as text if it is not."""
    content = block.content
    first = content[0] if content else None
    if is_anchor(first):
        assert isinstance(first, Span)
        rest = content[1:]
        if rest and _has_text(rest):
            block.label = first.attrs["n"]
            block.label_content = list(first.fallback or [first.attrs["n"]])
            block.label_target = first.attrs.get("_href", "")
            if first.attrs.get(HTML_ID):
                block.ids.append(first.attrs[HTML_ID])
            block.content = _lstrip(rest)
        return
    if (
        isinstance(first, Span)
        and first.tag == "hi"
        and first.attrs.get("rend") in ("bold", "italic", "superscript")
    ):
        label = (
            label_of(inline_text(first.children))
            if all(isinstance(c, str) for c in first.children)
            else None
        )
        if label is not None and len(content) > 1 and _has_text(content[1:]):
            block.label, block.label_content = label, [first]
            block.content = _lstrip(content[1:])
        return
    if not isinstance(first, str):
        return
    gutenberg = GUTENBERG.match(first)
    if gutenberg:
        block.label, block.label_content = gutenberg.group(1), [first[: gutenberg.end()]]
        block.content = _lstrip([first[gutenberg.end() :], *content[1:]])
        block.footnote = "[Footnote]"
        return
    found = leading_label(first)
    if found is None:
        return
    label, length = found
    rest = [first[length:], *content[1:]]
    if _has_text(rest):
        block.label, block.label_content = label, [first[:length]]
        block.content = _lstrip(rest)


def _lstrip(content: list[Inline]) -> list[Inline]:
    out = list(content)
    while out and isinstance(out[0], str) and not out[0].strip():
        out.pop(0)
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    return [c for c in out if c != ""]


def run(doc: Document) -> Document:
    """Parse ``doc.markdown`` into ``doc.blocks``."""
    tokens, env = parse(doc.markdown)
    doc.tokens = list(tokens)
    doc.parse_env = env
    reader = BlockReader(doc, env)
    reader.read(tokens)
    _inline_footnotes(doc, reader)
    frontmatter.title_block(doc)
    if doc.stats.get("indented_blocks"):
        doc.decide(
            "interpretation",
            "Indented blocks of the transcript, which markdown would read as code, are read as "
            f"text with their line breaks ({doc.stats['indented_blocks']} blocks).",
        )
    pages = sum(1 for b in doc.blocks for s in walk_spans(b.content) if s.tag == "pb")
    if pages:
        doc.decide(
            "normalization",
            f"The page numbers of the printed edition that the transcript marks ({pages}) are "
            "encoded as pb with the number in @n; their text (\u201c[Pg 5]\u201d) is not part of "
            "the text.",
        )
    _unwrap_whole_quote(doc)
    if not any(b.kind != "break" for b in doc.blocks):
        raise EditionError(doc.where(1), "no text in the transcript (only markup or blank lines)")
    # the blocks exactly as read, for the conservation check's accounting (passes change them)
    doc.read_snapshot = copy.deepcopy(doc.blocks)
    return doc


def _inline_footnotes(doc: Document, reader: BlockReader) -> None:
    """Pandoc's inline notes ``^[text]``: each becomes a footnote block after its paragraph,
    its place in the text an anchor."""
    footnotes = reader.env.get("footnotes", {}).get("list", {})
    blocks: list[Block] = []
    for block in doc.blocks:
        blocks.append(block)
        for marker in _inline_markers(block.content):
            footnote_id = int(marker.attrs["id"])
            label = f"inline-{footnote_id + 1}"
            marker.tag = "ref"
            marker.attrs = {"type": "noteAnchor", "n": label, "_form": "footnote"}
            marker.children = [label]
            marker.fallback = ["^[", "]"]
            tokens = footnotes.get(footnote_id, {}).get("tokens", [])
            content = InlineBuilder(doc, marker.line).build(tokens)
            blocks.append(
                Block(
                    "para",
                    marker.line,
                    content,
                    marker.line,
                    footnote=label,
                    containers=block.containers,
                )
            )
    doc.blocks = blocks


def _inline_markers(content: list[Inline]) -> list[Span]:
    found: list[Span] = []
    for item in content:
        if isinstance(item, Span):
            if item.tag == "_inline_note":
                found.append(item)
            else:
                found.extend(_inline_markers(item.children))
    return found


def _unwrap_whole_quote(doc: Document) -> None:
    """A page that wraps its whole text in one <blockquote> (a layout device of some
    archives) has no quotations for that: the outer level is taken off."""
    text_blocks = [b for b in doc.blocks if b.kind != "break"]
    if len(text_blocks) < 3 or not all(b.quote_depth >= 1 for b in text_blocks):
        return
    for block in doc.blocks:
        block.quote_depth = max(0, block.quote_depth - 1)
        if block.kind == "quote" and block.quote_depth == 0:
            block.kind = "para"
    first, last = text_blocks[0].line, text_blocks[-1].end_line
    doc.decide(
        "normalization",
        f"The whole transcript (source lines {first}-{last}) stands in one block quotation, a "
        "layout device of the web page; it is not encoded as a quotation.",
    )


__all__ = ["html_block_text", "markdown_parser", "parse", "run", "unwrap_scratch"]
