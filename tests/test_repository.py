"""The repository's conventions: workflows, issue forms and pre-commit hooks that match the project."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from innokatalog.cli import main
from innokatalog.schema import SchemaSet

from .conftest import PROJECT

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
FORMS = PROJECT / ".github" / "ISSUE_TEMPLATE"
# Each issue form that proposes a new entry, and the kind of entry it proposes.
ENTRY_FORMS = {"ny-testbadd.yml": "testbed", "ny-kontaktvag.yml": "contact"}


def make_targets() -> set[str]:
    text = (PROJECT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


def commands_in(run: str) -> list[list[str]]:
    """The commands of a `run:` block, one word list per line (continuations joined)."""
    return [shlex.split(line) for line in run.replace("\\\n", " ").splitlines() if line.strip()]


def run_blocks(workflow: dict[str, Any]) -> list[str]:
    return [
        step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step
    ]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_name_only_commands_that_exist(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["jobs"], path.name
    unknown = []
    for run in run_blocks(workflow):
        for words in commands_in(run):
            program = Path(words[0]).name
            if program == "make":
                unknown += [
                    f"make {t}" for t in words[1:] if not t.startswith("-") and t not in make_targets()
                ]
            elif program == "catalogue":
                if words[1] not in main.commands:
                    unknown.append(" ".join(words[:2]))
                else:
                    options = {o for p in main.commands[words[1]].params for o in getattr(p, "opts", [])}
                    unknown += [w for w in words[2:] if w.startswith("--") and w.split("=")[0] not in options]
            else:
                unknown.append(program)
            if words[0].startswith(".venv/bin/"):
                assert program in ("catalogue", "pytest", "ruff"), words[0]
    assert not unknown, f"{path.name} names what the project does not have: {unknown}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_pin_actions_by_version(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    uses = [
        step["uses"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "uses" in step
    ]
    assert uses
    loose = [u for u in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+", u)]
    assert not loose, f"{path.name}: actions not pinned to a full version: {loose}"


def form_fields(name: str) -> dict[str, dict[str, Any]]:
    form = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    return {element["id"]: element for element in form["body"] if element.get("id")}


@pytest.mark.parametrize(("name", "kind"), ENTRY_FORMS.items())
def test_issue_forms_ask_for_the_fields_the_schema_requires(
    name: str, kind: str, schema_set: SchemaSet
) -> None:
    fields = form_fields(name)
    required_in_form = {
        key for key, element in fields.items() if element.get("validations", {}).get("required")
    }
    required_by_schema = {f.name for f in schema_set.fields(kind) if f.required} - {
        "id"
    }  # maintainers pick the id
    assert required_in_form == required_by_schema


@pytest.mark.parametrize(("name", "kind"), ENTRY_FORMS.items())
def test_issue_form_choices_are_the_schemas_values(name: str, kind: str, schema_set: SchemaSet) -> None:
    schemas = {f.name: f.schema for f in schema_set.fields(kind)}
    base = schema_set.documents["defs.schema.json"]["$id"]
    for key, element in form_fields(name).items():
        if element["type"] not in ("dropdown", "checkboxes"):
            continue
        options = element["attributes"]["options"]
        offered = [o["label"] if isinstance(o, dict) else o for o in options]
        schema = schemas[key]
        if schema.get("type") == "array":
            schema = schema_set.resolve(schema["items"], base)[0]
        assert offered == schema["enum"], (name, key)


def test_the_outdated_information_form_asks_which_page_and_what_is_wrong() -> None:
    fields = form_fields("inaktuell-uppgift.yml")
    assert all(fields[key]["validations"]["required"] for key in ("page", "what"))


def test_pre_commit_hook_runs_the_validator_on_entry_files() -> None:
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "catalogue-validate")
    words = shlex.split(hook["entry"])
    assert words[0] == "catalogue" and words[1] in main.commands
    assert re.search(hook["files"], "catalogue/testbeds/openlab.yml")
    assert not re.search(hook["files"], "site/index.md")
