"""The fixture catalogue with dated `compiled` and `confirmed` fields (tests/fixtures/fresh).

Three entries are overdue on TODAY and two were never confirmed; tests pass TODAY so the dates
never drift.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from innokatalog.load import load_catalogue
from innokatalog.model import Catalogue

FRESH = Path(__file__).parent / "fixtures" / "fresh" / "catalogue"
TODAY = dt.date(2026, 12, 1)


def fresh_catalogue() -> Catalogue:
    loaded = load_catalogue(FRESH)
    assert not loaded.findings, loaded.findings
    return Catalogue(loaded.entries)
