"""Plugin `catalogue`: stops a plain `mkdocs build` or `mkdocs serve` with directions.

The catalogue's pages are generated as files by `catalogue build` before any engine runs, so plain
MkDocs would build the hand-written pages alone and leave out every entry without a word. This
guard says what to run instead; the engine adapters build without it.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

DIRECTIONS = (
    "this site is built by the catalogue command, which writes the catalogue's pages first: "
    "run `make site` (or `catalogue build`) to build it and `make serve` (or `catalogue serve`) "
    "to preview it. Plain `mkdocs build` would leave out every entry."
)


class CataloguePlugin(BasePlugin):
    def on_config(self, config: Any) -> Any:
        raise PluginError(DIRECTIONS)
