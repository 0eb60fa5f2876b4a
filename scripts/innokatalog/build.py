"""Build: validate → generate (a page tree per language) → engine (both languages at once) → redirects,
Pagefind and open data → swap into place.

Everything is written into a temporary folder beside the output and moved into place only when
complete, so a failed build leaves the previous output untouched.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import pickle
import shutil
import tempfile
import tomllib
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import export, i18n, index, news, stamp
from .engines import DEFAULT_ENGINE, ENGINES, EngineError, EngineJob, get_engine
from .findings import Summary, sort_findings
from .generate import (
    Generator,
    LanguageTree,
    Sources,
    alternate_meta,
    language_root,
    read_sources,
    write_tree,
)
from .load import LoadCache, load_catalogue
from .model import Catalogue, Item
from .parallel import forking_allowed
from .render import SEARCH_PAGE, relative_url
from .report import ReportError
from .schema import SchemaSet, SchemaSetError
from .sitemap import sitemap_files
from .validate import Options, validate

CONFIG_FILE = "mkdocs.yml"
# Open data and JSON-LD need absolute addresses; without a `site_url` they name this placeholder.
DEFAULT_SITE_URL = "https://catalogue.example.org/"


class CatalogueError(Exception):
    """The catalogue has errors, or the site could not be built; the previous output stays."""


@dataclass(frozen=True)
class ProjectSettings:
    """Where things are and which engine builds them: `mkdocs.yml` and `[tool.catalogue]`."""

    root: Path
    docs_dir: str = "site"
    site_dir: str = "public"
    site_url: str = DEFAULT_SITE_URL
    engine: str = DEFAULT_ENGINE
    catalogue_dir: str = "catalogue"
    schema_dir: str = "schema"
    languages: tuple[str, ...] = field(default=i18n.LANGUAGES)
    nav_pages: tuple[str, ...] = ()  # the pages `nav` in mkdocs.yml names

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE


def project_settings(
    root: Path, *, engine: str | None = None, site_url: str | None = None
) -> ProjectSettings:
    """Read the project's settings; an option given on the command line wins."""
    try:
        config = yaml.safe_load((root / CONFIG_FILE).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CatalogueError(f"{root / CONFIG_FILE} cannot be read: {error}") from None
    try:
        with open(root / "pyproject.toml", "rb") as file:
            tool = tomllib.load(file).get("tool", {}).get("catalogue", {})
    except OSError:
        tool = {}
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{root / 'pyproject.toml'} cannot be read: {error}") from None
    chosen_engine = engine or os.environ.get("CATALOGUE_ENGINE") or tool.get("engine") or DEFAULT_ENGINE
    if chosen_engine not in ENGINES:
        raise CatalogueError(f"unknown site engine {chosen_engine!r}; choose one of {', '.join(ENGINES)}")
    url = site_url or os.environ.get("CATALOGUE_SITE_URL") or config.get("site_url") or DEFAULT_SITE_URL
    return ProjectSettings(
        root=root,
        docs_dir=str(config.get("docs_dir", "site")),
        site_dir=str(config.get("site_dir", "public")),
        site_url=url.rstrip("/") + "/",
        engine=chosen_engine,
        nav_pages=tuple(nav_pages(config.get("nav"))),
    )


def nav_pages(nav: object) -> list[str]:
    """The page paths in a `nav` setting, at any depth (`- page.md`, `- Title: page.md`, sections)."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [path for item in nav for path in nav_pages(item)]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_pages(value)]
    return []


def load_valid_catalogue(
    root: Path, catalogue_dir: str, schema_dir: str, cache: LoadCache | None = None
) -> tuple[Catalogue, SchemaSet]:
    """Load and validate; raise with the findings as text if any is an error. (`cache`: see load.)"""
    try:
        schemas = SchemaSet(root / schema_dir)
    except SchemaSetError as error:
        raise CatalogueError(f"the schemas cannot be used, nothing was built: {error}") from None
    loaded = load_catalogue(root / catalogue_dir, cache)
    findings = validate(loaded, schemas, Options())
    posts = news.news_dir((root / catalogue_dir).resolve().parent)  # the posts beside this catalogue
    if posts.is_dir():  # a broken post is a finding here, not a traceback in the engine
        known = {(entry.kind, entry.id) for entry in loaded.entries}
        findings += news.validate_posts(None, posts, schemas, known)[0]
    findings = sort_findings(findings)
    errors = [f for f in findings if f.is_error]
    if errors:
        lines = [f"{f.path}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.code}]" for f in errors]
        summary = Summary.of(findings, loaded.files)
        raise CatalogueError(
            "the catalogue has errors, nothing was built:\n" + "\n".join(lines) + f"\n{summary}"
        )
    return Catalogue(loaded.entries), schemas


@dataclass
class Workspace:
    """The folders of one build: a docs tree and an output per language, then the assembled site."""

    folder: Path

    def docs(self, lang: str) -> Path:
        return self.folder / lang / "docs"

    def output(self, lang: str) -> Path:
        return self.folder / lang / "site"

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def search(self, lang: str) -> Path:
        """The folder Pagefind reads for `lang` (see index)."""
        return self.folder / lang / "search"

    def search_documents(self, lang: str) -> Path:
        """Where `lang`'s search documents go: at their pages' addresses below `search`."""
        return language_dir(self.search(lang), lang)


def language_dir(site: Path, lang: str) -> Path:
    """Where a language's pages go in a site: the default language at the root, others below `<lang>/`."""
    return site if lang == i18n.DEFAULT_LANGUAGE else site / lang


# Set in the parent before the workers fork, so they share the catalogue instead of receiving a copy.
_SHARED: dict[str, object] = {}


def _build_shared_language(lang: str) -> None:
    """A language in a worker forked for this build, which shares the parent's input."""
    job_input = _SHARED["input"]
    assert isinstance(job_input, BuildInput)
    build_language(job_input, lang)


def _build_sent_language(sent_input: bytes, lang: str) -> None:
    """A language in a standing worker, which gets the input pickled."""
    build_language(pickle.loads(sent_input), lang)


def build_language(job_input: BuildInput, lang: str) -> None:
    """One language, in its own process: generate its tree, write it, run the engine on it, stamp the
    pages of shared layouts (see stamp) and write the sitemap."""
    tree = job_input.generator(lang).tree(entries=job_input.entries)
    layouts = []
    if job_input.stamping:
        layouts = stamp.plan(
            tree.files, lambda url: alternate_meta(url, lang), keep=job_input.settings.nav_pages
        )
    docs = job_input.workspace.docs(lang)
    if job_input.dirty:
        stamp.remove_stale_shells(docs, layouts)
    write_tree(tree.files, docs, only_changed=job_input.dirty)
    by_engine = stamp.engine_urls(tree.files, layouts)
    tree.files.clear()  # on disk now: the engine reads the files, and the process needs the memory
    run_engine(job_input, tree)
    output = job_input.workspace.output(lang)
    search = job_input.workspace.search_documents(lang)
    for url, html, page in stamp.stamped_pages(layouts, output):
        (output / url).mkdir(parents=True, exist_ok=True)
        (output / url / "index.html").write_text(html, encoding="utf-8")
        index.write_search_document(search, url, html, page.body)
    index.copy_searchable_pages(output, search, by_engine)
    root_url = language_root(job_input.settings.site_url, lang)
    write_tree(sitemap_files(tree.urls, root_url, job_input.today), output)


@dataclass(frozen=True)
class BuildInput:
    settings: ProjectSettings
    catalogue: Catalogue
    schemas: SchemaSet
    sources: Sources
    workspace: Workspace
    today: dt.date
    quiet: bool = True
    dirty: bool = False  # a preview's rebuild: write only changed files, and let the engine skip the rest
    entries: list[Item] | None = None  # the entries whose pages to render (None: all of them)
    stamping: bool = True  # False: the engine builds every page itself (to compare, see stamp)

    def generator(self, lang: str) -> Generator:
        return Generator(self.catalogue, self.schemas, self.sources, lang, self.settings.site_url, self.today)


def run_engine(job_input: BuildInput, tree: LanguageTree) -> None:
    engine = get_engine(job_input.settings.engine)
    engine.build(
        EngineJob(
            config_file=job_input.settings.config_file,
            docs_dir=job_input.workspace.docs(tree.lang),
            site_dir=job_input.workspace.output(tree.lang),
            settings=tree.settings,
            quiet=job_input.quiet,
            dirty=job_input.dirty,
        )
    )


def build_languages(
    job_input: BuildInput, languages: Iterable[str], workers: ProcessPoolExecutor | None = None
) -> None:
    """Every language at once, each in its own process (MkDocs and Zensical use one core each).

    The processes are forked for the build, or are the standing `workers` of a preview, which may
    no longer fork (see parallel.allow_forking); without either, one language after the other.
    """
    languages = list(languages)
    _SHARED["input"] = job_input
    try:
        if workers is not None:
            sent = pickle.dumps(job_input, protocol=pickle.HIGHEST_PROTOCOL)
            for future in [workers.submit(_build_sent_language, sent, lang) for lang in languages]:
                future.result()
        elif forking_allowed():
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=len(languages), mp_context=context) as pool:
                for future in [pool.submit(_build_shared_language, lang) for lang in languages]:
                    future.result()
        else:
            for lang in languages:
                build_language(job_input, lang)
    except (EngineError, stamp.StampError) as error:
        raise CatalogueError(f"the site could not be built: {error}") from None
    finally:
        _SHARED.clear()


def assemble(workspace: Workspace, languages: Iterable[str]) -> Path:
    """The default language at the root, every other one below `/<lang>/`."""
    site = workspace.site
    for lang in languages:
        if lang == i18n.DEFAULT_LANGUAGE:
            os.replace(workspace.output(lang), site)
    for lang in languages:
        if lang != i18n.DEFAULT_LANGUAGE:
            os.replace(workspace.output(lang), language_dir(site, lang))
    return site


def finish(site: Path, job_input: BuildInput, *, discard_documents: bool = False) -> None:
    """What comes after the engines: the search index over both languages, old addresses and open data.

    Pagefind runs in its own processes while this one writes the rest, so both cores stay busy.
    `discard_documents`: see index.index_site (a build keeps nothing; a preview keeps them).
    """
    folders = [job_input.workspace.search(lang) for lang in job_input.settings.languages]
    with ThreadPoolExecutor(max_workers=1) as background:
        indexing = background.submit(index.index_site, site, folders, discard_documents=discard_documents)
        for lang in job_input.settings.languages:
            write_redirects(job_input.catalogue, language_dir(site, lang), lang)
        generated = dt.datetime.now(dt.UTC).replace(microsecond=0)
        site_url = job_input.settings.site_url
        documents = export.export_documents(job_input.catalogue, job_input.schemas, site_url, generated)
        export.write_exports(documents, site / export.DATA_DIR)
        entry_documents = export.entry_json_documents(job_input.catalogue, job_input.schemas, site_url)
        write_tree(entry_documents, site / export.DATA_DIR)
        try:
            indexing.result()
        except index.SearchIndexError as error:
            raise CatalogueError(str(error)) from None
    index.preload_metadata(
        site,
        {
            lang: language_dir(site, lang) / SEARCH_PAGE / "index.html"
            for lang in job_input.settings.languages
        },
    )


def build_site(
    project: Path,
    output: Path | None = None,
    *,
    quiet: bool = True,
    engine: str | None = None,
    site_url: str | None = None,
    today: dt.date | None = None,
    stamping: bool = True,
) -> Path:
    """Build the site of the project at `project` into `output` (default: its `site_dir`)."""
    settings = project_settings(project, engine=engine, site_url=site_url)
    catalogue, schemas = load_valid_catalogue(project, settings.catalogue_dir, settings.schema_dir)
    try:
        sources = read_sources(project / settings.docs_dir, project)
    except ReportError as error:
        raise CatalogueError(str(error)) from None
    output = (output or project / settings.site_dir).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    workspace = Workspace(Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent)))
    job_input = BuildInput(
        settings, catalogue, schemas, sources, workspace, today or dt.date.today(), quiet, stamping=stamping
    )
    try:
        build_languages(job_input, settings.languages)
        site = assemble(workspace, settings.languages)
        finish(site, job_input, discard_documents=True)
        swap_into_place(site, output)
    finally:
        shutil.rmtree(workspace.folder, ignore_errors=True)
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


def redirect_html(target: str, lang: str) -> str:
    """A page that sends visitors (and search engines) from an old address to the new one."""
    label = "Sidan har flyttat" if lang == "sv" else "This page has moved"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{label}</title>'
        f'<meta http-equiv="refresh" content="0; url={target}"><link rel="canonical" href="{target}">'
        f'<meta name="robots" content="noindex"></head><body><p><a href="{target}">{label}</a></p></body></html>'
    )


def write_redirects(catalogue: Catalogue, site_dir: Path, lang: str) -> None:
    """Keep old URLs alive: each `previous_ids` entry gets a redirect page at its old address."""
    for item in catalogue.all():
        for old_id in item.get("previous_ids") or []:
            old_url = item.url.replace(f"/{item.id}/", f"/{old_id}/")
            target = relative_url(old_url, item.url)
            page = site_dir / old_url / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(redirect_html(target, lang), encoding="utf-8")
