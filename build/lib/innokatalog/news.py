"""News: posts (Markdown with front matter) → listing, latest posts and Atom feeds."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml
from feedgen.feed import FeedGenerator

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
NEWS_DIR = "news"


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
