"""Freshness: the catalogue → per unit, its entries by the date the unit last confirmed them.

Only `confirmed` counts (the owning unit said the entry is right on that date); `compiled` (taken
from public documents) does not. An entry confirmed `limit` months ago or more is overdue, as the
validator's staleness warning; entries never confirmed are listed apart. The same status gives
the review pages (an index and one page per unit), `catalogue stale` and the text of the monthly
review issues.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from . import i18n
from .model import KIND_PLURALS, Catalogue, Item
from .validate import months_between, parse_date

STALE_AFTER_MONTHS = 12
ISSUE_LABEL = "granskning"
ISSUE_MARKER = "<!-- catalogue-stale:{unit} -->"


@dataclass(frozen=True)
class EntryStatus:
    item: Item
    confirmed: dt.date | None
    compiled: dt.date | None
    months: int | None  # since it was confirmed
    overdue: bool

    @property
    def path(self) -> str:
        return f"catalogue/{KIND_PLURALS[self.item.kind]}/{self.item.id}.yml"


@dataclass
class UnitStatus:
    """One unit's entries: confirmed ones oldest first, then those never confirmed."""

    unit: Item
    confirmed: list[EntryStatus] = field(default_factory=list)
    never_confirmed: list[EntryStatus] = field(default_factory=list)

    @property
    def overdue(self) -> list[EntryStatus]:
        return [entry for entry in self.confirmed if entry.overdue]

    @property
    def team(self) -> str | None:
        return self.unit.get("github_team") or None


def entry_status(item: Item, today: dt.date, limit: int = STALE_AFTER_MONTHS) -> EntryStatus:
    confirmed = parse_date(item.get("confirmed"))
    months = months_between(confirmed, today) if confirmed else None
    overdue = months is not None and months >= limit
    return EntryStatus(item, confirmed, parse_date(item.get("compiled")), months, overdue)


def review_status(catalogue: Catalogue, today: dt.date, limit: int = STALE_AFTER_MONTHS) -> list[UnitStatus]:
    """Every unit (by id) with the entries it owns; a unit owns its own entry too."""
    units = {unit.id: UnitStatus(unit) for unit in catalogue.of_kind("unit")}
    for item in catalogue.all():
        owner = units.get(item.id if item.kind == "unit" else item.get("unit"))
        if owner is None:
            continue
        status = entry_status(item, today, limit)
        (owner.confirmed if status.confirmed else owner.never_confirmed).append(status)
    for owner in units.values():
        owner.confirmed.sort(key=lambda e: (e.confirmed, e.item.kind, e.item.id))
        owner.never_confirmed.sort(key=lambda e: (e.item.kind, e.item.id))
    return list(units.values())


# --- output ------------------------------------------------------------------------------------------


def _name(item: Item, lang: str = "sv") -> str:
    return i18n.localised(item.get("name"), lang)


def status_text(units: list[UnitStatus], today: dt.date, limit: int = STALE_AFTER_MONTHS) -> str:
    """For people at a terminal: one block per unit, overdue entries marked."""
    lines = [f"Review status on {today.isoformat()} (overdue: confirmed {limit} or more months ago)"]
    for owner in units:
        lines.append("")
        lines.append(
            f"{_name(owner.unit, 'en')} ({owner.unit.id}): {len(owner.overdue)} overdue, "
            f"{len(owner.confirmed) - len(owner.overdue)} up to date, {len(owner.never_confirmed)} never confirmed"
        )
        for entry in owner.confirmed:
            mark = "OVERDUE" if entry.overdue else "ok"
            lines.append(f"  {mark:<8}{entry.confirmed}  {entry.path}  {_name(entry.item, 'en')}")
        for entry in owner.never_confirmed:
            lines.append(f"  {'never':<8}{'':<10}  {entry.path}  {_name(entry.item, 'en')}")
    overdue = sum(len(owner.overdue) for owner in units)
    never = sum(len(owner.never_confirmed) for owner in units)
    lines += ["", f"{overdue} overdue, {never} never confirmed, in {len(units)} units"]
    return "\n".join(lines) + "\n"


def _entry_json(entry: EntryStatus) -> dict[str, Any]:
    return {
        "kind": entry.item.kind,
        "id": entry.item.id,
        "name": entry.item.get("name"),
        "path": entry.path,
        "compiled": entry.compiled.isoformat() if entry.compiled else None,
        "confirmed": entry.confirmed.isoformat() if entry.confirmed else None,
        "months_since_confirmed": entry.months,
        "overdue": entry.overdue,
    }


def status_json(units: list[UnitStatus], today: dt.date, limit: int = STALE_AFTER_MONTHS) -> str:
    """For programs (and the monthly workflow): each unit's entries and, if overdue, its issue."""
    document = {
        "today": today.isoformat(),
        "stale_after_months": limit,
        "label": ISSUE_LABEL,
        "units": [
            {
                "id": owner.unit.id,
                "name": owner.unit.get("name"),
                "team": owner.team,
                "marker": ISSUE_MARKER.format(unit=owner.unit.id),
                "confirmed": [_entry_json(e) for e in owner.confirmed],
                "never_confirmed": [_entry_json(e) for e in owner.never_confirmed],
                "issue": (
                    {"title": issue_title(owner), "body": issue_body(owner, today, limit)}
                    if owner.overdue
                    else None
                ),
            }
            for owner in units
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _row(entry: EntryStatus, lang: str) -> str:
    kind = i18n.t(entry.item.kind, lang).lower()
    date = i18n.format_date(entry.confirmed, lang) if entry.confirmed else "–"
    name = _name(entry.item, lang).replace("|", "\\|")  # a bar would end the table cell
    return f"| {name} ({kind}) | `{entry.path}` | {date} |"


def status_markdown(units: list[UnitStatus], today: dt.date, limit: int = STALE_AFTER_MONTHS) -> str:
    """The whole status as Markdown, in Swedish: a section per unit."""
    lines = [
        f"# Granskning {today.isoformat()}",
        "",
        f"Poster som bekräftades för {limit} månader sedan eller mer är markerade med **Behöver granskas**.",
    ]
    for owner in units:
        lines += ["", f"## {_name(owner.unit)} (`{owner.unit.id}`)", ""]
        if owner.confirmed:
            lines += ["| Post | Fil | Senast bekräftad | Status |", "| --- | --- | --- | --- |"]
            for entry in owner.confirmed:
                state = "**Behöver granskas**" if entry.overdue else "Aktuell"
                lines.append(_row(entry, "sv") + f" {state} |")
        else:
            lines.append("Ingen post har bekräftats av enheten.")
        if owner.never_confirmed:
            lines += ["", "Aldrig bekräftade:", ""]
            lines += [f"- {_name(e.item)} (`{e.path}`)" for e in owner.never_confirmed]
    return "\n".join(lines) + "\n"


def issue_title(owner: UnitStatus) -> str:
    return f"Granskning: {_name(owner.unit)} / Review: {_name(owner.unit, 'en')}"


def issue_body(owner: UnitStatus, today: dt.date, limit: int = STALE_AFTER_MONTHS) -> str:
    """The text of the unit's review issue: its overdue entries, in Swedish and then English."""
    overdue = owner.overdue
    lines = [ISSUE_MARKER.format(unit=owner.unit.id), ""]
    if owner.team:
        lines += [f"{owner.team}", ""]
    lines += [
        f"**{len(overdue)} {'post' if len(overdue) == 1 else 'poster'}** som {_name(owner.unit)} ansvarar för bekräftades senast för {limit} "
        "månader sedan eller mer. Kontrollera att uppgifterna stämmer och skriv dagens datum i fältet "
        "`confirmed` i en pull request. Är något fel, rätta det i samma pull request.",
        "",
        "| Post | Fil | Senast bekräftad |",
        "| --- | --- | --- |",
        *[_row(entry, "sv") for entry in overdue],
        "",
        f"**{len(overdue)} {'entry' if len(overdue) == 1 else 'entries'}** that {_name(owner.unit, 'en')} is responsible for {'was' if len(overdue) == 1 else 'were'} last confirmed "
        f"{limit} or more months ago. Check that the facts are right and write today's date in the field "
        "`confirmed` in a pull request. If something is wrong, correct it in the same pull request.",
        "",
        "| Entry | File | Last confirmed |",
        "| --- | --- | --- |",
        *[_row(entry, "en") for entry in overdue],
    ]
    never = len(owner.never_confirmed)
    if never:
        lines += [
            "",
            f"Enheten har inte heller bekräftat {never} {'post' if never == 1 else 'poster'} som katalogen "
            f"sammanställt ur offentliga källor / The unit has not confirmed {never} "
            f"{'entry' if never == 1 else 'entries'} compiled from public sources either:",
            "",
            *[f"- {_name(e.item)} (`{e.path}`)" for e in owner.never_confirmed],
        ]
    lines += [
        "",
        f"_Skrivet av `catalogue stale` {today.isoformat()}. Ärendet uppdateras varje månad och stängs "
        "när inga poster är försenade. / Written by `catalogue stale`; updated monthly and closed when "
        "no entry is overdue._",
    ]
    return "\n".join(lines) + "\n"


FORMATTERS = {"text": status_text, "json": status_json, "markdown": status_markdown}
