"""Report: figures counted as of each year's end from dated facts, published years frozen for good.

The figures are checked against counts made by hand from tests/fixtures/mini (one project with a
grant of 594,204 kr from 2016-12 to 2018-11, one testbed, one contact path with an example response
time). Entries added in a test are real files written into a copy of that catalogue.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.load import load_catalogue
from innokatalog.model import Catalogue
from innokatalog.render import Renderer
from innokatalog.report import (
    REPORTS_DIR,
    Report,
    ReportError,
    build_report,
    check_year,
    frozen_text,
    grant_by_year,
    publish,
    published_reports,
    report_csv,
    report_text,
)

from .mini import MINI, PROJECT, mini_catalogue, schemas

TODAY = dt.date(2026, 11, 24)
GRANT = 594204


def figure(report: Report, key: str) -> dict[str, float]:
    return {label["en"]: value for label, value in next(f for f in report.counted if f.key == key).rows}


def the(report: Report, key: str):
    return next(f for f in report.counted if f.key == key)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder in tmp_path: ./catalogue (a copy of the mini fixture) and ./schema; the working folder."""
    shutil.copytree(MINI, tmp_path / "catalogue")
    shutil.copytree(PROJECT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def load(folder: Path) -> Catalogue:
    loaded = load_catalogue(folder)
    assert not loaded.findings, loaded.findings
    return Catalogue(loaded.entries)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- counted as of the year's end ------------------------------------------------------------------------


def test_projects_are_counted_from_their_period_as_of_the_year_end() -> None:
    catalogue = mini_catalogue()  # p1 runs 2016-12 to 2018-11
    expected = {
        2016: (1, 0, 1, 0),
        2017: (0, 0, 1, 0),
        2018: (0, 1, 0, 0),
    }
    for year, counts in expected.items():
        rows = figure(build_report(catalogue, schemas(), year, TODAY), "projects")
        assert tuple(rows.values()) == counts, year
        assert list(rows)[2] == f"Running on 31 December {year}"
    assert figure(build_report(catalogue, schemas(), 2019, TODAY), "projects-by-unit") == {}
    assert figure(build_report(catalogue, schemas(), 2017, TODAY), "projects-by-unit") == {"Unit one": 1}


def test_a_projects_status_is_never_read() -> None:
    catalogue = mini_catalogue()
    before = {y: build_report(catalogue, schemas(), y, TODAY).as_json() for y in (2016, 2017, 2018)}
    for status in ("planned", "ongoing", "discontinued"):
        catalogue.find("project", "p1").data["status"] = status
        assert {
            y: build_report(catalogue, schemas(), y, TODAY).as_json() for y in (2016, 2017, 2018)
        } == before


def test_a_project_without_an_end_date_is_shown_apart_not_as_running() -> None:
    catalogue = mini_catalogue()
    del catalogue.find("project", "p1").data["period"]["end"]
    for year, as_of in ((2017, "31 December 2017"), (2020, "31 December 2020"), (2026, "24 November 2026")):
        rows = figure(build_report(catalogue, schemas(), year, TODAY), "projects")
        assert rows[f"Running on {as_of}"] == 0
        assert rows["Started, but no end date (not known whether running)"] == 1


def test_a_project_without_a_period_is_not_counted_and_the_figure_says_so() -> None:
    catalogue = mini_catalogue()
    del catalogue.find("project", "p1").data["period"]
    catalogue.find("testbed", "t1").data["status_recorded"] = {
        "date": "2017-05",
        "source": {"sv": "K", "en": "S"},
    }
    projects = the(build_report(catalogue, schemas(), 2017, TODAY), "projects")
    assert set(dict((label["en"], v) for label, v in projects.rows).values()) == {0}
    assert projects.note == {
        "sv": "1 projekt i katalogen saknar löptid och räknas inte.",
        "en": "1 projects in the catalogue have no period and are not counted.",
    }


def test_the_current_year_is_counted_as_of_today() -> None:
    report = build_report(mini_catalogue(), schemas(), 2026, TODAY)
    assert report.as_of == TODAY and report.published is None
    assert report.basis("en").startswith("Preliminary.")
    assert "24 November 2026" in report.basis("en")


# --- grants attributed to years ------------------------------------------------------------------------------


def test_the_years_grants_sum_to_the_grant() -> None:
    catalogue = mini_catalogue()
    years = {
        year: figure(build_report(catalogue, schemas(), year, TODAY), "grants") for year in range(2016, 2021)
    }
    assert sum(sum(rows.values()) for rows in years.values()) == GRANT
    # 24 months: 1 in 2016, 12 in 2017, 11 in 2018; the odd krona of the two halves goes to the earlier year
    assert years[2016] == {"Vinnova": 24759}
    assert years[2017] == {"Vinnova": 297102}
    assert years[2018] == {"Vinnova": 272343}
    assert years[2019] == years[2020] == {}


@pytest.mark.parametrize(
    ("amount", "start", "end"),
    [
        (1, "2016-12", "2018-11"),
        (1000003, "2015-07", "2019-02"),
        (7, "2020-01-15", "2020-12-01"),
        (99, "2017-12", "2018-01"),
    ],
)
def test_grant_by_year_adds_up_and_follows_the_months(amount: int, start: str, end: str) -> None:
    project = mini_catalogue().find("project", "p1")
    project.data["funding"]["amount_sek"] = amount
    project.data["period"] = {"start": start, "end": end}
    shares = grant_by_year(project)
    assert sum(shares.values()) == amount
    first, last = dt.date.fromisoformat(start[:7] + "-01"), dt.date.fromisoformat(end[:7] + "-01")
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    for year, share in shares.items():
        in_year = sum(1 for i in range(months) if (first.month - 1 + i) // 12 + first.year == year)
        assert abs(share - amount * in_year / months) < 1


def test_a_grant_without_an_end_date_is_not_spread_and_the_figure_says_so() -> None:
    catalogue = mini_catalogue()
    del catalogue.find("project", "p1").data["period"]["end"]
    grants = the(build_report(catalogue, schemas(), 2017, TODAY), "grants")
    assert grants.rows == []
    assert grants.note is not None and "594\xa0204\xa0kr" in grants.note["sv"]
    assert "SEK\xa0594,204" in grants.note["en"]


# --- testbeds, confirmation and response times from their dates -------------------------------------------


def recorded(date: str) -> dict:
    return {"date": date, "source": {"sv": "En källa", "en": "A source"}}


def test_a_testbed_counts_in_the_year_a_source_gave_it_as_open() -> None:
    catalogue = mini_catalogue()
    testbed = catalogue.find("testbed", "t1")
    testbed.data["status_recorded"] = recorded("2017-03")
    counts = {
        y: figure(build_report(catalogue, schemas(), y, TODAY), "testbeds-by-kind")
        for y in (2016, 2017, 2018)
    }
    assert counts == {2016: {}, 2017: {"Living lab": 1}, 2018: {}}
    assert (
        the(build_report(catalogue, schemas(), 2018, TODAY), "testbeds-by-kind")
        .note["en"]
        .startswith("1 testbeds in the catalogue have no source dated 2018")
    )
    testbed.data["status"] = "planned"  # a source gave another status on that date: not open
    assert figure(build_report(catalogue, schemas(), 2017, TODAY), "testbeds-by-kind") == {}
    testbed.data["status"] = "active"
    del testbed.data["status_recorded"]  # a status with no date says nothing about a year
    assert all(
        figure(build_report(catalogue, schemas(), y, TODAY), "testbeds-by-kind") == {} for y in (2016, 2026)
    )


def set_dates(catalogue: Catalogue, **dates: str) -> None:
    """Give every entry exactly these dates (compiled=…, confirmed=…); the old review fields go."""
    for item in catalogue.all():
        for name in ("reviewed", "compiled", "confirmed"):
            item.data.pop(name, None)
        item.data.update(dates)


def test_the_confirmed_share_counts_only_confirmation_by_the_unit() -> None:
    catalogue = mini_catalogue()
    set_dates(catalogue)
    for item in catalogue.all():
        item.data["reviewed"] = "2026-11-01"  # `reviewed` says nothing about confirmation
    share = the(build_report(catalogue, schemas(), 2026, TODAY), "confirmed-share")
    assert share.rows == [] and "4 entries have no date for when they were entered" in share.note["en"]
    set_dates(catalogue, compiled="2026-11-01")
    catalogue.find("unit", "u1").data["confirmed"] = "2026-11-20"
    catalogue.find("testbed", "t1").data["confirmed"] = "2025-06-01"  # more than 12 months before the day
    assert figure(build_report(catalogue, schemas(), 2026, TODAY), "confirmed-share") == {"Confirmed": 25.0}
    assert (
        "1 of 4 entries."
        in the(build_report(catalogue, schemas(), 2026, TODAY), "confirmed-share").note["en"]
    )
    early = the(build_report(catalogue, schemas(), 2017, TODAY), "confirmed-share")
    assert early.rows == [] and early.note["en"].startswith("No entries had been entered in the catalogue by")


def test_example_response_times_are_not_counted_as_promises() -> None:
    catalogue = mini_catalogue()
    set_dates(catalogue, compiled="2026-11-01")
    response = the(build_report(catalogue, schemas(), 2026, TODAY), "response-time")
    assert response.rows == []  # its one contact path has example details
    assert "1 only have an example response time" in response.note["en"]
    catalogue.find("contact", "c1").data["example_details"] = False
    assert figure(build_report(catalogue, schemas(), 2026, TODAY), "response-time") == {"Mean": 5}
    assert figure(build_report(catalogue, schemas(), 2025, TODAY), "response-time") == {}  # not yet entered


# --- years outside the data -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "message"), [(1999, "no data for 1999"), (2030, "2030 has not begun")])
def test_a_year_outside_the_data_is_refused(year: int, message: str) -> None:
    with pytest.raises(ReportError, match=message):
        check_year(mini_catalogue(), year, TODAY)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1999", r"--year 1999: the catalogue has no data for 1999; its first dated fact is from 2016"),
        ("2999", "2999 has not begun"),
    ],
)
def test_cli_year_outside_the_data_exits_2_with_a_message(project: Path, year: str, message: str) -> None:
    result = CliRunner().invoke(main, ["report", "--year", year])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and not (project / REPORTS_DIR).exists()


# --- every figure says what it counts -------------------------------------------------------------------------


def test_every_figure_says_what_it_counts_in_the_text_json_csv_and_page() -> None:
    report = build_report(mini_catalogue(), schemas(), 2017, TODAY)
    for lang in ("sv", "en"):
        text = report_text(report, lang)
        rows = list(csv.DictReader(io.StringIO(report_csv(report, lang))))
        page = Renderer(mini_catalogue(), schemas(), lang, published={2017: report}, today=TODAY)
        html = unescape(next(p.html for p in page.report_pages()[0] if p.src_uri.endswith("2017.md")))
        assert report.basis(lang) in text and report.basis(lang) in html
        for f in report.figures:
            assert f.counts[lang] in text
            assert {row["counts"] for row in rows if row["figure"] == f.title[lang]} == {f.counts[lang]}
            assert f.counts[lang] in html
            if f.note:
                assert f.note[lang] in text and f.note[lang] in {row["note"] for row in rows}
    for f in report.as_json()["counted"]:
        assert f["counts"]["sv"] and f["counts"]["en"] and f["unit_label"]


def test_reported_figures_stay_apart_from_counted_ones(project: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["report", "--year", "2017"])
    assert text.exit_code == 0, text.output
    counted, reported = text.output.split("== Redovisat av källor ==")
    assert "Källa: Bokslut" not in counted
    assert "Projekt (antal)" in reported and "2017: 37\n  Källa: Bokslut" in reported
    rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(main, ["report", "--year", "2017", "--format", "csv"]).output)
        )
    )
    assert {(row["kind"], row["value"], row["source"]) for row in rows if row["kind"] == "reported"} == {
        ("reported", "37", "Bokslut")
    }
    assert {row["status"] for row in rows} == {"preliminary"}
    as_json = json.loads(runner.invoke(main, ["report", "--year", "2017", "--format", "json"]).output)
    assert as_json["year"] == 2017 and as_json["status"] == "preliminary" and as_json["as_of"] == "2017-12-31"
    assert [f["rows"][0]["value"] for f in as_json["reported"]] == [37]


# --- published years are frozen -----------------------------------------------------------------------------


def site_of_year(folder: Path, year: int) -> dict[str, str]:
    """Every page and download the site has for `year`, in both languages."""
    catalogue, published = load(folder / "catalogue"), published_reports(folder / REPORTS_DIR)
    out: dict[str, str] = {}
    for lang in ("sv", "en"):
        pages, files = Renderer(catalogue, schemas(), lang, published=published).report_pages()
        out |= {f"{lang}:{p.src_uri}": p.html for p in pages if p.src_uri.endswith(f"/{year}.md")}
        out |= {f"{lang}:{name}": text for name, text in files.items() if f"-{year}" in name}
    return out


def test_a_published_year_stays_byte_for_byte_the_same_after_new_entries(project: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--year", "2017", "--publish"])
    assert result.exit_code == 0, result.output
    frozen = (project / REPORTS_DIR / "2017.json").read_bytes()
    before = site_of_year(project, 2017)
    assert any(name.endswith(".svg") for name in before) and any(name.endswith("2017.md") for name in before)
    # Today a new active testbed opens and a new grant comes in for a project that ran in 2017.
    today = dt.date.today()
    entries = project / "catalogue"
    testbed = (entries / "testbeds" / "t1.yml").read_text(encoding="utf-8")
    (entries / "testbeds" / "t2.yml").write_text(
        testbed.replace("id: t1", "id: t2").replace("previous_ids: [gamla-t1]\n", ""), encoding="utf-8"
    )
    grant = (entries / "projects" / "p1.yml").read_text(encoding="utf-8")
    for old, new in (
        ("id: p1", "id: p2"),
        ('reference: "2016-04507"\n', ""),
        ("funder: Vinnova, amount_sek: 594204", "funder: Nya fonden, amount_sek: 1200000"),
        ('end: "2018-11"', f'end: "{today.isoformat()[:7]}"'),
    ):
        assert old in grant
        grant = grant.replace(old, new)
    (entries / "projects" / "p2.yml").write_text(grant, encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", "catalogue"]).exit_code == 0
    live = build_report(load(entries), schemas(), 2017, today)
    assert "Nya fonden" in json.dumps(live.as_json())  # counted now, 2017 would change
    assert site_of_year(project, 2017) == before
    assert (project / REPORTS_DIR / "2017.json").read_bytes() == frozen
    shown = CliRunner().invoke(main, ["report", "--year", "2017", "--format", "json"])
    assert "Nya fonden" not in shown.output and json.loads(shown.output)["status"] == "published"


def test_publishing_refuses_a_running_year_and_a_published_one(project: Path) -> None:
    report = build_report(load(project / "catalogue"), schemas(), 2017, TODAY)
    path = publish(report, project / REPORTS_DIR, TODAY)
    assert published_reports(project / REPORTS_DIR)[2017].published == TODAY
    assert path.read_text(encoding="utf-8") == frozen_text(published_reports(project / REPORTS_DIR)[2017])
    with pytest.raises(ReportError, match="already published"):
        publish(report, project / REPORTS_DIR, TODAY)
    running = build_report(load(project / "catalogue"), schemas(), 2026, TODAY)
    with pytest.raises(ReportError, match="2026 has not ended"):
        publish(running, project / REPORTS_DIR, TODAY)
    assert sorted(p.name for p in (project / REPORTS_DIR).iterdir()) == ["2017.json"]  # no temporary left
    again = CliRunner().invoke(main, ["report", "--year", "2017", "--publish"])
    assert again.exit_code == 2 and "already published" in again.output


def test_a_damaged_published_file_is_a_clear_error(project: Path) -> None:
    (project / REPORTS_DIR).mkdir()
    (project / REPORTS_DIR / "2017.json").write_text("{", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", "--year", "2017"])
    assert result.exit_code == 2 and "2017.json: not a published report" in result.output


def test_the_site_shows_published_years_and_the_current_year_only(project: Path) -> None:
    publish(build_report(load(project / "catalogue"), schemas(), 2017, TODAY), project / REPORTS_DIR, TODAY)
    renderer = Renderer(
        load(project / "catalogue"),
        schemas(),
        "en",
        published=published_reports(project / REPORTS_DIR),
        today=TODAY,
    )
    pages, _ = renderer.report_pages()
    assert [p.src_uri for p in pages] == [
        "innovationsbokslut/index.md",
        "innovationsbokslut/2026.md",
        "innovationsbokslut/2017.md",
    ]
    index = pages[0].html
    assert 'href="2017/"' in index and 'href="2026/"' in index and "preliminary" in index
    # The current year says "Preliminary." once (its basis), not a label that repeats it; a published year is labelled.
    assert pages[1].html.count("Preliminary") == 1 and "report__basis--preliminary" in pages[1].html
    assert "Final figures." in pages[2].html
    assert all("data-pagefind-body" in p.html for p in pages)


def test_the_shipped_2017_report_is_published() -> None:
    published = published_reports(PROJECT / REPORTS_DIR)
    assert 2017 in published
    report = published[2017]
    assert report.as_of == dt.date(2017, 12, 31) and report.published is not None
    assert (PROJECT / REPORTS_DIR / "2017.json").read_text(encoding="utf-8") == frozen_text(report)
    assert [f.rows[0][1] for f in report.reported] == [37]  # Innovationsfonden, as the source reports it
