"""Generate: the catalogue and the hand-written pages → one page tree per language, as files.

Every page a site engine builds is written here, before any engine runs, so an engine only has to
turn Markdown files into HTML: no catalogue logic lives in an engine's hooks, and MkDocs and
Zensical build the same site from the same tree. A tree maps a path below the language's docs
folder to its content: text, bytes, or a `Path` to copy (a stylesheet, an image).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path
from typing import Any

import yaml

from . import export, feeds, i18n, news, report
from .engines.passthrough import MARKER as FINISHED_HTML
from .history import History, configured_repo_url, read_history
from .model import Catalogue, Item
from .render import Page, Renderer, relative_url
from .schema import SchemaSet


@dataclass(frozen=True)
class PageFile:
    """A generated page before it is written: its front matter and its finished HTML."""

    meta: dict[str, Any]
    body: str

    def text(self) -> str:
        return page_file(self.meta, f"{FINISHED_HTML}\n{self.body}\n")


Content = str | bytes | Path | PageFile
_LANGUAGE_SUFFIX = re.compile(r"\.(?P<lang>[a-z]{2})\.md$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_MARKER = re.compile(r"<!--\s*catalogue:(?P<name>[a-z-]+)\s*-->")
ACCESSIBILITY_REPORT = Path(".cache") / "accessibility-report.json"


@dataclass(frozen=True)
class Sources:
    """What generation reads besides the catalogue, read at the edge by the build."""

    pages: Mapping[str, str]  # hand-written Markdown below `site/`: path → text
    static: Mapping[str, Path]  # every other file below `site/`: path → file
    accessibility_run: dict[str, Any] | None = None  # the latest browser-test run, if any
    published: Mapping[int, report.Report] = field(default_factory=dict)  # frozen yearly reports
    history: History | None = None  # the catalogue's git log, where the project has its history


@dataclass
class LanguageTree:
    """One language's docs folder for an engine, and the settings the engine is given for it."""

    lang: str
    files: dict[str, Content] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)  # every page's address, those not in `files` too


def split_language(path: str) -> tuple[str, str]:
    """`om.en.md` → (`om.md`, `en`); `om.md` → (`om.md`, `sv`): a page's path and language."""
    match = _LANGUAGE_SUFFIX.search(path)
    if match is None:
        return path, i18n.DEFAULT_LANGUAGE
    return path[: match.start()] + ".md", match["lang"]


def read_sources(pages_dir: Path, project: Path) -> Sources:
    """Everything below `pages_dir`, the published reports and the accessibility run of `project`.

    An unreadable published report raises `report.ReportError`.
    """
    pages: dict[str, str] = {}
    static: dict[str, Path] = {}
    for path in sorted(pages_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(pages_dir).as_posix()
        if relative.endswith(".md"):
            pages[relative] = path.read_text(encoding="utf-8")
        else:
            static[relative] = path
    try:
        run = json.loads((project / ACCESSIBILITY_REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        run = None
    published = report.published_reports(project / report.REPORTS_DIR)
    history = read_history(project, "catalogue", configured_repo_url(project))
    return Sources(pages, static, run if isinstance(run, dict) else None, published, history)


def posts_of(sources: Sources, lang: str) -> list[news.Post]:
    """The news posts written in `lang`, with their paths as they are in that language's tree."""
    posts = []
    for path, text in sources.pages.items():
        plain, page_lang = split_language(path)
        if page_lang == lang and news.is_post(plain):
            posts.append(news.parse_post(plain, text))
    return posts


def language_root(site_url: str, lang: str) -> str:
    """The address of a language's tree: the site's for Swedish, `<site>/en/` for English."""
    return site_url if lang == i18n.DEFAULT_LANGUAGE else f"{site_url}{lang}/"


def engine_settings(lang: str, site_url: str) -> dict[str, Any]:
    """Per-language settings every engine applies: names, language, address and interface texts."""
    root = language_root(site_url, lang)
    return {
        "site_name": i18n.t("site_name", lang),
        "site_description": i18n.t("site_description", lang),
        "site_url": root,
        "language": lang,
        "palette_names": {scheme: i18n.t(f"palette_{scheme}", lang) for scheme in ("default", "slate")},
        "texts": {key: texts[lang] for key, texts in i18n.TEXTS.items()},
    }


def alternate_meta(url: str, lang: str) -> dict[str, str]:
    """The link from a page to the same page in the other language."""
    other = next(code for code in i18n.LANGUAGES if code != lang)
    if lang == i18n.DEFAULT_LANGUAGE:
        alternate = relative_url(url, f"{other}/{url}")
    else:
        alternate = relative_url(f"{lang}/{url}", url)
    return {
        "catalogue_lang": lang,
        "catalogue_other_lang": other,
        "catalogue_alternate": alternate,
        "catalogue_other_label": i18n.t("other_language", lang),
    }


def page_file(meta: Mapping[str, Any], body: str) -> str:
    """A Markdown file: front matter (as JSON, which is YAML) and then the body."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def url_of(path: str) -> str:
    """The directory URL MkDocs and Zensical give the page at `path`."""
    return Page(path, "", "").url


class Generator:
    """Writes one language's tree: generated pages, hand-written pages with live parts, static files."""

    def __init__(
        self,
        catalogue: Catalogue,
        schemas: SchemaSet,
        sources: Sources,
        lang: str,
        site_url: str,
        today: dt.date,
    ) -> None:
        self.catalogue, self.schemas, self.sources = catalogue, schemas, sources
        self.lang, self.site_url, self.today = lang, site_url, today
        self.posts = posts_of(sources, lang)
        self.renderer = Renderer(
            catalogue,
            schemas,
            lang,
            self.posts,
            published=dict(sources.published),
            history=sources.history,
            today=today,
        )
        self.entries_by_url: dict[str, Item] = {item.url: item for item in catalogue.all()}

    def tree(self, entries: list[Item] | None = None) -> LanguageTree:
        """The whole tree; with `entries`, only those entries' pages beside everything else.

        A preview passes the entries a change touched: the other entry pages are as they were.
        """
        tree = LanguageTree(self.lang, settings=engine_settings(self.lang, self.site_url))
        tree.files.update(self.sources.static)
        for path, text in self.sources.pages.items():
            plain, page_lang = split_language(path)
            if page_lang == self.lang:
                tree.files[plain] = self.handwritten_page(plain, text)
        report_pages, extra_files = self.renderer.report_pages(self.today)
        entry_pages = [
            self.renderer.entry_page(item)
            for item in self.catalogue.all()
            if entries is None or item in entries
        ]
        for page in entry_pages + self.renderer.overview_pages() + report_pages:
            tree.files[page.src_uri] = self.generated_page(page)
        tree.files.update(extra_files)
        tree.files["feed.xml"] = self.feed()
        root_url = language_root(self.site_url, self.lang)
        tree.files.update(feeds.entry_feeds(self.catalogue, root_url, self.lang, self.sources.history))
        tree.files.update(self.renderer.embed_files())
        pages = {url_of(path) for path in tree.files if path.endswith(".md")}
        tree.urls = sorted(pages | {item.url for item in self.catalogue.all()})
        return tree

    def generated_page(self, page: Page) -> PageFile:
        # The themes print title and description into the head without escaping them.
        meta: dict[str, Any] = {
            "title": html_escape(page.title),
            "description": html_escape(page.description),
            **alternate_meta(page.url, self.lang),
        }
        item = self.entries_by_url.get(page.url)
        if item is not None:
            structured = export.jsonld_for(
                item, self.catalogue, self.site_url, self.lang, schemas=self.schemas
            )
            meta["catalogue_jsonld"] = export.script_json(structured)
        return PageFile(meta, page.html)

    def handwritten_page(self, path: str, text: str) -> str:
        """The page with its live parts filled in, its content marked for search, and its meta."""
        match = _FRONT_MATTER.match(text)
        meta = yaml.safe_load(match.group(1)) if match else {}
        body = text[match.end() :] if match else text
        url = url_of(path)
        body = _MARKER.sub(lambda m: self.marker(m["name"], url), body)
        meta = {**(meta if isinstance(meta, dict) else {}), **alternate_meta(url, self.lang)}
        if isinstance(meta.get("date"), dt.date):
            if news.is_post(path):  # a post says when it was published, above its text
                shown = html_escape(i18n.format_date(meta["date"], self.lang))
                label = html_escape(i18n.t("published", self.lang))
                body = f'<p class="news-post__date">{label} <time datetime="{meta["date"].isoformat()}">{shown}</time></p>\n\n{body}'
            meta["date"] = meta["date"].isoformat()
        return page_file(meta, f"<div data-pagefind-body markdown>\n\n{body}\n\n</div>\n")

    def marker(self, name: str, page_url: str) -> str:
        """Live content for a `<!-- catalogue:name -->` marker in a hand-written page."""
        if name == "news":
            return self.renderer.latest_news(page_url)
        if name == "featured":
            return self.renderer.featured(page_url)
        if name == "latest-report":
            return self.renderer.latest_report_link(page_url, self.today)
        if name == "accessibility-test":
            return accessibility_test_html(self.sources.accessibility_run, self.lang)
        if name == "figures":
            counts = [
                (kind, len(self.catalogue.of_kind(kind[:-1])))
                for kind in ("testbeds", "projects", "contacts", "units")
            ]
            items = "".join(
                f'<li><a href="{relative_url(page_url, kind + "/")}"><strong>{count}</strong> '
                f"{i18n.t(kind, self.lang).lower()}</a></li>"
                for kind, count in counts
            )
            return f'<ul class="catalogue-figures">{items}</ul>'
        return ""

    def feed(self) -> bytes:
        site_root = language_root(self.site_url, self.lang)
        texts = (i18n.t("site_name", self.lang), i18n.t("news", self.lang))
        return news.atom_feed(self.posts, site_root, self.lang, *texts)


def accessibility_test_html(run: dict[str, Any] | None, lang: str) -> str:
    """The latest automated accessibility run, as the browser tests recorded it."""
    sv = lang == "sv"
    none_run = (
        "<p>Inget automatiskt tillgänglighetstest har körts i det här bygget.</p>"
        if sv
        else "<p>No automated accessibility test has been run for this build.</p>"
    )
    if run is None:
        return none_run
    try:
        date = i18n.format_date(run["date"], lang)
        pages, tool, violations = len(run["pages"]), str(run["tool"]), int(run["violations"])
    except (ValueError, KeyError, TypeError):
        return none_run
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


def write_tree(files: Mapping[str, Content], folder: Path, *, only_changed: bool = False) -> list[str]:
    """Write a tree below `folder`; with `only_changed`, leave files whose content is the same.

    Untouched files keep their modification time, so an engine building "dirty" skips them.
    Returns the paths written.
    """
    written = []
    for relative, content in files.items():
        target = folder / relative
        data = content.read_bytes() if isinstance(content, Path) else content
        data = data.text() if isinstance(data, PageFile) else data
        data = data.encode("utf-8") if isinstance(data, str) else data
        if only_changed and target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(relative)
    return written
