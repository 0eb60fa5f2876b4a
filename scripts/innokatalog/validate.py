"""Validate: loaded entries → findings (schema errors first, then what a schema cannot express)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from .findings import ERROR, WARNING, Finding, did_you_mean
from .load import Entry, JsonPath, LoadResult, format_path
from .model import REFERENCES
from .parallel import fork_map
from .schema import SchemaSet

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


@dataclass
class Options:
    """What the caller may change about the checks."""

    today: dt.date = field(default_factory=dt.date.today)
    stale_after_months: int = 12


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value) if isinstance(value, str) else f"{type(value).__name__} {value}"


class _SchemaErrors:
    """Turns jsonschema errors into findings with positions and plain-language messages."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self.top_level = {kind: schemas.field_names(kind) for kind in schemas.validators}

    def findings(self, entry: Entry) -> Iterator[Finding]:
        if self.schemas.surely_valid(entry.kind, entry.data):
            return
        for error in schemas_errors(self.schemas, entry):
            if error.context:
                error = best_match(error.context)
            yield from self._convert(entry, error)

    def _finding(
        self,
        entry: Entry,
        path: JsonPath,
        code: str,
        message: str,
        *,
        key: bool = False,
        field: JsonPath | None = None,
    ) -> Finding:
        """A finding at `path`'s position, about `field` (default: `path` itself)."""
        pos = entry.position_of(path, key=key)
        field_name = format_path(path if field is None else field)
        return Finding(entry.display_path, pos.line, pos.column, ERROR, code, message, field_name)

    def _convert(self, entry: Entry, error: ValidationError) -> Iterator[Finding]:
        path: JsonPath = tuple(error.absolute_path)
        name = format_path(path) or "the entry"
        keyword, value, schema = error.validator, error.instance, error.schema
        if keyword == "required":
            for missing in (p for p in error.validator_value if isinstance(value, dict) and p not in value):
                title = schema.get("properties", {}).get(missing, {}).get("title")
                if not path and entry.kind in self.top_level:
                    title = next(
                        (f.title for f in self.schemas.fields(entry.kind) if f.name == missing), title
                    )
                what = f" ({title})" if title else ""
                yield self._finding(
                    entry,
                    path,  # a missing field has no position: point at the mapping it belongs in
                    "required",
                    f"'{format_path((*path, missing))}' is required{what}: add it",
                    field=(*path, missing),
                )
            return
        if keyword in ("additionalProperties", "unevaluatedProperties"):
            allowed = self.top_level[entry.kind] if not path else list(schema.get("properties", {}))
            for key in (k for k in value if k not in allowed):
                where = f"a {entry.kind}" if not path else f"'{name}'"
                yield self._finding(
                    entry,
                    (*path, key),
                    "unknown-field",
                    f"'{key}' is not a field of {where}{did_you_mean(key, allowed)}",
                    key=True,
                )
            return
        if keyword == "enum":
            message = f"'{name}' must be one of {', '.join(map(str, error.validator_value))} (got {_describe(value)})"
        elif keyword == "type":
            expected = (
                error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
            )
            message = f"'{name}' must be {' or '.join(_TYPE_WORDS.get(t, t) for t in expected)} (got {_describe(value)})"
            if "boolean" in expected and isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
                message += ", which is text, not a boolean"
            elif "object" in expected and isinstance(value, str) and "sv" in schema.get("properties", {}):
                message += "; write it as 'sv:' and 'en:' lines below the field"
        elif keyword == "pattern":
            message = f"'{name}' must be {schema.get('x-hint', 'in the form ' + error.validator_value)} (got {_describe(value)})"
        elif keyword == "format":
            hint = schema.get("x-hint", f"a valid {error.validator_value}")
            message = f"'{name}' is not {hint} (got {_describe(value)})"
        elif keyword == "minLength":
            message = (
                f"'{name}' must not be empty"
                if error.validator_value == 1
                else (f"'{name}' must be at least {error.validator_value} characters")
            )
        elif keyword == "maxLength":
            message = f"'{name}' is {len(value)} characters; at most {error.validator_value} are allowed: shorten it"
        elif keyword in ("minimum", "maximum"):
            bound = "at least" if keyword == "minimum" else "at most"
            message = f"'{name}' must be {bound} {error.validator_value} (got {_describe(value)})"
        elif keyword == "minItems":
            message = f"'{name}' needs at least {error.validator_value} item{'s' if error.validator_value > 1 else ''}"
        elif keyword == "uniqueItems":
            message = f"'{name}' lists the same value more than once: remove the repeat"
        elif keyword == "minProperties":
            message = f"'{name}' needs at least one of: {', '.join(schema.get('properties', {}))}"
        else:
            message = f"'{name}': {error.message}"
        yield self._finding(entry, path, keyword, message)


def schemas_errors(schemas: SchemaSet, entry: Entry) -> Iterator[ValidationError]:
    return schemas.validators[entry.kind].iter_errors(entry.data)


def _get(data: Any, *path: str) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def parse_date(text: Any) -> dt.date | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _period_bound(text: Any, *, end: bool) -> dt.date | None:
    """A period value as a date: a month stands for its first day (start) or last day (end)."""
    if isinstance(text, str) and len(text) == 7:
        try:
            year, month = int(text[:4]), int(text[5:])
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day)
        except ValueError:
            return None
    return parse_date(text)


def months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


class _CatalogueChecks:
    """Checks across entries and against the calendar, which JSON Schema cannot express."""

    def __init__(self, entries: list[Entry], options: Options) -> None:
        self.entries = entries
        self.options = options
        self.ids: dict[str, set[str]] = {}
        for entry in entries:
            self.ids.setdefault(entry.kind, set()).add(entry.id)

    def _finding(self, entry: Entry, path: JsonPath, severity: str, code: str, message: str) -> Finding:
        pos = entry.position_of(path)
        return Finding(entry.display_path, pos.line, pos.column, severity, code, message, format_path(path))

    def references(self, entry: Entry) -> Iterator[tuple[JsonPath, str, str]]:
        """Every (path, target kind, target id) an entry refers to."""
        for (name, is_list), kind in REFERENCES.items():
            value = entry.data.get(name)
            values = list(enumerate(value)) if is_list and isinstance(value, list) else [(None, value)]
            for index, target in values:
                if isinstance(target, str):
                    yield ((name,) if index is None else (name, index)), kind, target

    def run(self) -> Iterator[Finding]:
        used: set[tuple[str, str]] = set()
        for entry in self.entries:
            yield from self.identity(entry)
            for path, kind, target in self.references(entry):
                used.add((kind, target))
                if target not in self.ids.get(kind, set()):
                    hint = did_you_mean(target, self.ids.get(kind, set()))
                    yield self._finding(
                        entry,
                        path,
                        ERROR,
                        "unknown-reference",
                        f"'{format_path(path)}' refers to {kind} '{target}', which does not exist{hint}",
                    )
                elif kind == entry.kind and target == entry.id:
                    yield self._finding(
                        entry,
                        path,
                        ERROR,
                        "self-reference",
                        f"'{format_path(path)}' refers to the entry itself",
                    )
            yield from self.dates(entry)
            yield from self.english(entry, entry.data, ())
        yield from self.parent_cycles()
        for entry in self.entries:
            if entry.kind in ("unit", "contact") and (entry.kind, entry.id) not in used:
                what = (
                    "no entry names it as 'unit', 'parent' or 'partners'"
                    if entry.kind == "unit"
                    else "no entry names it as 'contact'"
                )
                yield self._finding(
                    entry, ("id",), WARNING, "unused", f"this {entry.kind} is not used: {what}"
                )

    def parent_cycles(self) -> Iterator[Finding]:
        """Units whose `parent` chain leads back to themselves: the organisation has no top."""
        units = {e.id: e for e in self.entries if e.kind == "unit"}
        reported: set[str] = set()
        for start in units:
            chain = [start]
            while isinstance(parent := units[chain[-1]].data.get("parent"), str) and parent in units:
                if parent in chain:
                    cycle = chain[chain.index(parent) :]
                    if len(cycle) > 1 and not reported & set(cycle):  # one alone is a self-reference
                        reported |= set(cycle)
                        loop = " → ".join([*cycle, parent])
                        yield self._finding(
                            units[parent],
                            ("parent",),
                            ERROR,
                            "parent-cycle",
                            f"'parent' goes round in a circle ({loop}): one of these units must have no parent",
                        )
                    break
                chain.append(parent)

    def identity(self, entry: Entry) -> Iterator[Finding]:
        declared = entry.data.get("id")
        if isinstance(declared, str) and declared != entry.id:
            yield self._finding(
                entry,
                ("id",),
                ERROR,
                "id-mismatch",
                f"'id' is '{declared}' but the file is named '{entry.id}.yml': make them the same",
            )
        previous = entry.data.get("previous_ids")
        for index, old in enumerate(previous if isinstance(previous, list) else []):
            if old in self.ids.get(entry.kind, set()):
                yield self._finding(
                    entry,
                    ("previous_ids", index),
                    ERROR,
                    "id-conflict",
                    f"'{old}' is listed as a previous id but another {entry.kind} has that id now",
                )

    def dates(self, entry: Entry) -> Iterator[Finding]:
        today = self.options.today
        reviewed = parse_date(entry.data.get("reviewed"))
        if reviewed and reviewed > today:
            yield self._finding(
                entry,
                ("reviewed",),
                ERROR,
                "reviewed-future",
                f"'reviewed' is {reviewed}, after today ({today}): use the date the entry was checked",
            )
        elif reviewed and months_between(reviewed, today) >= self.options.stale_after_months:
            yield self._finding(
                entry,
                ("reviewed",),
                WARNING,
                "stale",
                f"last reviewed {reviewed}, {self.options.stale_after_months} or more months ago: check the entry with its owner and update 'reviewed'",
            )
        start = _period_bound(_get(entry.data, "period", "start"), end=False)
        end = _period_bound(_get(entry.data, "period", "end"), end=True)
        if start and end and end < start:
            yield self._finding(
                entry,
                ("period", "end"),
                ERROR,
                "period-order",
                f"'period.end' ({entry.data['period']['end']}) is before 'period.start' ({entry.data['period']['start']})",
            )
        status = entry.data.get("status") if entry.kind == "project" else None
        if status == "completed" and end and end > today:
            yield self._finding(
                entry,
                ("status",),
                WARNING,
                "status-dates",
                "the status is 'completed' but 'period.end' is in the future",
            )
        elif status == "ongoing" and end and end < today:
            yield self._finding(
                entry,
                ("status",),
                WARNING,
                "status-dates",
                "the status is 'ongoing' but 'period.end' has passed: update the status or the period",
            )
        elif status == "planned" and start and start <= today:
            yield self._finding(
                entry,
                ("status",),
                WARNING,
                "status-dates",
                "the status is 'planned' but 'period.start' has passed: update the status or the period",
            )

    def english(self, entry: Entry, value: Any, path: JsonPath) -> Iterator[Finding]:
        if isinstance(value, dict):
            if "sv" in value and set(value) <= {"sv", "en"} and "en" not in value:
                yield self._finding(
                    entry,
                    path,
                    WARNING,
                    "missing-english",
                    f"'{format_path(path)}' has no English text: add 'en:'",
                )
            for key, child in value.items():
                yield from self.english(entry, child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                yield from self.english(entry, child, (*path, index))


def validate(loaded: LoadResult, schemas: SchemaSet, options: Options | None = None) -> list[Finding]:
    """All findings for a loaded catalogue: loading, schema and cross-entry checks."""
    options = options or Options()
    converter = _SchemaErrors(schemas)
    findings = list(loaded.findings)
    for entry_findings in fork_map(lambda entry: list(converter.findings(entry)), loaded.entries):
        findings.extend(entry_findings)
    findings.extend(_CatalogueChecks(loaded.entries, options).run())
    return findings
