"""Reproducible builds: the same inputs give byte-identical outputs, whatever the machine.

The project (transcripts and registries, schema, stylesheets and the ``pipeline`` package
itself, so that stylesheet and schema paths resolve inside the copy) is copied into two
different directories. Each is built and deposited in its own Python process, one after
the other, under different conditions:

    first:  TZ=UTC, PYTHONHASHSEED=1, umask 022, no SOURCE_DATE_EPOCH
    second: TZ=Pacific/Kiritimati (UTC+14), PYTHONHASHSEED=2, umask 027,
            SOURCE_DATE_EPOCH=86400 (the .toml's build date must win), every input file
            touched two days into the future

Every output (TEI master, index.html, text, print.html, PDF, every file of the deposit bag
and the tar) must be byte-identical, and none may contain an absolute path of either
directory (PDF streams are decompressed before searching).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = "tactics-and-tasks"
pytestmark = pytest.mark.slow

#: Run in each copy: build every document with every format, then deposit it.
BUILD_SCRIPT = r"""
import sys
from pathlib import Path

import pipeline
root = Path.cwd()
if not Path(pipeline.__file__).resolve().is_relative_to(root.resolve()):
    sys.exit(f"pipeline imported from {pipeline.__file__}, not from the copy {root}")
from pipeline.build import build_document
from pipeline.deposit.bag import deposit_document
from pipeline.project import Project

project = Project(root)
for transcript in project.transcripts():
    report = build_document(project, transcript)
    if not report.ok:
        sys.exit(
            f"build of {transcript.stem} failed: {report.error} "
            f"{[str(d) for d in report.diagnostics]}"
        )
    deposited = deposit_document(project, transcript.stem)
    if not deposited.ok:
        sys.exit(f"deposit of {transcript.stem} failed: {[str(d) for d in deposited.diagnostics]}")
"""


def _copy_project(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
    (target / "tei").mkdir(parents=True)
    shutil.copytree(ROOT / "tei" / "source", target / "tei" / "source", ignore=ignore)
    shutil.copytree(ROOT / "tei" / "authority", target / "tei" / "authority", ignore=ignore)
    for name in ("schema", "xslt", "pipeline"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)


def _build(root: Path, env: dict[str, str], umask: int) -> None:
    result = subprocess.run(
        [sys.executable, "-c", BUILD_SCRIPT],
        check=False,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        preexec_fn=lambda: os.umask(umask),
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _environment(root: Path, **changes: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH", "TZ", "PYTHONHASHSEED")
    }
    env.update(PYTHONPATH=str(root), LC_ALL="C.UTF-8", **changes)
    return env


def _outputs(root: Path) -> dict[str, bytes]:
    files = [root / "tei" / f"{DOC}.xml", *(p for p in (root / "dist").rglob("*") if p.is_file())]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def _difference(name: str, a: bytes, b: bytes) -> str:
    """Where two outputs first differ, with the bytes around it, for the failure message."""
    # a and b may differ in length: zip stops at the shorter, the default below covers the rest
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return (
        f"{name}: {len(a)} vs {len(b)} bytes, first difference at byte {at}:\n"
        f"  first:  {a[max(0, at - 60) : at + 60]!r}\n  second: {b[max(0, at - 60) : at + 60]!r}"
    )


def _searchable(name: str, data: bytes) -> list[bytes]:
    """The bytes to search for paths: the file, and every decoded stream of a PDF."""
    if not name.endswith(".pdf"):
        return [data]
    import io

    import pikepdf

    parts = [data]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes())
                except pikepdf.PdfError:
                    parts.append(obj.read_raw_bytes())
    return parts


def test_two_builds_in_different_places_and_conditions_are_byte_identical(tmp_path: Path) -> None:
    first = tmp_path / "first" / "project"
    second = tmp_path / "second-build" / "elsewhere"
    _copy_project(first)
    shutil.copytree(first, second)  # one snapshot: colleagues' edits cannot slip in between

    _build(first, _environment(first, TZ="UTC", PYTHONHASHSEED="1"), 0o022)

    later = time.time() + 2 * 86400
    for path in second.rglob("*"):
        os.utime(path, (later, later))
    _build(
        second,
        _environment(
            second, TZ="Pacific/Kiritimati", PYTHONHASHSEED="2", SOURCE_DATE_EPOCH="86400"
        ),
        0o027,
    )

    a, b = _outputs(first), _outputs(second)
    expected = {
        f"tei/{DOC}.xml",
        f"dist/{DOC}/index.html",
        f"dist/{DOC}/{DOC}.txt",
        f"dist/{DOC}/print.html",
        f"dist/{DOC}/{DOC}.pdf",
        f"dist/deposit/{DOC}.tar",
        f"dist/deposit/{DOC}/bag-info.txt",
        f"dist/deposit/{DOC}/manifest-sha512.txt",
        f"dist/deposit/{DOC}/data/dist/{DOC}.pdf",
    }
    assert expected <= set(a), sorted(expected - set(a))
    assert sorted(a) == sorted(b)
    differences = [_difference(name, a[name], b[name]) for name in sorted(a) if a[name] != b[name]]
    assert not differences, "\n".join(differences)

    needles = {
        str(p).encode() for p in (first, second, tmp_path, ROOT, first.resolve(), second.resolve())
    }
    leaks = [
        f"{name} ({root_name}) contains {needle.decode()}"
        for root_name, outputs in (("first", a), ("second", b))
        for name, data in outputs.items()
        for part in _searchable(name, data)
        for needle in needles
        if needle in part
    ]
    assert not leaks, "\n".join(leaks)
