"""Load: catalogue files → entries as plain data with the position of every key and value.

YAML is read as an event stream from libyaml and built into plain Python data here, so that
every value keeps its line and column, and so that YAML's surprises become findings instead of
silent changes: scalars resolve by YAML 1.2's core rules (``no`` stays text, ``2017-02-01`` stays
text, ``010`` is refused as ambiguous), duplicate keys, anchors, aliases and tags are refused.
"""

from __future__ import annotations

import marshal
import os
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .findings import ERROR, WARNING, Finding, did_you_mean, display_file_path, display_path
from .parallel import collection_paused, fork_map

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

KIND_FOLDERS: dict[str, str] = {
    "units": "unit",
    "testbeds": "testbed",
    "projects": "project",
    "contacts": "contact",
    "opportunities": "opportunity",
}
MAX_FILE_BYTES = 256 * 1024
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

JsonPath = tuple[str | int, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")
_OCTAL = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_DISCARDED = "\x00duplicate"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class Position(NamedTuple):
    """1-based line and column (a tuple: hundreds of thousands are made for a large catalogue)."""

    line: int
    column: int


Positions = dict[JsonPath, tuple[int, int]]
_COLUMN_BITS = 20  # a line or column number of a file within MAX_FILE_BYTES fits in 20 bits


def _unpack(packed: int) -> tuple[int, int]:
    """The 1-based line and column of a mark packed as `line << _COLUMN_BITS | column` (0-based)."""
    return (packed >> _COLUMN_BITS) + 1, (packed & ((1 << _COLUMN_BITS) - 1)) + 1


class Trail(NamedTuple):
    """Where every node of a file stands, in the compact form a worker process sends back.

    `marks` holds one packed line and column per node (collection, key or value) in the order
    the file gives them; `skips` leads from the mark of a duplicate key, whose value is not kept,
    to the mark after that value. `unfold` pairs them with the data, by path.
    """

    marks: Sequence[int]
    skips: dict[int, int]

    def unfold(self, data: Any, start: int = 0, path: JsonPath = ()) -> tuple[Positions, Positions]:
        """Positions of the values and of the keys in `data`, whose first node has mark `start`."""
        marks, skips = self.marks, self.skips
        positions: Positions = {}
        keys: Positions = {}
        index = start
        todo: list[tuple[Any, JsonPath, bool]] = [(data, path, False)]  # no recursion: depth is the file's
        while todo:
            value, path, keyed = todo.pop()
            while index in skips:
                index = skips[index]
            if keyed:
                keys[path] = _unpack(marks[index])
                index += 1
            positions[path] = _unpack(marks[index])
            index += 1
            if isinstance(value, dict):
                todo.extend((child, (*path, key), True) for key, child in reversed(value.items()))
            elif isinstance(value, list):
                todo.extend((value[n], (*path, n), False) for n in range(len(value) - 1, -1, -1))
        return positions, keys


class Entry:
    """One catalogue file: its kind, id (from the file name), data, and where each value stands.

    Positions are given by path, or as a `Trail` unfolded the first time one is asked for: most
    entries of a large catalogue have no finding, so theirs never are.
    """

    __slots__ = ("kind", "id", "path", "data", "_positions", "_key_positions", "_trail")

    def __init__(
        self,
        kind: str,
        id: str,  # noqa: A002 - the entry's id
        path: Path,
        data: dict[str, Any],
        positions: Positions | None = None,
        key_positions: Positions | None = None,
        *,
        trail: Trail | None = None,
    ) -> None:
        self.kind, self.id, self.path, self.data = kind, id, path, data
        self._positions = positions if positions is not None else {}
        self._key_positions = key_positions if key_positions is not None else {}
        self._trail = trail

    def _unfolded(self) -> None:
        if self._trail is not None:
            self._positions, self._key_positions = self._trail.unfold(self.data)
            self._trail = None

    @property
    def positions(self) -> Positions:
        self._unfolded()
        return self._positions

    @property
    def key_positions(self) -> Positions:
        self._unfolded()
        return self._key_positions

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entry):
            return NotImplemented
        return (self.kind, self.id, self.path, self.data, self.positions, self.key_positions) == (
            other.kind,
            other.id,
            other.path,
            other.data,
            other.positions,
            other.key_positions,
        )

    __hash__ = None  # type: ignore[assignment] - mutable, like the data it holds

    def __repr__(self) -> str:
        return f"Entry(kind={self.kind!r}, id={self.id!r}, path={self.path!r})"

    @property
    def display_path(self) -> str:
        return display_path(self.path)

    def position_of(self, path: JsonPath, *, key: bool = False) -> Position:
        """The position of the value at `path` (or of its key), else of its nearest ancestor."""
        positions = self.positions
        table = self.key_positions if key else positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return Position(*table[probe])
            if probe in positions:
                return Position(*positions[probe])
            probe = probe[:-1]
        return Position(*positions.get((), (1, 1)))


@dataclass
class LoadResult:
    entries: list[Entry]
    findings: list[Finding]
    files: int


class _Refused(Exception):
    """A file that cannot be read as an entry at all; carries its one finding."""

    def __init__(
        self, line: int, column: int, code: str, message: str, source: str = "", example: str = ""
    ) -> None:
        super().__init__(message)
        self.line, self.column, self.code, self.message = line, column, code, message
        self.source, self.example = source, example

    def finding(self, file: str, line_offset: int = 0) -> Finding:
        return Finding(
            file,
            self.line + line_offset,
            self.column,
            ERROR,
            self.code,
            self.message,
            source=self.source,
            example=self.example,
        )


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_COLLECTION_TAGS = (None, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_NUMBER_STARTS = "-+.0123456789"  # what every number and special float of YAML 1.2's core starts with


class _Builder:
    """Builds plain data from one document's events, noting positions and refusing YAML traps.

    It runs for every node of every file, so per node it only keeps the node's mark (in a
    `Trail`); a node's path is worked out from the stack of open collections when a finding
    names it.
    """

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self.lines = text.split("\n")
        self.comments = "#" in text  # without a '#', no text can be cut short by a comment
        self.marks: list[int] = []
        self.skips: dict[int, int] = {}
        self.findings: list[Finding] = []
        # Open collections: [container, path, key read (None: a key comes next), its mark, first mark]
        self.stack: list[list[Any]] = []

    @property
    def trail(self) -> Trail:
        return Trail(array("q", self.marks), self.skips)

    def path_here(self) -> JsonPath:
        """The path of the node being read; a key's is the path of its mapping."""
        if not self.stack:
            return ()
        container, path, key = self.stack[-1][:3]
        if isinstance(container, list):
            return (*path, len(container))
        return path if key is None else (*path, key)

    def _finding(self, mark: Any, code: str, message: str) -> None:
        self.findings.append(
            Finding(
                self.file, mark.line + 1, mark.column + 1, ERROR, code, message, format_path(self.path_here())
            )
        )

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        value, tag = event.value, event.tag
        if tag is not None and tag != "!" and tag != "tag:yaml.org,2002:str":
            self._finding(
                event.start_mark, "yaml-tag", f"the tag '{tag}' is not allowed; write the value as plain text"
            )
            return value
        if event.style or not event.implicit[0] or tag is not None:  # quoted, block or tagged: text
            return value
        if self.comments and " " in value:
            self._cut_by_comment(event)
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if value[0] not in _NUMBER_STARTS:
            return value
        if _DECIMAL.match(value):
            return int(value)
        if _LEADING_ZERO.match(value):
            self._finding(
                event.start_mark,
                "yaml-ambiguous-number",
                f"'{value}' has a leading zero, which some YAML readers take as an octal number; "
                f"quote it ('{value}') if it is text, or write {int(value)}",
            )
            return value
        if _OCTAL.match(value):
            return int(value[2:], 8)
        if _HEX.match(value):
            return int(value[2:], 16)
        if _FLOAT.match(value):
            return float(value)
        if value.lower() in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[value.lower()]
        return value

    def _cut_by_comment(self, event: yaml.ScalarEvent) -> None:
        """Warn when ' #' ends a text early: YAML reads the rest of the line as a comment."""
        end = event.end_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        rest = line[end.column :]
        if rest[:1] in (" ", "\t") and rest.lstrip().startswith("#"):
            start = event.start_mark
            key_part = self.lines[start.line][: start.column] if start.line == end.line else ""
            example = f'{key_part}"{event.value}{rest}"' if key_part and '"' not in rest else ""
            self.findings.append(
                Finding(
                    self.file,
                    end.line + 1,
                    end.column + len(rest) - len(rest.lstrip()) + 1,
                    WARNING,
                    "yaml-comment",
                    f"the text stops at '#': after a space, '#' starts a comment, so only "
                    f"'{event.value}' is kept. If '{rest.strip()}' belongs to the text, put the whole "
                    f"text in quotes",
                    format_path(self.path_here()),
                    line,
                    example,
                )
            )

    def _refuse_anchor(self, event: yaml.Event) -> None:
        if type(event) is _ALIAS:
            message = f"aliases ('*{event.anchor}') are not allowed; write the value out"
            self._finding(event.start_mark, "yaml-alias", message)
        else:
            message = f"anchors ('&{event.anchor}') are not allowed; write the value out"
            self._finding(event.start_mark, "yaml-anchor", message)

    def _duplicate(self, key: str, event: yaml.Event) -> None:
        """Refuse a key its mapping already has; its value will not be kept."""
        mapping, path, _, _, first_mark = self.stack[-1]
        first = Trail(self.marks, self.skips).unfold(mapping, first_mark, path)[1][(*path, key)][0]
        self.findings.append(
            Finding(
                self.file,
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                ERROR,
                "duplicate-key",
                f"'{key}' appears twice in the same mapping (first on line {first}); keep one",
                format_path((*path, key)),
            )
        )

    def _attach(self, value: Any) -> None:
        """Put a finished value in the collection it belongs to."""
        top = self.stack[-1]
        container = top[0]
        if type(container) is list:
            container.append(value)
            return
        if top[2] is _DISCARDED:
            self.skips[top[3]] = len(self.marks)  # the duplicate key's mark, and its value's, are skipped
        else:
            container[top[2]] = value
        top[2] = None

    def build(self, events: Iterator[yaml.Event]) -> Any:
        """Consume the events of one node (and its children); return its value."""
        stack, marks = self.stack, self.marks
        for event in events:
            kind = type(event)
            if kind is _MAPPING_END or kind is _SEQUENCE_END:
                value = stack.pop()[0]
                if not stack:
                    return value
                self._attach(value)
                continue
            top = stack[-1] if stack else None
            is_key = top is not None and top[2] is None and type(top[0]) is dict
            start = event.start_mark
            marks.append(start.line << _COLUMN_BITS | start.column)
            if event.anchor is not None:  # an alias names its anchor
                self._refuse_anchor(event)
            if kind is _SCALAR:
                value = event.value if is_key else self.scalar(event)
            elif kind is _ALIAS:
                value = None  # refused above; the value stays empty
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if is_key:
                    raise _Refused(
                        start.line + 1,
                        start.column + 1,
                        "yaml-complex-key",
                        "a key must be plain text, not a list or mapping",
                    )
                if event.tag not in _COLLECTION_TAGS:
                    self._finding(start, "yaml-tag", f"the tag '{event.tag}' is not allowed")
                container = {} if kind is _MAPPING_START else []
                stack.append([container, self.path_here(), None, None, len(marks) - 1])
                continue
            else:
                raise _Refused(
                    start.line + 1, start.column + 1, "yaml-structure", f"unexpected {kind.__name__}"
                )
            if is_key:
                key = str(value)
                if key in top[0]:
                    self._duplicate(key, event)  # the first value is kept; the finding is an error
                    top[2], top[3] = _DISCARDED, len(marks) - 1
                else:
                    top[2] = key
                continue
            if top is None:
                return value
            self._attach(value)
        raise _Refused(1, 1, "yaml-structure", "the document ended early")


# --- YAML syntax errors in plain words ------------------------------------------------------------
# libyaml says *where* it gave up and in its own terms ("mapping values are not allowed in this
# context"). Looking at the lines around that place tells the likely mistake: indentation, a colon
# or quote inside text, a missing space after a colon, a tab, an unclosed quote or bracket.

_GLUED_KEY = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*):(?!//)(\S.*)$")  # status:active (not https://)
_KEY_VALUE = re.compile(r"^(\s*(?:- )?)([^\s:#'\"\[{][^:#]*?):[ \t]+(\S.*)$")  # summary: text: more
_KEY = re.compile(r"^\s*(?:- )?([^\s:#][^:#]*?):(?:\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_of(line: str) -> str:
    match = _KEY.match(line)
    item = "the list item " if line.lstrip().startswith("- ") else ""
    if match:
        return f"{item}'{'- ' if item else ''}{match.group(1)}:'"
    return f"the list item '{line.strip()[:30]}'" if item else "this line"


def _quoted(key_part: str, value: str) -> str:
    """`key: "value"`, quoting the way that needs no escapes."""
    value = value.rstrip()
    if '"' not in value:
        return f'{key_part}"{value}"'
    return f"{key_part}'{value.replace(chr(39), chr(39) * 2)}'"


def _previous_lines(lines: list[str], index: int) -> list[tuple[int, str]]:
    """(line number, text) of the content lines above line `index` (0-based), nearest first."""
    return [
        (number + 1, lines[number])
        for number in range(index - 1, -1, -1)
        if lines[number].strip() and not lines[number].lstrip().startswith("#")
    ]


def _open_levels(lines: list[str], index: int) -> list[tuple[int, int, str]]:
    """The indentations a line at `index` may have: (indent, line number, text) of each level above.

    A field may line up with a field above it; a list item ('- ') with a list item or field above it.
    Inside a list item ('- sv: a') the fields line up after the '- '.
    """
    item = lines[index].lstrip().startswith("- ")
    levels: list[tuple[int, int, str]] = []
    for number, text in _previous_lines(lines, index):
        in_item = text.lstrip().startswith("- ") and _KEY.match(text) and not item
        indent = _indent(text) + (2 if in_item else 0)
        if not levels or indent < levels[-1][0]:
            levels.append((indent, number, text))
    return levels


def _indentation(lines: list[str], index: int, column: int) -> _Refused:
    """A line indented where no mapping or list above it can take it."""
    line = lines[index]
    indent = _indent(line)
    levels = [level for level in _open_levels(lines, index) if level[0] != indent]
    key = _key_of(line)
    if not _KEY.match(line) and not line.lstrip().startswith("- "):
        return _Refused(
            index + 1,
            indent + 1,
            "yaml-indentation",
            "this line is neither a field ('name: value') nor a list item ('- value'): if it continues "
            "the text above, indent it as far as that text; if it is a note, start it with '# '",
            line,
        )
    if not levels:
        return _Refused(index + 1, column, "yaml-indentation", f"{key} is indented wrongly", line)
    indent_to, number, text = min(levels, key=lambda level: (abs(level[0] - indent), -level[0]))
    where = "more" if indent > indent_to else "less"
    message = (
        f"{key} is indented {where} than {_key_of(text)} on line {number}, so YAML cannot tell what it "
        f"belongs to. The fields of one mapping (and the items of one list) start in the same column: "
        f"indent it by {indent_to} spaces like line {number}, or line it up with what it belongs to"
    )
    return _Refused(
        index + 1, indent + 1, "yaml-indentation", message, line, " " * indent_to + line.lstrip(" ")
    )


def syntax_refusal(text: str, error: yaml.MarkedYAMLError, last: yaml.Event | None = None) -> _Refused:
    """The likeliest mistake behind a YAML syntax error, with its line and an example of the right way.

    `last` is the last event parsed before the error: a quoted text that ran over several lines
    into the error was most likely not closed where it began.
    """
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    line_index = min(mark.line, len(lines) - 1) if mark else 0
    column = (mark.column + 1) if mark else 1
    line = lines[line_index]
    problem, context = error.problem or "", error.context or ""

    def refused(index: int, col: int, code: str, message: str, example: str = "") -> _Refused:
        return _Refused(index + 1, col, code, message, lines[index], example)

    if "\t" in line[: _indent(line) + 1] or line[column - 1 : column] == "\t":
        tab = line.index("\t") + 1 if "\t" in line else column
        return refused(
            line_index,
            tab,
            "yaml-tab",
            "a tab is used for indentation; indent with spaces (2 for each level)",
            line.replace("\t", "  "),
        )
    ran_on = (
        isinstance(last, yaml.ScalarEvent)
        and last.style in ('"', "'")
        and last.end_mark.line > last.start_mark.line
        and mark is not None
        and mark.line == last.end_mark.line
    )
    if ("quoted scalar" in context and error.context_mark is not None) or ran_on:
        start = error.context_mark if not ran_on else last.start_mark
        opening = lines[start.line][start.column : start.column + 1] or '"'
        return refused(
            start.line,
            start.column + 1,
            "yaml-unclosed-quote",
            f"the text that starts with {opening} here is never closed: end it with {opening} on the "
            f"same line (or on the last line of the text)",
            lines[start.line].rstrip() + opening,
        )
    if "flow sequence" in context or "flow mapping" in context:
        start = error.context_mark or mark
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return refused(
            start.line,
            start.column + 1,
            "yaml-unclosed-bracket",
            f"the {'list' if bracket == '[' else 'mapping'} opened with '{bracket}' here is not closed: "
            f"end it with '{closing}' on the same line, or write one '- ' item per line below the field",
            lines[start.line].rstrip() + closing,
        )
    for number, above in [(line_index + 1, line), *_previous_lines(lines, line_index)[:1]]:
        glued = _GLUED_KEY.match(above)
        if glued and ("simple key" in context or "mapping values" in problem):
            indent, key, value = glued.groups()
            return refused(
                number - 1,
                len(indent) + len(key) + 2,
                "yaml-colon-space",
                f"'{key}:' needs a space after the colon, or YAML reads '{key}:{value[:20]}' as one "
                f"piece of text",
                f"{indent}{key}: {value}",
            )
    if "mapping values are not allowed" in problem:
        key_value = _KEY_VALUE.match(line[: column - 1] + line[column - 1 :])
        if key_value and len(key_value.group(1)) + len(key_value.group(2)) + 1 < column - 1:
            indent, key, value = key_value.groups()
            return refused(
                line_index,
                column,
                "yaml-unquoted-colon",
                f"the text of '{key}' holds a colon followed by a space, which YAML reads as the start "
                f"of another field: put the whole text in quotes",
                _quoted(f"{indent}{key}: ", value),
            )
        return _indentation(lines, line_index, column)
    if "block sequence entries are not allowed" in problem or "cannot start any token" in problem:
        key_value = _KEY_VALUE.match(line)
        character = line[column - 1 : column]
        if key_value:
            indent, key, value = key_value.groups()
            return refused(
                line_index,
                column,
                "yaml-needs-quotes",
                f"text cannot start with '{character}' unquoted: put the text of '{key}' in quotes",
                _quoted(f"{indent}{key}: ", value),
            )
    if "did not find expected key" in problem or "expected '-' indicator" in problem:
        if column - 1 <= _indent(line):
            return _indentation(lines, line_index, column)
        before = line[: column - 1].rstrip()
        key_value = _KEY_VALUE.match(line)
        if before.endswith(('"', "'")) and key_value:
            indent, key, value = key_value.groups()
            quote, value = before[-1], value.strip()
            inner = value[1:-1] if value[:1] == value[-1:] == quote else value
            return refused(
                line_index,
                column,
                "yaml-needs-quotes",
                f"the quote {quote} closes the text of '{key}' early, and text follows it: to use "
                f"{quote} inside the text, put the whole text in the other kind of quotes",
                _quoted(f"{indent}{key}: ", inner),
            )
    if "simple key" in context and error.context_mark is not None:
        return _indentation(lines, error.context_mark.line, error.context_mark.column + 1)
    detail = f"{problem} ({context})" if context else problem or "invalid YAML"
    return refused(line_index, column, "yaml-syntax", f"YAML syntax error: {detail}")


def _parse(text: str, file: str) -> tuple[Any, Trail, list[Finding]]:
    """Parse one file's text into data, the trail of its positions, and findings."""
    builder = _Builder(file, text)
    events = iter(_Loader(text).get_event, None)  # no Python frame between libyaml and the builder
    data: Any = None
    documents = 0
    try:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    pos = _position(event.start_mark)
                    raise _Refused(
                        pos.line,
                        pos.column,
                        "yaml-multiple-documents",
                        "a file holds one entry: remove the second document (after '---')",
                    )
                data = builder.build(events)
    except yaml.MarkedYAMLError as error:
        raise syntax_refusal(text, error, _last_event_before_error(text)) from None
    except yaml.YAMLError as error:  # reader errors: characters YAML does not allow
        index = getattr(error, "position", 0) or 0
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise _Refused(
            line, column, "yaml-syntax", f"YAML cannot read this file: {getattr(error, 'reason', error)}"
        ) from None
    if documents == 0 or data is None:
        raise _Refused(
            1, 1, "empty-file", "the file is empty; an entry is a mapping of fields such as 'id:' and 'name:'"
        )
    return data, builder.trail, builder.findings


def _last_event_before_error(text: str) -> yaml.Event | None:
    """The last event libyaml gives before its syntax error (parsing again: errors are rare)."""
    last = None
    try:
        for last in iter(_Loader(text).get_event, None):  # noqa: B007 - the last one is wanted
            pass
    except yaml.YAMLError:
        pass
    return last


def parse_entry(text: str, file: str) -> tuple[Any, Positions, Positions, list[Finding]]:
    """Parse one file's text into data, value positions, key positions and findings."""
    data, trail, findings = _parse(text, file)
    return (data, *trail.unfold(data), findings)


def read_text(path: Path) -> str:
    """Read a file as UTF-8 without a byte-order mark, within the size limit."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise _Refused(
                1,
                1,
                "file-too-large",
                f"the file is {-(-size // 1024)} kB; an entry may be at most {MAX_FILE_BYTES // 1024} kB",
            )
        raw = handle.read()
    if raw.startswith(_BOMS):
        raise _Refused(
            1, 1, "encoding-bom", "the file starts with a byte-order mark; save it as UTF-8 without BOM"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        raise _Refused(line, column, "encoding", "the file is not valid UTF-8; save it as UTF-8") from None


def load_file(path: Path, kind: str) -> tuple[Entry | None, list[Finding]]:
    """Load one entry file; a file that cannot be read gives one finding and no entry."""
    data, trail, findings = _read_entry(path)
    return (None if data is None else Entry(kind, path.stem, path, data, trail=trail)), findings


def _read_entry(path: Path) -> tuple[dict[str, Any] | None, Trail | None, list[Finding]]:
    """An entry file's data and trail, or None for a file that holds no entry; and its findings."""
    file = display_file_path(path)
    try:
        data, trail, findings = _parse(read_text(path), file)
    except _Refused as refused:
        return None, None, [refused.finding(file)]
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else f"the value {data!r}"
        return (
            None,
            None,
            [
                *findings,
                Finding(
                    file, 1, 1, ERROR, "not-a-mapping", f"an entry must be a mapping of fields (got {got})"
                ),
            ],
        )
    return data, trail, findings


def _file_finding(path: Path, code: str, message: str) -> Finding:
    return Finding(display_path(path), 1, 1, ERROR, code, message)


def _entry_files(root: Path) -> Iterator[tuple[Path, str] | Finding]:
    """Yield (file, kind) for each entry file under `root`, or a finding for what does not belong."""
    for item in sorted(root.iterdir()):
        if item.name.startswith("."):
            continue
        if item.is_symlink():
            yield _file_finding(
                item, "symlink", "symbolic links are not allowed in the catalogue; put the real file here"
            )
        elif item.is_dir():
            kind = KIND_FOLDERS.get(item.name)
            if kind is None:
                yield _file_finding(
                    item,
                    "unknown-kind",
                    f"'{item.name}' is not a kind folder; entries go in {', '.join(KIND_FOLDERS)}{did_you_mean(item.name, KIND_FOLDERS)}",
                )
                continue
            yield from _kind_files(item, kind)
        elif item.suffix in (".yml", ".yaml"):
            yield _file_finding(
                item, "misplaced-file", f"put entries in a kind folder: {', '.join(KIND_FOLDERS)}"
            )


def _kind_files(folder: Path, kind: str) -> Iterator[tuple[Path, str] | Finding]:
    """The files of one kind folder (not a link itself), from one listing: no call per file to
    the file system, which at 10,000 files cost more than reading them."""
    with os.scandir(folder) as listing:
        found = sorted(listing, key=lambda found: found.name)
    for listed in found:
        if listed.name.startswith("."):
            continue
        item = folder / listed.name
        if listed.is_symlink():  # a file that is no link, in a folder that is none, is inside the root
            yield _file_finding(
                item, "symlink", "symbolic links are not allowed in the catalogue; put the real file here"
            )
        elif listed.is_dir():
            yield _file_finding(
                item,
                "nested-folder",
                f"folders inside '{folder.name}' are not read; move the entries up one level",
            )
        elif item.suffix == ".yaml":
            yield _file_finding(
                item, "wrong-extension", f"entries end in .yml: rename it to '{item.stem}.yml'"
            )
        elif item.suffix != ".yml":
            yield _file_finding(item, "unexpected-file", f"only .yml entries belong in '{folder.name}'")
        else:
            if not ID_PATTERN.match(item.stem):
                yield _file_finding(
                    item,
                    "bad-file-name",
                    f"'{item.name}' is not a valid id: use lower-case letters a-z, digits and single hyphens, such as 'my-testbed.yml'",
                )
            yield item, kind


def _read_packed(item: tuple[Path, str]) -> tuple[bytes | None, Trail | None, list[Finding]]:
    """What a worker sends back for one file: its data marshalled (plain data travels about twice
    as fast so as pickled), its trail and findings. The parent has the path and kind already."""
    data, trail, findings = _read_entry(item[0])
    return (None if data is None else marshal.dumps(data)), trail, findings


def _unpacked(
    item: tuple[Path, str], packed: tuple[bytes | None, Trail | None, list[Finding]]
) -> tuple[Entry | None, list[Finding]]:
    (path, kind), (data, trail, findings) = item, packed
    entry = None if data is None else Entry(kind, path.stem, path, marshal.loads(data), trail=trail)
    return entry, findings


def _load_files(items: list[tuple[Path, str]]) -> list[tuple[Entry | None, list[Finding]]]:
    """`load_file` for each item, on all cores."""
    return [
        _unpacked(item, packed) for item, packed in zip(items, fork_map(_read_packed, items), strict=True)
    ]


# A file's (modification time, size) → what loading it gave: lets a preview reread only what changed.
LoadCache = dict[Path, tuple[tuple[int, int], tuple["Entry | None", list[Finding]]]]


@collection_paused()
def load_catalogue(root: Path, cache: LoadCache | None = None) -> LoadResult:
    """Load every entry under `root` (on all cores); never raises for bad content, only reports.

    Findings come in the same order as when the files are read one after another. With `cache`,
    a file whose modification time and size are unchanged is not read again.
    """
    found = list(_entry_files(root))
    files_to_load = [item for item in found if not isinstance(item, Finding)]
    if cache is None:
        loaded = iter(_load_files(files_to_load))
    else:
        stamps = {path: (path.stat().st_mtime_ns, path.stat().st_size) for path, _ in files_to_load}
        fresh = [item for item in files_to_load if cache.get(item[0], (None,))[0] != stamps[item[0]]]
        for item, result in zip(fresh, _load_files(fresh), strict=True):
            cache[item[0]] = (stamps[item[0]], result)
        for path in set(cache) - set(stamps):
            del cache[path]
        loaded = iter(cache[path][1] for path, _ in files_to_load)
    entries: list[Entry] = []
    findings: list[Finding] = []
    files = 0
    for item in found:
        if isinstance(item, Finding):
            findings.append(item)
            files += item.path.endswith((".yml", ".yaml"))
            continue
        files += 1
        entry, file_findings = next(loaded)
        findings.extend(file_findings)
        if entry is not None:
            entries.append(entry)
    return LoadResult(entries, findings, files)


def format_path(path: JsonPath) -> str:
    """`access.steps[2].sv` for ('access', 'steps', 2, 'sv')."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
