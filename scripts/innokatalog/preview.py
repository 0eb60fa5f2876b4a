"""Pull-request preview: two built sites → the pages a change adds, changes or removes, as a comment.

The pull-request workflow builds the base branch and the pull request, uploads the new site as an
artifact and comments with this list, so a unit's reviewer sees what will change without
building anything. Pages are compared by their HTML; the search index and data files are not pages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

COMMENT_MARKER = "<!-- catalogue-preview -->"
SHOWN = 40  # pages listed per group; the rest are counted
_SKIPPED_DIRS = {"pagefind", "assets", "search"}


@dataclass
class SiteChanges:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def page_address(relative: Path) -> str:
    """`testbeds/openlab/index.html` → `/testbeds/openlab/`; `404.html` → `/404.html`."""
    path = relative.as_posix()
    return "/" + path.removesuffix("index.html") if relative.name == "index.html" else "/" + path


def site_pages(site: Path) -> dict[str, str]:
    """Every HTML page of a built site by its address, with a digest of its content."""
    pages = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site)
        if _SKIPPED_DIRS & set(relative.parts[:-1]):
            continue
        pages[page_address(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return pages


def compare_sites(old: Path, new: Path) -> SiteChanges:
    before, after = site_pages(old), site_pages(new)
    return SiteChanges(
        added=sorted(set(after) - set(before)),
        changed=sorted(page for page in set(after) & set(before) if after[page] != before[page]),
        removed=sorted(set(before) - set(after)),
    )


def _group(title: str, pages: list[str]) -> list[str]:
    if not pages:
        return []
    lines = [
        "",
        f"<details{' open' if len(pages) <= 10 else ''}><summary>{title} ({len(pages)})</summary>",
        "",
    ]
    lines += [f"- `{page}`" for page in pages[:SHOWN]]
    if len(pages) > SHOWN:
        lines.append(f"- … och {len(pages) - SHOWN} till / and {len(pages) - SHOWN} more")
    return [*lines, "", "</details>"]


def comment_markdown(changes: SiteChanges, artifact_url: str = "") -> str:
    """The pull-request comment: the changed pages in groups, and where to get the built site."""
    lines = [COMMENT_MARKER, "### Förhandsvisning / Preview", ""]
    if changes.empty:
        lines.append("Ändringen påverkar inga sidor. / The change affects no pages.")
    else:
        lines.append(
            f"Sidor som ändringen lägger till: {len(changes.added)}, ändrar: {len(changes.changed)}, "
            f"tar bort: {len(changes.removed)}. / Pages the change adds: {len(changes.added)}, "
            f"changes: {len(changes.changed)}, removes: {len(changes.removed)}."
        )
        lines += _group("Nya sidor / Added pages", changes.added)
        lines += _group("Ändrade sidor / Changed pages", changes.changed)
        lines += _group("Borttagna sidor / Removed pages", changes.removed)
    if artifact_url:
        lines += [
            "",
            f"[Ladda ned den byggda webbplatsen / Download the built site]({artifact_url}): packa upp den och "
            "kör `python3 -m http.server` i mappen. / Unzip it and run `python3 -m http.server` in the folder.",
        ]
    return "\n".join(lines) + "\n"
