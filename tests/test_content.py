"""What the built site tells a visitor is true: sources shown, unknown never shown as "No", statuses
with their source, and the Innovationsstipendium findable by a resident through search, chooser and listing.
"""

from __future__ import annotations

import gzip
import json
import re
from html import unescape
from pathlib import Path

import pytest

from innokatalog import i18n
from innokatalog.model import Catalogue

from .browser_support import built_site, page_path, parse_html, shipped_catalogue

LANGUAGES = ("sv", "en")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return shipped_catalogue()


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def facts(html: str) -> dict[str, str]:
    """Each `<dt>` of the page with the text of the `<dd>` that follows it."""
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, flags=re.S)
    return {
        unescape(re.sub(r"<[^>]+>", "", dt)).strip(): unescape(re.sub(r"<[^>]+>", "", dd)).strip()
        for dt, dd in pairs
    }


def expected_answer(value: object, lang: str) -> str:
    key = "yes" if value is True else "no" if value is False else "not_stated"
    return i18n.t(key, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unknown_ethics_answers_show_as_not_stated_never_as_no(
    site: Path, shipped: Catalogue, lang: str
) -> None:
    unknown = 0
    for item in shipped.of_kind("testbed"):
        ethics = item.get("ethics") or {}
        shown = facts(read(site, page_path("testbed", item.id, lang)))
        for field, label in (("approval_needed", "ethics_approval"), ("personal_data", "personal_data")):
            if field not in ethics:
                continue
            unknown += ethics[field] == "unknown"
            assert shown[i18n.t(label, lang)] == expected_answer(ethics[field], lang), (item.id, field)
    assert unknown, "the shipped testbeds should include answers the sources do not give"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_says_no_where_no_entry_says_false(site: Path, shipped: Catalogue, lang: str) -> None:
    """'Nej' / 'No' on a page can only come from a false in an entry; the shipped entries have none."""
    falses = [
        item.id for item in shipped.all() for value in (item.get("ethics") or {}).values() if value is False
    ]
    assert falses == []
    root = site / ("" if lang == "sv" else "en")
    no = i18n.t("no", lang)
    saying_no = [
        str(path.relative_to(site))
        for plural in ("testbeds", "projects", "contacts", "units", "opportunities")
        for path in (root / plural).glob("*/index.html")
        if f"<dd>{no}</dd>" in path.read_text(encoding="utf-8")
    ]
    assert saying_no == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_page_shows_its_sources_and_how_it_was_checked(
    site: Path, shipped: Catalogue, lang: str
) -> None:
    for item in shipped.all():
        html = read(site, page_path(item.kind, item.id, lang))
        sources = html[html.index('<section aria-labelledby="sources">') :]
        assert f'<h2 id="sources">{i18n.t("sources", lang)}</h2>' in sources, item.id
        for source in item.get("sources"):
            assert source["publisher"] in sources and source["section"] in sources, item.id
        assert "compiled" in item.data and "confirmed" not in item.data
        assert i18n.t("not_confirmed", lang) in html, item.id
        compiled = i18n.t("compiled", lang).split("{date}")[0]
        assert compiled in html and f'<time datetime="{item.get("compiled")}">' in html, item.id


def test_a_status_shows_its_source_and_that_it_may_be_out_of_date(site: Path) -> None:
    swedish = facts(
        read(site, page_path("project", "innovationsledningssystem-offentliga-organisationer", "sv"))
    )
    assert swedish["Status"] == (
        "Pågående enligt Vinnovas projektregister (datum anges inte) "
        "Löptiden har slutat sedan källan angav statusen. Den aktuella statusen är inte känd."
    )
    english = facts(
        read(site, page_path("project", "innovationsledningssystem-offentliga-organisationer", "en"))
    )
    assert english["Status"].startswith("Ongoing according to Vinnova's project register (no date given)")
    openlab = facts(read(site, page_path("testbed", "openlab", "sv")))
    assert openlab["Status"] == "Aktiv enligt Stockholms stads innovationsstrategi (oktober 2015)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_steps_a_page_says_to_ask_through_the_contact_path(site: Path, lang: str) -> None:
    html = read(site, page_path("testbed", "region-stockholm-testmiljoer", lang))
    text = re.sub(r"<[^>]+>", "", html)
    name = (
        "Testbäddar för företag och andra externa aktörer"
        if lang == "sv"
        else "Testbeds for companies and other external parties"
    )
    assert f"{i18n.t('no_access_steps', lang)} {name}." in text
    assert '<ol class="entry__steps">' not in html
    contact = read(site, page_path("contact", "testbaddar-for-foretag", lang))
    assert i18n.t("no_next_steps", lang) in contact


def test_a_project_without_a_known_period_says_so(site: Path) -> None:
    assert facts(read(site, page_path("project", "innovationsfonden", "sv")))["Löptid"] == "Uppgift saknas"
    assert facts(read(site, page_path("project", "innovationsfonden", "en")))["Period"] == "Not stated"


# --- a resident looking for the Innovationsstipendium ----------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_opportunities_listing_lists_the_innovationsstipendium(site: Path, lang: str) -> None:
    listing = read(site, ("" if lang == "sv" else "en/") + "opportunities/")
    assert 'href="innovationsstipendium/"' in listing
    assert i18n.t("opportunities", lang) in listing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chooser_sends_a_resident_looking_for_funding_to_the_stipendium(site: Path, lang: str) -> None:
    chooser = read(site, ("" if lang == "sv" else "en/") + "vag-in/")
    row = re.search(r'<tr data-who="residents" data-want="funding"[^>]*>(.*?)</tr>', chooser, flags=re.S)
    assert row, "no row for residents who want funding"
    assert 'href="../opportunities/innovationsstipendium/"' in row[1]


def test_search_indexes_the_stipendium_with_the_residents_filter(site: Path) -> None:
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        fragments[fragment["url"]] = fragment
    swedish = fragments["/opportunities/innovationsstipendium/"]
    assert swedish["filters"]["audience"] == ["residents"]  # codes; the search page labels them
    assert swedish["filters"]["type"] == ["opportunity"]
    assert swedish["meta"]["type"] == "Möjlighet"
    assert "alla som bor, arbetar eller studerar i Stockholms stad" in swedish["content"]
    assert fragments["/en/opportunities/innovationsstipendium/"]["filters"]["audience"] == ["residents"]


def test_opportunity_pages_parse_and_link_their_unit(site: Path, shipped: Catalogue) -> None:
    for item in shipped.of_kind("opportunity"):
        page = parse_html(read(site, page_path("opportunity", item.id, "sv")))
        hrefs = {tag.attrs.get("href") for tag in page.find("a")}
        assert f"../../units/{item.get('unit')}/" in hrefs, item.id
