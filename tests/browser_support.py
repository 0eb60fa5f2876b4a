"""Shared by the build and browser tests: the shipped site built once per test run, HTML parsing, a server.

The build is cached in this module, so tests/test_site_build.py and tests/test_browser.py share one
build of the shipped catalogue however they are run (together, alone, or with -k).
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
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


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page mid-download resets its connection: not a fault of the site.

    The default prints a traceback to stderr from the server's thread, which lands in the output
    of whatever test (a CliRunner one, say) runs at that moment.
    """

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL (ending in `/`)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# Real headless Chromium (Debian's), shared by every browser test through conftest's fixtures.

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REPORT = PROJECT / ".cache" / "accessibility-report.json"


@dataclass
class Traffic:
    """What the browser asked for and what went wrong, across every page of the session."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Browsing:
    base: str
    browser: Any
    traffic: Traffic
    contexts: list[Any] = field(default_factory=list)

    def context(self, viewport: dict[str, int] = DESKTOP, **options: Any) -> Any:
        context = self.browser.new_context(viewport=viewport, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", lambda request: self.traffic.requests.append(request.url))
        context.on("requestfailed", self._check_failure)
        context.on("response", self._check_response)
        context.route(re.compile(r".*"), self._only_local)
        context.on("page", self._watch_page)
        self.contexts.append(context)
        return context

    def _check_failure(self, request: Any) -> None:
        # a request cut short by the next navigation (a favicon, say) is not a fault of the site
        if request.failure != "net::ERR_ABORTED":
            self.traffic.failed.append(f"{request.url} ({request.failure})")

    def _check_response(self, response: Any) -> None:
        if response.status >= 400:
            self.traffic.failed.append(f"{response.url} (HTTP {response.status})")

    def _watch_page(self, page: Any) -> None:
        page.on("pageerror", lambda error: self.traffic.errors.append(f"{page.url}: {error}"))
        page.on(
            "console",
            lambda message: (
                self.traffic.errors.append(f"{page.url}: console {message.type}: {message.text}")
                if message.type == "error"
                else None
            ),
        )

    def _only_local(self, route: Any) -> None:
        """A safety net: anything for another origin is recorded (by the request event) and refused."""
        url = route.request.url
        if url.startswith(self.base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort("blockedbyclient")
