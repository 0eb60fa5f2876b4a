"""History from Git: present in a clone with history, absent without error in a shallow one or outside Git."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from innokatalog.history import SHOWN_CHANGES, read_history
from innokatalog.load import load_catalogue
from innokatalog.model import Catalogue
from innokatalog.render import Renderer

from .fresh import FRESH
from .mini import schemas

REPO_URL = "https://github.com/exempel/katalog"


def git(repo: Path, *args: str, when: str = "2026-01-01T10:00:00+01:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The fresh fixture in a repository with five commits, one of them renaming an entry."""
    project = tmp_path / "project"
    shutil.copytree(FRESH, project / "catalogue")
    testbeds = project / "catalogue" / "testbeds"
    (testbeds / "datamiljon.yml").rename(testbeds / "gamla-datamiljon.yml")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Första versionen av katalogen", when="2025-03-01T09:00:00+01:00")
    halsolabbet = testbeds / "halsolabbet.yml"
    halsolabbet.write_text(halsolabbet.read_text(encoding="utf-8") + "tags: [vård]\n", encoding="utf-8")
    git(project, "commit", "-qam", "Hälsolabbet: nyckelord", when="2025-06-02T12:00:00+02:00")
    git(project, "mv", "catalogue/testbeds/gamla-datamiljon.yml", "catalogue/testbeds/datamiljon.yml")
    git(project, "commit", "-qm", "Datamiljön byter id", when="2025-09-01T12:00:00+02:00")
    (project / "README.md").write_text("Not in the catalogue\n", encoding="utf-8")
    git(project, "add", "README.md")
    git(project, "commit", "-qm", "README", when="2025-10-01T12:00:00+02:00")
    return project


def rendered(project: Path, lang: str = "sv", repo_url: str = REPO_URL) -> tuple[Catalogue, Renderer]:
    catalogue = Catalogue(load_catalogue(project / "catalogue").entries)
    history = read_history(project, "catalogue", repo_url)
    return catalogue, Renderer(catalogue, schemas(), lang, history=history)


def test_history_gives_each_file_its_dates_and_subjects(repo: Path) -> None:
    history = read_history(repo, "catalogue", REPO_URL)
    assert history is not None
    catalogue = Catalogue(load_catalogue(repo / "catalogue").entries)
    halsolabbet = history.of(catalogue.find("testbed", "halsolabbet"))
    assert halsolabbet is not None
    assert [(c.date.isoformat(), c.subject) for c in halsolabbet.changes] == [
        ("2025-06-02", "Hälsolabbet: nyckelord"),
        ("2025-03-01", "Första versionen av katalogen"),
    ]
    assert halsolabbet.first == dt.datetime.fromisoformat("2025-03-01T09:00:00+01:00")
    unit = history.of(catalogue.find("unit", "stadsenheten"))
    assert unit is not None and [c.subject for c in unit.changes] == ["Första versionen av katalogen"]
    # a renamed entry keeps the history it had under its previous id
    renamed = history.of(catalogue.find("testbed", "datamiljon"))
    assert renamed is not None
    assert [c.subject for c in renamed.changes] == ["Datamiljön byter id", "Första versionen av katalogen"]
    assert history.file_url(catalogue.find("testbed", "datamiljon")) == (
        f"{REPO_URL}/blob/HEAD/catalogue/testbeds/datamiljon.yml"
    )
    assert "README" not in {c.subject for h in history.files.values() for c in h.changes}


def test_entry_page_shows_its_history_and_links_to_the_repository(repo: Path) -> None:
    catalogue, renderer = rendered(repo, "en")
    html = renderer.entry_page(catalogue.find("testbed", "halsolabbet")).html
    assert '<h2 id="history">Changes</h2>' in html
    assert 'Last changed: <time datetime="2025-06-02">2 June 2025</time>' in html
    assert "Hälsolabbet: nyckelord" in html
    assert f'href="{REPO_URL}/commits/HEAD/catalogue/testbeds/halsolabbet.yml"' in html
    assert f'href="{REPO_URL}/blob/HEAD/catalogue/testbeds/halsolabbet.yml"' in html
    sv = rendered(repo, "sv")[1].entry_page(catalogue.find("testbed", "halsolabbet")).html
    assert '<h2 id="history">Ändringar</h2>' in sv and "2 juni 2025" in sv


def test_without_a_known_repository_the_history_has_no_links(repo: Path) -> None:
    catalogue, renderer = rendered(repo, "sv", repo_url="")
    html = renderer.entry_page(catalogue.find("unit", "vardenheten")).html
    assert "Ändringar" in html and "/blob/" not in html and "/commits/" not in html


def test_only_the_newest_changes_are_listed(repo: Path) -> None:
    path = repo / "catalogue" / "units" / "vardenheten.yml"
    for number in range(SHOWN_CHANGES + 2):
        path.write_text(path.read_text(encoding="utf-8") + f"# {number}\n", encoding="utf-8")
        git(repo, "commit", "-qam", f"Ändring {number}", when=f"2026-0{number + 1}-01T12:00:00+01:00")
    catalogue, renderer = rendered(repo)
    found = renderer.history.of(catalogue.find("unit", "vardenheten"))
    assert [c.subject for c in found.changes] == [f"Ändring {n}" for n in range(SHOWN_CHANGES + 1, 1, -1)]
    assert found.count == SHOWN_CHANGES + 3
    assert "Fler ändringar: 3" in renderer.entry_page(catalogue.find("unit", "vardenheten")).html


def test_a_full_clone_has_the_same_history(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{repo}", str(clone)], check=True, capture_output=True)
    catalogue, renderer = rendered(clone, "en")
    html = renderer.entry_page(catalogue.find("testbed", "halsolabbet")).html
    assert 'Last changed: <time datetime="2025-06-02">2 June 2025</time>' in html


def test_a_shallow_clone_has_no_history_and_no_error(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
        check=True,
        capture_output=True,
    )
    assert read_history(shallow, "catalogue", REPO_URL) is None
    catalogue, renderer = rendered(shallow)
    html = renderer.entry_page(catalogue.find("testbed", "halsolabbet")).html
    assert 'id="history"' not in html and "Hälsolabbet" in html


def test_outside_git_there_is_no_history_and_no_error(tmp_path: Path) -> None:
    project = tmp_path / "plain"
    shutil.copytree(FRESH, project / "catalogue")
    assert read_history(project, "catalogue") is None
    catalogue, renderer = rendered(project)
    assert 'id="history"' not in renderer.entry_page(catalogue.find("testbed", "halsolabbet")).html
