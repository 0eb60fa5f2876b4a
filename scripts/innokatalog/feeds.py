"""Feeds: the catalogue → Atom feeds of new and changed entries, per kind and per unit, per language.

An entry's dates come from Git when the build has its history (first commit = published, last
commit = updated); otherwise from the entry's own dates (`compiled`, `confirmed`), the latest of
them as updated. An entry with no date at all is left out rather
than given an invented one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from . import i18n
from .history import History
from .model import KIND_PLURALS, Catalogue, Item

FEED_DIR = "feeds"
FEED_LIMIT = 50  # the newest changes a feed holds; the listing pages and data files have all
_DATE_FIELDS = ("compiled", "confirmed")

FEED_TEXTS: dict[str, dict[str, str]] = {
    "kind_title": {"sv": "{kind}: nya och ändrade", "en": "{kind}: new and changed"},
    "kind_subtitle": {
        "sv": "Nya och ändrade {kind} i katalogen {site}, de senast ändrade först.",
        "en": "New and changed {kind} in the catalogue {site}, latest changed first.",
    },
    "unit_title": {"sv": "{unit}: nya och ändrade poster", "en": "{unit}: new and changed entries"},
    "unit_subtitle": {
        "sv": "Poster som {unit} ansvarar för i katalogen {site}, de senast ändrade först.",
        "en": "Entries {unit} is responsible for in the catalogue {site}, latest changed first.",
    },
}


@dataclass(frozen=True)
class EntryDates:
    published: dt.datetime
    updated: dt.datetime


def _midnight(value: object) -> dt.datetime | None:
    try:
        date = dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
    return dt.datetime.combine(date, dt.time(), dt.UTC) if date else None


def entry_dates(item: Item, history: History | None) -> EntryDates | None:
    """When the entry was first published and last changed, or None if nothing says."""
    found = history.of(item) if history else None
    if found is not None and found.first is not None:
        return EntryDates(found.first, found.last)
    dates = [moment for name in _DATE_FIELDS if (moment := _midnight(item.get(name))) is not None]
    if not dates:
        return None
    return EntryDates(_midnight(item.get("compiled")) or min(dates), max(dates))


def feed_path(kind: str | None = None, unit: str | None = None) -> str:
    """`feeds/testbeds.xml` for a kind, `feeds/units/<id>.xml` for a unit's entries."""
    return f"{FEED_DIR}/units/{unit}.xml" if unit else f"{FEED_DIR}/{KIND_PLURALS[str(kind)]}.xml"


def _feed(
    items: list[Item], history: History | None, root_url: str, path: str, lang: str, title: str, subtitle: str
) -> bytes:
    dated = [(item, dates) for item in items if (dates := entry_dates(item, history)) is not None]
    dated.sort(key=lambda pair: (pair[1].updated, pair[0].kind, pair[0].id), reverse=True)
    dated = dated[:FEED_LIMIT]
    feed = FeedGenerator()
    feed.id(root_url + path)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.language(lang)
    feed.link(href=root_url, rel="alternate")
    feed.link(href=root_url + path, rel="self")
    feed.updated(dated[0][1].updated if dated else dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    for item, dates in reversed(dated):  # feedgen puts the entry added last first
        entry = feed.add_entry()
        link = root_url + item.url
        entry.id(link)
        entry.title(i18n.localised(item.get("name"), lang))
        entry.link(href=link)
        entry.summary(i18n.localised(item.get("summary"), lang))
        entry.category(term=item.kind, label=i18n.t(item.kind, lang))
        entry.published(dates.published)
        entry.updated(dates.updated)
    return feed.atom_str(pretty=True)


def entry_feeds(
    catalogue: Catalogue, root_url: str, lang: str, history: History | None = None
) -> dict[str, bytes]:
    """Every feed of one language, by its path below the language root (`root_url` is that root)."""
    site = i18n.t("site_name", lang)
    files: dict[str, bytes] = {}
    for kind in KIND_PLURALS:
        name = i18n.t(KIND_PLURALS[kind], lang)
        path = feed_path(kind)
        files[path] = _feed(
            catalogue.of_kind(kind),
            history,
            root_url,
            path,
            lang,
            FEED_TEXTS["kind_title"][lang].format(kind=name),
            FEED_TEXTS["kind_subtitle"][lang].format(kind=name.lower(), site=site),
        )
    for unit in catalogue.of_kind("unit"):
        owned = [unit, *catalogue.related(unit, "unit")]
        name = i18n.localised(unit.get("name"), lang)
        path = feed_path(unit=unit.id)
        files[path] = _feed(
            owned,
            history,
            root_url,
            path,
            lang,
            FEED_TEXTS["unit_title"][lang].format(unit=name),
            FEED_TEXTS["unit_subtitle"][lang].format(unit=name, site=site),
        )
    return files
