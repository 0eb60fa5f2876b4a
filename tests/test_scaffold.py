"""`catalogue new`: asks from the schema, checks answers as typed, writes a file that validates."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.load import Entry, load_catalogue, load_file
from innokatalog.scaffold import entry_text
from innokatalog.schema import KINDS, SchemaSet
from innokatalog.validate import _SchemaErrors, validate

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


# --- the optional fields written as hints ---------------------------------------------------------

UNCOMMENT = re.compile(r"^# ( *(?:[a-z_]+:|-))", re.MULTILINE)  # a hint's field or list-item line


@pytest.mark.parametrize("kind", KINDS)
def test_uncommented_hints_are_valid_yaml_whose_empty_values_say_what_to_write(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Following the hint ("remove the '# '") never gives a YAML error or a puzzle, only 'fill this in'."""
    monkeypatch.chdir(tmp_path)
    schema_set = schemas()
    entries = load_catalogue(MINI).entries + load_catalogue(PROJECT / "catalogue").entries
    entry = next(e for e in entries if e.kind == kind)  # a real entry of the kind, the small one first
    required = {f.name for f in schema_set.fields(kind) if f.required}
    data = {name: value for name, value in entry.data.items() if name in required}
    text = entry_text(kind, data, schema_set)
    optional = [f.name for f in schema_set.fields(kind) if not f.required]
    assert all(f"\n# {name}:" in text for name in optional)
    path = tmp_path / "catalogue" / f"{kind}s" / f"{entry.id}.yml"
    path.parent.mkdir(parents=True)
    path.write_text(UNCOMMENT.sub(r"\1", text), encoding="utf-8")

    loaded_entry, load_findings = load_file(path, kind)
    assert load_findings == [] and loaded_entry is not None
    findings = list(_SchemaErrors(schema_set).findings(loaded_entry))
    assert findings, "the uncommented hints have no values yet"
    assert {f.code for f in findings} == {"empty-value"}, [f.message for f in findings]
    assert all(re.search(r"' is empty: write .+, or remove the line$", f.message) for f in findings)
    named = {f.field.split(".")[0].split("[")[0] for f in findings}
    assert named == set(optional)  # every optional field, and nothing else, asks to be filled in


def test_a_mapping_field_given_a_plain_value_lists_its_fields(schema_set: SchemaSet) -> None:
    entry = next(e for e in load_catalogue(MINI).entries if e.kind == "testbed")
    data = {**entry.data, "location": "Solna"}
    (finding,) = _SchemaErrors(schema_set).findings(
        Entry("testbed", entry.id, entry.path, data, entry.positions)
    )
    location = schema_set.document("testbed")["properties"]["location"]  # read from the schema
    fields = [
        f"{name} (required)" if name in location.get("required", []) else name
        for name in location["properties"]
    ]
    assert finding.message == (
        "'location' must be a mapping of fields (got 'Solna'): write its fields on indented lines "
        f"below 'location:': {', '.join(fields)}"
    )
    assert {"municipality", "address", "coordinates"} <= set(location["properties"])


def test_the_last_line_names_the_command_that_works_here(project: Path) -> None:
    result = CliRunner().invoke(main, ["new", "testbed", "--no-input", *TESTBED_OPTIONS])
    assert result.output.splitlines()[-1].endswith("then check it with: catalogue validate")
    (project / "Makefile").write_text("validate:\n\tcatalogue validate\n", encoding="utf-8")
    options = [o.replace("id=new-lab", "id=third-lab") for o in TESTBED_OPTIONS]
    result = CliRunner().invoke(main, ["new", "testbed", "--no-input", *options])
    assert result.output.splitlines()[-1] == (
        "Wrote catalogue/testbeds/third-lab.yml; fill in the optional fields you need, "
        "then check it with: make validate"
    )


def test_new_works_from_inside_the_catalogue(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "catalogue" / "testbeds")
    result = CliRunner().invoke(main, ["new", "testbed", "--no-input", *TESTBED_OPTIONS])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote new-lab.yml;")  # relative to where the user stands
    assert (project / "catalogue" / "testbeds" / "new-lab.yml").is_file()


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
