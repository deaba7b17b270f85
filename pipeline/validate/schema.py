"""Validation against the project's customisation, ``schema/edition.xsd``.

The schema is compiled once per process, on first use. It is an XSD 1.0 schema loaded with
:class:`xmlschema.XMLSchema10`: 1.0 because other projects must be able to use the same file
with any XSD processor (libxml2/xmllint, Xerces, oXygen); the constraints that would need XSD
1.1 assertions (note ids matching @n, idno forms per authority) are integrity rules in
:mod:`pipeline.validate.rules` instead, with their own codes and clearer messages.

A valid tree is recognised by libxml2 compiling the same file (:func:`load_gate_schema`),
a hundred times faster; xmlschema describes the errors of an invalid one.

xmlschema's errors are multi-line reports; :func:`schema_diagnostics` turns each into one
stable line, located at the offending element: ``element 'foo' is not allowed in 'p'``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, cast

import xmlschema
from lxml import etree
from xmlschema.validators.exceptions import (
    XMLSchemaChildrenValidationError,
    XMLSchemaValidationError,
)

from ..errors import Diagnostic, EditionError, Location
from ..xmlsafe import TEI_NS, XML_NS
from .locate import Locator

#: The customisation; ``schema/xml.xsd`` beside it provides the xml: attributes (no network).
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "edition.xsd"

#: The global elements of the schema, the only possible roots: a master or register, and
#: the edition's corpus file.
ROOTS = ("TEI", "teiCorpus")

CODE = "E-SCHEMA"
DATE_CODE = "E-DATE"

#: What a value of each named simple type must look like, for messages.
TYPE_DESCRIPTIONS: dict[str, str] = {
    "isoDate": "an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "pointer": "a pointer ('#id' or an http, https or mailto URI)",
    "localPointer": "a '#id' pointer",
    "pointerList": "a list of pointers ('#id' or an http, https or mailto URI)",
    "localPointerList": "a list of '#id' pointers",
    "shortToken": (
        "a short label (a letter or digit, then letters, digits, '.' or '-'; at most 16 characters)"
    ),
    "noteLabel": (
        "a note's mark (a number, letter or symbol such as '*' or '†'; at most 16 characters)"
    ),
    "versionNumber": "a version number such as '1.0'",
    "certainty": "a certainty (high, medium, low, unknown)",
    "language": "a BCP 47 language tag",
    "NCName": "a name without spaces or colons",
    "ID": "an XML name (not starting with a digit, no spaces)",
}

#: Built-in types that occur in the schema only as members of a named union: xmlschema may
#: report a union failure once per member, so members are described as their union.
MEMBER_OF = {"date": "isoDate", "gYearMonth": "isoDate", "gYear": "isoDate"}

_ATTRIBUTE_VALUE = re.compile(
    r"^attribute (?P<name>\S+?)=(?P<q>['\"])(?P<value>.*)(?P=q): ", re.DOTALL
)
_NOT_ALLOWED_ATTRIBUTE = re.compile(r"^'(?P<name>[^']+)' attribute not allowed for element")
_MISSING_ATTRIBUTE = re.compile(r"^missing required attribute '(?P<name>[^']+)'")
_DUPLICATE_ID = re.compile(r"duplicated xs:ID value '(?P<value>[^']*)'")
_CLARK = re.compile(r"\{([^}]*)\}(\w[\w.\-]*)")


@functools.cache
def load_schema(path: Path = SCHEMA_PATH) -> xmlschema.XMLSchema10:
    """The compiled customisation (cached: compiling takes a few tenths of a second)."""
    # allow="local": the xml: namespace comes from schema/xml.xsd; nothing is ever fetched.
    try:
        return xmlschema.XMLSchema10(str(path), allow="local", defuse="always")
    except (xmlschema.XMLSchemaException, OSError, SyntaxError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EditionError(Location(str(path)), f"the schema does not load: {first}") from None


@functools.cache
def load_gate_schema(path: Path = SCHEMA_PATH) -> etree.XMLSchema | None:
    """The same XSD compiled by libxml2, as a fast gate in front of xmlschema.

    xmlschema walks the content models in Python (about 130 ms for the seed master);
    libxml2 decides the same question in C in about 1 ms. A valid tree needs no more; an
    invalid one is handed to xmlschema, whose errors carry what the one-line messages are
    made from. tests/test_schema.py checks that both validators agree on every valid and
    invalid fixture. None if libxml2 cannot compile the schema: xmlschema alone then.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.XMLSchema(etree.parse(str(path), parser))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError):
        return None


def schema_diagnostics(
    tree: etree._ElementTree, locator: Locator, schema: xmlschema.XMLSchemaBase | None = None
) -> list[Diagnostic]:
    """Validate the parsed ``tree`` (not re-read from disk) against ``schema`` (default: the
    project's) and describe each error."""
    if schema is None:
        gate = load_gate_schema()  # the project schema's fast yes (libxml2), same verdict
        if gate is not None and gate.validate(tree):
            return []
        schema = load_schema()
    return [
        _diagnostic(error, locator)
        for error in schema.iter_errors(lxml_source(tree), use_location_hints=False)
    ]


def lxml_source(tree: etree._ElementTree) -> Any:
    """An lxml tree as xmlschema's source: xmlschema validates lxml trees (it declares
    ElementTree's types only), keeping lxml's source lines for the messages."""
    return tree


def display_name(name: str) -> str:
    """A Clark name as a reader writes it: ``p``, ``xml:id``, ``{urn:x}foo``."""
    qname = etree.QName(name)
    local = str(qname.localname)
    if qname.namespace in (None, TEI_NS):
        return local
    if qname.namespace == XML_NS:
        return f"xml:{local}"
    return f"{{{qname.namespace}}}{local}"


def element_name(element: etree._Element) -> str:
    """An element as written in its source: ``p``, ``x:foo`` (prefix kept outside TEI)."""
    qname = etree.QName(element)
    if qname.namespace == TEI_NS:
        return str(qname.localname)
    if element.prefix:
        return f"{element.prefix}:{qname.localname}"
    return display_name(str(element.tag))


def _quote(value: object) -> str:
    text = str(value).replace("\n", "\\n")
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'"


def _diagnostic(error: XMLSchemaValidationError, locator: Locator) -> Diagnostic:
    element = error.elem if isinstance(error.elem, etree._Element) else None
    if isinstance(error, XMLSchemaChildrenValidationError):
        target, message = _children_message(error, element)
        return Diagnostic(locator.at(target), message, "error", CODE)
    code, message = _value_message(error, element)
    return Diagnostic(locator.at(element), message, "error", code)


def _names(particles: object) -> list[str]:
    out: list[str] = []
    for particle in particles or ():  # type: ignore[attr-defined]
        name = getattr(particle, "name", None)
        if name and display_name(name) not in out:
            out.append(display_name(name))
    return out


def _expected(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _children_message(
    error: XMLSchemaChildrenValidationError, parent: etree._Element | None
) -> tuple[etree._Element | None, str]:
    parent_name = element_name(parent) if parent is not None else "?"
    # xmlschema types elements as ElementTree's; validating an lxml tree, they are lxml's
    child = cast("etree._Element | None", error.invalid_child)
    expected = _names(error.expected)
    if child is None:
        # The content ended too early: something required is missing.
        detail = f"; expected {_expected(expected)}" if expected else ""
        return parent, f"element '{parent_name}' is incomplete{detail}"
    child_name = element_name(child)
    model = getattr(error.validator, "iter_elements", None)
    allowed = {e.name for e in model()} if model else set()
    if child.tag not in allowed:
        return child, f"element '{child_name}' is not allowed in '{parent_name}'"
    detail = f"; expected {_expected(expected)}" if expected else ""
    return child, f"element '{child_name}' is not allowed here in '{parent_name}'{detail}"


def _type_description(validator: object) -> tuple[str | None, list[str]]:
    """(description of the value's named type, enumeration) from a validator chain."""
    enumeration: list[str] = []
    node = validator
    for _ in range(8):
        if node is None:
            break
        values = getattr(node, "enumeration", None)
        if values and not enumeration:
            enumeration = [str(v) for v in values]
        name = getattr(node, "name", None)
        if isinstance(name, str):
            local = etree.QName(name).localname
            local = MEMBER_OF.get(local, local)
            if local in TYPE_DESCRIPTIONS:
                return local, enumeration
        node = getattr(node, "parent", None)
    return None, enumeration


def _value_message(
    error: XMLSchemaValidationError, element: etree._Element | None
) -> tuple[str, str]:
    owner = element_name(element) if element is not None else "?"
    reason = (error.reason or "").strip()
    if match := _NOT_ALLOWED_ATTRIBUTE.match(reason):
        return CODE, f"attribute '{display_name(match['name'])}' is not allowed on '{owner}'"
    if match := _MISSING_ATTRIBUTE.match(reason):
        return CODE, f"element '{owner}' lacks required attribute '{display_name(match['name'])}'"
    if match := _DUPLICATE_ID.search(reason):
        return CODE, f"duplicate xml:id {_quote(match['value'])}"
    if match := _ATTRIBUTE_VALUE.match(reason):
        attribute = display_name(match["name"])
        type_name, enumeration = _type_description(error.validator)
        value = error.obj if isinstance(error.obj, str) else match["value"]
        if type_name is None and enumeration:
            allowed = ", ".join(enumeration)
            return (
                CODE,
                (
                    f"attribute '{attribute}' of '{owner}' has value {_quote(value)}; "
                    f"allowed: {allowed}"
                ),
            )
        if type_name is not None:
            code = DATE_CODE if type_name == "isoDate" else CODE
            return (
                code,
                (
                    f"attribute '{attribute}' of '{owner}' is not "
                    f"{TYPE_DESCRIPTIONS[type_name]}: {_quote(value)}"
                ),
            )
        return CODE, f"attribute '{attribute}' of '{owner}' has an invalid value {_quote(value)}"
    if "character data" in reason and "not allowed" in reason:
        return CODE, f"text is not allowed in '{owner}'"
    if "value length cannot be lesser than" in reason:
        return CODE, f"element '{owner}' must not be empty"
    if "can't have child elements" in reason:
        return CODE, f"element '{owner}' may contain only text"
    if "is not an element of the schema" in reason:
        return CODE, f"element '{owner}' is not declared in the schema"
    # Anything else: xmlschema's first line, with Clark names shortened.
    first = reason.splitlines()[0] if reason else "invalid"
    return CODE, f"'{owner}': " + _CLARK.sub(lambda m: display_name(m.group(0)), first)
