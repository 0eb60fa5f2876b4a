"""Bytes a visitor downloads for search, measured in headless Chromium against a built site.

`measure_search(site)` opens the search page, types a first query and waits for its results, then a
second query: it returns what Pagefind loaded for each (uncompressed bytes as served, from opening the
page to seeing the first results; then for the later query alone), per group of Pagefind's files
(script, WebAssembly, index metadata, index chunks, result fragments, filter data), and the search
page's own HTML.
The build benchmark calls it for each catalogue size; run it alone on any built site:

    .venv/bin/python benchmarks/search_bytes.py public "testbädd 42" "testbädd 4711"
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The search script's status line holds a number once results are shown.
RESULTS_SHOWN = "() => /\\d/.test(document.querySelector('[data-status]').textContent)"
RESULT_LINKS = "() => [...document.querySelectorAll('[data-results] h2 a')].map(a => a.href).join(' ')"
PAGEFIND_FETCHED = (
    "() => performance.getEntriesByType('resource').filter(entry => entry.name.includes('/pagefind/')).length"
)


def file_group(url: str) -> str:
    """Which part of Pagefind's bundle a loaded file is: what grows with the catalogue and what does not."""
    name = url.split("?")[0].rsplit("/", 1)[-1]
    for folder, group in (("/fragment/", "fragments"), ("/index/", "index chunks"), ("/filter/", "filters")):
        if folder in url:
            return group
    if name.endswith(".pf_meta"):
        return "metadata"
    if name.startswith("wasm."):
        return "wasm"
    return name  # pagefind.js, pagefind-entry.json


def by_group(files: list[tuple[str, int]]) -> dict[str, int]:
    """Bytes per file group, largest first."""
    groups: dict[str, int] = {}
    for url, size in files:
        groups[file_group(url)] = groups.get(file_group(url), 0) + size
    return dict(sorted(groups.items(), key=lambda item: -item[1]))


@dataclass
class SearchBytes:
    first: int  # Pagefind's files from opening the search page to the first results
    later: int  # Pagefind's files for the second query
    page_html: int  # the search page itself
    first_files: int
    later_files: int
    filter_files: int  # filter data loaded while the filters stay shut (should be 0)
    first_groups: dict[str, int]  # the first search's bytes per file group (see file_group)
    later_groups: dict[str, int]


def _settle(page: Any, loaded: list[tuple[str, int]], seconds: float = 10) -> None:
    """Wait until every Pagefind file the page fetched has reached the log.

    Results can show before the log has the last files ("networkidle" is reached only once per
    page, so it does not wait for the later query), and a browser closed too early loses them.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page.wait_for_timeout(200)
        if sum(1 for url, _ in loaded if "/pagefind/" in url) >= page.evaluate(PAGEFIND_FETCHED):
            return


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def _served(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def measure_search(
    site: Path,
    first_query: str = "testbädd 42",
    later_query: str = "testbädd 4711",
    search_path: str = "sok/",
) -> SearchBytes:
    """Open `search_path` on the built `site`, search `first_query`, then `later_query`."""
    from playwright.sync_api import sync_playwright

    loaded: list[tuple[str, int]] = []
    with _served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on(
                "requestfinished",
                lambda request: loaded.append((request.url, request.sizes()["responseBodySize"])),
            )
            page.goto(base + search_path)
            page.locator("[data-filter-toggle]").wait_for(state="visible", timeout=30_000)
            page.locator("#search-input").fill(first_query)
            page.locator("#search-input").press("Enter")
            page.wait_for_function(RESULTS_SHOWN, timeout=60_000)
            page.wait_for_load_state("networkidle")
            _settle(page, loaded)
            html = next(size for url, size in loaded if url.rstrip("/").endswith(search_path.rstrip("/")))
            first = [(url, size) for url, size in loaded if "/pagefind/" in url]
            before, shown = len(loaded), page.evaluate(RESULT_LINKS)
            page.locator("#search-input").fill(later_query)
            page.locator("#search-input").press("Enter")
            page.wait_for_function(f"before => ({RESULT_LINKS})() !== before", arg=shown, timeout=60_000)
            _settle(page, loaded)
            later = [(url, size) for url, size in loaded[before:] if "/pagefind/" in url]
        finally:
            browser.close()
    return SearchBytes(
        first=sum(size for _, size in first),
        later=sum(size for _, size in later),
        page_html=html,
        first_files=len(first),
        later_files=len(later),
        filter_files=sum(1 for url, _ in first + later if "/filter/" in url),
        first_groups=by_group(first),
        later_groups=by_group(later),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("first_query", nargs="?", default="testbädd 42")
    parser.add_argument("later_query", nargs="?", default="testbädd 4711")
    args = parser.parse_args()
    result = measure_search(args.site, args.first_query, args.later_query)
    print(
        f"first search {result.first / 1000:.1f} kB in {result.first_files} files, "
        f"later search {result.later / 1000:.1f} kB in {result.later_files} files, "
        f"search page {result.page_html / 1000:.1f} kB of HTML, filter files loaded: {result.filter_files}"
    )
    for label, groups in (("first", result.first_groups), ("later", result.later_groups)):
        print(f"  {label}: " + ", ".join(f"{group} {size / 1000:.1f} kB" for group, size in groups.items()))


if __name__ == "__main__":
    main()
