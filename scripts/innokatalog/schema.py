"""Schema: `schema/*.schema.json` → one compiled validator per kind, and the fields each kind has.

The schemas are the single source of truth for fields; the validator, the contributor reference
page and `catalogue new` all read them through this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

KINDS = ("unit", "testbed", "project", "contact", "opportunity")
# Files checked besides entries, each with its own schema when the folder has it (news posts' front matter).
FILE_KINDS = ("news",)
DEFS_FILE = "defs.schema.json"


@dataclass(frozen=True)
class Field:
    """One property of a kind, with the referenced definitions merged in."""

    name: str
    schema: dict[str, Any]
    required: bool

    @property
    def title(self) -> str:
        return self.schema.get("title", self.name)

    @property
    def description(self) -> str:
        return self.schema.get("description", "")

    def text(self, lang: str) -> tuple[str, str]:
        """Title and description in `lang`: English in the schema, Swedish under `x-sv`."""
        return localised_annotation(self.schema, lang, self.name)


def localised_annotation(schema: dict[str, Any], lang: str, fallback: str = "") -> tuple[str, str]:
    """A schema's title and description in `lang` (`sv` from `x-sv`, else the English ones)."""
    texts = schema.get("x-sv", {}) if lang == "sv" else {}
    return (
        texts.get("title") or schema.get("title", fallback),
        texts.get("description") or schema.get("description", ""),
    )


class SchemaSetError(ValueError):
    """The schema folder is incomplete or holds a file that is not a usable JSON Schema."""


class SchemaSet:
    """The project's schemas, loaded once: validators per kind and resolved field lists."""

    def __init__(self, schema_dir: Path) -> None:
        self.dir = schema_dir
        self.documents: dict[str, dict[str, Any]] = {}
        self._fields: dict[str, list[Field]] = {}
        for path in sorted(schema_dir.glob("*.schema.json")):
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as error:
                raise SchemaSetError(f"{path}: cannot be read ({error})") from None
            except json.JSONDecodeError as error:
                raise SchemaSetError(
                    f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
                ) from None
            if not isinstance(document, dict) or not isinstance(document.get("$id"), str):
                raise SchemaSetError(f'{path}: a schema must be a JSON object with an "$id"')
            self.documents[path.name] = document
        missing = [f"{k}.schema.json" for k in KINDS if f"{k}.schema.json" not in self.documents]
        if DEFS_FILE not in self.documents:
            missing.append(DEFS_FILE)
        if missing:
            raise SchemaSetError(f"schema files missing in {schema_dir}: {', '.join(missing)}")
        self.registry = _registry(self.documents)

    def __getstate__(self) -> dict[str, Any]:
        """The documents and resolved fields only: a preview sends the schemas to its language
        workers, and the registry and validators, which do not pickle, are made again there."""
        return {"dir": self.dir, "documents": self.documents, "_fields": self._fields}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.registry = _registry(self.documents)

    def document(self, kind: str) -> dict[str, Any]:
        return self.documents[f"{kind}.schema.json"]

    @property
    def checked_kinds(self) -> tuple[str, ...]:
        """The entry kinds, and the other kinds of file whose schema the folder holds."""
        return KINDS + tuple(k for k in FILE_KINDS if f"{k}.schema.json" in self.documents)

    @cached_property
    def validators(self) -> dict[str, Draft202012Validator]:
        return {
            kind: Draft202012Validator(
                self.document(kind),
                registry=self.registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
            for kind in self.checked_kinds
        }

    @cached_property
    def quick_validators(self) -> dict[str, Any]:
        """The same schemas compiled by jsonschema-rs, which only answers "valid or not".

        It checks a large catalogue's valid files dozens of times faster than jsonschema; the
        findings for a file it rejects still come from jsonschema, so their wording is the same.
        """
        registry = jsonschema_rs.Registry([(doc["$id"], doc) for doc in self.documents.values()])
        return {
            kind: jsonschema_rs.Draft202012Validator(
                self.document(kind), registry=registry, validate_formats=True
            )
            for kind in self.checked_kinds
        }

    def surely_valid(self, kind: str, data: Any) -> bool:
        """True when the quick validator accepts `data`; False means "ask jsonschema"."""
        try:
            return self.quick_validators[kind].is_valid(data)
        except (ValueError, TypeError, OverflowError):  # a value it cannot take: let jsonschema judge
            return False

    def resolve(self, schema: dict[str, Any], base_uri: str) -> tuple[dict[str, Any], str]:
        """Follow a `$ref` (keeping the referring node's own title/description over the target's)."""
        while "$ref" in schema:
            resolver = self.registry.resolver(base_uri=base_uri)
            resolved = resolver.lookup(schema["$ref"])
            target = resolved.contents
            base_uri = resolved.resolver._base_uri
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
            if "$ref" in target and "$ref" not in schema:
                schema["$ref"] = target["$ref"]
        return schema, base_uri

    def fields(self, kind: str) -> list[Field]:
        """Every top-level field of a kind, common ones first, in schema order (worked out once)."""
        if kind not in self._fields:
            self._fields[kind] = self._resolve_fields(kind)
        return list(self._fields[kind])

    def _resolve_fields(self, kind: str) -> list[Field]:
        document = self.document(kind)
        base_uri = document["$id"]
        common, common_uri = (
            self.resolve({"$ref": document["$ref"]}, base_uri) if "$ref" in document else ({}, base_uri)
        )
        required = set(document.get("required", []))
        properties = {name: (prop, common_uri) for name, prop in common.get("properties", {}).items()}
        properties.update((name, (prop, base_uri)) for name, prop in document.get("properties", {}).items())
        return [
            Field(name, self.resolve(prop, uri)[0], name in required)
            for name, (prop, uri) in properties.items()
        ]

    def field_names(self, kind: str) -> list[str]:
        return [f.name for f in self.fields(kind)]

    def labels(self, kind: str, field: str) -> dict[str, dict[str, str]]:
        """Human labels for an enum field (or an array of enums): value → {sv, en}."""
        for f in self.fields(kind):
            if f.name == field:
                schema = f.schema
                if schema.get("type") == "array":
                    schema = self.resolve(schema["items"], self.documents[DEFS_FILE]["$id"])[0]
                return schema.get("x-labels", {})
        raise KeyError(f"{kind} has no field {field!r}")


def _registry(documents: dict[str, dict[str, Any]]) -> Registry:
    """The schemas by their `$id`, so that `$ref`s between the files resolve."""
    return Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc, default_specification=DRAFT202012))
        for doc in documents.values()
    )


def default_schema_dir() -> Path:
    """`schema/` of the project the command runs in."""
    return Path.cwd() / "schema"
