"""The monthly review issues: what to open, update and close, and the GitHub calls that do it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.github_api import GitHub
from innokatalog.review_issues import CLOSING_COMMENT, ReviewIssues, plan_issues
from innokatalog.stale import ISSUE_MARKER, issue_body, issue_title, review_status

from .fresh import TODAY, fresh_catalogue
from .mini import PROJECT
from .test_stale import project  # noqa: F401 - the fixture

WORKFLOW = PROJECT / ".github" / "workflows" / "review-reminders.yml"


def test_units_with_overdue_entries_get_an_issue_and_the_others_are_closed() -> None:
    units = review_status(fresh_catalogue(), TODAY)
    city = next(owner for owner in units if owner.unit.id == "stadsenheten")
    open_issues = [
        {"number": 7, "title": "old title", "body": ISSUE_MARKER.format(unit="stadsenheten") + "\nold text"},
        {"number": 8, "title": "x", "body": ISSUE_MARKER.format(unit="borttagen-enhet") + "\n"},
        {"number": 9, "title": "someone else's", "body": "not ours"},
    ]
    actions = plan_issues(units, open_issues, TODAY)
    assert [(a.action, a.unit, a.number) for a in actions] == [
        ("update", "stadsenheten", 7),
        ("create", "vardenheten", None),
        ("close", "borttagen-enhet", 8),
    ]
    assert actions[0].title == issue_title(city) and actions[0].body == issue_body(city, TODAY)


def test_an_issue_that_already_says_it_all_is_left_alone() -> None:
    units = review_status(fresh_catalogue(), TODAY)
    current = [
        {"number": n, "title": issue_title(owner), "body": issue_body(owner, TODAY)}
        for n, owner in enumerate(units, start=1)
    ]
    assert plan_issues(units, current, TODAY) == []


class _FakeGitHub(BaseHTTPRequestHandler):
    """Records each request and answers as GitHub's issues API does, from the server's `issues`."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _answer(self, data: Any, status: int = 200) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _record(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        data = json.loads(self.rfile.read(length)) if length else None
        self.server.calls.append((self.command, self.path, data, self.headers.get("Authorization")))
        return data

    def do_GET(self) -> None:
        self._record()
        page = int(self.path.rsplit("page=", 1)[1])
        self._answer(self.server.issues[(page - 1) * 100 : page * 100])

    def do_POST(self) -> None:
        self._record()
        self._answer({"number": 42}, 201)

    def do_PATCH(self) -> None:
        self._record()
        self._answer({})


@pytest.fixture
def github() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeGitHub)
    server.calls, server.issues = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_sync_issues_opens_updates_and_closes_through_the_api(
    project: Path,  # noqa: F811
    github: ThreadingHTTPServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    github.issues = [
        {"number": 7, "title": "t", "body": ISSUE_MARKER.format(unit="stadsenheten")},
        {"number": 8, "title": "t", "body": ISSUE_MARKER.format(unit="borttagen-enhet")},
    ]
    monkeypatch.setenv("GITHUB_REPOSITORY", "exempel/katalog")
    monkeypatch.setenv("GITHUB_TOKEN", "token-for-test")
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{github.server_address[1]}")
    result = CliRunner().invoke(main, ["stale", "--today", TODAY.isoformat(), "--sync-issues"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "updated #7 for stadsenheten",
        "opened #42 for vardenheten",
        "closed #8 for borttagen-enhet",
    ]
    calls = [(method, path) for method, path, _, _ in github.calls]
    assert calls == [
        ("GET", "/repos/exempel/katalog/issues?state=open&labels=granskning&per_page=100&page=1"),
        ("PATCH", "/repos/exempel/katalog/issues/7"),
        ("POST", "/repos/exempel/katalog/issues"),
        ("POST", "/repos/exempel/katalog/issues/8/comments"),
        ("PATCH", "/repos/exempel/katalog/issues/8"),
    ]
    assert {auth for *_, auth in github.calls} == {"Bearer token-for-test"}
    created = github.calls[2][2]
    assert created["labels"] == ["granskning"]
    assert created["body"].startswith(ISSUE_MARKER.format(unit="vardenheten") + "\n\n@exempel/vardenheten\n")
    assert github.calls[3][2] == {"body": CLOSING_COMMENT}
    assert github.calls[4][2] == {"state": "closed", "state_reason": "completed"}


def test_sync_issues_without_a_token_is_a_usage_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["stale", "--sync-issues"])
    assert result.exit_code == 2 and "GITHUB_TOKEN" in result.output


def test_an_unreachable_github_is_a_clear_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("GITHUB_REPOSITORY", "exempel/katalog")
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    monkeypatch.setenv("GITHUB_API_URL", "http://127.0.0.1:9")
    result = CliRunner().invoke(main, ["stale", "--sync-issues"])
    assert result.exit_code == 1 and result.output.startswith("GitHub: GET /issues")
    assert "Traceback" not in result.output


def test_the_workflow_runs_monthly_with_the_repositorys_own_token() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow[True]["schedule"] == [{"cron": "0 6 1 * *"}]  # YAML reads the key `on` as True
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    steps = workflow["jobs"]["remind"]["steps"]
    sync = next(step for step in steps if "--sync-issues" in step.get("run", ""))
    assert sync["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}


def test_the_github_client_pages_through_many_open_issues(github: ThreadingHTTPServer) -> None:
    github.issues = [{"number": n, "title": "", "body": ""} for n in range(230)]
    client = ReviewIssues(GitHub("exempel/katalog", "t", f"http://127.0.0.1:{github.server_address[1]}"))
    assert [issue["number"] for issue in client.open_issues()] == list(range(230))
    assert [path.rsplit("=", 1)[1] for _, path, _, _ in github.calls] == ["1", "2", "3"]
