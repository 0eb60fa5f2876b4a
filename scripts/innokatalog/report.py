"""Report: the catalogue → the yearly follow-up figures ("innovationsbokslut").

Figures for a year are counted as of 31 December of that year from dated facts only: project
periods, the date a source recorded a testbed's status, the dates entries were compiled and
confirmed. A status is read only together with the date it was recorded, never as today's state.
A published year is frozen into `reports/<year>.json` and always shown from that file; only the
current, unpublished year is counted live, and it is labelled preliminary.

Figures a source states (`reported_figures`) are kept apart, with their source, so a reader can
tell what is counted from what is quoted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import i18n
from .export import spreadsheet_safe
from .model import Catalogue, Item
from .schema import SchemaSet
from .validate import months_between, period_bound

Label = dict[str, str]
Row = tuple[Label, float]

REPORTS_DIR = "reports"
"""Where published years are frozen, below the project folder (outside catalogue/: not an entry kind)."""

FORMAT_VERSION = 1

UNITS: dict[str, Label] = {
    "count": {"sv": "antal", "en": "count"},
    "sek": {"sv": "kr", "en": "SEK"},
    "percent": {"sv": "%", "en": "%"},
    "days": {"sv": "arbetsdagar", "en": "working days"},
}

GRANT_RULE: Label = {
    "sv": "Ett bidrag fördelas lika på månaderna i projektets löptid, från startmånaden till och med "
    "slutmånaden, och avrundas till hela kronor så att åren tillsammans blir hela bidraget. "
    "Ett bidrag till ett projekt utan slutdatum fördelas inte.",
    "en": "A grant is spread evenly over the months of the project's period, from its first month "
    "to its last, and rounded to whole kronor so that the years add up to the whole grant. "
    "The grant of a project without an end date is not spread.",
}


class ReportError(ValueError):
    """A report that cannot be made or published: the message says why and what to do."""


@dataclass
class Figure:
    """One figure: what it counts, and (label, value) rows shown as a chart, a table and CSV."""

    key: str
    title: Label
    counts: Label
    rows: list[Row]
    unit: str = "count"
    source: Label | None = None
    note: Label | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "counts": self.counts,
            "unit": self.unit,
            "unit_label": UNITS[self.unit],
            "source": self.source,
            "note": self.note,
            "rows": [{"label": label, "value": value} for label, value in self.rows],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        rows = [(row["label"], row["value"]) for row in data["rows"]]
        return cls(
            data["key"], data["title"], data["counts"], rows, data["unit"], data["source"], data["note"]
        )


@dataclass
class Report:
    """A year's figures, as of `as_of`; `published` is the day they were frozen, None while preliminary."""

    year: int
    as_of: dt.date
    counted: list[Figure]
    reported: list[Figure]
    published: dt.date | None = None
    grant_rule: Label = field(default_factory=lambda: dict(GRANT_RULE))
    stated_basis: Label | None = None  # a published file's own words, kept as they were written

    @property
    def figures(self) -> list[Figure]:
        return self.counted + self.reported

    def basis(self, lang: str) -> str:
        """One sentence saying what the figures describe and whether they can still change."""
        if self.stated_basis is not None:
            return self.stated_basis[lang]
        as_of = i18n.format_date(self.as_of, lang)
        if self.published is not None:
            published = i18n.format_date(self.published, lang)
            return {
                "sv": f"Publicerat {published}. Siffrorna räknades från katalogens poster som de såg ut då, "
                f"och beskriver läget den {as_of}. De ändras inte när posterna ändras.",
                "en": f"Published {published}. The figures were counted from the catalogue's entries as they "
                f"were then, and describe the state on {as_of}. They do not change when entries change.",
            }[lang]
        if self.as_of.month == 12 and self.as_of.day == 31:  # the year has ended, unpublished
            return {
                "sv": f"Preliminärt: året är inte publicerat. Siffrorna räknas från katalogens poster som de ser ut "
                f"nu och beskriver läget den {as_of}. De kan ändras tills året publiceras.",
                "en": f"Preliminary: the year has not been published. The figures are counted from the catalogue's "
                f"entries as they are now and describe the state on {as_of}. They may change until the year is "
                f"published.",
            }[lang]
        return {
            "sv": f"Preliminärt. Siffrorna räknas från katalogens poster när webbplatsen byggs och beskriver "
            f"läget den {as_of}. De kan ändras tills året är slut och bokslutet publiceras.",
            "en": f"Preliminary. The figures are counted from the catalogue's entries when the site is built "
            f"and describe the state on {as_of}. They may change until the year has ended and the report "
            f"is published.",
        }[lang]

    def status(self) -> str:
        return "published" if self.published is not None else "preliminary"

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "year": self.year,
            "status": self.status(),
            "as_of": self.as_of.isoformat(),
            "published": self.published.isoformat() if self.published else None,
            "basis": {lang: self.basis(lang) for lang in i18n.LANGUAGES},
            "grant_rule": self.grant_rule,
            "counted": [f.as_json() for f in self.counted],
            "reported": [f.as_json() for f in self.reported],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        published = data.get("published")
        return cls(
            data["year"],
            dt.date.fromisoformat(data["as_of"]),
            [Figure.from_json(f) for f in data["counted"]],
            [Figure.from_json(f) for f in data["reported"]],
            dt.date.fromisoformat(published) if published else None,
            data["grant_rule"],
            data["basis"],
        )


# --- dated facts ---------------------------------------------------------------------------------------


def _start(project: Item) -> dt.date | None:
    return period_bound((project.get("period") or {}).get("start"), end=False)


def _end(project: Item) -> dt.date | None:
    return period_bound((project.get("period") or {}).get("end"), end=True)


def _date(value: Any) -> dt.date | None:
    """A date or month as written in an entry (a month stands for its first day)."""
    return period_bound(value, end=False)


def _status_date(item: Item) -> dt.date | None:
    """The date a source gave the entry's status (`status_recorded.date`), if any."""
    recorded = item.get("status_recorded")
    return _date(recorded.get("date")) if isinstance(recorded, dict) else None


def _compiled_on(item: Item) -> dt.date | None:
    """When the entry came into the catalogue: the earlier of its compiled and confirmed dates."""
    return min(filter(None, (_date(item.get("compiled")), _date(item.get("confirmed")))), default=None)


def _open_during(testbed: Item, year: int, as_of: dt.date) -> bool:
    """A source recorded the testbed as open (active) on a date in `year`, up to `as_of`."""
    recorded = _status_date(testbed)
    return (
        testbed.get("status") == "active"
        and recorded is not None
        and recorded.year == year
        and recorded <= as_of
    )


def _in_year(project: Item, year: int, as_of: dt.date) -> bool:
    """The project had started by `as_of` and had not ended before the year began."""
    start, end = _start(project), _end(project)
    return start is not None and start <= as_of and (end is None or end >= dt.date(year, 1, 1))


def grant_by_year(project: Item) -> dict[int, int]:
    """The project's grant per year by GRANT_RULE, in whole kronor adding up to the grant.

    Empty when the project has no grant in kronor or its period has no end.
    """
    amount = (project.get("funding") or {}).get("amount_sek")
    start, end = _start(project), _end(project)
    if not isinstance(amount, int) or start is None or end is None or end < start:
        return {}
    months = Counter(
        (start.year * 12 + start.month - 1 + i) // 12
        for i in range((end.year - start.year) * 12 + end.month - start.month + 1)
    )
    total = sum(months.values())
    shares = {year: divmod(amount * count, total) for year, count in sorted(months.items())}
    result = {year: whole for year, (whole, _) in shares.items()}
    # Largest remainders get the kronor left over by rounding down; ties go to the earlier year.
    left = amount - sum(result.values())
    for year in sorted(shares, key=lambda y: (-shares[y][1], y))[:left]:
        result[year] += 1
    return result


def first_year(catalogue: Catalogue) -> int | None:
    """The first year any dated fact in the catalogue falls in."""
    years = [d.year for p in catalogue.of_kind("project") if (d := _start(p))]
    years += [d.year for t in catalogue.of_kind("testbed") if (d := _status_date(t))]
    years += [f["year"] for p in catalogue.of_kind("project") for f in p.get("reported_figures") or []]
    return min(years, default=None)


def check_year(catalogue: Catalogue, year: int, today: dt.date) -> None:
    """Refuse a year the catalogue has nothing to say about: before its first dated fact or after this year."""
    first = first_year(catalogue)
    if year > today.year:
        raise ReportError(f"{year} has not begun; the latest year to report on is {today.year}")
    if first is None:
        raise ReportError("the catalogue has no dated facts (project periods, dated statuses) to report on")
    if year < first:
        raise ReportError(
            f"the catalogue has no data for {year}; its first dated fact is from {first}, "
            f"so choose a year from {first} to {today.year}"
        )


def as_of_date(year: int, today: dt.date) -> dt.date:
    """31 December of `year`, or today while the year is still running."""
    return min(dt.date(year, 12, 31), today)


# --- the figures ---------------------------------------------------------------------------------------


def _names(items: Iterable[Item]) -> dict[str, Label]:
    return {
        item.id: {lang: i18n.localised(item.get("name"), lang) or item.id for lang in i18n.LANGUAGES}
        for item in items
    }


def _rows(counter: Counter, labels: dict[str, Label]) -> list[Row]:
    return [
        (labels.get(name, {"sv": str(name), "en": str(name)}), value)
        for name, value in sorted(counter.items(), key=lambda pair: (-pair[1], str(pair[0])))
    ]


def build_report(catalogue: Catalogue, schemas: SchemaSet, year: int, today: dt.date) -> Report:
    """Every counted and reported figure for `year`, as of 31 December of it (today while it runs)."""
    check_year(catalogue, year, today)
    as_of = as_of_date(year, today)
    on = {lang: i18n.format_date(as_of, lang) for lang in i18n.LANGUAGES}
    projects = catalogue.of_kind("project")
    in_year = [p for p in projects if _in_year(p, year, as_of)]
    during = {
        "sv": f"Projekt i katalogen vars löptid (start och slut) överlappar {year}, fram till den {on['sv']}.",
        "en": f"Projects in the catalogue whose period (start and end) overlaps {year}, up to {on['en']}.",
    }
    counted = [
        _project_figure(projects, year, as_of, on),
        Figure(
            "projects-by-perspective",
            {"sv": f"Projekt under {year} efter perspektiv", "en": f"Projects during {year} by perspective"},
            during,
            _rows(
                Counter(x for p in in_year for x in p.get("perspectives") or []),
                schemas.labels("project", "perspectives"),
            ),
        ),
        Figure(
            "projects-by-direction",
            {
                "sv": f"Projekt under {year} efter strategisk inriktning",
                "en": f"Projects during {year} by strategic direction",
            },
            during,
            _rows(Counter(d for p in in_year for d in p.get("directions") or []), _direction_labels(schemas)),
        ),
        Figure(
            "projects-by-unit",
            {
                "sv": f"Projekt under {year} efter ansvarig enhet",
                "en": f"Projects during {year} by owning unit",
            },
            during,
            _rows(Counter(p.get("unit") for p in in_year), _names(catalogue.of_kind("unit"))),
        ),
        _grant_figure(projects, year, as_of),
        _testbed_figure(catalogue.of_kind("testbed"), schemas, year, as_of, on),
        _confirmed_figure(catalogue.all(), as_of, on),
        _response_figure(catalogue.of_kind("contact"), as_of, on),
    ]
    reported = [
        Figure(
            f"reported-{item.id}-{index}",
            figure["label"],
            {
                "sv": "Redovisat av källan, inte räknat från katalogens poster.",
                "en": "Reported by the source, not counted from the catalogue's entries.",
            },
            [({"sv": str(year), "en": str(year)}, figure["value"])],
            source=figure["source"],
        )
        for item in projects
        for index, figure in enumerate(item.get("reported_figures") or [])
        if figure.get("year") == year
    ]
    return Report(year, as_of, counted, reported)


def _project_figure(projects: list[Item], year: int, as_of: dt.date, on: Label) -> Figure:
    def count(test: Callable[[dt.date, dt.date | None], bool]) -> int:
        return sum(1 for p in projects if (start := _start(p)) and start <= as_of and test(start, _end(p)))

    undated = sum(1 for p in projects if _start(p) is None)
    note = None
    if undated:
        note = {
            "sv": f"{undated} projekt i katalogen saknar löptid och räknas inte.",
            "en": f"{undated} projects in the catalogue have no period and are not counted.",
        }
    return Figure(
        "projects",
        {"sv": f"Projekt under {year}", "en": f"Projects during {year}"},
        {
            "sv": "Projekt i katalogen, räknade från löptidens start och slut (inte från projektets status). "
            "Ett projekt kan finnas på flera rader, till exempel om det både startade och slutade under året.",
            "en": "Projects in the catalogue, counted from the start and end of their period (not from their "
            "status). A project can be on several rows, for example if it both started and ended in the year.",
        },
        [
            (
                {"sv": f"Startade under {year}", "en": f"Started in {year}"},
                count(lambda s, e: s.year == year),
            ),
            (
                {"sv": f"Slutade under {year}", "en": f"Ended in {year}"},
                count(lambda s, e: e is not None and e.year == year and e <= as_of),
            ),
            (
                {"sv": f"Pågick den {on['sv']}", "en": f"Running on {on['en']}"},
                count(lambda s, e: e is not None and e > as_of),
            ),
            (
                {
                    "sv": "Startade, men slutdatum saknas (okänt om de pågick)",
                    "en": "Started, but no end date (not known whether running)",
                },
                count(lambda s, e: e is None),
            ),
        ],
        note=note,
    )


def _grant_figure(projects: list[Item], year: int, as_of: dt.date) -> Figure:
    grants: Counter = Counter()
    unspread = []
    for p in projects:
        money = p.get("funding") or {}
        share = grant_by_year(p).get(year)
        if share:
            name = money.get("funder", "") + (f" – {money['programme']}" if money.get("programme") else "")
            grants[name] += share
        elif isinstance(money.get("amount_sek"), int) and _end(p) is None and _in_year(p, year, as_of):
            unspread.append(money["amount_sek"])
    note = None
    if unspread:
        total = sum(unspread)
        note = {
            "sv": f"{len(unspread)} projekt utan slutdatum har bidrag på sammanlagt "
            f"{i18n.format_sek(total, 'sv')} som inte är fördelade på år och inte räknas här.",
            "en": f"{len(unspread)} projects without an end date have grants of "
            f"{i18n.format_sek(total, 'en')} in all, which are not spread over years and not counted here.",
        }
    return Figure(
        "grants",
        {
            "sv": f"Bidrag till projekt, den del som hör till {year}",
            "en": f"Project grants, the part for {year}",
        },
        {
            "sv": f"Beviljade bidrag i kronor till projekt i katalogen, per finansiär, den del som hör till {year}. "
            + GRANT_RULE["sv"],
            "en": f"Grants in SEK to projects in the catalogue, by funder, the part that belongs to {year}. "
            + GRANT_RULE["en"],
        },
        _rows(grants, {}),
        unit="sek",
        note=note,
    )


def _testbed_figure(testbeds: list[Item], schemas: SchemaSet, year: int, as_of: dt.date, on: Label) -> Figure:
    counted = [t for t in testbeds if _open_during(t, year, as_of)]
    left_out = len(testbeds) - len(counted)
    note = None
    if left_out:
        note = {
            "sv": f"{left_out} testbäddar i katalogen har ingen källa daterad {year} som anger att de var öppna "
            "och räknas inte.",
            "en": f"{left_out} testbeds in the catalogue have no source dated {year} that gives them as open and "
            "are not counted.",
        }
    return Figure(
        "testbeds-by-kind",
        {
            "sv": f"Testbäddar som var öppna under {year} enligt en källa, efter typ",
            "en": f"Testbeds open during {year} according to a source, by kind",
        },
        {
            "sv": f"Testbäddar i katalogen som en källa daterad {year} (till och med {on['sv']}) anger som öppna. "
            "Katalogen har inga datum för när testbäddar öppnade eller stängde, så en testbädd räknas det år "
            "då en källa angav att den var öppen, inte efter dess status i dag.",
            "en": f"Testbeds in the catalogue that a source dated {year} (up to {on['en']}) gives as open. The "
            "catalogue has no dates for when testbeds opened or closed, so a testbed is counted in the year a "
            "source gave it as open, not by its status today.",
        },
        _rows(Counter(t.get("kind") for t in counted), schemas.labels("testbed", "kind")),
        note=note,
    )


def _confirmed_figure(items: list[Item], as_of: dt.date, on: Label) -> Figure:
    undated = sum(1 for item in items if _compiled_on(item) is None)
    present = [item for item in items if (d := _compiled_on(item)) and d <= as_of]
    confirmed = sum(
        1
        for item in present
        if (d := _date(item.get("confirmed"))) and d <= as_of and months_between(d, as_of) < 12
    )
    notes = []
    if not present:
        notes.append(
            {
                "sv": f"Inga poster hade förts in i katalogen den {on['sv']}.",
                "en": f"No entries had been entered in the catalogue by {on['en']}.",
            }
        )
    else:
        notes.append(
            {
                "sv": f"{confirmed} av {len(present)} poster.",
                "en": f"{confirmed} of {len(present)} entries.",
            }
        )
    if undated:
        notes.append(
            {
                "sv": f"{undated} poster saknar datum för när de fördes in och räknas inte.",
                "en": f"{undated} entries have no date for when they were entered and are not counted.",
            }
        )
    return Figure(
        "confirmed-share",
        {
            "sv": "Andel poster som den ansvariga enheten har bekräftat",
            "en": "Share of entries confirmed by their owning unit",
        },
        {
            "sv": f"Poster som fanns i katalogen den {on['sv']} och som den ansvariga enheten bekräftade "
            "under de tolv månaderna fram till dess. Poster som bara är hämtade ur offentliga dokument räknas inte som bekräftade.",
            "en": f"Entries that were in the catalogue on {on['en']} and that their owning unit confirmed in the "
            "twelve months up to then. Entries only taken from public documents do not count as confirmed.",
        },
        [({"sv": "Bekräftade", "en": "Confirmed"}, round(100 * confirmed / len(present), 1))]
        if present
        else [],
        unit="percent",
        note={lang: " ".join(n[lang] for n in notes) for lang in i18n.LANGUAGES},
    )


def _response_figure(contacts: list[Item], as_of: dt.date, on: Label) -> Figure:
    # Example response times (waiting for the unit's real details) would make the mean look confirmed.
    present = [c for c in contacts if (d := _compiled_on(c)) and d <= as_of]
    timed = [c for c in present if isinstance(c.get("response_days"), int)]
    counted = [c.get("response_days") for c in timed if not c.get("example_details")]
    examples = len(timed) - len(counted)
    note = {
        "sv": f"{len(counted)} kontaktvägar räknas.",
        "en": f"{len(counted)} contact paths are counted.",
    }
    if examples:
        note["sv"] += f" {examples} har bara en exempeluppgift om svarstid och räknas inte."
        note["en"] += f" {examples} only have an example response time and are not counted."
    return Figure(
        "response-time",
        {
            "sv": "Utlovad svarstid för kontaktvägar, medelvärde",
            "en": "Promised response time of contact paths, mean",
        },
        {
            "sv": "Medelvärdet av den svarstid i arbetsdagar som kontaktvägarna lovar, för kontaktvägar som fanns "
            f"i katalogen den {on['sv']}. Exempeluppgifter som väntar på enhetens riktiga uppgifter räknas inte.",
            "en": "The mean of the response time in working days that contact paths promise, for contact paths in "
            f"the catalogue on {on['en']}. Example details waiting for the unit's real ones are not counted.",
        },
        [({"sv": "Medelvärde", "en": "Mean"}, round(sum(counted) / len(counted), 1))] if counted else [],
        unit="days",
        note=note,
    )


def _direction_labels(schemas: SchemaSet) -> dict[str, Label]:
    return schemas.documents["defs.schema.json"]["$defs"]["direction"]["x-labels"]


# --- published years -----------------------------------------------------------------------------------


def published_reports(directory: Path) -> dict[int, Report]:
    """Every frozen year in `directory` (`reports/<year>.json`); an unreadable file is a ReportError."""
    found: dict[int, Report] = {}
    if not directory.is_dir():
        return found
    for path in sorted(directory.glob("*.json")):
        if path.name.startswith("."):  # a file `publish` is still writing
            continue
        try:
            report = Report.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ReportError(f"{path}: not a published report ({error}); restore it from Git") from None
        if path.stem != str(report.year):
            raise ReportError(f"{path}: holds the year {report.year}; name it {report.year}.json")
        found[report.year] = report
    return found


def frozen_text(report: Report) -> str:
    """The file a published year is frozen into: the same figures always give the same bytes."""
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"


def publish(report: Report, directory: Path, today: dt.date) -> Path:
    """Freeze a finished year's figures into `directory/<year>.json`, written whole or not at all."""
    if report.year >= today.year:
        raise ReportError(
            f"{report.year} has not ended; a year can be published from 1 January {report.year + 1}"
        )
    path = directory / f"{report.year}.json"
    if path.exists():
        raise ReportError(
            f"{report.year} is already published in {path}; published figures do not change. "
            "To correct them, remove the file in a reviewed change and publish again"
        )
    frozen = Report(report.year, report.as_of, report.counted, report.reported, today, report.grant_rule)
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{report.year}-", suffix=".json", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(frozen_text(frozen))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def site_reports(
    catalogue: Catalogue, schemas: SchemaSet, published: dict[int, Report], today: dt.date
) -> list[Report]:
    """The years the site shows, newest first: every published year, and this year (preliminary) if unpublished."""
    reports = dict(published)
    if today.year not in reports and first_year(catalogue) is not None:
        reports[today.year] = build_report(catalogue, schemas, today.year, today)
    return [reports[year] for year in sorted(reports, reverse=True)]


# --- text and CSV --------------------------------------------------------------------------------------


def format_value(value: float, unit: str, lang: str) -> str:
    """A value with its unit as a reader expects it: `297 102 kr`, `SEK 297,102`, `40 %`, `5 arbetsdagar`."""
    number = i18n.format_number(value, lang)
    if unit == "count":
        return number
    if unit == "sek":
        return i18n.format_sek(value, lang)  # type: ignore[arg-type]
    if unit == "percent":
        return f"{number}\u00a0%" if lang == "sv" else f"{number}%"
    return f"{number}\u00a0{UNITS[unit][lang]}"


def report_text(report: Report, lang: str) -> str:
    """The figures as plain text for the terminal, counted ones apart from reported ones."""
    headings = {
        "sv": ("Räknat från katalogens poster", "Redovisat av källor", "Räknar", "Källa", "Inga uppgifter."),
        "en": ("Counted from the catalogue's entries", "Reported by sources", "Counts", "Source", "No data."),
    }[lang]
    title = {"sv": "Innovationsbokslut", "en": "Innovation report"}[lang]
    lines = [f"{title} {report.year}", report.basis(lang)]
    for heading, figures in ((headings[0], report.counted), (headings[1], report.reported)):
        lines += ["", f"== {heading} =="]
        for figure in figures:
            lines.append(f"{figure.title[lang]} ({UNITS[figure.unit][lang]})")
            lines.append(f"  {headings[2]}: {figure.counts[lang]}")
            lines += [
                f"  {label[lang]}: {format_value(value, figure.unit, lang)}" for label, value in figure.rows
            ]
            if not figure.rows:
                lines.append(f"  {headings[4]}")
            if figure.note:
                lines.append(f"  {figure.note[lang]}")
            if figure.source:
                lines.append(f"  {headings[3]}: {figure.source[lang]}")
    return "\n".join(lines) + "\n"


CSV_COLUMNS = [
    "year",
    "status",
    "as_of",
    "figure",
    "label",
    "value",
    "unit",
    "counts",
    "note",
    "kind",
    "source",
]


def report_csv(report: Report, lang: str, figures: list[Figure] | None = None) -> str:
    """Figures as CSV, one row per value, each row saying what it counts (all figures by default).

    A figure without values still gets a row (empty value), so its note is not lost.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    chosen = report.figures if figures is None else figures
    for figure in chosen:
        kind = "reported" if figure in report.reported else "counted"
        rows: list[tuple[Label | None, float | None]] = list(figure.rows) or [(None, None)]
        for label, value in rows:
            cells = [
                str(report.year),
                report.status(),
                report.as_of.isoformat(),
                figure.title[lang],
                label[lang] if label else "",
                _plain(value) if value is not None else "",
                UNITS[figure.unit][lang],
                figure.counts[lang],
                figure.note[lang] if figure.note else "",
                kind,
                figure.source[lang] if figure.source else "",
            ]
            writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
