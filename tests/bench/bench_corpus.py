"""A synthetic corpus for the benchmark: N transcripts in the seed's form, text varied.

The seed transcript (``tei/source/tactics-and-tasks.md``) is read once into parts: the
preamble (title, byline, introduction), the sections with their paragraphs, the complete
unnumbered note list, the partial numbered note list (with its web-page boilerplate). Each
synthetic document is the seed's parts recombined by a random generator seeded from
(seed, index), so the corpus is the same on every run:

* one Roman-numbered section dropped, or the first section repeated, or neither;
* up to two anchored notes dropped (anchor and both witnesses), and every note renumbered
  in the order of its anchors, so the notes stay 1..N and both lists stay aligned;
* unnumbered, non-thesis paragraphs shuffled within their subsection; sentences shuffled
  within some paragraphs;
* some common lower-case words substituted, the same way in the text and in both note
  witnesses (so the witnesses still collate), never inside links, anchors or brackets, and
  never capitalised words (names stay as the registries know them).

The structure the converter relies on is kept: heading levels as in the seed, theses in
place, paragraphs split at old page breaks kept together, the unanchored note kept, the
boilerplate kept inside the numbered list.

Example::

    seed = parse_seed(Path("tei/source/tactics-and-tasks.md"))
    text = synthesize(seed, random.Random("1932-7"))
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

#: A note anchor as the transcript writes it, and the placeholder the parts carry instead.
ANCHOR = re.compile(r"<sup>\[(\d+)\]</sup>")
PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
#: "[12] text": an entry of the numbered note list.
LABEL = re.compile(r"^\[(\d+)\] ")
#: A section heading (level 1 by the numbering scheme) and a subsection heading "A) ...".
SUBSECTION = re.compile(r"^(#{1,6}\s+)?\*?[A-Z]\)\s")
HEADING = re.compile(r"^#{2,6}\s+")
THESIS = re.compile(r"^\d+\.\s")
TERMINAL = re.compile(r"[.!?:;…][\"'”’»)\]*]*\s*$")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
#: Spans no substitution may touch: links, autolinks, anchors, editorial brackets, code.
PROTECTED = re.compile(r"<[^>\n]*>|\]\([^)\n]*\)|\x00\d+\x00|\[[^\]\n]*\]|`[^`\n]*`")

#: Lower-case words and their replacements (one direction only, so nothing cycles).
SUBSTITUTIONS: dict[str, str] = {
    "struggle": "fight",
    "masses": "multitudes",
    "tactics": "methods",
    "leadership": "direction",
    "period": "phase",
    "movement": "current",
    "policy": "course",
    "task": "duty",
    "tasks": "duties",
    "development": "growth",
    "conditions": "circumstances",
    "offensive": "advance",
    "reform": "renewal",
    "elements": "forces",
    "form": "shape",
    "situation": "position",
    "main": "principal",
    "new": "fresh",
    "work": "labour",
    "methods": "means",
    "organization": "body",
    "necessary": "needed",
    "mistakes": "errors",
    "stage": "step",
}


@dataclass
class Unit:
    """One paragraph as written (page-break halves kept together), or a heading."""

    blocks: list[str]
    kind: str  # "heading", "subheading", "thesis", "para"

    @property
    def text(self) -> str:
        return "\n\n".join(self.blocks)


@dataclass
class Section:
    heading: Unit
    units: list[Unit]

    def anchors(self) -> set[int]:
        return {int(n) for u in self.units for b in u.blocks for n in PLACEHOLDER.findall(b)} | {
            int(n) for n in PLACEHOLDER.findall(self.heading.text)
        }


@dataclass
class SeedNote:
    n: int
    unnumbered: list[str]  # blocks of the complete, unnumbered witness
    numbered: list[str] | None  # blocks after the "[n] " label, or None if the list lacks it


@dataclass
class Seed:
    preamble: list[Unit]
    sections: list[Section]
    notes: list[SeedNote]
    #: web-page boilerplate in the numbered list: (how many entries precede it, its blocks)
    boilerplate: list[tuple[int, list[str]]] = field(default_factory=list)
    #: the notes the seed anchors in its text (the others are unanchored there)
    anchored: set[int] = field(default_factory=set)


def _first_letter_lower(block: str) -> bool:
    letters = re.search(r"[^\W\d_]", block)
    return bool(letters and letters.group(0).islower())


def _groups(blocks: list[str]) -> list[list[str]]:
    """Blocks joined where a page break split a paragraph (no terminal punctuation, then a
    block starting in lower case): the same rule the converter's repair pass applies."""
    groups: list[list[str]] = []
    for block in blocks:
        if (
            groups
            and not TERMINAL.search(groups[-1][-1])
            and _first_letter_lower(block)
            and not HEADING.match(block)
        ):
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _kind(group: list[str]) -> str:
    first = group[0]
    if SUBSECTION.match(first):
        return "subheading"
    if HEADING.match(first):
        return "heading"
    if THESIS.match(first):
        return "thesis"
    return "para"


def parse_seed(path: Path) -> Seed:
    """Split the seed transcript into preamble, sections and the two note lists."""
    text = path.read_text(encoding="utf-8")
    text = ANCHOR.sub(lambda m: f"\x00{m.group(1)}\x00", text)
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    start = next(i for i, b in enumerate(blocks) if b.startswith("[1] "))

    # The numbered list: entries, their page-break continuations, and boilerplate.
    numbered: dict[int, list[str]] = {}
    boilerplate: list[tuple[int, list[str]]] = []
    last: list[str] | None = None
    for block in blocks[start:]:
        if match := LABEL.match(block):
            last = [block[match.end() :]]
            numbered[int(match.group(1))] = last
        elif last is not None and not TERMINAL.search(last[-1]) and _first_letter_lower(block):
            last.append(block)
        else:
            boilerplate.append((len(numbered), [block]))
            last = None

    # The unnumbered list: as many paragraphs before it as there are notes.
    groups = _groups(blocks[:start])
    anchored = {int(n) for b in blocks[:start] for n in PLACEHOLDER.findall(b)}
    count = max([*anchored, *numbered])
    body, unnumbered = groups[:-count], groups[-count:]
    notes = [SeedNote(n, unnumbered[n - 1], numbered.get(n)) for n in range(1, count + 1)]

    preamble: list[Unit] = []
    sections: list[Section] = []
    for group in body:
        unit = Unit(group, _kind(group))
        if unit.kind == "heading":
            sections.append(Section(unit, []))
        elif sections:
            sections[-1].units.append(unit)
        else:
            preamble.append(unit)
    return Seed(preamble, sections, notes, boilerplate, anchored)


# -- variation ------------------------------------------------------------------------------


def _substitute(text: str, table: dict[str, str]) -> str:
    """Replace whole lower-case words of ``table`` outside protected spans."""
    if not table:
        return text
    word = re.compile(
        r"\b(" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")\b"
    )
    out: list[str] = []
    pos = 0
    for match in PROTECTED.finditer(text):
        out.append(word.sub(lambda m: table[m.group(1)], text[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(word.sub(lambda m: table[m.group(1)], text[pos:]))
    return "".join(out)


def _balanced(sentence: str) -> bool:
    """Whether moving this sentence can break no markup or quotation."""
    pairs = [("[", "]"), ("(", ")"), ("“", "”"), ("‘", "’"), ("<", ">")]
    return (
        sentence.count("*") % 2 == 0
        and sentence.count('"') % 2 == 0
        and all(sentence.count(a) == sentence.count(b) for a, b in pairs)
    )


def _shuffle_sentences(unit: Unit, rng: random.Random) -> Unit:
    if unit.kind != "para" or len(unit.blocks) != 1 or not TERMINAL.search(unit.blocks[0]):
        return unit
    sentences = SENTENCE_END.split(unit.blocks[0])
    if len(sentences) < 3 or not all(_balanced(s) and TERMINAL.search(s) for s in sentences):
        return unit
    rng.shuffle(sentences)
    return Unit([" ".join(sentences)], unit.kind)


def _shuffle_paragraphs(units: list[Unit], rng: random.Random) -> list[Unit]:
    """Permute the plain paragraphs within each run between headings; theses stay put."""
    out = list(units)
    run: list[int] = []
    for index in [*range(len(out)), len(out)]:
        if index < len(out) and out[index].kind not in ("heading", "subheading"):
            run.append(index)
            continue
        movable = [i for i in run if out[i].kind == "para"]
        moved = [out[i] for i in movable]
        rng.shuffle(moved)
        for i, unit in zip(movable, moved, strict=True):  # moved: the same units, shuffled
            out[i] = unit
        run = []
    return out


def _sections(seed: Seed, rng: random.Random) -> list[Section]:
    sections = [Section(s.heading, list(s.units)) for s in seed.sections]
    roman = [i for i, s in enumerate(sections) if re.match(r"^#+\s+[IVXLC]+\.\s", s.heading.text)]
    anchorless = [i for i, s in enumerate(sections) if not s.anchors() and i not in roman]
    choice = rng.random()
    if choice < 0.3 and len(roman) > 1:
        del sections[rng.choice(roman[:-1])]  # the conclusion stays last
    elif choice < 0.6 and anchorless:
        original = sections[anchorless[0]]
        heading = Unit([original.heading.text.rstrip() + " (continued)"], "heading")
        sections.insert(anchorless[0] + 1, Section(heading, list(original.units)))
    return sections


def synthesize(seed: Seed, rng: random.Random) -> str:
    """One synthetic transcript from the seed's parts."""
    table = {k: v for k, v in SUBSTITUTIONS.items() if rng.random() < 0.5}
    sections = _sections(seed, rng)
    for section in sections:
        units = [_shuffle_sentences(u, rng) if rng.random() < 0.3 else u for u in section.units]
        section.units = _shuffle_paragraphs(units, rng) if rng.random() < 0.7 else units

    # Notes: drop up to two anchored ones, then renumber in the order of their anchors.
    body_text = "\n\n".join(
        [
            *(u.text for u in seed.preamble),
            *(s.heading.text + "\n\n" + "\n\n".join(u.text for u in s.units) for s in sections),
        ]
    )
    order: list[int] = []
    for n in map(int, PLACEHOLDER.findall(body_text)):
        if n not in order:
            order.append(n)
    dropped = set(rng.sample(order, k=min(len(order) - 1, rng.choice([0, 1, 2]))))
    anchored = [n for n in order if n not in dropped]
    position = {n: float(i) for i, n in enumerate(anchored)}
    keys: dict[int, float] = {}
    for note in seed.notes:  # an unanchored note keeps its place after its predecessor
        if note.n in position:
            keys[note.n] = position[note.n]
        elif note.n not in seed.anchored:  # notes of a dropped section go with it
            before = [keys[m] for m in keys if m < note.n]
            keys[note.n] = (max(before) if before else -1.0) + 0.5
    kept = sorted(keys, key=lambda n: (keys[n], n))
    renumber = {old: new for new, old in enumerate(kept, start=1)}

    def anchors(text: str) -> str:
        return PLACEHOLDER.sub(
            lambda m: (
                f"<sup>[{renumber[int(m.group(1))]}]</sup>" if int(m.group(1)) in renumber else ""
            ),
            text,
        )

    def finish(text: str) -> str:
        return anchors(_substitute(text, table))

    parts: list[str] = [finish(u.text) for u in seed.preamble]
    for section in sections:
        parts.append(finish(section.heading.text))
        parts.extend(finish(u.text) for u in section.units)
    notes = {old: seed.notes[old - 1] for old in kept}
    parts.extend(finish("\n\n".join(notes[old].unnumbered)) for old in kept)
    numbered = [
        (renumber[old], notes[old].numbered) for old in kept if notes[old].numbered is not None
    ]
    boilerplate = dict(seed.boilerplate)
    for index, (new, blocks) in enumerate(numbered, start=1):
        assert blocks is not None
        parts.append(finish(f"[{new}] " + "\n\n".join(blocks)))
        if index in boilerplate and index < len(numbered):
            parts.extend(boilerplate[index])
    return "\n\n".join(parts) + "\n"


def synthesize_config(seed_toml: str, index: int) -> str:
    """The seed's .toml with the document title marked as a benchmark variant."""
    return re.sub(
        r'^(title = ")([^"]*)(")',
        lambda m: f"{m.group(1)}{m.group(2)} (benchmark variant {index:04d}){m.group(3)}",
        seed_toml,
        count=1,
        flags=re.MULTILINE,
    )


def write_corpus(seed_md: Path, root: Path, count: int, seed: int = 1932) -> list[Path]:
    """Write ``count`` transcripts with their .toml into ``root/tei/source``."""
    parsed = parse_seed(seed_md)
    toml = seed_md.with_suffix(".toml").read_text(encoding="utf-8")
    source = root / "tei" / "source"
    source.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for index in range(count):
        rng = random.Random(f"{seed}-{index}")
        path = source / f"doc-{index:04d}.md"
        path.write_text(synthesize(parsed, rng), encoding="utf-8")
        path.with_suffix(".toml").write_text(synthesize_config(toml, index), encoding="utf-8")
        written.append(path)
    return written
