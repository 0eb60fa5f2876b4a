"""History: `git log` of the catalogue → when each entry file changed, and the commits' subjects.

One `git log` runs for the whole catalogue folder (not one per file), so it stays fast with
10,000 entries. In a shallow clone, outside Git or without `git`, there is no history: the
result is None and the pages leave the history out.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from .model import KIND_PLURALS, Item

SHOWN_CHANGES = 5  # the changes an entry page lists; the repository link gives the rest
_RECORD, _FIELD = "\x1e", "\x1f"
_EXTENSIONS = (".yml", ".yaml")


@dataclass(frozen=True)
class Change:
    """One commit that touched an entry file."""

    moment: dt.datetime
    subject: str
    commit: str

    @property
    def date(self) -> dt.date:
        return self.moment.date()


@dataclass
class FileHistory:
    """The newest changes of one file (newest first) and when it first appeared."""

    path: str
    changes: list[Change] = field(default_factory=list)
    first: dt.datetime | None = None
    count: int = 0

    @property
    def last(self) -> dt.datetime:
        return self.changes[0].moment


@dataclass
class History:
    """Every entry file's history, by its path from the top of the repository."""

    files: dict[str, FileHistory]
    catalogue_path: PurePosixPath  # the catalogue folder, from the top of the repository
    repo_url: str = ""

    def path_of(self, item: Item, item_id: str | None = None) -> str:
        """The entry's file, such as `catalogue/testbeds/openlab.yml` (or `.yaml` where that exists)."""
        stem = self.catalogue_path / KIND_PLURALS[item.kind] / (item_id or item.id)
        for extension in _EXTENSIONS:
            if f"{stem}{extension}" in self.files:
                return f"{stem}{extension}"
        return f"{stem}{_EXTENSIONS[0]}"

    def of(self, item: Item) -> FileHistory | None:
        """The entry's history, including that of the files it had under its `previous_ids`."""
        paths = [self.path_of(item)] + [self.path_of(item, old) for old in item.get("previous_ids") or []]
        found = [self.files[path] for path in paths if path in self.files]
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        # a rename commit touches the old and the new file: count it once
        unique = {c.commit: c for h in found for c in h.changes}
        changes = sorted(unique.values(), key=lambda c: c.moment, reverse=True)
        firsts = [h.first for h in found if h.first is not None]
        shared = sum(len(h.changes) for h in found) - len(unique)
        return FileHistory(
            paths[0],
            changes[:SHOWN_CHANGES],
            min(firsts) if firsts else None,
            sum(h.count for h in found) - shared,
        )

    def file_url(self, item: Item) -> str:
        """The entry's file in the repository's web view, or '' when the repository is not known."""
        return f"{self.repo_url.rstrip('/')}/blob/HEAD/{self.path_of(item)}" if self.repo_url else ""

    def log_url(self, item: Item) -> str:
        """The file's full list of commits in the repository's web view, or ''."""
        return f"{self.repo_url.rstrip('/')}/commits/HEAD/{self.path_of(item)}" if self.repo_url else ""


def _git(repo: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except OSError:  # git is not installed
        return None
    return result.stdout if result.returncode == 0 else None


def parse_log(text: str, keep: int = SHOWN_CHANGES) -> dict[str, FileHistory]:
    """`git log --name-only` output with our record separators → each file's history."""
    files: dict[str, FileHistory] = {}
    for record in text.split(_RECORD):
        header, _, names = record.partition("\n")
        parts = header.split(_FIELD)
        if len(parts) != 3:
            continue
        commit, moment, subject = parts
        change = Change(dt.datetime.fromisoformat(moment), subject.strip(), commit)
        for name in names.splitlines():
            name = name.strip()
            if not name.endswith(_EXTENSIONS):
                continue
            history = files.setdefault(name, FileHistory(name))
            if len(history.changes) < keep:
                history.changes.append(change)
            history.first = change.moment  # the log runs newest first: the last seen is the first
            history.count += 1
    return files


def configured_repo_url(project: Path) -> str:
    """`repo_url` of the project's mkdocs.yml (where its files are on the web), or '' if not set."""
    try:
        config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except (OSError, yaml.YAMLError):
        return ""
    url = config.get("repo_url") if isinstance(config, dict) else None
    return url if isinstance(url, str) and url.startswith("https://") else ""


def read_history(project: Path, catalogue_dir: str = "catalogue", repo_url: str = "") -> History | None:
    """The catalogue's history from one `git log`, or None in a shallow clone or outside Git."""
    top = _git(project, "rev-parse", "--show-toplevel")
    if top is None or _git(project, "rev-parse", "--is-shallow-repository") != "false\n":
        return None
    top_path = Path(top.strip()).resolve()
    folder = (project / catalogue_dir).resolve()
    if not folder.is_relative_to(top_path):
        return None
    catalogue_path = PurePosixPath(folder.relative_to(top_path).as_posix())
    log = _git(
        top_path,
        "log",
        "--no-renames",
        "--name-only",
        f"--format={_RECORD}%H{_FIELD}%cI{_FIELD}%s",
        "--",
        str(catalogue_path),
    )
    if log is None:
        return None
    return History(parse_log(log), catalogue_path, repo_url)
