"""Selection: narrow findings to some files and the entries that refer to them (for pull requests)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .findings import Finding, display_path
from .load import LoadResult
from .model import Catalogue


def changed_files(root: Path, base: str | None) -> list[Path]:
    """Entry files under `root` changed since `base` (committed or not), as git sees them."""
    ref = base or (
        f"origin/{os.environ['GITHUB_BASE_REF']}" if os.environ.get("GITHUB_BASE_REF") else "origin/main"
    )
    commands = (
        ["git", "diff", "--name-only", f"{ref}...HEAD", "--", str(root)],
        ["git", "diff", "--name-only", "HEAD", "--", str(root)],
        ["git", "ls-files", "--others", "--exclude-standard", "--", str(root)],
    )
    names: set[str] = set()
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False)
    if top.returncode != 0:
        raise RuntimeError("--changed needs a git checkout")
    for command in commands:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"git could not compare with '{ref}': {result.stderr.strip()}")
        names.update(line for line in result.stdout.splitlines() if line)
    paths = [Path(top.stdout.strip()) / name for name in sorted(names)]
    return [path for path in paths if path.exists()]


def select_findings(
    loaded: LoadResult, findings: list[Finding], files: list[Path]
) -> tuple[list[Finding], int]:
    """Findings of `files` and of the entries that refer to the entries in them; and how many files."""
    chosen = {display_path(path.resolve()) for path in files}
    catalogue = Catalogue(loaded.entries)
    by_path = {display_path(entry.path.resolve()): entry for entry in loaded.entries}
    keys = {(by_path[p].kind, by_path[p].id) for p in chosen if p in by_path}
    for entry in loaded.entries:
        item = catalogue.find(entry.kind, entry.id)
        if item is not None and any(
            (target.kind, target.id) in keys for _, target in catalogue.links_from(item)
        ):
            chosen.add(display_path(entry.path.resolve()))
    wanted = {display_path(Path(p)) for p in chosen}
    return [f for f in findings if display_path(Path(f.path)) in wanted], len(chosen)
