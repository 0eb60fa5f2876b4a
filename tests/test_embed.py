"""Embeds for partner sites: the listings, the 'Bädda in / Embed' page, and the snippet on another origin.

The browser tests build the shipped site, serve it on one port and a partner's page on another,
and check that the snippet from the Embed page loads there, resizes itself, works by keyboard and
at 320 px, asks nothing of any third origin, and that the new pages pass axe.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from innokatalog.embed import HEIGHT_MESSAGE, selections
from innokatalog.render import Renderer

from .browser_support import Browsing, parse_html, serve
from .fresh import TODAY, fresh_catalogue
from .mini import schemas
from .test_browser import describe, run_axe


def by_path(lang: str = "sv") -> dict[str, Any]:
    return {selection.path: selection for selection in selections(fresh_catalogue(), schemas(), lang)}


def test_selections_by_type_kind_unit_and_area() -> None:
    found = by_path()
    assert set(found) == {
        "testbeds",
        "projects",
        "kind/living-lab",
        "kind/digital",
        "unit/vardenheten",
        "unit/stadsenheten",
        "area/health-care",
        "area/digitalisation",
    }
    assert [item.id for item in found["unit/vardenheten"].items] == ["halsolabbet", "vard-hemma"]
    assert [item.id for item in found["kind/digital"].items] == ["datamiljon"]
    assert found["unit/stadsenheten"].title == "Testbäddar och projekt hos Stadsenheten"
    assert by_path("en")["kind/living-lab"].title == "Testbeds: Living lab"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_embed_is_a_whole_small_page_that_loads_nothing_from_elsewhere(lang: str) -> None:
    renderer = Renderer(fresh_catalogue(), schemas(), lang, today=TODAY)
    files = renderer.embed_files()
    assert set(files) == {f"embed/{path}/index.html" for path in by_path(lang)}
    html = files["embed/unit/vardenheten/index.html"]
    page = parse_html(html)
    assert page.find("html")[0].attrs["lang"] == lang
    title = (
        "Testbäddar och projekt hos Vårdenhetens innovationskontor"
        if lang == "sv"
        else ("Testbeds and projects of The care unit's innovation office")
    )
    assert f"<title>{title} – " in html.replace("&#39;", "'")
    assert not page.find("link") and not page.find("img") and not page.find("iframe")
    assert all("src" not in tag.attrs for tag in page.find("script"))
    hrefs = [tag.attrs["href"] for tag in page.find("a")]
    assert "../../../testbeds/halsolabbet/" in hrefs and "../../../units/vardenheten/" in hrefs
    assert not [href for href in hrefs if "//" in href]
    assert all(tag.attrs.get("target") == "_top" for tag in page.find("a"))
    assert HEIGHT_MESSAGE in page.scripts[0][1]


def test_the_embed_page_offers_every_selection_in_both_languages() -> None:
    page = Renderer(fresh_catalogue(), schemas(), "en", today=TODAY).embed_page()
    assert page.src_uri == "badda-in.md" and page.title == "Embed"
    options = {tag.attrs["value"]: tag.attrs for tag in parse_html(page.html).find("option")}
    assert set(options) == set(by_path())
    assert options["unit/stadsenheten"]["data-title-sv"] == "Testbäddar och projekt hos Stadsenheten"
    assert options["unit/stadsenheten"]["data-title-en"] == "Testbeds and projects of The city unit"
    assert 'data-site-root="../../"' in page.html  # the English page is below /en/
    assert ">Copy the code</button>" in page.html


# --- in the browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(browsing: Browsing) -> str:
    """The shipped site as the shared browser session serves it."""
    return browsing.base


@pytest.fixture(scope="module")
def browser(browsing: Browsing) -> Any:
    """The session's Chromium: these tests make their own contexts, which let a partner's origin in."""
    return browsing.browser


def watched(browser: Any, allowed: list[str], **options: Any) -> tuple[Any, list[str]]:
    """A context that records every request and refuses any to an origin not in `allowed`."""
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))

    def only_allowed(route: Any) -> None:
        url = route.request.url
        if url.startswith(tuple(allowed)) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", only_allowed)
    return context, requests


def snippet_from_the_embed_page(browser: Any, site: str, value: str, lang: str) -> str:
    context, requests = watched(browser, [site], permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site + "badda-in/")
    page.select_option("#embed-what", value)
    page.check(f"input[name=lang][value={lang}]")
    page.click("[data-embed-copy]")
    page.locator("[data-embed-status]").filter(has_text="Koden är kopierad.").wait_for()
    snippet = page.input_value("#embed-code")
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    preview = page.frame_locator("[data-embed-preview]")
    preview.locator("h1").wait_for()
    assert page.locator("[data-embed-preview]").get_attribute("src").endswith(f"/{lang}/embed/{value}/")
    context.close()
    assert all(url.startswith(site) for url in requests), requests
    return snippet


@pytest.fixture(scope="module")
def partner(tmp_path_factory: pytest.TempPathFactory, browser: Any, site: str) -> Iterator[tuple[str, str]]:
    """A partner's page with the snippet for OpenLab's entries in English, on another port."""
    snippet = snippet_from_the_embed_page(browser, site, "unit/openlab", "en")
    folder = tmp_path_factory.mktemp("partner")
    (folder / "index.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Partnersida</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f"<body><main><h1>Vår partner</h1>{snippet}</main></body></html>",
        encoding="utf-8",
    )
    with serve(folder) as base:
        assert base != site
        yield base, snippet


@pytest.mark.browser
def test_the_snippet_loads_on_another_origin_and_takes_the_listings_height(
    browser: Any, site: str, partner: tuple[str, str]
) -> None:
    base, snippet = partner
    assert f'src="{site}en/embed/unit/openlab/"' in snippet
    context, requests = watched(browser, [site, base], viewport={"width": 1024, "height": 700})
    page = context.new_page()
    page.goto(base)
    frame = page.frame_locator("iframe")
    frame.locator("a").first.wait_for()
    assert frame.locator("html").get_attribute("lang") == "en"
    assert "OpenLab" in frame.locator("h1").inner_text()
    page.wait_for_function(
        "() => { const f = document.querySelector('iframe'); return f.style.height && f.style.height !== '400px'; }"
    )
    height = page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")
    content = page.frame_locator("iframe").locator("html").evaluate("e => e.getBoundingClientRect().height")
    assert abs(height - content) <= 2, (height, content)
    context.close()
    assert requests and all(url.startswith((site, base)) for url in requests), requests
    assert any(url.startswith(site) for url in requests) and any(url.startswith(base) for url in requests)


@pytest.mark.browser
def test_the_embed_works_by_keyboard_and_at_320_px(browser: Any, site: str, partner: tuple[str, str]) -> None:
    base, _ = partner
    context, _ = watched(browser, [site, base], viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base)
    frame = page.frame_locator("iframe")
    frame.locator("a").first.wait_for()
    page.keyboard.press("Tab")
    focused = frame.locator(":focus")
    assert focused.count() == 1 and focused.evaluate("e => e.tagName") == "A"
    first = frame.locator("a").first.inner_text()
    assert focused.inner_text() == first
    outline = focused.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"
    overflow = frame.locator("html").evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 0
    page_overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert page_overflow <= 0
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "badda-in/",
        "en/badda-in/",
        "granskning/",
        "en/granskning/",
        "granskning/stockholms-stad/",
        "en/granskning/sll-innovation/",
        "prenumerera/",
        "en/prenumerera/",
        "embed/testbeds/",
        "en/embed/unit/openlab/",
    ],
)
@pytest.mark.parametrize("width", [1280, 320])
def test_the_new_pages_pass_axe(browser: Any, site: str, path: str, width: int) -> None:
    context, requests = watched(browser, [site], viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + path)
    if path.endswith("badda-in/"):
        page.frame_locator("[data-embed-preview]").locator("h1").wait_for()
    result = run_axe(page)
    assert not result["violations"], describe(site + path, result["violations"])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways at {width} px"
    context.close()
    assert all(url.startswith(site) for url in requests), requests


def test_a_long_selection_shows_the_first_entries_and_says_how_many(monkeypatch: pytest.MonkeyPatch) -> None:
    from innokatalog import embed

    monkeypatch.setattr(embed, "EMBED_LIMIT", 1)
    html = Renderer(fresh_catalogue(), schemas(), "sv", today=TODAY).embed_files()[
        "embed/unit/vardenheten/index.html"
    ]
    assert "Visar 1 av 2, i bokstavsordning." in html
    assert "halsolabbet" in html and "vard-hemma/" not in html


@pytest.mark.browser
def test_a_unit_page_opens_the_embed_page_with_the_unit_chosen(browser: Any, site: str) -> None:
    context, _ = watched(browser, [site])
    page = context.new_page()
    page.goto(site + "units/openlab/")
    page.click("a[href$='badda-in/?what=unit/openlab']")
    page.wait_for_url("**/badda-in/?what=unit/openlab")
    assert page.input_value("#embed-what") == "unit/openlab"
    assert f'src="{site}embed/unit/openlab/"' in page.input_value("#embed-code")
    context.close()
