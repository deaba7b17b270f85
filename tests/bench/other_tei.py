"""Other projects' TEI through ``edition render``: what happens, how long, how big, what is lost.

Run on demand from the project root (it is not a test; it never fails, it reports)::

    .venv/bin/python tests/bench/other_tei.py                     # every fixture
    .venv/bin/python tests/bench/other_tei.py tests/fixtures/other-tei/eltec-eng-carroll-alice.xml
    .venv/bin/python tests/bench/other_tei.py --formats html,text --timeout 120

The fixtures are ``tests/fixtures/other-tei/*.xml`` (top level only: ``hu-hm_2177/`` holds
the page surfaces the Shelley-Godwin file XIncludes; see ``SOURCES.md`` there).

For each file and each format (html, text, pdf, epub) the script runs, in a child process
of its own and in a temporary directory::

    python -m pipeline.cli render --formats FORMAT -o TMP --build-date 2026-01-01 FILE

(``--build-date`` because the EPUB needs a date and most foreign headers carry no
``publicationStmt/date/@when``). Per file and format it records the exit status and the
first line of the error (stderr lines that are not ``FILE: warning: ...``), the wall time,
and the peak RSS of that child (``ru_maxrss`` from ``os.wait4`` on the child: the render
command's own process; a child killed after ``--timeout`` seconds is reported as such).

Words (a simple count: the text nodes concatenated in document order, split on runs of
whitespace, ``str.split()``; punctuation attached to a word is part of it, markup between
two letters without whitespace joins them):

* **TEI** -- all text under the outermost ``text`` elements (any namespace, so TEI P4 too)
  and under ``sourceDoc``; the ``teiHeader`` is not counted. Local XIncludes are resolved
  first (lxml ``xinclude()``), so the Shelley-Godwin ``sourceDoc`` counts its pages;
* **txt** -- the whole ``<doc>.txt`` written by the text format;
* **html** -- the text of ``<body>`` of ``index.html`` (``script``, ``style`` and
  ``template`` content left out), so it includes the edition's own headings, navigation and
  metadata as well as the text.

``UNHANDLED`` warnings (``UNHANDLED: tei:foo ...`` from the stylesheets, one per element
instance no template handles) are counted by element name, per format, and summed over
html and text in the table (print/epub repeat them).

The result is a Markdown table on standard output (one row per file), then the UNHANDLED
counts in detail.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "other-tei"
FORMATS = ("html", "text", "pdf", "epub")
UNHANDLED = re.compile(r"UNHANDLED: (\S+)")


@dataclass
class Run:
    fmt: str
    status: int | str = 0  # exit code, or "timeout" / "signal N"
    error: str = ""
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    unhandled: collections.Counter[str] = field(default_factory=collections.Counter)
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
            elif line.strip():
                errors.append(line.strip())
        if errors:
            run.error = errors[0].replace(f"{path}: ", "", 1)
        elif run.status == "timeout":
            run.error = f"killed after {timeout:.0f} s"
    run.out_dir = out / path.stem
    return run


def words(text: str) -> int:
    return len(text.split())


def tei_words(path: Path) -> int:
    """Words in the outermost text elements and in sourceDoc (any namespace); 0 if unparsable."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError:
        return 0
    with contextlib.suppress(etree.XIncludeError):
        tree.xinclude()  # local files only (the Shelley-Godwin pages)
    root = tree.getroot()
    total = 0
    for el in root.iter(etree.Element):
        name = etree.QName(el).localname
        if name not in ("text", "sourceDoc"):
            continue
        if any(etree.QName(a).localname in ("text", "sourceDoc") for a in el.iterancestors()):
            continue
        if any(etree.QName(a).localname == "teiHeader" for a in el.iterancestors()):
            continue
        total += words("".join(el.itertext()))
    return total


def html_body_words(path: Path) -> int | None:
    if not path.is_file():
        return None
    doc = html.fromstring(path.read_bytes())
    body = doc.find(".//body")
    if body is None:
        return None
    for bad in body.xpath(".//script|.//style|.//template"):
        bad.drop_tree()
    return words(body.text_content())


def text_words(path: Path) -> int | None:
    if not path.is_file():
        return None
    return words(path.read_text(encoding="utf-8", errors="replace"))


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
    files = args.files or sorted(FIXTURES.glob("*.xml"))
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    rows = []
    details = []
    with tempfile.TemporaryDirectory(prefix="other-tei-") as tmp:
        for given in files:
            path = given.resolve()
            runs = {}
            for fmt in formats:
                runs[fmt] = run_child(fmt, path, Path(tmp) / fmt, args.timeout)
                print(f"{path.name} {fmt}: {cell(runs[fmt])}", file=sys.stderr, flush=True)
            doc = path.stem
            tw = tei_words(path)
            xw = hw = None
            if "text" in runs:
                xw = text_words(Path(tmp) / "text" / doc / f"{doc}.txt")
            if "html" in runs:
                hw = html_body_words(Path(tmp) / "html" / doc / "index.html")
            unh: collections.Counter[str] = collections.Counter()
            for fmt in ("html", "text"):
                if fmt in runs:
                    unh.update(runs[fmt].unhandled)
            unh_cell = ", ".join(f"{k} {v}" for k, v in unh.most_common(6))
            if len(unh) > 6:
                unh_cell += f", +{len(unh) - 6} more"
            size = path.stat().st_size
            rows.append(
                [f"`{path.name}`", f"{size / 1024:.0f} KB"]
                + [cell(runs[f]) for f in formats]
                + [str(tw), "-" if xw is None else str(xw), "-" if hw is None else str(hw)]
                + [f"{sum(unh.values())}" + (f" ({unh_cell})" if unh else "")]
            )
            for fmt in formats:
                if runs[fmt].unhandled:
                    counts = ", ".join(f"{k} {v}" for k, v in runs[fmt].unhandled.most_common())
                    details.append(f"- `{path.name}` {fmt}: {counts}")
    head = ["file", "size", *formats, "words TEI", "words txt", "words html body"]
    head.append("UNHANDLED html+text")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if details:
        print("\nUNHANDLED by element name, per format:\n")
        print("\n".join(details))


if __name__ == "__main__":
    main()
