"""Render: entry pages carry the facts and relations, and entry text can never become live markup."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from innokatalog.load import Entry, load_catalogue
from innokatalog.model import Catalogue
from innokatalog.render import Renderer, markdown_to_html, relative_url

from .mini import MINI, mini_catalogue, schemas


class _Tags(HTMLParser):
    """Collects the real tags and attributes of an HTML fragment (escaped text is not a tag)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def executable_markup(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if tag in ("script", "img", "iframe", "object", "embed", "style"):
            found.append(tag)
        found += [name for name in attrs if name.startswith("on")]
        found += [
            value for value in attrs.values() if value and value.strip().lower().startswith("javascript:")
        ]
    return found


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        "![x](https://example.org/x.png)",
        "<a href='javascript:alert(1)'>x</a>",
        "[x](JaVaScRiPt:alert(1))",
    ],
)
def test_markdown_never_passes_markup_through(source: str) -> None:
    assert executable_markup(markdown_to_html(source)) == []


def test_markdown_keeps_the_limited_formatting() -> None:
    html = markdown_to_html("**fet** och [länk](https://example.org/a)\n\n- en\n- två")
    assert "<strong>fet</strong>" in html
    assert '<a href="https://example.org/a"' in html
    assert html.count("<li>") == 2


@pytest.mark.parametrize(
    ("origin", "target", "expected"),
    [
        ("testbeds/t1/", "units/u1/", "../../units/u1/"),
        ("", "testbeds/", "testbeds/"),
        ("sok/", "", "../"),
        ("testbeds/", "testbeds/", "./"),
    ],
)
def test_relative_url(origin: str, target: str, expected: str) -> None:
    assert relative_url(origin, target) == expected


def test_testbed_page_shows_facts_contact_and_projects() -> None:
    catalogue = mini_catalogue()
    page = Renderer(catalogue, schemas(), "sv").entry_page(catalogue.find("testbed", "t1"))
    assert page.src_uri == "testbeds/t1.md"
    assert "Levande labb" in page.html
    assert "Svar inom 5 arbetsdagar" in page.html
    assert '<a href="../../projects/p1/">Projekt ett</a>' in page.html
    assert '<a href="../../contacts/c1/">' in page.html
    assert page.html.index("<li>Ring</li>") < page.html.index("<li>Kom</li>")


def test_project_page_formats_the_grant_per_language() -> None:
    catalogue = mini_catalogue()
    project = catalogue.find("project", "p1")
    assert "594\u00a0204\u00a0kr" in Renderer(catalogue, schemas(), "sv").entry_page(project).html
    assert "SEK\u00a0594,204" in Renderer(catalogue, schemas(), "en").entry_page(project).html


def test_unit_and_contact_pages_list_what_refers_to_them() -> None:
    catalogue = mini_catalogue()
    renderer = Renderer(catalogue, schemas(), "en")
    unit_html = renderer.entry_page(catalogue.find("unit", "u1")).html
    contact_html = renderer.entry_page(catalogue.find("contact", "c1")).html
    for other in ("testbeds/t1/", "projects/p1/", "contacts/c1/"):
        assert f'href="../../{other}"' in unit_html
    assert 'href="../../testbeds/t1/"' in contact_html and 'href="../../projects/p1/"' in contact_html


def test_chooser_matches_audience_and_topic() -> None:
    rows = Renderer(mini_catalogue(), schemas(), "sv").chooser_rows()
    found = {(row["who"], row["want"]): row["contact"] for row in rows}
    assert found[("companies", "test")].id == "c1"
    assert found[("startups", "test")].id == "c1"
    assert found[("residents", "test")] is None
    assert found[("companies", "funding")] is None


def test_reference_page_lists_every_schema_property() -> None:
    schema_set = schemas()
    html = Renderer(mini_catalogue(), schema_set, "sv").reference_page().html
    for kind in ("unit", "testbed", "project", "contact"):
        document = schema_set.document(kind)
        names = set(document["properties"]) | set(
            schema_set.documents["defs.schema.json"]["$defs"]["common"]["properties"]
        )
        for name in names:
            assert f"<code>{name}</code>" in html, (kind, name)


def test_reference_page_explains_every_field_in_the_page_language() -> None:
    schema_set = schemas()
    for lang in ("sv", "en"):
        html = Renderer(mini_catalogue(), schema_set, lang).reference_page().html
        for kind in ("unit", "testbed", "project", "contact", "opportunity"):
            for field in schema_set.fields(kind):
                title, description = field.text(lang)
                assert f"<strong>{escape(title)}</strong>: {escape(description)}" in html, (
                    lang,
                    kind,
                    field.name,
                )
    swedish = Renderer(mini_catalogue(), schema_set, "sv").reference_page().html
    assert "<strong>Bekräftad av den ansvariga enheten</strong>" in swedish
    assert "Confirmed by the owning unit" not in swedish


def test_reference_page_lists_the_fields_inside_fields() -> None:
    schema_set = schemas()
    html = Renderer(mini_catalogue(), schema_set, "sv").reference_page().html
    testbed = schema_set.document("testbed")["properties"]
    for name in testbed["access"]["properties"]:
        assert f"<code>access.{name}</code>" in html
    assert "<code>links[].url</code>" in html
    assert "<code>period.start</code>" in html and "<code>channels.email</code>" in html
    cost = html.split("<code>access.cost_model</code>")[1].split("</tr>")[0]
    for value in testbed["access"]["properties"]["cost_model"]["enum"]:
        assert f"<code>{value}</code>" in cost
    location = html.split("<code>location.municipality</code>")[1].split("</tr>")[0]
    assert "Ja, när location finns" in location


def _with(extra: list[tuple[str, str, dict]]) -> Renderer:
    """The mini catalogue with extra entries (kind, id, data) added in code."""
    entries = load_catalogue(MINI).entries + [
        Entry(kind, item_id, Path(f"{item_id}.yml"), data) for kind, item_id, data in extra
    ]
    return Renderer(Catalogue(entries), schemas(), "sv")


STIPEND = {
    "name": {"sv": "Stipendiet"},
    "summary": {"sv": "Ett stipendium."},
    "unit": "u1",
    "type": "stipend",
    "status": "active",
    "audiences": ["residents"],
}


def _way_in(renderer: Renderer, who: str, want: str) -> str | None:
    row = next(r for r in renderer.chooser_rows() if (r["who"], r["want"]) == (who, want))
    return row["contact"].id if row["contact"] else None


def test_chooser_offers_an_open_stipend_where_no_contact_path_matches() -> None:
    assert _way_in(_with([]), "residents", "funding") is None
    assert _way_in(_with([("opportunity", "o1", STIPEND)]), "residents", "funding") == "o1"
    closed = {**STIPEND, "status": "closed"}
    assert _way_in(_with([("opportunity", "o1", closed)]), "residents", "funding") is None
    prize = {**STIPEND, "type": "prize"}  # a prize is no way to get funding
    assert _way_in(_with([("opportunity", "o1", prize)]), "residents", "funding") is None


def test_chooser_prefers_a_contact_path_to_an_opportunity() -> None:
    contact = {
        "name": {"sv": "Fonden"},
        "summary": {"sv": "Fonden."},
        "unit": "u1",
        "audiences": ["residents"],
        "topics": ["funding"],
        "channels": {"email": "fonden@example.org"},
        "response_days": 5,
    }
    renderer = _with([("opportunity", "o1", STIPEND), ("contact", "c2", contact)])
    assert _way_in(renderer, "residents", "funding") == "c2"


def test_opportunity_page_says_what_is_not_stated_and_where_to_ask() -> None:
    renderer = _with([("opportunity", "o1", STIPEND)])
    page = renderer.entry_page(renderer.catalogue.find("opportunity", "o1"))
    assert page.src_uri == "opportunities/o1.md"
    assert "<dt>Hur ofta</dt><dd>Uppgift saknas</dd>" in page.html
    assert "<dt>Vem kan delta</dt><dd>Invånare</dd>" in page.html
    assert "Källorna beskriver inte hur man söker eller deltar. Fråga den ansvariga enheten" in page.html
    assert '<span data-pagefind-filter="type">Möjlighet</span>' in page.html
