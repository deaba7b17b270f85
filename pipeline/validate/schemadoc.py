"""Generate the readable schema page, ``schema/edition-schema.md``, from ``schema/edition.xsd``.

The page is for other projects: what each element is for in this edition (the
xs:documentation of its declaration), where it may appear, what it contains, its attributes
and their allowed values, the data types, and the integrity rules beyond the grammar. It is
generated from the compiled schema (xmlschema resolves groups, types and references), so it
cannot drift from the XSD; a test fails when the committed page is out of date.

    python -m pipeline.validate.schemadoc           # rewrite schema/edition-schema.md
    python -m pipeline.validate.schemadoc --check   # exit 1 if the page is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .rules import RULES
from .schema import ROOTS, SCHEMA_PATH, display_name, load_schema

PAGE_PATH = SCHEMA_PATH.with_name("edition-schema.md")
XS = "{http://www.w3.org/2001/XMLSchema}"


def _text(annotated: Any) -> str:
    """The xs:documentation of a component, as one paragraph ('' if none)."""
    annotation = getattr(annotated, "annotation", None)
    if annotation is None:
        return ""
    parts = [" ".join((d.text or "").split()) for d in annotation.documentation]
    return " ".join(p for p in parts if p)


def _local(name: str | None) -> str:
    return display_name(name) if name else ""


def _occurs(particle: Any) -> str:
    low, high = particle.min_occurs, particle.max_occurs
    if (low, high) == (1, 1):
        return ""
    if (low, high) == (0, 1):
        return "?"
    if (low, high) == (0, None):
        return "*"
    if (low, high) == (1, None):
        return "+"
    return f"{{{low},{'' if high is None else high}}}"


def _is_group(particle: Any) -> bool:
    return hasattr(particle, "model")


def render_model(particle: Any, top: bool = False) -> str:
    """A content model as a compact expression: ``head, (div+ | (blocks+, div*))``."""
    if not _is_group(particle):
        return f"`{_local(particle.name)}`{_occurs(particle)}"
    if getattr(particle, "ref", None) is not None:
        name = _local(particle.name)
        return f"[{name}](#group-{name.lower()}){_occurs(particle)}"
    inner = [render_model(p) for p in particle]
    if not inner:
        return "empty"
    separator = ", " if particle.model == "sequence" else " | "
    body = separator.join(inner)
    occurs = _occurs(particle)
    if top and not occurs:
        return body
    if len(inner) == 1 and not occurs:
        return body
    return f"({body}){occurs}"


def _content(xsd_type: Any) -> str:
    if xsd_type.is_simple():
        return f"text ({_type_label(xsd_type)})"
    if xsd_type.has_simple_content():
        return f"text ({_type_label(xsd_type.content)})"
    model = xsd_type.content
    rendered = render_model(model, top=True) if len(model) else "empty"
    if xsd_type.mixed:
        return "text" if rendered == "empty" else f"text and {rendered}"
    return rendered


def _type_label(xsd_type: Any) -> str:
    """A simple type as a reader wants it: its values, its named type, or its base."""
    values = _enumeration(xsd_type)
    if values:
        return "one of " + ", ".join(f"`{v}`" for v in values)
    name = getattr(xsd_type, "name", None)
    if name and not name.startswith(XS):
        return f"[{_local(name)}](#type-{_local(name).lower()})"
    if name:
        return f"xs:{_local(name).split('}')[-1]}"
    base = getattr(xsd_type, "base_type", None)
    label = _type_label(base) if base is not None else "string"
    facets = _facets(xsd_type)
    return f"{label}{facets}"


def _enumeration(xsd_type: Any) -> list[str]:
    values = getattr(xsd_type, "enumeration", None)
    return [str(v) for v in values] if values else []


def _facets(xsd_type: Any) -> str:
    notes = []
    patterns = getattr(xsd_type, "patterns", None)
    if patterns is not None:
        notes.append("pattern " + " or ".join(f"`{p}`" for p in patterns.regexps))
    min_length = getattr(xsd_type, "min_length", None)
    if min_length:
        notes.append(f"at least {min_length} character{'s' if min_length != 1 else ''}")
    return f", {', '.join(notes)}" if notes else ""


@dataclass
class Declaration:
    """One element declaration and the elements it may appear in."""

    xsd: Any
    parents: list[str] = field(default_factory=list)
    #: declared only for the teiCorpus header (the page says so: the same parent names,
    #: publicationStmt or sourceDesc, occur in a document's header)
    in_corpus_header: bool = False

    @property
    def name(self) -> str:
        return _local(self.xsd.name)

    @property
    def is_corpus_header(self) -> bool:
        return self.name == "teiHeader" and self.parents == ["teiCorpus"]


def declarations() -> list[Declaration]:
    """Every element declaration reachable from the roots (TEI, then teiCorpus), in
    depth-first document order."""
    schema = load_schema()
    found: dict[int, Declaration] = {}
    order: list[Declaration] = []
    roots = [schema.elements[name] for name in ROOTS if name in schema.elements]
    stack: list[tuple[Any, Declaration | None]] = [(root, None) for root in reversed(roots)]
    while stack:
        element, parent = stack.pop()
        key = id(element.elem)  # the xs:element node: one per declaration
        if key in found:
            if parent and parent.name not in found[key].parents:
                found[key].parents.append(parent.name)
            continue
        in_corpus_header = parent is not None and (
            parent.in_corpus_header or parent.is_corpus_header
        )
        declaration = Declaration(element, [parent.name] if parent else [], in_corpus_header)
        found[key] = declaration
        order.append(declaration)
        xsd_type = element.type
        if xsd_type.is_simple() or xsd_type.has_simple_content():
            continue
        children = list(xsd_type.content.iter_elements())
        stack.extend((child, declaration) for child in reversed(children))
    return order


def _attributes(xsd_type: Any) -> Iterator[str]:
    attributes = getattr(xsd_type, "attributes", None)
    if not attributes:
        return
    for name, attribute in sorted(attributes.items(), key=lambda kv: _local(kv[0])):
        if name is None:
            continue
        use = "required" if attribute.use == "required" else "optional"
        referenced = getattr(attribute, "ref", None)
        documentation = _text(attribute) or _text(referenced) or _text(attribute.type)
        yield f"| `@{_local(name)}` | {use} | {_type_label(attribute.type)} | {documentation} |"


def _anchor(name: str) -> str:
    return "element-" + re.sub(r"[^a-z0-9]+", "-", name.lower())


def render_markdown() -> str:
    """The whole page (deterministic: same schema, same bytes)."""
    schema = load_schema()
    out: list[str] = [
        "# The edition's TEI customisation",
        "",
        (
            "<!-- Generated by `python -m pipeline.validate.schemadoc` from schema/edition.xsd. "
            "Do not edit: change the xs:documentation in the schema and regenerate. -->"
        ),
        "",
        " ".join(
            " ".join((d.text or "").split()) for a in schema.annotations for d in a.documentation
        ),
        "",
        (
            "Schema: [`edition.xsd`](edition.xsd) (W3C XML Schema 1.0, target namespace "
            "`http://www.tei-c.org/ns/1.0`; the `xml:` attributes come from the local "
            "[`xml.xsd`](xml.xsd)). Conventions in words: [`conventions.md`](conventions.md)."
        ),
        "",
        "Notation: `a, b` a then b; `a | b` a or b; `?` optional; `*` any number; `+` one or more;",
        (
            'linked lower-case names are groups (see [Groups](#groups)); "text and ..." is '
            "mixed content."
        ),
        "",
    ]
    decls = declarations()
    by_name: dict[str, list[Declaration]] = {}
    for decl in decls:
        by_name.setdefault(decl.name, []).append(decl)
    names = sorted(by_name, key=lambda n: (n.lower(), n))
    out += ["## Elements", "", " · ".join(f"[`{n}`](#{_anchor(n)})" for n in names), ""]
    for name in names:
        out += [f'### <a id="{_anchor(name)}"></a>`{name}`', ""]
        many = len(by_name[name]) > 1
        for decl in by_name[name]:
            where = ", ".join(f"`{p}`" for p in decl.parents) or "the root of the document"
            if decl.in_corpus_header:
                where = (
                    "the teiCorpus `teiHeader`"
                    if decl.parents == ["teiHeader"]
                    else f"{where} of the teiCorpus header"
                )
            if many:
                out += [f"**In {where}.** {_text(decl.xsd)}", ""]
            else:
                out += [_text(decl.xsd), "", f"- Appears in: {where}"]
            out.append(f"- Content: {_content(decl.xsd.type)}")
            rows = list(_attributes(decl.xsd.type))
            if rows:
                out += ["", "| attribute | use | value | meaning |", "|---|---|---|---|", *rows]
            out.append("")
    out += ['## <a id="groups"></a>Groups', ""]
    for group_name, group in sorted(schema.groups.items()):
        out += [
            (
                f'- <a id="group-{group_name.lower()}"></a>**{group_name}**: '
                f"{render_model(group, top=True)}. {_text(group)}"
            )
        ]
    out += ["", "## Data types", ""]
    for type_name, xsd_type in sorted(schema.types.items()):
        if not xsd_type.is_simple():
            continue
        out += [f'- <a id="type-{type_name.lower()}"></a>**{type_name}**: {_text(xsd_type)}']
    out += [
        "",
        "## Integrity rules (pipeline/validate/rules.py)",
        "",
        "| code | what is checked |",
        "|---|---|",
    ]
    out += [f"| `{rule.code}` | {rule.summary} |" for rule in RULES]
    out += [
        "",
        (
            "Other codes: `E-SCHEMA` (this schema), `E-DATE` (also from the schema's date type), "
            "`E-XML` (the file cannot be read as safe XML: malformed, DOCTYPE or entities, too "
            "large, not UTF-8), `E-ROOT` (the root element is not TEI or teiCorpus in the TEI "
            "namespace). `E-` codes fail validation; `W-` codes are warnings. Pointer problems are "
            "reported as `E-REF`, `E-REF-KIND`, `E-ENTITY` or (in a teiCorpus, a pointer into "
            "another document) `E-REF-DOCUMENT`; note anchors as `E-ANCHOR`. In a teiCorpus every "
            "rule runs on each document as on a master of its own, comparing ids without the "
            "document prefix, and on the corpus header."
        ),
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed page is out of date"
    )
    args = parser.parse_args(argv)
    page = render_markdown()
    current = PAGE_PATH.read_text(encoding="utf-8") if PAGE_PATH.exists() else None
    if args.check:
        if current != page:
            print(
                f"{PAGE_PATH}: out of date; run python -m pipeline.validate.schemadoc",
                file=sys.stderr,
            )
            return 1
        return 0
    if current != page:
        PAGE_PATH.write_text(page, encoding="utf-8", newline="\n")
        print(f"wrote {PAGE_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
