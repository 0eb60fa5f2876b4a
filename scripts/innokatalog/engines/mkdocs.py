"""MkDocs + Material for MkDocs: the default engine (maintained until May 2027)."""

from __future__ import annotations

import logging
import os

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

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
        mkdocs_build(load_config(config_file=str(config_file)), dirty=job.dirty)
    except (MkDocsException, OSError) as error:
        raise EngineError(f"MkDocs failed: {error}") from None
    finally:
        logger.setLevel(level)
