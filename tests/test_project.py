"""Project: found from wherever the user stands; schemas from schema/, else the ones shipped inside the package."""

from __future__ import annotations

from pathlib import Path

from innokatalog.project import PACKAGED_SCHEMAS, Project, catalogue_of, find_root, is_kind_folder


def make_project(root: Path, *, schemas: bool = True) -> Path:
    (root / "catalogue" / "testbeds").mkdir(parents=True)
    (root / "catalogue" / "units").mkdir()
    if schemas:
        (root / "schema").mkdir()
    return root


def test_the_root_is_found_from_any_folder_below_it(tmp_path: Path) -> None:
    root = make_project(tmp_path / "katalog")
    (root / "site" / "news").mkdir(parents=True)
    for start in (root, root / "catalogue", root / "catalogue" / "testbeds", root / "site" / "news"):
        assert find_root(start) == root.resolve(), start
    entry = root / "catalogue" / "testbeds" / "openlab.yml"
    entry.write_text("id: openlab\n", encoding="utf-8")
    assert find_root(entry) == root.resolve()


def test_a_folder_with_catalogue_and_schema_wins_over_a_nearer_catalogue_alone(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    inner = make_project(root / "tests" / "fixture", schemas=False)
    assert find_root(inner) == root.resolve()


def test_outside_any_project_there_is_no_root(tmp_path: Path) -> None:
    assert find_root(tmp_path) is None
    project = Project.around(tmp_path)
    assert (project.root, project.catalogue_dir) == (None, tmp_path / "catalogue")


def test_a_catalogue_repository_without_schema_uses_the_packaged_schemas(tmp_path: Path) -> None:
    root = make_project(tmp_path, schemas=False)
    assert Project.around(root / "catalogue").schema_dir == PACKAGED_SCHEMAS
    assert Project.around(make_project(tmp_path / "own").resolve()).schema_dir == (
        tmp_path / "own" / "schema"
    )


def test_kind_folders_and_the_catalogue_they_belong_to(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert is_kind_folder(root / "catalogue" / "testbeds")
    assert not is_kind_folder(root / "catalogue")
    entry = root / "catalogue" / "units" / "u.yml"
    entry.write_text("id: u\n", encoding="utf-8")
    assert catalogue_of(entry) == (root / "catalogue").resolve()
    assert catalogue_of(root / "catalogue" / "testbeds") == (root / "catalogue").resolve()
    assert catalogue_of(root / "README.md") is None


def test_settings_come_from_tool_catalogue_in_pyproject(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    project = Project.around(root)
    assert project.setting("fallback_reviewers", "none") == "none"  # no pyproject.toml
    (root / "pyproject.toml").write_text('[tool.catalogue]\nfallback_reviewers = " @org/x "\n', "utf-8")
    assert project.setting("fallback_reviewers") == "@org/x"
    (root / "pyproject.toml").write_text("[tool.catalogue\n", encoding="utf-8")  # broken: the default
    assert project.setting("fallback_reviewers", "none") == "none"
