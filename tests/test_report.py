"""Report: figures counted from the entries, checked against counts made here independently."""

from __future__ import annotations

import csv
import datetime as dt
import io

from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.report import build_report, report_years

from .mini import MINI, mini_catalogue, schemas

TODAY = dt.date(2026, 11, 24)


def _figure(report, key):
    return {row[0]["en"]: row[1] for row in next(f for f in report.counted if f.key == key).rows}


def test_counts_match_the_fixture() -> None:
    catalogue = mini_catalogue()
    catalogue.of_kind("contact")[0].data["example_details"] = False  # a confirmed response time
    report = build_report(catalogue, schemas(), 2017, TODAY)
    active = [t for t in catalogue.of_kind("testbed") if t.get("status") == "active"]
    assert _figure(report, "testbeds-by-kind") == {"Living lab": len(active)}
    assert _figure(report, "projects-by-status") == {"Completed": 1}
    assert _figure(report, "funding") == {"Vinnova": 594204}
    assert _figure(report, "entries-per-unit") == {"Unit one": 3}
    assert _figure(report, "response-time") == {"Mean": 5}
    assert [(f.rows[0][1], f.source["en"]) for f in report.reported] == [(37, "Report")]


def test_example_response_times_are_not_counted_as_promises() -> None:
    catalogue = mini_catalogue()  # its one contact path has example details
    assert catalogue.of_kind("contact")[0].data["example_details"] is True
    report = build_report(catalogue, schemas(), 2017, TODAY)
    figure = next(f for f in report.counted if f.key == "response-time")
    assert figure.rows == []
    assert figure.note is not None and figure.note["en"].startswith("1 contact paths")


def test_started_and_finished_per_year() -> None:
    catalogue = mini_catalogue()
    assert _figure(build_report(catalogue, schemas(), 2016, TODAY), "started-finished") == {
        "Started": 1,
        "Finished": 0,
    }
    assert _figure(build_report(catalogue, schemas(), 2018, TODAY), "started-finished") == {
        "Started": 0,
        "Finished": 1,
    }
    assert report_years(catalogue, TODAY) == [2016, 2017, 2018, 2026]


def test_figure_csv_round_trips() -> None:
    report = build_report(mini_catalogue(), schemas(), 2017, TODAY)
    for figure in report.counted:
        rows = list(csv.reader(io.StringIO(figure.csv_text("sv"))))
        assert rows[0][0] == figure.title["sv"]
        assert [(r[0], float(r[1])) for r in rows[1:]] == [
            (label["sv"], float(v)) for label, v in figure.rows
        ]


def test_cli_report_formats(monkeypatch) -> None:
    monkeypatch.chdir(MINI.parent.parent.parent.parent)  # the project root, for schema/
    runner = CliRunner()
    text = runner.invoke(main, ["report", "--year", "2017", str(MINI)])
    assert text.exit_code == 0, text.output
    counted, reported = text.output.split("== Redovisat av källor ==")
    assert "Levande labb: 1" in counted
    assert "Projekt\n  2017: 37\n  Källa: Bokslut" in reported
    as_csv = runner.invoke(main, ["report", "--year", "2017", "--format", "csv", str(MINI)])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert {"counted", "reported"} == {row["kind"] for row in rows}
    as_json = runner.invoke(main, ["report", "--year", "2017", "--format", "json", str(MINI)])
    assert '"year": 2017' in as_json.output
