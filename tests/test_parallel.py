"""Validation spread over the cores gives exactly the findings, in exactly the order, of one core."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from innokatalog import parallel
from innokatalog.findings import sort_findings
from innokatalog.load import load_catalogue
from innokatalog.validate import validate


def test_fork_map_keeps_order_and_falls_back_to_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    items = list(range(1000))
    assert parallel.fork_map(lambda n: n * n, items, workers=2) == [n * n for n in items]
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert parallel.fork_map(lambda n: -n, items) == [-n for n in items]


def test_validate_on_two_cores_gives_the_same_findings_as_on_one(
    catalogue: Path, schema_set, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over 200 files, a quarter of them broken in different ways, so both paths really run."""
    testbed = next((catalogue / "testbeds").glob("*.yml"))
    text = testbed.read_text(encoding="utf-8")
    faults = ["status: active", "status: aktiv", "kind: physical", "kind: fysisk"]
    for number in range(240):
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

    def counting(function, items, **options):  # noqa: ANN001, ANN003, ANN202 - a spy on the real thing
        calls.append(len(items))
        return real_map(function, items, **options)

    monkeypatch.setattr("innokatalog.load.fork_map", counting)
    monkeypatch.setattr("innokatalog.validate.fork_map", counting)
    loaded = load_catalogue(catalogue)
    on_two = validate(loaded, schema_set)
    assert calls and max(calls) > parallel.MIN_ITEMS

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
