"""News: posts (Markdown with front matter) → findings, listing, latest posts and Atom feeds.

A post is `site/news/<name>.md` (Swedish) with its English twin `site/news/<name>.en.md`. Its front
matter is checked against `schema/news.schema.json` with the same loader and messages as entries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from feedgen.feed import FeedGenerator

from .findings import ERROR, WARNING, Finding, did_you_mean, display_path
from .load import KIND_FOLDERS, Entry, _Refused, format_path, parse_entry, read_text
from .schema import SchemaSet

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
NEWS_DIR = "news"
PAGES_DIR = "site"
ENGLISH_SUFFIX = ".en.md"
KIND = "news"


@dataclass(frozen=True)
class Post:
    """One news post in one language."""

    src_uri: str
    title: str
    date: dt.date
    summary: str
    related: tuple[str, ...] = field(default_factory=tuple)

    @property
    def url(self) -> str:
        return self.src_uri.removesuffix(".md") + "/"


def parse_post(src_uri: str, text: str) -> Post:
    """A post from its Markdown source; the front matter gives title, date, summary, related."""
    match = _FRONT_MATTER.match(text)
    meta = yaml.safe_load(match.group(1)) if match else {}
    if not isinstance(meta, dict) or not {"title", "date", "summary"} <= set(meta):
        raise ValueError(f"{src_uri}: a news post needs 'title', 'date' and 'summary' in its front matter")
    date = meta["date"] if isinstance(meta["date"], dt.date) else dt.date.fromisoformat(str(meta["date"]))
    return Post(src_uri, str(meta["title"]), date, str(meta["summary"]), tuple(meta.get("related") or ()))


def is_post(src_uri: str) -> bool:
    return src_uri.startswith(f"{NEWS_DIR}/") and src_uri.endswith(".md") and not src_uri.endswith("index.md")


def newest_first(posts: list[Post]) -> list[Post]:
    return sorted(posts, key=lambda post: (post.date, post.src_uri), reverse=True)


def atom_feed(posts: list[Post], site_url: str, lang: str, title: str, subtitle: str) -> bytes:
    """An Atom feed of the posts with absolute links."""
    feed = FeedGenerator()
    feed.id(site_url + "feed.xml")
    feed.title(title)
    feed.subtitle(subtitle)
    feed.language(lang)
    feed.link(href=site_url + f"{NEWS_DIR}/", rel="alternate")
    feed.link(href=site_url + "feed.xml", rel="self")
    newest = newest_first(posts)
    updated = newest[0].date if newest else dt.date(2000, 1, 1)
    feed.updated(dt.datetime.combine(updated, dt.time(), dt.UTC))
    for post in reversed(newest):
        entry = feed.add_entry()
        link = site_url + post.url
        entry.id(link)
        entry.title(post.title)
        entry.link(href=link)
        entry.summary(post.summary)
        moment = dt.datetime.combine(post.date, dt.time(), dt.UTC)
        entry.published(moment)
        entry.updated(moment)
    return feed.atom_str(pretty=True)


def news_dir(project_root: Path) -> Path:
    """The folder of the hand-written news posts: site/news/."""
    return project_root / PAGES_DIR / NEWS_DIR


def is_post_file(path: Path) -> bool:
    return path.suffix == ".md" and path.name not in ("index.md", "index" + ENGLISH_SUFFIX)


def twin_of(path: Path) -> Path:
    """The post in the other language: x.md ↔ x.en.md."""
    if path.name.endswith(ENGLISH_SUFFIX):
        return path.with_name(path.name.removesuffix(ENGLISH_SUFFIX) + ".md")
    return path.with_name(path.name.removesuffix(".md") + ENGLISH_SUFFIX)


def _shifted(table: dict, lines: int) -> dict:
    return {path: (line + lines, column) for path, (line, column) in table.items()}


def read_post(path: Path) -> tuple[Entry | None, list[Finding]]:
    """A post's front matter as an entry of kind `news` with real positions, or the finding why not."""
    file = display_path(path)
    try:
        match = _FRONT_MATTER.match(read_text(path))
    except _Refused as refused:
        return None, [refused.finding(file)]
    if match is None:
        message = (
            "a news post starts with a line '---', then the lines 'title:', 'date:' and 'summary:' "
            "(and 'related:' if it is about entries), then another line '---' before the text"
        )
        return None, [Finding(file, 1, 1, ERROR, "news-front-matter", message)]
    try:
        data, positions, key_positions, findings = parse_entry(match.group(1) + "\n", file)
    except _Refused as refused:  # the front matter starts on the file's second line
        return None, [refused.finding(file, line_offset=1)]
    findings = [dataclasses.replace(f, line=f.line + 1) for f in findings]
    if not isinstance(data, dict):
        return None, [
            *findings,
            Finding(file, 2, 1, ERROR, "not-a-mapping", "the front matter must be lines of 'field: value'"),
        ]
    stem = path.name.removesuffix(ENGLISH_SUFFIX).removesuffix(".md")
    return Entry(KIND, stem, path, data, _shifted(positions, 1), _shifted(key_positions, 1)), findings


def _related_findings(entry: Entry, known: set[tuple[str, str]]) -> Iterable[Finding]:
    """A warning for each `related` id that is no entry: the link is left out, not the post."""
    related = entry.data.get("related")
    for index, target in enumerate(related if isinstance(related, list) else []):
        folder, _, target_id = target.partition("/") if isinstance(target, str) else ("", "", "")
        kind = KIND_FOLDERS.get(folder)
        if kind is None or (kind, target_id) in known:
            continue  # a malformed value is the schema's finding
        hint = did_you_mean(target_id, {i for k, i in known if k == kind})
        pos = entry.position_of(("related", index))
        yield Finding(
            entry.display_path,
            pos.line,
            pos.column,
            WARNING,
            "unknown-related",
            f"'{format_path(('related', index))}' refers to {kind} '{target_id}', which does not exist, "
            f"so no entry's page links to the post from there{hint}",
            format_path(("related", index)),
        )


def validate_posts(
    posts: list[Path] | None, folder: Path | None, schemas: SchemaSet, known: set[tuple[str, str]]
) -> tuple[list[Finding], int]:
    """Findings for the posts named (else every post in `folder`), and how many files were read.

    `known` holds the (kind, id) of every entry, for the `related` lists. A Swedish post without an
    English twin, or the other way round, is a warning: the post is missing in one language.
    """
    from .validate import _SchemaErrors

    files = posts if posts is not None else sorted(p for p in folder.glob("*.md") if is_post_file(p))
    converter = _SchemaErrors(schemas) if KIND in schemas.validators else None
    findings: list[Finding] = []
    for path in files:
        entry, file_findings = read_post(path)
        findings += file_findings
        if entry is not None:
            if converter is not None:
                findings += converter.findings(entry)
            findings += _related_findings(entry, known)
        twin = twin_of(path)
        if not twin.is_file():
            english = path.name.endswith(ENGLISH_SUFFIX)
            findings.append(
                Finding(
                    display_path(path),
                    1,
                    1,
                    WARNING,
                    "missing-translation",
                    f"this post has no {'Swedish' if english else 'English'} version, so it is missing on "
                    f"the {'Swedish' if english else 'English'} site: add {display_path(twin)}",
                )
            )
    return findings, len(files)
