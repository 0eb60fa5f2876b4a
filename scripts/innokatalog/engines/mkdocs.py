"""MkDocs + Material for MkDocs: the default engine (maintained until May 2027)."""

from __future__ import annotations

import logging
import os

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..compiled import COMPILED
from . import EngineError, EngineJob, derived_config, write_config


def build(job: EngineJob) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = derived_config(job)
    config["plugins"] = []
    config_file = write_config(config, job)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    if job.quiet:
        # A dirty build (the preview's) warns that navigation may be stale: it is not, here.
        logger.setLevel(logging.ERROR if job.dirty else logging.WARNING)
    try:
        mkdocs_config = load_config(config_file=str(config_file))
        # The catalogue writes the sitemaps of every page itself (see sitemap.py); MkDocs' own would
        # list only the pages it built, and leave a stale `sitemap.xml.gz` beside ours.
        mkdocs_config.theme.static_templates.discard("sitemap.xml")
        theme_env = mkdocs_config.theme.get_env
        mkdocs_config.theme.get_env = lambda: _compiled_once(theme_env())
        mkdocs_build(mkdocs_config, dirty=job.dirty)
    except (MkDocsException, OSError) as error:
        raise EngineError(f"MkDocs failed: {error}") from None
    finally:
        logger.setLevel(level)


def _compiled_once(env: jinja2.Environment) -> jinja2.Environment:
    """The theme's templates compiled once per process, not on each of the preview's rebuilds."""
    env.bytecode_cache = COMPILED
    return env
