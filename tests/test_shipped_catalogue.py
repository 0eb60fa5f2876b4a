"""The catalogue the project ships is valid today: no errors and no warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.findings import sort_findings
from innokatalog.load import load_catalogue
from innokatalog.news import is_post_file
from innokatalog.schema import SchemaSet
from innokatalog.validate import Options, validate

PROJECT = Path(__file__).resolve().parents[1]
SHIPPED = PROJECT / "catalogue"


def test_shipped_catalogue_has_no_findings(schema_set: SchemaSet, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    findings = sort_findings(validate(load_catalogue(SHIPPED), schema_set, Options(today=dt.date.today())))
    assert findings == [], "\n".join(
        f"{f.path}:{f.line}:{f.column}: {f.message} [{f.code}]" for f in findings
    )


def test_shipped_catalogue_has_entries_of_every_kind() -> None:
    loaded = load_catalogue(SHIPPED)
    assert {entry.kind for entry in loaded.entries} == {"unit", "testbed", "project", "contact"}
    assert loaded.files == len(loaded.entries)


def test_shipped_catalogue_passes_the_strict_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command adds the project's own checks (CODEOWNERS in step with the units, news posts)."""
    monkeypatch.chdir(PROJECT)
    result = CliRunner().invoke(main, ["validate", "--strict"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    posts = [p for p in (PROJECT / "site" / "news").glob("*.md") if is_post_file(p)]
    files = len(load_catalogue(SHIPPED).entries) + len(posts)
    assert result.output == f"0 errors, 0 warnings in {files} files\n"
