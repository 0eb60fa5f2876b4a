"""Pull-request previews: two real builds compared, and the comment that lists what changed."""

from __future__ import annotations

import shutil
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from innokatalog.build import build_site
from innokatalog.cli import main
from innokatalog.preview import COMMENT_MARKER, SHOWN, SiteChanges, comment_markdown, compare_sites

from .mini import PROJECT
from .test_review_issues import github  # noqa: F401 - the fake GitHub fixture

WORKFLOW = PROJECT / ".github" / "workflows" / "pull-request.yml"


def project_copy(target: Path) -> Path:
    for name in ("catalogue", "schema", "site"):
        shutil.copytree(PROJECT / name, target / name)
    shutil.copy(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shipped site, and the site after a change: one testbed edited, one contact path removed."""
    base = project_copy(tmp_path_factory.mktemp("base"))
    change = project_copy(tmp_path_factory.mktemp("change"))
    testbed = change / "catalogue" / "testbeds" / "openlab.yml"
    text = testbed.read_text(encoding="utf-8")
    testbed.write_text(text.replace("tags:\n", "tags:\n  - förhandsvisning\n", 1), encoding="utf-8")
    assert testbed.read_text(encoding="utf-8") != text
    old_site = build_site(base, base / "public")
    new_site = build_site(change, change / "public")
    return old_site, new_site


def test_an_unchanged_build_changes_no_page(two_sites: tuple[Path, Path], tmp_path: Path) -> None:
    old_site, _ = two_sites
    copy = shutil.copytree(old_site, tmp_path / "again")
    assert compare_sites(old_site, copy).empty


def test_an_edited_entry_changes_its_pages_in_both_languages(two_sites: tuple[Path, Path]) -> None:
    changes = compare_sites(*two_sites)
    assert "/testbeds/openlab/" in changes.changed and "/en/testbeds/openlab/" in changes.changed
    assert "/testbeds/nds-innovation/" not in changes.changed
    assert not changes.added and not changes.removed


def test_added_and_removed_pages(two_sites: tuple[Path, Path], tmp_path: Path) -> None:
    old_site, _ = two_sites
    new_site = shutil.copytree(old_site, tmp_path / "new")
    shutil.rmtree(new_site / "en" / "testbeds" / "openlab")
    (new_site / "testbeds" / "ny").mkdir()
    (new_site / "testbeds" / "ny" / "index.html").write_text(
        "<!doctype html><title>Ny</title>", encoding="utf-8"
    )
    (new_site / "pagefind" / "x.html").write_text("not a page", encoding="utf-8")
    changes = compare_sites(old_site, new_site)
    assert changes == SiteChanges(added=["/testbeds/ny/"], changed=[], removed=["/en/testbeds/openlab/"])


def test_the_comment_lists_the_pages_and_the_artifact() -> None:
    changes = SiteChanges(added=["/testbeds/ny/"], changed=[f"/p{n}/" for n in range(SHOWN + 5)], removed=[])
    text = comment_markdown(changes, "https://github.com/exempel/katalog/actions/runs/1/artifacts/2")
    assert text.startswith(COMMENT_MARKER + "\n")
    assert "Pages the change adds: 1, changes: 45, removes: 0." in text
    assert "- `/testbeds/ny/`" in text and f"- `/p{SHOWN - 1}/`" in text and f"- `/p{SHOWN}/`" not in text
    assert "- … och 5 till / and 5 more" in text
    assert "Borttagna" not in text
    assert "(https://github.com/exempel/katalog/actions/runs/1/artifacts/2)" in text
    assert "inga sidor" in comment_markdown(SiteChanges())


def test_catalogue_preview_prints_and_writes_the_summary(
    two_sites: tuple[Path, Path], tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    result = CliRunner().invoke(main, ["preview", *map(str, two_sites), "--output", str(summary)])
    assert result.exit_code == 0, result.output
    assert "- `/testbeds/openlab/`" in result.output
    assert summary.read_text(encoding="utf-8") == result.output


def test_the_workflow_builds_both_sides_uploads_and_comments() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = workflow["jobs"]["preview"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = job["steps"]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert [c["with"].get("fetch-depth") for c in checkouts] == [0, 0]  # history on both sides
    assert checkouts[1]["with"]["ref"] == "${{ github.base_ref }}"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "public"
    summary, comment = steps[-2], steps[-1]
    for step in (summary, comment):
        assert step["run"].startswith(".venv/bin/catalogue preview .preview-base-site public")
        assert "${{ steps.upload.outputs.artifact-url }}" in step["run"]
    assert '--output "$GITHUB_STEP_SUMMARY"' in summary["run"] and "if" not in summary
    assert "--comment ${{ github.event.pull_request.number }}" in comment["run"]
    assert comment["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    assert comment["if"] == "github.event.pull_request.head.repo.full_name == github.repository"


def test_the_comment_replaces_our_earlier_one(
    two_sites: tuple[Path, Path],
    github: ThreadingHTTPServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_REPOSITORY", "exempel/katalog")
    monkeypatch.setenv("GITHUB_TOKEN", "token-for-test")
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{github.server_address[1]}")
    github.issues = [{"id": 5, "body": "someone's review"}, {"id": 6, "body": COMMENT_MARKER + "\nold list"}]
    result = CliRunner().invoke(main, ["preview", *map(str, two_sites), "--comment", "12"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("updated the comment on #12\n")
    calls = [(method, path) for method, path, _, _ in github.calls]
    assert calls == [
        ("GET", "/repos/exempel/katalog/issues/12/comments?per_page=100&page=1"),
        ("PATCH", "/repos/exempel/katalog/issues/comments/6"),
    ]
    assert "- `/testbeds/openlab/`" in github.calls[1][2]["body"]
    github.calls.clear()
    github.issues = []
    result = CliRunner().invoke(main, ["preview", *map(str, two_sites), "--comment", "12"])
    assert result.output.endswith("commented on #12\n")
    assert github.calls[-1][:2] == ("POST", "/repos/exempel/katalog/issues/12/comments")
