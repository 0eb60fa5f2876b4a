"""`catalogue validate` through Click: exit status, output formats, options, help, and relative paths."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from innokatalog.cli import main

PROJECT = Path(__file__).resolve().parents[1]
SCHEMA = str(PROJECT / "schema")
FIXTURES = Path(__file__).parent / "fixtures"
ENUM_LINE = (
    "catalogue/testbeds/openlab.yml:11:9: error: 'status' must be one of planned, active, closed "
    "(got 'aktiv') [enum]"
)


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    # never a traceback: the only exception allowed is the exit itself
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def set_reviewed(path: Path, value: str) -> None:
    text, count = re.subn(
        r"^confirmed: .*$", f'confirmed: "{value}"', path.read_text(encoding="utf-8"), flags=re.M
    )
    assert count == 1
    path.write_text(text, encoding="utf-8")


# --- exit status -------------------------------------------------------------------------------


def test_valid_catalogue_exits_0(catalogue: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert result.output == "0 errors, 0 warnings in 4 files\n"


def test_valid_catalogue_given_as_argument(catalogue: Path) -> None:
    result = run("validate", "catalogue", "--schema-dir", SCHEMA)
    assert (result.exit_code, result.output) == (0, "0 errors, 0 warnings in 4 files\n")


def test_errors_exit_1(catalogue: Path) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    result = run("validate")
    assert result.exit_code == 1
    assert result.output == f"{ENUM_LINE}\n1 error, 0 warnings in 4 files\n"


def test_warnings_exit_0_unless_strict(catalogue: Path) -> None:
    edit(catalogue / "testbeds/openlab.yml", "  en: OpenLab\n", "")
    expected = (
        "catalogue/testbeds/openlab.yml:3:3: warning: 'name' has no English text: add 'en:' [missing-english]\n"
        "0 errors, 1 warning in 4 files\n"
    )
    result = run("validate")
    assert (result.exit_code, result.output) == (0, expected)
    result = run("validate", "--strict")
    assert (result.exit_code, result.output) == (1, expected)


def test_strict_on_a_valid_catalogue_exits_0(catalogue: Path) -> None:
    assert run("validate", "--strict").exit_code == 0


def test_stale_after(catalogue: Path) -> None:
    set_reviewed(catalogue / "testbeds/openlab.yml", "2000-01-01")
    result = run("validate")
    assert result.exit_code == 0
    assert result.output == (
        "catalogue/testbeds/openlab.yml:25:12: warning: last confirmed by the owning unit on 2000-01-01, "
        "12 or more months ago: ask the unit to check the entry and update 'confirmed' [stale]\n"
        "0 errors, 1 warning in 4 files\n"
    )
    result = run("validate", "--stale-after", "3")
    assert "on 2000-01-01, 3 or more months ago" in result.output
    result = run("validate", "--stale-after", "100000", "--strict")
    assert (result.exit_code, result.output) == (0, "0 errors, 0 warnings in 4 files\n")


def test_missing_catalogue_folder_argument_exits_2(catalogue: Path) -> None:
    result = run("validate", "nowhere")
    assert result.exit_code == 2
    assert "Path 'nowhere' does not exist" in result.output


def test_missing_default_catalogue_folder_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--schema-dir", SCHEMA)
    assert result.exit_code == 2
    assert "no catalogue folder here: 'catalogue' does not exist" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bogus"], r"No such option:? '?--bogus"),
        (["--format", "xml"], r"Invalid value for '--format'"),
        (["--stale-after", "0"], r"Invalid value for '--stale-after'"),
        (["--stale-after", "soon"], r"Invalid value for '--stale-after'"),
        (["--schema-dir", "no-such-folder"], r"Invalid value for '--schema-dir'"),
    ],
    ids=["unknown-option", "bad-format", "stale-after-zero", "stale-after-text", "missing-schema-dir"],
)
def test_bad_option_exits_2(catalogue: Path, args: list[str], message: str) -> None:
    result = run("validate", *args)
    assert result.exit_code == 2
    assert re.search(message, result.output), result.output
    assert "errors" not in result.output  # nothing was validated


@pytest.mark.parametrize("command", ["validate", "report", "export", "new"])
def test_a_schema_folder_without_the_schemas_exits_2(catalogue: Path, tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty-schemas"
    empty.mkdir()
    args = [command, "unit", "--no-input"] if command == "new" else [command]
    result = run(*args, "--schema-dir", str(empty))
    assert result.exit_code == 2, result.output
    assert "schema files missing" in result.output and "unit.schema.json" in result.output


def test_a_broken_schema_file_exits_2_and_names_it(catalogue: Path) -> None:
    (catalogue.parent / "schema" / "testbed.schema.json").write_text("{ not json", encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 2
    assert re.search(r"testbed\.schema\.json:1:\d+: not valid JSON", result.output), result.output


# --- formats -----------------------------------------------------------------------------------


def test_json_format(catalogue: Path) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    edit(catalogue / "testbeds/openlab.yml", "  en: OpenLab\n", "")
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "findings": [
            {
                "path": "catalogue/testbeds/openlab.yml",
                "line": 3,
                "column": 3,
                "severity": "warning",
                "code": "missing-english",
                "message": "'name' has no English text: add 'en:'",
                "field": "name",
                "source": "",
                "example": "",
            },
            {
                "path": "catalogue/testbeds/openlab.yml",
                "line": 10,
                "column": 9,
                "severity": "error",
                "code": "enum",
                "message": "'status' must be one of planned, active, closed (got 'aktiv')",
                "field": "status",
                "source": "",
                "example": "",
            },
        ],
        "summary": {"errors": 1, "warnings": 1, "files": 4},
    }


def test_json_format_of_a_valid_catalogue(catalogue: Path) -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"findings": [], "summary": {"errors": 0, "warnings": 0, "files": 4}}


def test_github_format(catalogue: Path) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    result = run("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.output == (
        "::error file=catalogue/testbeds/openlab.yml,line=11,col=9,title=enum::"
        "'status' must be one of planned, active, closed (got 'aktiv')\n"
        "1 error, 0 warnings in 4 files\n"
    )


def test_findings_sorted_by_file_then_line(catalogue: Path) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    edit(catalogue / "testbeds/openlab.yml", "kind: living-lab", "kind: lab")
    edit(catalogue / "testbeds/openlab.yml", "  cost_model: free", "  cost_model: gratis")
    edit(catalogue / "projects/vard-hemma.yml", "status: completed", "status: done")
    edit(catalogue / "contacts/testbaddar.yml", "response_days: 5", "response_days: 0")
    result = run("validate")
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.output.splitlines()] == [
        "catalogue/contacts/testbaddar.yml:16:16",
        "catalogue/projects/vard-hemma.yml:10:9",
        "catalogue/testbeds/openlab.yml:10:7",
        "catalogue/testbeds/openlab.yml:11:9",
        "catalogue/testbeds/openlab.yml:16:15",
        "5 errors, 0 warnings in 4 files",
    ]


def test_loader_findings_come_through_the_cli(catalogue: Path) -> None:
    (catalogue / "testbeds" / "trasig.yml").write_bytes(b"id: trasig\nname: \xff\n")
    (catalogue / "testbed").mkdir()
    result = run("validate")
    assert result.exit_code == 1
    assert result.output == (
        "catalogue/testbed:1:1: error: 'testbed' is not a kind folder; entries go in units, testbeds, "
        "projects, contacts, opportunities; did you mean 'testbeds'? [unknown-kind]\n"
        "catalogue/testbeds/trasig.yml:2:7: error: the file is not valid UTF-8; save it as UTF-8 [encoding]\n"
        "2 errors, 0 warnings in 5 files\n"
    )


# --- paths -------------------------------------------------------------------------------------


def test_paths_are_relative_to_the_working_folder_for_an_absolute_argument(catalogue: Path) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    result = run("validate", str(catalogue.resolve()), "--schema-dir", SCHEMA)
    assert result.output.splitlines()[0] == ENUM_LINE


def test_paths_are_relative_to_the_working_folder_inside_the_catalogue(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    edit(catalogue / "units/innovationsenheten.yml", "type: office", "type: kontor")
    monkeypatch.chdir(catalogue / "testbeds")
    result = run("validate", "..", "--schema-dir", SCHEMA)
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.output.splitlines()] == [
        "../units/innovationsenheten.yml:8:7",
        "openlab.yml:11:9",
        "2 errors, 0 warnings in 4 files",
    ]


def test_entry_files_as_targets_report_them_and_what_refers_to_them(catalogue: Path) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    edit(catalogue / "projects/vard-hemma.yml", "status: completed", "status: done")
    edit(catalogue / "contacts/testbaddar.yml", "response_days: 5", "response_days: 0")
    result = run("validate", "catalogue/testbeds/openlab.yml")
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.output.splitlines()] == [
        "catalogue/projects/vard-hemma.yml:10:9",  # it refers to openlab
        "catalogue/testbeds/openlab.yml:11:9",
        "2 errors, 0 warnings in 2 files",
    ]


def test_a_kind_folder_reports_its_files_only(catalogue: Path) -> None:
    result = run("validate", "catalogue/testbeds/")
    assert (result.exit_code, result.output) == (0, "0 errors, 0 warnings in 1 file\n")  # no misplaced-file
    edit(catalogue / "units/innovationsenheten.yml", "type: office", "type: kontor")
    assert run("validate", "catalogue/testbeds").exit_code == 0  # the unit's error is not this folder's
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    result = run("validate", "catalogue/testbeds")
    assert (result.exit_code, result.output) == (1, f"{ENUM_LINE}\n1 error, 0 warnings in 1 file\n")


def test_inside_a_kind_folder_a_file_validates_without_options(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project is found by walking up to the folder with catalogue/ and schema/."""
    monkeypatch.chdir(catalogue / "testbeds")
    assert run("validate", "openlab.yml").exit_code == 0
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    result = run("validate", "openlab.yml")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("openlab.yml:11:9: error: 'status' must be one of")
    result = run("validate")  # the whole catalogue, paths from where the user stands
    assert [line.split(": ")[0] for line in result.output.splitlines()] == [
        "openlab.yml:11:9",
        "1 error, 0 warnings in 4 files",
    ]
    assert run("validate", ".").output.splitlines()[0].startswith("openlab.yml:11:9:")


def test_a_file_validates_from_outside_the_project(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = catalogue.parent / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    result = run("validate", str(catalogue / "testbeds" / "openlab.yml"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("../catalogue/testbeds/openlab.yml:11:9: error:")


def test_a_catalogue_repository_without_schemas_uses_the_shipped_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the pre-commit hook runs in a repository that holds only catalogue/."""
    shutil.copytree(FIXTURES / "valid" / "catalogue", tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    assert not (tmp_path / "schema").exists()
    result = run("validate", "--stale-after", "600", "catalogue/testbeds/openlab.yml")
    assert (result.exit_code, result.output) == (0, "0 errors, 0 warnings in 2 files\n")
    edit(tmp_path / "catalogue/testbeds/openlab.yml", "status: active", "status: aktiv")
    assert run("validate", "--stale-after", "600").output.splitlines()[0] == ENUM_LINE


def test_codeowners_out_of_step_is_a_warning(catalogue: Path) -> None:
    edit(
        catalogue / "units/innovationsenheten.yml",
        "type: office\n",
        "type: office\ngithub_team: '@org/innovation'\n",
    )
    result = run("validate")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith(".github/CODEOWNERS:1:1: warning: ")
    assert result.output.splitlines()[0].endswith("[codeowners-outdated]")
    assert run("codeowners").exit_code == 0
    assert run("validate", "--strict").output == "0 errors, 0 warnings in 4 files\n"


# --- help --------------------------------------------------------------------------------------


def _options(command: click.Command) -> list[str]:
    return [
        opt for param in command.params for opt in (*param.opts, *param.secondary_opts) if opt.startswith("-")
    ]


def test_main_help_lists_every_option_and_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Usage: main [OPTIONS] COMMAND [ARGS]..." in result.output
    for option in [*_options(main), "--help", "-h", "--version"]:
        assert option in result.output, option
    for command in main.commands:
        assert re.search(rf"^  {command}\b", result.output, re.M), command
    assert run("-h").output == result.output


def test_validate_help_mentions_every_option() -> None:
    result = run("validate", "--help")
    assert result.exit_code == 0
    options = _options(main.commands["validate"])
    assert {"--format", "--strict", "--stale-after", "--schema-dir"} <= set(options)
    for option in [*options, "--help", "-h"]:
        assert option in result.output, option
    assert "[github|json|text]" in result.output
    assert "MONTHS" in result.output
    assert "default: 12" in result.output
    assert "2 usage error" in " ".join(result.output.split())
    assert run("validate", "-h").output == result.output


# --- YAML mistakes in the text output -------------------------------------------------------------


def test_a_syntax_finding_shows_the_line_a_caret_and_the_right_way(catalogue: Path) -> None:
    edit(catalogue / "testbeds/openlab.yml", "  en: OpenLab\n", "    en: OpenLab\n")
    result = run("validate")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("catalogue/testbeds/openlab.yml:"))
    assert lines[at].startswith(
        "catalogue/testbeds/openlab.yml:4:5: error: 'en:' is indented more than 'sv:' on line 3"
    )
    assert lines[at].endswith("[yaml-indentation]")
    assert lines[at + 1 : at + 4] == [
        "  4 |     en: OpenLab",
        "    |     ^",
        "    = write it like this:   en: OpenLab",
    ]


def test_a_syntax_finding_in_json_carries_the_line_and_the_example(catalogue: Path) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status:active")
    report = json.loads(run("validate", "--format", "json").stdout)
    (finding,) = [f for f in report["findings"] if f["path"] == "catalogue/testbeds/openlab.yml"]
    assert (finding["code"], finding["source"], finding["example"]) == (
        "yaml-colon-space",
        "status:active",
        "status: active",
    )


def test_build_works_from_inside_the_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`catalogue build` from catalogue/testbeds/ builds the project's site into its own public/."""
    project = tmp_path / "project"
    for name in ("schema", "site", "catalogue", "reports"):
        shutil.copytree(PROJECT / name, project / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(PROJECT / name, project / name)
    monkeypatch.chdir(project / "catalogue" / "testbeds")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (project / "public" / "index.html").is_file()
    assert not (project / "catalogue" / "testbeds" / "public").exists()
