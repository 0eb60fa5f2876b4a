"""Freshness: the review status page and `catalogue stale` agree, and the review issues say the right thing."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.load import load_catalogue
from innokatalog.render import Renderer
from innokatalog.stale import ISSUE_MARKER, entry_status, review_status, status_markdown, status_text
from innokatalog.validate import Options, validate

from .fresh import FRESH, TODAY, fresh_catalogue
from .mini import PROJECT, schemas

OVERDUE = {"vardenheten": ["halsolabbet"], "stadsenheten": ["stadsprojektet", "formularet"]}
NEVER = {"vardenheten": ["vard-hemma"], "stadsenheten": ["stadsenheten"]}


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


def page_status(html: str) -> dict[str, tuple[list[str], list[str]]]:
    """(overdue entry ids, never confirmed ids) per unit section of the review page."""
    found = {}
    for section in re.findall(
        r'<section aria-labelledby="unit-([a-z0-9-]+)">(.*?)</section>', html, re.DOTALL
    ):
        unit, body = section
        overdue = re.findall(
            r'<tr class="review__overdue"><th scope="row"><a href="\.\./[a-z]+/([a-z0-9-]+)/"', body
        )
        never = body.split('id="never-', 1)[1] if 'id="never-' in body else ""
        found[unit] = (overdue, re.findall(r'<li><a href="\.\./[a-z]+/([a-z0-9-]+)/"', never))
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_review_page_and_catalogue_stale_agree(project: Path, lang: str) -> None:
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
    page = Renderer(fresh_catalogue(), schemas(), lang, today=TODAY).review_page()
    assert page.src_uri == "granskning.md"
    assert page_status(page.html) == from_command
    assert from_command == {unit: (OVERDUE[unit], NEVER[unit]) for unit in OVERDUE}
    marker = "Behöver granskas" if lang == "sv" else "Needs review"
    assert page.html.count(f"<strong>{marker}</strong>") == 3


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
