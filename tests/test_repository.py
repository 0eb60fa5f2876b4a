"""The repository's conventions: workflows, issue forms and pre-commit hooks that match the project."""

from __future__ import annotations

import re
import shlex
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.schema import SchemaSet

from .conftest import PROJECT

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
# Besides make and catalogue, workflows may only install Debian's packages and set the site's address.
SYSTEM_COMMANDS = {"apt-get": "apt-get", "sed": "sed -i"}
PLACEHOLDER_SITE_URL = "https://catalogue.example.org/"
FORMS = PROJECT / ".github" / "ISSUE_TEMPLATE"
# Each issue form that proposes a new entry, and the kind of entry it proposes.
ENTRY_FORMS = {"ny-testbadd.yml": "testbed", "ny-kontaktvag.yml": "contact"}


def make_targets() -> set[str]:
    text = (PROJECT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


def commands_in(run: str) -> list[list[str]]:
    """The commands of a `run:` block, one word list per line and per `&&` (continuations joined)."""
    lines = run.replace("\\\n", " ").splitlines()
    return [shlex.split(part) for line in lines for part in line.split("&&") if part.strip()]


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
            elif program in SYSTEM_COMMANDS:
                expected = SYSTEM_COMMANDS[program].split()
                assert words[: len(expected)] == expected, words
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


def workflow(name: str) -> dict[str, Any]:
    return yaml.safe_load((PROJECT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def test_workflows_run_on_debian_and_install_what_make_needs() -> None:
    """Debian as the README's platform: root, so `make browser` can install Debian's chromium."""
    for name in ("deploy.yml", "pull-request.yml"):
        job = next(iter(workflow(name)["jobs"].values()))
        assert job["container"]["image"].startswith("debian:"), name
        assert "--shm-size" in job["container"]["options"], name  # Chromium crashes in 64 MB
        first = commands_in(job["steps"][0]["run"])
        assert first[-1][:4] == ["apt-get", "install", "-y", "-q"], name
        assert {"python3", "python3-venv", "make", "git"} <= set(first[-1]), name


def test_deploy_publishes_at_the_pages_address_until_site_url_is_set() -> None:
    """The placeholder in mkdocs.yml is replaced by the Pages address; a real site_url is kept."""
    steps = workflow("deploy.yml")["jobs"]["build"]["steps"]
    names = [step.get("uses", step.get("name", "")).split("@")[0] for step in steps]
    configure = names.index("actions/configure-pages")
    (substitute,) = [s for s in steps if "sed" in s.get("run", "")]
    assert (
        names.index("Run the tests (their accessibility run feeds the accessibility statement)") < configure
    )
    assert configure < steps.index(substitute) < names.index("Build the site")
    assert substitute["env"]["PAGES_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert steps[configure]["id"] == "pages"
    (words,) = commands_in(substitute["run"])
    pattern, replacement = re.fullmatch(r"s\|(.*)\|(.*)\|", words[2]).groups()
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = yaml.safe_load(config)["site_url"]
    if site_url == PLACEHOLDER_SITE_URL:  # the substitution must find the line it replaces
        assert re.search(pattern, config, re.MULTILINE), pattern
    else:  # a real address is set: the substitution must leave it alone
        assert not re.search(pattern, config, re.MULTILINE)
    assert replacement == "site_url: ${PAGES_URL%/}/"
    assert words[3] == "mkdocs.yml"


def test_make_has_the_everyday_commands() -> None:
    text = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert {"validate", "new", "serve", "site", "test", "hooks"} <= make_targets()
    assert re.search(r"^serve: .*\n\t\$\(VENV\)/bin/catalogue serve --port \$\(PORT\)$", text, re.M)
    assert re.search(r"^new: .*\n\t\$\(VENV\)/bin/catalogue new \$\(KIND\)$", text, re.M)
    assert "--port" in {o for p in main.commands["serve"].params for o in getattr(p, "opts", [])}


def test_pre_commit_runs_the_projects_own_ruff_and_validator() -> None:
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])  # no second, differently pinned ruff
    assert shlex.split(hooks["ruff"]["entry"])[:2] == [".venv/bin/ruff", "check"]
    assert shlex.split(hooks["ruff-format"]["entry"])[:2] == [".venv/bin/ruff", "format"]
    assert shlex.split(hooks["catalogue-validate"]["entry"]) == [".venv/bin/catalogue", "validate"]
    assert re.search(hooks["catalogue-validate"]["files"], "site/news/2018-bokslut.en.md")
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    test_extras = pyproject["project"]["optional-dependencies"]["test"]
    assert any(re.fullmatch(r"ruff>=[\d.]+,<[\d.]+.*", dep.split("#")[0].strip()) for dep in test_extras)
    assert any(dep.startswith("pre-commit") for dep in test_extras)


def test_the_shipped_hook_finds_schemas_inside_the_package() -> None:
    """In a catalogue repository without schema/, the hook uses the schemas packaged with it."""
    from innokatalog.project import PACKAGED_SCHEMAS

    packaged = sorted(p.name for p in PACKAGED_SCHEMAS.glob("*.schema.json"))
    assert packaged == sorted(p.name for p in (PROJECT / "schema").glob("*.schema.json"))
    for name in packaged:
        assert (PACKAGED_SCHEMAS / name).read_bytes() == (PROJECT / "schema" / name).read_bytes()
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "schemas/*.schema.json" in pyproject["tool"]["setuptools"]["package-data"]["innokatalog"]


# --- the documents show what the commands really print ---------------------------------------------


def test_the_bidra_pages_show_a_real_yaml_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = tmp_path / "catalogue" / "testbeds" / "openlab.yml"
    entry.parent.mkdir(parents=True)
    shutil.copy(PROJECT / "tests" / "fixtures" / "yaml-mistakes" / "unquoted-colon.yml", entry)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["validate", "catalogue/testbeds", "--schema-dir", str(PROJECT / "schema")]
    )
    shown = "\n".join(result.output.splitlines()[:4])
    assert "[yaml-unquoted-colon]" in shown
    for page in ("bidra.md", "bidra.en.md"):
        assert shown in (PROJECT / "site" / page).read_text(encoding="utf-8"), page


def test_contributing_shows_the_hints_catalogue_new_writes(schema_set: SchemaSet) -> None:
    from innokatalog.scaffold import entry_text

    text = entry_text("testbed", {"id": "x"}, schema_set)
    contributing = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = re.search(r"```yaml\n(   # location:.*?)\n   ```", contributing, re.DOTALL).group(1)
    lines = [line.removeprefix("   ") for line in shown.splitlines()]
    assert "\n".join(lines) in text


def test_readme_lists_the_prerequisites_and_true_headings() -> None:
    """A heading that counts commands ("The two set-up commands") lists that many."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "sudo apt-get install python3 python3-venv make git" in readme
    counted = 0
    for number, word in ((2, "two"), (3, "three"), (4, "four")):
        for heading in re.findall(
            rf"^#+ .*\b{word}\b.*\bcommands\b.*$", readme, re.MULTILINE | re.IGNORECASE
        ):
            section = readme.split(heading, 1)[1].split("\n## ", 1)[0]
            blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
            commands = [line for block in blocks for line in block.splitlines() if line.strip()]
            commands += re.findall(r"^\| `make ", section, re.MULTILINE)
            assert len(commands) == number, (heading, commands)
            counted += 1
    assert counted, "no heading counts commands any more: keep this test only while one does"
    assert "make validate" in readme and "make new KIND=testbed" in readme


def test_readme_documents_every_catalogue_command() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The `catalogue` command", 1)[1].split("\n#", 1)[0]
    documented = re.findall(r"^\| `catalogue (\w+)", table, re.MULTILINE)
    assert sorted(documented) == sorted(main.commands)
