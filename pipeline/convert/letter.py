"""Pass ``letter``: a letter's opener (dateline, salutation), closer (valediction,
signature) and postscript, read from the blocks of the text.

A text is read as a letter when it opens with a salutation ("Dear Bebel," "Dear Comrades:",
"My dear Sir") within its first blocks, or when its .toml says ``kind = "letter"``. Then:

* the dateline before the salutation ("London, March 18-28, 1875", even as a heading) and
  the salutation form the ``opener``;
* at the end, a valediction ("Yours", "Ever your friend,", "With Social-Democratic
  greetings") and the signature after it ("F. E.", "**KM**") form the ``closer``; both may
  be lines of one paragraph ("Salut / Yours / **KM**");
* paragraphs after the signature, and any paragraph opening "P.S.", are the postscript.

Nothing is moved: the blocks keep their place and text and only change kind::

    "Dear Bebel,"        -> Block(kind="salute")    (in <opener>)
    "Ever your friend,"  -> Block(kind="valediction") (in <closer>, as <salute>)
    "F. E."              -> Block(kind="signed")
"""

from __future__ import annotations

import re

from .dates import MONTHS, find_date
from .model import Block, Document, Inline, Span, inline_text

SALUTATION = re.compile(
    r"^(?:my\s+(?:very\s+)?)?(?:dear(?:est)?|beloved|hono(?:u)?red|respected|esteemed|sir|sirs|madam|"
    r"gentlemen|ladies and gentlemen|comrades?|friends?|brothers?|sisters?|citizens?|fellow[- ]\w+|"
    r"liebe[rs]?|lieber|werte[rs]?|sehr geehrte[rs]?|cher|chère|chers|chères|querid[oa]s?|car[oa]|"
    r"дорогой|дорогая|товарищи|уважаемый)\b[^.!?;]{0,60}[,:!]?$",
    re.IGNORECASE,
)
VALEDICTION = re.compile(
    r"^(?:(?:ever|always|very truly|truly|sincerely|faithfully|affectionately|cordially|"
    r"fraternally|respectfully|gratefully|lovingly)\s+)?(?:yours|your\b.{0,40}|dein\b.{0,30}|"
    r"ihr\b.{0,30}|with\b.{0,50}\b(?:greetings|regards|wishes|respect|love|salutations)|"
    r"(?:best|kind|kindest|warm|warmest|comradely|fraternal|revolutionary|cordial|hearty)\s+"
    r"(?:regards|greetings|wishes|salutations)|sincerely|faithfully|cordially|fraternally|respectfully|"
    r"affectionately|salut|greetings|regards|adieu|farewell|mit\b.{0,40}\bgr(?:ü|u)(?:ß|ss)(?:en)?|"
    r"herzlich\w*|bien à (?:toi|vous)|votre)\b[^.!?]{0,40}[,.!]?$",
    re.IGNORECASE,
)
POSTSCRIPT = re.compile(
    r"^\s*(?:P\.?\s?S\.?|P\.?\s?P\.?\s?S\.?|Postscript|N\.\s?B\.)\s*[:—–-]?", re.IGNORECASE
)
SIGNATURE_WORD = r"(?:[A-ZÀ-Þ][a-zß-ÿ’'\-]*\.?|[A-ZÀ-Þ]\.(?:\s?[A-ZÀ-Þ]\.)*|[A-ZÀ-Þ]{2,}\.?)"
SIGNATURE = re.compile(rf"^{SIGNATURE_WORD}(?:\s+{SIGNATURE_WORD}){{0,4}}\.?$")
OPENING_BLOCKS = 3  # a salutation is looked for among the first blocks of the text
MAX_DATELINE_WORDS = 10


def is_salutation(text: str) -> bool:
    text = " ".join(text.split())
    return len(text.split()) <= 8 and bool(SALUTATION.match(text))


def is_dateline(text: str) -> bool:
    """A short line that dates (and perhaps places) a letter: "London, March 18-28, 1875"."""
    text = " ".join(text.split()).strip("*_ ")
    if not text or len(text.split()) > MAX_DATELINE_WORDS or not find_date(text):
        return False
    return bool(
        re.match(
            r"^(?:[A-ZÀ-Þ][\w .’'-]{1,40},\s*)?(?:\d|[A-Z][a-z]{2,}\.?\s+\d|(?:the\s+)?\d)", text
        )
    ) and not re.search(r"[.!?]\s+\S", text)


def has_place(text: str) -> bool:
    """Whether a dateline names a place before its date ("London, March 18-28, 1875")."""
    match = re.match(r"^\s*([A-ZÀ-Þ][\w .’'-]{1,40}?),\s", " ".join(text.split()).strip("*_ "))
    if not match:
        return False
    words = re.findall(r"[a-z]+", match.group(1).lower())
    return not find_date(match.group(1)) and not any(w in MONTHS for w in words)


def is_signature(text: str) -> bool:
    text = " ".join(text.split()).strip("*_ ")
    return (
        bool(text)
        and len(text.split()) <= 5
        and bool(SIGNATURE.match(text))
        and not VALEDICTION.match(text)
    )


def _text(block: Block) -> str:
    return " ".join(inline_text(block.content).split())


def _lines(block: Block) -> list[list[Inline]]:
    from .titlepage import split_lines

    return split_lines(block.content)


def _split(doc: Document, block: Block, kinds: list[str]) -> list[Block]:
    """A paragraph of closing lines cut into one block per line, each of its kind; the
    original is replaced in the document's lists (its words stay where they were)."""
    parts = [
        Block(kind, block.line, line, block.end_line)
        for kind, line in zip(kinds, _lines(block), strict=True)
    ]
    doc.replace_block(block, parts)
    return parts


def run(doc: Document) -> Document:
    body = [b for b in doc.blocks if b.kind not in ("break", "figure")]
    if not body:
        return doc
    salutation = next(
        (
            i
            for i, b in enumerate(body[:OPENING_BLOCKS])
            if b.kind in ("para", "heading") and is_salutation(_text(b))
        ),
        None,
    )
    if salutation is None and doc.config.kind != "letter":
        _signature(doc, body)
        return doc
    parts: list[str] = []
    if salutation is not None:
        for block in body[:salutation]:
            if is_dateline(_text(block)):
                block.kind, block.level = "dateline", 0
                parts.append("dateline")
                if not doc.metadata.date:  # a letter's dateline dates (and places) its writing
                    doc.metadata.date, doc.metadata.date_text = (
                        find_date(_text(block)),
                        _text(block),
                    )
                    if has_place(_text(block)):
                        doc.metadata.place = _text(block).split(",")[0].strip("*_ ")
        body[salutation].kind, body[salutation].level = "salute", 0
        parts.append("salutation")
    closer = _closer(doc, body)
    parts.extend(closer)
    if not parts:
        return doc
    doc.stats["letter_parts"] = len(parts)
    doc.decide(
        "interpretation",
        "The text is a letter: its " + ", ".join(dict.fromkeys(parts)) + " are encoded as such "
        "(opener with dateline and salute, closer with salute and signed, postscript), keeping "
        "their place and wording.",
    )
    return doc


def _closer(doc: Document, body: list[Block]) -> list[str]:
    """Mark the valediction, signature and postscript at the end of a letter."""
    found: list[str] = []
    # the last block that is a valediction, or a paragraph of closing lines
    for index in range(len(body) - 1, max(-1, len(body) - 8), -1):
        block = body[index]
        if block.kind not in ("para", "quote"):
            continue
        lines = [" ".join(inline_text(line).split()) for line in _lines(block)]
        if (
            len(lines) > 1
            and VALEDICTION.match(lines[0])
            and all(len(line.split()) <= 8 for line in lines)
        ):
            kinds = [
                "valediction" if VALEDICTION.match(line) else "signed" if is_signature(line) else ""
                for line in lines
            ]
            if "" not in kinds:
                _split(doc, block, kinds)
                found.extend(["valediction", *(["signature"] if "signed" in kinds else [])])
                _postscript(body[index + 1 :], found)
                return found
        if len(lines) == 1 and VALEDICTION.match(lines[0]) and len(lines[0].split()) <= 10:
            block.kind = "valediction"
            found.append("valediction")
            following = body[index + 1] if index + 1 < len(body) else None
            rest = body[index + 1 :]
            if (
                following is not None
                and following.kind == "para"
                and is_signature(_text(following))
            ):
                following.kind = "signed"
                found.append("signature")
                rest = body[index + 2 :]
            _postscript(rest, found)
            return found
    return found


def is_signing(block: Block) -> bool:
    """A text's own signature on its last line: a name in capitals ("PUBLIUS."), or with an
    initial ("J. Walter Fewkes."), alone and short."""
    text = _text(block).strip("*_ ")
    letters = [c for c in text if c.isalpha()]
    if not letters or len(text.split()) > 4 or not is_signature(text):
        return False
    return (all(c.isupper() for c in letters) and len(letters) >= 3) or bool(
        re.search(r"\b[A-Z]\.\s", text + " ")
    )


def _signature(doc: Document, body: list[Block]) -> None:
    """An essay or article signed at its end: the signature is a closer, as a letter's."""
    text_blocks = [b for b in body if b.kind != "figure"]  # (an image may follow it)
    if not text_blocks:
        return
    last = text_blocks[-1]
    if last.kind == "para" and len(body) > 1 and is_signing(last):
        last.kind = "signed"
        doc.decide(
            "interpretation",
            f"The text is signed at its end (source line {last.line}): the signature is encoded as "
            "signed in a closer.",
        )


def _postscript(blocks: list[Block], found: list[str]) -> None:
    marked = False
    for block in blocks:
        if block.kind in ("para", "quote", "item", "bullet"):
            block.kind = "postscript"
            marked = True
    if marked:
        found.append("postscript")


__all__ = ["POSTSCRIPT", "Span", "has_place", "is_dateline", "is_salutation", "is_signature", "run"]
