"""Load: catalogue files → entries as plain data with the position of every key and value.

YAML is read as an event stream from libyaml and built into plain Python data here, so that
every value keeps its line and column, and so that YAML's surprises become findings instead of
silent changes: scalars resolve by YAML 1.2's core rules (``no`` stays text, ``2017-02-01`` stays
text, ``010`` is refused as ambiguous), duplicate keys, anchors, aliases and tags are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .findings import ERROR, WARNING, Finding, did_you_mean, display_path
from .parallel import fork_map

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


@dataclass
class Entry:
    """One catalogue file: its kind, id (from the file name), data, and where each value stands."""

    kind: str
    id: str
    path: Path
    data: dict[str, Any]
    positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)  # (line, column)
    key_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    @property
    def display_path(self) -> str:
        return display_path(self.path)

    def position_of(self, path: JsonPath, *, key: bool = False) -> Position:
        """The position of the value at `path` (or of its key), else of its nearest ancestor."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return Position(*table[probe])
            if probe in self.positions:
                return Position(*self.positions[probe])
            probe = probe[:-1]
        return Position(*self.positions.get((), (1, 1)))


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


class _Builder:
    """Builds plain data from one document's events, noting positions and refusing YAML traps."""

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self.lines = text.split("\n")
        self.positions: dict[JsonPath, tuple[int, int]] = {}
        self.key_positions: dict[JsonPath, tuple[int, int]] = {}
        self.findings: list[Finding] = []

    def _finding(self, pos: tuple[int, int], code: str, message: str, path: JsonPath = ()) -> None:
        self.findings.append(Finding(self.file, pos[0], pos[1], ERROR, code, message, format_path(path)))

    def scalar(self, event: yaml.ScalarEvent, path: JsonPath) -> Any:
        value = event.value
        plain = event.style in ("", None) and event.implicit[0]
        if event.tag not in (None, "!", "tag:yaml.org,2002:str"):
            self._finding(
                _position(event.start_mark),
                "yaml-tag",
                f"the tag '{event.tag}' is not allowed; write the value as plain text",
                path,
            )
            return value
        if not plain or event.tag is not None:
            return value
        if " " in value:
            self._cut_by_comment(event, path)
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _DECIMAL.match(value):
            return int(value)
        if _LEADING_ZERO.match(value):
            self._finding(
                _position(event.start_mark),
                "yaml-ambiguous-number",
                f"'{value}' has a leading zero, which some YAML readers take as an octal number; "
                f"quote it ('{value}') if it is text, or write {int(value)}",
                path,
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

    def _cut_by_comment(self, event: yaml.ScalarEvent, path: JsonPath) -> None:
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
                    format_path(path),
                    line,
                    example,
                )
            )

    def build(self, events: Iterator[yaml.Event]) -> Any:
        """Consume the events of one node (and its children); return its value."""
        stack: list[tuple[Any, JsonPath, list[Any]]] = []  # (container, path, [pending key, key position])
        root: Any = None

        def attach(value: Any, path: JsonPath) -> None:
            nonlocal root
            if not stack:
                root = value
                return
            container, _, pending = stack[-1]
            if isinstance(container, list):
                container.append(value)
            else:
                if pending[0] is not _DISCARDED:
                    container[pending[0]] = value
                pending[0] = pending[1] = None

        def child_path() -> tuple[JsonPath, bool]:
            """The path of the next node, and whether that node is a mapping key."""
            if not stack:
                return (), False
            container, path, pending = stack[-1]
            if isinstance(container, list):
                return (*path, len(container)), False
            if pending[1] is None:
                return path, True
            return (*path, pending[0]), False

        for event in events:
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                value, path, _ = stack.pop()
                attach(value, path)
                if not stack:
                    return root
                continue
            path, is_key = child_path()
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)  # a plain tuple: made for every node of every file
            value: Any = None
            if isinstance(event, yaml.AliasEvent):
                self._finding(
                    pos,
                    "yaml-alias",
                    f"aliases ('*{event.anchor}') are not allowed; write the value out",
                    path,
                )
            elif event.anchor is not None:
                self._finding(
                    pos,
                    "yaml-anchor",
                    f"anchors ('&{event.anchor}') are not allowed; write the value out",
                    path,
                )
            if isinstance(event, yaml.AliasEvent):
                pass  # refused above; the value stays empty
            elif isinstance(event, yaml.ScalarEvent):
                value = event.value if is_key else self.scalar(event, path)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if is_key:
                    raise _Refused(
                        *pos,
                        "yaml-complex-key",
                        "a key must be plain text, not a list or mapping",
                    )
                if event.tag is not None and event.tag not in (
                    "tag:yaml.org,2002:map",
                    "tag:yaml.org,2002:seq",
                ):
                    self._finding(pos, "yaml-tag", f"the tag '{event.tag}' is not allowed", path)
                self.positions[path] = pos
                stack.append(({} if isinstance(event, yaml.MappingStartEvent) else [], path, [None, None]))
                continue
            else:
                raise _Refused(*pos, "yaml-structure", f"unexpected {type(event).__name__}")
            if is_key:
                key = str(value)
                container, parent, pending = stack[-1]
                key_path = (*parent, key)
                if key in container:
                    first = self.key_positions[key_path][0]
                    self._finding(
                        pos,
                        "duplicate-key",
                        f"'{key}' appears twice in the same mapping (first on line {first}); keep one",
                        key_path,
                    )
                    key = _DISCARDED  # keep the first value; the finding is an error
                else:
                    self.key_positions[key_path] = pos
                pending[0], pending[1] = key, pos
                continue
            self.positions[path] = pos
            attach(value, path)
            if not stack:
                return root
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


def parse_entry(text: str, file: str) -> tuple[Any, dict, dict, list[Finding]]:
    """Parse one file's text into data, value positions, key positions and findings."""
    builder = _Builder(file, text)
    last: list[yaml.Event | None] = [None]

    def recorded(stream: Iterator[yaml.Event]) -> Iterator[yaml.Event]:
        for event in stream:
            last[0] = event
            yield event

    events = recorded(yaml.parse(text, Loader=_Loader))
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
        raise syntax_refusal(text, error, last[0]) from None
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
    return data, builder.positions, builder.key_positions, builder.findings


def read_text(path: Path) -> str:
    """Read a file as UTF-8 without a byte-order mark, within the size limit."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _Refused(
            1,
            1,
            "file-too-large",
            f"the file is {-(-size // 1024)} kB; an entry may be at most {MAX_FILE_BYTES // 1024} kB",
        )
    raw = path.read_bytes()
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
    file = display_path(path)
    try:
        data, positions, key_positions, findings = parse_entry(read_text(path), file)
    except _Refused as refused:
        return None, [refused.finding(file)]
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else f"the value {data!r}"
        return None, [
            *findings,
            Finding(file, 1, 1, ERROR, "not-a-mapping", f"an entry must be a mapping of fields (got {got})"),
        ]
    return Entry(kind, path.stem, path, data, positions, key_positions), findings


def _file_finding(path: Path, code: str, message: str) -> Finding:
    return Finding(display_path(path), 1, 1, ERROR, code, message)


def _entry_files(root: Path) -> Iterator[tuple[Path, str] | Finding]:
    """Yield (file, kind) for each entry file under `root`, or a finding for what does not belong."""
    real_root = root.resolve()
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
            yield from _kind_files(item, kind, real_root)
        elif item.suffix in (".yml", ".yaml"):
            yield _file_finding(
                item, "misplaced-file", f"put entries in a kind folder: {', '.join(KIND_FOLDERS)}"
            )


def _kind_files(folder: Path, kind: str, real_root: Path) -> Iterator[tuple[Path, str] | Finding]:
    for item in sorted(folder.iterdir()):
        if item.name.startswith("."):
            continue
        if item.is_symlink() or not item.resolve().is_relative_to(real_root):
            yield _file_finding(
                item, "symlink", "symbolic links are not allowed in the catalogue; put the real file here"
            )
        elif item.is_dir():
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


def _load_one(item: tuple[Path, str]) -> tuple[Entry | None, list[Finding]]:
    return load_file(*item)


# A file's (modification time, size) → what loading it gave: lets a preview reread only what changed.
LoadCache = dict[Path, tuple[tuple[int, int], tuple["Entry | None", list[Finding]]]]


def load_catalogue(root: Path, cache: LoadCache | None = None) -> LoadResult:
    """Load every entry under `root` (on all cores); never raises for bad content, only reports.

    Findings come in the same order as when the files are read one after another. With `cache`,
    a file whose modification time and size are unchanged is not read again.
    """
    found = list(_entry_files(root))
    files_to_load = [item for item in found if not isinstance(item, Finding)]
    if cache is None:
        loaded = iter(fork_map(_load_one, files_to_load))
    else:
        stamps = {path: (path.stat().st_mtime_ns, path.stat().st_size) for path, _ in files_to_load}
        fresh = [item for item in files_to_load if cache.get(item[0], (None,))[0] != stamps[item[0]]]
        for item, result in zip(fresh, fork_map(_load_one, fresh), strict=True):
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
