"""Search in real headless Chromium on the built shipped site: results first on a phone, filters and
query in the address (reload and Back), aliases, the kind of each result, clean excerpts, "show more",
counts that follow the query, and the bytes a first and a later search download.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from innokatalog import i18n
from innokatalog.facets import FACET_NAMES
from innokatalog.render import SEARCH_MARKER, SEARCH_TEXTS

from .browser_support import LANGUAGE_ROOTS, MOBILE, page_path, shipped_catalogue
from .test_browser import name_of, seed_testbed, status_count, wait_for_search

pytestmark = pytest.mark.browser

FIRST_SEARCH_BUDGET = 200_000  # bytes, from opening the search page to the first results
LATER_SEARCH_BUDGET = 30_000


@pytest.fixture
def tab(desktop: Any) -> Iterator[Any]:
    page = desktop.new_page()
    yield page
    page.close()


@pytest.fixture
def phone(mobile: Any) -> Iterator[Any]:
    page = mobile.new_page()
    yield page
    page.close()


def search_url(base: str, lang: str, query: str = "") -> str:
    return f"{base}{LANGUAGE_ROOTS[lang]}sok/" + (f"?q={query}" if query else "")


def wait_for_results(page: Any) -> None:
    page.wait_for_function("() => /\\d/.test(document.querySelector('[data-status]').textContent)")


def result_links(page: Any) -> list[str]:
    return [
        urlsplit(href).path
        for href in page.locator("[data-results] h2 a").evaluate_all("links => links.map(a => a.href)")
    ]


SAME_RESULTS = (
    "links => JSON.stringify([...document.querySelectorAll('[data-results] h2 a')]"
    ".map(a => new URL(a.href).pathname)) === JSON.stringify(links)"
)


def query_of(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_on_a_phone_the_first_result_is_within_the_first_screen(phone: Any, base: str, lang: str) -> None:
    phone.goto(search_url(base, lang, name_of(seed_testbed(), lang)))
    wait_for_search(phone)
    wait_for_results(phone)
    toggle = phone.locator("[data-filter-toggle]")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert phone.locator("[data-filters]").is_hidden(), "the filters start closed on a phone"
    title = phone.locator("[data-results] > li h2").first.bounding_box()
    assert title is not None
    assert title["y"] + title["height"] <= MOBILE["height"], f"the first result starts at {title['y']} px"


def test_a_ticked_filter_survives_a_reload_of_the_address(tab: Any, base: str) -> None:
    testbeds = len(shipped_catalogue().of_kind("testbed"))
    tab.goto(search_url(base, "sv"))
    wait_for_search(tab)
    tab.locator("[data-filter-toggle]").click()
    box = tab.locator("#filter-type-testbed")
    box.check()
    tab.wait_for_function(
        "n => document.querySelector('[data-status]').textContent.startsWith(n)", arg=str(testbeds)
    )
    assert query_of(tab).get("type") == ["testbed"], tab.url

    tab.reload()
    wait_for_search(tab)
    wait_for_results(tab)
    assert status_count(tab) == testbeds
    toggle = tab.locator("[data-filter-toggle]")
    assert toggle.text_content() == SEARCH_TEXTS["sv"]["filter_active_one"], "the button shows one filter"
    toggle.click()
    assert tab.locator("#filter-type-testbed").is_checked()
    assert all("/testbeds/" in link for link in result_links(tab))


def test_back_restores_the_previous_search(tab: Any, base: str) -> None:
    first, second = name_of(seed_testbed()), "Stockholm"
    tab.goto(search_url(base, "sv"))
    wait_for_search(tab)
    search = tab.get_by_role("searchbox", name=i18n.t("search_label", "sv"))
    search.fill(first)
    search.press("Enter")
    tab.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=first)
    wait_for_results(tab)
    first_results = result_links(tab)
    search.fill(second)
    search.press("Enter")
    tab.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=second)
    tab.wait_for_function(SAME_RESULTS.replace("===", "!=="), arg=first_results)

    tab.go_back()
    tab.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=first)
    assert search.input_value() == first
    tab.wait_for_function(SAME_RESULTS, arg=first_results)


def test_typing_searches_without_enter_and_keeps_the_query_in_the_address(tab: Any, base: str) -> None:
    name = name_of(seed_testbed())
    tab.goto(search_url(base, "sv"))
    wait_for_search(tab)
    tab.locator("#search-input").press_sequentially(name, delay=20)
    tab.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=name)
    wait_for_results(tab)
    assert f"/{page_path('testbed', seed_testbed().id, 'sv')}" in result_links(tab)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("query", ["digital health", "e-health", "e-hälsa"])
def test_aliases_find_the_health_care_entries(tab: Any, base: str, lang: str, query: str) -> None:
    expected = {
        f"/{page_path(item.kind, item.id, lang)}"
        for item in shipped_catalogue().all()
        if "health-care" in (item.get("areas") or [])
    }
    assert expected, "the shipped catalogue has no health-care entry to find"
    tab.goto(search_url(base, lang, query))
    wait_for_search(tab)
    wait_for_results(tab)
    found = set(result_links(tab))
    assert expected <= found, f"{query!r} ({lang}) missed {sorted(expected - found)}"
    # what the alias matched is hidden text: the result shows the entry's summary, not a list of aliases
    for excerpt in tab.locator(".search__excerpt").all_text_contents():
        assert SEARCH_MARKER not in excerpt and "e-health, digital" not in excerpt, excerpt


@pytest.mark.parametrize(("lang", "word"), [("sv", "sammanställdes"), ("en", "compiled")])
def test_the_words_every_entry_page_shares_find_nothing(tab: Any, base: str, lang: str, word: str) -> None:
    """The review line ("... last compiled on ...") is on every entry page but is the template's, not
    the entry's: it stays out of the index, like the headings, notes, relations and sources. (A
    hand-written page that explains the line may still be found.)"""
    assert word in i18n.t("compiled", lang)
    tab.goto(search_url(base, lang, word))
    wait_for_search(tab)
    tab.wait_for_function("() => document.querySelector('[data-status]').textContent.length > 0")
    entry_pages = {f"/{page_path(item.kind, item.id, lang)}" for item in shipped_catalogue().all()}
    assert len(entry_pages) > 10
    found = set(result_links(tab))
    assert not found & entry_pages, f"{word!r} finds entry pages: {sorted(found & entry_pages)}"


def test_each_result_shows_its_kind_and_a_clean_excerpt(tab: Any, base: str) -> None:
    kinds = {
        f"/{plural}/": i18n.t(kind, "sv")
        for kind, plural in (
            ("testbed", "testbeds"),
            ("project", "projects"),
            ("contact", "contacts"),
            ("unit", "units"),
        )
    }
    tab.goto(search_url(base, "sv", name_of(seed_testbed())))
    wait_for_search(tab)
    wait_for_results(tab)
    results = tab.locator("[data-results] > li")
    seen = set()
    for index in range(results.count()):
        result = results.nth(index)
        path = urlsplit(result.locator("h2 a").get_attribute("href")).path
        section = next((prefix for prefix in kinds if prefix in path), None)
        if section is None:  # a hand-written page
            continue
        assert result.locator(".search__kind").text_content() == kinds[section], path
        seen.add(kinds[section])
        excerpt = result.locator(".search__excerpt").text_content()
        # a fact's term never runs into its value ("TypFysisk miljö", "StatusÖppen")
        assert not re.search(r"\b(Typ|Status|Kostnad|E-post|Områden)[A-ZÅÄÖ]", excerpt), excerpt
    assert len(seen) >= 2, f"expected results of more than one kind, saw {seen}"


def test_show_more_adds_ten_and_moves_focus_to_them(tab: Any, base: str) -> None:
    tab.goto(search_url(base, "sv", "Stockholm"))
    wait_for_search(tab)
    wait_for_results(tab)
    total = status_count(tab)
    assert total and total > 10, f"the shipped catalogue gives {total} results for Stockholm"
    assert tab.locator("[data-results] > li").count() == 10
    more = tab.get_by_role("button", name=SEARCH_TEXTS["sv"]["more"])
    more.click()
    tab.wait_for_function("() => document.querySelectorAll('[data-results] > li').length > 10")
    assert tab.locator("[data-results] > li").count() == min(total, 20)
    assert tab.evaluate(
        "() => document.activeElement === document.querySelectorAll('[data-results] > li h2 a')[10]"
    ), "focus goes to the first new result"
    assert more.is_visible() == (total > 20)


def test_filter_counts_follow_the_query(tab: Any, base: str) -> None:
    catalogue = shipped_catalogue()
    tab.goto(search_url(base, "sv"))
    wait_for_search(tab)
    tab.locator("[data-filter-toggle]").click()
    count = tab.locator("label[for='filter-type-testbed'] .search__count")
    total = f"({len(catalogue.of_kind('testbed'))})"
    assert count.text_content() == total, "the build's counts at first"
    tab.locator("#search-input").fill(name_of(seed_testbed()))
    tab.locator("#search-input").press("Enter")
    wait_for_results(tab)
    testbeds = sum(1 for link in result_links(tab) if "/testbeds/" in link)
    assert f"({testbeds})" != total, "pick a query that finds fewer testbeds than there are"
    tab.wait_for_function(
        "t => document.querySelector(\"label[for='filter-type-testbed'] .search__count\").textContent === t",
        arg=f"({testbeds})",
    )
    # ticking a type keeps the other types countable as alternatives
    units = sum(1 for link in result_links(tab) if "/units/" in link)
    tab.locator("#filter-type-testbed").check()
    unit_count = tab.locator("label[for='filter-type-unit'] .search__count")
    tab.wait_for_function("() => new URLSearchParams(location.search).get('type') === 'testbed'")
    wait_for_results(tab)
    assert units > 0, "pick a query that finds a unit too"
    tab.wait_for_function(
        "t => document.querySelector(\"label[for='filter-type-unit'] .search__count\").textContent === t",
        arg=f"({units})",
    )
    assert unit_count.is_visible()
    legend = tab.locator("[data-filters] legend").first.text_content()
    assert legend == FACET_NAMES["type"]["sv"]


def test_without_javascript_the_form_still_sends_the_query(browsing: Any, base: str) -> None:
    context = browsing.context(java_script_enabled=False)
    page = context.new_page()
    page.goto(search_url(base, "sv"))
    assert page.locator("[data-filter-toggle]").is_hidden()
    page.locator("#search-input").fill("OpenLab")
    page.locator("#search-input").press("Enter")
    page.wait_for_url(re.compile(r"\?q=OpenLab$"))
    links = page.locator("noscript").inner_html()
    assert "testbeds/" in links, "without JavaScript the page points to the listings"
    page.close()


def test_a_first_and_a_later_search_download_little(browsing: Any, base: str) -> None:
    """Bytes Pagefind loads: opening the page to the first results, then one more query.

    On the shipped catalogue the figures are far below the targets at 10,000 testbeds, which
    benchmarks/search_bytes.py measures; the filter data is never loaded while the filters are shut.
    """
    context = browsing.context()
    page = context.new_page()
    loaded: list[tuple[str, int]] = []
    page.on(
        "requestfinished",
        lambda request: (
            loaded.append((request.url, request.sizes()["responseBodySize"]))
            if "/pagefind/" in request.url
            else None
        ),
    )
    page.goto(search_url(base, "sv"))
    wait_for_search(page)
    page.locator("#search-input").fill(name_of(seed_testbed()))
    page.locator("#search-input").press("Enter")
    wait_for_results(page)
    page.wait_for_load_state("networkidle")
    first = sum(size for _, size in loaded)
    before = len(loaded)
    first_results = result_links(page)
    page.locator("#search-input").fill("Stockholm")
    page.locator("#search-input").press("Enter")
    page.wait_for_function(SAME_RESULTS.replace("===", "!=="), arg=first_results)
    page.wait_for_load_state("networkidle")
    later = sum(size for _, size in loaded[before:])
    print(f"\nshipped catalogue: first search {first / 1000:.1f} kB, later search {later / 1000:.1f} kB")
    assert not [url for url, _ in loaded if "/filter/" in url], "filter data loaded with the filters shut"
    assert not [url for url, _ in loaded if "worker" in url], "the worker is not needed"
    assert 0 < first <= FIRST_SEARCH_BUDGET
    assert later <= LATER_SEARCH_BUDGET
    page.locator("[data-filter-toggle]").click()
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some(r => r.name.includes('/filter/'))"
    )
    page.close()
