"""Pass ``write``: the document model -> the TEI tree (lxml), with stable ids.

Paragraph ids follow the structure: the k-th paragraph of division ``sec-2-A`` is
``sec-2-A-pk``; numbered theses keep their source number in ``@n``. Consecutive bulleted
items become one ``list``; block quotations a ``quote`` inside their paragraph.
"""

from __future__ import annotations

import copy

from lxml import etree

from ..conventions.ids import NOTES_ID, paragraph_id
from ..errors import EditionError
from . import links
from .model import Block, Division, Document, Inline, Note
from .tei import el, indent, sub, write_inline


def _paragraph(block: Block, xml_id: str) -> etree._Element:
    attrs = {"xml:id": xml_id}
    if block.kind == "item" and block.number:
        attrs["n"] = block.number
    p = el("p", attrs)
    if block.kind == "quote":
        write_inline(sub(p, "quote"), block.content)
    else:
        write_inline(p, block.content)
    return p


#: Kinds of block that stand in a letter's opener, closer and postscript, and their element.
OPENER = {"dateline": "dateline", "salute": "salute"}
CLOSER = {"valediction": "salute", "signed": "signed", "closing-dateline": "dateline"}


def _figure_text(content: list[Inline]) -> list[Inline]:
    """What a figure's description says: the images' descriptions, or a transcriber's
    "[Illustration: ...]" without its brackets."""
    out: list[Inline] = []
    for item in content:
        if isinstance(item, str):
            out.append(item.strip().removeprefix("[").removesuffix("]") if item.strip() else item)
        elif item.tag == "_alt":
            if out:
                out.append(" ")
            out.extend(item.children)
    return out


def _blocks(
    parent: etree._Element, div_id: str, blocks: list[Block], targets: dict[int, str]
) -> None:
    position = 0
    current_list: etree._Element | None = None
    group: etree._Element | None = None  # the open opener, closer or postscript
    for block in blocks:
        if block.kind == "bullet":
            if current_list is None:
                current_list = sub(
                    group
                    if group is not None and etree.QName(group).localname == "postscript"
                    else parent,
                    "list",
                    {"rend": "bulleted"},
                )
            write_inline(sub(current_list, "item"), block.content)
            continue
        current_list = None
        if block.kind == "figure":
            group = None
            write_inline(sub(sub(parent, "figure"), "figDesc"), _figure_text(block.content))
            targets[id(block)] = div_id
            continue
        for kinds, name in ((OPENER, "opener"), (CLOSER, "closer")):
            if block.kind in kinds:
                if group is None or etree.QName(group).localname != name:
                    group = sub(parent, name)
                write_inline(sub(group, kinds[block.kind]), block.content)
                targets[id(block)] = div_id
                break
        else:
            if block.kind == "postscript":
                if group is None or etree.QName(group).localname != "postscript":
                    group = sub(parent, "postscript")
                position += 1
                group.append(_paragraph(block, paragraph_id(div_id, position)))
                targets[id(block)] = paragraph_id(div_id, position)
                continue
            group = None
            position += 1
            parent.append(_paragraph(block, paragraph_id(div_id, position)))
            targets[id(block)] = paragraph_id(div_id, position)


def _division(div: Division, targets: dict[int, str]) -> etree._Element:
    attrs = {"type": div.kind, "n": div.n, "xml:id": div.xml_id, "rend": div.rend}
    node = el("div", attrs)
    if div.head:
        write_inline(sub(node, "head"), div.head)
    if div.head_block is not None:
        targets[id(div.head_block)] = div.xml_id
    _blocks(node, div.xml_id, div.blocks, targets)
    for child in div.children:
        node.append(_division(child, targets))
    return node


def _title_page(doc: Document) -> etree._Element | None:
    """The title page in the transcript's order: title parts (one docTitle for each run of
    them), bylines, the date, epigraphs."""
    page = doc.title_page
    if not page.items:
        return None
    node = el("titlePage")
    doc_title: etree._Element | None = None
    for kind, content in page.items:
        if kind in ("main", "sub"):
            if doc_title is None:
                doc_title = sub(node, "docTitle")
            write_inline(sub(doc_title, "titlePart", {"type": kind}), content)
            continue
        doc_title = None
        if kind == "byline":
            write_inline(sub(node, "byline"), content)
        elif kind == "date":
            write_inline(
                sub(
                    node,
                    "docDate",
                    {"when": page.date_iso} if page.date_iso and content is page.date else {},
                ),
                content,
            )
        elif kind == "epigraph":
            write_inline(sub(sub(node, "epigraph"), "p"), content)
        elif kind == "figure":
            write_inline(sub(sub(node, "figure"), "figDesc"), _figure_text(content))
    return node


def _note(note: Note) -> etree._Element:
    attrs = {"xml:id": note.xml_id, "n": note.label or str(note.n), "type": "editorial"}
    if note.anchors:
        attrs["target"] = " ".join(f"#{a}" for a in note.anchors)
    else:
        attrs["subtype"] = "unanchored"
    node = el("note", attrs)
    if not note.paragraphs:
        return write_inline(node, note.content)
    # a note of several paragraphs: each its own p (ids follow the note's)
    write_inline(sub(node, "p", {"xml:id": f"{note.xml_id}-p1"}), note.content)
    for position, block in enumerate(note.paragraphs, start=2):
        paragraph = sub(node, "p", {"xml:id": paragraph_id(note.xml_id, position)})
        write_inline(sub(paragraph, "quote") if block.kind == "quote" else paragraph, block.content)
    return node


def build_tree(doc: Document) -> etree._ElementTree:
    root = el(
        "TEI",
        {
            "xml:lang": doc.statement.language
            if doc.statement is not None
            else (doc.config.language or "en")
        },
    )
    assert doc.header is not None, "the header pass runs before the write pass"
    root.append(doc.header)
    text = sub(root, "text")
    targets: dict[int, str] = {}  # block -> the xml:id of the element written from it
    front_children = [
        c for c in [_title_page(doc), *(_division(d, targets) for d in doc.front)] if c is not None
    ]
    if front_children:
        front = sub(text, "front")
        for child in front_children:
            front.append(child)
    body = sub(text, "body")
    for div in doc.body:
        body.append(_division(div, targets))
    if not len(body):
        raise EditionError(
            doc.where(1), "the transcript has no body text (only a title, front matter or notes)"
        )
    if doc.notes:
        notes = sub(sub(text, "back"), "div", {"type": "notes", "xml:id": NOTES_ID})
        if doc.notes_head:
            write_inline(sub(notes, "head"), doc.notes_head)
        for note in doc.notes:
            notes.append(_note(note))
    for note in doc.notes:
        for block in [*note.sources.values(), *note.paragraphs]:
            targets[id(block)] = note.xml_id
    links.resolve(doc, text, targets)
    if doc.standoff:
        standoff = sub(root, "standOff")
        for list_element in doc.standoff:
            standoff.append(copy.deepcopy(list_element))
    indent(root)
    return etree.ElementTree(root)


def serialize(tree: etree._ElementTree) -> bytes:
    """UTF-8, LF, XML declaration, final newline: byte-identical for identical trees."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


def run(doc: Document) -> Document:
    doc.tei = build_tree(doc)
    return doc
