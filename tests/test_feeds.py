"""Atom feeds per kind and per unit: they parse, and list the right entries with the right dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import PurePosixPath

import feedparser
import pytest
from jsonschema import Draft202012Validator

from innokatalog import export
from innokatalog.feeds import entry_feeds
from innokatalog.history import History, parse_log
from innokatalog.load import load_catalogue
from innokatalog.model import KIND_PLURALS, Catalogue

from .fresh import fresh_catalogue
from .mini import PROJECT, schemas

ROOT = "https://catalogue.example.org/"
EXPORT_FIXTURE = PROJECT / "tests" / "fixtures" / "export" / "catalogue"


def parsed(files: dict[str, bytes], path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse(files[path])
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_one_feed_per_kind_and_per_unit_in_each_language() -> None:
    catalogue = fresh_catalogue()
    for lang, root in (("sv", ROOT), ("en", ROOT + "en/")):
        files = entry_feeds(catalogue, root, lang)
        assert set(files) == {f"feeds/{plural}.xml" for plural in KIND_PLURALS.values()} | {
            "feeds/units/vardenheten.xml",
            "feeds/units/stadsenheten.xml",
        }
        feed = parsed(files, "feeds/testbeds.xml")
        assert feed.feed.language == lang
        assert {link.rel: link.href for link in feed.feed.links}["self"] == root + "feeds/testbeds.xml"
        assert [entry.link for entry in feed.entries] == [
            root + "testbeds/datamiljon/",  # confirmed 2026-10-01
            root + "testbeds/halsolabbet/",  # confirmed 2025-06-01
        ]
    english = parsed(entry_feeds(catalogue, ROOT + "en/", "en"), "feeds/testbeds.xml")
    assert english.feed.title == "Testbeds: new and changed"
    assert english.entries[1].title == "The health lab at Söder & Åsö"


def test_without_history_dates_come_from_compiled_and_confirmed() -> None:
    feed = parsed(entry_feeds(fresh_catalogue(), ROOT, "sv"), "feeds/testbeds.xml")
    halsolabbet = feed.entries[1]
    assert halsolabbet.published.startswith("2025-01-10")  # compiled
    assert halsolabbet.updated.startswith("2025-06-01")  # confirmed
    assert halsolabbet.summary == "Ett labb för nya lösningar i vården."


def test_a_units_feed_lists_what_it_owns_and_itself() -> None:
    files = entry_feeds(fresh_catalogue(), ROOT, "sv")
    feed = parsed(files, "feeds/units/stadsenheten.xml")
    assert feed.feed.title == "Stadsenheten: nya och ändrade poster"
    assert sorted(entry.link.removeprefix(ROOT) for entry in feed.entries) == [
        "contacts/formularet/",
        "projects/stadsprojektet/",
        "testbeds/datamiljon/",
        "units/stadsenheten/",
    ]
    assert {entry.tags[0].term for entry in feed.entries} == {"contact", "project", "testbed", "unit"}


def test_with_history_the_dates_are_the_commits() -> None:
    log = (
        "\x1eaaa\x1f2026-11-20T10:00:00+01:00\x1fHälsolabbet: nytt steg\n\ncatalogue/testbeds/halsolabbet.yml\n"
        "\x1ebbb\x1f2025-03-01T09:00:00+01:00\x1fFörsta versionen\n\n"
        "catalogue/testbeds/halsolabbet.yml\ncatalogue/testbeds/datamiljon.yml\n"
    )
    history = History(parse_log(log), catalogue_path=PurePosixPath("catalogue"))
    feed = parsed(entry_feeds(fresh_catalogue(), ROOT, "sv", history), "feeds/testbeds.xml")
    first = feed.entries[0]
    assert first.link == ROOT + "testbeds/halsolabbet/"
    assert first.updated == "2026-11-20T10:00:00+01:00"
    assert first.published == "2025-03-01T09:00:00+01:00"
    assert feed.entries[1].updated == "2025-03-01T09:00:00+01:00"


@pytest.fixture(scope="module")
def export_catalogue() -> Catalogue:
    return Catalogue(load_catalogue(EXPORT_FIXTURE).entries)


def test_every_entry_json_validates_against_the_export_schema(export_catalogue: Catalogue) -> None:
    files = export.entry_json_documents(export_catalogue, schemas(), ROOT)
    schema = json.loads((PROJECT / "schema" / "export.schema.json").read_text(encoding="utf-8"))
    index = json.loads(files["index.json"])
    checked = 0
    for kind, plural in KIND_PLURALS.items():
        part = index[plural]
        assert part["schema"] == f"{ROOT}data/catalogue.schema.json#/$defs/{kind}"
        validator = Draft202012Validator(
            {"$id": schema["$id"], "$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"},
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        for listed in part["entries"]:
            assert listed["json"] == f"{ROOT}data/{plural}/{listed['id']}.json"
            document = json.loads(files[f"{plural}/{listed['id']}.json"])
            errors = [error.message for error in validator.iter_errors(document)]
            assert not errors, (listed["id"], errors)
            assert document["id"] == listed["id"]
            checked += 1
    assert checked == len(export_catalogue.all()) > 0


def test_entry_json_is_the_entry_of_catalogue_json(export_catalogue: Catalogue) -> None:
    files = export.entry_json_documents(export_catalogue, schemas(), ROOT)
    whole = json.loads(
        export.export_documents(export_catalogue, schemas(), ROOT, dt.datetime(2026, 1, 1))["catalogue.json"]
    )
    for plural in KIND_PLURALS.values():
        for entry in whole[plural]:
            assert json.loads(files[f"{plural}/{entry['id']}.json"]) == entry


def test_a_renamed_entry_keeps_a_pointer_at_its_old_address() -> None:
    catalogue = fresh_catalogue()
    files = export.entry_json_documents(catalogue, schemas(), ROOT)
    pointer = json.loads(files["testbeds/gamla-datamiljon.json"])
    assert pointer == {
        "moved": True,
        "id": "gamla-datamiljon",
        "new_id": "datamiljon",
        "location": f"{ROOT}data/testbeds/datamiljon.json",
    }
    assert json.loads(files["index.json"])["testbeds"]["moved"] == [
        {
            "id": "gamla-datamiljon",
            "new_id": "datamiljon",
            "json": f"{ROOT}data/testbeds/gamla-datamiljon.json",
        }
    ]
    assert json.loads(files["testbeds/datamiljon.json"])["id"] == "datamiljon"


def test_a_unit_page_links_its_feed_review_status_and_embed() -> None:
    from innokatalog.render import Renderer

    catalogue = fresh_catalogue()
    html = Renderer(catalogue, schemas(), "sv").entry_page(catalogue.find("unit", "vardenheten")).html
    assert '<a href="../../feeds/units/vardenheten.xml" type="application/atom+xml">' in html
    assert 'href="../../granskning/vardenheten/"' in html
    assert 'href="../../badda-in/?what=unit/vardenheten"' in html


# --- in the built site ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    from .browser_support import built_site

    return built_site(tmp_path_factory)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_built_site_has_a_feed_per_kind_and_unit(site, lang: str) -> None:
    from .browser_support import LANGUAGE_ROOTS, shipped_catalogue

    catalogue = shipped_catalogue()
    root = site / LANGUAGE_ROOTS[lang]
    for kind, plural in KIND_PLURALS.items():
        feed = feedparser.parse((root / "feeds" / f"{plural}.xml").read_bytes())
        assert not feed.bozo and feed.feed.language == lang
        listed = {entry.link.rsplit("/", 2)[1] for entry in feed.entries}
        assert listed == {item.id for item in catalogue.of_kind(kind)}
    for unit in catalogue.of_kind("unit"):
        assert (root / "feeds" / "units" / f"{unit.id}.xml").is_file()


def test_the_built_site_has_every_shipped_entry_as_valid_json(site) -> None:
    from .browser_support import shipped_catalogue

    index = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    for kind, plural in KIND_PLURALS.items():
        ids = [entry["id"] for entry in index[plural]["entries"]]
        assert ids == [item.id for item in shipped_catalogue().of_kind(kind)]
        schema = json.loads((site / "data" / "catalogue.schema.json").read_text(encoding="utf-8"))
        validator = Draft202012Validator(
            {"$id": schema["$id"], "$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"},
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        for item_id in ids:
            document = json.loads((site / "data" / plural / f"{item_id}.json").read_text(encoding="utf-8"))
            assert document["id"] == item_id
            assert not [error.message for error in validator.iter_errors(document)], item_id


def test_feed_titles_and_subtitles_name_what_they_follow() -> None:
    sv = parsed(entry_feeds(fresh_catalogue(), ROOT, "sv"), "feeds/contacts.xml").feed
    assert sv.title == "Kontaktvägar: nya och ändrade"
    assert (
        sv.subtitle
        == "Nya och ändrade kontaktvägar i katalogen Testbäddar och innovation, de senast ändrade först."
    )
    en = parsed(entry_feeds(fresh_catalogue(), ROOT + "en/", "en"), "feeds/units/vardenheten.xml").feed
    assert en.title == "The care unit's innovation office: new and changed entries"
