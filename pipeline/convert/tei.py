"""Small helpers to build TEI with lxml: element factory, inline writer, indentation."""

from __future__ import annotations

from lxml import etree

from ..xmlsafe import TEI_NS, XML_ID, XML_LANG
from .model import Inline, Span

NSMAP = {None: TEI_NS}

_SPECIAL_ATTRS = {"xml:id": XML_ID, "xml:lang": XML_LANG}


def el(
    tag: str, attrs: dict[str, str] | None = None, *children: etree._Element | str | None
) -> etree._Element:
    """``el("title", {"type": "main"}, "Text")`` -> <title type="main">Text</title> (TEI ns)."""
    node = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap=NSMAP)
    for key, value in (attrs or {}).items():
        if value != "":
            node.set(_SPECIAL_ATTRS.get(key, key), value)
    for child in children:
        append(node, child)
    return node


def sub(
    parent: etree._Element,
    tag: str,
    attrs: dict[str, str] | None = None,
    *children: etree._Element | str | None,
) -> etree._Element:
    node = el(tag, attrs, *children)
    parent.append(node)
    return node


def append(node: etree._Element, child: etree._Element | str | None) -> None:
    """Append an element or text at the end of ``node``'s content."""
    if child is None:
        return
    if isinstance(child, str):
        if len(node):
            last = node[-1]
            last.tail = (last.tail or "") + child
        else:
            node.text = (node.text or "") + child
    else:
        node.append(child)


def write_inline(node: etree._Element, content: list[Inline]) -> etree._Element:
    """Append model inline content to ``node`` (a Span becomes the TEI element of its tag;
    a scratch span, whose tag starts with "_", only its children)."""
    for item in content:
        if isinstance(item, str):
            append(node, item)
        elif item.tag.startswith("_"):
            write_inline(node, item.children)
        else:
            append(node, span_element(item))
    return node


def span_element(span: Span) -> etree._Element:
    """The TEI element of a span; scratch attributes (names starting with "_") stay behind."""
    attrs = {key: value for key, value in span.attrs.items() if not key.startswith("_")}
    return write_inline(el(span.tag, attrs), span.children)


STRUCTURAL_INDENT = "  "
# Elements whose content is only other elements: safe to indent. Anything that can hold
# text (p, head, note, bibl, title ...) is never touched, so no whitespace enters the text.
STRUCTURAL = frozenset(
    [
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "editionStmt",
        "publicationStmt",
        "sourceDesc",
        "listWit",
        "encodingDesc",
        "projectDesc",
        "editorialDecl",
        "correction",
        "normalization",
        "segmentation",
        "interpretation",
        "quotation",
        "hyphenation",
        "stdVals",
        "punctuation",
        "appInfo",
        "application",
        "profileDesc",
        "langUsage",
        "revisionDesc",
        "availability",
        "text",
        "front",
        "body",
        "back",
        "div",
        "titlePage",
        "docTitle",
        "standOff",
        "listPerson",
        "listOrg",
        "listPlace",
        "listBibl",
        "person",
        "org",
        "place",
        "list",
    ]
)


def indent(node: etree._Element, level: int = 0) -> None:
    """Pretty-print structural elements; mixed content (text with markup) is left intact."""
    children = [c for c in node if isinstance(c.tag, str)]
    if not children or etree.QName(node).localname not in STRUCTURAL:
        return
    if (node.text or "").strip() or any((c.tail or "").strip() for c in node):
        return
    pad = "\n" + STRUCTURAL_INDENT * (level + 1)
    node.text = pad
    for child in node:
        if isinstance(child.tag, str):
            indent(child, level + 1)
        child.tail = pad
    node[-1].tail = "\n" + STRUCTURAL_INDENT * level
