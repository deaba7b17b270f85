"""Converter fixtures: tests/fixtures/convert/*.md hold cases of ``title . input . expected .``.

The input is a whole transcript; the expected output is the TEI ``<text>`` element it must
become (namespace declaration omitted), so each case shows one rule of the converter
before and after. All cases share tests/fixtures/convert/fixture.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

FIXTURES = Path(__file__).parent / "fixtures" / "convert"
TEI = "http://www.tei-c.org/ns/1.0"


@dataclass
class Case:
    file: str
    line: int
    title: str
    source: str
    expected: str

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"


def read_fixture_file(path: Path) -> list[Case]:
    """Split a fixture file into cases; a line holding only '.' separates the parts."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title_line = index
        parts: list[list[str]] = []
        index += 1
        if index >= len(lines) or lines[index] != ".":
            raise ValueError(f"{path}:{index + 1}: expected '.' after the title")
        index += 1
        current: list[str] = []
        while index < len(lines) and len(parts) < 2:
            if lines[index] == ".":
                parts.append(current)
                current = []
            else:
                current.append(lines[index])
            index += 1
        if len(parts) != 2:
            raise ValueError(f"{path}:{title_line + 1}: unterminated case")
        cases.append(
            Case(
                path.name,
                title_line + 1,
                lines[title_line],
                "\n".join(parts[0]) + "\n",
                "\n".join(parts[1]),
            )
        )
    return cases


CASES = [case for path in sorted(FIXTURES.glob("*.md")) for case in read_fixture_file(path)]


def convert_case(source: str, tmp_path: Path) -> str:
    from pipeline.config import load_config
    from pipeline.convert import convert_text
    from pipeline.convert.tei import indent

    config = load_config(FIXTURES / "fixture.toml", doc_id="fixture")
    result = convert_text(source, config, tmp_path / "fixture.md")
    text = etree.fromstring(result.tei).find(f"{{{TEI}}}text")
    assert text is not None
    text.tail = None
    indent(text, 0)  # as if <text> were the root: flush left
    return (
        etree.tostring(text, encoding="unicode")
        .replace(f' xmlns="{TEI}"', "")
        .replace(' xmlns:xml="http://www.w3.org/XML/1998/namespace"', "")
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case: Case, tmp_path: Path) -> None:
    assert convert_case(case.source, tmp_path) == case.expected, case.title


def test_fixture_files_have_cases() -> None:
    assert len(CASES) >= 15
