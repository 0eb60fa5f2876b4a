"""Shared by the build and browser tests: the shipped site built once per test run, HTML parsing, a server.

The build is cached in this module, so tests/test_site_build.py and tests/test_browser.py share one
build of the shipped catalogue however they are run (together, alone, or with -k).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from innokatalog.build import build_site
from innokatalog.load import load_catalogue
from innokatalog.model import KIND_PLURALS, Catalogue

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGE_ROOTS = {"sv": "", "en": "en/"}
_BUILT: dict[str, Path] = {}


def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogue's whole site, built once per test run into a temporary folder."""
    if "site" not in _BUILT:
        output = tmp_path_factory.mktemp("built") / "public"
        _BUILT["site"] = build_site(PROJECT, output)
    return _BUILT["site"]


@functools.cache
def shipped_catalogue() -> Catalogue:
    """The shipped catalogue as the site generator sees it (relations resolved both ways)."""
    loaded = load_catalogue(PROJECT / "catalogue")
    return Catalogue(loaded.entries)


def page_path(kind: str, item_id: str, lang: str) -> str:
    """`en/testbeds/openlab/`: the directory URL of an entry page below the site root."""
    return f"{LANGUAGE_ROOTS[lang]}{KIND_PLURALS[kind]}/{item_id}/"


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]


class ParsedPage(HTMLParser):
    """Every start tag of a page with its attributes, and each <script> element's attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(Tag(tag, {name.lower(): value or "" for name, value in attrs}))
        if tag == "script":
            self._in_script = True
            self.scripts.append((self.tags[-1].attrs, ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(Tag(tag, {name.lower(): value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def find(self, name: str) -> list[Tag]:
        return [tag for tag in self.tags if tag.name == name]


def parse_html(text: str) -> ParsedPage:
    page = ParsedPage()
    page.feed(text)
    page.close()
    return page


def link_targets(html: str, page_url: str) -> set[str]:
    """Every `<a href>` of a page, resolved to a directory path below the site root (`testbeds/x/`)."""
    base = "http://site.invalid/" + page_url
    targets = set()
    for tag in parse_html(html).find("a"):
        href = tag.attrs.get("href", "")
        if not href or href.startswith(("#", "mailto:", "tel:")):
            continue
        resolved = urlsplit(urljoin(base, href))
        if resolved.netloc == "site.invalid":
            targets.add(resolved.path.lstrip("/"))
    return targets


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL (ending in `/`)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
