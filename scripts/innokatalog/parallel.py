"""Spread independent work over the machine's cores, keeping the order of the results.

Workers are forked, so they share what the parent has loaded (the schemas, the entries) instead
of receiving a pickled copy; only each worker's results travel back. Small jobs stay in one
process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
MIN_ITEMS = 200
CHUNKS_PER_WORKER = 4
_TASK: dict[str, Any] = {}
_FORKING = {"allowed": True}


def allow_forking(allowed: bool) -> None:
    """Forbid forking once the process runs other threads (the preview's server): a forked child
    inherits the locks those threads hold, and can wait on one for ever."""
    _FORKING["allowed"] = allowed


def forking_allowed() -> bool:
    return _FORKING["allowed"]


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    function, items = _TASK["function"], _TASK["items"]
    return [function(item) for item in items[bounds[0] : bounds[1]]]


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a large catalogue is read and checked.

    Entries are plain data without cycles, so the collector would find nothing; yet it would scan
    the growing heap again and again (a fifth of the time of loading). Forked workers inherit the
    pause.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_map(
    function: Callable[[Item], Result], items: Sequence[Item], *, workers: int | None = None
) -> list[Result]:
    """`[function(item) for item in items]`, computed in forked processes when it pays."""
    workers = min(workers or cores(), max(1, len(items) // (MIN_ITEMS // 2)))
    if workers < 2 or len(items) < MIN_ITEMS or _TASK or not forking_allowed():
        return [function(item) for item in items]
    # A few runs of neighbouring items per worker: a worker that is done takes the next run, so
    # none waits while another still has the larger files.
    size = max(MIN_ITEMS // 2, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _TASK.update(function=function, items=items)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_run_chunk, bounds) for result in chunk]
    finally:
        _TASK.clear()
