"""Pass ``read``: markdown text -> blocks of inline model, with source lines.

The markdown is parsed by markdown-it-py (CommonMark); this module only maps its tokens to
the model, one token type at a time. Unknown token types keep their text and warn.

Example::

    "2. The contemporary epoch *contains* B[olshevik]<sup>[3]</sup>"
    -> Block(kind="item", number="2", content=[
           "The contemporary epoch ", Span("hi", {"rend": "italic"}, ["contains"]), " ",
           Span("expan", {}, ["B", Span("ex", {}, ["olshevik"])]),
           Span("ref", {"type": "noteAnchor", "n": "3"}, ["3"])])
"""

from __future__ import annotations

import re
from functools import cache

from lxml import html as lxml_html
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..errors import EditionError
from .model import Block, Document, Inline, Span, inline_text, merge_strings

# Scratch attribute (never written): an anchor that is only one if its note exists.
TENTATIVE = "_tentative"
# A leading note label of a numbered note list: "[12] text" or the footnote form "[^12]: text".
NOTE_LABEL = re.compile(r"^\s*\[\^?(\d{1,4})\]:?\s+")
# Footnote-style reference in running text: "[^12]".
FOOTNOTE_REF = re.compile(r"\[\^(\d{1,4})\]")
# Superscript content that is a note anchor: "[12]" or "12".
ANCHOR_TEXT = re.compile(r"^\s*\[?(\d{1,4})\]?\s*$")
# An editorial bracket: square brackets around text that holds no brackets itself.
BRACKET = re.compile(r"\[([^\[\]\n]+)\]")
WORD_BEFORE = re.compile(r"[^\W_]+$")
WORD_AFTER = re.compile(r"^[^\W_]+")

INLINE_HTML = {
    "<em>": ("hi", "italic"),
    "<i>": ("hi", "italic"),
    "<strong>": ("hi", "bold"),
    "<b>": ("hi", "bold"),
    "<sub>": ("hi", "subscript"),
    "<sup>": ("sup", ""),  # decided at the closing tag: note anchor or superscript
}


@cache
def markdown_parser() -> MarkdownIt:
    """One CommonMark parser per process (with raw HTML on, for <sup> anchors)."""
    return MarkdownIt("commonmark", {"html": True})


def parse_brackets(text: str, line: int = 0) -> list[Inline]:
    """Split editorial brackets out of a text run.

    A bracket joined to a word completes an abbreviation (``B[olshevik]`` -> ``expan`` with
    ``ex``); a free-standing bracket is an editorial addition (``[we]`` -> ``supplied``).

    >>> parse_brackets("the wor[king] class [we]")
    ['the ', Span(tag='expan', ...), ' class ', Span(tag='supplied', ...)]
    """
    out: list[Inline] = []
    pos = 0  # text before pos has been emitted
    for match in BRACKET.finditer(text):
        start, end = match.span()
        if start < pos:  # consumed by the previous expansion's trailing word
            continue
        inner = match.group(1)
        before = WORD_BEFORE.search(text, pos, start)
        after = WORD_AFTER.search(text[end:])
        # "[n]" followed by nothing word-like is never an abbreviation
        if before or after:
            stem_start = before.start() if before else start
            if stem_start > pos:
                out.append(text[pos:stem_start])
            children: list[Inline] = []
            if before:
                children.append(before.group(0))
            children.append(Span("ex", {}, [inner], line))
            tail_end = end
            if after:
                children.append(after.group(0))
                tail_end = end + after.end()
            out.append(Span("expan", {}, children, line))
            pos = tail_end
        else:
            if start > pos:
                out.append(text[pos:start])
            out.append(Span("supplied", {"reason": "editorial"}, [inner], line))
            pos = end
    if pos < len(text):
        out.append(text[pos:])
    return [piece for piece in out if piece != ""]


def html_block_text(html: str) -> str:
    """The text of a raw HTML block (its words; tags are not text)."""
    if not html.strip():
        return ""
    return " ".join(lxml_html.fragment_fromstring(html, create_parent="div").text_content().split())


def _text_with_footnote_refs(text: str, line: int) -> list[Inline]:
    """Text run: footnote references ``[^n]`` become anchors, the rest bracket-parsed."""
    out: list[Inline] = []
    pos = 0
    for match in FOOTNOTE_REF.finditer(text):
        out.extend(parse_brackets(text[pos : match.start()], line))
        out.append(Span("ref", {"type": "noteAnchor", "n": match.group(1)}, [match.group(1)], line))
        pos = match.end()
    out.extend(parse_brackets(text[pos:], line))
    return out


class _InlineBuilder:
    """Turns one inline token's children into model content (a small stack machine)."""

    def __init__(self, doc: Document, line: int) -> None:
        self.doc = doc
        self.line = line
        self.root: list[Inline] = []
        self.stack: list[tuple[Span, str]] = []  # open span, closing token type/tag

    @property
    def current(self) -> list[Inline]:
        return self.stack[-1][0].children if self.stack else self.root

    def open(self, span: Span, closer: str) -> None:
        self.current.append(span)
        self.stack.append((span, closer))

    def close(self, closer: str) -> Span | None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][1] == closer:
                span = self.stack[depth][0]
                del self.stack[depth:]
                return span
        self.doc.warn(self.line, f"unbalanced inline markup {closer!r}; kept its text", "W-READ")
        return None

    def in_link(self) -> bool:
        return any(span.tag == "ref" for span, _ in self.stack)

    def build(self, tokens: list[Token]) -> list[Inline]:
        for token in tokens:
            handler = getattr(self, f"on_{token.type}", None)
            if handler is None:
                self.doc.warn(self.line, f"unsupported markdown '{token.type}'; kept its text", "W-READ")
                if token.content:
                    self.current.append(token.content)
            else:
                handler(token)
        while self.stack:  # unclosed HTML such as a stray <sup>
            closer = self.stack[-1][1]
            self.doc.warn(self.line, f"unclosed inline markup {closer!r}; kept its text", "W-READ")
            self.close(closer)
        return merge_strings(self.root)

    # -- token handlers (one per markdown-it token type) ---------------------------------
    def on_text(self, token: Token) -> None:
        if not token.content:
            return
        if self.in_link():
            self.current.append(token.content)
        else:
            self.current.extend(_text_with_footnote_refs(token.content, self.line))

    def on_softbreak(self, token: Token) -> None:
        self.current.append(" ")
        self.line += 1

    def on_hardbreak(self, token: Token) -> None:
        self.current.append(Span("lb", {}, [], self.line))
        self.line += 1

    def on_em_open(self, token: Token) -> None:
        self.open(Span("hi", {"rend": "italic"}, [], self.line), "em_close")

    def on_em_close(self, token: Token) -> None:
        self.close("em_close")

    def on_strong_open(self, token: Token) -> None:
        self.open(Span("hi", {"rend": "bold"}, [], self.line), "strong_close")

    def on_strong_close(self, token: Token) -> None:
        self.close("strong_close")

    def on_s_open(self, token: Token) -> None:
        self.open(Span("hi", {"rend": "strikethrough"}, [], self.line), "s_close")

    def on_s_close(self, token: Token) -> None:
        self.close("s_close")

    def on_link_open(self, token: Token) -> None:
        href = str(token.attrs.get("href", ""))
        attrs = {"target": href}
        self.open(Span("ref", attrs, [], self.line), "link_close")

    def on_link_close(self, token: Token) -> None:
        self.close("link_close")

    def on_code_inline(self, token: Token) -> None:
        self.current.append(Span("hi", {"rend": "code"}, [token.content], self.line))

    def on_image(self, token: Token) -> None:
        self.doc.warn(self.line, "image in the transcript; kept its alternative text only", "W-READ")
        alt = "".join(child.content for child in token.children or [])
        if alt:
            self.current.append(alt)

    def on_html_inline(self, token: Token) -> None:
        tag = token.content.strip().lower()
        if tag in INLINE_HTML:
            name, rend = INLINE_HTML[tag]
            attrs = {"rend": rend} if rend else {}
            self.open(Span(name, attrs, [], self.line), "</" + tag[1:])
        elif tag.startswith("</") and tag.replace("</", "<") in INLINE_HTML:
            span = self.close(tag)
            if span is not None and span.tag == "sup":
                self._settle_sup(span)
        elif tag in ("<br>", "<br/>", "<br />"):
            self.current.append(Span("lb", {}, [], self.line))
        elif tag.startswith("<!--"):
            self.doc.warn(self.line, "HTML comment in the transcript removed", "W-READ")
        else:
            self.doc.warn(self.line, f"unsupported HTML {token.content.strip()!r} removed (its text is kept)", "W-READ")

    def _settle_sup(self, span: Span) -> None:
        """A closed <sup>: a bare number (with or without brackets) is a note anchor."""
        match = ANCHOR_TEXT.match(span.text()) if all(isinstance(c, str) or c.tag == "supplied" for c in span.children) else None
        if match:
            number = match.group(1)
            bracketed = any(isinstance(c, Span) for c in span.children)  # "[2]" was read as supplied
            span.tag, span.attrs, span.children = "ref", {"type": "noteAnchor", "n": number}, [number]
            if not bracketed:
                # a bare superscript number may be an exponent: the notes pass decides
                span.attrs[TENTATIVE] = "yes"
        else:
            span.tag, span.attrs = "hi", {"rend": "superscript"}


def _is_whole(content: list[Inline], rend: str) -> bool:
    """Whether content is a single hi[@rend] run (surrounding whitespace aside)."""
    spans = [c for c in content if not (isinstance(c, str) and not c.strip())]
    return len(spans) == 1 and isinstance(spans[0], Span) and spans[0].tag == "hi" and spans[0].attrs.get("rend") == rend


def _split_label(children: list[Token]) -> tuple[str, list[Token]]:
    """Take a leading "[n] " note label off the first text token, if there is one."""
    if not children or children[0].type != "text":
        return "", children
    match = NOTE_LABEL.match(children[0].content)
    if not match:
        return "", children
    first = children[0].copy()
    first.content = children[0].content[match.end() :]
    return match.group(1), [first, *children[1:]]


def run(doc: Document) -> Document:
    """Parse ``doc.markdown`` into ``doc.blocks``."""
    tokens = doc.tokens = markdown_parser().parse(doc.markdown)
    list_stack: list[str] = []  # "ol" / "ul"
    item_paragraphs: list[int] = []  # paragraphs seen in each open list item
    item_numbers: list[str] = []
    item_markup: list[str] = []
    item_lines: list[tuple[int, int]] = []
    quote_depth = 0
    heading: Block | None = None
    for index, token in enumerate(tokens):
        line = (token.map[0] + 1) if token.map else 0
        end_line = token.map[1] if token.map else line
        kind = token.type
        if kind in ("ordered_list_open", "bullet_list_open"):
            list_stack.append("ol" if kind.startswith("ordered") else "ul")
        elif kind in ("ordered_list_close", "bullet_list_close"):
            list_stack.pop()
        elif kind == "list_item_open":
            item_paragraphs.append(0)
            item_numbers.append(token.info or "")
            item_markup.append(token.markup)
            item_lines.append((line, end_line))
        elif kind == "list_item_close":
            number, markup, (first, last) = item_numbers.pop(), item_markup.pop(), item_lines.pop()
            if item_paragraphs.pop() == 0 and number:
                # "3." alone on a line is no thesis: keep the number as the text it is
                doc.blocks.append(Block("para", first, [f"{number}{markup}"], last))
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "heading_open":
            heading = Block("heading", line, [], end_line, level=int(token.tag[1:]))
        elif kind == "heading_close":
            heading = None
        elif kind == "inline":
            children = token.children or []
            if heading is not None:
                heading.content = _InlineBuilder(doc, line).build(children)
                doc.blocks.append(heading)
                continue
            label, labelled = _split_label(children)
            block = Block("para", line, [], end_line)
            if quote_depth:
                block.kind = "quote"
            elif list_stack and item_paragraphs:
                if list_stack[-1] == "ol" and item_paragraphs[-1] == 0:
                    block.kind, block.number = "item", item_numbers[-1]
                elif list_stack[-1] == "ul":
                    block.kind = "bullet"
                item_paragraphs[-1] += 1
            if label and block.kind == "para":
                block.content = _InlineBuilder(doc, line).build(labelled)
                if inline_text(block.content).strip():
                    block.label = label
            if not block.label:  # no label, or nothing after it: "[1]" is then just text
                block.content = _InlineBuilder(doc, line).build(children)
            block.italic_whole = _is_whole(block.content, "italic")
            block.bold_whole = _is_whole(block.content, "bold")
            if block.content and any(not isinstance(c, str) or c.strip() for c in block.content):
                doc.blocks.append(block)
        elif kind in ("fence", "code_block"):
            doc.warn(line, "code block in the transcript; kept as a paragraph", "W-READ")
            doc.blocks.append(Block("para", line, [Span("hi", {"rend": "code"}, [token.content.rstrip("\n")], line)], end_line))
        elif kind == "html_block":
            text = html_block_text(token.content)
            doc.warn(line, "raw HTML block in the transcript; kept its text as a paragraph" if text else "raw HTML block removed", "W-READ")
            if text:
                doc.blocks.append(Block("para", line, parse_brackets(text, line), end_line))
        elif kind == "hr":
            doc.decide("normalization", f"A thematic break (source line {line}) is not encoded.")
        elif kind in ("paragraph_open", "paragraph_close", "table_open", "table_close") or kind.startswith(("thead", "tbody", "tr", "th", "td")):
            continue
        else:
            doc.warn(line, f"unsupported markdown block '{kind}'; kept its text", "W-READ")
            if token.content:
                doc.blocks.append(Block("para", line, [token.content], end_line))
    if not doc.blocks:
        raise EditionError(doc.where(1), "no text in the transcript (only markup or blank lines)")
    return doc
