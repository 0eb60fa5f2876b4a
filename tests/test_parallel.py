"""Validation spread over the cores gives exactly the findings, in exactly the order, of one core."""

from __future__ import annotations

import gc
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from innokatalog import parallel
from innokatalog.findings import sort_findings
from innokatalog.load import load_catalogue
from innokatalog.validate import validate


def test_fork_map_keeps_order_and_falls_back_to_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    items = list(range(1000))
    monkeypatch.setattr(parallel, "SAMPLE_SECONDS", 0)
    monkeypatch.setattr(parallel, "FORK_PAYS_AFTER", 0)  # fork however quick the work
    assert parallel.fork_map(lambda n: (n * n, os.getpid()), items, workers=2) != [
        (n * n, os.getpid()) for n in items
    ]  # some were computed in workers...
    assert parallel.fork_map(lambda n: n * n, items, workers=2) == [n * n for n in items]  # ...in order
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert parallel.fork_map(lambda n: (-n, os.getpid()), items) == [(-n, os.getpid()) for n in items]


def test_quick_work_stays_in_one_process() -> None:
    """Starting workers costs more than work of a few microseconds an item saves."""
    items = list(range(5000))
    assert parallel.fork_map(lambda n: (n, os.getpid()), items, workers=2) == [
        (n, os.getpid()) for n in items
    ]


def test_slow_work_is_spread_over_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "FORK_PAYS_AFTER", 0.05)

    def slow(n: int) -> tuple[int, int]:
        time.sleep(0.001)
        return n, os.getpid()

    results = parallel.fork_map(slow, list(range(400)), workers=2)
    assert [n for n, _ in results] == list(range(400))
    assert len({pid for _, pid in results} - {os.getpid()}) == 2  # two workers took part
    assert results[0][1] == os.getpid()  # the first, timed here


def test_validate_on_two_cores_gives_the_same_findings_as_on_one(
    catalogue: Path, schema_set, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over 300 files, a quarter of them broken in different ways, so both paths really run."""
    testbed = next((catalogue / "testbeds").glob("*.yml"))
    text = testbed.read_text(encoding="utf-8")
    faults = ["status: active", "status: aktiv", "kind: physical", "kind: fysisk"]
    for number in range(320):
        copy = text.replace(f"id: {testbed.stem}", f"id: copy-{number}")
        if number % 4 == 1:
            copy = copy.replace(faults[0], faults[1])
        elif number % 4 == 2:
            copy = copy.replace(faults[2], faults[3]) + "unknown_field: 1\n"
        elif number % 4 == 3:
            copy = copy.replace("\n", "\n  ", 1)  # broken YAML
        (catalogue / "testbeds" / f"copy-{number}.yml").write_text(copy, encoding="utf-8")
    shutil.copy(testbed, catalogue / "testbeds" / "Bad Name.yml")

    calls: list[int] = []
    real_map = parallel.fork_map
    monkeypatch.setattr(parallel, "SAMPLE_SECONDS", 0)
    monkeypatch.setattr(parallel, "FORK_PAYS_AFTER", 0)  # fork for these few files too

    def counting(function, items, **options):  # noqa: ANN001, ANN003, ANN202 - a spy on the real thing
        with_pids = real_map(lambda item: (os.getpid(), function(item)), items, **options)
        calls.append(len({pid for pid, _ in with_pids} - {os.getpid()}))  # workers that took part
        return [result for _, result in with_pids]

    monkeypatch.setattr("innokatalog.load.fork_map", counting)
    monkeypatch.setattr("innokatalog.validate.fork_map", counting)
    loaded = load_catalogue(catalogue)
    on_two = validate(loaded, schema_set)
    assert calls == [2, 2]  # loading and checking, each on two workers

    monkeypatch.setattr(parallel, "cores", lambda: 1)
    loaded_on_one = load_catalogue(catalogue)
    on_one = validate(loaded_on_one, schema_set)
    assert len(on_two) > 100
    assert on_two == on_one
    assert sort_findings(on_two) == sort_findings(on_one)
    # the entries sent back by the workers hold the same data and positions as those read here
    assert loaded.entries == loaded_on_one.entries
    assert loaded.entries[0].positions and loaded.entries[0].key_positions


def test_the_cycle_collector_pauses_and_comes_back_as_it_was() -> None:
    assert gc.isenabled()
    with parallel.collection_paused():
        assert not gc.isenabled()
        assert parallel.fork_map(lambda _: gc.isenabled(), range(400)) == [False] * 400  # in the workers too
    assert gc.isenabled()
    gc.disable()
    try:
        with parallel.collection_paused():
            pass
        assert not gc.isenabled()  # left off, as the caller had it
    finally:
        gc.enable()


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_standing_workers_are_forked_at_once_and_take_later_work_without_forking_again() -> None:
    pool = parallel.standing_workers(2)
    try:
        # both workers busy at once: each answers with its own process
        started = {future.result() for future in [pool.submit(_pid_after, 0.5) for _ in range(2)]}
        assert len(started) == 2 and os.getpid() not in started
        # a thread of the caller's runs now, as the preview's server's do: no worker is forked anew
        threading.Thread(target=time.sleep, args=(1,), daemon=True).start()
        later = {pool.submit(_pid_after, 0.1).result() for _ in range(4)}
        assert later <= started
        assert pool.submit(sum, [1, 2, 3]).result() == 6  # the work travels pickled
    finally:
        pool.shutdown()
