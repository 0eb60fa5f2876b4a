"""Freshness: the review status pages and `catalogue stale` agree, and the review issues say the right thing."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.load import load_catalogue
from innokatalog.model import Catalogue
from innokatalog.render import REVIEW_PAGE_SIZE, Page, Renderer
from innokatalog.stale import ISSUE_MARKER, entry_status, review_status, status_markdown, status_text
from innokatalog.validate import Options, validate

from .fresh import FRESH, TODAY, fresh_catalogue
from .mini import PROJECT, schemas

OVERDUE = {"vardenheten": ["halsolabbet"], "stadsenheten": ["stadsprojektet", "formularet"]}
NEVER = {"vardenheten": ["vard-hemma"], "stadsenheten": ["stadsenheten"]}
OWNED = 600  # testbeds of one unit in the crowded catalogue


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fresh fixture as ./catalogue with the project's schemas as ./schema."""
    shutil.copytree(FRESH, tmp_path / "catalogue")
    shutil.copytree(PROJECT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_stale(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["stale", "--today", TODAY.isoformat(), *args])
    return result.exit_code, result.output


def test_review_status_groups_entries_by_unit_oldest_confirmation_first() -> None:
    units = {owner.unit.id: owner for owner in review_status(fresh_catalogue(), TODAY)}
    assert {unit: [e.item.id for e in owner.overdue] for unit, owner in units.items()} == OVERDUE
    assert {unit: [e.item.id for e in owner.never_confirmed] for unit, owner in units.items()} == NEVER
    assert [e.item.id for e in units["stadsenheten"].confirmed] == [
        "stadsprojektet",
        "formularet",
        "datamiljon",
    ]
    assert units["vardenheten"].team == "@exempel/vardenheten" and units["stadsenheten"].team is None


def test_the_limit_is_twelve_months_as_the_validators() -> None:
    item = fresh_catalogue().find("testbed", "halsolabbet")  # confirmed 2025-06-01
    assert entry_status(item, dt.date(2026, 5, 31)).overdue is False
    assert entry_status(item, dt.date(2026, 6, 1)).overdue is True
    assert entry_status(item, dt.date(2026, 6, 1), limit=13).overdue is False
    compiled_only = fresh_catalogue().find("project", "vard-hemma")
    assert entry_status(compiled_only, dt.date(2040, 1, 1)).overdue is False  # never confirmed: apart


def test_overdue_is_what_the_validator_warns_about() -> None:
    loaded = load_catalogue(FRESH)
    warned = {
        Path(f.path).stem for f in validate(loaded, schemas(), Options(today=TODAY)) if f.code == "stale"
    }
    overdue = {e.item.id for owner in review_status(fresh_catalogue(), TODAY) for e in owner.overdue}
    assert warned == overdue == {"halsolabbet", "stadsprojektet", "formularet"}


ENTRY_LINK = r'<a href="(?:\.\./)+[a-z]+/([a-z0-9-]+)/"'
MAX_PAGE_BYTES = 100_000  # issue 10: no built page over 100 kB of HTML at 10,000 entries


def review_pages(renderer: Renderer) -> tuple[Page, dict[str, list[Page]]]:
    """The review index and each unit's review pages (page 1 first), by unit id."""
    index, *rest = renderer.review_pages()
    by_unit: dict[str, list[Page]] = {}
    for page in rest:
        by_unit.setdefault(page.url.split("/")[1], []).append(page)
    return index, by_unit


def page_status(pages: list[Page]) -> tuple[list[str], list[str]]:
    """(overdue entry ids, never confirmed ids) on a unit's review pages, in page order."""
    overdue, never = [], []
    for page in pages:
        overdue += re.findall(r'<tr class="review__overdue"><th scope="row">' + ENTRY_LINK, page.html)
        listed_apart = page.html.split('id="review-never"', 1)[1] if 'id="review-never"' in page.html else ""
        never += re.findall(r"<li>" + ENTRY_LINK, listed_apart)
    return overdue, never


def index_counts(index: Page) -> dict[str, tuple[int, int, int]]:
    """(overdue, up to date, never confirmed) per unit row of the review index, which links the unit's page."""
    rows = re.findall(
        r'<tr data-unit="([a-z0-9-]+)"><th scope="row"><a href="\1/">[^<]+</a></th>'
        r"<td[^>]*>(\d+)</td><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td></tr>",  # cells carry their column's name
        index.html,
    )
    return {unit: (int(a), int(b), int(c)) for unit, a, b, c in rows}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_review_pages_and_catalogue_stale_agree(project: Path, lang: str) -> None:
    code, output = run_stale("--format", "json")
    assert code == 0, output
    document = json.loads(output)
    from_command = {
        unit["id"]: (
            [e["id"] for e in unit["confirmed"] if e["overdue"]],
            [e["id"] for e in unit["never_confirmed"]],
        )
        for unit in document["units"]
    }
    counts = {
        unit["id"]: (
            sum(e["overdue"] for e in unit["confirmed"]),
            sum(not e["overdue"] for e in unit["confirmed"]),
            len(unit["never_confirmed"]),
        )
        for unit in document["units"]
    }
    index, by_unit = review_pages(Renderer(fresh_catalogue(), schemas(), lang, today=TODAY))
    assert index.src_uri == "granskning/index.md"
    assert index_counts(index) == counts == {"vardenheten": (1, 2, 1), "stadsenheten": (2, 1, 1)}
    assert {unit: [page.src_uri for page in pages] for unit, pages in by_unit.items()} == {
        unit: [f"granskning/{unit}/index.md"] for unit in counts
    }
    assert {unit: page_status(pages) for unit, pages in by_unit.items()} == from_command
    assert from_command == {unit: (OVERDUE[unit], NEVER[unit]) for unit in OVERDUE}
    marker = "Behöver granskas" if lang == "sv" else "Needs review"
    assert sum(page.html.count(f"<strong>{marker}</strong>") for page in by_unit["stadsenheten"]) == 2
    assert "<strong>" not in index.html, "the index gives counts; the entries are on the units' pages"


def test_a_unit_page_lists_its_entries_oldest_confirmation_first() -> None:
    _, by_unit = review_pages(Renderer(fresh_catalogue(), schemas(), "sv", today=TODAY))
    (city,) = by_unit["stadsenheten"]
    confirmed = city.html.split('id="review-never"')[0]
    assert re.findall(r'<th scope="row">' + ENTRY_LINK, confirmed) == [
        "stadsprojektet",
        "formularet",
        "datamiljon",
    ]
    assert '<a href="../../units/stadsenheten/">Enhetens sida</a>' in city.html
    assert '<a href="../">Alla enheter</a>' in city.html
    assert city.title == "Granskning: Stadsenheten"
    assert 'class="pagination"' not in city.html, "one page needs no page links"


def write_owned_testbeds(folder: Path, count: int) -> None:
    """`count` testbeds of the care unit: every third never confirmed, the rest confirmed over 30 months."""
    for i in range(count):
        confirmed = "" if i % 3 == 0 else f'confirmed: "{2024 + (i % 30) // 12}-{1 + (i % 30) % 12:02d}-01"\n'
        (folder / f"bed-{i:03d}.yml").write_text(
            f"id: bed-{i:03d}\nname: {{sv: Testbädd nummer {i:03d} med ett långt namn, en: Testbed number {i:03d} with a long name}}\n"
            f"summary: {{sv: Testbädd nummer {i}., en: Testbed number {i}.}}\n"
            "unit: vardenheten\ncontact: testbaddar\nkind: digital\nstatus: active\n"
            "audiences: [companies]\nareas: [digitalisation]\n"
            "access: {cost_model: free, steps: [{sv: Ring, en: Call}]}\n"
            f'compiled: "2024-01-01"\n{confirmed}'
            "sources: [{title: Exempeldokumentet, publisher: Exempelutgivaren, section: Avsnitt 1}]\n"
            "status_recorded: {source: {sv: Exempeldokumentet, en: The example document}}\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """The fresh catalogue, and 600 more testbeds owned by the care unit."""
    root = tmp_path_factory.mktemp("crowded") / "catalogue"
    shutil.copytree(FRESH, root)
    write_owned_testbeds(root / "testbeds", OWNED)
    loaded = load_catalogue(root)
    errors = [f for f in validate(loaded, schemas(), Options(today=TODAY)) if f.is_error]
    assert not errors, errors[:3]
    return Catalogue(loaded.entries)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_unit_with_hundreds_of_entries_gets_pages_each_under_the_size_limit(
    crowded: Catalogue, lang: str
) -> None:
    index, by_unit = review_pages(Renderer(crowded, schemas(), lang, today=TODAY))
    care = by_unit["vardenheten"]
    owned = OWNED + 4  # and the fixture's own four entries of the care unit
    assert len(care) == math.ceil(owned / REVIEW_PAGE_SIZE)
    assert [page.url for page in care[:2]] == ["granskning/vardenheten/", "granskning/vardenheten/page/2/"]
    sizes = {page.url: len(page.html.encode()) for page in [index, *care, *by_unit["stadsenheten"]]}
    # the page body; the theme's header, navigation and footer come on top of it
    assert max(sizes.values()) < MAX_PAGE_BYTES / 2, max(sizes.items(), key=lambda kv: kv[1])
    rows = [re.findall(r'<th scope="row">' + ENTRY_LINK, page.html) for page in care]
    never = [page_status([page])[1] for page in care]
    assert all(len(r) + len(n) <= REVIEW_PAGE_SIZE for r, n in zip(rows, never, strict=True))
    seen = [
        entry for page_rows, page_never in zip(rows, never, strict=True) for entry in page_rows + page_never
    ]
    assert len(seen) == len(set(seen)) == owned, "every entry is on exactly one page"
    owner = next(o for o in review_status(crowded, TODAY) if o.unit.id == "vardenheten")
    assert seen == [e.item.id for e in owner.confirmed + owner.never_confirmed], (
        "oldest first, never confirmed last"
    )
    assert page_status(care) == (
        [e.item.id for e in owner.overdue],
        [e.item.id for e in owner.never_confirmed],
    )
    assert index_counts(index)["vardenheten"] == (
        len(owner.overdue),
        len(owner.confirmed) - len(owner.overdue),
        len(owner.never_confirmed),
    )
    second = care[1].html
    assert 'rel="prev" href="../../"' in second and 'rel="next" href="../3/"' in second
    assert re.findall(r'aria-current="page">(\d+)</a>', second) == ["2"]


def test_text_and_markdown_mark_the_overdue_entries(project: Path) -> None:
    code, text = run_stale()
    assert code == 0
    assert "  OVERDUE 2025-06-01  catalogue/testbeds/halsolabbet.yml" in text
    assert "  ok      2026-10-01  catalogue/testbeds/datamiljon.yml" in text
    assert "  never" in text and "catalogue/projects/vard-hemma.yml" in text
    assert text.rstrip().endswith("3 overdue, 2 never confirmed, in 2 units")
    code, markdown = run_stale("--format", "markdown")
    assert markdown == status_markdown(review_status(fresh_catalogue(), TODAY), TODAY)
    assert (
        "| Stadsprojektet (projekt) | `catalogue/projects/stadsprojektet.yml` | 15 januari 2024 | **Behöver granskas** |"
        in markdown
    )
    assert status_text(review_status(fresh_catalogue(), TODAY), TODAY) == text


def test_stale_refuses_an_invalid_catalogue(project: Path) -> None:
    broken = project / "catalogue" / "testbeds" / "halsolabbet.yml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace('confirmed: "2025-06-01"', "confirmed: igår")
    )
    code, output = run_stale()
    assert code == 1
    assert "halsolabbet.yml" in output and "confirmed" in output


def test_the_issue_text_names_the_overdue_entries_and_the_team(project: Path) -> None:
    units = {unit["id"]: unit for unit in json.loads(run_stale("--format", "json")[1])["units"]}
    care = units["vardenheten"]["issue"]
    assert care["title"] == (
        "Granskning: Vårdenhetens innovationskontor / Review: The care unit's innovation office"
    )
    body = care["body"]
    assert body.startswith(ISSUE_MARKER.format(unit="vardenheten") + "\n\n@exempel/vardenheten\n")
    assert (
        "| Hälsolabbet på Söder & Åsö (testbädd) | `catalogue/testbeds/halsolabbet.yml` | 1 juni 2025 |"
        in body
    )
    assert (
        "| The health lab at Söder & Åsö (testbed) | `catalogue/testbeds/halsolabbet.yml` | 1 June 2025 |"
        in body
    )
    assert "**1 post** som Vårdenhetens innovationskontor ansvarar för" in body
    assert "**1 entry** that The care unit's innovation office is responsible for was last" in body
    assert "catalogue/testbeds/datamiljon.yml" not in body  # another unit's
    assert "catalogue/units/vardenheten.yml" not in body  # confirmed three months ago
    assert "- Vård hemma (`catalogue/projects/vard-hemma.yml`)" in body  # never confirmed, listed apart
    city = units["stadsenheten"]["issue"]["body"]
    assert "**2 poster** som Stadsenheten" in city and "**2 entries**" in city
    assert "@" not in city.split("\n\n")[1]  # no team is known: nobody is mentioned
    assert city.index("stadsprojektet.yml") < city.index("formularet.yml")


def test_a_unit_with_nothing_overdue_has_no_issue(project: Path) -> None:
    entry = project / "catalogue" / "testbeds" / "halsolabbet.yml"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace('confirmed: "2025-06-01"', 'confirmed: "2026-11-30"')
    )
    units = {unit["id"]: unit for unit in json.loads(run_stale("--format", "json")[1])["units"]}
    assert units["vardenheten"]["issue"] is None
    assert units["stadsenheten"]["issue"] is not None
