"""Index: the Pagefind search index over both languages, made from light search documents.

Pagefind reads every page whole, and most of its time went into parsing the frame around the
content (about 26 of 32 s at 5,000 testbeds), though it indexes only what is inside
`data-pagefind-body`. So each searchable page is also written as a search document: the page's
`<html>` tag and `<title>` and its content, nothing else, at the same address below a folder of
its own. Pagefind runs once per language over those folders, into the site's one `pagefind/`
bundle: one run holds only one language's words, which halves its peak memory. The runs' file
names are content hashes, so only the bundle's entry file needs joining. `tests/test_index.py`
indexes the shipped site both ways and finds the same files.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SEARCHABLE = "data-pagefind-body"
BUNDLE = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
# Code examples on hand-written pages (commands, YAML) are not what a visitor searches for, and they
# made poor excerpts ("related: [testbeds/openlab] --- …" under "Bidra till katalogen").
PAGEFIND_OPTIONS = ("--exclude-selectors", "pre")
# Where a search page names its language's index metadata before Pagefind has named the file.
METADATA_PLACEHOLDER = "pagefind.__index-metadata__.pf_meta"
# The preload of the metadata, named or not yet: a preview's later runs name the file anew.
_METADATA_LINK = re.compile(r'(<link rel="preload" href="[^"]*)pagefind\.[^"/]+\.pf_meta("[^>]*>\n?)')
# Pagefind prints this when it has read every page and begins indexing: it no longer needs its sources.
_SOURCES_READ = "[Reading languages]"
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"<title>.*?</title>", re.IGNORECASE | re.DOTALL)


class SearchIndexError(Exception):
    """Pagefind failed; the message holds what it printed."""


def search_document(page_html: str, content: str) -> str:
    """What Pagefind needs of a page: its language and title from `page_html`, then `content`."""
    html_tag = _HTML_TAG.search(page_html)
    title = _TITLE.search(page_html)
    return (
        f'<!doctype html>{html_tag[0] if html_tag else "<html>"}<head><meta charset="utf-8">'
        f"{title[0] if title else ''}</head><body>{content}</body></html>"
    )


def write_search_document(folder: Path, url: str, page_html: str, content: str | None = None) -> bool:
    """Write the search document of the page at `url` below `folder`, if the page is searchable.

    Without `content` the page is written whole (a page the engine built from Markdown).
    """
    if SEARCHABLE not in (page_html if content is None else content):
        return False
    target = folder / url / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    document = page_html if content is None else search_document(page_html, content)
    target.write_text(document, encoding="utf-8")
    return True


def copy_searchable_pages(site_dir: Path, folder: Path, urls: Iterable[str]) -> None:
    """Search documents for the pages at `urls` that an engine built from Markdown, whole."""
    for url in urls:
        page = site_dir / url / "index.html"
        if page.is_file():
            write_search_document(folder, url, page.read_text(encoding="utf-8"))


def index_site(site_dir: Path, folders: Iterable[Path], *, discard_documents: bool = False) -> None:
    """Pagefind over each language's search documents, into `site_dir/pagefind`.

    `discard_documents` (a build; a preview keeps them for its next run): each language's documents
    are deleted as soon as Pagefind has read them, while it indexes. Deleting 25,000 files and
    folders took 5 s at the end of a build of 10,000 testbeds; beside Pagefind it costs almost nothing.
    """
    output = site_dir / BUNDLE
    languages: dict[str, object] = {}
    entry: dict[str, object] = {}
    with ThreadPoolExecutor(max_workers=1) as deleting:
        for folder in folders:
            if not any(folder.rglob("*.html")):
                continue
            discard = functools.partial(deleting.submit, shutil.rmtree, folder, ignore_errors=True)
            printed = run_pagefind(folder, output, discard if discard_documents else None)
            if printed is not None:
                raise SearchIndexError(f"Pagefind failed:\n{printed}")
            entry = json.loads((output / ENTRY_FILE).read_text(encoding="utf-8"))
            languages.update(entry.get("languages", {}))
    if entry:
        entry["languages"] = dict(sorted(languages.items()))
        (output / ENTRY_FILE).write_text(
            json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )


def run_pagefind(folder: Path, output: Path, sources_read: Callable[[], object] | None = None) -> str | None:
    """One Pagefind run over `folder`; `sources_read` is called once it has read every page.

    Returns what Pagefind printed if it failed, else None.
    """
    paths = ["--site", str(folder), "--output-path", str(output)]
    command = [sys.executable, "-m", "pagefind", *PAGEFIND_OPTIONS, *paths]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8", errors="replace"
    ) as process:
        assert process.stdout is not None
        printed = []
        for line in process.stdout:
            printed.append(line)
            if sources_read and line.startswith(_SOURCES_READ):
                sources_read()
    return "".join(printed) if process.returncode != 0 else None


def preload_metadata(site_dir: Path, search_pages: dict[str, Path]) -> None:
    """Name each language's index metadata in its search page (`search_pages`: language → page).

    The browser then fetches it with Pagefind's script, not after the script has read the
    entry file: one round trip less before the first results. A language without an index
    loses the link rather than keep one to a file that is not there.
    """
    entry_file = site_dir / BUNDLE / ENTRY_FILE
    entry = json.loads(entry_file.read_text(encoding="utf-8")) if entry_file.is_file() else {}
    for lang, page in search_pages.items():
        if not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        found = entry.get("languages", {}).get(lang, {}).get("hash")
        named = _METADATA_LINK.sub(rf"\g<1>pagefind.{found}.pf_meta\g<2>" if found else "", html, count=1)
        if named != html:
            page.write_text(named, encoding="utf-8")
