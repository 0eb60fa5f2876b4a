"""Findings and reporters: the exact text, JSON and GitHub formats, the summary line, and the order."""

from __future__ import annotations

import ast
import io
import json
import os
import re
from pathlib import Path

import pytest

from innokatalog.findings import (
    ERROR,
    REPORTERS,
    WARNING,
    Finding,
    GithubReporter,
    JsonReporter,
    Summary,
    TextReporter,
    display_file_path,
    display_path,
    sort_findings,
)

from .conftest import PROJECT

ENUM = Finding(
    "catalogue/testbeds/openlab.yml",
    11,
    9,
    ERROR,
    "enum",
    "'status' must be one of planned, active, closed (got 'aktiv')",
    "status",
)
REQUIRED = Finding(
    "catalogue/testbeds/openlab.yml", 1, 1, ERROR, "required", "'contact' is required (Contact path): add it"
)
UNUSED = Finding(
    "catalogue/units/tom.yml",
    1,
    5,
    WARNING,
    "unused",
    "this unit is not used: no entry names it as 'unit', 'parent' or 'partners'",
    "id",
)


def report(reporter_class, findings: list[Finding], summary: Summary) -> str:
    stream = io.StringIO()
    reporter_class(stream, color=False).report(findings, summary)
    return stream.getvalue()


@pytest.mark.parametrize(
    ("errors", "warnings", "files", "text"),
    [
        (2, 1, 37, "2 errors, 1 warning in 37 files"),
        (1, 0, 1, "1 error, 0 warnings in 1 file"),
        (0, 2, 0, "0 errors, 2 warnings in 0 files"),
        (0, 0, 4, "0 errors, 0 warnings in 4 files"),
        (11, 21, 101, "11 errors, 21 warnings in 101 files"),
    ],
)
def test_summary_line(errors: int, warnings: int, files: int, text: str) -> None:
    assert str(Summary(errors, warnings, files)) == text


def test_summary_counts_errors_and_warnings() -> None:
    assert Summary.of([ENUM, REQUIRED, UNUSED], 37) == Summary(errors=2, warnings=1, files=37)
    assert Summary.of([], 0) == Summary(errors=0, warnings=0, files=0)


def test_text_format() -> None:
    output = report(TextReporter, [REQUIRED, ENUM, UNUSED], Summary(2, 1, 37))
    assert output == (
        "catalogue/testbeds/openlab.yml:1:1: error: 'contact' is required (Contact path): add it [required]\n"
        "catalogue/testbeds/openlab.yml:11:9: error: 'status' must be one of planned, active, closed "
        "(got 'aktiv') [enum]\n"
        "catalogue/units/tom.yml:1:5: warning: this unit is not used: no entry names it as 'unit', "
        "'parent' or 'partners' [unused]\n"
        "2 errors, 1 warning in 37 files\n"
    )


def test_text_format_with_nothing_to_report() -> None:
    assert report(TextReporter, [], Summary(0, 0, 4)) == "0 errors, 0 warnings in 4 files\n"


def test_text_colour_only_when_asked() -> None:
    stream = io.StringIO()
    TextReporter(stream, color=True).report([ENUM, UNUSED], Summary(1, 1, 2))
    coloured = stream.getvalue()
    assert "\x1b[31m" in coloured and "\x1b[33m" in coloured  # red error, yellow warning
    assert "\x1b[" not in report(TextReporter, [ENUM, UNUSED], Summary(1, 1, 2))


def test_json_format() -> None:
    output = report(JsonReporter, [REQUIRED, ENUM, UNUSED], Summary(2, 1, 37))
    assert output.endswith("}\n")
    assert json.loads(output) == {
        "findings": [
            {
                "path": "catalogue/testbeds/openlab.yml",
                "line": 1,
                "column": 1,
                "severity": "error",
                "code": "required",
                "message": "'contact' is required (Contact path): add it",
                "field": "",
                "source": "",
                "example": "",
            },
            {
                "path": "catalogue/testbeds/openlab.yml",
                "line": 11,
                "column": 9,
                "severity": "error",
                "code": "enum",
                "message": "'status' must be one of planned, active, closed (got 'aktiv')",
                "field": "status",
                "source": "",
                "example": "",
            },
            {
                "path": "catalogue/units/tom.yml",
                "line": 1,
                "column": 5,
                "severity": "warning",
                "code": "unused",
                "message": "this unit is not used: no entry names it as 'unit', 'parent' or 'partners'",
                "field": "id",
                "source": "",
                "example": "",
            },
        ],
        "summary": {"errors": 2, "warnings": 1, "files": 37},
    }


def test_json_keeps_non_ascii_text_readable() -> None:
    finding = Finding("catalogue/units/å.yml", 2, 3, ERROR, "type", "'name.sv' must be text (got 'Vård')")
    output = report(JsonReporter, [finding], Summary(1, 0, 1))
    assert "Vård" in output and "\\u00e5" not in output
    assert json.loads(output)["findings"][0]["path"] == "catalogue/units/å.yml"


def test_json_with_nothing_to_report() -> None:
    assert json.loads(report(JsonReporter, [], Summary(0, 0, 4))) == {
        "findings": [],
        "summary": {"errors": 0, "warnings": 0, "files": 4},
    }


def test_github_format() -> None:
    output = report(GithubReporter, [ENUM, UNUSED], Summary(1, 1, 37))
    assert output == (
        "::error file=catalogue/testbeds/openlab.yml,line=11,col=9,title=enum::"
        "'status' must be one of planned, active, closed (got 'aktiv')\n"
        "::warning file=catalogue/units/tom.yml,line=1,col=5,title=unused::"
        "this unit is not used: no entry names it as 'unit', 'parent' or 'partners'\n"
        "1 error, 1 warning in 37 files\n"
    )


def test_github_escaping() -> None:
    finding = Finding("odd,dir/a:b%.yml", 3, 4, ERROR, "yaml-syntax", "100% sure: line one\r\nline two, here")
    output = report(GithubReporter, [finding], Summary(1, 0, 1))
    assert output.splitlines()[0] == (
        "::error file=odd%2Cdir/a%3Ab%25.yml,line=3,col=4,title=yaml-syntax::100%25 sure: line one%0D%0Aline two, here"
    )


def test_reporters_by_name() -> None:
    assert {"text": TextReporter, "json": JsonReporter, "github": GithubReporter} == REPORTERS


def test_sorting_by_file_then_line_then_column_and_without_repeats() -> None:
    def at(path: str, line: int, column: int = 1, code: str = "x") -> Finding:
        return Finding(path, line, column, ERROR, code, "m")

    unsorted = [
        at("catalogue/units/b.yml", 2),
        at("catalogue/testbeds/a.yml", 10),
        at("catalogue/testbeds/a.yml", 9, 7),
        at("catalogue/testbeds/a.yml", 9, 3),
        at("catalogue/contacts/z.yml", 100),
        at("catalogue/testbeds/a.yml", 10),
        at("catalogue/testbeds/a.yml", 2, 1, "b"),
        at("catalogue/testbeds/a.yml", 2, 1, "a"),
    ]
    assert [(f.path, f.line, f.column, f.code) for f in sort_findings(unsorted)] == [
        ("catalogue/contacts/z.yml", 100, 1, "x"),
        ("catalogue/testbeds/a.yml", 2, 1, "a"),
        ("catalogue/testbeds/a.yml", 2, 1, "b"),
        ("catalogue/testbeds/a.yml", 9, 3, "x"),
        ("catalogue/testbeds/a.yml", 9, 7, "x"),
        ("catalogue/testbeds/a.yml", 10, 1, "x"),
        ("catalogue/units/b.yml", 2, 1, "x"),
    ]


def test_display_path_is_relative_to_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "work" / "catalogue").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "work")
    assert display_path(tmp_path / "work" / "catalogue" / "units" / "u.yml") == "catalogue/units/u.yml"
    assert display_path(Path("catalogue/./units/u.yml")) == "catalogue/units/u.yml"
    assert display_path(tmp_path / "other" / "u.yml") == "../other/u.yml"


def finding_codes_in_the_source() -> set[str]:
    """Every code the loader and the checks can give: the string arguments of their finding calls."""
    codes: set[str] = set()
    for module in ("load", "validate", "codeowners", "selection", "news"):
        tree = ast.parse((PROJECT / "scripts" / "innokatalog" / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if name in ("Finding", "_Refused") or "finding" in name.lower() or "refus" in name.lower():
                codes |= {
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and re.fullmatch(r"[a-z][a-z-]*", arg.value)
                }
    return codes


def test_every_finding_code_is_documented_in_the_readme() -> None:
    codes = finding_codes_in_the_source()
    assert {"yaml-tab", "unknown-reference", "stale"} <= codes, codes  # the extraction still works
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    undocumented = sorted(code for code in codes if f"`{code}`" not in readme)
    assert not undocumented, f"codes missing from README's 'Finding codes': {undocumented}"


def test_a_files_shown_path_is_the_same_from_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "catalogue" / "testbeds" / "openlab.yml"
    file.parent.mkdir(parents=True)
    file.write_text("id: openlab\n", encoding="utf-8")
    shown = {}
    for where in (tmp_path, file.parent, tmp_path / "catalogue", tmp_path.parent, file.parent / "elsewhere"):
        where.mkdir(exist_ok=True)
        monkeypatch.chdir(where)
        shown[where] = display_file_path(file)
        assert shown[where] == display_path(file)
        assert display_file_path(Path(os.path.relpath(file))) == display_path(file)
    assert shown[tmp_path] == os.path.join("catalogue", "testbeds", "openlab.yml")
    assert shown[file.parent] == "openlab.yml"
    assert shown[file.parent / "elsewhere"] == os.path.join("..", "openlab.yml")
