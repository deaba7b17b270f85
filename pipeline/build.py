"""Documents through every stage: convert -> validate -> render.

``build_document`` is a pure function of the project files, so ``build_corpus`` can run
many in parallel worker processes and skip those whose inputs have not changed. Each
stage's problems are collected, never printed here: the caller decides how to show them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .convert import ConversionResult, convert_file
from .errors import Diagnostic, EditionError, Location
from .files import write_if_changed
from .project import Project
from .xmlsafe import parse_bytes

FORMATS = ("html", "text", "pdf", "epub")


@dataclass
class DocumentReport:
    """What building one document did."""

    doc_id: str
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str = ""  # the EditionError that stopped the build of this document
    stats: dict[str, int] = field(default_factory=dict)
    skipped: bool = False  # up to date: nothing was rebuilt

    @property
    def ok(self) -> bool:
        return not self.error and not any(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def validate_master(result: ConversionResult, tei_path: Path) -> list[Diagnostic]:
    """Schema, integrity rules and text conservation of a master just converted: the
    conservation check uses the converter's own reading of the transcript."""
    from .validate import validate_tree

    tree = parse_bytes(result.tei, tei_path)
    return validate_tree(
        tree,
        str(tei_path),
        text=result.tei,
        source=result.document.source,
        converted=result.document,
    )


def build_document(
    project: Project, transcript: Path, formats: tuple[str, ...] = FORMATS
) -> DocumentReport:
    report = DocumentReport(transcript.stem)
    try:
        result: ConversionResult = convert_file(transcript)
        report.diagnostics.extend(result.diagnostics)
        report.stats = dict(result.document.stats)
        master = project.master_for(transcript)
        # validated before it is written: a master on disk is always a valid one
        problems = validate_master(result, master)
        report.diagnostics.extend(problems)
        if any(p.severity == "error" for p in problems):
            report.error = f"{master}: not written: the converted TEI does not validate"
            return report
        write_if_changed(master, result.tei)
        report.written.append(master)
        _publish(
            report,
            result.tei,
            transcript.stem,
            master,
            project,
            formats,
            result.document.config.build_date,
        )
    except EditionError as exc:
        report.error = str(exc)
    return report


def _publish(
    report: DocumentReport,
    tei: bytes,
    doc_id: str,
    master: Path,
    project: Project,
    formats: tuple[str, ...],
    build_date: str,
) -> None:
    """Render a valid master into dist/<doc>/ and write its site record."""
    from .render.outputs import render_all
    from .render.xslt import prepare
    from .site import write_site_record

    out_dir = project.output_dir(doc_id)
    document = prepare(tei, str(master))  # parsed by Saxon once, for every output
    files, warnings = render_all(
        tei,
        doc_id,
        out_dir,
        formats,
        build_date=build_date,
        source_name=str(master),
        document=document,
    )
    report.written.extend(files)
    report.diagnostics.extend(
        Diagnostic(Location(str(master)), w, "warning", "W-RENDER") for w in warnings
    )
    # the corpus site's record of this document, made while its TEI is in hand
    record, record_warnings = write_site_record(
        tei, doc_id, out_dir, source_name=str(master), document=document
    )
    report.written.append(record)
    report.diagnostics.extend(
        Diagnostic(Location(str(master)), f"site: {w}", "warning", "W-RENDER")
        for w in record_warnings
    )


def build_foreign_document(
    project: Project, master: Path, formats: tuple[str, ...] = FORMATS
) -> DocumentReport:
    """Publish a TEI document that came without a transcript (another project's): checked
    against the official tei_all (not this project's customisation, which describes the
    converter's output), then rendered like a master. The build date is the one a
    transcript without configuration gets (SOURCE_DATE_EPOCH, else git, else the file)."""
    from . import xinclude
    from .config import build_date_for
    from .validate.teiall import check_tei_all

    report = DocumentReport(master.stem)
    try:
        # hostile or broken XML and TEI P4 are refused here, with their position
        tei, included = xinclude.load(master)
        report.diagnostics.extend(
            Diagnostic(Location(str(master)), w, "warning", "W-XINCLUDE") for w in included
        )
        problems = check_tei_all([master])  # a warning if jing is missing
        report.diagnostics.extend(problems)
        if any(p.severity == "error" for p in problems):
            report.error = f"{master}: not published: it is not valid against tei_all"
            return report
        build_date, _ = build_date_for(master)
        _publish(report, tei, master.stem, master, project, formats, build_date)
    except EditionError as exc:
        report.error = str(exc)
    return report


def _build_in_worker(root: str, transcript: str, formats: tuple[str, ...]) -> DocumentReport:
    """Worker entry point: a failure of one document never takes the others down."""
    path = Path(transcript)
    try:
        if path.suffix == ".xml":  # another project's TEI, without a transcript
            return build_foreign_document(Project(Path(root)), path, formats)
        return build_document(Project(Path(root)), path, formats)
    except Exception as exc:
        report = DocumentReport(path.stem)
        report.error = f"{path}: internal error: {type(exc).__name__}: {exc}"
        return report


@dataclass
class CorpusReport:
    """What building a corpus did: each document's report (in input order) and the files
    of the corpus site, None when the site was not rebuilt (nothing changed, or no HTML)."""

    documents: list[DocumentReport]
    site: list[Path] | None = None

    @property
    def failures(self) -> int:
        return sum(not r.ok for r in self.documents)


def build_corpus(
    project: Project,
    transcripts: list[Path],
    formats: tuple[str, ...] = FORMATS,
    jobs: int = 1,
    incremental: bool = True,
    on_done: Callable[[DocumentReport], None] | None = None,
) -> CorpusReport:
    """The whole build: every document (in ``jobs`` worker processes, skipping up-to-date
    ones), then the corpus site (dist/index.html and its search index) when a document was
    rebuilt or the site is missing.

    Workers are separate processes, each compiling the stylesheets, loading the schema and the
    registries once for all the documents it builds. A TEI document from another project
    that this build did not publish (tei_all refused it) is left off the site.
    """
    documents = _build_documents(project, transcripts, formats, jobs, incremental, on_done)
    site = None
    rebuilt = any(not r.skipped for r in documents)
    if "html" in formats and (rebuilt or not (project.dist_dir / "index.html").is_file()):
        from .site import build_site

        # another project's TEI that tei_all refused is in tei/ but not published
        refused = {
            report.doc_id
            for path, report in zip(transcripts, documents, strict=True)
            if path.suffix == ".xml" and not report.ok
        }
        site = build_site(project.root, project.dist_dir, leave_out=refused)
    return CorpusReport(documents, site)


def _build_documents(
    project: Project,
    transcripts: list[Path],
    formats: tuple[str, ...],
    jobs: int,
    incremental: bool,
    on_done: Callable[[DocumentReport], None] | None,
) -> list[DocumentReport]:
    """Each document's report, in input order."""
    from .cache import BuildCache, document_key, environment_digest

    cache = BuildCache(project)
    environment = environment_digest(project) if incremental else ""
    keys = {t: document_key(t, environment, formats) for t in transcripts} if incremental else {}
    reports: dict[Path, DocumentReport] = {}
    todo: list[Path] = []
    for transcript in transcripts:
        if incremental and cache.is_fresh(transcript.stem, keys[transcript]):
            report = DocumentReport(transcript.stem, skipped=True)
            reports[transcript] = report
            if on_done:
                on_done(report)
        else:
            todo.append(transcript)

    def finish(transcript: Path, report: DocumentReport) -> None:
        reports[transcript] = report
        if incremental:
            if report.ok:
                cache.record(transcript.stem, keys[transcript], report.written)
            else:
                cache.forget(transcript.stem)
        if on_done:
            on_done(report)

    if jobs <= 1 or len(todo) <= 1:
        for transcript in todo:
            finish(transcript, _build_in_worker(str(project.root), str(transcript), formats))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        # Workers start from a clean server process, never forked from this one: a process
        # that has already started Saxon (a test run, a notebook, a second build) cannot be
        # forked safely. The server preloads the pipeline so each worker starts warm.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            context.set_forkserver_preload(["pipeline.build"])
        from concurrent.futures.process import BrokenProcessPool

        unfinished: list[Path] = []
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context) as pool:
            futures = {
                pool.submit(_build_in_worker, str(project.root), str(t), formats): t for t in todo
            }
            for future in as_completed(futures):
                try:
                    finish(futures[future], future.result())
                except BrokenProcessPool:  # a worker was killed (out of memory, a signal)
                    unfinished.append(futures[future])
        # what the broken pool did not build is built here, one document at a time
        for transcript in sorted(unfinished, key=todo.index):
            finish(transcript, _build_in_worker(str(project.root), str(transcript), formats))
    return [reports[t] for t in transcripts]
