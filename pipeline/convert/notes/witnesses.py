"""Two witnesses of one note list, reconciled only on strong evidence.

Some web extractions give the notes twice: an unnumbered list, one paragraph per note,
right after the last paragraph of the text, and a numbered list (``[1] text``), often
partial. The unnumbered paragraphs are taken as notes only when they *are* the numbered
ones: as many as there are notes, and paragraph k sharing a substantial run of words with
numbered note k for most of the notes both lists have. A short body paragraph ("V. I.
Lenin") never matches a note, so a letter's text never becomes its notes.

Example::

    ... last body paragraph.
    The Declaration ... can be found here: <https://x>      (unnumbered, note 1)
    [1] The Declaration ... can be found <https://x>        (numbered, note 1)
    -> note 1 with readings {"wit-notes": ..., "wit-numbered": ...}
"""

from __future__ import annotations

import difflib
import re

from ...conventions.ids import WITNESS_PREFIX
from ..model import Block, Span, ends_sentence, walk_spans

WITNESS_UNNUMBERED = f"{WITNESS_PREFIX}-notes"
WITNESS_NUMBERED = f"{WITNESS_PREFIX}-numbered"
#: Shared words (as a share of the shorter paragraph) above which two paragraphs are one
#: note's witnesses, and the least number of shared words that is evidence at all.
SIMILAR = 0.5
MIN_SHARED_WORDS = 5
WORDS = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORDS.findall(text)]


def shared_words(a: str, b: str) -> tuple[int, float]:
    """(words the two texts share in order, that count as a share of the shorter one)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0, 0.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched, matched / min(len(wa), len(wb))


def same_note(a: Block, b: Block) -> bool:
    matched, share = shared_words(a.text(), b.text())
    return matched >= MIN_SHARED_WORDS and share >= SIMILAR


def unnumbered_witness(
    candidates: list[Block], numbered: dict[int, Block], expected: int
) -> list[Block]:
    """The last ``expected`` candidates, if they align with the numbered notes; else []."""
    if not numbered or not 0 < expected <= len(candidates):
        return []
    unnumbered = candidates[len(candidates) - expected :]
    pairs = [(unnumbered[n - 1], block) for n, block in numbered.items() if n <= len(unnumbered)]
    hits = sum(1 for a, b in pairs if same_note(a, b))
    return unnumbered if pairs and hits * 2 > len(pairs) else []


def quality(blocks: list[Block]) -> tuple[int, int]:
    """(coverage, -defects) of a note list: truncated notes and malformed links are defects."""
    defects = 0
    for block in blocks:
        last = block.content[-1] if block.content else None
        ends_with_link = isinstance(last, Span) and last.tag == "ref"
        if not ends_with_link and not ends_sentence(block.text()):
            defects += 1
        for span in walk_spans(block.content):
            target = span.attrs.get("target", "") if span.tag == "ref" else ""
            if target and not re.match(r"^https?://[^/\s]+\.[a-z]{2,}(/|$)", target, re.IGNORECASE):
                defects += 1
    return len(blocks), -defects
