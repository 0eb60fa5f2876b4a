"""Spread independent work over the machine's cores, keeping the order of the results.

Workers are forked, so they share what the parent has loaded (the schemas, the entries) instead
of receiving a pickled copy; only each worker's results travel back. Quick jobs stay in one
process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
MIN_ITEMS = 200
CHUNKS_PER_WORKER = 4
SAMPLE_SECONDS = 0.02  # how long the first items are timed for
FORK_PAYS_AFTER = 0.3  # seconds of work in one process from which workers are started
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
    """`[function(item) for item in items]`, computed in forked processes when it pays.

    The first items are computed here and timed; the rest is spread over the cores only when it
    would take longer than FORK_PAYS_AFTER here. A worker shares the parent's memory until one of
    them writes to a page, and each page copied then costs time: for checks of a few microseconds
    an entry, more than the checks themselves (6,387 valid entries: 0.19 s of processor time in
    one process, 0.41 s forked).
    """
    results: list[Result] = []
    started = time.perf_counter()
    while len(results) < len(items) and (not results or time.perf_counter() - started < SAMPLE_SECONDS):
        results.append(function(items[len(results)]))
    done, rest = len(results), len(items) - len(results)
    if not rest:
        return results
    expected = (time.perf_counter() - started) / done * rest
    workers = min(workers or cores(), rest // (MIN_ITEMS // 2))
    if workers < 2 or expected < FORK_PAYS_AFTER or _TASK or not forking_allowed():
        return results + [function(items[index]) for index in range(done, len(items))]
    # A few runs of neighbouring items per worker: a worker that is done takes the next run, so
    # none waits while another still has the larger files.
    size = max(MIN_ITEMS // 2, -(-rest // (workers * CHUNKS_PER_WORKER)))
    bounds = [(start, min(start + size, len(items))) for start in range(done, len(items), size)]
    _TASK.update(function=function, items=items)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return results + [result for chunk in pool.map(_run_chunk, bounds) for result in chunk]
    finally:
        _TASK.clear()


def _standing_worker_start(parent: int) -> None:
    """A standing worker ends with the process that started it, however that one ends (a worker
    killed with it would otherwise wait for work for ever, as it holds its own end of the queue)."""
    allow_forking(False)  # the watch below is a thread of its own

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def standing_workers(count: int) -> ProcessPoolExecutor:
    """`count` workers forked now, while this process runs no other thread, to take work later when
    forking would no longer be safe (see allow_forking). Their tasks reach them pickled."""
    pool = ProcessPoolExecutor(
        count,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_standing_worker_start,
        initargs=(os.getpid(),),
    )
    pool.submit(int).result()  # under "fork", the first task starts every worker at once
    return pool
