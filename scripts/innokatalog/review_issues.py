"""Review issues: one GitHub issue per unit with overdue entries, opened, updated or closed monthly.

`plan_issues` decides from the review status and the open issues what to do (pure data);
`ReviewIssues` does it through GitHub's REST API with the repository's own token. An issue is
recognised by the marker its body starts with, so a renamed title does not open a second one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .github_api import GitHub
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
    units: list[UnitStatus],
    open_issues: list[dict[str, Any]],
    today: dt.date,
    limit: int = STALE_AFTER_MONTHS,
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


class ReviewIssues:
    """Carries out the plan through GitHub's API."""

    def __init__(self, github: GitHub) -> None:
        self.github = github

    def open_issues(self) -> list[dict[str, Any]]:
        return self.github.all_pages(f"/issues?state=open&labels={ISSUE_LABEL}")

    def apply(self, action: IssueAction) -> str:
        """Carry out one action; returns a line saying what was done."""
        call = self.github.call
        if action.action == "create":
            created = call(
                "POST", "/issues", {"title": action.title, "body": action.body, "labels": [ISSUE_LABEL]}
            )
            return f"opened #{created['number']} for {action.unit}"
        if action.action == "update":
            call("PATCH", f"/issues/{action.number}", {"title": action.title, "body": action.body})
            return f"updated #{action.number} for {action.unit}"
        call("POST", f"/issues/{action.number}/comments", {"body": CLOSING_COMMENT})
        call("PATCH", f"/issues/{action.number}", {"state": "closed", "state_reason": "completed"})
        return f"closed #{action.number} for {action.unit}"
