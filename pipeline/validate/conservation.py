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
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..errors import Diagnostic, Location

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it.token import Token

    from ..convert.model import Block, Document, Inline
from ..xmlsafe import XML_ID, tei

WORD = re.compile(r"[^\W_]+")
CODE = "E-CONSERVATION"


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


# -- the transcript side --------------------------------------------------------------------


def raw_words_by_line(
    markdown: str, tokens: list[Token] | None = None, env: dict[str, Any] | None = None
) -> dict[int, list[str]]:
    """The words of each source line's tokens (the line a token starts on)."""
    from ..convert.read import parse

    if tokens is None:
        tokens, env = parse(markdown)
    inline_notes: dict[int, dict[str, Any]] = (env or {}).get("footnotes", {}).get("list", {})
    out: dict[int, list[str]] = {}
    for token in tokens:
        line = token.map[0] + 1 if token.map else 0
        out.setdefault(line, []).extend(token_words(token, inline_notes))
    return out


def token_words(token: Token, inline_notes: dict[int, dict[str, Any]] | None = None) -> list[str]:
    """The words one markdown-it token contributes to the transcript (with the text of the
    inline footnotes, ``^[...]``, it refers to)."""
    from ..convert.read import html_block_text

    out: list[str] = []
    if token.type == "list_item_open" and token.info:
        out.extend(words(token.info))
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.extend(words(child.content))
        elif child.type == "html_inline":
            out.extend(words(html_block_text(child.content)))
        elif child.type == "image":
            out.extend(words("".join(c.content for c in child.children or [])))
        elif (
            child.type == "footnote_ref"
            and inline_notes
            and (child.meta or {}).get("label") is None
        ):
            note = inline_notes.get((child.meta or {}).get("id", -1), {})
            for inner in note.get("tokens", []) or []:
                if inner.type in ("text", "code_inline"):
                    out.extend(words(inner.content))
    if token.type in ("fence", "code_block"):
        out.extend(words(token.content))
    elif token.type == "html_block":
        out.extend(words(html_block_text(token.content)))
    return out


def letters(counter: Counter[str]) -> Counter[str]:
    """The letters and digits of a multiset of words: the accounting compares these, so
    that a word split by markup ("**Iskra**ist", "*ré*gime") or by brackets ("Commune[1]",
    "B[olshevik]") counts the same whichever way it is cut."""
    out: Counter[str] = Counter()
    for word, count in counter.items():
        for char in word:
            out[char] += count
    return out


def _model_text(items: Sequence[Inline]) -> str:
    """The reading of model content, with note anchors standing apart as their own word."""
    from ..convert.model import Span, inline_text

    out: list[str] = []
    for item in items:
        if (
            isinstance(item, Span) and item.tag == "ref" and item.attrs.get("type") == "noteAnchor"
        ) or (isinstance(item, Span) and item.tag == "_alt"):
            out.append(f" {item.text()} ")
        elif isinstance(item, Span) and item.tag not in ("app", "lb"):
            out.append(_model_text(item.children))
        elif isinstance(item, Span):
            out.append(inline_text([item]))
        else:
            out.append(str(item))
    return "".join(out)


def _block_words(block: Block, numbered: bool = True) -> list[str]:
    """A block's words in the model; ``numbered``: with an item's number (not for a note,
    whose number is its label, in @n)."""
    number = block.number if block.kind == "item" and numbered else ""
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
    if (
        tag in ("div", "p")
        and node.get("n")
        and node.getparent() is not None
        and not _shows_number(node)
    ):
        out.append(f" {node.get('n')} ")
    if tag == "lb" or (tag == "ref" and node.get("type") == "noteAnchor"):
        out.append(" ")
    out.append(node.text or "")
    for child in node:
        if isinstance(child.tag, str):
            _reading(child, witness, out)
        else:
            out.append(child.tail or "")
    if tag in BLOCK_LIKE or (tag == "ref" and node.get("type") == "noteAnchor"):
        out.append(" ")
    out.append(node.tail or "")


#: Elements that end a run of words (the next one starts a new word).
BLOCK_LIKE = frozenset(
    [
        "p",
        "head",
        "note",
        "docAuthor",
        "docDate",
        "titlePart",
        "item",
        "byline",
        "dateline",
        "salute",
        "signed",
        "figDesc",
    ]
)


def _shows_number(div: etree._Element) -> bool:
    """Whether a division's head is only its number ("I"), so @n repeats no word."""
    head = div.find(tei("head"))
    return head is not None and words("".join(head.itertext())) == words(div.get("n", ""))


def tei_words(node: etree._Element, witness: str = "") -> list[str]:
    out: list[str] = []
    tail = node.tail
    node.tail = None
    try:
        _reading(node, witness, out)
    finally:
        node.tail = tail
    return words("".join(out))


def _read_transcript(source: Path, config_path: Path | None) -> Document:
    """The converter's reading of the transcript: blocks, notes, boilerplate removed."""
    from ..convert import read_document

    return read_document(source, config_path, until="structure")


def _first_divergence(expected: list[str], found: list[str]) -> str:
    # the lists may differ in length (words lost or added): compared as far as both go
    for index, (a, b) in enumerate(zip(expected, found, strict=False)):
        if a != b:
            context = " ".join(expected[max(0, index - 3) : index + 1])
            return f"word {index + 1}: transcript has '{a}' (…{context}), TEI has '{b}'"
    if len(expected) > len(found):
        return (
            f"TEI stops after {len(found)} words; the transcript continues with "
            f"'{expected[len(found)]}'"
        )
    return f"TEI has {len(found) - len(expected)} extra word(s) from '{found[len(expected)]}'"


def snapshot_words(block: Block) -> list[str]:
    """The words of a block as the reader left it: its mark, its number, its text, and the
    text of every tentative anchor but footnote references (whose identifiers, "[^x]", are
    not text of the transcript)."""
    from ..convert.model import Span

    def reading(items: Sequence[Inline]) -> str:
        out: list[str] = []
        for item in items:
            if isinstance(item, Span):
                if item.tag == "ref" and item.attrs.get("_form") == "footnote":
                    continue
                if "_dropped" in item.attrs:  # a page number read as pb: its text was the page's
                    out.append(f" {item.attrs['_dropped']} ")
                    continue
                out.append(
                    " " + reading(list(item.children)) + " "
                    if item.tag == "ref" and item.attrs.get("type") == "noteAnchor"
                    else reading(list(item.children))
                )
            else:
                out.append(str(item))
        return "".join(out)

    number = block.number if block.kind == "item" else ""
    return [
        *words(number),
        *words(reading(list(block.label_content))),
        *words(reading(list(block.content))),
    ]


def _lost(doc: Document) -> str | None:
    """Where and what the reader lost or invented, or None if nothing.

    The letters of the words are compared line by line, cumulatively, so that a word cut by
    markup ("*Debray*schen") or a line joined to the one before it (a wrapped dash) is no
    difference; the first line from which the counts never agree again is reported."""
    raw_lines = raw_words_by_line(doc.markdown, doc.tokens or None, doc.parse_env or None)
    read_lines: dict[int, list[str]] = {}
    for block in doc.read_snapshot:
        read_lines.setdefault(block.line, []).extend(snapshot_words(block))
    lines = sorted(set(raw_lines) | set(read_lines))
    raw_total: Counter[str] = Counter()
    read_total: Counter[str] = Counter()
    diverging = None
    for line in lines:
        raw_total.update(letters(Counter(raw_lines.get(line, []))))
        read_total.update(letters(Counter(read_lines.get(line, []))))
        if raw_total == read_total:
            diverging = None
        elif diverging is None:
            diverging = line
    if diverging is None:
        return None
    raw_here, read_here = (
        Counter(raw_lines.get(diverging, [])),
        Counter(read_lines.get(diverging, [])),
    )
    missing, extra = raw_here - read_here, read_here - raw_here
    if missing:
        return (
            f"line {diverging}: the reader lost word(s) "
            f"{', '.join(repr(w) for w in list(missing.elements())[:5])}"
        )
    if extra:
        return (
            f"line {diverging}: the reader invented word(s) "
            f"{', '.join(repr(w) for w in list(extra.elements())[:5])}"
        )
    return f"line {diverging}: the reader's words differ from the transcript's from here on"


def _where(block: Block, doc: Document) -> str:
    """Where a block stands, for messages: its section heading, or what took it out."""
    for removal in doc.removals:
        if removal.block is block:
            return f" (removed as {removal.reason})"
    heading = None
    for candidate in doc.read_blocks:
        if candidate is block:
            break
        if candidate.kind == "heading":
            heading = candidate
    return f" (in the section {' '.join(heading.text().split())!r})" if heading is not None else ""


def check_conservation(
    tei_tree: etree._ElementTree,
    tei_path: str,
    source: Path,
    config_path: Path | None = None,
    converted: Document | None = None,
) -> list[Diagnostic]:
    """Compare a TEI master with the transcript it claims to encode.

    ``converted`` is the converter's own Document for ``source``, when the caller has just
    converted it (the build): its reading of the transcript is then used as it stands
    instead of being made again. Otherwise the transcript is read afresh.
    """
    problems: list[Diagnostic] = []
    doc = (
        converted
        if converted is not None and converted.read_blocks
        else _read_transcript(source, config_path)
    )
    blocks = doc.read_blocks

    # 1. Accounting: the letters of every word markdown-it finds == those of the blocks read.
    lost = _lost(doc)
    if lost is not None:
        problems.append(
            Diagnostic(
                Location(str(source)),
                f"the converter's reading of the transcript is not the transcript: {lost}",
                "error",
                CODE,
            )
        )

    # 2. Order: TEI text against the transcript's blocks.
    words_of = {id(block): _block_words(block) for block in blocks}
    # Blocks are told apart by identity: two blocks can start on one line ("1. 1.").
    apart = {
        id(block) for note in doc.notes for block in [*note.sources.values(), *note.paragraphs]
    }
    apart |= {id(block) for block in doc.removed}
    if doc.notes_head_block is not None:
        apart.add(id(doc.notes_head_block))  # the heading of the notes: checked with them
    main_expected: list[str] = []
    main_blocks: list[Block] = []  # the block each expected word comes from
    for block in blocks:
        if id(block) in apart:
            continue
        block_words = words_of[id(block)]
        main_expected.extend(block_words)
        main_blocks.extend([block] * len(block_words))
    root = tei_tree.getroot()
    text = root.find(tei("text"))
    main_found: list[str] = []
    if text is not None:
        for part in ("front", "body"):
            node = text.find(tei(part))
            if node is not None:
                main_found.extend(tei_words(node))
    if main_expected != main_found:
        # the lists may differ in length: the first difference, else where the shorter ends
        at = next(
            (i for i, (a, b) in enumerate(zip(main_expected, main_found, strict=False)) if a != b),
            min(len(main_expected), len(main_found)),
        )
        diverging = main_blocks[min(at, len(main_blocks) - 1)] if main_blocks else None
        line = diverging.line if diverging is not None else 0
        where = _where(diverging, doc) if diverging is not None else ""
        problems.append(
            Diagnostic(
                Location(tei_path),
                f"text not conserved against {source}:{line}{where}: "
                f"{_first_divergence(main_expected, main_found)}",
                "error",
                CODE,
            )
        )

    if doc.notes_head_block is not None:
        head = root.find(f"{tei('text')}/{tei('back')}/{tei('div')}/{tei('head')}")
        if head is None or tei_words(head) != _block_words(doc.notes_head_block):
            problems.append(
                Diagnostic(
                    Location(tei_path),
                    f"the notes heading of {source}:{doc.notes_head_block.line} is not the head of "
                    "the notes in the TEI",
                    "error",
                    CODE,
                )
            )
    tei_notes = {
        note.get(XML_ID): note
        for note in root.iter(tei("note"))
        if (parent := note.getparent()) is not None and parent.get("type") == "notes"
    }
    for note in doc.notes:
        node = tei_notes.get(note.xml_id)
        if node is None:
            problems.append(
                Diagnostic(
                    Location(tei_path),
                    f"note {note.label or note.n} of the transcript (line {note.line}) is missing "
                    "from the TEI",
                    "error",
                    CODE,
                )
            )
            continue
        for witness, block in note.sources.items():
            expected = _block_words(block, numbered=False)
            if witness == note.base or not note.base:
                for paragraph in note.paragraphs:
                    expected.extend(_block_words(paragraph))
            found = tei_words(node, witness)
            if expected != found:
                where = f" (witness {witness})" if witness else ""
                problems.append(
                    Diagnostic(
                        Location(tei_path, node.sourceline or 0, 1),
                        f"note {note.label or note.n}{where} not conserved against "
                        f"{source}:{block.line}: {_first_divergence(expected, found)}",
                        "error",
                        CODE,
                    )
                )
    extra_notes = set(tei_notes) - {n.xml_id for n in doc.notes}
    for xml_id in sorted(extra_notes, key=lambda x: (len(x or ""), x or "")):
        problems.append(
            Diagnostic(
                Location(tei_path, tei_notes[xml_id].sourceline or 0, 1),
                f"note {tei_notes[xml_id].get('n')} is not in the transcript {source}",
                "error",
                CODE,
            )
        )
    return problems
