"""Project: where the catalogue, its schemas and its pages are, wherever in the project a command runs.

The project root is the nearest folder, at or above where the user stands, that holds `catalogue/`
and `schema/`. A catalogue repository that keeps only `catalogue/` (and uses this package through
pre-commit) gets the schemas shipped inside the package, which are `schema/` itself, packaged.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .load import KIND_FOLDERS

CATALOGUE_FOLDER = "catalogue"
SCHEMA_FOLDER = "schema"
PACKAGED_SCHEMAS = Path(__file__).parent / "schemas"  # `schema/` of the source tree, packaged as data


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding catalogue/ and schema/ (else just catalogue/)."""
    start = start.resolve()
    folders = [start, *start.parents] if start.is_dir() else list(start.parents)
    for wanted in ((CATALOGUE_FOLDER, SCHEMA_FOLDER), (CATALOGUE_FOLDER,)):
        for folder in folders:
            if all((folder / name).is_dir() for name in wanted):
                return folder
    return None


def is_kind_folder(folder: Path) -> bool:
    """True for a folder such as catalogue/testbeds/: named after a kind, inside a catalogue folder."""
    return folder.resolve().name in KIND_FOLDERS and not any(
        (folder / name).is_dir() for name in KIND_FOLDERS
    )


def catalogue_of(path: Path) -> Path | None:
    """The catalogue folder an entry file or kind folder belongs to (catalogue/ for catalogue/testbeds/x.yml)."""
    folder = path.resolve() if path.is_dir() else path.resolve().parent
    return folder.parent if is_kind_folder(folder) else None


@dataclass(frozen=True)
class Project:
    """The folders a command works with; `root` is None outside any project."""

    root: Path | None
    catalogue_dir: Path
    schema_dir: Path

    @classmethod
    def around(cls, start: Path) -> Project:
        """The project that `start` (a folder or file) is in; outside one, the folders under `start`."""
        root = find_root(start)
        base = root or (start if start.is_dir() else start.parent)
        own_schemas = base / SCHEMA_FOLDER
        return cls(
            root,
            base / CATALOGUE_FOLDER,
            own_schemas if own_schemas.is_dir() else PACKAGED_SCHEMAS,
        )

    def setting(self, name: str, default: str = "") -> str:
        """A text setting from `[tool.catalogue]` in the project's pyproject.toml (else `default`)."""
        if self.root is None:
            return default
        try:
            config = tomllib.loads((self.root / "pyproject.toml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return default
        value = config.get("tool", {}).get("catalogue", {}).get(name, default)
        return value.strip() if isinstance(value, str) else default
