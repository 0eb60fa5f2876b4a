"""`catalogue new`: asks from the schema, checks answers as typed, writes a file that validates."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.load import load_catalogue
from innokatalog.validate import validate

from .mini import MINI, PROJECT, schemas

TESTBED_OPTIONS = [
    "--set",
    "id=new-lab",
    "--set",
    "name.sv=Nytt labb",
    "--set",
    "name.en=New lab",
    "--set",
    "summary.sv=Ett nytt labb.",
    "--set",
    "summary.en=A new lab.",
    "--set",
    "unit=u1",
    "--set",
    "contact=c1",
    "--set",
    "kind=physical",
    "--set",
    "status=planned",
    "--set",
    "audiences=companies,startups",
    "--set",
    "access.cost_model=free",
    "--set",
    "access.steps[0].sv=Skriv till oss",
    "--set",
    "access.steps[0].en=Write to us",
    "--set",
    "status_recorded.source.sv=Den ansvariga enheten",
    "--set",
    "sources[0].title=Enhetens beskrivning av labbet",
    "--set",
    "sources[0].publisher=Enheten",
    "--set",
    "sources[0].section=Hela dokumentet",
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "catalogue")
    shutil.copytree(PROJECT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _valid(project: Path) -> list:
    return [f for f in validate(load_catalogue(project / "catalogue"), schemas()) if f.is_error]


def test_no_input_writes_a_valid_entry_with_hints(project: Path) -> None:
    result = CliRunner().invoke(main, ["new", "testbed", "--no-input", *TESTBED_OPTIONS])
    assert result.exit_code == 0, result.output
    text = (project / "catalogue/testbeds/new-lab.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/testbed.schema.json"
    assert "# location:" in text and "# ethics:" in text
    assert _valid(project) == []


def test_prompts_take_answers_and_ask_again_with_the_reason(project: Path) -> None:
    answers = (
        "\n".join(
            [
                "t1",  # an id that exists: refused
                "second-lab",
                "Andra labbet",
                "Second lab",
                "Ett labb till.",
                "Another lab.",
                "nowhere",  # unknown unit: refused
                "",  # nothing: refused, the unit is required
                "u1",
                "c1",
                "physical",
                "aktiv",  # not an allowed status: refused
                "active",
                "Den ansvariga enheten",  # where the status comes from
                "The owning unit",
                "companies",
                "free",
                "Enhetens beskrivning",  # the source: title, publisher, section
                "Enheten",
                "Avsnitt 1",
            ]
        )
        + "\n"
    )
    result = CliRunner().invoke(main, ["new", "testbed"], input=answers)
    assert result.exit_code == 0, result.output
    assert "a testbed with the id 't1' already exists" in result.output
    assert "there is no unit 'nowhere'" in result.output
    assert "'unit' is required: type a value" in result.output
    assert "'status' must be one of planned, active, closed (got 'aktiv')" in result.output
    written = (project / "catalogue/testbeds/second-lab.yml").read_text(encoding="utf-8")
    assert f"compiled: '{dt.date.today().isoformat()}'" in written and "\nconfirmed:" not in written
    assert "# confirmed:" in written  # a hint for the owning unit
    assert _valid(project) == []


def test_duplicate_id_is_refused_without_input(project: Path) -> None:
    options = [o.replace("id=new-lab", "id=t1") for o in TESTBED_OPTIONS]
    result = CliRunner().invoke(main, ["new", "testbed", "--no-input", *options])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert "OpenLab" in (project / "catalogue/testbeds/t1.yml").read_text(encoding="utf-8")


def test_missing_field_without_input_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["new", "contact", "--no-input", "--set", "id=x"])
    assert result.exit_code == 2
    assert "name.sv" in result.output


def test_new_opportunity_is_written_into_its_folder(project: Path) -> None:
    options = [
        "id=stipendiet",
        "name.sv=Stipendiet",
        "summary.sv=Ett stipendium.",
        "unit=u1",
        "type=stipend",
        "status=active",
        "status_recorded.source.sv=Den ansvariga enheten",
        "sources[0].title=Stadens strategi",
        "sources[0].publisher=Staden",
        "sources[0].section=2.4",
    ]
    result = CliRunner().invoke(
        main, ["new", "opportunity", "--no-input", *[a for o in options for a in ("--set", o)]]
    )
    assert result.exit_code == 0, result.output
    assert (project / "catalogue/opportunities/stipendiet.yml").is_file()
    assert _valid(project) == []
