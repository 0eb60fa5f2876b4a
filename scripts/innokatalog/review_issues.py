"""Review issues: one GitHub issue per unit with overdue entries, opened, updated or closed monthly.

`plan_issues` decides from the review status and the open issues what to do (pure data);
`GitHubIssues` does it through GitHub's REST API with the repository's own token. An issue is
recognised by the marker its body starts with, so a renamed title does not open a second one.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from .stale import ISSUE_LABEL, ISSUE_MARKER, STALE_AFTER_MONTHS, UnitStatus, issue_body, issue_title

CLOSING_COMMENT = (
    "Inga poster är försenade längre: ärendet stängs. / No entry is overdue any more: closing this issue."
)


@dataclass(frozen=True)
class IssueAction:
    action: str  # "create", "update" or "close"
    unit: str
    number: int | None = None
    title: str = ""
    body: str = ""


def _unit_of(issue: dict[str, Any]) -> str | None:
    body = issue.get("body") or ""
    prefix, _, rest = ISSUE_MARKER.partition("{unit}")
    if not body.startswith(prefix) or rest not in body:
        return None
    return body[len(prefix) : body.index(rest)]


def plan_issues(
    units: list[UnitStatus], open_issues: list[dict[str, Any]], today: dt.date, limit: int = STALE_AFTER_MONTHS
) -> list[IssueAction]:
    """Create or update the issue of each unit with overdue entries; close the others' issues."""
    by_unit: dict[str, dict[str, Any]] = {}
    for issue in open_issues:
        unit = _unit_of(issue)
        if unit is not None and "pull_request" not in issue:
            by_unit.setdefault(unit, issue)
    actions = []
    overdue_units = set()
    for owner in units:
        unit = owner.unit.id
        existing = by_unit.get(unit)
        if owner.overdue:
            overdue_units.add(unit)
            title, body = issue_title(owner), issue_body(owner, today, limit)
            if existing is None:
                actions.append(IssueAction("create", unit, None, title, body))
            elif (existing.get("title"), existing.get("body")) != (title, body):
                actions.append(IssueAction("update", unit, existing["number"], title, body))
    for unit, existing in sorted(by_unit.items()):
        if unit not in overdue_units:
            actions.append(IssueAction("close", unit, existing["number"]))
    return actions


class GitHubError(RuntimeError):
    """GitHub refused or could not be reached; the message says which request."""


class GitHubIssues:
    """The few issue calls of GitHub's REST API the review workflow needs."""

    def __init__(self, repository: str, token: str, api_url: str = "https://api.github.com") -> None:
        self.base = f"{api_url.rstrip('/')}/repos/{repository}"
        self.token = token

    def _call(self, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=json.dumps(data).encode("utf-8") if data is not None else None,
            headers={
                "Authorization": f"Bearer {self.token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise GitHubError(f"{method} {path}: {error}") from None

    def open_issues(self) -> list[dict[str, Any]]:
        issues, page = [], 1
        while True:
            batch = self._call("GET", f"/issues?state=open&labels={ISSUE_LABEL}&per_page=100&page={page}")
            issues += batch
            if len(batch) < 100:
                return issues
            page += 1

    def apply(self, action: IssueAction) -> str:
        """Carry out one action; returns a line saying what was done."""
        if action.action == "create":
            created = self._call(
                "POST", "/issues", {"title": action.title, "body": action.body, "labels": [ISSUE_LABEL]}
            )
            return f"opened #{created['number']} for {action.unit}"
        if action.action == "update":
            self._call("PATCH", f"/issues/{action.number}", {"title": action.title, "body": action.body})
            return f"updated #{action.number} for {action.unit}"
        self._call("POST", f"/issues/{action.number}/comments", {"body": CLOSING_COMMENT})
        self._call("PATCH", f"/issues/{action.number}", {"state": "closed", "state_reason": "completed"})
        return f"closed #{action.number} for {action.unit}"
