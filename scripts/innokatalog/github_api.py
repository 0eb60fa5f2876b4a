"""The few calls of GitHub's REST API the workflows need: issues and pull-request comments.

It uses the token the workflow gives (`GITHUB_TOKEN`), and nothing but the standard library.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

DEFAULT_API_URL = "https://api.github.com"
_PAGE = 100


class GitHubError(RuntimeError):
    """GitHub refused or could not be reached; the message says which request."""


class GitHub:
    """One repository's issues and their comments (a pull request is an issue here)."""

    def __init__(self, repository: str, token: str, api_url: str = DEFAULT_API_URL) -> None:
        self.base = f"{api_url.rstrip('/')}/repos/{repository}"
        self.token = token

    def call(self, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
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

    def all_pages(self, path: str) -> list[dict[str, Any]]:
        """Every item of a listing, page by page."""
        items, page = [], 1
        separator = "&" if "?" in path else "?"
        while True:
            batch = self.call("GET", f"{path}{separator}per_page={_PAGE}&page={page}")
            items += batch
            if len(batch) < _PAGE:
                return items
            page += 1

    def upsert_comment(self, number: int, marker: str, body: str) -> str:
        """Write `body` as the one comment of ours (found by `marker`) on issue or pull request `number`."""
        mine = [c for c in self.all_pages(f"/issues/{number}/comments") if marker in (c.get("body") or "")]
        if mine:
            self.call("PATCH", f"/issues/comments/{mine[0]['id']}", {"body": body})
            return f"updated the comment on #{number}"
        self.call("POST", f"/issues/{number}/comments", {"body": body})
        return f"commented on #{number}"
