"""Measuring a command as a whole: wall seconds and the peak memory of its whole process tree.

`ru_maxrss` only gives the largest single process; a build runs an engine per language and
Pagefind beside the main process, so the tree's resident memory is sampled and summed instead.
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
    peak_mb: float
    status: int
    output: str


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and every process below it."""
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
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command` to the end, sampling its process tree's memory every 50 ms."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return Run(seconds, peak / 1e6, process.returncode, text)
