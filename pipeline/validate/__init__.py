"""Validation of TEI files: the project schema, then the integrity rules.

Usage::

    diagnostics = validate_file(Path("tei/tactics-and-tasks.xml"))
    print(to_text(diagnostics), summary(diagnostics))    # or json.dumps(to_records(...))

Every problem is a :class:`~pipeline.errors.Diagnostic` printing as
``path:line:col: message [CODE]``; hostile or broken input (malformed XML, DOCTYPE and
entities, huge or non-UTF-8 files) gives one diagnostic, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from lxml import etree

from ..errors import Diagnostic, EditionError, Location
from ..xmlsafe import TEI_NS, XML_ID, parse_file, tei
from .locate import Locator
from .report import has_errors, ordered, summary, to_records, to_text
from .rules import RULES, Document, check_rules, kind_of
from .schema import load_schema, schema_diagnostics

__all__ = [
    "RULES",
    "has_errors",
    "load_schema",
    "summary",
    "to_records",
    "to_text",
    "validate_file",
    "validate_tree",
]


def validate_file(path: Path, *, source: Path | None = None) -> list[Diagnostic]:
    """Parse ``path`` safely and validate it; ``source`` is the transcript it was made from
    (for the text-conservation check)."""
    name = str(path)
    try:
        tree = parse_file(path)
    except EditionError as exc:
        where = exc.location
        return [Diagnostic(Location(name, where.line or 1, where.col or 1), exc.message, "error", "E-XML")]
    foreign = _sibling_register_ids(Path(path)) if tree.getroot().find(tei("text")) is None else {}
    return validate_tree(tree, name, source=source, load_text=lambda: _read(Path(path)), foreign_ids=foreign)


def validate_tree(
    tree: etree._ElementTree,
    path_for_messages: str,
    *,
    source: Path | None = None,
    text: str | bytes | None = None,
    load_text: Callable[[], str | bytes | None] | None = None,
    foreign_ids: Mapping[str, str] | None = None,
) -> list[Diagnostic]:
    """Validate an already parsed tree (it is not re-read): schema first, then the rules.

    ``text`` (or a ``load_text`` callable) is the document's source text, used only to give
    columns in messages; without it columns are 1.
    """
    locator = Locator(tree, path_for_messages, text, load_text=load_text)
    root_problem = _check_root(tree, locator)
    if root_problem is not None:
        return [root_problem]
    doc = Document(tree, locator, source=source, foreign_ids=foreign_ids or {})
    return ordered([*schema_diagnostics(tree, locator), *check_rules(doc)])


def _check_root(tree: etree._ElementTree, locator: Locator) -> Diagnostic | None:
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.localname == "TEI" and qname.namespace == TEI_NS:
        return None
    if qname.localname == "TEI":
        where = f"in namespace '{qname.namespace}'" if qname.namespace else "in no namespace"
        message = f"root element 'TEI' is {where}; expected namespace '{TEI_NS}'"
    else:
        where = f" in namespace '{qname.namespace}'" if qname.namespace else ""
        message = f"root element is '{qname.localname}'{where}; expected 'TEI' in namespace '{TEI_NS}'"
    return Diagnostic(locator.at(root), message, "error", "E-ROOT")


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _sibling_register_ids(path: Path) -> dict[str, str]:
    """Ids of the other registers in a register's directory (id -> kind): register entries
    point across files (a work's author in works.xml is a person in persons.xml)."""
    found: dict[str, str] = {}
    for sibling in sorted(path.parent.glob("*.xml")):
        if sibling.resolve() == path.resolve():
            continue
        try:
            root = parse_file(sibling).getroot()
        except EditionError:
            continue  # validated on its own
        if root.tag != tei("TEI") or root.find(tei("text")) is not None:
            continue
        for element in root.iter():
            xml_id = element.get(XML_ID) if isinstance(element.tag, str) else None
            if xml_id is not None:
                found.setdefault(xml_id, kind_of(element))
    return found
