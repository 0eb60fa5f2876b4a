"""Scaffold: a kind's schema → the questions for a new entry, and the entry file with hints.

Prompts, allowed values and examples come from the schema's `title`, `enum`, `examples` and
`description`, so `catalogue new` never drifts from the fields it writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding
from .load import Entry, JsonPath, format_path
from .model import KIND_PLURALS, REFERENCES
from .schema import SchemaSet
from .validate import _SchemaErrors

PLURALS = KIND_PLURALS


@dataclass(frozen=True)
class Question:
    """One answer the new entry needs, with what the schema says about it."""

    path: JsonPath
    title: str
    description: str
    choices: tuple[str, ...] = ()
    example: str = ""
    value_type: str = "string"
    many: bool = False
    optional: bool = False
    refers_to: str | None = None

    @property
    def key(self) -> str:
        return format_path(self.path)


def _example(schema: dict[str, Any]) -> str:
    examples = schema.get("examples") or []
    return str(examples[0]) if examples and not isinstance(examples[0], (dict, list)) else ""


def questions(kind: str, schemas: SchemaSet) -> list[Question]:
    """The questions for every required field of `kind`, in schema order, `id` first, sources last."""
    references = {name: target for (name, _), target in REFERENCES.items()}
    base = schemas.documents["defs.schema.json"]["$id"]
    found: list[Question] = []

    def expand(
        schema: dict[str, Any], path: JsonPath, title: str, optional: bool = False
    ) -> Iterator[Question]:
        schema, _ = schemas.resolve(schema, base)
        title = title or schema.get("title", "")
        description = schema.get("description", "")
        kind_of = schema.get("type")
        properties = schema.get("properties", {})
        if kind_of == "object" and "sv" in properties:
            yield Question(
                (*path, "sv"), f"{title} (svenska)", description, example=_example(schema), optional=optional
            )
            yield Question((*path, "en"), f"{title} (English)", description, optional=True)
        elif kind_of == "object":
            names = schema.get("required") or list(properties)[:1]
            for name in names:
                sub, _ = schemas.resolve(properties[name], base)
                yield from expand(sub, (*path, name), sub.get("title", name), optional)
        elif kind_of == "array":
            items, _ = schemas.resolve(schema.get("items", {}), base)
            if "enum" in items:
                yield Question(
                    path,
                    title,
                    description,
                    tuple(items["enum"]),
                    value_type="string",
                    many=True,
                    optional=optional,
                )
            else:
                yield from expand(items, (*path, 0), title, optional)
        else:
            refers_to = references.get(path[0]) if len(path) == 1 else None
            yield Question(
                path,
                title,
                description,
                tuple(schema.get("enum", ())),
                "" if refers_to else _example(schema),
                value_type=kind_of or "string",
                optional=optional,
                refers_to=refers_to,
            )

    for field in schemas.fields(kind):
        if field.required:
            found.extend(expand(field.schema, (field.name,), field.title))
    found.sort(key=lambda q: (q.path[0] != "id", q.path[0] == "sources"))  # sources last
    return found


def set_value(data: dict[str, Any], path: JsonPath, value: Any) -> None:
    """Put `value` at `path`, creating mappings and one-item lists on the way."""
    node: Any = data
    for part, following in zip(path, path[1:], strict=False):
        if isinstance(node, list):
            while len(node) <= part:
                node.append({} if isinstance(following, str) else [])
            node = node[part]
        else:
            node = node.setdefault(part, [] if isinstance(following, int) else {})
    last = path[-1]
    if isinstance(node, list):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def parse_answer(question: Question, text: str) -> Any:
    """The typed value of a typed-in answer (lists comma-separated)."""
    text = text.strip()
    if question.many:
        return [part.strip() for part in text.split(",") if part.strip()]
    if question.value_type == "integer":
        try:
            return int(text)
        except ValueError:
            return text
    if question.value_type == "boolean":
        return text.lower() in ("true", "yes", "ja", "y", "j")
    return text


def answer_problems(
    kind: str, data: dict[str, Any], question: Question, schemas: SchemaSet, known_ids: dict[str, set[str]]
) -> list[str]:
    """What is wrong with the answer to `question` in the partly filled `data` (empty if fine)."""
    if question.path == ("id",) and data.get("id") in known_ids.get(kind, set()):
        return [f"a {kind} with the id '{data['id']}' already exists: choose another id"]
    value = data.get(question.path[0])
    if (
        question.refers_to
        and isinstance(value, str)
        and value not in known_ids.get(question.refers_to, set())
    ):
        known = ", ".join(sorted(known_ids.get(question.refers_to, set()))) or "none yet"
        return [f"there is no {question.refers_to} '{value}' (known: {known})"]
    entry = Entry(kind, str(data.get("id", "new")), Path("new.yml"), data)
    problems = []
    for finding in _SchemaErrors(schemas).findings(entry):
        inside = (
            finding.field == question.key
            or finding.field.startswith(question.key + ".")
            or (finding.field.startswith(question.key + "["))
        )
        if inside and finding.code != "required":
            problems.append(finding.message)
    return problems


HINTS_HEADING = (
    "# Optional fields. To use one, remove the '# ' at the start of each of its lines and write the\n"
    "# values after the colons; leave out the lines you do not need. Validating names what is missing."
)


def entry_text(kind: str, data: dict[str, Any], schemas: SchemaSet) -> str:
    """The YAML file: a schema comment for editors, the answers, and optional fields as hints.

    Each optional field is written as a commented-out block in its real shape (its fields, or a
    list item), with what to write in a comment, so uncommenting it gives valid YAML whose empty
    values the validator names one by one.
    """
    lines = [f"# yaml-language-server: $schema=../../schema/{kind}.schema.json"]
    lines.append(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100).rstrip())
    hints = [f for f in schemas.fields(kind) if not f.required and f.name not in data]
    if hints:
        lines += ["", HINTS_HEADING]
        base = schemas.documents["defs.schema.json"]["$id"]
        for field in hints:
            summary = f"{field.title}: {field.description}".strip()
            block = _skeleton(field.name, field.schema, 0, schemas, base, summary)
            lines += [f"# {line}" for line in block]
    return "\n".join(lines) + "\n"


def _what(schema: dict[str, Any]) -> str:
    """A short note of what a value is: its allowed values, its form, or an example."""
    if "enum" in schema:
        return f"one of: {', '.join(map(str, schema['enum']))}"
    if schema.get("type") == "boolean":
        return "true or false"
    example = _example(schema)
    return schema.get("x-hint") or (f"such as {example}" if example else "")


def _skeleton(
    name: str, schema: dict[str, Any], indent: int, schemas: SchemaSet, base: str, note: str = ""
) -> list[str]:
    """`name:` and, below it, the shape of its value: its fields, or one list item."""
    schema, _ = schemas.resolve(schema, base)
    pad = " " * indent
    kind_of = schema.get("type")
    comment = note or (schema.get("title", "") if name not in ("sv", "en") else "")
    what = _what(schema) if kind_of not in ("object", "array") else ""
    if what:
        comment = f"{comment} ({what})" if comment else what
    lines = [f"{pad}{name}:" + (f"  # {comment}" if comment else "")]
    if kind_of == "object":
        for child, sub in schema.get("properties", {}).items():
            lines += _skeleton(child, sub, indent + 2, schemas, base)
    elif kind_of == "array":
        items, _ = schemas.resolve(schema.get("items", {}), base)
        if items.get("type") == "object":
            item_lines = [
                line
                for child, sub in items.get("properties", {}).items()
                for line in _skeleton(child, sub, indent + 4, schemas, base)
            ]
            if item_lines:
                item_lines[0] = f"{pad}  - {item_lines[0].lstrip()}"
            lines += item_lines
        else:
            item_what = _what(items)
            lines.append(f"{pad}  -" + (f"  # {item_what}; one item a line" if item_what else ""))
    return lines


def write_entry(catalogue_dir: Path, kind: str, text: str, entry_id: str) -> Path:
    """Write the new file, refusing to overwrite an existing entry."""
    path = catalogue_dir / PLURALS[kind] / f"{entry_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def defaults(kind: str) -> dict[JsonPath, Any]:
    """Answers that need no question: today as the date the entry was compiled from its sources.

    `confirmed` is left for the owning unit to add when it has checked the entry.
    """
    return {("compiled",): dt.date.today().isoformat()}


def check_written(path: Path, kind: str, schemas: SchemaSet) -> list[Finding]:
    """Findings for the written file alone (schema only; references were checked while asking)."""
    from .load import load_file

    entry, findings = load_file(path, kind)
    if entry is not None:
        findings = [*findings, *_SchemaErrors(schemas).findings(entry)]
    return findings
