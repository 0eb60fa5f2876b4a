"""The schemas themselves: valid JSON Schema, documented, and their examples pass their own rules."""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from innokatalog.schema import KINDS, SchemaSet, SchemaSetError

from .conftest import PROJECT

SCHEMA_FILES = sorted((PROJECT / "schema").glob("*.schema.json"))


def subschemas(schema: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object in a document, with a JSON pointer-like path for messages."""
    if isinstance(schema, dict):
        yield path, schema
        for key, value in schema.items():
            if key in ("properties", "$defs", "patternProperties"):
                for name, child in value.items():
                    yield from subschemas(child, f"{path}/{key}/{name}")
            elif key in ("items", "additionalProperties", "not", "if", "then", "else"):
                yield from subschemas(value, f"{path}/{key}")
            elif key in ("allOf", "anyOf", "oneOf", "prefixItems"):
                for index, child in enumerate(value):
                    yield from subschemas(child, f"{path}/{key}/{index}")


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_schema_is_valid_draft_2020_12(path: Path) -> None:
    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_example_passes_its_own_schema(path: Path, schema_set: SchemaSet) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    failing = []
    for where, schema in subschemas(document):
        if not schema.get("examples"):
            continue
        validator = Draft202012Validator(
            {"$ref": document["$id"] + where},  # the subschema in place, so its own `$ref`s resolve
            registry=schema_set.registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        for example in schema["examples"]:
            failing += [f"{where}: {example!r}: {error.message}" for error in validator.iter_errors(example)]
    assert not failing, "\n".join(failing)


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_title_and_description(kind: str, schema_set: SchemaSet) -> None:
    undocumented = [f.name for f in schema_set.fields(kind) if "title" not in f.schema or not f.description]
    assert not undocumented, f"{kind}: fields without title or description: {undocumented}"


def test_a_missing_schema_file_is_named(tmp_path: Path) -> None:
    for path in SCHEMA_FILES:
        if path.name != "contact.schema.json":
            (tmp_path / path.name).write_bytes(path.read_bytes())
    with pytest.raises(SchemaSetError, match=r"missing .*contact\.schema\.json"):
        SchemaSet(tmp_path)


def test_a_broken_schema_file_is_named_with_its_line(tmp_path: Path) -> None:
    for path in SCHEMA_FILES:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "unit.schema.json").write_text('{\n  "$id": "x",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(SchemaSetError, match=r"unit\.schema\.json:3:\d+: not valid JSON"):
        SchemaSet(tmp_path)


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_and_kind_is_explained_in_swedish(kind: str, schema_set: SchemaSet) -> None:
    missing = [
        f.name
        for f in schema_set.fields(kind)
        if not {"title", "description"} <= set(f.schema.get("x-sv", {}))
    ]
    assert not missing, f"{kind}: fields without a Swedish title and description (x-sv): {missing}"
    assert {"title", "description"} <= set(schema_set.document(kind).get("x-sv", {}))


# --- the quick validator must never pass what jsonschema rejects ------------------------------------

VALID_FIXTURES = Path(__file__).parent / "fixtures" / "valid" / "catalogue"


def fixture_entries() -> list[tuple[str, dict[str, Any]]]:
    from innokatalog.load import load_catalogue

    return [(entry.kind, entry.data) for entry in load_catalogue(VALID_FIXTURES).entries]


MUTATIONS: list[tuple[str, Any]] = [
    ("reviewed", "2026-02-30"),  # a date that does not exist (format)
    ("reviewed", "1.11.2026"),
    ("name", {"en": "English only"}),  # sv required
    ("name", "plain text"),
    ("summary", {"sv": ""}),
    ("id", "Not An Id"),
    ("links", [{"url": "http://example.org/", "text": {"sv": "x"}}]),  # https only
    ("tags", ["a", "a"]),
    ("featured", "yes"),
    ("areas", ["no-such-area"]),
    ("colour", "blue"),  # unknown field
]


@pytest.mark.parametrize(("field", "value"), MUTATIONS, ids=[f"{f}={v!r}" for f, v in MUTATIONS])
def test_quick_validator_agrees_with_jsonschema(schema_set: SchemaSet, field: str, value: Any) -> None:
    for kind, data in fixture_entries():
        changed = {**data, field: value}
        rejected_by_jsonschema = any(schema_set.validators[kind].iter_errors(changed))
        assert rejected_by_jsonschema, (kind, field, value)  # each mutation really is an error
        assert not schema_set.surely_valid(kind, changed), (kind, field, value)


def test_quick_validator_accepts_valid_entries(schema_set: SchemaSet) -> None:
    for kind, data in fixture_entries():
        assert schema_set.surely_valid(kind, data), kind
    for kind, data in fixture_entries():
        without = {k: v for k, v in data.items() if k != "id"}
        assert not schema_set.surely_valid(kind, without), kind


def test_the_schemas_travel_pickled_and_still_validate_and_resolve(schema_set: SchemaSet) -> None:
    """A preview sends them to its language workers; the parts that do not pickle are made again."""
    schema_set.validators  # noqa: B018 - compiled before the trip, as in a running preview
    copy = pickle.loads(pickle.dumps(schema_set))
    assert copy.documents == schema_set.documents
    for kind, data in fixture_entries():
        assert copy.fields(kind) == schema_set.fields(kind)
        assert copy.surely_valid(kind, data)
        assert list(copy.validators[kind].iter_errors({**data, "id": 5})), kind
    assert copy.labels("testbed", "status") == schema_set.labels("testbed", "status")


KIND_MUTATIONS: list[tuple[str, str, Any]] = [
    ("testbed", "status", "aktiv"),
    ("unit", "type", "committee-ish"),
    ("contact", "response_days", "fem"),
    ("contact", "channels", {"phone": "123"}),
    ("contact", "channels", {"email": "not an address"}),
    ("project", "period", {"start": "2017-02-30"}),
    ("project", "funding", {"funder": "Vinnova", "amount_sek": -5}),
]


@pytest.mark.parametrize(
    ("kind", "field", "value"), KIND_MUTATIONS, ids=[f"{k}.{f}" for k, f, _ in KIND_MUTATIONS]
)
def test_quick_validator_agrees_on_kind_fields(
    schema_set: SchemaSet, kind: str, field: str, value: Any
) -> None:
    data = next(d for k, d in fixture_entries() if k == kind)
    changed = {**data, field: value}
    assert any(schema_set.validators[kind].iter_errors(changed)), (kind, field, value)
    assert not schema_set.surely_valid(kind, changed), (kind, field, value)


@pytest.mark.parametrize(
    "path", [p for p in SCHEMA_FILES if p.name != "export.schema.json"], ids=lambda p: p.name
)
def test_fields_inside_fields_are_explained_in_swedish(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    missing = [
        where
        for where, schema in subschemas(document)
        if re.search(r"/properties/[^/]+$", where)
        and where.rsplit("/", 1)[1] not in ("sv", "en")  # the languages of a localised text
        and not {"title", "description"} <= set(schema.get("x-sv", {}))
    ]
    assert not missing, f"properties without a Swedish title and description (x-sv): {missing}"
