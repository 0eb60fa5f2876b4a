"""Validate: loaded entries → findings (schema errors first, then what a schema cannot express)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from .findings import ERROR, WARNING, Finding, did_you_mean
from .listing import reserved_ids
from .load import Entry, JsonPath, LoadResult, format_path
from .model import KIND_PLURALS, REFERENCES
from .parallel import collection_paused, fork_map
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
_KIND_WORDS = {"news": "news post", "contact": "contact path"}
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


_DATE_SHAPE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./ -](\d{1,2})[./ -](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[./ ](\d{1,2})[./ ](\d{1,2})$")


def date_problem(value: Any, *, month_allowed: bool = False) -> str:
    """What is wrong with a date, in words: its form, or which part cannot exist (e.g. "month 13")."""
    form = "YYYY-MM or YYYY-MM-DD" if month_allowed else "YYYY-MM-DD"
    if not isinstance(value, str):
        return f"must be a date written {form} in quotes (got {_describe(value)})"
    match = _DATE_SHAPE.match(value.strip())
    if match is None:
        other = _DAY_FIRST.match(value.strip()) or _YEAR_FIRST.match(value.strip())
        if other is not None:
            first, second, third = other.groups()
            year, month, day = (third, second, first) if len(third) == 4 else (first, second, third)
            return (
                f"is written {value!r}; write dates as {form}, year first: "
                f"'{year}-{int(month):02d}-{int(day):02d}'"
            )
        return f"is {value!r}, which is not a date written {form} (such as '2026-11-15')"
    year, month, day = (int(part) if part else None for part in match.groups())
    if day is None and not month_allowed:
        return f"is {value!r}, a month without its day; write the whole date as YYYY-MM-DD"
    if not 1 <= month <= 12:
        return f"is {value!r}, but month {month:02d} does not exist: months are 01 to 12"
    if day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            leap = (
                f" ({year} is not a leap year)"
                if month == 2 and day == 29 and not calendar.isleap(year)
                else ""
            )
            return (
                f"is {value!r}, but {calendar.month_name[month]} {year} has {days} days{leap}, "
                f"so day {day:02d} does not exist"
            )
    return f"is {value!r}, which is not a date written {form}"


def _is_date_schema(schema: dict[str, Any]) -> bool:
    return schema.get("format") == "date" or schema.get("then", {}).get("format") == "date"


class _SchemaErrors:
    """Turns jsonschema errors into findings with positions and plain-language messages."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self.top_level = {kind: schemas.field_names(kind) for kind in schemas.validators}
        self.base = schemas.documents["defs.schema.json"]["$id"]

    def findings(self, entry: Entry) -> Iterator[Finding]:
        """One finding per mistake: a date both misshapen and impossible is reported once."""
        if self.schemas.surely_valid(entry.kind, entry.data):
            return
        dates_reported: set[str] = set()
        for error in schemas_errors(self.schemas, entry):
            if _one_of_required(error):
                yield from self._missing_alternatives(entry, error)
                continue
            if error.context:
                error = best_match(error.context)
            for finding in self._convert(entry, error):
                if finding.code == "date":
                    if finding.field in dates_reported:
                        continue
                    dates_reported.add(finding.field)
                yield finding

    def _resolved(self, schema: Any) -> dict[str, Any]:
        return self.schemas.resolve(schema, self.base)[0] if isinstance(schema, dict) else {}

    def what_to_write(self, name: str, schema: dict[str, Any]) -> str:
        """What a value of `schema` looks like, in words read from the schema itself."""
        schema = self._resolved(schema)
        kind_of = schema.get("type")
        field = name.rsplit(".", 1)[-1]
        if "enum" in schema:
            return f"write one of {', '.join(map(str, schema['enum']))}"
        if kind_of == "object":
            properties = list(schema.get("properties", {}))
            if set(properties) == {"sv", "en"}:
                return f"write it as 'sv:' and 'en:' lines indented below '{field}:'"
            required = set(schema.get("required", []))
            listed = ", ".join(f"{p} (required)" if p in required else p for p in properties)
            return f"write its fields on indented lines below '{field}:': {listed}"
        if kind_of == "array":
            items = self._resolved(schema.get("items", {}))
            if "enum" in items:
                return (
                    f"list one or more of {', '.join(map(str, items['enum']))}, "
                    f"each on its own line below '{field}:' starting with '- '"
                )
            return f"write each item on its own line below '{field}:' starting with '- '"
        if _is_date_schema(schema):
            return f"write {schema.get('x-hint', 'a date written YYYY-MM-DD')} in quotes"
        if "x-hint" in schema:
            return f"write {schema['x-hint']}"
        examples = [e for e in schema.get("examples", []) if isinstance(e, (str, int, float))]
        such_as = f", such as {examples[0]!r}" if examples else ""
        return f"write {_TYPE_WORDS.get(kind_of, 'a value')}{such_as}"

    def _missing_alternatives(self, entry: Entry, error: ValidationError) -> Iterator[Finding]:
        """`anyOf` of `required`s (such as compiled or confirmed): one finding naming every choice."""
        path: JsonPath = tuple(error.absolute_path)
        titles = {f.name: f.title for f in self.schemas.fields(entry.kind)} if not path else {}
        choices = [name for option in error.validator_value for name in option["required"]]
        named = " or ".join(
            f"'{format_path((*path, name))}'" + (f" ({titles[name]})" if name in titles else "")
            for name in choices
        )
        yield self._finding(
            entry, path, "required", f"{named} is required: add at least one", field=(*path, choices[0])
        )

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
                where = f"a {_KIND_WORDS.get(entry.kind, entry.kind)}" if not path else f"'{name}'"
                yield self._finding(
                    entry,
                    (*path, key),
                    "unknown-field",
                    f"'{key}' is not a field of {where}{did_you_mean(key, allowed)}",
                    key=True,
                )
            return
        if value is None and keyword in ("type", "enum"):
            message = f"'{name}' is empty: {self.what_to_write(name, schema)}, or remove the line"
            yield self._finding(entry, path, "empty-value", message)
            return
        if keyword in ("pattern", "format") and (_is_date_schema(schema) or error.validator_value == "date"):
            month_allowed = "month" in schema.get("x-hint", "")
            message = f"'{name}' {date_problem(value, month_allowed=month_allowed)}"
            yield self._finding(entry, path, "date", message)
            return
        if keyword == "enum":
            allowed = ", ".join(
                _describe(v) if isinstance(v, bool) else str(v) for v in error.validator_value
            )
            message = f"'{name}' must be one of {allowed} (got {_describe(value)})"
            if True in error.validator_value and isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
                message += ", which is text, not a boolean"
        elif keyword == "type":
            expected = (
                error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
            )
            message = f"'{name}' must be {' or '.join(_TYPE_WORDS.get(t, t) for t in expected)} (got {_describe(value)})"
            if "boolean" in expected and isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
                message += ", which is text, not a boolean"
            elif "object" in expected or "array" in expected:
                message += f": {self.what_to_write(name, schema)}"
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


def _one_of_required(error: ValidationError) -> bool:
    return error.validator == "anyOf" and all(
        isinstance(option, dict) and set(option) == {"required"} for option in error.validator_value
    )


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


def period_bound(text: Any, *, end: bool) -> dt.date | None:
    """A period value as a date: a month stands for its first day (start) or last day (end)."""
    if isinstance(text, str) and len(text) == 7:
        try:
            year, month = int(text[:4]), int(text[5:])
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day)
        except ValueError:
            return None
    return parse_date(text)


def status_may_be_outdated(data: dict[str, Any]) -> bool:
    """A planned or ongoing status that its source gave before the period ended, or without a date.

    Once the period is over, such a status no longer says where the project stands.
    """
    end = period_bound(_get(data, "period", "end"), end=True)
    recorded = data.get("status_recorded")
    if data.get("status") not in ("planned", "ongoing") or end is None or not isinstance(recorded, dict):
        return False
    recorded_on = period_bound(recorded.get("date"), end=True)
    return recorded_on is None or recorded_on < end


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
        # (kind, id) → "; did you mean ...": a renamed unit leaves many entries with one unknown id
        self._hints: dict[tuple[str, str], str] = {}

    def _finding(
        self, entry: Entry, path: JsonPath, severity: str, code: str, message: str, *, key: bool = False
    ) -> Finding:
        pos = entry.position_of(path, key=key)
        return Finding(entry.display_path, pos.line, pos.column, severity, code, message, format_path(path))

    def references(self, entry: Entry) -> Iterator[tuple[JsonPath, str, str]]:
        """Every (path, target kind, target id) an entry refers to."""
        for (name, is_list), kind in REFERENCES.items():
            value = entry.data.get(name)
            values = list(enumerate(value)) if is_list and isinstance(value, list) else [(None, value)]
            for index, target in values:
                if isinstance(target, str):
                    yield ((name,) if index is None else (name, index)), kind, target

    def entry_findings(self, entry: Entry) -> list[Finding]:
        """What one entry shows by itself, given the ids of all the others."""
        findings = list(self.identity(entry))
        for path, kind, target in self.references(entry):
            if target not in self.ids.get(kind, set()):
                if (kind, target) not in self._hints:
                    self._hints[kind, target] = did_you_mean(target, self.ids.get(kind, set()))
                hint = self._hints[kind, target]
                findings.append(
                    self._finding(
                        entry,
                        path,
                        ERROR,
                        "unknown-reference",
                        f"'{format_path(path)}' refers to {kind} '{target}', which does not exist{hint}",
                    )
                )
            elif kind == entry.kind and target == entry.id:
                findings.append(
                    self._finding(
                        entry,
                        path,
                        ERROR,
                        "self-reference",
                        f"'{format_path(path)}' refers to the entry itself",
                    )
                )
        findings.extend(self.dates(entry))
        self.english(entry, entry.data, (), findings)
        return findings

    def across_entries(self) -> Iterator[Finding]:
        """What only the whole catalogue shows: units in a circle, units and contact paths unused."""
        used = {(kind, target) for entry in self.entries for _, kind, target in self.references(entry)}
        yield from self.parent_cycles()
        for entry in self.entries:
            listed_under_parent = entry.kind == "unit" and isinstance(entry.data.get("parent"), str)
            if (
                entry.kind in ("unit", "contact")
                and (entry.kind, entry.id) not in used
                and not listed_under_parent
            ):
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
        if entry.id in reserved_ids(entry.kind):
            yield self._finding(
                entry,
                ("id",),
                ERROR,
                "id-reserved",
                f"'{entry.id}' cannot be the id of a {entry.kind}: the listing's own pages use that address "
                f"(below {KIND_PLURALS[entry.kind]}/{entry.id}/). Choose a longer id and rename the file",
            )
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
        for name, what in (("compiled", "compiled"), ("confirmed", "confirmed")):
            reviewed = parse_date(entry.data.get(name))
            if reviewed and reviewed > today:
                yield self._finding(
                    entry,
                    (name,),
                    ERROR,
                    "reviewed-future",
                    f"'{name}' is {reviewed}, after today ({today}): use the date the entry was {what}",
                )
        # Only the owning unit's confirmation counts: a compiled entry was never confirmed, so it is
        # not "stale"; its page says it is taken from public documents.
        confirmed = parse_date(entry.data.get("confirmed"))
        if (
            confirmed
            and confirmed <= today
            and months_between(confirmed, today) >= self.options.stale_after_months
        ):
            yield self._finding(
                entry,
                ("confirmed",),
                WARNING,
                "stale",
                f"last confirmed by the owning unit on {confirmed}, {self.options.stale_after_months} or more months ago: ask the unit to check the entry and update 'confirmed'",
            )
        start = period_bound(_get(entry.data, "period", "start"), end=False)
        end = period_bound(_get(entry.data, "period", "end"), end=True)
        if start and end and end < start:
            yield self._finding(
                entry,
                ("period", "end"),
                ERROR,
                "period-order",
                f"'period.end' ({entry.data['period']['end']}) is before 'period.start' ({entry.data['period']['start']})",
            )
        status = entry.data.get("status") if entry.kind == "project" else None
        if status and end and end < today and status_may_be_outdated(entry.data):
            recorded_text = _get(entry.data, "status_recorded", "date")
            period_end = entry.data["period"]["end"]
            if recorded_text:
                why = f"was recorded on {recorded_text}, before the period ended ({period_end})"
            else:
                why = f"was recorded without a date, and the period has ended ({period_end})"
            yield self._finding(
                entry,
                ("status_recorded",),
                WARNING,
                "status-outdated",
                f"the status '{status}' {why}: it may be out of date. Ask the owning unit or the funder "
                "for the current status, then update 'status' and 'status_recorded'",
                key=True,
            )
        elif status == "completed" and end and end > today:
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

    def english(self, entry: Entry, value: Any, path: JsonPath, findings: list[Finding]) -> None:
        """Add a warning for each text in Swedish only (a mapping with 'sv:' and no 'en:')."""
        if isinstance(value, dict):
            if len(value) == 1 and "sv" in value:
                findings.append(
                    self._finding(
                        entry,
                        path,
                        WARNING,
                        "missing-english",
                        f"'{format_path(path)}' has no English text: add 'en:'",
                    )
                )
            children = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            return
        for key, child in children:
            if isinstance(child, (dict, list)):
                self.english(entry, child, (*path, key), findings)


@collection_paused()
def validate(loaded: LoadResult, schemas: SchemaSet, options: Options | None = None) -> list[Finding]:
    """All findings for a loaded catalogue: loading, schema and cross-entry checks.

    Each entry's own checks run on all cores when there is enough to do (many entries that
    jsonschema must explain); the findings come in the order of one core: loading, then the
    schema's for every entry, then the other checks for every entry, then those across entries.
    """
    converter = _SchemaErrors(schemas)
    checks = _CatalogueChecks(loaded.entries, options or Options())
    schemas.quick_validators  # noqa: B018 - compiled here once, not in every worker

    def entry_findings(entry: Entry) -> tuple[list[Finding], list[Finding]]:
        return list(converter.findings(entry)), checks.entry_findings(entry)

    per_entry = fork_map(entry_findings, loaded.entries)
    findings = list(loaded.findings)
    for schema_findings, _ in per_entry:
        findings.extend(schema_findings)
    for _, entry_check_findings in per_entry:
        findings.extend(entry_check_findings)
    findings.extend(checks.across_entries())
    return findings
