"""The built site in real headless Chromium: search, filters, the chooser by keyboard, language switch,
no third-party requests, and zero axe-core violations (WCAG 2.1 A/AA) on every page template.

Chromium is the system's (`/usr/bin/chromium`), driven by Playwright; a missing or broken browser
fails these tests, it never skips them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from innokatalog import i18n
from innokatalog.facets import FACET_NAMES, FACETS
from innokatalog.model import Item

from .browser_support import AXE_TAGS, REPORT, Browsing, page_path, shipped_catalogue

pytestmark = pytest.mark.browser


def name_of(item: Item, lang: str = "sv") -> str:
    return i18n.localised(item.get("name"), lang)


def seed_testbed() -> Item:
    """OpenLab, the strategy's own example, if the catalogue has it; else the first testbed."""
    testbeds = shipped_catalogue().of_kind("testbed")
    assert testbeds, "the shipped catalogue has no testbed"
    return next((t for t in testbeds if "openlab" in name_of(t).casefold()), testbeds[0])


def first_of_kind(kind: str) -> Item:
    items = shipped_catalogue().of_kind(kind)
    assert items, f"the shipped catalogue has no {kind}"
    if kind == "testbed":
        return seed_testbed()
    # the entry with the most fields and relations shows the most of its template
    return max(
        items, key=lambda item: (len(item.data) + sum(len(v) for v in item.referred_by.values()), item.id)
    )


def wait_for_search(page: Any) -> None:
    """The search script has started when its "Filter" button shows (the filters stay closed)."""
    page.locator("[data-filter-toggle]").wait_for(state="visible")
    assert page.locator("[data-filters] fieldset").count() > 0, "the search page has no filter groups"


def status_count(page: Any) -> int | None:
    text = page.locator("[data-status]").text_content() or ""
    match = re.search(r"\d+", text)
    return int(match[0]) if match else None


# (1) search, and reach the result's page by clicking it


def test_search_finds_a_seed_testbed_and_its_result_opens_it(page: Any, base: str) -> None:
    testbed = seed_testbed()
    name = name_of(testbed)
    page.goto(base + "sok/")
    wait_for_search(page)
    search = page.get_by_role("searchbox", name=i18n.t("search_label", "sv"))
    search.fill(name)
    search.press("Enter")
    target = f"/{page_path('testbed', testbed.id, 'sv')}"
    result = page.locator(f"[data-results] a[href$='{target}']")
    result.first.wait_for()
    assert page.locator("[data-status]").text_content().strip()
    assert parse_qs(urlsplit(page.url).query).get("q") == [name], "the query is kept in the address"
    result.first.click()
    page.wait_for_url(base.rstrip("/") + target)
    assert name in page.locator("h1").first.text_content()


# (2) a filter changes the result count announced in the live region


def test_filters_change_the_count_in_the_live_region(page: Any, base: str) -> None:
    catalogue = shipped_catalogue()
    testbeds, projects = len(catalogue.of_kind("testbed")), len(catalogue.of_kind("project"))
    page.goto(base + "sok/")
    wait_for_search(page)
    status = page.get_by_role("status")
    assert status.count() == 1
    assert status.get_attribute("aria-live") == "polite"
    before = status.text_content()

    page.locator("[data-filter-toggle]").click()
    legends = page.locator("[data-filters] legend").all_text_contents()
    in_order = [FACET_NAMES[facet]["sv"] for facet in FACETS if FACET_NAMES[facet]["sv"] in legends]
    assert legends == in_order, f"filter groups out of the page's order: {legends}"
    legend = FACET_NAMES["type"]["sv"]
    group = page.locator("[data-filters] fieldset").filter(has=page.locator("legend", has_text=legend))
    assert group.count() == 1, f"no filter group {legend!r}"
    testbed_box = group.get_by_role(
        "checkbox", name=re.compile("^" + re.escape(i18n.t("testbed", "sv")) + r" \(")
    )
    project_box = group.get_by_role(
        "checkbox", name=re.compile("^" + re.escape(i18n.t("project", "sv")) + r" \(")
    )

    testbed_box.check()
    page.wait_for_function(
        "n => document.querySelector('[data-status]').textContent.includes(n)", arg=str(testbeds)
    )
    assert status.text_content() != before
    assert status_count(page) == testbeds
    assert page.locator("[data-results] > li").count() == min(testbeds, 10)

    project_box.check()
    page.wait_for_function(
        "n => document.querySelector('[data-status]').textContent.startsWith(n)", arg=str(testbeds + projects)
    )
    assert status_count(page) == testbeds + projects

    testbed_box.uncheck()
    project_box.uncheck()
    page.wait_for_function("() => document.querySelector('[data-status]').textContent === ''")
    assert page.locator("[data-results] > li").count() == 0


# (3) the "find your way in" chooser, with the keyboard only


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def chooser_target(page: Any) -> dict[str, Any]:
    """A (who, want) pair with a contact path; preferably one where the keyboard user changes both selects."""
    choices = page.evaluate(
        """() => {
            const index = (select, value) =>
                [...document.querySelectorAll(select + ' option')].findIndex(o => o.value === value);
            return [...document.querySelectorAll('tr[data-who]')]
                .filter(row => row.cells[2].querySelector('a'))
                .map(row => ({
                    who: index('#chooser-who', row.dataset.who),
                    want: index('#chooser-want', row.dataset.want),
                    href: row.cells[2].querySelector('a').getAttribute('href'),
                    name: row.cells[2].querySelector('a').textContent,
                }));
        }"""
    )
    assert choices, "no row of the chooser's table has a contact path"
    return max(choices, key=lambda c: (c["who"] > 0 and c["want"] > 0, c["who"] > 0 or c["want"] > 0))


def test_chooser_works_with_the_keyboard_only(page: Any, base: str) -> None:
    page.goto(base + "vag-in/")
    form = page.locator("form[data-chooser]")
    assert form.is_visible(), "the chooser form stays hidden: its script did not run"
    target = chooser_target(page)

    tab_to(page, "#chooser-who")
    for _ in range(target["who"]):
        page.keyboard.press("ArrowDown")
    tab_to(page, "#chooser-want", limit=3)
    for _ in range(target["want"]):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.querySelector('#chooser-who').selectedIndex") == target["who"]
    assert page.evaluate("() => document.querySelector('#chooser-want').selectedIndex") == target["want"]
    tab_to(page, "form[data-chooser] button", limit=3)
    page.keyboard.press("Enter")

    result = page.locator("[data-chooser-result]")
    assert result.get_attribute("role") == "status"
    link = result.locator(f"a[href='{target['href']}']")
    link.wait_for()
    assert link.text_content() == target["name"]
    assert link.evaluate("a => a === document.activeElement"), "the way in is shown but does not get focus"

    # Space on the button works too, and shows the same answer once, not twice
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.matches('form[data-chooser] button')")
    page.keyboard.press("Space")
    page.wait_for_function("() => document.activeElement.closest('[data-chooser-result]') !== null")
    assert result.locator("a").count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/contacts/" + re.escape(target["href"].rstrip("/").split("/")[-1]) + "/$"))
    assert target["name"] in page.locator("h1").first.text_content()


# (4) switch language on an entry page and back


def test_language_switch_keeps_the_entry(page: Any, base: str) -> None:
    testbed = seed_testbed()
    sv_url = base + page_path("testbed", testbed.id, "sv")
    en_url = base + page_path("testbed", testbed.id, "en")
    redirected: list[str] = []
    page.on(
        "response", lambda response: redirected.append(response.url) if 300 <= response.status < 400 else None
    )
    page.goto(sv_url)
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("link", name=i18n.t("other_language", "sv"), exact=True).click()
    page.wait_for_url(en_url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert name_of(testbed, "en") in page.locator("h1").first.text_content()
    page.get_by_role("link", name=i18n.t("other_language", "en"), exact=True).click()
    page.wait_for_url(sv_url)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert name_of(testbed, "sv") in page.locator("h1").first.text_content()
    assert not redirected, f"the language switch went through redirects: {redirected}"


# (6) axe-core on every page template, in both languages, on desktop and on a phone


def axe_pages(site_dir: Path) -> list[tuple[str, str]]:
    """(language, path below the language root) of each page template the site has, in both languages.

    Home, a listing, an entry of each kind, the chooser and search must exist; the other templates
    (field reference, open data, news, the yearly report, hand-written pages) are tested where built.
    """
    entries = [
        page_path(kind, first_of_kind(kind).id, "sv") for kind in ("testbed", "project", "contact", "unit")
    ]
    facet_page = f"testbeds/kind/{seed_testbed().get('kind')}/"  # a listing of one facet value
    required = ["", "testbeds/", facet_page, *entries, "vag-in/", f"sok/?q={name_of(seed_testbed())}"]
    years = sorted(p.name for p in (site_dir / "innovationsbokslut").glob("[0-9]*") if p.is_dir())
    optional = ["falt/", "oppna-data/", "news/", "om/", "tillganglighet/", "bidra/"]
    optional += [f"innovationsbokslut/{years[-1]}/"] if years else []
    return [
        (lang, path)
        for lang in ("sv", "en")
        for path in required
        + [p for p in optional if (site_dir / i18n_root(lang) / p / "index.html").is_file()]
    ]


def on_a_phone(path: str) -> bool:
    """The pages also checked at 390 x 844: home, a testbed, the chooser, search and the wide tables."""
    phone_pages = (
        "",
        "vag-in/",
        page_path("testbed", seed_testbed().id, "sv"),
        "falt/",
        "oppna-data/",
        "testbeds/",
    )
    return path in phone_pages or path.startswith("sok/")


def in_the_dark(path: str) -> bool:
    """The pages also checked in dark colours: home, a testbed, search and the yearly report."""
    return on_a_phone(path) or path.startswith("innovationsbokslut/")


def axe_script() -> Path:
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert path.is_file(), f"axe-core is missing from axe-playwright-python: {path}"
    return path


def prepare(page: Any, path: str) -> None:
    """Bring a page to the state a visitor sees: search results drawn, a chooser answer shown."""
    if path.startswith("sok/"):
        wait_for_search(page)
        page.locator("[data-results] li").first.wait_for()
        if page.locator("[data-filter-toggle]").get_attribute("aria-expanded") != "true":
            page.locator("[data-filter-toggle]").click()  # the filter panel is checked too
        page.locator("[data-filters]").wait_for(state="visible")
    elif path == "vag-in/":
        target = chooser_target(page)
        page.locator("#chooser-who").select_option(index=target["who"])
        page.locator("#chooser-want").select_option(index=target["want"])
        page.locator("form[data-chooser] button").click()
        page.locator("[data-chooser-result] a").wait_for()


def run_axe(page: Any) -> dict[str, Any]:
    page.add_script_tag(path=str(axe_script()))
    return page.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
        " return {version: axe.version, violations: r.violations.map(v => ({id: v.id, impact: v.impact,"
        " help: v.help, nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}))}; }",
        AXE_TAGS,
    )


def describe(url: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())[:300]
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def test_axe_finds_no_violations(desktop: Any, mobile: Any, dark: Any, site_dir: Path, base: str) -> None:
    found: list[str] = []
    tested: list[str] = []
    total = 0
    version = ""
    pages = axe_pages(site_dir)
    runs = [("1280x900", lang, path) for lang, path in pages]
    runs += [("390x844", lang, path) for lang, path in pages if on_a_phone(path)]
    runs += [("1280x900 dark", lang, path) for lang, path in pages if in_the_dark(path)]
    tabs = {"1280x900": desktop.new_page(), "390x844": mobile.new_page(), "1280x900 dark": dark.new_page()}
    try:
        for viewport, lang, path in runs:
            url = "/" + i18n_root(lang) + path
            page = tabs[viewport]
            response = page.goto(base + url.lstrip("/"))
            if response is None or not response.ok:
                found.append(f"{url}: HTTP {response.status if response else '?'}, not tested")
                total += 1
                continue
            prepare(page, path)
            scheme = page.locator("body").get_attribute("data-md-color-scheme")
            expected = "slate" if viewport.endswith("dark") else "default"
            assert scheme == expected, f"{url} [{viewport}]: colour scheme {scheme!r}, not {expected!r}"
            result = run_axe(page)
            version = result["version"]
            total += len(result["violations"])
            if url not in tested:
                tested.append(url)
            if result["violations"]:
                found.append(describe(f"{url} [{viewport}]", result["violations"]))
    finally:
        for page in tabs.values():
            page.close()
    write_report(version, tested, total)
    assert total == 0, f"axe-core {version} found {total} violations:\n" + "\n".join(found)


def i18n_root(lang: str) -> str:
    return "" if lang == i18n.DEFAULT_LANGUAGE else f"{lang}/"


def write_report(version: str, pages: list[str], violations: int) -> None:
    """The latest run, for the accessibility statement (the build reads it)."""
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "date": dt.date.today().isoformat(),
        "tool": f"axe-core {version}",
        "standard": "WCAG 2.1 AA",
        "pages": pages,
        "violations": violations,
        "viewports": ["1280x900", "390x844", "1280x900 dark"],
    }
    REPORT.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def test_pages_fit_a_phone_screen(mobile: Any, site_dir: Path, base: str) -> None:
    """WCAG 1.4.10 reflow: at 390 px wide nothing makes the page scroll sideways."""
    wide = []
    page = mobile.new_page()
    try:
        for lang, path in axe_pages(site_dir):
            page.goto(base + i18n_root(lang) + path)
            prepare(page, path)
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                wide.append(f"/{i18n_root(lang)}{path}: {width[0]} px content in a {width[1]} px window")
    finally:
        page.close()
    assert not wide, "\n".join(wide)


# (5) nothing left the site: checked last, over every request of the session


def test_no_request_left_the_site(browsing: Browsing, page: Any) -> None:
    page.goto(browsing.base)
    page.goto(browsing.base + "sok/?q=" + name_of(seed_testbed()))
    wait_for_search(page)
    page.locator("[data-results] li").first.wait_for()
    page.goto(browsing.base + "en/vag-in/")
    page.close()
    origin = urlsplit(browsing.base)
    requests = browsing.traffic.requests
    assert requests
    elsewhere = sorted(
        {
            url
            for url in requests
            if not url.startswith(("data:", "blob:"))
            and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)
        }
    )
    assert not elsewhere, f"requests to other origins: {elsewhere}"
    assert not browsing.traffic.failed, f"failed requests: {browsing.traffic.failed}"
    assert not browsing.traffic.errors, f"script errors: {browsing.traffic.errors}"
