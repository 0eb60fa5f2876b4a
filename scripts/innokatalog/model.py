"""Model: valid entries → the catalogue, with every relation resolved both ways."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .load import Entry

KIND_PLURALS: dict[str, str] = {
    "unit": "units",
    "testbed": "testbeds",
    "project": "projects",
    "contact": "contacts",
    "opportunity": "opportunities",
}

# Which fields refer to which kind: (field, is a list) → kind.
REFERENCES: dict[tuple[str, bool], str] = {
    ("unit", False): "unit",
    ("contact", False): "contact",
    ("parent", False): "unit",
    ("partners", True): "unit",
    ("testbeds", True): "testbed",
}


@dataclass
class Item:
    """One entry in the catalogue, with its data and what refers to it."""

    kind: str
    id: str
    data: dict[str, Any]
    referred_by: dict[str, list[Item]] = field(default_factory=lambda: defaultdict(list))

    @property
    def url(self) -> str:
        """Path of the entry's page below the language root, such as `testbeds/openlab/`."""
        return f"{KIND_PLURALS[self.kind]}/{self.id}/"

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def __hash__(self) -> int:
        return hash((self.kind, self.id))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Item) and (self.kind, self.id) == (other.kind, other.id)


class Catalogue:
    """All entries by kind and id; `links_from` and `referred_by` give relations in both directions."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.items: dict[str, dict[str, Item]] = {kind: {} for kind in KIND_PLURALS}
        for entry in sorted(entries, key=lambda e: (e.kind, e.id)):
            self.items[entry.kind][entry.id] = Item(entry.kind, entry.id, entry.data)
        for item in self.all():
            for relation, target in self.links_from(item):
                target.referred_by[relation].append(item)

    def all(self) -> list[Item]:
        return [item for kind in KIND_PLURALS for item in self.items[kind].values()]

    def of_kind(self, kind: str) -> list[Item]:
        return list(self.items[kind].values())

    def find(self, kind: str, item_id: Any) -> Item | None:
        return self.items[kind].get(item_id) if isinstance(item_id, str) else None

    def links_from(self, item: Item) -> list[tuple[str, Item]]:
        """(relation, target) for each reference an entry makes, such as ('unit', <unit>)."""
        found = []
        for (name, is_list), kind in REFERENCES.items():
            value = item.get(name)
            for target_id in value if is_list and isinstance(value, list) else [value]:
                target = self.find(kind, target_id)
                if target is not None:
                    found.append((name, target))
        return found

    def related(self, item: Item, relation: str, kind: str | None = None) -> list[Item]:
        """Entries that refer to `item` through `relation`, optionally of one kind, by id."""
        found = item.referred_by.get(relation, [])
        return [other for other in found if kind is None or other.kind == kind]

    def unit_of(self, item: Item) -> Item | None:
        return self.find("unit", item.get("unit"))

    def contact_of(self, item: Item) -> Item | None:
        return self.find("contact", item.get("contact"))
