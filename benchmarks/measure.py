"""Measuring a command as a whole: wall seconds and the peak memory of its whole process tree.

`ru_maxrss` only gives the largest single process; a build runs a process per language and
Pagefind beside the main process, so the tree's memory is sampled and summed instead. Two sums:
resident memory (RSS), which counts the pages a forked process still shares with its parent
once in each, and the proportional set size (PSS, from `/proc/PID/smaps_rollup`), which shares
them out: the memory the machine really needs.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    seconds: float
    peak_mb: float  # RSS summed
    status: int
    output: str
    peak_pss_mb: float = 0.0  # PSS summed


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_memory(root: int, proportional_too: bool = True) -> tuple[int, int]:
    """Resident and proportional bytes of `root` and every process below it."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat[1])
        rss[int(entry.name)] = int(stat[21]) * PAGE
    total, proportional, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        proportional += _pss(pid) if proportional_too else 0
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total, proportional


def measure(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, *, proportional: bool = True
) -> Run:
    """Run `command` to the end, sampling its process tree's RSS every 50 ms and its PSS every second.

    Reading PSS walks every page of a process (about 80 ms for 600 MB, on one of the two cores),
    so it is sampled less often; `proportional=False` leaves it out, for a command of a few seconds.
    """
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        peak = peak_pss = 0
        next_pss = 0.0
        while process.poll() is None:
            now = time.perf_counter()
            with_pss = proportional and now >= next_pss
            rss, pss = _tree_memory(process.pid, with_pss)
            peak = max(peak, rss)
            if with_pss:
                peak_pss, next_pss = max(peak_pss, pss), now + 1.0
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return Run(seconds, peak / 1e6, process.returncode, text, peak_pss / 1e6)
