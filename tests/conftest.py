"""Shared fixtures: the project's schemas, and a fresh copy of the valid fixture catalogue."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from innokatalog.schema import SchemaSet

PROJECT = Path(__file__).resolve().parents[1]
VALID = Path(__file__).parent / "fixtures" / "valid" / "catalogue"
FIXTURE_REVIEWED = 'confirmed: "2026-11-01"'


@pytest.fixture(scope="session")
def schema_set() -> SchemaSet:
    return SchemaSet(PROJECT / "schema")


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/fixtures/valid as ./catalogue (with ./schema beside it) in a temporary working folder.

    Every entry's `confirmed` (the owning unit's check) is set to today, so the copy stays valid
    without warnings on any day.
    """
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "catalogue"
    shutil.copytree(VALID, root)
    shutil.copytree(PROJECT / "schema", tmp_path / "schema")
    today = dt.date.today().isoformat()
    for path in sorted(root.glob("*/*.yml")):
        text = path.read_text(encoding="utf-8")
        assert text.count(FIXTURE_REVIEWED) == 1, path
        path.write_text(text.replace(FIXTURE_REVIEWED, f'confirmed: "{today}"'), encoding="utf-8")
    return root
