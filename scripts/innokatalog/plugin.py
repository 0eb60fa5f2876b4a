"""Plugin: hands the rendered catalogue pages to MkDocs, one language per build.

Registered as the MkDocs plugin `catalogue`, so plain `mkdocs build` and `mkdocs serve` give the
same site as `catalogue build`. The Swedish build runs first at the root; when it is done it runs the
English build into `en/`, then indexes both with Pagefind and writes the open-data files.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import posixpath
import re
import subprocess
import sys
from html import escape as html_escape
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from . import export, i18n, news
from .findings import Summary, sort_findings
from .load import load_catalogue
from .model import Catalogue, Item
from .render import Page, Renderer, relative_url
from .schema import SchemaSet, SchemaSetError
from .validate import Options, validate

log = logging.getLogger("mkdocs.plugins.catalogue")
THEME_DIR = Path(__file__).parent / "theme"
_LANGUAGE_SUFFIX = re.compile(r"\.(?P<lang>[a-z]{2})\.md$")
# Open data and JSON-LD need absolute addresses; without a `site_url` they name this placeholder.
DEFAULT_SITE_URL = "https://catalogue.example.org/"
_MARKER = re.compile(r"<!--\s*catalogue:(?P<name>[a-z-]+)\s*-->")


class CatalogueConfig(Config):
    catalogue_dir = config_options.Type(str, default="catalogue")
    schema_dir = config_options.Type(str, default="schema")
    languages = config_options.Type(list, default=list(i18n.LANGUAGES))
    pagefind = config_options.Type(bool, default=True)


class CatalogueError(PluginError):
    """The catalogue has errors; the build stops and the previous output stays."""


def load_valid_catalogue(root: Path, catalogue_dir: str, schema_dir: str) -> tuple[Catalogue, SchemaSet]:
    """Load and validate; raise with the findings as text if any is an error."""
    try:
        schemas = SchemaSet(root / schema_dir)
    except SchemaSetError as error:
        raise CatalogueError(f"the schemas cannot be used, nothing was built: {error}") from None
    loaded = load_catalogue(root / catalogue_dir)
    findings = sort_findings(validate(loaded, schemas, Options()))
    errors = [f for f in findings if f.is_error]
    if errors:
        lines = [f"{f.path}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.code}]" for f in errors]
        summary = Summary.of(findings, loaded.files)
        raise CatalogueError(
            "the catalogue has errors, nothing was built:\n" + "\n".join(lines) + f"\n{summary}"
        )
    return Catalogue(loaded.entries), schemas


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        self.rendered: dict[str, Page] = {}
        self.lang = i18n.DEFAULT_LANGUAGE
        self.catalogue: Catalogue | None = None
        self.schemas: SchemaSet | None = None
        self.posts: list[news.Post] = []
        self.extra_files: dict[str, str] = {}
        self.entries_by_url: dict[str, Item] = {}
        self.site_root = "/"
        self.preloaded: tuple[Catalogue, SchemaSet] | None = None

    @property
    def root(self) -> Path:
        return Path(self._config_file).parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._config_file = config.config_file_path
        self.lang = (
            config.theme["language"] if config.theme["language"] in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        )
        config.site_name = i18n.t("site_name", self.lang)
        config.site_description = i18n.t("site_description", self.lang)
        for option in config.theme.get("palette") or []:
            if isinstance(option, dict) and isinstance(option.get("toggle"), dict):
                option["toggle"]["name"] = i18n.t(f"palette_{option.get('scheme', 'default')}", self.lang)
        if str(THEME_DIR) not in config.theme.dirs:
            position = 1 if config.theme.custom_dir else 0
            config.theme.dirs.insert(position, str(THEME_DIR))
        return config

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.globals["catalogue_t"] = lambda key, **values: i18n.t(key, self.lang, **values)
        return env

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Validate before MkDocs cleans the output folder, so an invalid catalogue leaves it as it was.

        A catalogue validated moments ago for this build (`preloaded`) is used once instead.
        """
        if self.preloaded is not None:
            (self.catalogue, self.schemas), self.preloaded = self.preloaded, None
        else:
            self.catalogue, self.schemas = load_valid_catalogue(
                self.root, self.config.catalogue_dir, self.config.schema_dir
            )
        self.entries_by_url = {item.url: item for item in self.catalogue.all()}
        site_url = config.site_url or ""
        if self.lang != i18n.DEFAULT_LANGUAGE:
            site_url = site_url.removesuffix(f"{self.lang}/")
        self.site_root = site_url if site_url.startswith(("https://", "http://")) else DEFAULT_SITE_URL

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.catalogue is not None and self.schemas is not None
        self._split_languages(files, config)
        try:
            posts = [news.parse_post(f.src_uri, f.content_string) for f in files if news.is_post(f.src_uri)]
        except ValueError as error:
            raise PluginError(str(error)) from None
        self.posts = posts
        self.renderer = Renderer(self.catalogue, self.schemas, self.lang, posts)
        report_pages, self.extra_files = self.renderer.report_pages(dt.date.today())
        # the main menu (theme/main.html) links the newest yearly report
        config.extra["catalogue_latest_report"] = self.renderer.latest_report_path(dt.date.today())
        self.rendered = {}
        for page in self.renderer.pages() + report_pages:
            self.rendered[page.src_uri] = page
            # The theme prints title and description into the head without escaping them.
            title, description = html_escape(page.title), html_escape(page.description)
            front_matter = f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\n---\n"
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=front_matter))
        return files

    def _split_languages(self, files: Files, config: MkDocsConfig) -> None:
        """Keep this build's language: `x.en.md` becomes `x.md` in the English build.

        Translations are added after all removals, so removing the Swedish `x.md`
        cannot take its freshly added English replacement with it.
        """
        translations = []
        for file in list(files):
            if not file.src_uri.endswith(".md") or file.generated_by:
                continue
            match = _LANGUAGE_SUFFIX.search(file.src_uri)
            page_lang = match["lang"] if match else i18n.DEFAULT_LANGUAGE
            if page_lang == self.lang and self.lang == i18n.DEFAULT_LANGUAGE:
                continue
            files.remove(file)
            if page_lang == self.lang:
                plain = file.src_uri[: match.start()] + ".md"
                translations.append(File.generated(config, plain, abs_src_path=file.abs_src_path))
        for file in translations:
            files.append(file)

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        url = page.url
        other = [lang for lang in self.config.languages if lang != self.lang][0]
        if self.lang == i18n.DEFAULT_LANGUAGE:
            alternate = relative_url(url, f"{other}/{url}")
        else:
            alternate = relative_url(f"{self.lang}/{url}", url)
        page.meta["catalogue_lang"] = self.lang
        page.meta["catalogue_other_lang"] = other
        page.meta["catalogue_alternate"] = alternate
        page.meta["catalogue_other_label"] = i18n.t("other_language", self.lang)
        item = self.entries_by_url.get(url)
        if item is not None:
            structured = export.jsonld_for(
                item, self.catalogue, self.site_root, self.lang, schemas=self.schemas
            )
            page.meta["catalogue_jsonld"] = export.script_json(structured)
        return markdown

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        rendered = self.rendered.get(page.file.src_uri)
        if rendered is not None:
            return rendered.html
        html = _MARKER.sub(lambda m: self.marker(m["name"], page), html)
        return f"<div data-pagefind-body>{html}</div>"

    def marker(self, name: str, page: MkDocsPage) -> str:
        """Live content for a `<!-- catalogue:name -->` marker in a hand-written page."""
        assert self.catalogue is not None
        if name == "news":
            return self.renderer.latest_news(page.url)
        if name == "featured":
            return self.renderer.featured(page.url)
        if name == "latest-report":
            return self.renderer.latest_report_link(page.url, dt.date.today())
        if name == "accessibility-test":
            return accessibility_test_html(self.root / ACCESSIBILITY_REPORT, self.lang)
        if name == "figures":
            counts = [
                (kind, len(self.catalogue.of_kind(kind[:-1])))
                for kind in ("testbeds", "projects", "contacts", "units")
            ]
            items = "".join(
                f'<li><a href="{relative_url(page.url, kind + "/")}"><strong>{count}</strong> '
                f"{i18n.t(kind, self.lang).lower()}</a></li>"
                for kind, count in counts
            )
            return f'<ul class="catalogue-figures">{items}</ul>'
        return ""

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for folder in (self.config.catalogue_dir, self.config.schema_dir):
            server.watch(str(self.root / folder))
        return server

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        assert self.catalogue is not None
        write_redirects(self.catalogue, site_dir, self.lang)
        for relative, text in self.extra_files.items():
            (site_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / relative).write_text(text, encoding="utf-8")
        site_url = config.site_url or "/"
        feed_texts = (i18n.t("site_name", self.lang), i18n.t("news", self.lang))
        (site_dir / "feed.xml").write_bytes(news.atom_feed(self.posts, site_url, self.lang, *feed_texts))
        if self.lang != i18n.DEFAULT_LANGUAGE:
            return
        for lang in self.config.languages:
            if lang != self.lang:
                build_language(config, lang, site_dir / lang, (self.catalogue, self.schemas))
        assert self.schemas is not None
        generated = dt.datetime.now(dt.UTC).replace(microsecond=0)
        documents = export.export_documents(self.catalogue, self.schemas, self.site_root, generated)
        export.write_exports(documents, site_dir / export.DATA_DIR)
        if self.config.pagefind:
            index_site(site_dir)


ACCESSIBILITY_REPORT = Path(".cache") / "accessibility-report.json"


def accessibility_test_html(path: Path, lang: str) -> str:
    """The latest automated accessibility run, as the browser tests recorded it."""
    sv = lang == "sv"
    try:
        run = json.loads(path.read_text(encoding="utf-8"))
        date = i18n.format_date(run["date"], lang)
        pages, tool, violations = len(run["pages"]), str(run["tool"]), int(run["violations"])
    except (OSError, ValueError, KeyError, TypeError):
        return (
            "<p>Ingen automatisk tillgänglighetstest har körts i det här bygget.</p>"
            if sv
            else "<p>No automated accessibility test has been run for this build.</p>"
        )
    if sv:
        text = (
            f"Senaste automatiska test: {date}, med {tool} mot WCAG 2.1 nivå AA på {pages} sidor "
            f"i båda språken. Antal fel: {violations}."
        )
    else:
        text = (
            f"Latest automated test: {date}, with {tool} against WCAG 2.1 level AA on {pages} pages "
            f"in both languages. Violations: {violations}."
        )
    return f'<p class="catalogue-a11y-run">{html_escape(text)}</p>'


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


def build_language(
    config: MkDocsConfig, lang: str, site_dir: Path, validated: tuple[Catalogue, SchemaSet]
) -> None:
    """Run the same build for another language into `site_dir`, from the catalogue already validated."""
    other = load_config(config_file=config.config_file_path, site_dir=str(site_dir), strict=config.strict)
    other.theme["language"] = lang
    other.site_url = posixpath.join(config.site_url or "/", lang) + "/"
    other.plugins["catalogue"].config.pagefind = False
    other.plugins["catalogue"].preloaded = validated
    mkdocs_build(other)


def index_site(site_dir: Path) -> None:
    """Build the Pagefind index (one per page language) into `site_dir/pagefind`."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise PluginError(f"Pagefind failed:\n{result.stdout}\n{result.stderr}")
    log.info("Pagefind indexed %s", site_dir)
