"""The ``edition export`` command (a click command; ``pipeline/cli.py`` registers it with
``main.add_command(export_command)``).

Exit status: 0 success; 1 bad input (one line ``path:line:col: message`` on stderr, never
a traceback); 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import EditionError
from ..options import ROOT_OPTION
from ..project import Project
from .links import check_base_url


def _base_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A malformed --base-url is a usage error (exit 2), like any bad option value."""
    try:
        return check_base_url(value)
    except EditionError as exc:
        raise click.BadParameter(exc.message) from None


@click.command("export")
@ROOT_OPTION
@click.option(
    "--base-url",
    default=None,
    callback=_base_url,
    help="Absolute IRI where dist/ is published (ending in '/'), or a URN prefix such as "
    "'urn:x-edition:'. Default: links relative to each data file.",
)
@click.option(
    "--title",
    default=None,
    help="Title of the edition (CITATION.cff, corpus header). Default: the documents' titles.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output directory in place of <root>/dist (data/ and CITATION.cff go there).",
)
@click.option(
    "--corpus-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the teiCorpus. Default: <root>/dist/corpus.xml.",
)
@click.argument("documents", nargs=-1)
def export_command(
    root: Path,
    base_url: str | None,
    title: str | None,
    output: Path | None,
    corpus_file: Path | None,
    documents: tuple[str, ...],
) -> None:
    """Export the edition for interchange: registers as JSON-LD and CSV, every tagged name
    as a W3C Web Annotation, citation files (CSL-JSON, BibTeX, CITATION.cff) and the whole
    edition as one teiCorpus.

    DOCUMENTS are names under tei/source/ or of TEI documents in tei/ that came without a
    transcript (default: all); their masters tei/<doc>.xml must have been built. A TEI
    document from another project is exported only if it is valid against tei_all (else it
    is reported, left out, and the exit status is 1). Writes dist/data/<doc>/,
    dist/data/corpus/, dist/CITATION.cff and dist/corpus.xml, and prints the figures of
    each document.
    """
    from .run import ExportOptions, export_project  # the exporters' libraries load only now

    project = Project(root)
    options = ExportOptions(
        base_url=base_url, title=title, dist_dir=output, corpus_file=corpus_file
    )
    try:
        report = export_project(project, documents, options)
    except EditionError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for diagnostic in report.diagnostics:
        click.echo(str(diagnostic), err=True)
    for name, figures in report.figures.items():
        click.echo(f"{name}: " + ", ".join(f"{value} {label}" for label, value in figures.items()))
    click.echo(f"wrote {len(report.written)} file(s), {len(report.unchanged)} unchanged")
    if not report.ok:
        sys.exit(1)
