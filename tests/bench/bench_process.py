"""Run a command and measure it: wall time, and memory of its whole process tree.

Two memory figures, because a forked worker pool shares pages with its parent:

* ``max_rss_one`` - the highest resident set size any single process of the tree reached,
  exact, from ``wait4`` (Linux folds the peak of reaped descendants into the child's
  ``ru_maxrss``, as ``getrusage(RUSAGE_CHILDREN)`` would, but for this command alone).
  Linux keeps ``ru_maxrss`` across ``execve``, so it is at least the resident size of the
  calling process when it forked: keep the caller small (``bench.py`` loads no pipeline
  code itself); ``peak_one_sampled`` is the sampler's view of the same peak, as a check;
* ``peak_tree_rss`` / ``peak_tree_pss`` - the highest sum over the live tree, sampled from
  ``/proc``: RSS every ``interval`` seconds, PSS (dearer to read) every ten intervals. RSS
  counts shared pages once per process (an upper bound); PSS divides them among their
  sharers (what the tree really costs).

The tree's CPU time (user + system, also from ``wait4``) is reported beside the wall time:
on a shared machine the wall time depends on the load, the CPU time much less.

Linux only (``/proc``); no third-party dependency.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    """What one command did."""

    args: list[str]
    returncode: int
    wall: float  # seconds
    stdout: str
    stderr: str
    cpu: float = 0.0  # user + system seconds of the whole tree (reaped descendants included)
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after
    max_rss_one: int = 0  # bytes
    peak_tree_rss: int = 0  # bytes
    peak_tree_pss: int = 0  # bytes
    peak_processes: int = 0
    peak_one_sampled: int = 0  # bytes: the largest single process seen by the sampler
    #: each line of standard output with the seconds since the start when it arrived (the
    #: command must not buffer it: PYTHONUNBUFFERED=1 for Python)
    lines: list[tuple[float, str]] = field(default_factory=list)
    #: the sampler's timeline: (seconds since the start, RSS of the tree, of its largest
    #: process, CPU seconds of the root process and its reaped children so far)
    samples: list[tuple[float, int, int, float]] = field(default_factory=list)

    def peak_between(self, start: float, end: float) -> tuple[int, int]:
        """(tree RSS, largest process RSS) at their highest between two moments."""
        inside = [(tree, one) for t, tree, one, _ in self.samples if start <= t <= end]
        return max((t for t, _ in inside), default=0), max((o for _, o in inside), default=0)

    def cpu_at(self, moment: float) -> float | None:
        """CPU seconds of the root and its reaped children at the first sample after
        ``moment`` (at most one sampling interval late), None without one."""
        return next((cpu for t, _, _, cpu in self.samples if t >= moment), None)


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # the command name (field 2) may hold spaces and parentheses: split after its end
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _tree(root: int) -> list[int]:
    children = _children_map()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss(pid: int) -> int:
    """Resident set size of one process in bytes (``statm``: cheap), 0 if it has gone."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _cpu(pid: int) -> float:
    """CPU seconds of a process and of its reaped children (user + system, ``stat`` fields
    14-17): read on the root of a tree whose workers have exited, the tree's CPU so far."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rfind(")") + 2 :].split()
        return sum(int(f) for f in fields[11:15]) / CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return 0.0


def _pss(pid: int) -> int:
    """Proportional set size of one process in bytes (``smaps_rollup``: walks the page
    tables, a few milliseconds for a process with Saxon's large address space)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class _Sampler(threading.Thread):
    """Samples the tree's RSS every ``interval``; finds the tree's processes every
    ``TREE_EVERY`` samples (short-lived workers must not be missed) and reads their PSS, being
    dearer, every ``PSS_EVERY``: the sampler must not steal the CPU of the build it measures
    (on two cores, reading everything every 50 ms took ~10% of one)."""

    TREE_EVERY = 3
    PSS_EVERY = 10

    def __init__(self, root: int, interval: float, start: float) -> None:
        super().__init__(daemon=True)
        self.root, self.interval, self.start_time = root, interval, start
        self.stop = threading.Event()
        self.peak_rss = self.peak_pss = self.peak_processes = self.peak_one = 0
        self.timeline: list[tuple[float, int, int, float]] = []

    def run(self) -> None:
        pids: list[int] = []
        tick = 0
        while not self.stop.is_set():
            if tick % self.TREE_EVERY == 0:
                pids = _tree(self.root)
            if tick % self.PSS_EVERY == 0:
                self.peak_pss = max(self.peak_pss, sum(_pss(pid) for pid in pids))
            sizes = [_rss(pid) for pid in pids]
            self.peak_rss = max(self.peak_rss, sum(sizes))
            self.peak_one = max([self.peak_one, *sizes])
            self.peak_processes = max(self.peak_processes, sum(1 for size in sizes if size))
            now = time.perf_counter() - self.start_time
            self.timeline.append((now, sum(sizes), max(sizes, default=0), _cpu(self.root)))
            tick += 1
            self.stop.wait(self.interval)


def run(
    args: list[str], cwd: Path, interval: float | None = 0.1, env: dict[str, str] | None = None
) -> Run:
    """Run ``args`` in ``cwd`` to completion, measuring time and memory (the tree is sampled
    every ``interval`` seconds; None: no sampling, only the exact per-process peak)."""
    load_before = os.getloadavg()[0]
    lines: list[tuple[float, str]] = []
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=err, env=env)
        reader = threading.Thread(target=_read_lines, args=(process, start, lines), daemon=True)
        reader.start()
        sampler = _Sampler(process.pid, interval, start) if interval else None
        if sampler:
            sampler.start()
        # wait4, not Popen.wait: it returns the rusage of this child and its reaped descendants
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if sampler:
            sampler.stop.set()
            sampler.join()
        reader.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stdout = "".join(line for _, line in lines)
        stderr = err.read().decode("utf-8", errors="replace")
    return Run(
        args=args,
        returncode=process.returncode,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        load=(load_before, os.getloadavg()[0]),
        stdout=stdout,
        stderr=stderr,
        max_rss_one=usage.ru_maxrss * 1024,  # kilobytes on Linux
        peak_tree_rss=sampler.peak_rss if sampler else 0,
        peak_tree_pss=sampler.peak_pss if sampler else 0,
        peak_processes=sampler.peak_processes if sampler else 0,
        peak_one_sampled=sampler.peak_one if sampler else 0,
        lines=lines,
        samples=sampler.timeline if sampler else [],
    )


def _read_lines(
    process: subprocess.Popen[bytes], start: float, lines: list[tuple[float, str]]
) -> None:
    assert process.stdout is not None
    with process.stdout:
        for raw in process.stdout:
            lines.append((time.perf_counter() - start, raw.decode("utf-8", errors="replace")))
