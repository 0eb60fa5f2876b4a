"""The catalogue the project ships is valid today: no errors and no warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.findings import sort_findings
from innokatalog.load import load_catalogue
from innokatalog.model import KIND_PLURALS
from innokatalog.news import is_post_file
from innokatalog.schema import SchemaSet
from innokatalog.validate import Options, validate

PROJECT = Path(__file__).resolve().parents[1]
SHIPPED = PROJECT / "catalogue"


# The one warning the shipped catalogue should give: Vinnova's record says "Pågående" without a
# date, for a period that ended in November 2018. It goes once the unit or Vinnova confirms a status.
KNOWN_WARNINGS = [
    (
        "catalogue/projects/innovationsledningssystem-offentliga-organisationer.yml",
        "status-outdated",
    )
]
# The documents the shipped entries are compiled from (../shared/seeds), by title and publisher.
SEED_DOCUMENTS = {
    (
        "Innovationsstrategi för Region Stockholm: Innovationsförmåga till nytta för ett hållbart samhälle",
        "Region Stockholm",
        "2020-03-24",
    ),
    (
        "Stockholms läns landstings första Innovationsbokslut",
        "Stockholms läns landsting, SLL Innovation",
        "2018-10-02",
    ),
    ("Innovationsledningssystem i offentliga organisationer (diarienummer 2016-04507)", "Vinnova", None),
    ("Stockholms stads innovationsstrategi", "Stockholms stad", "2015-10"),
}


def test_shipped_catalogue_has_no_errors_and_only_the_known_warning(
    schema_set: SchemaSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PROJECT)
    findings = sort_findings(validate(load_catalogue(SHIPPED), schema_set, Options(today=dt.date.today())))
    assert [(f.path, f.code) for f in findings] == KNOWN_WARNINGS, "\n".join(
        f"{f.path}:{f.line}:{f.column}: {f.message} [{f.code}]" for f in findings
    )


def test_shipped_catalogue_has_entries_of_every_kind() -> None:
    loaded = load_catalogue(SHIPPED)
    assert {entry.kind for entry in loaded.entries} == set(KIND_PLURALS)
    assert loaded.files == len(loaded.entries)


def test_the_command_reports_the_known_warning_and_strict_fails_on_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command adds the project's own checks (CODEOWNERS in step with the units, news posts)."""
    monkeypatch.chdir(PROJECT)
    count = len(load_catalogue(SHIPPED).entries)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    posts = [p for p in (PROJECT / "site" / "news").glob("*.md") if is_post_file(p)]
    files = count + len(posts)
    assert result.output.endswith(f"[status-outdated]\n0 errors, 1 warning in {files} files\n")
    assert CliRunner().invoke(main, ["validate", "--strict"]).exit_code == 1


def test_every_shipped_entry_names_its_sources_from_the_seed_documents() -> None:
    for entry in load_catalogue(SHIPPED).entries:
        sources = entry.data.get("sources")
        assert sources, entry.path
        for source in sources:
            assert (source["title"], source["publisher"], source.get("date")) in SEED_DOCUMENTS, entry.path
            assert source["section"].strip(), entry.path


def test_shipped_entries_are_compiled_not_confirmed() -> None:
    """No owning unit has checked the shipped entries yet: they say they come from public documents."""
    for entry in load_catalogue(SHIPPED).entries:
        assert dt.date.fromisoformat(entry.data["compiled"]) <= dt.date.today(), entry.path
        assert "confirmed" not in entry.data, entry.path


def test_shipped_entries_give_no_procedures_the_sources_do_not_give() -> None:
    """The seeds describe no access steps, next steps or ways to apply: the entries give none."""
    for entry in load_catalogue(SHIPPED).entries:
        assert "steps" not in (entry.data.get("access") or {}), entry.path
        assert "next_steps" not in entry.data and "steps" not in entry.data, entry.path


def test_shipped_statuses_name_their_source() -> None:
    for entry in load_catalogue(SHIPPED).entries:
        if "status" in entry.data:
            assert entry.data["status_recorded"]["source"]["sv"], entry.path


def test_no_placeholder_periods() -> None:
    """The sources give no start for Innovationsfonden or Cross Innovation; the entries give none."""
    projects = {e.id: e.data for e in load_catalogue(SHIPPED).entries if e.kind == "project"}
    assert "period" not in projects["innovationsfonden"]
    assert "period" not in projects["cross-innovation"]
    assert projects["innovationsledningssystem-offentliga-organisationer"]["period"] == {
        "start": "2016-12",
        "end": "2018-11",
    }
