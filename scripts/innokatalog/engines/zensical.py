"""Zensical: the successor of Material for MkDocs, run as its own process on the derived config."""

from __future__ import annotations

import subprocess
import sys

from . import EngineError, EngineJob, derived_config, write_config


def build(job: EngineJob) -> None:
    config = derived_config(job)
    config.pop("validation", None)  # an MkDocs setting Zensical does not read
    config["theme"].setdefault("variant", "classic")  # the look of Material for MkDocs
    config["plugins"] = {"search": {"enabled": False}}  # the site's search is Pagefind's
    config_file = write_config(config, job)
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file)]
    if not job.dirty:
        command.append("--clean")
    result = subprocess.run(command, cwd=config_file.parent, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise EngineError(f"Zensical failed:\n{result.stdout}\n{result.stderr}".rstrip())
    # Written even with its search switched off; the site's index is Pagefind's.
    (job.site_dir / "search.json").unlink(missing_ok=True)
