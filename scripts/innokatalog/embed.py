"""Embeds: the catalogue → small listings for partner sites' `<iframe>`s, by kind, unit or area.

Each selection becomes a standalone page under `embed/` (Swedish) and `en/embed/` (English) that
loads nothing from another origin and tells the page around it its height with `postMessage`.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import i18n
from .model import KIND_PLURALS, Catalogue, Item
from .schema import SchemaSet

EMBED_DIR = "embed"
HEIGHT_MESSAGE = "innokatalog:height"  # the `type` of the message an embed sends its parent
LISTED_KINDS = ("testbed", "project")  # what an embed lists: the things a partner site points to
EMBED_LIMIT = 100  # entries an embed shows (by name); it says how many there are and links to the rest

EMBED_TEXTS: dict[str, dict[str, str]] = {
    "group_type": {"sv": "Typ av post", "en": "Type of entry"},
    "group_kind": {"sv": "Typ av testbädd", "en": "Kind of testbed"},
    "group_unit": {"sv": "Enhet", "en": "Unit"},
    "group_area": {"sv": "Område", "en": "Area"},
    "all_of_type": {"sv": "Alla {what}", "en": "All {what}"},
    "title_type": {"sv": "{what}", "en": "{what}"},
    "title_kind": {"sv": "Testbäddar: {what}", "en": "Testbeds: {what}"},
    "title_unit": {"sv": "Testbäddar och projekt hos {what}", "en": "Testbeds and projects of {what}"},
    "title_area": {"sv": "Testbäddar och projekt inom {what}", "en": "Testbeds and projects in {what}"},
    "more": {"sv": "Fler testbäddar och projekt", "en": "More testbeds and projects"},
    "shown": {
        "sv": "Visar {shown} av {total}, i bokstavsordning.",
        "en": "Showing {shown} of {total}, in alphabetical order.",
    },
    "source": {
        "sv": "Ur katalogen {site}. Länkarna öppnar katalogen.",
        "en": "From the catalogue {site}. The links open the catalogue.",
    },
}


@dataclass(frozen=True)
class Selection:
    """One embeddable listing: its path below `embed/`, its group and label in the chooser, its entries."""

    path: str
    group: str
    label: str
    title: str
    items: tuple[Item, ...]  # every entry of the selection, by name
    more: str  # the catalogue page with the rest, below the language root

    @property
    def url(self) -> str:
        return f"{EMBED_DIR}/{self.path}/"

    @property
    def shown(self) -> tuple[Item, ...]:
        return self.items[:EMBED_LIMIT]


def _t(key: str, lang: str, **values: str) -> str:
    return EMBED_TEXTS[key][lang].format(**values)


def selections(catalogue: Catalogue, schemas: SchemaSet, lang: str) -> list[Selection]:
    """Every selection that has entries: all testbeds, all projects, each testbed kind, unit and area."""

    def name(item: Item) -> str:
        return i18n.localised(item.get("name"), lang)

    def label(code: str, kind: str, field: str) -> str:
        return schemas.labels(kind, field).get(code, {}).get(lang, code)

    listed = [item for kind in LISTED_KINDS for item in catalogue.of_kind(kind)]
    found: list[Selection] = []

    def add(path: str, group: str, option: str, title: str, items: list[Item], more: str) -> None:
        if items:
            items = sorted(items, key=lambda item: name(item).casefold())
            found.append(Selection(path, _t(group, lang), option, title, tuple(items), more))

    for kind in LISTED_KINDS:
        plural = i18n.t(KIND_PLURALS[kind], lang)
        add(
            KIND_PLURALS[kind],
            "group_type",
            _t("all_of_type", lang, what=plural.lower()),
            _t("title_type", lang, what=plural),
            catalogue.of_kind(kind),
            f"{KIND_PLURALS[kind]}/",
        )
    kinds = sorted({item.get("kind") for item in catalogue.of_kind("testbed") if item.get("kind")})
    for code in kinds:
        what = label(code, "testbed", "kind")
        items = [item for item in catalogue.of_kind("testbed") if item.get("kind") == code]
        add(f"kind/{code}", "group_kind", what, _t("title_kind", lang, what=what), items, "testbeds/")
    for unit in sorted(catalogue.of_kind("unit"), key=lambda u: name(u).casefold()):
        items = [item for item in catalogue.related(unit, "unit") if item.kind in LISTED_KINDS]
        add(
            f"unit/{unit.id}",
            "group_unit",
            name(unit),
            _t("title_unit", lang, what=name(unit)),
            items,
            unit.url,
        )
    areas = sorted({area for item in listed for area in item.get("areas") or []})
    for code in areas:
        what = label(code, "testbed", "areas")
        items = [item for item in listed if code in (item.get("areas") or [])]
        add(f"area/{code}", "group_area", what, _t("title_area", lang, what=what.lower()), items, "testbeds/")
    return found
