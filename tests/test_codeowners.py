"""CODEOWNERS: the owning unit's team reviews its entries; a fallback team the rest; warnings say what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from innokatalog.cli import main
from innokatalog.codeowners import HEADER, expected_codeowners, team_findings
from innokatalog.load import load_catalogue
from innokatalog.model import Catalogue
from innokatalog.project import Project

from .conftest import PROJECT

OTHER_UNIT = """id: stadsledning
name:
  sv: Stadsledningskontoret
  en: The City Executive Office
summary:
  sv: Kontoret som leder staden.
  en: The office that leads the city.
type: administration
confirmed: "{today}"
sources:
  - title: Stockholms stads innovationsstrategi
    publisher: Stockholms stad
    section: "1 Inledning"
"""


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def give_team(catalogue: Path, team: str = "@org/innovation") -> None:
    path = catalogue / "units" / "innovationsenheten.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("type: office\n", f"type: office\ngithub_team: '{team}'\n"), encoding="utf-8"
    )


def add_unit_without_team(catalogue: Path) -> None:
    reviewed = next(
        line.split('"')[1]
        for line in (catalogue / "units" / "innovationsenheten.yml").read_text().splitlines()
        if line.startswith("confirmed:")
    )
    (catalogue / "units" / "stadsledning.yml").write_text(OTHER_UNIT.format(today=reviewed), encoding="utf-8")
    path = catalogue / "testbeds" / "openlab.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("unit: innovationsenheten", "unit: stadsledning"), encoding="utf-8")


def set_fallback(project: Path, team: str) -> None:
    (project / "pyproject.toml").write_text(
        f'[tool.catalogue]\nfallback_reviewers = "{team}"\n', encoding="utf-8"
    )


def test_no_teams_and_no_fallback_give_an_empty_file_and_no_warnings(catalogue: Path) -> None:
    loaded = load_catalogue(catalogue)
    assert expected_codeowners(Catalogue(loaded.entries)) == HEADER
    assert team_findings(loaded.entries, "") == []  # review by teams is not in use yet


def test_each_entry_goes_to_its_units_team_after_the_fallback(catalogue: Path) -> None:
    give_team(catalogue)
    add_unit_without_team(catalogue)
    text = expected_codeowners(Catalogue(load_catalogue(catalogue).entries), fallback="@org/editors")
    assert text.splitlines()[1:] == [
        "/catalogue/ @org/editors",  # first: in CODEOWNERS the last matching line wins
        "/catalogue/units/innovationsenheten.yml @org/innovation",
        "/catalogue/projects/vard-hemma.yml @org/innovation",
        "/catalogue/contacts/testbaddar.yml @org/innovation",
    ]


def test_once_teams_are_in_use_a_unit_without_one_is_warned(catalogue: Path) -> None:
    give_team(catalogue)
    add_unit_without_team(catalogue)
    assert run("codeowners").exit_code == 0
    result = run("validate")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "catalogue/units/stadsledning.yml:1:5: warning: this unit has no 'github_team', so changes to its "
        "entries are reviewed by no one in particular: add the unit's GitHub team, such as github_team: "
        "'@organisation/team' (the repository's administrators create the team), then run "
        "'catalogue codeowners' [missing-github-team]",
        "0 errors, 1 warning in 5 files",
    ]


def test_the_fallback_setting_is_written_and_named(catalogue: Path) -> None:
    add_unit_without_team(catalogue)
    set_fallback(catalogue.parent, "@org/editors")
    result = run("validate")
    assert "[codeowners-outdated]" in result.output
    assert "are reviewed by the fallback team @org/editors" in result.output
    assert run("codeowners").output == "Wrote .github/CODEOWNERS\n"
    codeowners = (catalogue.parent / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert codeowners == HEADER + "/catalogue/ @org/editors\n"
    assert "[codeowners-outdated]" not in run("validate").output


def test_a_fallback_that_is_not_a_team_is_an_error(catalogue: Path) -> None:
    set_fallback(catalogue.parent, "editors")
    result = run("validate")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "pyproject.toml:1:1: error: 'fallback_reviewers' in [tool.catalogue] must be a GitHub team such "
        "as '@organisation/team' (got 'editors'), or empty [fallback-reviewers]"
    )
    assert run("codeowners").exit_code == 2


def test_codeowners_works_from_inside_the_catalogue(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    give_team(catalogue)
    monkeypatch.chdir(catalogue / "testbeds")
    assert run("codeowners").output == "Wrote ../../.github/CODEOWNERS\n"
    assert (catalogue.parent / ".github" / "CODEOWNERS").is_file()


def test_the_shipped_repository_names_no_fallback_team() -> None:
    """No team names are invented: the setting ships empty, for each repository to fill in."""
    assert Project.around(PROJECT).setting("fallback_reviewers", "unset") == ""
