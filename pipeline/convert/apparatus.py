"""Pass ``apparatus``: collate the witnesses of each note into one text with ``app``.

The base witness's reading is the text; wherever the other witness diverges, the two
readings stand side by side (parallel segmentation)::

    base:  "... can be found here: " <ref>     other: "... can be found " <ref>
    -> "... can be found " app(lem[wit-notes]="here: ", rdg[wit-numbered]="") <ref>

Readings are compared word by word (a word keeps its trailing space); inline elements
(links, titles, names, citations) compare as whole units, so an ``app`` never cuts through
an element. Divergences in quotation marks and apostrophes alone are typed orthographic.
"""

from __future__ import annotations

import difflib
import re

from .model import Document, Inline, Span

ATOM = re.compile(r"\S+\s*|\s+")
TYPOGRAPHIC = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "´": "'", "`": "'"})


def _atoms(content: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for item in content:
        if isinstance(item, str):
            out.extend(ATOM.findall(item))
        else:
            out.append(item)
    return out


def _key(atom: Inline, typographic: bool = True) -> str:
    """A comparison key; with ``typographic`` quotation marks are normalised."""
    if isinstance(atom, str):
        # a word and whether a space follows it: "the" and "the " differ, or a reading
        # built from the other witness's words would lose the space between them
        text = atom.rstrip() + (" " if atom[len(atom.rstrip()) :] else "") if atom.strip() else " "
        return text.translate(TYPOGRAPHIC) if typographic else text
    attrs = ",".join(f"{k}={v}" for k, v in sorted(atom.attrs.items()) if k != "xml:id")
    inner = "".join(_key(child, typographic) for child in _atoms(atom.children))
    return f"<{atom.tag} {attrs}>{inner}</{atom.tag}>"


def _app(lem: list[Inline], rdg: list[Inline], base: str, other: str, kind: str) -> Span:
    return Span(
        "app",
        {},
        [
            Span("lem", {"wit": f"#{base}"}, _merge(lem)),
            Span("rdg", {"wit": f"#{other}", "type": kind}, _merge(rdg)),
        ],
    )


def _merge(atoms: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for atom in atoms:
        if isinstance(atom, str) and out and isinstance(out[-1], str):
            out[-1] += atom
        else:
            out.append(atom)
    return out


def _split_shared_space(
    lem: list[Inline], rdg: list[Inline]
) -> tuple[list[Inline], list[Inline], str]:
    """Move whitespace that ends both readings out of the apparatus."""
    if not (lem and rdg and isinstance(lem[-1], str) and isinstance(rdg[-1], str)):
        return lem, rdg, ""
    space_a = lem[-1][len(lem[-1].rstrip()) :]
    space_b = rdg[-1][len(rdg[-1].rstrip()) :]
    shared = space_a if len(space_a) <= len(space_b) else space_b
    if not shared:
        return lem, rdg, ""
    cut = len(shared)
    lem = [*lem[:-1], lem[-1][:-cut]] if lem[-1][:-cut] else lem[:-1]
    rdg = [*rdg[:-1], rdg[-1][:-cut]] if rdg[-1][:-cut] else rdg[:-1]
    return lem, rdg, shared


def collate(
    base: list[Inline], other: list[Inline], base_wit: str, other_wit: str
) -> tuple[list[Inline], int]:
    """The base reading with the other's divergences as ``app``; returns (content, apps)."""
    a, b = _atoms(base), _atoms(other)
    raw_a = [_key(x, False) for x in a]
    raw_b = [_key(x, False) for x in b]
    if raw_a == raw_b:
        return base, 0  # the witnesses agree (the common case): nothing to collate
    keys_a = [k.translate(TYPOGRAPHIC) for k in raw_a]
    keys_b = [k.translate(TYPOGRAPHIC) for k in raw_b]
    out: list[Inline] = []
    apps = 0
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            # Equal after normalising quotation marks: keep orthographic differences too.
            run_a: list[Inline] = []
            run_b: list[Inline] = []
            for x, y, kx, ky in zip(a[i1:i2], b[j1:j2], raw_a[i1:i2], raw_b[j1:j2], strict=True):
                if kx == ky:
                    if run_a:
                        out.append(_app(run_a, run_b, base_wit, other_wit, "orthographic"))
                        apps += 1
                        run_a, run_b = [], []
                    out.append(x)
                else:
                    run_a.append(x)
                    run_b.append(y)
            if run_a:
                out.append(_app(run_a, run_b, base_wit, other_wit, "orthographic"))
                apps += 1
            continue
        lem, rdg, shared = _split_shared_space(_merge(a[i1:i2]), _merge(b[j1:j2]))
        out.append(_app(lem, rdg, base_wit, other_wit, "substantive"))
        apps += 1
        if shared:
            out.append(shared)
    return _merge(out), apps


def run(doc: Document) -> Document:
    total = 0
    for note in doc.notes:
        if len(note.readings) < 2:
            note.content = next(iter(note.readings.values()))
            continue
        others = [wit for wit in note.readings if wit != note.base]
        content = note.readings[note.base]
        for other in others:
            content, apps = collate(content, note.readings[other], note.base, other)
            total += apps
        note.content = content
    doc.stats["apparatus"] = total
    return doc
