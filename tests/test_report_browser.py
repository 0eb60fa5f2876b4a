"""The yearly report in real headless Chromium: chart contrast in both colour schemes, labels never
cut, readable text on a phone, every download there, the index of years, and search finding it.

Uses the shipped site and browser of the whole run (conftest), with the published 2017 report.
"""

from __future__ import annotations

from typing import Any

import pytest

from .browser_support import DESKTOP, MOBILE, Browsing
from .test_browser import describe, run_axe

pytestmark = pytest.mark.browser

PAGES = {"sv": "innovationsbokslut/2017/", "en": "en/innovationsbokslut/2017/"}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → the theme's scheme


class Site:
    """The built site in the session's browser, with one context per colour scheme and viewport."""

    def __init__(self, session: Browsing) -> None:
        self.session = session
        self.contexts: dict[tuple[str, int], Any] = {}

    def open(self, path: str, scheme: str = "light", viewport: dict = DESKTOP) -> Any:
        key = (scheme, viewport["width"])
        if key not in self.contexts:
            self.contexts[key] = self.session.context(viewport, color_scheme=scheme)
        page = self.contexts[key].new_page()
        response = page.goto(self.session.base + path)
        assert response is not None and response.ok, path
        return page


@pytest.fixture(scope="module")
def site(browsing: Browsing) -> Site:
    return Site(browsing)


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# Each chart mark's colour and the colour of what it is drawn on: the first ancestor with a background
# that is not transparent, composed over white like a browser's canvas when it is partly transparent.
MARK_COLOURS = """(selector) => {
  const rgba = (text) => { const m = text.match(/[\\d.]+/g).map(Number); return m.length === 3 ? [...m, 1] : m; };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) return colour;
    }
    return [255, 255, 255, 1];
  };
  return [...document.querySelectorAll(selector)].map((mark) => {
    const style = getComputedStyle(mark);
    const fill = rgba(style.fill);
    const behind = background(mark.closest("svg"));
    const over = (c) => [0, 1, 2].map((i) => c[i] * c[3] + 255 * (1 - c[3]));
    return { fill: over(fill), behind: over(behind),
             opacity: Number(style.opacity) * Number(style.fillOpacity) };
  });
}"""


@pytest.mark.parametrize("lang", sorted(PAGES))
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_chart_bars_meet_3_to_1_against_their_background(site: Site, scheme: str, lang: str) -> None:
    page = site.open(PAGES[lang], scheme)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    bars = page.evaluate(MARK_COLOURS, ".report__chart .report__bar")
    texts = page.evaluate(MARK_COLOURS, ".report__chart text")
    assert bars and texts
    for bar in bars:
        assert bar["opacity"] == 1
        assert contrast(tuple(bar["fill"]), tuple(bar["behind"])) >= 3, bar
    for text in texts:  # the labels and values are text: 4.5:1
        assert contrast(tuple(text["fill"]), tuple(text["behind"])) >= 4.5, text
    page.close()


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", sorted(PAGES))
def test_chart_labels_are_never_cut_and_readable_on_a_phone(site: Site, lang: str, viewport: dict) -> None:
    page = site.open(PAGES[lang], viewport=viewport)
    charts = page.evaluate(
        """() => [...document.querySelectorAll('.report__chart')].map((svg) => {
          const box = svg.viewBox.baseVal, shown = svg.getBoundingClientRect();
          return {
            width: box.width, height: box.height, scale: shown.width / box.width,
            page: document.documentElement.clientWidth, right: shown.right,
            texts: [...svg.querySelectorAll('text')].map((t) => {
              const b = t.getBBox();
              return { cls: t.getAttribute('class'), text: t.textContent, x: b.x, right: b.x + b.width,
                       top: b.y, bottom: b.y + b.height, size: parseFloat(getComputedStyle(t).fontSize) };
            }),
            rows: [...svg.closest('section').querySelectorAll('tbody th')].map((th) => th.textContent),
          };
        })"""
    )
    assert charts
    for chart in charts:
        assert chart["right"] <= chart["page"] + 0.5  # the chart does not make the page scroll sideways
        for text in chart["texts"]:
            assert text["x"] >= 0 and text["right"] <= chart["width"], text
            assert text["top"] >= 0 and text["bottom"] <= chart["height"], text
            assert text["size"] * chart["scale"] >= 12, (text, chart["scale"])  # px on screen
        # the label lines, put together, are each row's full label as the table gives it
        labels = " ".join(t["text"] for t in chart["texts"] if t["cls"] == "report__label")
        for row in chart["rows"]:
            assert row in labels
    page.close()


def test_values_carry_their_units(site: Site) -> None:
    page = site.open(PAGES["sv"])
    values = page.locator("#fig-grants ~ svg .report__value").all_text_contents()
    assert values and all(v.endswith("\u00a0kr") for v in values), values
    page.close()
    page = site.open(PAGES["en"])
    values = page.locator("#fig-grants ~ svg .report__value").all_text_contents()
    assert values and all(v.startswith("SEK\u00a0") for v in values), values
    page.close()


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_every_download_of_the_report_is_there(site: Site, lang: str) -> None:
    page = site.open(PAGES[lang])
    links = page.eval_on_selector_all("a[download]", "links => links.map(a => a.href)")
    assert any(link.endswith(".svg") for link in links) and any(link.endswith(".csv") for link in links)
    for link in links:
        status, head, text = page.evaluate(
            """async (url) => {
              const r = await fetch(url), bytes = new Uint8Array(await r.clone().arrayBuffer());
              return [r.status, [...bytes.slice(0, 3)], await r.text()];
            }""",
            link,
        )
        assert status == 200, link
        if link.endswith(".svg"):
            assert "<svg" in text and "<title" in text and "report__bar" in text
        elif link.endswith(".csv"):
            assert head == [0xEF, 0xBB, 0xBF], link  # UTF-8 with a byte-order mark, for spreadsheet programs
            assert text.startswith("year,status,as_of,figure")
    page.close()


@pytest.mark.parametrize(
    ("path", "link"), [("innovationsbokslut/", "2017/"), ("en/innovationsbokslut/", "2017/")]
)
def test_the_report_index_lists_the_years(site: Site, path: str, link: str) -> None:
    page = site.open(path)
    page.locator(f'article.report a[href="{link}"]').click()
    page.wait_for_url(f"**/{path}{link}")
    assert "2017" in page.locator("h1").inner_text()
    page.close()


def test_search_finds_the_report(site: Site) -> None:
    page = site.open("sok/")
    urls = page.evaluate(
        """async () => {
          const pagefind = await import('/pagefind/pagefind.js');
          await pagefind.init();
          const search = await pagefind.search('innovationsbokslut');
          const data = await Promise.all(search.results.map((r) => r.data()));
          return data.map((d) => d.url);
        }"""
    )
    assert any(url.endswith("/innovationsbokslut/2017/") for url in urls), urls
    assert any(url.endswith("/innovationsbokslut/") for url in urls), urls
    page.close()


def test_the_open_data_page_lists_the_report_files(site: Site) -> None:
    for path in ("oppna-data/", "en/oppna-data/"):
        page = site.open(path)
        links = page.eval_on_selector_all(".open-data__reports a", "links => links.map(a => a.href)")
        assert any(link.endswith("innovationsbokslut-2017-grants.svg") for link in links), links
        assert any(link.endswith("innovationsbokslut-2017-grants.csv") for link in links), links
        for link in links:
            assert page.evaluate("async (url) => (await fetch(url)).status", link) == 200, link
        page.close()


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violations_on_the_report_pages(site: Site, viewport: dict, scheme: str) -> None:
    """The year pages and the index of years, both languages (the general axe test takes one year page)."""

    found = []
    for path in (*PAGES.values(), "innovationsbokslut/", "en/innovationsbokslut/"):
        page = site.open(path, scheme, viewport)
        violations = run_axe(page)["violations"]
        if violations:
            found.append(describe(path, violations))
        page.close()
    assert not found, "\n".join(found)
