"""The small real fixture catalogue in tests/fixtures/mini, loaded for tests of later pipeline steps."""

from __future__ import annotations

from pathlib import Path

from innokatalog.load import load_catalogue
from innokatalog.model import Catalogue
from innokatalog.schema import SchemaSet

PROJECT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini" / "catalogue"


def mini_catalogue() -> Catalogue:
    loaded = load_catalogue(MINI)
    assert not loaded.findings, loaded.findings
    return Catalogue(loaded.entries)


def schemas() -> SchemaSet:
    return SchemaSet(PROJECT / "schema")
