"""Facets: the codes an entry is found by, the same for search filters and filtered listing pages.

An entry's facets are (facet, code) pairs such as ("kind", "living-lab") or ("unit", "openlab"):
codes, not labels, so an address such as `?kind=living-lab` or `testbeds/kind/living-lab/` is the
same in both languages. The renderer gives each code its label in the page's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .model import Item

# facet → the field that holds its codes, per kind of entry. The order is the order on the page.
FACET_FIELDS: dict[str, dict[str, str]] = {
    "testbed": {
        "kind": "kind",
        "area": "areas",
        "audience": "audiences",
        "cost": "access.cost_model",
        "status": "status",
        "unit": "unit",
        "language": "languages",
    },
    "project": {"area": "areas", "status": "status", "unit": "unit"},
    "contact": {"audience": "audiences", "topic": "topics", "unit": "unit"},
    "unit": {"area": "areas"},
    "opportunity": {"area": "areas", "audience": "audiences", "status": "status", "unit": "unit"},
}
# Every facet in the order search shows them: the type of entry first.
FACETS: tuple[str, ...] = ("type", "kind", "area", "audience", "topic", "cost", "status", "unit", "language")
# The facets a listing of a kind gets static pages for. The owning unit is left out: a unit's own
# page already lists everything it is responsible for.
LISTING_FACETS: dict[str, tuple[str, ...]] = {
    "testbed": ("kind", "area", "audience", "cost", "status"),
    "project": ("area", "status"),
    "contact": ("audience", "topic"),
    "unit": (),
    "opportunity": ("audience", "status"),
}

FACET_NAMES: dict[str, dict[str, str]] = {
    "type": {"sv": "Typ av post", "en": "Type of entry"},
    "kind": {"sv": "Typ av testbädd", "en": "Kind of testbed"},
    "area": {"sv": "Område", "en": "Area"},
    "audience": {"sv": "Vem kan använda", "en": "Who may use it"},
    "topic": {"sv": "Frågor", "en": "Topics"},
    "cost": {"sv": "Kostnad", "en": "Cost"},
    "status": {"sv": "Status", "en": "Status"},
    "unit": {"sv": "Enhet", "en": "Unit"},
    "language": {"sv": "Språk", "en": "Language"},
}


def field_value(item: Item, field: str) -> Any:
    """The value at a dotted field path such as `access.cost_model`, or None."""
    value: Any = item.data
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def entry_facets(item: Item) -> list[tuple[str, str]]:
    """(facet, code) pairs of one entry, its type first, each pair once."""
    pairs = [("type", item.kind)]
    for facet, field in FACET_FIELDS[item.kind].items():
        value = field_value(item, field)
        for code in value if isinstance(value, list) else [value]:
            if isinstance(code, str) and code and (facet, code) not in pairs:
                pairs.append((facet, code))
    return pairs


def facet_counts(items: Iterable[Item], facets: Iterable[str] = FACETS) -> dict[str, Counter[str]]:
    """How many of `items` have each code, per facet (facets in the given order, none left out)."""
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in facets}
    for item in items:
        for facet, code in entry_facets(item):
            if facet in counts:
                counts[facet][code] += 1
    return counts


def facet_field(kind: str, facet: str) -> str | None:
    """The field of entries of `kind` that holds `facet`'s codes (None for `type`)."""
    return FACET_FIELDS[kind].get(facet)
