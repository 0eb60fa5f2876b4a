"""Where the conformance material (others' test data: the YAML test suite, the DCAT-AP shapes) is.

It is not copied into the project. Tests read it from the folder that CATALOGUE_CONFORMANCE names,
by default `../shared/conformance` beside the checkout. Where it is absent, the tests that need it
are skipped with one line saying what is missing and how to supply it; with
CATALOGUE_REQUIRE_CONFORMANCE=1 (set by `.ci/run`) the absence fails them instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
FOLDER_VARIABLE = "CATALOGUE_CONFORMANCE"
REQUIRE_VARIABLE = "CATALOGUE_REQUIRE_CONFORMANCE"


def conformance_dir() -> Path:
    """The folder CATALOGUE_CONFORMANCE names, else `../shared/conformance` beside the checkout."""
    named = os.environ.get(FOLDER_VARIABLE, "").strip()
    return Path(named).expanduser().resolve() if named else PROJECT.parent / "shared" / "conformance"


def required() -> bool:
    return os.environ.get(REQUIRE_VARIABLE, "").strip() not in ("", "0")


def missing_message(path: Path) -> str:
    """One line for every test that lacks the material, so pytest folds their skips into one."""
    where = conformance_dir()
    what = f"{where} does not exist" if not where.is_dir() else f"{path} is missing"
    return (
        f"conformance material not found ({what}): set {FOLDER_VARIABLE} to the folder holding "
        f"yaml-test-suite-errors/ and dcat-ap/ (see README.md, 'Conformance tests')"
    )


def material(name: str) -> Path:
    """The subfolder `name` of the conformance folder; skips (or fails, when required) if absent."""
    path = conformance_dir() / name
    if not path.is_dir():
        if required():
            pytest.fail(f"{missing_message(path)} ({REQUIRE_VARIABLE} is set, so this is an error)")
        pytest.skip(missing_message(path))
    return path
