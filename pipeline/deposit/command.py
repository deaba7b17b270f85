"""The ``edition deposit`` command (registered in pipeline/cli.py with ``main.add_command``).

Exit status: 0 success (``OK`` for --verify); 1 a deposit refused or a bag that does not
verify; 2 usage error (click's own: unknown option, --verify PATH that does not exist,
documents given together with --verify).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import EditionError
from ..options import ROOT_OPTION
from ..project import Project


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


@click.command("deposit")
@ROOT_OPTION
@click.option(
    "--verify",
    "verify_target",
    type=click.Path(exists=True, path_type=Path),
    help="Verify a deposit (a bag directory or its .tar) instead of making one.",
)
@click.option(
    "--allow-missing-outputs",
    is_flag=True,
    help="Deposit even when a publication format (e.g. the PDF) has not been built; "
    "not for archiving.",
)
@click.argument("documents", nargs=-1)
def deposit(
    root: Path, verify_target: Path | None, allow_missing_outputs: bool, documents: tuple[str, ...]
) -> None:
    """Package each document (default: all under tei/source/ and every TEI document in tei/
    that came without a transcript, or only DOCUMENTS) as a BagIt bag for archiving:
    dist/deposit/<doc>/ and the byte-reproducible dist/deposit/<doc>.tar.

    The bag holds the transcript and its .toml, the TEI master and the registries, the
    schema, the stylesheets, the publication formats and a README; bag-info.txt comes from
    the teiHeader. The bag of TEI from another project holds that TEI as it came, the
    tei_all schema it is valid against (checked with jing), the stylesheets, its
    publication formats and a README. Run `edition build` first: stale or missing outputs
    are refused.

    With --verify PATH, check a bag or .tar instead: manifests, Payload-Oxum, completeness,
    then the TEI inside against the schema inside (tei_all, with jing, for TEI from another
    project). Prints one line per problem, or OK.
    """
    if verify_target is not None:
        if documents or allow_missing_outputs:
            raise click.UsageError("--verify takes no documents and no --allow-missing-outputs")
        _verify(verify_target)
        return
    from .bag import deposit_document

    project = Project(root)
    try:
        # the transcripts' documents and the TEI documents that came without one
        known = sorted(
            [t.stem for t in project.transcripts()] + [m.stem for m in project.foreign_masters()]
        )
    except EditionError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    missing = [d for d in documents if d not in known]
    if missing:
        click.echo(f"{project.source_dir}: no transcript named {', '.join(missing)}", err=True)
        sys.exit(1)
    chosen = list(documents) or known
    if not chosen:
        click.echo(
            f"{project.source_dir}: no transcripts (*.md) or TEI documents to deposit", err=True
        )
        sys.exit(1)
    failures = 0
    for doc_id in chosen:
        report = deposit_document(project, doc_id, allow_missing_outputs=allow_missing_outputs)
        for diagnostic in report.diagnostics:
            click.echo(str(diagnostic), err=True)
        if report.ok and report.bag_dir is not None and report.archive is not None:
            click.echo(
                f"{doc_id}: deposited {_shown(report.bag_dir, root)}/ ({report.payload_files} "
                f"payload files, {report.bag_bytes:,} bytes) and {_shown(report.archive, root)} "
                f"(sha256 {report.archive_sha256})"
            )
        else:
            click.echo(f"{doc_id}: deposit REFUSED", err=True)
            failures += 1
    if failures:
        sys.exit(1)


def _verify(target: Path) -> None:
    from .verify import verify_path

    report = verify_path(target)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    if not report.ok:
        sys.exit(1)
    click.echo("OK")
