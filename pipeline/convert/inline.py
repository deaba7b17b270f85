"""Inline content: markdown-it's inline tokens (and raw HTML tags) -> the model's inline items.

One handler per token type; raw HTML tags are read by the standard library's HTML parser,
one tag at a time, and mapped by name (``<em>`` to italics, ``<a>`` to a link, ``<span>``
to nothing, its text kept). Note anchors are recognised here in every form transcripts
use, but only *tentatively*: whether ``[1]`` or a superscript ``2`` is an anchor depends
on whether a note 1 or 2 exists, which the notes pass decides. A tentative anchor keeps its
``fallback``, the reading it has if no note claims it::

    "Commune[1] and x<sup>2</sup>"
    -> ["Commune",
        Span("ref", {type: noteAnchor, n: "1", _form: "bracket"}, fallback=[supplied 1]),
        " and x",
        Span("ref", {type: noteAnchor, n: "2", _form: "sup"}, fallback=[hi superscript 2])]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TypeGuard

from markdown_it.token import Token

from .labels import SYMBOLS, label_of
from .model import Document, Inline, Span, inline_text, merge_strings

# Scratch attributes (never written): how a tentative anchor was written, where it links.
FORM = "_form"
HREF = "_href"
HTML_ID = "_id"
CLASSES = "_class"

# An editorial bracket: square brackets around text that holds no brackets itself.
BRACKET = re.compile(r"\[([^\[\]\n]+)\]")
# Brackets a transcriber writes around what is not the text's (Project Gutenberg's forms).
TRANSCRIBER_BRACKET = re.compile(
    r"^(?:Footnote|Illustration|Sidenote|Transcriber[’']s [Nn]ote|Note)\b[^\]]*$"
)
WORD_BEFORE = re.compile(r"[^\W_]+$")
WORD_AFTER = re.compile(r"^[^\W_]+")
# Anchors written as text: "[^n]" (a footnote reference with no definition), "[12]" after a
# word, punctuation or space, "(3)" or "*" joined to the word or punctuation before it.
_SYMBOL_CLASS = re.escape(SYMBOLS)
TEXT_ANCHOR = re.compile(
    r"\[\^(?P<footnote>[^\]\s]{1,20})\]"
    r"|(?<![\d\[])\[(?P<bracket>\d{1,4}\*?|[" + _SYMBOL_CLASS + r"]{1,3})\](?![\w(\[])"
    r"|(?<![\w\[])\[(?P<letter>[A-Za-z])\](?![\w(\[])"
    r"|(?<=[^\W_]|[.,;:!?\"”’)\]])\((?P<paren>\d{1,3})\)(?![\w(\[])"
    r"|(?<=[^\W_]|[.,;:!?\"”’)\]])(?P<symbol>[" + _SYMBOL_CLASS + r"]{1,3})(?=[\s.,;:!?)\]\"”’]|$)"
)

HI_TAGS = {
    "em": "italic",
    "i": "italic",
    "cite": "italic",
    "var": "italic",
    "dfn": "italic",
    "strong": "bold",
    "b": "bold",
    "sub": "subscript",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "code": "code",
    "kbd": "code",
    "tt": "code",
    "samp": "code",
}
#: HTML elements that open a block of their own when a transcript holds raw HTML.
HTML_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "aside",
        "nav",
        "header",
        "footer",
        "main",
        "blockquote",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "figure",
        "figcaption",
        "hgroup",
        "address",
        "center",
        "body",
        "html",
        "hr",
        "caption",
        "details",
        "summary",
        "form",
        "fieldset",
    ]
)
#: Tags whose text is kept without markup of its own: inline wrappers, and block elements
#: met inside a line (all but the page's frame, forms, rules and preformatted text).
TRANSPARENT_TAGS = frozenset(
    [
        "span",
        "abbr",
        "acronym",
        "small",
        "big",
        "font",
        "mark",
        "q",
        "bdi",
        "bdo",
        "time",
        "data",
        "label",
        "ruby",
        "rt",
        "rp",
        "nobr",
        "o:p",
    ]
) | (HTML_BLOCK_TAGS - {"body", "fieldset", "form", "hr", "html", "pre"})
VOID_TAGS = frozenset(["br", "img", "wbr", "hr", "meta", "link", "input", "col", "area", "source"])
#: Classes (epub:types, roles) of the spans that carry a printed edition's page numbers.
PAGE_NUMBER = re.compile(r"\b(?:pagenum|page-?number|pagebreak|doc-pagebreak|pb)\b", re.IGNORECASE)
PAGE_DIGITS = re.compile(r"\b(?:\d{1,5}|[ivxlcdm]{1,8})\b", re.IGNORECASE)
#: Scratch attribute: the text of the transcript an element stands in for (a page number).
DROPPED = "_dropped"
NOTE_REF_TYPES = frozenset(
    ["noteref", "doc-noteref", "footnote-ref", "fnanchor", "anote", "endnote", "footnote"]
)


@dataclass
class Tag:
    """One raw HTML tag as the HTML parser reads it."""

    name: str
    attrs: dict[str, str]
    closing: bool = False
    void: bool = False


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.comment = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(Tag(tag, {k: v or "" for k, v in attrs}, void=tag in VOID_TAGS))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(Tag(tag, {k: v or "" for k, v in attrs}, void=True))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(Tag(tag, {}, closing=True))

    def handle_comment(self, data: str) -> None:
        self.comment = True


def read_tags(html: str) -> tuple[list[Tag], bool]:
    """The tags of a raw HTML snippet (one tag, as markdown-it gives them), and whether it
    was a comment."""
    reader = _TagReader()
    reader.feed(html)
    reader.close()
    return reader.tags, reader.comment


def fragment_of(href: str) -> str:
    """The fragment of a link target ("page.htm#n2" -> "n2"), '' if it has none.

    An ebook's chapters joined into one page keep their file names in ids
    ("endnotes.xhtml#note-3"), so the fragment is everything after the first '#'."""
    return href.partition("#")[2] if "#" in href else ""


def note_ref_marked(attrs: dict[str, str]) -> bool:
    """Whether an <a>'s class, epub:type or role says it is a note reference."""
    words = " ".join(attrs.get(key, "") for key in ("class", "epub:type", "role")).lower().split()
    return any(word in NOTE_REF_TYPES for word in words)


def tentative_anchor(
    label: str, form: str, fallback: list[Inline], line: int, href: str = "", html_id: str = ""
) -> Span:
    attrs = {"type": "noteAnchor", "n": label, FORM: form}
    if href:
        attrs[HREF] = href
    if html_id:
        attrs[HTML_ID] = html_id
    return Span("ref", attrs, [label], line, fallback=fallback)


def is_anchor(item: Inline | None) -> TypeGuard[Span]:
    return isinstance(item, Span) and item.tag == "ref" and item.attrs.get("type") == "noteAnchor"


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
        if TRANSCRIBER_BRACKET.match(inner):
            continue  # "[Footnote 3: ...]", "[Illustration: ...]": the transcriber's, as text
        before = WORD_BEFORE.search(text, pos, start)
        after = WORD_AFTER.search(text[end:])
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


def scan_text(text: str, line: int) -> list[Inline]:
    """A run of text: tentative anchors written as text, the rest bracket-parsed."""
    out: list[Inline] = []
    pos = 0
    for match in TEXT_ANCHOR.finditer(text):
        out.extend(parse_brackets(text[pos : match.start()], line))
        written = match.group(0)
        if match.group("footnote"):
            out.append(tentative_anchor(match.group("footnote"), "footnote-text", [written], line))
        elif match.group("bracket") or match.group("letter"):
            label = match.group("bracket") or match.group("letter")
            out.append(
                tentative_anchor(
                    label,
                    "bracket",
                    [Span("supplied", {"reason": "editorial"}, [label], line)],
                    line,
                )
            )
        elif match.group("paren"):
            out.append(tentative_anchor(match.group("paren"), "paren", [written], line))
        else:
            out.append(tentative_anchor(match.group("symbol"), "symbol", [written], line))
        pos = match.end()
    out.extend(parse_brackets(text[pos:], line))
    return out


class InlineBuilder:
    """Turns one inline token's children into model content (a small stack machine)."""

    def __init__(
        self, doc: Document, line: int, footnote_text: Callable[[int], list[Token]] | None = None
    ) -> None:
        self.doc = doc
        self.line = line
        self.root: list[Inline] = []
        self.stack: list[tuple[Span, str]] = []  # open span, what closes it
        self.footnote_text = footnote_text

    @property
    def current(self) -> list[Inline]:
        return self.stack[-1][0].children if self.stack else self.root

    def open(self, span: Span, closer: str) -> None:
        self.current.append(span)
        self.stack.append((span, closer))

    def close(self, closer: str, quiet: bool = False) -> Span | None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][1] == closer:
                span = self.stack[depth][0]
                del self.stack[depth:]
                self._settle(span)
                return span
        if not quiet:
            self.doc.warn(
                self.line, f"unbalanced inline markup {closer!r}; kept its text", "W-READ"
            )
        return None

    def in_link(self) -> bool:
        return any(span.tag == "ref" for span, _ in self.stack)

    def build(self, tokens: list[Token]) -> list[Inline]:
        for token in tokens:
            handler = getattr(self, f"on_{token.type}", None)
            if handler is None:
                self.doc.warn(
                    self.line, f"unsupported markdown '{token.type}'; kept its text", "W-READ"
                )
                if token.content:
                    self.current.append(token.content)
            else:
                handler(token)
        return self.finish()

    def finish(self) -> list[Inline]:
        while self.stack:  # unclosed HTML such as a stray <sup>: its content is kept
            span, closer = self.stack[-1]
            if span.tag != "_html":
                self.doc.warn(
                    self.line, f"unclosed inline markup {closer!r}; kept its text", "W-READ"
                )
            self.close(closer, quiet=True)
        return merge_strings(unwrap_scratch(self.root))

    # -- markdown tokens ------------------------------------------------------------------
    def text(self, content: str) -> None:
        if not content:
            return
        if self.in_link():
            self.current.append(content)
        else:
            self.current.extend(scan_text(content, self.line))

    def on_text(self, token: Token) -> None:
        self.text(token.content)

    def on_softbreak(self, token: Token) -> None:
        # kept as a line end until the structure is known (title pages, header blocks and
        # letters are read line by line), then read as the space it is (model.soften)
        self.current.append("\n")
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
        self.open(
            Span("ref", {"target": str(token.attrs.get("href", ""))}, [], self.line), "link_close"
        )

    def on_link_close(self, token: Token) -> None:
        self.close("link_close")

    def on_code_inline(self, token: Token) -> None:
        self.current.append(Span("hi", {"rend": "code"}, [token.content], self.line))

    def on_image(self, token: Token) -> None:
        alt = "".join(child.content for child in token.children or [])
        self.image(alt)

    def image(self, alt: str) -> None:
        """An image: its alternative text is kept (as a figure's description where the image
        stands alone), the image itself is not in the transcript."""
        self.doc.warn(
            self.line,
            "image in the transcript; kept its alternative text only"
            if alt
            else "image in the transcript removed",
            "W-IMAGE",
        )
        if alt:
            self.current.append(Span("_alt", {}, [alt], self.line))

    def on_footnote_ref(self, token: Token) -> None:
        meta = token.meta or {}
        label = meta.get("label")
        if label is None and self.footnote_text is not None:
            # an inline footnote ^[text]: its text is a note of its own, at this point
            self.current.append(
                Span("_inline_note", {"id": str(meta.get("id", ""))}, [], self.line)
            )
            return
        attrs = {"type": "noteAnchor", "n": str(label), FORM: "footnote"}
        self.current.append(Span("ref", attrs, [str(label)], self.line, fallback=[f"[^{label}]"]))

    def on_html_inline(self, token: Token) -> None:
        tags, comment = read_tags(token.content)
        if comment and not tags:
            self.doc.warn(self.line, "HTML comment in the transcript removed", "W-READ")
        for tag in tags:
            self.html_tag(tag)
        self.line += token.content.count("\n")

    # -- raw HTML -------------------------------------------------------------------------
    def html_tag(self, tag: Tag) -> None:
        if tag.closing:
            self.close(
                f"</{tag.name}>",
                quiet=tag.name in TRANSPARENT_TAGS
                or (tag.name not in HI_TAGS and tag.name not in ("a", "sup")),
            )
            return
        name, attrs = tag.name, tag.attrs
        if attrs.get("id") and name not in ("a", "span") and name not in TRANSPARENT_TAGS:
            # an id on <b>, <sup> ...: a place a link can lead to (a note's mark, its anchor)
            self.current.append(Span("_id", {HTML_ID: attrs["id"]}, [], self.line))
        if name == "br":
            self.current.append(Span("lb", {}, [], self.line))
        elif name == "img":
            self.image(attrs.get("alt", "").strip())
        elif tag.void:
            return
        elif name in HI_TAGS:
            self.open(Span("hi", {"rend": HI_TAGS[name]}, [], self.line), f"</{name}>")
        elif name == "sup":
            self.open(Span("sup", {}, [], self.line), "</sup>")
        elif name == "a":
            span = Span("ref", {"target": attrs.get("href", "")}, [], self.line)
            if attrs.get("id") or attrs.get("name"):
                span.attrs[HTML_ID] = attrs.get("id") or attrs.get("name", "")
            if note_ref_marked(attrs):
                span.attrs[CLASSES] = "noteref"
            if attrs.get("rel"):
                span.attrs["_rel"] = attrs["rel"].lower()
            self.open(span, "</a>")
        else:
            if name not in TRANSPARENT_TAGS:
                self.doc.warn(
                    self.line,
                    f"unsupported HTML <{name}>: its text is kept, the tag is not",
                    "W-HTML",
                )
            span = Span("_html", {}, [], self.line)
            if attrs.get("id"):
                span.attrs[HTML_ID] = attrs["id"]
            if PAGE_NUMBER.search(
                " ".join(attrs.get(k, "") for k in ("class", "epub:type", "role"))
            ):
                span.tag, span.attrs = (
                    "_page",
                    {"title": attrs.get("title", ""), HTML_ID: attrs.get("id", "")},
                )
            if "smallcaps" in attrs.get("class", "").replace("-", "") or "small-caps" in attrs.get(
                "style", ""
            ):
                span.tag, span.attrs = "hi", {"rend": "smallcaps"}
            self.open(span, f"</{name}>")

    # -- settling spans when they close ---------------------------------------------------
    def _settle(self, span: Span) -> None:
        if span.tag == "_page":
            self._settle_page(span)
        elif span.tag == "sup":
            self._settle_sup(span)
        elif span.tag == "ref" and "target" in span.attrs:
            self._settle_link(span)

    def _settle_page(self, span: Span) -> None:
        """A page number of the printed edition (``<span class="pagenum">[Pg 5]</span>``):
        a ``pb`` with the number in @n; the number's text, which is not the text, is kept
        aside for the conservation check."""
        shown = " ".join(inline_text(span.children).split())
        number = (
            PAGE_DIGITS.search(shown)
            or PAGE_DIGITS.search(span.attrs.get("title", ""))
            or PAGE_DIGITS.search(span.attrs.get(HTML_ID, ""))
        )
        span.tag, span.attrs = "pb", {"n": number.group(0)} if number else {}
        span.attrs[DROPPED] = shown
        span.children = []

    def _settle_link(self, span: Span) -> None:
        """A link whose text is a note mark and which leads to a fragment (or is marked as a
        note reference) is a tentative anchor; a link without target is only an id."""
        target = span.attrs["target"]
        if not target:
            span.tag, span.attrs = "_html", {HTML_ID: span.attrs.get(HTML_ID, "")}
            return
        label = label_of(inline_text(span.children)) if _plain(span.children) else None
        if label is None:
            return
        marked = span.attrs.get(CLASSES) == "noteref"
        if marked or fragment_of(target):
            form = "noteref" if marked else "link"
            link = Span(
                "ref",
                {k: v for k, v in span.attrs.items() if not k.startswith("_")},
                span.children,
                span.line,
            )
            anchor = tentative_anchor(
                label, form, [link], span.line, fragment_of(target), span.attrs.get(HTML_ID, "")
            )
            span.tag, span.attrs, span.children, span.fallback = (
                anchor.tag,
                anchor.attrs,
                anchor.children,
                anchor.fallback,
            )

    def _settle_sup(self, span: Span) -> None:
        """A closed <sup>: a note mark inside it (bare, bracketed or linked) is a tentative
        anchor; anything else is a superscript."""
        content = [
            c for c in unwrap_scratch(span.children) if not (isinstance(c, str) and not c.strip())
        ]
        superscript = Span("hi", {"rend": "superscript"}, span.children, span.line)
        if len(content) == 1 and is_anchor(content[0]):
            inner = content[0]
            assert isinstance(inner, Span)
            form = inner.attrs[FORM]
            inner.attrs[FORM] = {"bracket": "sup-bracket", "symbol": "sup", "paren": "sup"}.get(
                form, form
            )
            if inner.fallback is not None:
                inner.fallback = [Span("hi", {"rend": "superscript"}, inner.fallback, span.line)]
            span.tag, span.attrs, span.children, span.fallback = (
                inner.tag,
                inner.attrs,
                inner.children,
                inner.fallback,
            )
            return
        label = label_of(inline_text(content)) if _plain(content) and content else None
        if label is not None:
            anchor = tentative_anchor(label, "sup", [superscript], span.line)
            span.tag, span.attrs, span.children, span.fallback = (
                anchor.tag,
                anchor.attrs,
                anchor.children,
                anchor.fallback,
            )
        else:
            span.tag, span.attrs = "hi", {"rend": "superscript"}


def _plain(items: list[Inline]) -> bool:
    """Only text (and scratch wrappers of text): nothing a label could not be."""
    for item in items:
        if (
            isinstance(item, Span)
            and not (item.tag == "_html" or (item.tag == "supplied" and len(item.children) == 1))
            and not (item.tag == "hi" and _plain(item.children))
        ):
            return False
    return True


def unwrap_scratch(items: list[Inline]) -> list[Inline]:
    """Replace transparent HTML wrappers by their children; keep empty id markers."""
    out: list[Inline] = []
    for item in items:
        if isinstance(item, Span):
            item.children = unwrap_scratch(item.children)
            if item.tag == "_html":
                if item.attrs.get(HTML_ID):
                    out.append(Span("_id", {HTML_ID: item.attrs[HTML_ID]}, [], item.line))
                out.extend(item.children)
                continue
        out.append(item)
    return out
