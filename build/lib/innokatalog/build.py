"""Build: validate → MkDocs (both languages, Pagefind, open data) into a temporary folder → swap.

A failed build leaves the previous output untouched: everything is written next to it first and
moved into place only when complete.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from .plugin import load_valid_catalogue

CONFIG_FILE = "mkdocs.yml"


def build_site(project: Path, output: Path | None = None, *, quiet: bool = True) -> Path:
    """Build the site of the project at `project` into `output` (default: its `site_dir`)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = project / CONFIG_FILE
    probe = load_config(config_file=str(config_file))
    options = probe.plugins["catalogue"].config
    validated = load_valid_catalogue(project, options.catalogue_dir, options.schema_dir)  # before any folder
    output = (output or Path(probe.site_dir)).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    level = logging.getLogger("mkdocs").level
    if quiet:
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(staging))
        config.plugins["catalogue"].preloaded = validated
        mkdocs_build(config)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").setLevel(level)
    swap_into_place(staging, output)
    return output


def swap_into_place(staging: Path, output: Path) -> None:
    """Replace `output` with `staging` by renames, so readers never see a half-written site."""
    staging.chmod(0o755)
    if output.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        os.replace(output, retired / output.name)
        os.replace(staging, output)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, output)
