"""Regenerate the committed expected outputs of the XSLT fixtures, then review the diff.

    /work/venv/bin/python tests/regenerate_expected.py      (from the project root)
    git diff tests/fixtures/xslt/expected/

Each fixture ``tests/fixtures/xslt/<feature>.NNN.xml`` is rendered with ``html`` and ``text``
into ``expected/<feature>.NNN.html`` and ``.txt``, normalised the same way the tests
normalise before comparing. A fixture states its own parameters in a processing
instruction before the root element, never in its name::

    <?edition-params editorial-brackets="false" show-apparatus="false"?>

and what the tests must expect of it in another::

    <?edition-test expect-unhandled="tei:seg tei:list"?>

This module is also the fixture loader the XSLT tests import.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

# found through the sys.path entry inserted above when run as a script, so imported after it
from pipeline.render.xslt import Rendering, render  # noqa: E402
from pipeline.xmlsafe import parse_file  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "xslt"
EXPECTED = FIXTURES / "expected"

#: Parameters every fixture is rendered with unless it states its own: the build date is
#: the one volatile input, so fixtures pin it.
DEFAULT_PARAMS: dict[str, str] = {"build-date": "2000-01-01"}

#: Output formats: stylesheet name -> expected file suffix.
FORMATS = {"html": ".html", "text": ".txt"}


@dataclass(frozen=True)
class Fixture:
    """One TEI fixture and what its processing instructions say about it."""

    path: Path
    params: dict[str, str]
    expect_unhandled: frozenset[str]

    @property
    def name(self) -> str:
        return self.path.stem  # "notes.001"

    def expected_path(self, stylesheet: str) -> Path:
        return EXPECTED / f"{self.name}{FORMATS[stylesheet]}"

    def render(self, stylesheet: str, **overrides: str | bool) -> Rendering:
        return render(stylesheet, self.path, {**self.params, **overrides})


def _pseudo_attributes(tree: etree._ElementTree, target: str) -> dict[str, str]:
    """Pseudo-attributes of the processing instructions ``<?target ...?>`` before the root."""
    found: dict[str, str] = {}
    node = tree.getroot().getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == target:
            # pseudo-attributes have XML attribute syntax: let the XML parser read them
            # (lxml's own PI.attrib skips names with hyphens)
            pseudo = etree.fromstring(f"<pi {node.text or ''}/>").attrib
            found = {**dict(pseudo), **found}  # the nearest to the root wins
        node = node.getprevious()
    return found


def load_fixture(path: Path) -> Fixture:
    tree = parse_file(path)
    params = {**DEFAULT_PARAMS, **_pseudo_attributes(tree, "edition-params")}
    expect = _pseudo_attributes(tree, "edition-test").get("expect-unhandled", "")
    return Fixture(path, params, frozenset(expect.split()))


def fixtures() -> list[Fixture]:
    """Every fixture, sorted by name."""
    return [load_fixture(p) for p in sorted(FIXTURES.glob("*.[0-9][0-9][0-9].xml"))]


def _blank_element_content(html: str, tag: str, placeholder: str) -> str:
    """Replace the content of every <tag>...</tag> (inlined CSS/JS) by a placeholder."""
    out: list[str] = []
    rest = html
    opening, closing = f"<{tag}>", f"</{tag}>"
    while opening in rest:
        before, _, after = rest.partition(opening)
        _, found, tail = after.partition(closing)
        if not found:
            break
        out.append(f"{before}{opening}{placeholder}{closing}")
        rest = tail
    out.append(rest)
    return "".join(out)


def normalise(stylesheet: str, output: bytes) -> str:
    """The output with its volatile parts stripped: the inlined CSS and JavaScript (their
    own files are reviewed directly; a style change must not churn every fixture)."""
    text = output.decode("utf-8")
    if stylesheet == "html":
        text = _blank_element_content(text, "style", "/* xslt/assets/edition.css */")
        text = _blank_element_content(text, "script", "/* xslt/assets/edition.js */")
    return text if text.endswith("\n") else text + "\n"


def main() -> int:
    EXPECTED.mkdir(parents=True, exist_ok=True)
    changed = 0
    for fixture in fixtures():
        for stylesheet in FORMATS:
            result = fixture.render(stylesheet)
            target = fixture.expected_path(stylesheet)
            new = normalise(stylesheet, result.output)
            old = target.read_text(encoding="utf-8") if target.exists() else None
            if new != old:
                target.write_text(new, encoding="utf-8", newline="\n")
                changed += 1
                print(f"{'updated' if old is not None else 'created'} {target.relative_to(ROOT)}")
            for warning in result.warnings:
                print(f"  {fixture.name} {stylesheet}: {warning}")
    print(f"{changed} expected file(s) changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
