"""Findings: what the validator says about a file, and the reporters that print them."""

from __future__ import annotations

import difflib
import functools
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import ClassVar, TextIO

import click

ERROR = "error"
WARNING = "warning"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The hint "; did you mean 'x'?" for the nearest choice, or nothing when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file, with the position of the offending node."""

    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    field: str = ""
    source: str = ""  # the offending line, for syntax findings (shown with a caret under the column)
    example: str = ""  # the same line written the right way

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def display_path(path: Path) -> str:
    """The path as the user would type it from where the command runs."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def display_file_path(path: Path) -> str:
    """`display_path` of a file, with its folder's worked out once (it is asked for every entry)."""
    folder, name = os.path.split(path)
    if not folder:
        return display_path(path)
    shown = _display_folder(folder, os.getcwd())
    return name if shown == os.curdir else os.path.join(shown, name)


@functools.lru_cache(maxsize=32)
def _display_folder(folder: str, cwd: str) -> str:  # noqa: ARG001 - the cache depends on where we stand
    return display_path(Path(folder))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.column, f.severity, f.code, f.message))


@dataclass(frozen=True)
class Summary:
    errors: int
    warnings: int
    files: int

    @classmethod
    def of(cls, findings: list[Finding], files: int) -> Summary:
        errors = sum(f.is_error for f in findings)
        return cls(errors=errors, warnings=len(findings) - errors, files=files)

    def __str__(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return f"{plural(self.errors, 'error')}, {plural(self.warnings, 'warning')} in {plural(self.files, 'file')}"


def excerpt(finding: Finding) -> list[str]:
    """The offending line with a caret under the column, and the right way, for findings that have them."""
    if not finding.source and not finding.example:
        return []
    number = str(finding.line)
    gutter = " " * len(number)
    lines = []
    if finding.source:
        shown = finding.source.replace("\t", " ")  # one column per character, so the caret lines up
        lines += [f"  {number} | {shown}", f"  {gutter} | {' ' * (finding.column - 1)}^"]
    if finding.example:
        lines.append(f"  {gutter} = write it like this: {finding.example}")
    return lines


class Reporter:
    """Writes findings and a summary to a stream in one format."""

    name: ClassVar[str]

    def __init__(self, stream: TextIO | None = None, color: bool | None = None) -> None:
        self.stream = stream or sys.stdout
        self.color = color

    def report(self, findings: list[Finding], summary: Summary) -> None:
        raise NotImplementedError


class TextReporter(Reporter):
    """`path:line:column: error: message [code]`, one per line, then the summary."""

    name = "text"

    def report(self, findings: list[Finding], summary: Summary) -> None:
        colour = {"error": "red", "warning": "yellow"}
        for f in findings:
            severity = click.style(f.severity, fg=colour[f.severity], bold=True)
            click.echo(
                f"{f.path}:{f.line}:{f.column}: {severity}: {f.message} [{f.code}]",
                self.stream,
                color=self.color,
            )
            for line in excerpt(f):
                click.echo(line, self.stream, color=self.color)
        click.echo(str(summary), self.stream, color=self.color)


class JsonReporter(Reporter):
    """A stable structure: {"findings": [...], "summary": {...}}; see README."""

    name = "json"

    def report(self, findings: list[Finding], summary: Summary) -> None:
        document = {"findings": [asdict(f) for f in findings], "summary": asdict(summary)}
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, which become annotations on the changed lines."""

    name = "github"

    @staticmethod
    def _escape(value: str, *, prop: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if prop else value

    def report(self, findings: list[Finding], summary: Summary) -> None:
        for f in findings:
            props = f"file={self._escape(f.path, prop=True)},line={f.line},col={f.column},title={f.code}"
            message = "\n".join([f.message, *excerpt(f)])
            self.stream.write(f"::{f.severity} {props}::{self._escape(message)}\n")
        self.stream.write(f"{summary}\n")


REPORTERS: dict[str, type[Reporter]] = {cls.name: cls for cls in (TextReporter, JsonReporter, GithubReporter)}
