"""Stage timings in a process of their own: convert, validate, html, text.

``bench.py`` runs this as a subprocess (with the code snapshot first on ``PYTHONPATH``) so
that the benchmark process itself never loads Saxon or the schema. That matters for the
memory figures: Linux keeps a child's ``ru_maxrss`` across ``execve``, so every command the
benchmark starts would otherwise report at least the benchmark's own resident size.

    python bench_stages.py --project DIR [--profile K] TRANSCRIPT...

The first transcript is the warm-up: its calls load the registries and the schema and
compile the stylesheets, and are reported apart (``first``). The others are timed, stage by
stage, in wall and CPU time. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

STAGES = ("convert", "validate", "html", "text")
T = TypeVar("T")


def _validator() -> Callable[[Any, Path, Path], Any]:
    """``validate_master`` as the build calls it, in whichever form the code measured has:
    ``(result, tei_path)`` (the conversion result, so conservation reuses its reading of
    the transcript) or, in older snapshots, ``(tei, tei_path, source)``."""
    import inspect

    from pipeline.build import validate_master

    call: Callable[..., Any] = validate_master  # typed loosely: the signature varies
    if next(iter(inspect.signature(call).parameters), "") == "result":
        return lambda result, master, transcript: call(result, master)
    return lambda result, master, transcript: call(result.tei, master, transcript)


def measure(project: Path, transcripts: list[Path], profile_top: int = 0) -> dict[str, Any]:
    from pipeline.convert import convert_file
    from pipeline.render.xslt import render

    validate_master = _validator()

    seconds = dict.fromkeys(STAGES, 0.0)
    cpu = dict.fromkeys(STAGES, 0.0)
    first: dict[str, float] = {}
    profiles = {stage: cProfile.Profile() for stage in STAGES} if profile_top else {}
    errors = 0

    def timed(stage: str, warm_up: bool, call: Callable[..., T], *args: Any) -> T:
        profile = None if warm_up else profiles.get(stage)
        start, start_cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        value = call(*args)
        if profile:
            profile.disable()
        if warm_up:
            first[stage] = time.perf_counter() - start
        else:
            seconds[stage] += time.perf_counter() - start
            cpu[stage] += time.process_time() - start_cpu
        return value

    for index, transcript in enumerate(transcripts):
        warm_up = index == 0
        result = timed("convert", warm_up, convert_file, transcript)
        master = project / "tei" / f"{transcript.stem}.xml"
        problems = timed("validate", warm_up, validate_master, result, master, transcript)
        errors += sum(1 for p in problems if p.severity == "error")
        timed("html", warm_up, render, "html", result.tei)
        timed("text", warm_up, render, "text", result.tei)

    report = io.StringIO()
    for stage, profile in profiles.items():
        for order in ("cumulative", "tottime"):
            report.write(f"\n==== {stage}: top {profile_top} by {order} time ====\n")
            stats = pstats.Stats(profile, stream=report)
            stats.strip_dirs().sort_stats(order).print_stats(profile_top)
    return {
        "sample": len(transcripts) - 1,
        "seconds": seconds,
        "cpu": cpu,
        "first": first,
        "errors": errors,
        "profile": report.getvalue(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("transcripts", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if len(args.transcripts) < 2:
        parser.error("give a warm-up transcript and at least one to time")
    json.dump(measure(args.project, args.transcripts, args.profile), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
