"""Serve: a live preview on 127.0.0.1 that rebuilds on every change and survives bad saves.

Each rebuild goes through `build_site` (temporary folder, then swap), so a save that makes the
catalogue invalid keeps the last good site on screen, with a notice on every page saying so.
"""

from __future__ import annotations

import html
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .build import CatalogueError, build_site

log = logging.getLogger("mkdocs.commands.serve")


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, plus a notice on each page while the last rebuild failed."""

    problem: str | None = None

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:  # noqa: D401 - MkDocs hook
        content = super()._inject_js_into_html(content, epoch)
        if not self.problem:
            return content
        notice = (
            '<div role="alert" style="background:#7a1616;color:#fff;padding:1rem;font:16px/1.4 sans-serif">'
            "<strong>The latest change could not be built; this is the last good version.</strong>"
            f'<pre style="white-space:pre-wrap;color:#fff">{html.escape(self.problem)}</pre></div>'
        )
        body = content.find(b"<body")
        end = content.find(b">", body) + 1 if body >= 0 else 0
        return content[:end] + notice.encode() + content[end:]


def serve(project: Path, host: str, port: int, echo: Callable[[str], None]) -> None:
    """Build once, then serve and rebuild on changes to entries, schemas, pages or mkdocs.yml."""
    site_dir = Path(tempfile.mkdtemp(prefix="catalogue-preview-")) / "site"

    def rebuild() -> None:
        try:
            build_site(project, site_dir)
            server.problem = None
            echo(f"Built the site; serving it on http://{host}:{port}/")
        except CatalogueError as error:
            server.problem = str(error)
            echo(f"{error}\nStill serving the last good site.")

    server = PreviewServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    rebuild()
    site_dir.mkdir(parents=True, exist_ok=True)
    for watched in ("catalogue", "schema", "site", "mkdocs.yml"):
        server.watch(str(project / watched))
    try:
        server.serve()
    except KeyboardInterrupt:
        echo("Stopped.")
    finally:
        server.shutdown()
