"""Validation of TEI files: the project schema, then the integrity rules.

Usage::

    diagnostics = validate_file(Path("tei/tactics-and-tasks.xml"))
    print(to_text(diagnostics), summary(diagnostics))    # or json.dumps(to_records(...))

A ``teiCorpus`` (dist/corpus.xml from ``edition export``) is validated too: the schema over
the whole file, then the rules on each of its documents as on a master of its own and on
the corpus header (:mod:`.corpus`).

Every problem is a :class:`~pipeline.errors.Diagnostic` printing as
``path:line:col: message [CODE]``; hostile or broken input (malformed XML, DOCTYPE and
entities, huge or non-UTF-8 files) gives one diagnostic, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import Diagnostic, EditionError, Location
from ..xmlsafe import TEI_NS, XML_ID, parse_file, tei
from .corpus import corpus_parts, is_corpus
from .locate import Locator
from .report import has_errors, ordered, summary, to_records, to_text
from .rules import RULES, Document, check_rules, kind_of
from .schema import ROOTS, load_schema, schema_diagnostics

if TYPE_CHECKING:
    import xmlschema

    from ..convert.model import Document as Transcript

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
        return [
            Diagnostic(
                Location(name, where.line or 1, where.col or 1), exc.message, "error", "E-XML"
            )
        ]
    root = tree.getroot()
    is_register = root.tag == tei("TEI") and root.find(tei("text")) is None
    foreign = _sibling_register_ids(Path(path)) if is_register else {}
    return validate_tree(
        tree, name, source=source, load_text=lambda: _read(Path(path)), foreign_ids=foreign
    )


def validate_tree(
    tree: etree._ElementTree,
    path_for_messages: str,
    *,
    source: Path | None = None,
    text: str | bytes | None = None,
    load_text: Callable[[], str | bytes | None] | None = None,
    foreign_ids: Mapping[str, str] | None = None,
    schema: xmlschema.XMLSchemaBase | None = None,
    converted: Transcript | None = None,
) -> list[Diagnostic]:
    """Validate an already parsed tree (it is not re-read): schema first, then the rules,
    then (with ``source``) text conservation against the transcript. The one validation of
    the project: `edition validate`, the build and the deposit's verification all call it.

    ``text`` (or a ``load_text`` callable) is the document's source text, used only to give
    columns in messages; without it columns are 1. ``schema`` replaces the project's (a
    deposit is checked against the schema it carries). ``converted`` is the converter's
    Document for ``source`` when the caller has just converted it: conservation then uses
    its reading instead of reading the transcript again.
    """
    locator = Locator(tree, path_for_messages, text, load_text=load_text)
    root_problem = _check_root(tree, locator)
    if root_problem is not None:
        return [root_problem]
    found = schema_diagnostics(tree, locator, schema)
    if is_corpus(tree.getroot()):
        if source is not None:
            found.append(
                Diagnostic(
                    locator.file(),
                    "a teiCorpus holds several documents: check text conservation on each master "
                    "against its own transcript",
                    "error",
                    "E-CONSERVATION",
                )
            )
        for part in corpus_parts(tree.getroot()):
            found.extend(check_rules(Document(tree, locator, part=part)))
    else:
        found.extend(
            check_rules(
                Document(
                    tree, locator, source=source, converted=converted, foreign_ids=foreign_ids or {}
                )
            )
        )
    return ordered(found)


def _check_root(tree: etree._ElementTree, locator: Locator) -> Diagnostic | None:
    """E-ROOT: the root is TEI (a master or register) or teiCorpus (the edition's corpus
    file), in the TEI namespace. Anything else is not checked further."""
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.localname in ROOTS and qname.namespace == TEI_NS:
        return None
    if qname.localname in ROOTS:
        where = f"in namespace '{qname.namespace}'" if qname.namespace else "in no namespace"
        message = f"root element '{qname.localname}' is {where}; expected namespace '{TEI_NS}'"
    else:
        where = f" in namespace '{qname.namespace}'" if qname.namespace else ""
        message = (
            f"root element is '{qname.localname}'{where}; expected 'TEI' in namespace '{TEI_NS}'"
        )
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
