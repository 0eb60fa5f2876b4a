"""Listings: pages of at most 24 cards, page links and rel=prev/next, static pages per facet value.

A generated catalogue of 300 testbeds (real YAML files, loaded and validated like the shipped ones)
is rendered through the Renderer; no page of it may grow with the catalogue.
"""

from __future__ import annotations

import math
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from innokatalog import i18n
from innokatalog.facets import FACET_NAMES, LISTING_FACETS, entry_facets
from innokatalog.listing import PAGE_SIZE, page_url, page_window, paginate, reserved_ids
from innokatalog.load import load_catalogue
from innokatalog.model import Catalogue
from innokatalog.render import LISTING_TEXTS, Page, Renderer
from innokatalog.validate import Options, validate

from .browser_support import LANGUAGE_ROOTS, link_targets, page_path, parse_html, shipped_catalogue
from .mini import MINI, PROJECT, schemas

KINDS = ["physical", "clinical", "digital", "living-lab", "simulation", "demonstration"]
AREAS = ["health-care", "elderly-care", "open-data", "mobility"]
GENERATED = 300
MAX_PAGE_BYTES = 100_000


def test_paginate_cuts_into_pages_of_at_most_the_size() -> None:
    assert [len(chunk) for chunk in paginate(list(range(50)), 24)] == [24, 24, 2]
    assert [list(chunk) for chunk in paginate([], 24)] == [[]], "an empty listing is one empty page"
    assert [len(chunk) for chunk in paginate(list(range(48)), 24)] == [24, 24]


def test_page_one_keeps_the_listing_address() -> None:
    assert page_url("testbeds/", 1) == "testbeds/"
    assert page_url("testbeds/", 2) == "testbeds/page/2/"
    assert page_url("testbeds/kind/living-lab/", 3) == "testbeds/kind/living-lab/page/3/"


@pytest.mark.parametrize(
    ("current", "total", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 13, [1, 2, 3, None, 13]),
        (7, 13, [1, None, 5, 6, 7, 8, 9, None, 13]),
        (13, 13, [1, None, 11, 12, 13]),
        (4, 13, [1, 2, 3, 4, 5, 6, None, 13]),
    ],
)
def test_page_window_links_first_last_and_neighbours(current: int, total: int, expected: list) -> None:
    assert page_window(current, total) == expected


def write_testbeds(root: Path, count: int) -> None:
    """`count` valid testbeds beside the mini catalogue's unit and contact path."""
    folder = root / "testbeds"
    for i in range(count):
        areas = ", ".join(AREAS[: 1 + i % len(AREAS)])
        (folder / f"bed-{i:03d}.yml").write_text(
            f"id: bed-{i:03d}\nname: {{sv: Testbädd {i:03d}, en: Testbed {i:03d}}}\n"
            f"summary: {{sv: Testbädd nummer {i}., en: Testbed number {i}.}}\n"
            f"unit: u1\ncontact: c1\nkind: {KINDS[i % len(KINDS)]}\nstatus: active\n"
            f"audiences: [companies]\nareas: [{areas}]\n"
            "access: {cost_model: free, steps: [{sv: Ring, en: Call}]}\n"
            'compiled: "2026-11-01"\n'
            'status_recorded: {date: "2026-11-01", source: {sv: Den ansvariga enheten, en: The owning unit}}\n'
            "sources: [{title: Exempelregionens innovationsstrategi, publisher: Region Exempel, section: '4.4'}]\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    root = tmp_path_factory.mktemp("listing") / "catalogue"
    shutil.copytree(MINI, root)
    write_testbeds(root, GENERATED)
    loaded = load_catalogue(root)
    errors = [f for f in validate(loaded, schemas(), Options()) if f.is_error]
    assert not errors, errors[:3]
    return Catalogue(loaded.entries)


@pytest.fixture(scope="module", params=["sv", "en"])
def testbed_pages(request: pytest.FixtureRequest, generated: Catalogue) -> dict[str, Page]:
    renderer = Renderer(generated, schemas(), request.param)
    return {page.url: page for page in renderer.listing_pages("testbed")}


def cards(page: Page) -> list[str]:
    """The entry links of a listing page's cards, resolved below the language root."""
    names = re.findall(r'<h2 class="card__name"><a href="([^"]+)"', page.html)
    base = "http://site.invalid/" + page.url
    return [urljoin(base, href).removeprefix("http://site.invalid/") for href in names]


def test_listing_pages_hold_at_most_24_cards_and_count_right(testbed_pages: dict[str, Page]) -> None:
    total = GENERATED + 1  # and the mini catalogue's own testbed
    pages = math.ceil(total / PAGE_SIZE)
    listing = [testbed_pages[page_url("testbeds/", n)] for n in range(1, pages + 1)]
    assert page_url("testbeds/", pages + 1) not in testbed_pages, "one page too many"
    assert "testbeds/page/1/" not in testbed_pages, "page 1 is the listing's own address"
    seen = [link for page in listing for link in cards(page)]
    assert all(len(cards(page)) == PAGE_SIZE for page in listing[:-1])
    assert len(cards(listing[-1])) == total - PAGE_SIZE * (pages - 1)
    assert len(seen) == len(set(seen)) == total, "every testbed is on exactly one page"


def test_pages_link_prev_next_and_numbers(testbed_pages: dict[str, Page]) -> None:
    first, second = testbed_pages["testbeds/"], testbed_pages["testbeds/page/2/"]
    rels = {
        tag.attrs["rel"]: urljoin("http://site.invalid/" + second.url, tag.attrs["href"]).removeprefix(
            "http://site.invalid/"
        )
        for tag in parse_html(second.html).find("a")
        if "rel" in tag.attrs
    }
    assert rels == {"prev": "testbeds/", "next": "testbeds/page/3/"}
    assert 'rel="prev"' not in first.html and 'rel="next" href="page/2/"' in first.html
    current = re.findall(r'<a href="[^"]*" aria-current="page">(\d+)</a>', second.html)
    assert current == ["2"]
    assert {"testbeds/page/13/", "testbeds/page/3/", "testbeds/"} <= link_targets(second.html, second.url)


def test_each_facet_value_has_its_own_paginated_listing(
    generated: Catalogue, testbed_pages: dict[str, Page]
) -> None:
    testbeds = generated.of_kind("testbed")
    counts = Counter(pair for item in testbeds for pair in entry_facets(item))
    for facet in LISTING_FACETS["testbed"]:
        for (name, code), count in counts.items():
            if name != facet:
                continue
            url = f"testbeds/{facet}/{code}/"
            pages = math.ceil(count / PAGE_SIZE)
            found = [link for n in range(1, pages + 1) for link in cards(testbed_pages[page_url(url, n)])]
            assert page_url(url, pages + 1) not in testbed_pages
            expected = {item.url for item in testbeds if (facet, code) in entry_facets(item)}
            assert set(found) == expected and len(found) == count, url
    listing = testbed_pages["testbeds/"]
    assert "kind/living-lab/" in listing.html, "the listing links its facet pages"
    living = testbed_pages["testbeds/kind/living-lab/"]
    assert 'aria-current="page">' in living.html
    lang = "sv" if "Testbäddar" in listing.title else "en"
    assert FACET_NAMES["kind"][lang] in living.title


def test_cards_show_kind_audience_cost_status_and_response_time(testbed_pages: dict[str, Page]) -> None:
    page = testbed_pages["testbeds/"]
    card = page.html.split('<li class="card">')[1].split("</li>")[0]
    terms = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", card)
    lang = "sv" if "Testbäddar" in page.title else "en"
    schema_set = schemas()
    cost = next(f for f in schema_set.fields("testbed") if f.name == "access").schema["properties"][
        "cost_model"
    ]

    def label(field: str, code: str) -> str:
        return schema_set.labels("testbed", field)[code][lang]

    expected = [
        (i18n.t("kind", lang), label("kind", "living-lab")),
        (FACET_NAMES["audience"][lang], label("audiences", "companies")),
        (i18n.t("cost_model", lang), cost["x-labels"]["free"][lang]),
        (i18n.t("status", lang), label("status", "active")),
        (
            LISTING_TEXTS[lang]["response"],
            {"sv": "5 arbetsdagar (exempel)", "en": "5 working days (example)"}[lang],
        ),
    ]
    assert terms == expected, card


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_cards_list_of_values_reads_as_running_text(lang: str) -> None:
    """Several audiences or topics read "Företag, forskare och offentlig sektor", not "Företag, Forskare, …"."""
    catalogue = Catalogue(load_catalogue(PROJECT / "catalogue").entries)
    renderer = Renderer(catalogue, schemas(), lang)
    several = [item for item in catalogue.of_kind("testbed") if len(item.get("audiences") or []) >= 3]
    assert several, "the shipped catalogue has a testbed with three audiences or more"
    for item in several:
        facts = dict(renderer.card_facts(item))
        audiences = facts[FACET_NAMES["audience"][lang]]
        names = [renderer.label(code, "testbed", "audiences") for code in item.get("audiences")]
        assert audiences == i18n.in_sentence(names, lang)
        assert f" {'och' if lang == 'sv' else 'and'} " in audiences and audiences[1:] == audiences[1:].lower()


def test_no_listing_page_grows_with_the_catalogue(testbed_pages: dict[str, Page]) -> None:
    sizes = {url: len(page.html.encode()) for url, page in testbed_pages.items()}
    assert max(sizes.values()) < MAX_PAGE_BYTES / 4, max(sizes.items(), key=lambda kv: kv[1])


def test_the_sitemap_lists_every_entry_and_listing_page_for_crawlers(site_dir: Path) -> None:
    """Each language tree's sitemap.xml is an index; its files name every entry page and listing page."""
    for lang, root in LANGUAGE_ROOTS.items():
        index = (site_dir / root / "sitemap.xml").read_text(encoding="utf-8")
        assert "<sitemapindex" in index and len(index) < 2_000, (
            "a small index, which Material fetches on every page"
        )
        listed = set()
        for part in re.findall(r"<loc>([^<]+)</loc>", index):
            sitemap = (site_dir / urlsplit(part).path.lstrip("/")).read_text(encoding="utf-8")
            listed |= {urlsplit(loc).path.lstrip("/") for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
        entries = {page_path(item.kind, item.id, lang) for item in shipped_catalogue().all()}
        assert entries <= listed, f"{root}sitemap.xml misses {sorted(entries - listed)[:5]}"
        listings = {f"{root}{plural}/" for plural in ("testbeds", "projects", "contacts", "units")}
        assert listings <= listed
        assert any(path.startswith(f"{root}testbeds/kind/") for path in listed), "facet pages are listed too"
        # no other sitemap beside ours, such as the engine's own of only the pages it built
        named = {urlsplit(part).path.lstrip("/") for part in re.findall(r"<loc>([^<]+)</loc>", index)}
        others = {path.relative_to(site_dir).as_posix() for path in (site_dir / root).glob("sitemap*")}
        assert others == named | {f"{root}sitemap.xml"}, f"sitemaps nobody names: {others - named}"


def test_listing_addresses_are_reserved_from_entry_ids(generated: Catalogue) -> None:
    """An entry called `page` or `kind` would take a listing's address: those ids are reserved."""
    renderer = Renderer(generated, schemas(), "sv")
    listing_urls = {page.url for page in renderer.listing_pages("testbed")}
    taken = {url.split("/")[1] for url in listing_urls if url.count("/") > 1}
    assert taken == set(reserved_ids("testbed"))
