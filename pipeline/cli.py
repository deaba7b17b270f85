"""The ``edition`` command: build, convert, validate, render, deposit, entities, export.

Exit status: 0 success; 1 invalid input or a failed check; 2 usage error (click's own).
Every error a user can cause is one line ``path:line:col: message`` on stderr, never a
traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from . import __version__
from .conventions.dates import is_full_date
from .deposit.command import deposit
from .errors import Diagnostic, EditionError
from .export import export_command
from .options import ROOT_OPTION

if TYPE_CHECKING:
    from .build import DocumentReport
from .project import Project


def fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


def show(diagnostics: Iterable[Diagnostic], verbose: bool = False) -> None:
    """Diagnostics on stderr: warnings of one kind on one line with their count (every one
    of them with ``verbose``), each error on its own."""
    from .validate.report import grouped

    for line in (str(d) for d in diagnostics) if verbose else grouped(diagnostics):
        click.echo(line, err=True)


VERBOSE_OPTION = click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Show every warning on its own line (by default, warnings of one kind are counted on "
    "one).",
)


class EditionGroup(click.Group):
    """Every command's EditionError ends as its one-line message and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except EditionError as exc:
            fail(str(exc))


@click.group(cls=EditionGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edition")
def main() -> None:
    """TEI edition pipeline: turn transcripts into a validated TEI P5 edition and publish it.

    \b
    Typical use, from the project root:
      edition build              convert, validate and render every document
      edition validate tei/*.xml check TEI files against the schema and rules
    """


@main.command()
@ROOT_OPTION
@click.option(
    "--formats",
    default="html,text,pdf,epub",
    show_default=True,
    help="Comma-separated outputs to render: html, text, pdf, epub.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: all cores).",
)
@click.option(
    "--force", is_flag=True, help="Rebuild every document, even those that are up to date."
)
@VERBOSE_OPTION
@click.argument("documents", nargs=-1)
def build(
    root: Path,
    formats: str,
    jobs: int | None,
    force: bool,
    verbose: bool,
    documents: tuple[str, ...],
) -> None:
    """Convert, validate and render every transcript under tei/source/, and publish every
    TEI document in tei/ that came without a transcript (another project's: checked against
    tei_all, then rendered); or only DOCUMENTS, given by name, e.g. tactics-and-tasks.

    Writes tei/<doc>.xml and dist/<doc>/ (index.html, <doc>.txt, print.html, <doc>.pdf,
    <doc>.epub), then the corpus site: dist/index.html with its search index. (`edition
    export` adds the linked data, citation files and teiCorpus.) Prints one summary line per
    document. Documents whose transcript, configuration,
    registries, schema, stylesheets and pipeline are unchanged since their last successful
    build are skipped (--force rebuilds them). A failing document is reported and the others
    are still built; the exit status is then 1.
    """
    import os

    from .build import FORMATS, build_corpus

    chosen = _formats(formats, FORMATS)
    project = Project(root)
    try:
        transcripts = project.select(documents, foreign=True)
    except EditionError as exc:
        fail(str(exc))
    workers = jobs or os.cpu_count() or 1
    with click.progressbar(
        length=len(transcripts), label=f"Building ({workers} jobs)", file=sys.stderr
    ) as bar:
        try:
            report = build_corpus(
                project,
                transcripts,
                chosen,
                workers,
                incremental=not force,
                on_done=lambda _: bar.update(1),
            )
        except EditionError as exc:  # the site could not be made
            fail(str(exc))
    _report_documents(report.documents, root, verbose)
    if report.site is not None:
        click.echo(f"site: wrote dist/index.html and the search index ({len(report.site)} files)")
    if report.failures:
        click.echo(f"{report.failures} of {len(report.documents)} document(s) failed", err=True)
        sys.exit(1)


def _report_documents(reports: list[DocumentReport], root: Path, verbose: bool = False) -> None:
    """One summary line per document (after its diagnostics)."""
    for report in reports:
        show(report.diagnostics, verbose)
        if report.error:
            click.echo(report.error, err=True)
        if report.skipped:
            click.echo(f"{report.doc_id}: up to date")
            continue
        written = ", ".join(_relative(p, root) for p in report.written)
        status = "ok" if report.ok else "FAILED"
        click.echo(
            f"{report.doc_id}: {status}; wrote {written or 'nothing'}; "
            f"{len(report.warnings)} warning(s)"
        )


def _formats(formats: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in allowed]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(allowed)}",
            param_hint="--formats",
        )
    return chosen


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Output file (one source) or directory (default: the tei/ directory above tei/source/, "
    "else beside the source).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="The .toml (default: beside the source, same name).",
)
@VERBOSE_OPTION
def convert(
    sources: tuple[Path, ...], output: Path | None, config_path: Path | None, verbose: bool
) -> None:
    """Convert markdown transcripts (with their .toml) into TEI masters."""
    from .build import validate_master
    from .convert import convert_file
    from .files import write_atomically

    if config_path is not None and len(sources) > 1:
        raise click.UsageError("--config applies to one source at a time")
    failed = False
    for source in sources:
        try:
            result = convert_file(source, config_path)
        except EditionError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        target = _convert_target(source, output, len(sources))
        # validated before it is written: what the converter writes is a valid master
        problems = validate_master(result, target)
        show([*result.diagnostics, *problems], verbose)
        if any(p.severity == "error" for p in problems):
            click.echo(f"{target}: not written: the converted TEI does not validate", err=True)
            failed = True
            continue
        write_atomically(target, result.tei)
        stats = ", ".join(f"{k} {v}" for k, v in result.document.stats.items())
        click.echo(f"{source} -> {target} ({stats})")
    if failed:
        sys.exit(1)


def _convert_target(source: Path, output: Path | None, count: int) -> Path:
    if output is not None:
        if count == 1 and output.suffix == ".xml":
            return output
        return output / f"{source.stem}.xml"
    parent = source.parent
    directory = parent.parent if parent.name == "source" else parent
    return directory / f"{source.stem}.xml"


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format; json gives a list of {path, line, col, severity, code, message}.",
)
@click.option(
    "--source",
    type=click.Path(path_type=Path),
    help="Transcript to check text conservation against (default: tei/source/<name>.md when it "
    "exists).",
)
@ROOT_OPTION
@VERBOSE_OPTION
def validate(
    files: tuple[Path, ...], fmt: str, source: Path | None, root: Path, verbose: bool
) -> None:
    """Validate TEI files: the project schema, the integrity rules, and text conservation.

    Prints OK or one line per problem (path:line:col: message [CODE]); warnings are shown but
    do not fail. Exits 1 if any file has an error.
    """
    from .validate import to_records, validate_file

    project = Project(root)
    all_problems: list[Diagnostic] = []
    for path in files:
        transcript = source or project.transcript_for(path)
        problems = validate_file(path, source=transcript)
        all_problems.extend(problems)
        if fmt == "text":
            errors = [p for p in problems if p.severity == "error"]
            show(problems, verbose)
            click.echo(f"{path}: {'OK' if not errors else f'{len(errors)} error(s)'}")
    if fmt == "json":
        click.echo(json.dumps(to_records(all_problems), indent=2, ensure_ascii=False))
    if any(p.severity == "error" for p in all_problems):
        sys.exit(1)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not is_full_date(value):
        raise click.BadParameter(f"{value!r} is not a date as YYYY-MM-DD")
    return value


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--formats",
    default="html,text,pdf,epub",
    show_default=True,
    help="Comma-separated outputs: html, text, pdf, epub.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Directory; each document goes to <output>/<name>/.",
)
@click.option(
    "--build-date",
    callback=_iso_date,
    metavar="YYYY-MM-DD",
    help="The date the outputs give as theirs (default: the TEI header's "
    "publicationStmt/date/@when; the EPUB needs one).",
)
@VERBOSE_OPTION
def render(
    files: tuple[Path, ...], formats: str, output: Path, build_date: str | None, verbose: bool
) -> None:
    """Render TEI files (ours or any valid TEI) to HTML, plain text, PDF and EPUB."""
    from .build import FORMATS
    from .render.messages import grouped_warnings
    from .render.outputs import render_all

    chosen = _formats(formats, FORMATS)
    failed = False
    for path in files:
        try:
            from .xinclude import load

            # hostile, malformed or TEI P4 input is refused before any stylesheet runs
            tei, included = load(path)
            written, warnings = render_all(
                tei,
                path.stem,
                output / path.stem,
                chosen,
                build_date=build_date,
                source_name=str(path),
            )
        except EditionError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        for warning in [*included, *(warnings if verbose else grouped_warnings(warnings))]:
            click.echo(f"{path}: warning: {warning}", err=True)
        click.echo(f"{path} -> {', '.join(str(p) for p in written)}")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("documents", nargs=-1)
@ROOT_OPTION
def entities(documents: tuple[str, ...], root: Path) -> None:
    """List capitalised name candidates that no registry entry covers, one per line as
    path:line: name, so an editor can extend tei/authority/. DOCUMENTS are names under
    tei/source/ (default: all)."""
    from .convert import read_document
    from .convert.entities import unregistered_names
    from .entities import load_registry

    project = Project(root)
    try:
        registry = load_registry(project.authority_dir)
        for transcript in project.select(documents):
            names = unregistered_names(read_document(transcript, until="repair"), registry)
            for line, name in names:
                click.echo(f"{transcript}:{line}: {name}")
            click.echo(f"{transcript}: {len(names)} name(s) not in the registries", err=True)
    except EditionError as exc:
        fail(str(exc))


# Commands defined in their own packages (cheap to import: heavy imports happen when they run).
main.add_command(deposit)
main.add_command(export_command)


if __name__ == "__main__":  # pragma: no cover
    main()
