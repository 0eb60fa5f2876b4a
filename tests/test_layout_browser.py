"""The site's frame in real headless Chromium, on every page template in both languages: the skip link
comes first, focus shows, nothing scrolls sideways at 320 px, the footer's links are big enough to tap,
the chooser always ends on a contact path, the home page starts with search and start links (the yearly
report among them), entries print on one or two A4 pages, 404 pages speak their language, and no request
of the site's own fails (the favicon included).

Chromium is the system's (`/usr/bin/chromium`), driven by Playwright; a missing browser fails these
tests, it never skips them.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from innokatalog import i18n
from innokatalog.build import build_site
from innokatalog.model import KIND_PLURALS

from .browser_support import PROJECT, Browsing, page_path, parse_html, shipped_catalogue

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}
TIMEOUT_MS = 15_000
ROOTS = {"sv": "", "en": "en/"}


def template_pages(site_dir: Path) -> list[str]:
    """One page of every template, below the language root: home, a listing, an entry of each kind,
    the chooser, search, the news page and a post, the yearly report, hand-written pages and the 404 page."""
    catalogue = shipped_catalogue()
    entries = []
    for kind in KIND_PLURALS:
        items = catalogue.of_kind(kind)
        assert items, f"the shipped catalogue has no {kind}"
        # the entry with the most fields and relations shows the most of its template
        item = max(items, key=lambda i: (len(i.data) + sum(len(v) for v in i.referred_by.values()), i.id))
        entries.append(page_path(kind, item.id, "sv"))
    posts = sorted(p.parent.name for p in (site_dir / "news").glob("*/index.html"))
    years = sorted(p.name for p in (site_dir / "innovationsbokslut").glob("[0-9]*") if p.is_dir())
    assert posts and years, "the site has no news post or no yearly report"
    return [
        "",
        "testbeds/",
        *entries,
        "vag-in/",
        "sok/?q=openlab",
        "news/",
        f"news/{posts[0]}/",
        f"innovationsbokslut/{years[-1]}/",
        "om/",
        "oppna-data/",
        "404.html",
    ]


@pytest.fixture(scope="module")
def browser(browsing: Browsing) -> Any:
    """The session's one Chromium (conftest's): pages here get contexts of their own, without its routing."""
    return browsing.browser


@contextmanager
def tab(browser: Any, viewport: dict[str, int] = DESKTOP, **options: Any) -> Iterator[Any]:
    """A fresh page in a context of its own; phones get touch and the mobile viewport rules."""
    if viewport["width"] < 500:
        options = {"is_mobile": True, "has_touch": True, **options}
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def every_page(site_dir: Path) -> list[tuple[str, str]]:
    return [(lang, ROOTS[lang] + path) for lang in ROOTS for path in template_pages(site_dir)]


def open_page(page: Any, base: str, path: str) -> None:
    response = page.goto(base + path)
    assert response is not None and response.ok, f"/{path}: HTTP {response.status if response else '?'}"
    if "sok/" in path:  # search draws its results after loading the index
        page.locator("[data-results] li").first.wait_for()


# the skip link


def test_skip_link_is_the_first_tab_stop(browser: Any, site_dir: Path, base: str) -> None:
    wrong = []
    for viewport in (DESKTOP, PHONE):
        with tab(browser, viewport) as page:
            for _, path in every_page(site_dir):
                open_page(page, base, path)
                page.keyboard.press("Tab")
                first = page.evaluate(
                    """() => { const a = document.activeElement, box = a.getBoundingClientRect();
                       return {cls: a.className, href: a.getAttribute('href'), text: a.textContent.trim(),
                               visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.top < innerHeight}; }"""
                )
                lang = page.locator("html").get_attribute("lang")
                if (
                    first["href"] != "#cat-content"
                    or first["text"] != i18n.t("skip", lang)
                    or not first["visible"]
                ):
                    wrong.append(f"/{path} at {viewport['width']} px: first Tab stop is {first}")
                    continue
                page.keyboard.press("Enter")
                target = page.evaluate("() => document.activeElement.id")
                if target != "cat-content":
                    wrong.append(f"/{path}: the skip link moves focus to {target!r}, not the content")
    assert not wrong, "\n".join(wrong)


# focus is visible


FOCUS_INDICATOR = """() => {
    let el = document.activeElement;
    if (el.matches('.md-option')) { el = el.nextElementSibling; }  // a colour-toggle radio shows on its label
    const style = getComputedStyle(el);
    const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    const transparent = /rgba\\(.*, 0\\)$/.test(style.outlineColor) || style.outlineColor === 'transparent';
    return {what: el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || '').trim().slice(0, 30),
            width: transparent ? 0 : width};
}"""


def test_focus_outline_is_at_least_2px(browser: Any, site_dir: Path, base: str) -> None:
    thin = []
    for scheme in ("light", "dark"):
        with tab(browser, DESKTOP, color_scheme=scheme) as page:
            for _, path in every_page(site_dir):
                open_page(page, base, path)
                seen = 0
                for _ in range(25):
                    page.keyboard.press("Tab")
                    if page.evaluate("() => document.activeElement === document.body"):
                        break
                    indicator = page.evaluate(FOCUS_INDICATOR)
                    seen += 1
                    if indicator["width"] < 2:
                        thin.append(f"/{path} ({scheme}): {indicator['what']}: {indicator['width']} px")
                assert seen > 5, f"/{path}: only {seen} elements take focus"
    assert not thin, "focus outline thinner than 2 px:\n" + "\n".join(thin)


# reflow


def test_nothing_scrolls_sideways_at_320px(browser: Any, site_dir: Path, base: str) -> None:
    """WCAG 1.4.10: at 320 CSS px every page, the chooser's answer and the opened menu fit the width."""
    wide = []
    with tab(browser, NARROW) as page:
        for _, path in every_page(site_dir):
            open_page(page, base, path)
            states = ["as loaded"]
            if path.endswith("vag-in/"):
                page.locator("#chooser-who").select_option(index=1)
                page.locator("#chooser-want").select_option(index=1)
                page.locator("form[data-chooser] button").click()
                page.locator("[data-chooser-result] a").wait_for()
                states.append("with an answer")
            page.locator(".cat-header__menu").click()
            page.locator("#cat-menu").wait_for()
            states.append("menu open")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > NARROW["width"]:
                widest = page.evaluate(
                    """() => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                        .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
                )
                wide.append(f"/{path} ({', '.join(states)}): {width} px wide, e.g. {widest}")
    assert not wide, "\n".join(wide)


# header, menu, breadcrumbs and footer


def test_phone_header_has_the_language_switch_and_a_menu_button(browser: Any, base: str) -> None:
    testbed = page_path("testbed", shipped_catalogue().of_kind("testbed")[0].id, "sv")
    with tab(browser, PHONE) as page:
        for path, lang in ((testbed, "sv"), ("en/" + testbed, "en")):
            open_page(page, base, path)
            switch = page.locator(".cat-header").get_by_role(
                "link", name=i18n.t("other_language", lang), exact=True
            )
            assert switch.is_visible(), f"/{path}: no language switch in the phone header"
            assert switch.bounding_box()["y"] < 150
            menu = page.get_by_role("navigation", name=i18n.t("main_menu", lang))
            button = page.get_by_role("button", name=i18n.t("menu", lang))
            assert not menu.is_visible() and button.get_attribute("aria-expanded") == "false"
            button.click()
            assert menu.is_visible() and button.get_attribute("aria-expanded") == "true"
            assert menu.get_by_role("link", name=i18n.t("testbeds", lang), exact=True).is_visible()
    with tab(browser, PHONE, java_script_enabled=False) as page:
        open_page(page, base, testbed)
        assert page.get_by_role("navigation", name=i18n.t("main_menu", "sv")).is_visible(), (
            "without JavaScript the phone menu must show"
        )


def test_breadcrumbs_and_the_current_section_are_marked(browser: Any, base: str) -> None:
    catalogue = shipped_catalogue()
    with tab(browser) as page:
        for lang in ROOTS:
            for kind, plural in KIND_PLURALS.items():
                item = catalogue.of_kind(kind)[0]
                open_page(page, base, page_path(kind, item.id, lang))
                crumbs = page.get_by_role("navigation", name=i18n.t("breadcrumbs", lang))
                assert crumbs.get_by_role("link").all_text_contents() == [
                    i18n.t("home", lang),
                    i18n.t(plural, lang),
                ]
                current = crumbs.locator("[aria-current=page]")
                assert current.text_content().strip() == i18n.localised(item.get("name"), lang)
                if plural != "units":  # units are reached from the footer, not the main menu
                    menu = page.get_by_role("navigation", name=i18n.t("main_menu", lang))
                    marked = menu.locator("[aria-current]")
                    assert marked.all_text_contents() == [i18n.t(plural, lang)]
                    assert marked.get_attribute("aria-current") == "true"
            open_page(page, base, ROOTS[lang] + "testbeds/")
            marked = page.get_by_role("navigation", name=i18n.t("main_menu", lang)).locator("[aria-current]")
            assert marked.get_attribute("aria-current") == "page"


def test_no_documentation_chrome(browser: Any, site_dir: Path, base: str) -> None:
    """No tabs, no left navigation, no table of contents; one main menu with a handful of links."""
    with tab(browser) as page:
        for lang, path in every_page(site_dir):
            open_page(page, base, path)
            chrome = page.evaluate(
                "() => [...document.querySelectorAll('.md-tabs, .md-sidebar, .md-nav')].map(e => e.className)"
            )
            assert not chrome, f"/{path}: documentation chrome {chrome}"
            menu = page.get_by_role("navigation", name=i18n.t("main_menu", lang))
            assert 4 <= menu.get_by_role("link").count() <= 8


def test_footer_names_the_publisher_and_its_links_are_big_enough(
    browser: Any, site_dir: Path, base: str
) -> None:
    small = []
    with tab(browser, PHONE) as page:
        for lang, path in every_page(site_dir):
            open_page(page, base, path)
            footer = page.locator("footer.cat-footer")
            assert i18n.t("publisher", lang) in footer.text_content()
            hrefs = footer.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
            for wanted in ("tillganglighet/", "oppna-data/", "feed.xml", "vag-in/"):
                assert any(h.rstrip("/").endswith(wanted.rstrip("/")) for h in hrefs), f"/{path}: no {wanted}"
            body = page.evaluate(
                "() => parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
            )
            for link in footer.locator("a").all():
                box = link.bounding_box()
                size = link.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
                if box["width"] < 24 or box["height"] < 24 or size < min(body, 16):
                    small.append(
                        f"/{path}: {link.text_content()!r} {box['width']:.0f}x{box['height']:.0f} px, {size} px text"
                    )
    assert not small, "\n".join(small)


# the home page


def test_home_starts_with_search_and_start_links_to_the_report(
    browser: Any, site_dir: Path, base: str
) -> None:
    # the newest published report (reports/<year>.json), else the newest year the site shows
    published = sorted(path.stem for path in (PROJECT / "reports").glob("[0-9]*.json"))
    shown = sorted(p.name for p in (site_dir / "innovationsbokslut").glob("[0-9]*") if p.is_dir())
    year = (published or shown)[-1]
    wanted = [
        "testbeds/",
        "vag-in/",
        "contacts/forbattringsforslag/",
        "projects/",
        f"innovationsbokslut/{year}/",
        "opportunities/",
    ]
    with tab(browser, PHONE) as page:
        for lang, root in ROOTS.items():
            open_page(page, base, root)
            search = page.locator("#cat-content form[role=search]")
            assert search.count() == 1
            box = search.bounding_box()
            assert box["y"] < PHONE["height"], "the search field is not on the first screen of a phone"
            starts = page.locator(".cat-start a").evaluate_all("links => links.map(a => a.href)")
            assert [urlsplit(h).path.removeprefix("/" + root) for h in starts] == wanted
            report = page.locator(".cat-start a").nth(4)
            report.click()
            page.wait_for_url(re.compile(rf"/innovationsbokslut/{year}/$"))
            assert year in page.locator("h1").text_content()
            # the main menu links the report's list of years, which links the newest
            open_page(page, base, root)
            page.get_by_role("button", name=i18n.t("menu", lang)).click()
            menu_link = page.get_by_role("navigation", name=i18n.t("main_menu", lang)).get_by_role(
                "link", name=i18n.t("report", lang), exact=True
            )
            assert urlsplit(menu_link.evaluate("a => a.href")).path == f"/{root}innovationsbokslut/"
            menu_link.click()
            page.wait_for_url(re.compile(r"/innovationsbokslut/$"))
            years = page.locator("#cat-content a").evaluate_all("links => links.map(a => a.href)")
            assert any(urlsplit(h).path == f"/{root}innovationsbokslut/{year}/" for h in years)
            open_page(page, base, root)
            featured = page.locator(".catalogue-featured li").count()
            assert 0 < featured <= 6
    # the search field works without JavaScript: a plain form to the search page
    with tab(browser, DESKTOP, java_script_enabled=False) as page:
        open_page(page, base, "")
        page.locator("#home-search").fill("openlab")
        page.locator("#home-search").press("Enter")
        page.wait_for_url(re.compile(r"/sok/\?q=openlab$"))


# the chooser


def test_every_chooser_combination_ends_on_a_contact_path(browser: Any, base: str) -> None:
    """Each answer is a contact path, or an opportunity whose page names the contact path to ask."""
    catalogue = shipped_catalogue()
    ways_in = {item.url: item for item in catalogue.of_kind("contact") + catalogue.of_kind("opportunity")}
    for lang, root in ROOTS.items():
        with tab(browser, PHONE) as page:
            open_page(page, base, root + "vag-in/")
            who = page.locator("#chooser-who option").evaluate_all("os => os.map(o => o.value)")
            want = page.locator("#chooser-want option").evaluate_all("os => os.map(o => o.value)")
            assert len(who) == len(i18n.VISITORS) and len(want) == len(i18n.WANTS)
            answers = {}
            for visitor in who:
                for wish in want:
                    page.locator("#chooser-who").select_option(visitor)
                    page.locator("#chooser-want").select_option(wish)
                    page.locator("form[data-chooser] button").click()
                    link = page.locator("[data-chooser-result] a")
                    link.wait_for()
                    assert link.count() == 1, (visitor, wish)
                    href = urljoin(page.url, link.get_attribute("href"))
                    path = urlsplit(href).path.removeprefix("/" + root)
                    assert path in ways_in, f"{visitor} + {wish} ends on {href}"
                    way_in = ways_in[path]
                    assert link.text_content() == i18n.localised(way_in.get("name"), lang)
                    if way_in.kind == "opportunity":
                        target = page.request.get(href).text()
                        named = re.search(r'href="\.\./\.\./contacts/[a-z0-9-]+/"', target)
                        assert named, f"{href} names no contact path"
                    answers[(visitor, wish)] = path
            assert answers[("companies", "test")] == "contacts/testbaddar-for-foretag/"
            page.locator("#chooser-who").select_option("companies")
            page.locator("#chooser-want").select_option("test")
            page.locator("form[data-chooser] button").click()
            page.locator("[data-chooser-result] a").click()
            page.wait_for_url(re.compile("/contacts/testbaddar-for-foretag/$"))
        # without JavaScript the table says the same, every row linked
        with tab(browser, PHONE, java_script_enabled=False) as page:
            open_page(page, base, root + "vag-in/")
            assert not page.locator("form[data-chooser]").is_visible()
            rows = page.locator("table.chooser__ways tbody tr")
            assert rows.count() == len(answers)
            for row in rows.all():
                key = (row.get_attribute("data-who"), row.get_attribute("data-want"))
                href = row.locator("td").last.locator("a").get_attribute("href")
                assert urlsplit(urljoin(page.url, href)).path == f"/{root}{answers[key]}", (key, href)


# print


def test_entries_print_as_a_fact_sheet_of_at_most_two_a4_pages(browser: Any, base: str) -> None:
    catalogue = shipped_catalogue()
    long = []
    with tab(browser) as page:
        for lang in ROOTS:
            for item in catalogue.all():
                path = page_path(item.kind, item.id, lang)
                open_page(page, base, path)
                pdf = page.pdf(format="A4")
                pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
                if not 1 <= pages <= 2:
                    long.append(f"/{path}: {pages} A4 pages")
        page.emulate_media(media="print")
        item = catalogue.of_kind("testbed")[0]
        open_page(page, base, page_path("testbed", item.id, "sv"))
        sheet = page.locator(".cat-print-header")
        assert sheet.is_visible()
        text = sheet.text_content()
        assert i18n.t("site_name", "sv") in text and f"/{page_path('testbed', item.id, 'sv')}" in text
        assert re.search(r"\d{1,2} \w+ 20\d\d", text), f"no date in the print header: {text!r}"
        for chrome in (".cat-header", ".cat-footer", ".cat-breadcrumbs", ".cat-skip"):
            assert not page.locator(chrome).is_visible(), f"{chrome} is printed"
    assert not long, "\n".join(long)


# 404 and the site's own requests


def test_404_pages_are_in_their_language(browser: Any, base: str) -> None:
    with tab(browser) as page:
        for lang, root in ROOTS.items():
            open_page(page, base, root + "404.html")
            assert page.locator("html").get_attribute("lang") == lang
            assert page.locator("h1").text_content().strip() == i18n.t("not_found_title", lang)
            search = page.locator("#cat-content form[role=search]")
            assert urlsplit(urljoin(page.url, search.get_attribute("action"))).path == f"/{root}sok/"
            home = page.get_by_role("link", name=i18n.t("go_home", lang), exact=True)
            assert urlsplit(urljoin(page.url, home.get_attribute("href"))).path in (f"/{root}", f"/{root}.")


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """A static host below a sub-path, as on user.github.io/repo/: a missing address gets 404.html."""

    prefix = "/repo/"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path.split("?")[0]))
        if self.path.startswith(self.prefix) and (path.is_file() or (path / "index.html").is_file()):
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def test_404_page_works_at_any_depth_below_a_sub_path(browser: Any, tmp_path: Path) -> None:
    output = build_site(PROJECT, tmp_path / "public", site_url="https://user.example.org/repo/")
    handler = functools.partial(_NotFoundHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    failed: list[str] = []
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/repo/"
        with tab(browser) as page:
            page.on("response", lambda r: failed.append(f"{r.url} {r.status}") if r.status >= 400 else None)
            response = page.goto(base + "testbeds/no/such/page/")
            assert response is not None and response.status == 404
            assert page.locator("html").get_attribute("lang") == "sv"
            assert page.locator("h1").text_content().strip() == i18n.t("not_found_title", "sv")
            background = page.locator(".cat-header").evaluate("e => getComputedStyle(e).backgroundColor")
            assert background == "rgb(18, 54, 86)", "the 404 page's stylesheet did not load"
            page.get_by_role("link", name=i18n.t("go_home", "sv"), exact=True).click()
            page.wait_for_url(re.compile(r"/repo/\.?$"))
            assert page.locator("h1").text_content().strip() == i18n.t("site_name", "sv")
    finally:
        server.shutdown()
        server.server_close()
    assert failed == [base + "testbeds/no/such/page/ 404"], failed


def test_no_request_of_the_site_ends_in_a_404(browser: Any, site_dir: Path, base: str) -> None:
    failed: list[str] = []
    requested: list[str] = []
    with tab(browser) as page:
        page.on("request", lambda request: requested.append(request.url))
        page.on(
            "response", lambda r: failed.append(f"{r.url} (HTTP {r.status})") if r.status >= 400 else None
        )
        for _, path in every_page(site_dir):
            open_page(page, base, path)
            page.wait_for_load_state("networkidle")
        icon = page.request.get(base + "favicon.ico")
        assert icon.ok and icon.body()[:4] == b"\x00\x00\x01\x00", "/favicon.ico is not an icon"
        page.goto(base + "favicon.ico")
    icons = [url for url in requested if "favicon" in url]
    assert icons, "no page asked for the site's icon"
    assert not failed, "requests of the site's own failed:\n" + "\n".join(sorted(set(failed)))


# speed: nothing holds up the first paint, and nothing jumps when the scripts arrive

LAYOUT_SHIFT = """() => new Promise(resolve => {
    const shifts = [];
    new PerformanceObserver(list => {
        for (const e of list.getEntries()) {
            if (e.hadRecentInput) { continue; }
            const moved = e.sources.map(s => s.node ? (s.node.className || s.node.nodeName) : '?').join(', ');
            shifts.push({value: e.value, moved});
        }
    }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(shifts), 300);
})"""


def test_every_script_is_deferred(site_dir: Path) -> None:
    """A script that loads with the page runs after it is parsed (defer, async or module), so none holds
    up its first paint; the few inline scripts that must run at once (the colour scheme) stay small."""
    blocking = []
    for _, path in every_page(site_dir):
        file = site_dir / (path.split("?")[0] or "index.html")
        html = (file / "index.html" if file.is_dir() else file).read_text(encoding="utf-8")
        scripts = parse_html(html).scripts
        assert any("src" in attrs for attrs, _ in scripts), f"/{path} loads no script at all"
        for attrs, text in scripts:
            if "src" in attrs and not ({"defer", "async"} & attrs.keys() or attrs.get("type") == "module"):
                blocking.append(f"/{path}: {attrs['src']}")
            if (
                "src" not in attrs
                and attrs.get("type", "text/javascript") == "text/javascript"
                and len(text) > 2000
            ):
                blocking.append(f"/{path}: an inline script of {len(text)} characters")
    assert not blocking, "scripts that hold up the first paint:\n" + "\n".join(blocking)


def test_nothing_shifts_when_the_scripts_arrive_late(browser: Any, site_dir: Path, base: str) -> None:
    """On a slow phone the deferred scripts run after the first paint: the colour toggle they show, the
    chooser they enable and the search results they draw must not push what is already on screen
    (Lighthouse's layout shift). The scripts are held back here so the page paints without them first."""

    def late(route: Any) -> None:
        time.sleep(0.25)
        route.continue_()

    moved = []
    for scheme in ("light", "dark"):
        with tab(browser, PHONE, color_scheme=scheme) as page:
            page.route("**/*.js", late)
            for _, path in every_page(site_dir):
                open_page(page, base, path)
                shifts = page.evaluate(LAYOUT_SHIFT)
                total = sum(shift["value"] for shift in shifts)
                if total > 0.01:
                    moved.append(f"/{path} ({scheme}): {total:.3f}, moved: {[s['moved'] for s in shifts]}")
    assert not moved, "the page jumps when its scripts run:\n" + "\n".join(moved)


def test_search_page_preloads_what_its_script_fetches(browser: Any, base: str, site_dir: Path) -> None:
    """The search page asks for Pagefind's script, its language's search code and index metadata from
    the start; each is fetched once (a preload the script did not use, or did not match, would be
    fetched twice)."""
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    for lang, root in ROOTS.items():
        requested: list[str] = []
        with tab(browser, PHONE) as page:
            page.on("request", lambda request, seen=requested: seen.append(request.url))
            open_page(page, base, f"{root}sok/?q=openlab")
            page.wait_for_load_state("networkidle")
            preloaded = page.evaluate(
                "() => [...document.querySelectorAll('link[rel=preload], link[rel=modulepreload]')].map(l => l.href)"
            )
        metadata = f"pagefind/pagefind.{entry['languages'][lang]['hash']}.pf_meta"
        assert sorted(preloaded) == sorted(
            [base + "pagefind/pagefind.js", base + f"pagefind/wasm.{lang}.pagefind", base + metadata]
        )
        for url in preloaded:
            assert requested.count(url) == 1, f"/{root}sok/: {url} fetched {requested.count(url)} times"
        wasm = [url for url in requested if url.endswith(".pagefind") and "/wasm." in url]
        assert wasm == [base + f"pagefind/wasm.{lang}.pagefind"], f"/{root}sok/ fetched {wasm}"
