"""Both site engines build the same site: MkDocs + Material (the default) and Zensical.

The shipped catalogue is built with each. Tests compare the page addresses in both languages,
check that every entry has its page, that Pagefind indexed both languages, and run axe-core in
real Chromium on home, one entry of each kind and the search page of each build. Where the
engines differ, the assertion message names the difference.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from innokatalog.build import build_site, project_settings
from innokatalog.engines import ENGINES, EngineError, get_engine

from .browser_support import DESKTOP, PROJECT, Browsing, built_site, page_path, serve, shipped_catalogue
from .test_browser import describe, run_axe, wait_for_search

_BUILT: dict[str, Path] = {}


def built_with(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if engine == "mkdocs":
        return built_site(tmp_path_factory)  # the default build every other test uses
    if engine not in _BUILT:
        _BUILT[engine] = build_site(PROJECT, tmp_path_factory.mktemp(engine) / "public", engine=engine)
    return _BUILT[engine]


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return request.param, built_with(request.param, tmp_path_factory)


def page_urls(site: Path) -> set[str]:
    """Every page address of a built site, both languages: `en/testbeds/openlab/`."""
    return {
        path.parent.relative_to(site).as_posix().removeprefix(".") + "/"
        for path in site.rglob("index.html")
        if "pagefind" not in path.parts
    }


def test_default_engine_is_mkdocs_and_the_setting_chooses_another() -> None:
    assert project_settings(PROJECT).engine == "mkdocs"
    assert project_settings(PROJECT, engine="zensical").engine == "zensical"
    with pytest.raises(EngineError):
        get_engine("hugo")


def test_both_engines_give_the_same_page_addresses(tmp_path_factory: pytest.TempPathFactory) -> None:
    mkdocs_urls = page_urls(built_with("mkdocs", tmp_path_factory))
    zensical_urls = page_urls(built_with("zensical", tmp_path_factory))
    assert mkdocs_urls, "MkDocs built no pages"
    only_mkdocs, only_zensical = sorted(mkdocs_urls - zensical_urls), sorted(zensical_urls - mkdocs_urls)
    assert not only_mkdocs and not only_zensical, (
        f"pages only MkDocs built: {only_mkdocs}; pages only Zensical built: {only_zensical}"
    )
    assert any(url.startswith("en/") for url in mkdocs_urls)


def test_every_entry_has_its_page_with_each_engine(engine_site: tuple[str, Path]) -> None:
    engine, site = engine_site
    missing = [
        page_path(item.kind, item.id, lang)
        for item in shipped_catalogue().all()
        for lang in ("sv", "en")
        if not (site / page_path(item.kind, item.id, lang) / "index.html").is_file()
    ]
    assert not missing, f"{engine}: entries without a page: {missing}"
    testbed = next(iter(shipped_catalogue().of_kind("testbed")))
    html = (site / page_path("testbed", testbed.id, "en") / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in html and 'type="application/ld+json"' in html, f"{engine}: English entry page"


_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_LINK = re.compile(r'\b(?:href|src)="([^"#?]*)')


def broken_links(site: Path) -> dict[str, list[str]]:
    """Relative links and sources in the site's pages that lead to no file: target → pages."""
    broken: dict[str, list[str]] = {}
    for page in site.rglob("*.html"):
        address = "https://site.example/" + page.relative_to(site).as_posix()
        for ref in _LINK.findall(_SCRIPT.sub("", page.read_text(encoding="utf-8"))):
            if not ref or re.match(r"^[a-z][a-z0-9+.-]*:|//", ref):
                continue
            target = site / unquote(urlsplit(urljoin(address, ref)).path.lstrip("/"))
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.setdefault(target.relative_to(site).as_posix(), []).append(address)
    return broken


def test_no_page_links_to_a_missing_page_with_each_engine(engine_site: tuple[str, Path]) -> None:
    """Zensical 0.0.73 moves relative links of pages `a/b.md` one level up; stamped pages keep theirs."""
    engine, site = engine_site
    broken = broken_links(site)
    assert not broken, f"{engine}: {len(broken)} missing targets, e.g. {sorted(broken.items())[:3]}"


def test_pagefind_indexes_both_languages_with_each_engine(engine_site: tuple[str, Path]) -> None:
    engine, site = engine_site
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = entry["languages"]
    assert {"sv", "en"} <= set(languages), f"{engine}: Pagefind indexed {sorted(languages)}"
    entries = len(shipped_catalogue().all())
    for lang in ("sv", "en"):
        assert languages[lang]["page_count"] >= entries, f"{engine}: {lang} has too few indexed pages"


@pytest.mark.browser
def test_axe_finds_no_violations_with_each_engine(engine_site: tuple[str, Path], browsing: Browsing) -> None:
    engine, site = engine_site
    catalogue = shipped_catalogue()
    entries = [
        page_path(kind, catalogue.of_kind(kind)[0].id, "sv")
        for kind in ("testbed", "project", "contact", "unit")
    ]
    paths = [prefix + path for prefix in ("", "en/") for path in ["", *entries, "sok/?q=labb"]]
    found = []
    with serve(site) as base:
        context = browsing.browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        for path in paths:
            response = page.goto(base + path)
            assert response is not None and response.ok, (
                f"{engine}: /{path} answered {response and response.status}"
            )
            if "sok/" in path:
                wait_for_search(page)
            result = run_axe(page)
            if result["violations"]:
                found.append(describe(f"{engine} /{path}", result["violations"]))
        context.close()
    assert not found, "\n".join(found)
