"""Report: the catalogue → the yearly follow-up figures ("innovationsbokslut").

Counted figures come from the entries; figures a source states (`reported_figures`) are kept
apart, with their source, so a reader can tell what is counted from what is quoted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .model import Catalogue
from .schema import SchemaSet
from .validate import months_between, parse_date

Label = dict[str, str]


@dataclass
class Figure:
    """One figure: a titled table of (label, value) rows, shown as a chart and a table."""

    key: str
    title: Label
    rows: list[tuple[Label, float]]
    unit: Label = field(default_factory=lambda: {"sv": "", "en": ""})
    source: Label | None = None
    note: Label | None = None

    def csv_text(self, lang: str) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([self.title[lang], self.unit[lang] or ("antal" if lang == "sv" else "count")])
        for label, value in self.rows:
            writer.writerow([label[lang], _plain(value)])
        return buffer.getvalue()


@dataclass
class Report:
    year: int
    counted: list[Figure]
    reported: list[Figure]

    def as_json(self) -> dict[str, Any]:
        def figure(f: Figure) -> dict[str, Any]:
            return {
                "key": f.key,
                "title": f.title,
                "unit": f.unit,
                "source": f.source,
                "note": f.note,
                "rows": [{"label": label, "value": value} for label, value in f.rows],
            }

        return {
            "year": self.year,
            "counted": [figure(f) for f in self.counted],
            "reported": [figure(f) for f in self.reported],
        }


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _year(text: Any) -> int | None:
    return int(text[:4]) if isinstance(text, str) and text[:4].isdigit() else None


def _counted(key: str, title: Label, counter: Counter, labels: dict[str, Label], **extra: Any) -> Figure:
    rows = [
        (labels.get(name, {"sv": str(name), "en": str(name)}), value) for name, value in counter.most_common()
    ]
    return Figure(key, title, rows, **extra)


def report_years(catalogue: Catalogue, today: dt.date) -> list[int]:
    """Every year the catalogue has something to say about, up to this year."""
    years = {today.year}
    for item in catalogue.of_kind("project"):
        period = item.get("period") or {}
        years.update(
            y for y in (_year(period.get("start")), _year(period.get("end"))) if y and y <= today.year
        )
        years.update(f["year"] for f in item.get("reported_figures") or [])
    return sorted(years)


def build_report(catalogue: Catalogue, schemas: SchemaSet, year: int, today: dt.date) -> Report:
    """All figures for `year`. Status counts describe the catalogue as it stands when built."""
    testbeds = [t for t in catalogue.of_kind("testbed") if t.get("status") == "active"]
    projects = catalogue.of_kind("project")
    in_year = [p for p in projects if _active_in(p, year)]
    label = schemas.labels

    funding: Counter = Counter()
    for p in in_year:
        money = p.get("funding") or {}
        if isinstance(money.get("amount_sek"), int):
            name = money.get("funder", "") + (f" – {money['programme']}" if money.get("programme") else "")
            funding[name] += money["amount_sek"]

    per_unit: Counter = Counter()
    for item in catalogue.all():
        unit = catalogue.unit_of(item)
        if unit is not None:
            per_unit[unit.id] += 1
    unit_names = {
        u.id: {
            "sv": u.get("name", {}).get("sv", u.id),
            "en": u.get("name", {}).get("en") or u.get("name", {}).get("sv", u.id),
        }
        for u in catalogue.of_kind("unit")
    }

    reviewed_recently = sum(
        1 for item in catalogue.all() if _reviewed_within(item.get("reviewed"), today, 12)
    )
    total = len(catalogue.all()) or 1
    # Example response times (waiting for the unit's real details) would make the mean look confirmed.
    timed = [c for c in catalogue.of_kind("contact") if isinstance(c.get("response_days"), int)]
    contacts = [c.get("response_days") for c in timed if not c.get("example_details")]
    examples = len(timed) - len(contacts)

    counted = [
        _counted(
            "testbeds-by-kind",
            {"sv": "Öppna testbäddar efter typ", "en": "Active testbeds by kind"},
            Counter(t.get("kind") for t in testbeds),
            label("testbed", "kind"),
        ),
        _counted(
            "testbeds-by-area",
            {"sv": "Öppna testbäddar efter område", "en": "Active testbeds by area"},
            Counter(a for t in testbeds for a in t.get("areas") or []),
            label("testbed", "areas"),
        ),
        _counted(
            "projects-by-status",
            {"sv": f"Projekt under {year} efter status", "en": f"Projects during {year} by status"},
            Counter(p.get("status") for p in in_year),
            label("project", "status"),
        ),
        _counted(
            "projects-by-perspective",
            {"sv": f"Projekt under {year} efter perspektiv", "en": f"Projects during {year} by perspective"},
            Counter(x for p in in_year for x in p.get("perspectives") or []),
            label("project", "perspectives"),
        ),
        _counted(
            "funding",
            {"sv": f"Finansiering av projekt under {year}", "en": f"Funding of projects during {year}"},
            funding,
            {},
            unit={"sv": "kronor", "en": "SEK"},
        ),
        Figure(
            "started-finished",
            {
                "sv": f"Projekt som startade och avslutades {year}",
                "en": f"Projects started and finished in {year}",
            },
            [
                (
                    {"sv": "Startade", "en": "Started"},
                    sum(1 for p in projects if _year((p.get("period") or {}).get("start")) == year),
                ),
                (
                    {"sv": "Avslutades", "en": "Finished"},
                    sum(1 for p in projects if _year((p.get("period") or {}).get("end")) == year),
                ),
            ],
        ),
        _counted(
            "entries-per-unit",
            {"sv": "Poster per ansvarig enhet", "en": "Entries per owning unit"},
            per_unit,
            unit_names,
        ),
        Figure(
            "reviewed-share",
            {
                "sv": "Andel poster granskade de senaste 12 månaderna",
                "en": "Share of entries reviewed in the last 12 months",
            },
            [({"sv": "Granskade", "en": "Reviewed"}, round(100 * reviewed_recently / total, 1))],
            unit={"sv": "procent", "en": "per cent"},
        ),
        Figure(
            "response-time",
            {
                "sv": "Utlovad svarstid för kontaktvägar, medelvärde",
                "en": "Promised response time of contact paths, mean",
            },
            [({"sv": "Medelvärde", "en": "Mean"}, round(sum(contacts) / len(contacts), 1))]
            if contacts
            else [],
            unit={"sv": "arbetsdagar", "en": "working days"},
            note={
                "sv": f"{examples} kontaktvägar har bara exempeluppgifter om svarstid och räknas inte med.",
                "en": f"{examples} contact paths only have example response times and are not counted.",
            }
            if examples
            else None,
        ),
        _counted(
            "directions",
            {"sv": "Poster per strategisk inriktning", "en": "Entries per strategic direction"},
            Counter(d for item in catalogue.all() for d in item.get("directions") or []),
            _direction_labels(schemas),
        ),
    ]
    reported = [
        Figure(
            f"reported-{item.id}-{index}",
            figure["label"],
            [({"sv": str(year), "en": str(year)}, figure["value"])],
            source=figure["source"],
        )
        for item in projects
        for index, figure in enumerate(item.get("reported_figures") or [])
        if figure.get("year") == year
    ]
    return Report(year, [f for f in counted if f.rows or f.note], reported)


def _direction_labels(schemas: SchemaSet) -> dict[str, Label]:
    return schemas.documents["defs.schema.json"]["$defs"]["direction"]["x-labels"]


def _active_in(project: Any, year: int) -> bool:
    period = project.get("period") or {}
    start, end = _year(period.get("start")), _year(period.get("end"))
    return bool(start and start <= year and (end is None or end >= year))


def _reviewed_within(text: Any, today: dt.date, months: int) -> bool:
    reviewed = parse_date(text)
    return reviewed is not None and months_between(reviewed, today) < months


def report_text(report: Report, lang: str) -> str:
    """The figures as plain text for the terminal, counted ones apart from reported ones."""
    headings = {
        "sv": ("Räknat från katalogens poster", "Redovisat av källor", "Källa"),
        "en": ("Counted from the catalogue's entries", "Reported by sources", "Source"),
    }[lang]
    lines = [f"Innovationsbokslut {report.year}"]
    for heading, figures in ((headings[0], report.counted), (headings[1], report.reported)):
        lines += ["", f"== {heading} =="]
        for figure in figures:
            unit = f" ({figure.unit[lang]})" if figure.unit[lang] else ""
            lines.append(figure.title[lang] + unit)
            lines += [f"  {label[lang]}: {_plain(value)}" for label, value in figure.rows]
            if not figure.rows:
                lines.append("  " + ("Inga uppgifter ännu." if lang == "sv" else "No data yet."))
            if figure.note:
                lines.append(f"  {figure.note[lang]}")
            if figure.source:
                lines.append(f"  {headings[2]}: {figure.source[lang]}")
    return "\n".join(lines) + "\n"


def report_csv(report: Report, lang: str) -> str:
    """Every figure in one CSV: figure, label, value, unit, kind (counted or reported)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["year", "figure", "label", "value", "unit", "kind", "source"])
    for kind, figures in (("counted", report.counted), ("reported", report.reported)):
        for figure in figures:
            for label, value in figure.rows:
                source = figure.source[lang] if figure.source else ""
                writer.writerow(
                    [
                        report.year,
                        figure.title[lang],
                        label[lang],
                        _plain(value),
                        figure.unit[lang],
                        kind,
                        source,
                    ]
                )
    return buffer.getvalue()
