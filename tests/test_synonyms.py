"""Search aliases: the shipped synonyms file is well formed and names real codes; entries get the
aliases of the groups they match, and the parts of their compound tags."""

from __future__ import annotations

import pytest

from innokatalog.facets import FACET_FIELDS
from innokatalog.model import Item
from innokatalog.synonyms import parse_synonyms, shipped_synonyms

from .mini import mini_catalogue, schemas


def known_codes() -> dict[str, set[str]]:
    """Every code a facet can have, from the schemas (and the kinds of entry for `type`)."""
    schema_set = schemas()
    codes: dict[str, set[str]] = {"type": set(FACET_FIELDS)}
    for kind, fields in FACET_FIELDS.items():
        for facet, field in fields.items():
            top, _, sub = field.partition(".")
            if top in ("unit", "languages"):
                continue
            schema = next(f for f in schema_set.fields(kind) if f.name == top).schema
            schema = schema["properties"][sub] if sub else schema
            labels = schema.get("x-labels") or schema_set.labels(kind, field)
            codes.setdefault(facet, set()).update(labels)
    return codes


def test_the_shipped_synonyms_name_only_real_codes() -> None:
    synonyms = shipped_synonyms()
    assert synonyms.groups and synonyms.compounds
    codes = known_codes()
    for group in synonyms.groups:
        for facet, code in group.facets:
            assert code in codes[facet], f"synonyms.yml: {facet} has no code {code!r}"


def test_a_health_care_entry_is_found_by_e_health_and_digital_health() -> None:
    testbed = mini_catalogue().find("testbed", "t1")
    assert "health-care" in testbed.get("areas")
    words = shipped_synonyms().words_for(testbed)
    for alias in ("e-hälsa", "e-health", "digital health", "digital vård"):
        assert alias in words


def test_tags_bring_their_group_and_their_parts() -> None:
    item = Item("contact", "x", {"tags": ["Patientdata", "öppna data"], "audiences": [], "topics": []})
    words = shipped_synonyms().words_for(item)
    assert "patient" in words and "data" in words, "a compound tag is found by its parts"
    assert "open data" in words, "a tag that is one of a group's words brings the group"
    assert "öppna data" not in words, "a tag is indexed once, as a tag"


def test_an_entry_matching_nothing_gets_no_aliases() -> None:
    item = Item("unit", "x", {"type": "office", "areas": ["education"]})
    assert shipped_synonyms().words_for(item) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "top level"),
        ({"groups": [{"facets": {"area": ["health-care"]}}]}, "group 1 needs `words`"),
        ({"groups": [{"words": ["x"], "facets": {"colour": ["red"]}}]}, "unknown facets"),
        ({"compounds": {"patientdata": "patient data"}}, "list of its parts"),
    ],
)
def test_a_malformed_synonyms_file_is_refused_with_what_is_wrong(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_synonyms(data)
