"""The whole edition as one ``teiCorpus`` file (``dist/corpus.xml``).

A corpus header (the edition's title, publication statement, and a ``sourceDesc`` listing
the documents) followed by each document's complete ``TEI`` element, copied in.

Repeated ids. ``xml:id`` must be unique in one XML file, and every document of the edition
uses the same structural ids (``sec-1``, ``n1``, ``intro-p1``) and the same register ids
(``person-trotsky``) in its self-contained standOff. Including the documents by XInclude
would only move the clash to whoever expands it (the ParlaMint corpus root has this
problem), and deleting the ids would break every pointer. So inside the corpus file each
id is *prefixed with its document's id*: ``sec-2-A-p3`` of ``tactics-and-tasks`` becomes
``tactics-and-tasks.sec-2-A-p3``, and every local pointer of that document (``@ref``,
``@target``, ``@wit`` ... ``#sec-2-A-p3``) is rewritten to match; each ``TEI`` element gets
its document id as ``xml:id`` (one that had an id of its own, as another project's TEI may,
loses it to the document id, and pointers to it follow). This is the approach of tei-make-corpus's
``--prefix-xmlid``; the ``.`` separator (legal in an NCName, never used by the edition's
ids) keeps the original id recoverable as the part after the first dot. The masters and
the reading editions keep the unprefixed ids: the corpus file is a derived interchange
format, not a citation target. Any id that is still not unique (a document id containing
a dot could do that) is an error.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from ..errors import Diagnostic, EditionError, Location
from ..xmlsafe import TEI_NS, XML_ID, XML_LANG, tei
from .document import ExportDocument

#: TEI attributes whose values are pointers (teidata.pointer); '#id' tokens in them are
#: local references to rewrite. Date attributes such as @from/@to are deliberately absent.
#: Other projects' TEI points with more of them (a DraCor play's relation/@active,
#: @passive, @mutual; handShift/@new; said/@toWhom) than the masters do.
POINTER_ATTRIBUTES = frozenset(
    {
        "active",
        "ana",
        "change",
        "copyOf",
        "corresp",
        "decls",
        "exclude",
        "facs",
        "edRef",
        "hand",
        "mutual",
        "new",
        "next",
        "passive",
        "prev",
        "ref",
        "resp",
        "sameAs",
        "scheme",
        "scribeRef",
        "scriptRef",
        "select",
        "source",
        "spanTo",
        "synch",
        "target",
        "toWhom",
        "who",
        "wit",
    }
)

SEPARATOR = "."


@dataclass(frozen=True)
class CorpusResult:
    xml: bytes
    documents: int
    ids: int
    #: pointers that name no id of their document (left as they are; validation reports them)
    unresolved: tuple[Diagnostic, ...]


def _el(tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.Element(tei(tag))
    for name, value in attributes.items():
        element.set(XML_ID if name == "xml_id" else name, value)
    if text:
        element.text = text
    return element


def _child(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = _el(tag, text, **attributes)
    parent.append(element)
    return element


def prefixed_copy(doc: ExportDocument) -> tuple[etree._Element, list[Diagnostic]]:
    """A copy of the document's TEI element with ids prefixed and local pointers rewritten."""
    if not _is_ncname_start(doc.doc_id):
        raise EditionError(
            Location(str(doc.path)),
            f"document id '{doc.doc_id}' cannot start an xml:id "
            "(it must begin with a letter or '_')",
        )
    root = copy.deepcopy(doc.root)
    prefix = doc.doc_id + SEPARATOR
    local_ids = {el.get(XML_ID) for el in root.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
    # the TEI element's own id (another project's may have one) gives way to the document id
    root_id = root.get(XML_ID)
    unresolved: list[Diagnostic] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if xml_id := element.get(XML_ID):
            element.set(XML_ID, prefix + xml_id)
        for name in element.attrib:
            if name not in POINTER_ATTRIBUTES:
                continue
            tokens = element.get(name, "").split()
            rewritten = []
            for token in tokens:
                if root_id is not None and token == f"#{root_id}":
                    rewritten.append(f"#{doc.doc_id}")
                elif token.startswith("#") and token[1:] in local_ids:
                    rewritten.append("#" + prefix + token[1:])
                else:
                    if token.startswith("#"):
                        unresolved.append(
                            Diagnostic(
                                Location(str(doc.path), element.sourceline or 0),
                                f"@{name} pointer '{token}' names no id of its document; left "
                                "unprefixed in the corpus",
                                "warning",
                                "W-EXPORT-POINTER",
                            )
                        )
                    rewritten.append(token)
            element.set(name, " ".join(rewritten))
    root.set(XML_ID, doc.doc_id)
    if root.get(XML_LANG) is None:  # not the corpus header's English: no language stated
        root.set(XML_LANG, "")
    return root, unresolved


def _owner(element: etree._Element) -> str:
    """Which part of the corpus an element belongs to, for messages."""
    for candidate in (element, *element.iterancestors()):
        if candidate.tag == tei("TEI"):
            return f"document '{candidate.get(XML_ID)}'"
    return "the corpus header"


def _is_ncname_start(name: str) -> bool:
    return bool(name) and (name[0].isalpha() or name[0] == "_")


def corpus_header(documents: Sequence[ExportDocument], title: str) -> etree._Element:
    """The corpus-level teiHeader."""
    header = _el("teiHeader")
    file_desc = _child(header, "fileDesc")
    title_stmt = _child(file_desc, "titleStmt")
    _child(title_stmt, "title", title, type="main")
    encoders = list(dict.fromkeys(d.config.encoder for d in documents if d.config.encoder))
    for encoder in encoders:
        resp_stmt = _child(title_stmt, "respStmt")
        _child(resp_stmt, "resp", "TEI encoding")
        _child(resp_stmt, "name", encoder)
    versions = {d.config.edition_version for d in documents if d.config.edition_version}
    if len(versions) == 1:
        version = versions.pop()
        edition_stmt = _child(file_desc, "editionStmt")
        _child(edition_stmt, "edition", f"TEI edition, version {version}", n=version)
    publication = _child(file_desc, "publicationStmt")
    publishers = list(
        dict.fromkeys(d.config.edition_publisher for d in documents if d.config.edition_publisher)
    )
    if publishers:
        for publisher in publishers:
            _child(publication, "publisher", publisher)
        built = max(d.config.build_date for d in documents)
        _child(publication, "date", built, when=built)
        statuses = {d.config.rights_status for d in documents}
        availability = _child(
            publication,
            "availability",
            **({"status": statuses.pop()} if len(statuses) == 1 else {}),
        )
        _child(
            availability,
            "p",
            "The rights in each document are stated in the availability statement of its own "
            "header, which this corpus file includes unchanged.",
        )
        _child(publication, "idno", "corpus", type="local")
    else:
        _child(publication, "p", "The publication of each document is stated in its own header.")
    source_desc = _child(file_desc, "sourceDesc")
    for doc in documents:
        bibl = _child(source_desc, "bibl")
        _child(bibl, "title", doc.header.title or doc.config.title, level="a")
        for author in doc.header.authors:
            _child(bibl, "author", author)
        if doc.cited_publisher:
            _child(bibl, "publisher", doc.cited_publisher)
        if doc.cited_date:
            _child(bibl, "date", doc.cited_date, when=doc.cited_date)
        _child(bibl, "ref", doc.doc_id, target=f"#{doc.doc_id}")
    encoding = _child(header, "encodingDesc")
    project = _child(encoding, "projectDesc")
    count = f"{len(documents)} document" + ("" if len(documents) == 1 else "s")
    _child(
        project,
        "p",
        f"The edition's {count}, each as its complete TEI file (header, text, standOff), in one "
        "teiCorpus for interchange.",
    )
    decl = _child(encoding, "editorialDecl")
    _child(
        decl,
        "p",
        "Identifiers are prefixed with the id of their document and a full stop (sec-1 of the "
        "document tactics-and-tasks is tactics-and-tasks.sec-1 here), and every local pointer is "
        "rewritten to match, because xml:id must be unique in one file; each TEI element carries "
        "its document id as xml:id. The documents' own files and reading editions use the "
        "unprefixed ids.",
    )
    return header


def build_corpus(
    documents: Sequence[ExportDocument], title: str, path_for_messages: str = "dist/corpus.xml"
) -> CorpusResult:
    """The teiCorpus of ``documents``; a repeated xml:id is an :class:`EditionError`."""
    if not documents:
        raise EditionError(Location(path_for_messages), "no documents to put in the corpus")
    corpus = etree.Element(tei("teiCorpus"), nsmap={None: TEI_NS})
    corpus.set(XML_LANG, "en")
    header = corpus_header(documents, title)
    etree.indent(header, space="  ", level=1)
    corpus.append(header)
    unresolved: list[Diagnostic] = []
    for doc in documents:
        element, missing = prefixed_copy(doc)
        unresolved.extend(missing)
        corpus.append(element)
    seen: dict[str, str] = {}
    for element in corpus.iter():
        value = element.get(XML_ID)
        if not isinstance(element.tag, str) or not value:
            continue
        owner = _owner(element)
        if value in seen:
            raise EditionError(
                Location(path_for_messages),
                f"xml:id '{value}' occurs twice in the corpus (in {seen[value]} and in {owner})",
            )
        seen[value] = owner
    corpus.text = "\n  "
    header.tail = "\n  "
    for element in corpus[1:]:
        element.tail = "\n  "
    corpus[-1].tail = "\n"
    xml = bytes(etree.tostring(corpus, xml_declaration=True, encoding="UTF-8")) + b"\n"
    return CorpusResult(xml, len(documents), len(seen), tuple(unresolved))
