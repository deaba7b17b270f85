"""The corpus benchmark: how fast and how big ``edition build`` is, against targets and pandoc.

Run on demand, from the project root (about 8 minutes with N up to 1000; it is not a test)::

    python tests/bench/bench.py --sizes 10,100,1000

For each N it writes a synthetic corpus of N transcripts (``bench_corpus``: the seed in the
same form, text varied, deterministic) into a temporary project with the seed's registries
and schema, then measures

* each stage on a sample of the corpus, in a process of its own (``bench_stages``):
  convert, validate, html, text (documents per second, stylesheets and schema loaded);
* ``edition build --formats html,text --jobs J`` as a subprocess: wall and CPU time and the
  memory of its process tree (``bench_process``), split into the documents phase and the
  corpus outputs after it; then a no-change rebuild and a one-document rebuild (a failing
  build is reported, not fatal);
* pandoc on the same transcripts, one process per file as a user would run it
  (``-t tei`` and ``-t html``).

PDF is measured separately: ``edition build --formats pdf`` on a corpus of ``--pdf-size``.
The results are printed as Markdown and written to ``tests/bench/results.md``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script: the sibling modules, without a package

# found through the sys.path entry inserted above, so imported after it
from bench_corpus import write_corpus  # noqa: E402
from bench_process import Run, run  # noqa: E402

ROOT = HERE.parents[1]
SEED_NAME = "tactics-and-tasks"
#: What the benchmark copies before it starts, so that edits made meanwhile by others in the
#: working tree neither change the code measured nor invalidate the incremental cache.
SNAPSHOT = (
    "pipeline",
    "xslt",
    "schema",
    "tei/authority",
    f"tei/source/{SEED_NAME}.md",
    f"tei/source/{SEED_NAME}.toml",
)
PANDOC = "/usr/bin/pandoc"
STAGES = ("convert", "validate", "html", "text")
PACKAGES = (
    "edition-pipeline",
    "lxml",
    "saxonche",
    "xmlschema",
    "elementpath",
    "markdown-it-py",
    "click",
    "weasyprint",
)
MB = 1024 * 1024

# The targets of the issue "Performance and scale".
TARGET_WALL_1000 = 60.0  # s: convert+validate+HTML+text of 1,000 seed-sized documents
TARGET_FLAT = 0.20  # time per document from N=100 to N=1,000
TARGET_MEMORY = 500 * MB
TARGET_NOCHANGE_1000 = 3.0  # s


@dataclass
class StageTimes:
    """Seconds spent in each stage over the sample, and what the sample held."""

    sample: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    errors: int = 0
    first: dict[str, float] = field(default_factory=dict)  # warm-up calls: one-time loading
    profile: str = ""  # cProfile report (--profile)

    def rate(self, stage: str) -> float:
        return self.sample / self.seconds[stage] if self.seconds[stage] else 0.0

    @property
    def serial_rate(self) -> float:
        total = sum(self.seconds.values())
        return self.sample / total if total else 0.0

    @property
    def serial_cpu_rate(self) -> float:
        total = sum(self.cpu.values())
        return self.sample / total if total else 0.0


@dataclass
class Loop:
    """A sequential loop of one process per file."""

    wall: float = 0.0
    cpu: float = 0.0
    max_rss: int = 0


@dataclass
class SizeResult:
    n: int
    corpus_bytes: int
    stages: StageTimes
    cold: Run
    nochange: Run
    onedoc: Run
    pandoc: dict[str, Loop] = field(default_factory=dict)  # "tei", "html"
    problems: dict[str, str] = field(default_factory=dict)  # build -> what went wrong


# -- the project -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Code:
    """The snapshot of the project's code the benchmark measures."""

    root: Path

    @property
    def seed(self) -> Path:
        return self.root / "tei" / "source" / f"{SEED_NAME}.md"

    @property
    def env(self) -> dict[str, str]:
        """The environment of a build: the snapshot's ``pipeline`` comes first on the path
        (ahead of the editable install, whose finder is appended to sys.meta_path)."""
        return {
            **os.environ,
            "PYTHONUNBUFFERED": "1",  # summary lines arrive as written: they time the phases
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(self.root), os.environ.get("PYTHONPATH", "")])
            ),
        }


def snapshot(directory: Path, origin: Path = ROOT) -> Code:
    """Copy the code, stylesheets, schema, registries and seed of the project at ``origin``
    (the registries and seed from this project when ``origin`` lacks them)."""
    for name in SNAPSHOT:
        source, target = origin / name, directory / name
        if not source.exists():
            source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return Code(directory)


def code_version(origin: Path = ROOT, label: str = "") -> str:
    """The commit, and whether the snapshot holds uncommitted changes (read-only git)."""
    if label:
        return label
    if origin.resolve() != ROOT.resolve():
        return f"{origin} (--code)"

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git("diff", "--shortstat", "HEAD", "--", "pipeline", "xslt", "schema")
    untracked = git(
        "ls-files", "--others", "--exclude-standard", "--", "pipeline", "xslt", "schema"
    ).splitlines()
    extra = [
        part
        for part in (changed, f"{len(untracked)} untracked file(s)" if untracked else "")
        if part
    ]
    return f"{commit}" + (f" + working tree ({'; '.join(extra)})" if extra else "")


def make_project(code: Code, directory: Path, count: int, seed: int) -> list[Path]:
    """A project with ``count`` synthetic transcripts and the seed's registries and schema."""
    if directory.exists():
        shutil.rmtree(directory)
    (directory / "tei").mkdir(parents=True)
    shutil.copytree(code.root / "tei" / "authority", directory / "tei" / "authority")
    shutil.copytree(code.root / "schema", directory / "schema")
    return write_corpus(code.seed, directory, count, seed)


def edition_command() -> list[str]:
    script = Path(sys.executable).parent / "edition"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "pipeline.cli"]


def build(code: Code, project: Path, formats: str, jobs: int) -> Run:
    args = [
        *edition_command(),
        "build",
        "--root",
        str(project),
        "--formats",
        formats,
        "--jobs",
        str(jobs),
    ]
    return run(args, cwd=project, env=code.env)


def count_lines(result: Run, marker: str) -> int:
    return sum(1 for line in result.stdout.splitlines() if marker in line)


def check_build(result: Run, expect_ok: int, expect_fresh: int = 0) -> str:
    """'' if the build succeeded and did the work expected, else what went wrong, in one
    line. A failed build does not stop the benchmark: the failure is a result too."""
    ok, fresh = count_lines(result, ": ok;"), count_lines(result, ": up to date")
    if result.returncode == 0 and ok == expect_ok and fresh == expect_fresh:
        return ""
    errors = [
        line.strip()
        for line in result.stderr.splitlines()
        if line.strip() and ": warning:" not in line and not line.startswith("Building")
    ]
    detail = errors[-1] if errors else "no error message"
    return (
        f"exit {result.returncode}, {ok} built, {fresh} up to date (expected {expect_ok} "
        f"built, {expect_fresh} up to date); last error: {detail[:300]}"
    )


# -- stages in process -----------------------------------------------------------------------


def sample_of(transcripts: list[Path], size: int) -> list[Path]:
    """``size`` transcripts spread evenly over the corpus."""
    if size >= len(transcripts):
        return list(transcripts)
    step = len(transcripts) / size
    return [transcripts[int(i * step)] for i in range(size)]


def time_stages(code: Code, project: Path, sample: list[Path], profile: int) -> StageTimes:
    """Time the stages on ``sample`` in a fresh process (``bench_stages``): the first
    transcript warms it up, the others are timed."""
    args = [sys.executable, str(HERE / "bench_stages.py"), "--project", str(project)]
    args += ["--profile", str(profile), *map(str, sample)]
    result = run(args, cwd=project, interval=None, env=code.env)
    if result.returncode != 0:
        raise SystemExit(f"stage timings failed:\n{result.stderr}")
    data = json.loads(result.stdout)
    return StageTimes(
        sample=data["sample"],
        seconds=data["seconds"],
        cpu=data["cpu"],
        errors=data["errors"],
        first=data["first"],
        profile=data["profile"],
    )


# -- pandoc ----------------------------------------------------------------------------------


def pandoc_loop(transcripts: list[Path], target: str, out_dir: Path) -> Loop:
    """One pandoc process per transcript, one after another."""
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = {"tei": ".xml", "html": ".html"}[target]
    loop = Loop()
    start = time.perf_counter()
    for transcript in transcripts:
        output = out_dir / (transcript.stem + suffix)
        result = run(
            [PANDOC, "-f", "markdown", "-t", target, "-o", str(output), str(transcript)],
            cwd=out_dir,
            interval=None,
        )
        if result.returncode != 0:
            raise SystemExit(f"pandoc failed on {transcript}: {result.stderr.strip()}")
        loop.cpu += result.cpu
        loop.max_rss = max(loop.max_rss, result.max_rss_one)
    loop.wall = time.perf_counter() - start
    return loop


# -- the machine -----------------------------------------------------------------------------


def machine(code: str) -> list[tuple[str, str]]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    meminfo = Path("/proc/meminfo").read_text()
    total_kb = next(
        int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")
    )
    rows = [
        ("CPU", model),
        ("cores (os.cpu_count / usable)", f"{os.cpu_count()} / {len(os.sched_getaffinity(0))}"),
        ("RAM", f"{total_kb / 1024 / 1024:.1f} GiB"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("code measured", code),
    ]
    for package in PACKAGES:
        try:
            rows.append((package, importlib.metadata.version(package)))
        except importlib.metadata.PackageNotFoundError:
            rows.append((package, "not installed"))
    try:
        first = subprocess.run(
            [PANDOC, "--version"], capture_output=True, text=True, check=True
        ).stdout.splitlines()[0]
        rows.append(("pandoc", first.removeprefix("pandoc").strip()))
    except (OSError, subprocess.CalledProcessError):
        rows.append(("pandoc", "not installed"))
    return rows


# -- the report ------------------------------------------------------------------------------


def mb(value: int) -> str:
    return f"{value / MB:.0f} MB"


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:.1f}" if seconds else "-"


def verdict(met: bool, detail: str) -> str:
    return f"{'met' if met else '**missed**'}: {detail}"


def uncontended(result: Run, jobs: int) -> float:
    """Wall time the build would take with its cores to itself: CPU time over the cores it
    can use (an estimate: it ignores the serial parts and the load balance)."""
    return result.cpu / max(1, min(jobs, len(os.sched_getaffinity(0))))


#: A document's summary line: build_corpus has returned when the first one is printed.
DOC_LINE = re.compile(r"^\S+: (ok;|up to date|FAILED)")


@dataclass
class Phases:
    """A build cut in two at its first summary line: the documents (convert, validate,
    render, in the workers), then the corpus outputs (site, search index, linked data)."""

    documents: float
    corpus: float
    documents_peak: tuple[int, int]  # (tree RSS, largest process RSS)
    corpus_peak: tuple[int, int]
    site: float | None = None  # the site page and its search index ("site: wrote ...")
    data: float | None = None  # the linked data after it ("data: wrote ...")
    documents_cpu: float | None = None  # CPU seconds of the documents phase, workers included


def phases(result: Run) -> Phases:
    ends = [t for t, line in result.lines if DOC_LINE.match(line)]
    cut = min(ends) if ends else result.wall
    site = next((t for t, line in result.lines if line.startswith("site: ")), None)
    data = next((t for t, line in result.lines if line.startswith("data: ")), None)
    return Phases(
        documents=cut,
        corpus=result.wall - cut,
        documents_peak=result.peak_between(0.0, cut),
        corpus_peak=result.peak_between(cut, result.wall),
        documents_cpu=result.cpu_at(cut),
        site=site - cut if site is not None else None,
        data=data - (site if site is not None else cut) if data is not None else None,
    )


def seconds(value: float | None) -> str:
    return f"{value:.1f} s" if value is not None else "-"


def milliseconds(total: float | None, count: int) -> str:
    """A total in seconds as milliseconds per item."""
    return f"{total / count * 1000:.0f}" if total is not None else "-"


def targets(results: dict[int, SizeResult], jobs: int) -> list[tuple[str, str]]:
    """Each target of the issue, met or missed and by how much. The time targets are about
    converting, validating and rendering the documents: the documents phase of the build."""
    rows: list[tuple[str, str]] = []
    big = results.get(1000)
    if big:
        docs = phases(big.cold).documents
        estimate = uncontended(big.cold, jobs)
        margin = (
            f"{TARGET_WALL_1000 - docs:.1f} s to spare"
            if docs < TARGET_WALL_1000
            else (
                f"over by {docs - TARGET_WALL_1000:.1f} s "
                f"({docs / TARGET_WALL_1000:.1f}x the target)"
            )
        )
        failed = "; the build then FAILED (see Problems)" if "cold build" in big.problems else ""
        rows.append(
            (
                "convert + validate + HTML + text of 1,000 documents < 60 s",
                verdict(
                    docs < TARGET_WALL_1000,
                    f"documents phase {docs:.1f} s, {margin}; "
                    f"the whole build {big.cold.wall:.1f} s "
                    f"(CPU {big.cold.cpu:.0f} s: {estimate:.0f} s on {jobs} free cores){failed}",
                ),
            )
        )
    else:
        rows.append(("1,000 documents in < 60 s", "not measured (N=1000 not in --sizes)"))
    if 100 in results and 1000 in results:
        small, large = (
            phases(results[100].cold).documents / 100,
            phases(results[1000].cold).documents / 1000,
        )
        change = large / small - 1
        whole = (results[1000].cold.wall / 1000) / (results[100].cold.wall / 100) - 1
        if change > TARGET_FLAT:
            judged = verdict(False, f"grows by {change:.0%}")
        elif change >= -TARGET_FLAT:
            judged = verdict(True, f"within 20% ({change:+.0%})")
        else:
            judged = verdict(
                True,
                f"no growth: it falls by {-change:.0%}, "
                "the fixed start-up costs spread over more documents",
            )
        cpu_small, cpu_large = (
            phases(results[100].cold).documents_cpu,
            phases(results[1000].cold).documents_cpu,
        )
        cpu = (
            f"; CPU per document {cpu_small / 100 * 1000:.0f} -> {cpu_large / 1000 * 1000:.0f} ms "
            f"({(cpu_large / 1000) / (cpu_small / 100) - 1:+.0%})"
            if cpu_small and cpu_large
            else ""
        )
        rows.append(
            (
                "time per document flat within 20% from N=100 to N=1,000",
                (
                    f"{judged}; documents phase {small * 1000:.0f} -> {large * 1000:.0f} ms "
                    f"per document (wall){cpu}; "
                    f"whole build {whole:+.0%} (wall)"
                ),
            )
        )
    else:
        rows.append(("time per document flat within 20%", "not measured (needs N=100 and N=1000)"))
    worst = max(results.values(), key=lambda r: r.cold.peak_tree_rss)
    rss, pss, one = worst.cold.peak_tree_rss, worst.cold.peak_tree_pss, worst.cold.max_rss_one
    split = phases(worst.cold)
    detail = (
        f"N={worst.n}: whole tree {mb(rss)} RSS summed ({mb(pss)} PSS), largest process {mb(one)}; "
        f"documents phase {mb(split.documents_peak[0])}, corpus outputs {mb(split.corpus_peak[0])}"
    )
    over = (
        f"{mb(TARGET_MEMORY - rss)} to spare"
        if rss < TARGET_MEMORY
        else f"over by {mb(rss - TARGET_MEMORY)}"
    )
    rows.append(("peak memory < 500 MB", verdict(rss < TARGET_MEMORY, f"{detail}; {over}")))
    if big:
        wall = big.nochange.wall
        failed = (
            " (the corpus outputs failed and were retried: see Problems)"
            if "no-change rebuild" in big.problems
            else ""
        )
        rows.append(
            (
                "no-change rebuild of 1,000 documents < 3 s",
                verdict(
                    wall < TARGET_NOCHANGE_1000,
                    f"{wall:.2f} s ({TARGET_NOCHANGE_1000 - wall:+.2f} s against the target)"
                    f"{failed}",
                ),
            )
        )
    else:
        rows.append(("no-change rebuild of 1,000 < 3 s", "not measured (N=1000 not in --sizes)"))
    largest = results[max(results)]
    if largest.pandoc:
        n = largest.n
        both = largest.pandoc["tei"].wall + largest.pandoc["html"].wall
        docs = phases(largest.cold).documents
        rows.append(
            (
                "corpus throughput ahead of the pandoc per-file loop",
                verdict(
                    n / docs > n / both,
                    f"N={n}: documents phase {n / docs:.1f} docs/s "
                    f"against pandoc TEI + HTML {n / both:.1f} docs/s "
                    f"(pandoc TEI alone {n / largest.pandoc['tei'].wall:.1f}); "
                    + ("but " if largest.cold.wall > both else "and ")
                    + "the whole build, corpus outputs included, "
                    f"{n / largest.cold.wall:.1f} docs/s",
                ),
            )
        )
    else:
        rows.append(("corpus throughput ahead of pandoc", "not measured (--no-pandoc)"))
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def load(run_: Run) -> str:
    return f"{run_.load[0]:.1f}-{run_.load[1]:.1f}"


def report(
    args: argparse.Namespace,
    info: list[tuple[str, str]],
    results: dict[int, SizeResult],
    pdf: tuple[int, Run, str] | None,
    started: str,
    elapsed: float,
) -> str:
    out: list[str] = ["# Benchmark results", ""]
    out.append(
        f"`python tests/bench/bench.py {' '.join(sys.argv[1:])}`".replace(" `", "`")
        + f", started {started}, {elapsed / 60:.1f} min in all. "
        f"Synthetic corpus (seed {args.seed}) in the form of `tei/source/{SEED_NAME}.md`; "
        f"builds with `--jobs {args.jobs}`; "
        f"stage timings on a sample of up to {args.sample} documents per N."
    )
    out += ["", "## Machine", "", table(["", ""], [[k, v] for k, v in info]), ""]

    out += ["## Corpus build (`edition build --formats html,text`)", ""]
    rows = []
    for r in results.values():
        c, split, one = r.cold, phases(r.cold), phases(r.onedoc)
        rows.append(
            [
                str(r.n),
                f"{r.corpus_bytes / r.n / 1024:.0f} KB",
                (
                    f"{split.documents:.1f} s ({per_second(r.n, split.documents)} docs/s, "
                    f"{split.documents / r.n * 1000:.0f} ms/doc)"
                ),
                f"{split.corpus:.1f} s ({seconds(split.site)} / {seconds(split.data)})",
                f"{c.wall:.1f} s",
                f"{milliseconds(split.documents_cpu, r.n)} / {c.cpu / r.n * 1000:.0f} ms",
                load(c),
                f"{mb(split.documents_peak[0])} ({mb(split.documents_peak[1])})",
                f"{mb(split.corpus_peak[0])} ({mb(split.corpus_peak[1])})",
                f"{mb(c.peak_tree_pss)} ({c.peak_processes})",
                f"{mb(c.max_rss_one)}",
                f"{r.nochange.wall:.2f} s",
                f"{r.onedoc.wall:.2f} s ({one.corpus:.2f} s)",
            ]
        )
    out.append(
        table(
            [
                "N",
                "transcript (mean)",
                "documents phase",
                "corpus outputs (site + search / data)",
                "whole build",
                "CPU per doc: documents phase / whole build",
                "load avg",
                "peak RSS, documents: tree (largest process)",
                "peak RSS, corpus outputs: tree (largest process)",
                "peak tree PSS (processes)",
                "max RSS, one process (wait4)",
                "no-change rebuild",
                "one-document rebuild (corpus outputs)",
            ],
            rows,
        )
    )
    out += [
        "",
        (
            "The build runs in two phases: the *documents* (convert, validate, HTML, text, in the "
            "worker processes; it ends when the first summary line is printed) and the *corpus "
            "outputs* after them (the site page, its Pagefind search index and the linked data, "
            "in the main process). *CPU per doc* is user + system time, workers included, over N: "
            "of the documents phase (read from /proc within 100 ms of its end) and of the whole "
            "build. On a shared machine it depends less on the load than wall time does "
            "(*load avg*: the 1-minute load before and after the build). Memory is sampled from "
            "/proc (RSS every 100 ms, the process list every 300 ms, PSS every second): the tree "
            "sums every live process (RSS counts the pages forked workers share with their parent "
            "once per process, PSS shares them out); *max RSS, one process* is exact, from "
            "`wait4`."
        ),
        "",
    ]

    out += [
        "## Stages, one at a time in one process (warm: schema loaded, stylesheets compiled)",
        "",
    ]
    rows = []
    for r in results.values():
        s = r.stages
        rows.append(
            [
                str(r.n),
                str(s.sample),
                *(
                    (
                        f"{s.rate(st):.1f} ({s.seconds[st] / s.sample * 1000:.0f} / "
                        f"{s.cpu[st] / s.sample * 1000:.0f} ms)"
                    )
                    for st in STAGES
                ),
                f"{s.serial_rate:.1f} ({s.serial_cpu_rate:.1f})",
                str(s.errors),
            ]
        )
    out.append(
        table(
            [
                "N",
                "sample",
                *(f"{st}: docs/s (wall / CPU per doc)" for st in STAGES),
                "all four: docs/s, one process (on CPU)",
                "validation errors",
            ],
            rows,
        )
    )
    out.append("")
    out += [
        "Each N is timed in a fresh process. Its first document warms it up, not counted: "
        "those first calls load the registries and the schema and compile the stylesheets "
        "(per N, in ms: "
        + "; ".join(
            f"N={r.n}: " + ", ".join(f"{k} {v * 1000:.0f}" for k, v in r.stages.first.items())
            for r in results.values()
        )
        + "). Every build worker pays them once.",
        "",
    ]

    if any(r.pandoc for r in results.values()):
        out += ["## pandoc, one process per file (`pandoc -f markdown -t tei|html`)", ""]
        rows = []
        for r in results.values():
            if not r.pandoc:
                continue
            tei, html = r.pandoc["tei"], r.pandoc["html"]
            both = tei.wall + html.wall
            rows.append(
                [
                    str(r.n),
                    f"{tei.wall:.1f} s ({per_second(r.n, tei.wall)} docs/s)",
                    f"{html.wall:.1f} s ({per_second(r.n, html.wall)} docs/s)",
                    f"{both:.1f} s ({per_second(r.n, both)} docs/s)",
                    f"{(tei.cpu + html.cpu) / r.n * 1000:.0f} ms",
                    mb(max(tei.max_rss, html.max_rss)),
                    (
                        f"{r.cold.wall:.1f} s ({per_second(r.n, r.cold.wall)} docs/s, "
                        f"CPU {r.cold.cpu / r.n * 1000:.0f} ms per doc)"
                    ),
                ]
            )
        out.append(
            table(
                [
                    "N",
                    "-t tei",
                    "-t html",
                    "both",
                    "CPU per doc (both)",
                    "max RSS",
                    "edition build, same corpus",
                ],
                rows,
            )
        )
        out += [
            "",
            (
                "pandoc only converts: no validation, no note reconciliation, no entities, no "
                "plain text. The loop is sequential, as a user would run it; the build uses its "
                "worker processes."
            ),
            "",
        ]

    if pdf:
        count, result, _ = pdf
        split = phases(result)
        out += ["## PDF (`edition build --formats pdf`)", ""]
        out.append(
            table(
                [
                    "N",
                    "documents phase",
                    "docs/s",
                    "per doc",
                    "whole build (with the linked data)",
                    "CPU per doc",
                    "load avg",
                    "max RSS, one process (wait4 / sampled)",
                    "peak tree RSS / PSS",
                ],
                [
                    [
                        str(count),
                        f"{split.documents:.1f} s",
                        per_second(count, split.documents),
                        f"{split.documents / count:.2f} s",
                        f"{result.wall:.1f} s",
                        f"{result.cpu / count:.2f} s",
                        load(result),
                        f"{mb(result.max_rss_one)} / {mb(result.peak_one_sampled)}",
                        f"{mb(result.peak_tree_rss)} / {mb(result.peak_tree_pss)}",
                    ]
                ],
            )
        )
        out += [
            "",
            (
                "The PDF build converts and validates too, and writes print.html; the PDF is "
                "WeasyPrint's typesetting of it."
            ),
            "",
        ]

    problems = [
        [str(r.n), label, problem]
        for r in results.values()
        for label, problem in r.problems.items()
    ]
    if pdf and pdf[2]:
        problems.append([str(pdf[0]), "PDF build", pdf[2]])
    if problems:
        out += ["## Problems", "", table(["N", "build", "what went wrong"], problems), ""]

    out += [
        "## Targets",
        "",
        table(["target", "result"], [[a, b] for a, b in targets(results, args.jobs)]),
        "",
    ]
    return "\n".join(out)


# -- main ------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        default="10,100,1000",
        help="corpus sizes N, comma-separated (default: 10,100,1000)",
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="worker processes for edition build (default: 2)"
    )
    parser.add_argument(
        "--seed", type=int, default=1932, help="seed of the synthetic corpus (default: 1932)"
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=20,
        help="documents per N for the in-process stage timings (default: 20)",
    )
    parser.add_argument(
        "--pdf-size",
        type=int,
        default=10,
        help="documents for the PDF build; 0 skips it (default: 10)",
    )
    parser.add_argument("--no-pandoc", action="store_true", help="skip the pandoc comparison")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="K",
        help="also profile the stages (cProfile) and print the top K functions",
    )
    parser.add_argument(
        "--output",
        default=str(HERE / "results.md"),
        help="where to write the Markdown (default: tests/bench/results.md; '-' for none)",
    )
    parser.add_argument(
        "--code",
        type=Path,
        default=ROOT,
        help="project tree whose pipeline/, xslt/ and schema/ to measure, e.g. a prototype "
        "(default: this one)",
    )
    parser.add_argument(
        "--label", default="", help="how to name the code measured in the results (with --code)"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="where to build the corpora (default: a temporary directory, removed afterwards)",
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes comma-separated integers, not {args.sizes!r}")
    if (
        not args.sizes
        or min(args.sizes) < 1
        or args.jobs < 1
        or args.sample < 1
        or args.pdf_size < 0
    ):
        parser.error("--sizes, --jobs and --sample must be positive, --pdf-size not negative")
    return args


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def edit_one(transcript: Path) -> None:
    """Change one transcript the way an editor would: a paragraph added to the introduction."""
    text = transcript.read_text(encoding="utf-8")
    at = text.index("\n## ")
    transcript.write_text(
        text[:at] + "\n\nA paragraph added to force a rebuild of this document.\n" + text[at:],
        encoding="utf-8",
    )


def measure_size(code: Code, workdir: Path, n: int, args: argparse.Namespace) -> SizeResult:
    project = workdir / f"corpus-{n}"
    progress(f"N={n}: writing the corpus")
    transcripts = make_project(code, project, n, args.seed)
    corpus_bytes = sum(t.stat().st_size for t in transcripts)
    progress(f"N={n}: stages, in a process of their own")
    sample = [transcripts[-1], *sample_of(transcripts, args.sample)]  # the first warms up
    stages = time_stages(code, project, sample, args.profile)
    progress(f"N={n}: edition build (cold)")
    cold = build(code, project, "html,text", args.jobs)
    problems = {"cold build": check_build(cold, n)}
    progress(f"N={n}: cold {cold.wall:.1f} s; no-change and one-document rebuilds")
    nochange = build(code, project, "html,text", args.jobs)
    problems["no-change rebuild"] = check_build(nochange, 0, n)
    edit_one(transcripts[len(transcripts) // 2])
    onedoc = build(code, project, "html,text", args.jobs)
    problems["one-document rebuild"] = check_build(onedoc, 1, n - 1)
    for label, problem in problems.items():
        if problem:
            progress(f"N={n}: {label} FAILED: {problem}")
    result = SizeResult(n, corpus_bytes, stages, cold, nochange, onedoc)
    result.problems = {label: problem for label, problem in problems.items() if problem}
    if not args.no_pandoc:
        for target in ("tei", "html"):
            progress(f"N={n}: pandoc -t {target} loop")
            result.pandoc[target] = pandoc_loop(transcripts, target, workdir / f"pandoc-{n}")
        shutil.rmtree(workdir / f"pandoc-{n}")
    shutil.rmtree(project)
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started, clock = time.strftime("%Y-%m-%d %H:%M %Z"), time.perf_counter()
    temporary = None if args.workdir else tempfile.TemporaryDirectory(prefix="edition-bench-")
    workdir: Path = args.workdir or Path(temporary.name)  # type: ignore[union-attr]
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict[int, SizeResult] = {}
    pdf: tuple[int, Run, str] | None = None
    try:
        code = snapshot(workdir / "code", args.code)
        info = machine(code_version(args.code, args.label))
        for n in args.sizes:
            results[n] = measure_size(code, workdir, n, args)
        if args.pdf_size:
            progress(f"PDF: N={args.pdf_size}")
            project = workdir / f"pdf-{args.pdf_size}"
            make_project(code, project, args.pdf_size, args.seed)
            result = build(code, project, "pdf", args.jobs)
            pdf_problem = check_build(result, args.pdf_size)
            if pdf_problem:
                progress(f"PDF build FAILED: {pdf_problem}")
            pdf = (args.pdf_size, result, pdf_problem)
    finally:
        if temporary is not None:
            temporary.cleanup()
    text = report(args, info, results, pdf, started, time.perf_counter() - clock)
    print(text)
    for n, size in results.items():
        if size.stages.profile:
            print(f"\n## Profile of the stages, N={n}\n{size.stages.profile}")
    if args.output != "-":
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        progress(f"written {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
