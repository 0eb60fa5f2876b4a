"""Serve: a live preview on 127.0.0.1 that rebuilds on every change and survives bad saves.

The first build is a whole one. After that, a change to entries alone re-renders only the changed
entries, the entries related to them and the overview pages (listings, chooser, home …), and the
engine rebuilds only the files that changed (MkDocs' "dirty" build); open data and the search
index follow in the background. The languages build side by side, in a worker process each that
is forked before the server's threads start. Any other change (a schema, a page, mkdocs.yml) builds it all.
A save that makes the catalogue invalid keeps the last good site, with a notice on every page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import html
import logging
import os
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from . import i18n
from .build import (
    BuildInput,
    CatalogueError,
    ProjectSettings,
    Workspace,
    assemble,
    build_languages,
    finish,
    language_dir,
    load_valid_catalogue,
    project_settings,
    swap_into_place,
)
from .generate import read_sources
from .load import LoadCache
from .model import Catalogue, Item
from .parallel import allow_forking, standing_workers
from .report import ReportError

log = logging.getLogger("mkdocs.commands.serve")
WATCHED = ("catalogue", "schema", "site", "reports", "mkdocs.yml", "pyproject.toml")
NOTICE = {
    "sv": "Den senaste ändringen kunde inte byggas. Det här är den senaste fungerande versionen.",
    "en": "The latest change could not be built; this is the last good version.",
}


class PortInUse(Exception):
    """Another program listens on the port already."""


WATCH_INTERVAL = 0.2  # seconds between looks at the watched files


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, plus the site's own 404 page and a notice while a rebuild failed."""

    problem: str | None = None

    def _serve_request(self, environ, start_response):  # noqa: ANN001 - MkDocs' WSGI signature
        result = super()._serve_request(environ, start_response)
        if result is not None:
            return result
        path = environ.get("PATH_INFO", "")
        lang = language_of(path)
        page = language_dir(Path(self.root), lang) / "404.html"
        if not page.is_file():
            return None
        content = self._inject_js_into_html(page.read_bytes(), self._visible_epoch)
        start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8")])
        return [content]

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.problem:
            return content
        lang = "en" if b'<html lang="en"' in content[:500] else i18n.DEFAULT_LANGUAGE
        notice = (
            '<div role="alert" style="background:#7a1616;color:#fff;padding:1rem;font:16px/1.4 sans-serif">'
            f"<strong>{NOTICE[lang]}</strong>"
            f'<pre style="white-space:pre-wrap;color:#fff">{html.escape(self.problem)}</pre></div>'
        )
        body = content.find(b"<body")
        end = content.find(b">", body) + 1 if body >= 0 else 0
        return content[:end] + notice.encode() + content[end:]


def language_of(path: str) -> str:
    """The language of a page address: `/en/…` is English, the rest Swedish."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def related(catalogue: Catalogue, item: Item) -> set[Item]:
    """An entry and every entry it names or that names it: the pages that show it."""
    found = {item, *(target for _, target in catalogue.links_from(item))}
    for items in item.referred_by.values():
        found.update(items)
    return found


def changed_entries(old: Catalogue, new: Catalogue) -> tuple[set[Item], set[Item]]:
    """(entries to re-render in the new catalogue, entries that are gone)."""
    old_items = {(item.kind, item.id): item for item in old.all()}
    new_items = {(item.kind, item.id): item for item in new.all()}
    touched: set[Item] = set()
    for key in old_items.keys() | new_items.keys():
        before, after = old_items.get(key), new_items.get(key)
        if before is None or after is None or before.data != after.data:
            for catalogue, item in ((old, before), (new, after)):
                if item is not None:
                    touched |= related(catalogue, item)
    keep = {new_items[(item.kind, item.id)] for item in touched if (item.kind, item.id) in new_items}
    gone = {item for key, item in old_items.items() if key not in new_items}
    return keep, gone


class Preview:
    """The preview's build, kept between rebuilds in one workspace; `site` is what is served."""

    def __init__(self, project: Path, settings: ProjectSettings) -> None:
        self.project, self.settings = project, settings
        self.folder = Path(tempfile.mkdtemp(prefix="catalogue-preview-"))
        self.site = self.folder / "site"
        self.site.mkdir()
        self.snapshot: dict[str, int] = {}
        self.catalogue: Catalogue | None = None
        self.loaded: LoadCache = {}  # entry files as last read, so a rebuild rereads only changed ones
        self._indexing: threading.Thread | None = None
        # A process per language, forked before the server's threads start (see start_workers).
        self.workers: ProcessPoolExecutor | None = None

    def start_workers(self) -> None:
        """Build the languages side by side from now on, in workers forked while it is still safe."""
        self.workers = standing_workers(len(self.settings.languages))

    def close(self) -> None:
        self._wait_for_index()
        if self.workers is not None:
            self.workers.shutdown(cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _build_languages(self, job_input: BuildInput) -> None:
        try:
            build_languages(job_input, self.settings.languages, self.workers)
        except BrokenProcessPool:  # a worker died (killed, out of memory): build here from now on
            self.workers = None
            build_languages(job_input, self.settings.languages)

    def scan(self) -> dict[str, int]:
        """Modification time of every watched file, to tell what a change touched."""
        found = {}
        for name in WATCHED:
            root = self.project / name
            paths = [root] if root.is_file() else root.rglob("*") if root.is_dir() else []
            for path in paths:
                if path.is_file():
                    found[path.relative_to(self.project).as_posix()] = path.stat().st_mtime_ns
        return found

    def rebuild(self) -> str:
        """Build what changed; returns what was done, for the console."""
        snapshot = self.scan()
        changed = {
            path
            for path in snapshot.keys() | self.snapshot.keys()
            if snapshot.get(path) != self.snapshot.get(path)
        }
        catalogue, schemas = load_valid_catalogue(
            self.project, self.settings.catalogue_dir, self.settings.schema_dir, self.loaded
        )
        entries_only = bool(changed) and all(path.startswith("catalogue/") for path in changed)
        if self.catalogue is not None and entries_only and self.settings.engine == "mkdocs":
            done = self._update(catalogue, schemas)
        else:
            self._whole(catalogue, schemas)
            done = "Built the whole site"
        self.snapshot, self.catalogue = snapshot, catalogue
        return done

    def _input(self, catalogue: Catalogue, schemas, workspace: Workspace, *, dirty: bool) -> BuildInput:
        try:
            sources = read_sources(self.project / self.settings.docs_dir, self.project)
        except ReportError as error:
            raise CatalogueError(str(error)) from None
        return BuildInput(self.settings, catalogue, schemas, sources, workspace, dt.date.today(), dirty=dirty)

    def _whole(self, catalogue: Catalogue, schemas) -> None:
        self._wait_for_index()
        workspace = Workspace(Path(tempfile.mkdtemp(prefix="build-", dir=self.folder)))
        job_input = self._input(catalogue, schemas, workspace, dirty=False)
        self._build_languages(job_input)
        site = assemble(workspace, self.settings.languages)
        finish(site, job_input)
        # Keep the docs trees and search documents for the next, partial rebuild; the built site
        # becomes what is served.
        kept = PreviewWorkspace(self.folder, self.site)
        for lang in self.settings.languages:
            for built, keep in (
                (workspace.docs(lang), kept.docs(lang)),
                (workspace.search(lang), kept.search(lang)),
            ):
                shutil.rmtree(keep, ignore_errors=True)
                keep.parent.mkdir(parents=True, exist_ok=True)
                if built.exists():
                    os.replace(built, keep)
        swap_into_place(site, self.site)
        shutil.rmtree(workspace.folder, ignore_errors=True)

    def _update(self, catalogue: Catalogue, schemas) -> str:
        assert self.catalogue is not None
        self._wait_for_index()
        touched, gone = changed_entries(self.catalogue, catalogue)
        workspace = PreviewWorkspace(self.folder, self.site)
        for lang in self.settings.languages:
            for item in gone:
                (workspace.docs(lang) / f"{item.url.rstrip('/')}.md").unlink(missing_ok=True)
                shutil.rmtree(workspace.output(lang) / item.url, ignore_errors=True)
                shutil.rmtree(workspace.search_documents(lang) / item.url, ignore_errors=True)
        job_input = dataclasses.replace(
            self._input(catalogue, schemas, workspace, dirty=True), entries=list(touched)
        )
        self._build_languages(job_input)
        self._indexing = threading.Thread(target=finish, args=(self.site, job_input), daemon=True)
        self._indexing.start()
        return f"Rebuilt {len(touched)} entries and the overview pages"

    def _wait_for_index(self) -> None:
        if self._indexing is not None:
            self._indexing.join()


class PreviewWorkspace(Workspace):
    """The kept docs trees and search documents, a folder per language as in a build (each language's
    engine config is written beside its docs, so the two never share one), built straight into the
    served site (English below `en/`)."""

    def __init__(self, folder: Path, site: Path) -> None:
        super().__init__(folder)
        self.served = site

    def output(self, lang: str) -> Path:
        return language_dir(self.served, lang)


def check_port(host: str, port: int) -> None:
    """Fail early, with a clear message, when the port is taken."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                raise PortInUse(
                    f"port {port} on {host} is already in use by another program; "
                    f"choose another with --port (for example: make serve PORT={port + 1})"
                ) from None
            raise


def serve(
    project: Path, host: str, port: int, echo: Callable[[str], None], *, engine: str | None = None
) -> None:
    """Build once, then serve and rebuild on changes to entries, schemas, pages or settings."""
    check_port(host, port)
    settings = project_settings(project, engine=engine)
    preview = Preview(project, settings)

    def rebuild() -> None:
        try:
            done = preview.rebuild()
            server.problem = None
            echo(f"{done}; serving it on http://{host}:{port}/")
        except CatalogueError as error:
            server.problem = str(error)
            echo(f"{error}\nStill serving the last good site.")

    # Polled every 0.2 s rather than MkDocs' 0.5 s: a save shows sooner, for a few stat calls more.
    server = PreviewServer(
        builder=rebuild, host=host, port=port, root=str(preview.site), polling_interval=WATCH_INTERVAL
    )
    signal.signal(signal.SIGTERM, _stop)
    try:
        rebuild()  # the first, whole build may use both cores: no other thread runs yet
        preview.start_workers()
        allow_forking(False)
        for watched in WATCHED:
            if (project / watched).exists():
                server.watch(str(project / watched))
        server.serve()
    except KeyboardInterrupt:
        echo("Stopped.")
    finally:
        server.shutdown()
        preview.close()


def _stop(signum: int, frame: object) -> None:
    """Stopped by `kill` (a terminal's Ctrl-C raises this already): end as after Ctrl-C, so the
    workers and the preview's temporary folder go with the server."""
    raise KeyboardInterrupt
