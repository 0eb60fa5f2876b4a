"""News: front matter parsing and Atom feeds with absolute links that a feed parser reads."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from innokatalog.cli import main
from innokatalog.load import load_catalogue
from innokatalog.news import atom_feed, is_post, news_dir, parse_post, validate_posts
from innokatalog.schema import SchemaSet

from .conftest import PROJECT

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


# --- checking posts: `catalogue validate` reads site/news/ against schema/news.schema.json ---------

SV = (
    "---\ntitle: Första bokslutet\ndate: 2018-10-02\nsummary: Landstinget har gjort sitt första bokslut.\n"
    "related: [projects/vard-hemma]\n---\nText.\n"
)
EN = (
    "---\ntitle: The first report\ndate: 2018-10-02\nsummary: The county council made its first report.\n"
    "related: [projects/vard-hemma]\n---\nText.\n"
)


@pytest.fixture
def news(catalogue: Path) -> Path:
    """site/news/ with one post in both languages, beside the valid fixture catalogue."""
    folder = catalogue.parent / "site" / "news"
    folder.mkdir(parents=True)
    (folder / "bokslut.md").write_text(SV, encoding="utf-8")
    (folder / "bokslut.en.md").write_text(EN, encoding="utf-8")
    return folder


def validate_output(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def test_valid_posts_are_counted_and_pass(news: Path) -> None:
    assert validate_output("--strict") == (0, ["0 errors, 0 warnings in 6 files"])


def test_a_misspelt_field_is_reported_in_the_file_it_is_in(news: Path) -> None:
    (news / "bokslut.en.md").write_text(EN.replace("summary:", "sumary:"), encoding="utf-8")
    code, lines = validate_output()
    assert code == 1
    assert lines == [
        "site/news/bokslut.en.md:2:1: error: 'summary' is required (Summary): add it [required]",
        "site/news/bokslut.en.md:4:1: error: 'sumary' is not a field of a news post; did you mean "
        "'summary'? [unknown-field]",
        "2 errors, 0 warnings in 6 files",
    ]


def test_an_unknown_related_id_is_reported_not_dropped_silently(news: Path) -> None:
    (news / "bokslut.md").write_text(
        SV.replace("projects/vard-hemma", "projects/vard-hema"), encoding="utf-8"
    )
    code, lines = validate_output()
    assert code == 0  # the post itself is fine; only its link from the entry is left out
    assert lines == [
        "site/news/bokslut.md:5:11: warning: 'related[0]' refers to project 'vard-hema', which does not "
        "exist, so no entry's page links to the post from there; did you mean 'vard-hemma'? "
        "[unknown-related]",
        "0 errors, 1 warning in 6 files",
    ]
    assert validate_output("--strict")[0] == 1


def test_a_badly_written_related_id_names_the_form(news: Path) -> None:
    (news / "bokslut.md").write_text(SV.replace("projects/vard-hemma", "vard-hemma"), encoding="utf-8")
    code, lines = validate_output()
    assert (code, lines[0]) == (
        1,
        "site/news/bokslut.md:5:11: error: 'related[0]' must be a kind folder and an id, such as "
        "'testbeds/openlab' (got 'vard-hemma') [pattern]",
    )


def test_a_post_without_english_is_a_warning(news: Path) -> None:
    (news / "bokslut.en.md").unlink()
    code, lines = validate_output()
    assert code == 0
    assert lines == [
        "site/news/bokslut.md:1:1: warning: this post has no English version, so it is missing on the "
        "English site: add site/news/bokslut.en.md [missing-translation]",
        "0 errors, 1 warning in 5 files",
    ]
    assert validate_output("--strict")[0] == 1


def test_an_impossible_post_date_is_named(news: Path) -> None:
    (news / "bokslut.md").write_text(SV.replace("2018-10-02", "2018-13-02"), encoding="utf-8")
    assert validate_output()[1][0] == (
        "site/news/bokslut.md:3:7: error: 'date' is '2018-13-02', but month 13 does not exist: "
        "months are 01 to 12 [date]"
    )


def test_a_post_without_front_matter_says_how_to_start(news: Path) -> None:
    (news / "bokslut.md").write_text("# Rubrik\n\nText.\n", encoding="utf-8")
    code, lines = validate_output()
    assert code == 1
    assert lines[0].startswith("site/news/bokslut.md:1:1: error: a news post starts with a line '---'")


def test_a_yaml_mistake_in_front_matter_has_the_files_line(news: Path) -> None:
    (news / "bokslut.md").write_text(SV.replace("summary: Landstinget har", "summary: Nytt: landstinget har"))
    code, lines = validate_output()
    assert code == 1
    assert lines[0].startswith("site/news/bokslut.md:4:14: error: the text of 'summary' holds a colon")
    assert lines[1] == "  4 | summary: Nytt: landstinget har gjort sitt första bokslut."


def test_a_post_named_as_a_target_is_checked_alone(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (news / "bokslut.en.md").write_text(EN.replace("summary:", "sumary:"), encoding="utf-8")
    monkeypatch.chdir(news)
    code, lines = validate_output("bokslut.en.md")
    assert code == 1
    assert lines[-1] == "2 errors, 0 warnings in 1 file"
    assert all(line.startswith("bokslut.en.md:") for line in lines[:-1])


def test_the_shipped_posts_are_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT)
    schemas = SchemaSet(PROJECT / "schema")
    known = {(e.kind, e.id) for e in load_catalogue(PROJECT / "catalogue").entries}
    findings, files = validate_posts(None, news_dir(PROJECT), schemas, known)
    assert findings == [] and files >= 2


def test_the_build_refuses_a_broken_post_with_its_finding(news: Path) -> None:
    from innokatalog.build import CatalogueError, load_valid_catalogue

    (news / "bokslut.en.md").write_text(EN.replace("summary:", "sumary:"), encoding="utf-8")
    with pytest.raises(CatalogueError) as refused:
        load_valid_catalogue(news.parent.parent, "catalogue", "schema")
    assert "site/news/bokslut.en.md:4:1: error: 'sumary' is not a field of a news post" in str(refused.value)


def test_related_names_every_kind_folder(schema_set: SchemaSet) -> None:
    """The news schema's pattern for `related` names exactly the catalogue's kind folders."""
    from innokatalog.load import KIND_FOLDERS

    pattern = schema_set.documents["news.schema.json"]["properties"]["related"]["items"]["pattern"]
    folders = re.fullmatch(r"\^\(([a-z|]+)\)/.*", pattern).group(1).split("|")
    assert sorted(folders) == sorted(KIND_FOLDERS)
