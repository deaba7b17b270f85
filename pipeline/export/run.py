"""``edition export``: write every interchange file of the edition.

For each document ``<doc>`` (from ``tei/<doc>.xml`` and ``tei/source/<doc>.toml``)::

    dist/data/<doc>/entities.jsonld      the standOff entries as schema.org JSON-LD
    dist/data/<doc>/annotations.jsonld   every tagged mention as a W3C Web Annotation
    dist/data/<doc>/entities.csv         one row per entry
    dist/data/<doc>/mentions.csv         one row per mention
    dist/data/<doc>/citation.json        CSL-JSON
    dist/data/<doc>/citation.bib         BibTeX (biblatex)

and for the edition::

    dist/data/corpus/entities.jsonld     every entry of any document, with its passages in all
    dist/data/corpus/entities.csv        ... one row per entry, with its occurrences
    dist/data/corpus/mentions.csv        every mention, with its document
    dist/data/README.md                  what these files are (formats, IRIs, decisions)
    dist/CITATION.cff                    Citation File Format 1.2.0
    dist/corpus.xml                      the teiCorpus (see pipeline.export.corpus)

Before anything is written, the authority registries are loaded (so a malformed ``idno``
there is refused with its file and line) and every JSON-LD file is parsed back with
rdflib, which also gives the triple counts reported.

TEI documents that came from another project without a transcript are exported with the
others (see :mod:`.document` for what is read from them) once they pass the check the
build publishes them by, against tei_all (:func:`pipeline.validate.teiall.check_tei_all`,
all of them in one jing run); one that fails it, or cannot be read, is reported as an
error and left out, and the others are exported.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..entities import load_registry
from ..errors import Diagnostic, EditionError, Location
from ..files import write_if_changed
from ..project import Project
from ..validate.teiall import check_tei_all
from ..xmlsafe import tei
from . import annotations as anno
from .citation import bibtex, citation_cff, csl_item, edition_title
from .corpus import build_corpus
from .csv_export import corpus_entities_csv, corpus_mentions_csv, entities_csv, mentions_csv
from .document import ExportDocument, document_ids, load_document
from .entries import RegisterEntry
from .jsonld import check_graph, dumps, entity_node, register_document
from .links import CORPUS_DIR, Linker, check_base_url, data_path
from .mentions import Mention
from .readme import DATA_README


@dataclass
class ExportReport:
    """What was written and the figures worth reporting."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: per document (and "corpus"): entries, mentions (= annotations), citable passages, triples
    figures: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """No document was left out (a document from another project that is not valid
        against tei_all)."""
        return not any(d.severity == "error" for d in self.diagnostics)


@dataclass(frozen=True)
class ExportOptions:
    base_url: str | None = None
    title: str | None = None
    dist_dir: Path | None = None  # default: <root>/dist
    corpus_file: Path | None = None  # default: <root>/dist/corpus.xml


@dataclass
class _Outputs:
    """Files to write, collected first so that an error in any of them (a clash in the
    corpus, a missing author for CITATION.cff) leaves every output as it was."""

    files: list[tuple[Path, bytes]] = field(default_factory=list)

    def add(self, path: Path, data: bytes) -> None:
        self.files.append((path, data))

    def write(self, report: ExportReport) -> None:
        for path, data in self.files:
            (report.written if write_if_changed(path, data) else report.unchanged).append(path)


def _passages(entry_id: str, mentions: Sequence[tuple[str, Mention]]) -> list[tuple[str, str]]:
    return [(doc, m.passage_id) for doc, m in mentions if m.entity_id == entry_id and m.passage_id]


def _export_document(
    doc: ExportDocument, options: ExportOptions, dist: Path, out: _Outputs, report: ExportReport
) -> None:
    base = options.base_url
    folder = dist / "data" / doc.doc_id
    known = {e.id: e for e in doc.entries}
    tagged = [(doc.doc_id, m) for m in doc.mentions]

    links = Linker(base, data_path(doc.doc_id, "entities.jsonld"))
    nodes = [
        entity_node(e, links, known, [doc.doc_id], _passages(e.id, tagged)) for e in doc.entries
    ]
    entities = dumps(register_document(nodes))
    triples = check_graph(entities, folder / "entities.jsonld")
    out.add(folder / "entities.jsonld", entities)

    links = Linker(base, data_path(doc.doc_id, anno.FILENAME))
    collection = dumps(
        anno.annotation_collection(doc.doc_id, doc.header.title, doc.mentions, links)
    )
    annotation_triples = check_graph(collection, folder / anno.FILENAME)
    out.add(folder / anno.FILENAME, collection)

    out.add(folder / "entities.csv", entities_csv(doc.entries, doc.mentions))
    out.add(folder / "mentions.csv", mentions_csv(doc.mentions))
    out.add(folder / "citation.json", dumps([csl_item(doc)]))
    out.add(folder / "citation.bib", bibtex(doc))
    report.figures[doc.doc_id] = {
        "entries": len(doc.entries),
        "annotations": len(doc.mentions),
        "citable passages": len(doc.citable_passages()),
        "triples (entities)": triples,
        "triples (annotations)": annotation_triples,
    }


def _corpus_entries(
    documents: Sequence[ExportDocument], report: ExportReport
) -> tuple[list[RegisterEntry], dict[str, list[str]]]:
    """Every entry of any document (first copy wins) and the documents listing each."""
    entries: dict[str, RegisterEntry] = {}
    listed: dict[str, list[str]] = {}
    for doc in documents:
        for entry in doc.entries:
            listed.setdefault(entry.id, []).append(doc.doc_id)
            first = entries.setdefault(entry.id, entry)
            if first is not entry and first.element is not None and entry.element is not None:
                _gather_edition_notes(first.element, entry.element)
            if first is not entry and _canonical(first) != _canonical(entry):
                report.diagnostics.append(
                    Diagnostic(
                        Location(str(doc.path), entry.line),
                        f"standOff entry '{entry.id}' differs from its copy in "
                        f"{listed[entry.id][0]} (rebuild both from tei/authority/); the corpus "
                        "uses the first",
                        "warning",
                        "W-EXPORT-ENTRY",
                    )
                )
    return list(entries.values()), listed


def _edition_note(node: etree._Element) -> bool:
    return node.tag == tei("note") and node.get("type") == "edition"


def _gather_edition_notes(kept: etree._Element, other: etree._Element) -> None:
    """The corpus's copy of an entry holds what every edition says of it."""
    have = {(n.get("n"), " ".join("".join(n.itertext()).split())) for n in kept if _edition_note(n)}
    for note in other:
        if (
            _edition_note(note)
            and (note.get("n"), " ".join("".join(note.itertext()).split())) not in have
        ):
            kept.append(copy.deepcopy(note))


def _canonical(entry: RegisterEntry) -> bytes:
    """An entry as the registry has it, without what one edition says of it (each edition's
    standOff holds only its own notes) and without layout whitespace."""
    if entry.element is None:
        return b""
    element = copy.deepcopy(entry.element)
    for note in [n for n in element if _edition_note(n)]:
        element.remove(note)
    for node in element.iter():
        if node.tail is not None and not node.tail.strip():
            node.tail = None
        if len(node) and node.text is not None and not node.text.strip():
            node.text = None
    return bytes(etree.tostring(element, method="c14n"))


def _export_corpus(
    documents: Sequence[ExportDocument],
    options: ExportOptions,
    dist: Path,
    out: _Outputs,
    report: ExportReport,
) -> None:
    folder = dist / "data" / CORPUS_DIR
    entries, listed = _corpus_entries(documents, report)
    known = {e.id: e for e in entries}
    tagged = [(doc.doc_id, m) for doc in documents for m in doc.mentions]
    links = Linker(options.base_url, data_path(CORPUS_DIR, "entities.jsonld"))
    nodes = [entity_node(e, links, known, listed[e.id], _passages(e.id, tagged)) for e in entries]
    data = dumps(register_document(nodes))
    triples = check_graph(data, folder / "entities.jsonld")
    out.add(folder / "entities.jsonld", data)
    out.add(folder / "entities.csv", corpus_entities_csv(entries, listed, tagged))
    out.add(folder / "mentions.csv", corpus_mentions_csv(tagged))
    report.figures[CORPUS_DIR] = {
        "documents": len(documents),
        "entries": len(entries),
        "annotations": len(tagged),
        "citable passages": sum(len(d.citable_passages()) for d in documents),
        "triples (entities)": triples,
    }


def _load_documents(
    project: Project, ids: Sequence[str], report: ExportReport
) -> list[ExportDocument]:
    """The documents of ``ids``; another project's TEI only if tei_all accepts it (else an
    error in ``report`` and the document left out)."""
    foreign = [
        project.tei_dir / f"{doc_id}.xml"
        for doc_id in ids
        if project.transcript_for(project.tei_dir / f"{doc_id}.xml") is None
    ]
    problems = check_tei_all(foreign)  # a warning each if jing is missing
    report.diagnostics.extend(problems)
    refused = {d.location.path for d in problems if d.severity == "error"}
    loaded = []
    for doc_id in ids:
        path = project.tei_dir / f"{doc_id}.xml"
        if path in foreign:
            try:
                if str(path) in refused:
                    raise EditionError(Location(str(path)), "it is not valid against tei_all")
                loaded.append(load_document(project, doc_id))
            except EditionError as exc:
                report.diagnostics.append(
                    Diagnostic(exc.location, f"not exported: {exc.message}", "error", "E-EXPORT")
                )
            continue
        loaded.append(load_document(project, doc_id))
    return loaded


def export_project(
    project: Project, documents: Sequence[str] = (), options: ExportOptions | None = None
) -> ExportReport:
    """Export every document of ``project`` (or the named ones) and the corpus."""
    options = options or ExportOptions()
    options = ExportOptions(
        check_base_url(options.base_url), options.title, options.dist_dir, options.corpus_file
    )
    dist = options.dist_dir or project.dist_dir
    corpus_file = options.corpus_file or dist / "corpus.xml"
    # The registries are the authority the standOff copies come from: refuse a malformed
    # identifier there (file:line) even if no master has been rebuilt since it was added.
    if project.authority_dir.is_dir():  # a project may have no registries (nothing tagged)
        load_registry(project.authority_dir)
    ids = document_ids(project, tuple(documents))
    if CORPUS_DIR in ids:
        raise EditionError(
            Location(str(project.source_dir / f"{CORPUS_DIR}.md")),
            f"a document may not be named '{CORPUS_DIR}': dist/data/{CORPUS_DIR}/ and "
            f"tei/{CORPUS_DIR}.xml hold the whole edition",
        )
    if not ids:
        raise EditionError(
            Location(str(project.source_dir)), "no transcripts (*.md) or TEI documents to export"
        )
    report = ExportReport()
    loaded = _load_documents(project, ids, report)
    if not loaded:
        raise EditionError(Location(str(project.tei_dir)), "no document left to export")
    out = _Outputs()
    for doc in loaded:
        _export_document(doc, options, dist, out, report)
    _export_corpus(loaded, options, dist, out, report)
    title = options.title or edition_title(loaded)
    corpus = build_corpus(loaded, title, str(corpus_file))
    report.diagnostics.extend(corpus.unresolved)
    out.add(corpus_file, corpus.xml)
    out.add(dist / "CITATION.cff", citation_cff(loaded, title))
    report.figures[CORPUS_DIR]["corpus xml:ids"] = corpus.ids
    out.add(dist / "data" / "README.md", DATA_README.encode("utf-8"))
    out.write(report)
    return report
