"""Shared fixtures: the project's schemas, a fresh copy of the valid fixture catalogue, and one real
Chromium for the whole test run (a second Playwright in the same run would clash with the first)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innokatalog.schema import SchemaSet

from .browser_support import CHROMIUM_ARGS, DESKTOP, MOBILE, Browsing, Traffic, built_site, serve

PROJECT = Path(__file__).resolve().parents[1]
VALID = Path(__file__).parent / "fixtures" / "valid" / "catalogue"
FIXTURE_REVIEWED = 'confirmed: "2026-11-01"'


@pytest.fixture(scope="session")
def schema_set() -> SchemaSet:
    return SchemaSet(PROJECT / "schema")


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/fixtures/valid as ./catalogue (with ./schema beside it) in a temporary working folder.

    Every entry's `confirmed` (the owning unit's check) is set to today, so the copy stays valid
    without warnings on any day.
    """
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "catalogue"
    shutil.copytree(VALID, root)
    shutil.copytree(PROJECT / "schema", tmp_path / "schema")
    today = dt.date.today().isoformat()
    for path in sorted(root.glob("*/*.yml")):
        text = path.read_text(encoding="utf-8")
        assert text.count(FIXTURE_REVIEWED) == 1, path
        path.write_text(text.replace(FIXTURE_REVIEWED, f'confirmed: "{today}"'), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="session")
def browsing(site_dir: Path) -> Iterator[Browsing]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - the test extra is not installed
        pytest.fail(f"Playwright for Python is not installed: {error}")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium was not found on PATH (Debian's `chromium` package gives /usr/bin/chromium)")
    with serve(site_dir) as base:
        playwright = sync_playwright().start()
        try:
            try:
                browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            except Exception as error:
                pytest.fail(f"chromium at {executable} could not start: {error}")
            browsing = Browsing(base, browser, Traffic())
            try:
                yield browsing
            finally:
                for context in browsing.contexts:
                    context.close()
                browser.close()
        finally:
            playwright.stop()


@pytest.fixture(scope="session")
def desktop(browsing: Browsing) -> Any:
    return browsing.context(DESKTOP)


@pytest.fixture(scope="session")
def mobile(browsing: Browsing) -> Any:
    """A phone: 390 x 844 CSS pixels, touch, mobile viewport rules."""
    return browsing.context(MOBILE, is_mobile=True, has_touch=True, device_scale_factor=2)


@pytest.fixture(scope="session")
def dark(browsing: Browsing) -> Any:
    """A desktop whose system asks for dark colours: the site follows it."""
    return browsing.context(DESKTOP, color_scheme="dark")


@pytest.fixture
def page(desktop: Any) -> Iterator[Any]:
    page = desktop.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def base(browsing: Browsing) -> str:
    return browsing.base
