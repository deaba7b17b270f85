"""Text conservation: every word of the transcript is in the TEI, in order, exactly once.

Two checks, from independent ends:

1. **Accounting.** Every word markdown-it finds in the transcript (raw tokens, no converter
   logic) is accounted for by exactly one block the converter read: body text, a witness of
   a note, a note label, or web-page boilerplate that was removed. Nothing disappears between
   the parser and the converter's model.
2. **Order.** The words of the TEI, read along each witness, equal the words of the blocks
   they came from: the front and body against the transcript's text blocks, each note against
   each witness that carries it (``lem`` for the base witness, ``rdg`` for the other). A word
   dropped, added, duplicated or moved by any pass, or by a hand edit, is reported with the
   source line and the first divergent word.

Words are runs of letters and digits, compared case-insensitively; punctuation, brackets and
spacing are not words.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import Diagnostic, Location

if TYPE_CHECKING:
    from ..convert.model import Document
from ..xmlsafe import tei

WORD = re.compile(r"[^\W_]+")
CODE = "E-CONSERVATION"


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


# -- the transcript side --------------------------------------------------------------------

def raw_markdown_words(markdown: str, tokens: list[object] | None = None) -> Counter[str]:
    """All words of the transcript as markdown-it tokenises it (text, link texts, numbers).
    ``tokens``: markdown-it's tokens of ``markdown``, when the caller already has them."""
    from ..convert.read import html_block_text, markdown_parser

    found: Counter[str] = Counter()
    for token in tokens if tokens is not None else markdown_parser().parse(markdown):
        if token.type == "list_item_open" and token.info:
            found.update(words(token.info))
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                # editorial brackets split no word: "B[olshevik]" is the word "Bolshevik"
                found.update(words(child.content.replace("[", "").replace("]", "")))
        if token.type in ("fence", "code_block"):
            found.update(words(token.content))
        elif token.type == "html_block":
            found.update(words(html_block_text(token.content).replace("[", "").replace("]", "")))
    return found


def _model_text(items: list[object]) -> str:
    """The reading of model content, with note anchors standing apart as their own word."""
    from ..convert.model import Span, inline_text

    out: list[str] = []
    for item in items:
        if isinstance(item, Span) and item.tag == "ref" and item.attrs.get("type") == "noteAnchor":
            out.append(f" {item.text()} ")
        elif isinstance(item, Span) and item.tag not in ("app", "lb"):
            out.append(_model_text(item.children))
        elif isinstance(item, Span):
            out.append(inline_text([item]))
        else:
            out.append(str(item))
    return "".join(out)


def _block_words(block: object) -> list[str]:
    from ..convert.model import Block

    assert isinstance(block, Block)
    number = block.number if block.kind == "item" else ""
    return [*words(number), *words(_model_text(block.content))]


# -- the TEI side ---------------------------------------------------------------------------

def _reading(node: etree._Element, witness: str, out: list[str]) -> None:
    """Append the text of ``node`` as read along ``witness`` (the base reading if '')."""
    tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
    if tag == "app":
        chosen = None
        for child in node:
            wits = (child.get("wit") or "").split()
            if f"#{witness}" in wits:
                chosen = child
                break
        if chosen is None:
            chosen = node.find(tei("lem"))
        if chosen is not None:
            _reading(chosen, witness, out)
        out.append(node.tail or "")
        return
    if tag in ("div", "p") and node.get("n") and node.getparent() is not None:
        out.append(f" {node.get('n')} ")
    if tag == "lb" or (tag == "ref" and node.get("type") == "noteAnchor"):
        out.append(" ")
    out.append(node.text or "")
    for child in node:
        if isinstance(child.tag, str):
            _reading(child, witness, out)
        else:
            out.append(child.tail or "")
    if tag in ("p", "head", "note", "docAuthor", "docDate", "titlePart", "item") or (tag == "ref" and node.get("type") == "noteAnchor"):
        out.append(" ")
    out.append(node.tail or "")


def tei_words(node: etree._Element, witness: str = "") -> list[str]:
    out: list[str] = []
    tail = node.tail
    node.tail = None
    try:
        _reading(node, witness, out)
    finally:
        node.tail = tail
    return words("".join(out))


def _read_transcript(source: Path, config_path: Path | None) -> "Document":
    """The converter's reading of the transcript: blocks, notes, boilerplate removed."""
    from ..config import load_config
    from ..convert import config_path_for, read_source, run_passes
    from ..convert.model import Document

    markdown = read_source(source)  # first: a missing transcript is the error to report
    config = load_config(config_path or config_path_for(source), doc_id=source.stem)
    doc = Document(source=source, config=config, markdown=markdown)
    return run_passes(doc, ["read", "repair", "structure", "notes"])


def _first_divergence(expected: list[str], found: list[str]) -> str:
    for index, (a, b) in enumerate(zip(expected, found)):
        if a != b:
            context = " ".join(expected[max(0, index - 3) : index + 1])
            return f"word {index + 1}: transcript has '{a}' (…{context}), TEI has '{b}'"
    if len(expected) > len(found):
        return f"TEI stops after {len(found)} words; the transcript continues with '{expected[len(found)]}'"
    return f"TEI has {len(found) - len(expected)} extra word(s) from '{found[len(expected)]}'"


def check_conservation(
    tei_tree: etree._ElementTree,
    tei_path: str,
    source: Path,
    config_path: Path | None = None,
    converted: "Document | None" = None,
) -> list[Diagnostic]:
    """Compare a TEI master with the transcript it claims to encode.

    ``converted`` is the converter's own Document for ``source``, when the caller has just
    converted it (the build): its reading of the transcript is then used as it stands
    instead of being made again. Otherwise the transcript is read afresh.
    """
    problems: list[Diagnostic] = []
    doc = converted if converted is not None and converted.read_blocks else _read_transcript(source, config_path)
    markdown = doc.markdown
    blocks = doc.read_blocks

    # 1. Accounting: raw parser words == words of the blocks read + note labels.
    # each block's words, read once for both checks (blocks by identity, as below)
    words_of = {id(block): _block_words(block) for block in blocks}
    accounted: Counter[str] = Counter()
    for block in blocks:
        accounted.update(words_of[id(block)])
        # a note label was taken off the block's text by the reader; count it back
        accounted.update(words(block.label))
    raw = raw_markdown_words(markdown, doc.tokens or None)
    missing = raw - accounted
    extra = accounted - raw
    if missing or extra:
        detail = ", ".join(f"'{w}'" for w in list((missing or extra).elements())[:5])
        problems.append(Diagnostic(Location(str(source)), f"the converter's reading of the transcript {'lost' if missing else 'invented'} words: {detail}", "error", CODE))

    # 2. Order: TEI text against the transcript's blocks.
    # Blocks are told apart by identity: two blocks can start on one line ("1. 1.").
    apart = {id(block) for note in doc.notes for block in note.sources.values()}
    apart |= {id(block) for block in doc.removed}
    if doc.notes_head_block is not None:
        apart.add(id(doc.notes_head_block))  # the heading of the notes: checked with them
    main_expected: list[str] = []
    main_lines: list[int] = []  # source line of each expected word
    for block in blocks:
        if id(block) in apart:
            continue
        block_words = words_of[id(block)]
        main_expected.extend(block_words)
        main_lines.extend([block.line] * len(block_words))
    root = tei_tree.getroot()
    text = root.find(tei("text"))
    main_found: list[str] = []
    if text is not None:
        for part in ("front", "body"):
            node = text.find(tei(part))
            if node is not None:
                main_found.extend(tei_words(node))
    if main_expected != main_found:
        at = next((i for i, (a, b) in enumerate(zip(main_expected, main_found)) if a != b), min(len(main_expected), len(main_found)))
        line = main_lines[min(at, len(main_lines) - 1)] if main_lines else 0
        problems.append(Diagnostic(Location(tei_path), f"text not conserved against {source}:{line}: {_first_divergence(main_expected, main_found)}", "error", CODE))

    if doc.notes_head_block is not None:
        head = root.find(f"{tei('text')}/{tei('back')}/{tei('div')}/{tei('head')}")
        if head is None or tei_words(head) != _block_words(doc.notes_head_block):
            problems.append(Diagnostic(Location(tei_path), f"the notes heading of {source}:{doc.notes_head_block.line} is not the head of the notes in the TEI", "error", CODE))
    tei_notes = {note.get("n"): note for note in root.iter(tei("note")) if note.getparent() is not None and note.getparent().get("type") == "notes"}
    for note in doc.notes:
        node = tei_notes.get(str(note.n))
        if node is None:
            problems.append(Diagnostic(Location(tei_path), f"note {note.n} of the transcript (line {note.line}) is missing from the TEI", "error", CODE))
            continue
        for witness, block in note.sources.items():
            expected = words_of[id(block)] if id(block) in words_of else _block_words(block)
            found = tei_words(node, witness)
            if expected != found:
                where = f" (witness {witness})" if witness else ""
                problems.append(
                    Diagnostic(
                        Location(tei_path, node.sourceline or 0, 1),
                        f"note {note.n}{where} not conserved against {source}:{block.line}: {_first_divergence(expected, found)}",
                        "error",
                        CODE,
                    )
                )
    extra_notes = set(tei_notes) - {str(n.n) for n in doc.notes}
    for n in sorted(extra_notes, key=lambda x: int(x) if x and x.isdigit() else 0):
        problems.append(Diagnostic(Location(tei_path, tei_notes[n].sourceline or 0, 1), f"note {n} is not in the transcript {source}", "error", CODE))
    return problems

