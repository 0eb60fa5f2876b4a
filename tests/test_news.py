"""News: front matter parsing and Atom feeds with absolute links that a feed parser reads."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest

from innokatalog.news import atom_feed, is_post, parse_post

POST = "---\ntitle: Första bokslutet\ndate: 2018-01-01\nsummary: Kort.\nrelated: [projects/p1]\n---\nText.\n"


def test_parse_post() -> None:
    post = parse_post("news/forsta.md", POST)
    assert (post.title, post.date, post.related, post.url) == (
        "Första bokslutet",
        dt.date(2018, 1, 1),
        ("projects/p1",),
        "news/forsta/",
    )


def test_post_without_front_matter_is_refused() -> None:
    with pytest.raises(ValueError, match="needs 'title', 'date' and 'summary'"):
        parse_post("news/x.md", "Just text")


def test_is_post() -> None:
    assert is_post("news/x.md") and not is_post("news/index.md") and not is_post("om.md")


def test_feed_parses_with_absolute_links() -> None:
    feed = feedparser.parse(
        atom_feed([parse_post("news/forsta.md", POST)], "https://example.org/", "sv", "Katalog", "Nyheter")
    )
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Katalog"
    assert [(e.title, e.link) for e in feed.entries] == [
        ("Första bokslutet", "https://example.org/news/forsta/")
    ]
