"""One document through every stage: convert -> validate -> render.

``build_document`` is a pure function of the project files, so the CLI can run many in
parallel worker processes. Each stage's problems are collected, never printed here: the
caller decides how to show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .convert import ConversionResult, convert_file
from .files import write_if_changed
from .errors import Diagnostic, EditionError, Location
from .project import Project
from .xmlsafe import parse_bytes

FORMATS = ("html", "text", "pdf")


@dataclass
class DocumentReport:
    """What building one document did."""

    doc_id: str
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str = ""  # the EditionError that stopped the build of this document
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error and not any(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def validate_master(tei: bytes, tei_path: Path, source: Path | None) -> list[Diagnostic]:
    """Schema, integrity rules and (with the transcript) text conservation."""
    from .validate import validate_tree
    from .validate.conservation import check_conservation

    tree = parse_bytes(tei, tei_path)
    problems = list(validate_tree(tree, str(tei_path)))
    if source is not None:
        problems.extend(check_conservation(tree, str(tei_path), source))
    return problems


def render_outputs(tei: bytes, doc_id: str, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> tuple[list[Path], list[str]]:
    """Write the publication formats of one TEI master; returns (files, stylesheet warnings)."""
    from .render.outputs import render_all

    return render_all(tei, doc_id, out_dir, formats)


def build_document(project: Project, transcript: Path, formats: tuple[str, ...] = FORMATS) -> DocumentReport:
    report = DocumentReport(transcript.stem)
    try:
        result: ConversionResult = convert_file(transcript)
        report.diagnostics.extend(result.diagnostics)
        report.stats = dict(result.document.stats)
        master = project.master_for(transcript)
        write_if_changed(master, result.tei)
        report.written.append(master)
        problems = validate_master(result.tei, master, transcript)
        report.diagnostics.extend(problems)
        if any(p.severity == "error" for p in problems):
            return report
        files, warnings = render_outputs(result.tei, transcript.stem, project.output_dir(transcript.stem), formats)
        report.written.extend(files)
        report.diagnostics.extend(Diagnostic(Location(str(master)), w, "warning", "W-RENDER") for w in warnings)
    except EditionError as exc:
        report.error = str(exc)
    return report

