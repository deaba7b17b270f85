"""Before depositing: is what the project holds one consistent, valid edition?

A deposit must describe how its files were made, so it refuses a project whose files
disagree with each other:

* the TEI master is what converting the transcript gives now (not stale after an edit);
* the master is valid (schema, integrity rules, text conservation); TEI from another
  project, which has no transcript, is valid against tei_all, as the build requires to
  publish it (with jing: without it, the deposit is refused);
* index.html and <doc>.txt are what the build's rendering makes from the master now;
* the PDF carries the master as its attachment.

Each check reports :class:`~pipeline.errors.Diagnostic` values; the caller refuses the
deposit on any error.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import Diagnostic, EditionError, Location

#: The formats rendered again to compare (the build renders print.html only with the PDF).
RERENDERED = ("html", "text")

STALE_HINT = "run `edition build` before `edition deposit`"


def _error(path: Path, message: str, code: str) -> Diagnostic:
    return Diagnostic(Location(str(path)), message, "error", code)


def check_master(transcript: Path, master: Path) -> list[Diagnostic]:
    """The master equals a fresh conversion of the transcript, and it is valid."""
    from ..build import validate_master
    from ..convert import convert_file

    tei = master.read_bytes()
    try:
        result = convert_file(transcript)
    except EditionError as exc:
        return [Diagnostic(exc.location, exc.message, "error", "E-DEPOSIT-SOURCE")]
    if result.tei != tei:
        return [
            _error(
                master,
                f"out of date: converting {transcript.name} now gives a different master; "
                f"{STALE_HINT}",
                "E-DEPOSIT-STALE",
            )
        ]
    try:
        return [d for d in validate_master(result, master) if d.severity == "error"]
    except EditionError as exc:
        return [Diagnostic(exc.location, exc.message, "error", "E-DEPOSIT-INVALID")]


def check_foreign_master(master: Path) -> list[Diagnostic]:
    """TEI from another project: safe, well-formed XML, and valid against tei_all (an error
    too when jing or tei_all.rng is missing: the deposit vouches for what it holds)."""
    from ..validate.teiall import check_tei_all
    from ..xmlsafe import parse_file

    try:
        parse_file(master)
    except EditionError as exc:
        return [Diagnostic(exc.location, exc.message, "error", "E-DEPOSIT-INVALID")]
    return [d for d in check_tei_all([master], required=True) if d.severity == "error"]


def check_outputs(
    tei: bytes, doc_id: str, outputs: dict[str, Path], build_date: str | None = None
) -> list[Diagnostic]:
    """The existing HTML and text outputs are what the build's own rendering makes from
    ``tei`` now (rendered again into a temporary directory, with the ``build_date`` the
    build gave, default the header's); the PDF carries ``tei``.

    print.html is rendered by the build only together with the PDF, whose typesetting is
    too slow to repeat here: it is checked through the PDF's attachment only."""
    from ..render.outputs import render_all

    problems = []
    present = tuple(fmt for fmt in RERENDERED if outputs[fmt].is_file())
    with tempfile.TemporaryDirectory(prefix="edition-fresh-") as tmp:
        render_all(tei, doc_id, Path(tmp), present, build_date=build_date)
        for fmt in present:
            path = outputs[fmt]
            if (Path(tmp) / path.name).read_bytes() != path.read_bytes():
                problems.append(
                    _error(
                        path,
                        "out of date: the stylesheets make different output from the master now; "
                        f"{STALE_HINT}",
                        "E-DEPOSIT-STALE",
                    )
                )
    if outputs["pdf"].is_file():
        problems.extend(_check_pdf(tei, outputs["pdf"]))
    return problems


def _check_pdf(tei: bytes, pdf_path: Path) -> list[Diagnostic]:
    """The PDF's attached TEI is the master (WeasyPrint's typesetting is too slow to
    repeat here; the attachment shows which master the PDF was made from)."""
    import pikepdf

    name = pdf_path.name.removesuffix(".pdf") + ".xml"
    try:
        with pikepdf.open(pdf_path) as pdf:
            attachment = pdf.attachments.get(name)
            attached = attachment.get_file().read_bytes() if attachment is not None else None
    except pikepdf.PdfError as exc:
        return [_error(pdf_path, f"not a readable PDF: {exc}", "E-DEPOSIT-PDF")]
    if attached is None:
        return [
            _error(
                pdf_path, f"has no attached TEI master ({name}); {STALE_HINT}", "E-DEPOSIT-STALE"
            )
        ]
    if attached != tei:
        return [
            _error(
                pdf_path,
                f"out of date: its attached {name} is not the current master; {STALE_HINT}",
                "E-DEPOSIT-STALE",
            )
        ]
    return []
