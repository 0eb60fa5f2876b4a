"""Site engines: small adapters that configure and run one static site generator each.

An engine gets a finished docs folder of one language (see `generate`) and the settings for that
language, and turns it into HTML. It holds no catalogue logic, so switching engines is one setting.
Both adapters build from the same derived configuration, written from the project's `mkdocs.yml`.
"""

from __future__ import annotations

import copy
import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
ENGINES = {"mkdocs": "MkDocs + Material for MkDocs", "zensical": "Zensical"}
DEFAULT_ENGINE = "mkdocs"
PASSTHROUGH = f"{__name__}.passthrough"  # generated pages are finished HTML: see passthrough.py


class EngineError(Exception):
    """The engine failed; the message holds what it printed."""


@dataclass(frozen=True)
class EngineJob:
    """One language to build: the project's config, the docs folder, where to write, and settings."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    settings: dict[str, Any]
    quiet: bool = True
    dirty: bool = False

    @property
    def config_path(self) -> Path:
        """Where the adapter writes the derived config: beside the docs folder and the output, which
        Zensical wants inside the config's folder. Each language has a folder of its own, so engines
        that keep a cache there never share one."""
        return self.docs_dir.parent / "mkdocs.yml"


def get_engine(name: str) -> ModuleType:
    """The adapter module for `name`, which has `build(job: EngineJob) -> None`."""
    if name not in ENGINES:
        raise EngineError(f"unknown site engine {name!r}; choose one of {', '.join(ENGINES)}")
    return importlib.import_module(f"{__name__}.{name}")


def derived_config(job: EngineJob) -> dict[str, Any]:
    """The project's `mkdocs.yml` with this language's docs folder, output, names and texts.

    Plugins are left out: the catalogue's pages are already files, and the search index is
    Pagefind's, made once over both languages after the engines have run.
    """
    try:
        raw = yaml.safe_load(job.config_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise EngineError(f"{job.config_file}: cannot be read as YAML: {error}") from None
    config = copy.deepcopy(raw)
    settings = job.settings
    config.pop("plugins", None)
    # Relative to the derived config, which is written beside the docs folder: Zensical 0.0.73
    # stops on an absolute `docs_dir`.
    config.update(
        docs_dir=os.path.relpath(job.docs_dir, job.config_path.parent),
        site_dir=os.path.relpath(job.site_dir, job.config_path.parent),
        site_name=settings["site_name"],
        site_description=settings["site_description"],
        site_url=settings["site_url"],
    )
    theme = config.setdefault("theme", {})
    theme["language"] = settings["language"]
    theme["custom_dir"] = str(THEME_DIR)
    for option in theme.get("palette") or []:
        if isinstance(option, dict) and isinstance(option.get("toggle"), dict):
            option["toggle"]["name"] = settings["palette_names"][option.get("scheme", "default")]
    config["extra"] = {**(config.get("extra") or {}), "t": settings["texts"]}
    config["markdown_extensions"] = [*(config.get("markdown_extensions") or []), PASSTHROUGH]
    return config


def write_config(config: dict[str, Any], job: EngineJob) -> Path:
    job.config_path.parent.mkdir(parents=True, exist_ok=True)
    job.config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return job.config_path
