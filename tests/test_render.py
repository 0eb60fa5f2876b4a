"""Render: entry pages carry the facts and relations, and entry text can never become live markup."""

from __future__ import annotations

import itertools
import posixpath
import random
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from innokatalog import i18n
from innokatalog.load import Entry, load_catalogue
from innokatalog.model import Catalogue
from innokatalog.render import (
    SEARCH_MARKER,
    Renderer,
    markdown_to_html,
    parsed_markdown_to_html,
    plain_paragraphs,
    relative_url,
)

from .mini import MINI, PROJECT, mini_catalogue, schemas


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


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for inner in values for text in _texts(inner)]


def test_plain_paragraphs_are_written_as_the_parser_writes_them() -> None:
    """The shortcut for plain text gives exactly the parser's HTML: on every text of the shipped
    catalogue, and on random texts full of Markdown's own characters."""
    shipped = [text for entry in load_catalogue(PROJECT / "catalogue").entries for text in _texts(entry.data)]
    generator = random.Random(2026)
    alphabet = "aÅ1 \n\n.,;:?!()'\"%/+–-*_[]<>&#`\\|~=\t\u00a0"
    fuzzed = ["".join(generator.choices(alphabet, k=generator.randint(1, 14))) for _ in range(50_000)]
    written_straight = {"shipped": 0, "fuzzed": 0}
    for group, texts in (("shipped", shipped), ("fuzzed", fuzzed)):
        for text in texts:
            shortcut = plain_paragraphs(text)
            if shortcut is not None:
                assert shortcut == parsed_markdown_to_html(text), repr(text)
                written_straight[group] += 1
    assert written_straight["shipped"] > len(shipped) / 2 and written_straight["fuzzed"] > 300, (
        written_straight
    )


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


def test_relative_url_agrees_with_relpath_on_directory_addresses() -> None:
    segments = ["testbeds", "units", "page", "2", "en", "a-b", ".", "feed.xml"]
    addresses = [""] + [
        "/".join(combo) + end
        for n in (1, 2, 3)
        for combo in itertools.product(segments[:5] if n == 3 else segments, repeat=n)
        for end in ("/", "")
    ]
    for origin in addresses[::7]:
        for target in addresses[::5]:
            by_relpath = posixpath.relpath(target or ".", origin or ".")
            expected = "./" if by_relpath == "." else by_relpath.rstrip("/") + "/"
            assert relative_url(origin, target) == expected, (origin, target)


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
    found = {(row["who"], row["want"]): (row["contact"].id, row["match"]) for row in rows}
    assert found[("companies", "test")] == ("c1", "exact")
    assert found[("startups", "test")] == ("c1", "exact")
    # c1 serves companies but not with funding: the general way in for companies
    assert found[("companies", "funding")] == ("c1", "audience")
    # no contact path serves residents at all: the central one
    assert found[("residents", "test")] == ("c1", "central")


def test_chooser_never_strands_a_visitor_on_the_shipped_catalogue() -> None:
    """Every who x what ends on a contact path; the most specific one wins (company + test: testbed access)."""
    from innokatalog import i18n
    from innokatalog.load import load_catalogue
    from innokatalog.model import Catalogue

    from .mini import PROJECT

    catalogue = Catalogue(load_catalogue(PROJECT / "catalogue").entries)
    rows = Renderer(catalogue, schemas(), "en").chooser_rows()
    assert len(rows) == len(i18n.VISITORS) * len(i18n.WANTS)
    assert all(row["contact"] is not None for row in rows)
    found = {(row["who"], row["want"]): row for row in rows}
    company_test = found[("companies", "test")]
    assert company_test["match"] == "exact"
    assert company_test["contact"].get("topics") == ["testbed-access"], company_test["contact"].id
    for row in rows:
        contact = row["contact"]
        if row["match"] == "exact":
            assert row["who"] in contact.get("audiences")
            assert set(i18n.WANTS[row["want"]]["topics"]) & set(contact.get("topics"))
        elif row["match"] == "audience":
            assert row["who"] in contact.get("audiences")


def test_urgent_matters_are_named_on_the_improvement_suggestion_path() -> None:
    from innokatalog.load import load_catalogue
    from innokatalog.model import Catalogue

    from .mini import PROJECT

    catalogue = Catalogue(load_catalogue(PROJECT / "catalogue").entries)
    for lang in ("sv", "en"):
        renderer = Renderer(catalogue, schemas(), lang)
        for contact in catalogue.of_kind("contact"):
            html = renderer.entry_page(contact).html
            urgent = "improvement-suggestions" in contact.get("topics")
            assert ('href="tel:112"' in html and 'href="tel:1177"' in html) == urgent, (lang, contact.id)


def test_featured_entries_on_home_are_bounded() -> None:
    catalogue = mini_catalogue()
    for item in catalogue.all():
        item.data["featured"] = True
    html = Renderer(catalogue, schemas(), "sv").featured("", limit=2)
    assert html.count("<li>") == 2


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


@pytest.mark.parametrize(
    ("lang", "links", "tags"),
    [
        ("sv", "lista med grupper av fält", "lista med texter"),
        ("en", "list of groups of fields", "list of texts"),
    ],
)
def test_reference_page_names_list_types_in_the_plural(lang: str, links: str, tags: str) -> None:
    html = Renderer(mini_catalogue(), schemas(), lang).reference_page().html
    assert links in html.split("<code>links</code>")[1].split("</tr>")[0]
    assert tags in html.split("<code>tags</code>")[1].split("</tr>")[0]
    assert "list of group " not in html and "lista med grupp " not in html


def test_web_forms_are_named_links_and_addresses_wrap_at_sensible_points() -> None:
    from innokatalog import i18n
    from innokatalog.load import load_catalogue
    from innokatalog.model import Catalogue
    from innokatalog.render import breakable

    from .mini import PROJECT

    assert breakable("ideer@example.org") == "ideer@<wbr>example<wbr>.org"
    assert breakable("<b>@x") == "&lt;b&gt;@<wbr>x", "the address is escaped before it is broken"
    catalogue = Catalogue(load_catalogue(PROJECT / "catalogue").entries)
    with_form = [c for c in catalogue.of_kind("contact") if (c.get("channels") or {}).get("web_form")]
    assert with_form, "no shipped contact path has a web form"
    for lang in ("sv", "en"):
        renderer = Renderer(catalogue, schemas(), lang)
        for contact in with_form:
            url = contact.get("channels")["web_form"]
            html = renderer.entry_page(contact).html
            assert f'<a href="{url}">{i18n.t("web_form_link", lang)}</a>' in html
            assert f">{url}<" not in html, "the web form is shown as a raw address"


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
    # without a fitting opportunity the visitor is not stranded: the central contact path, c1
    assert _way_in(_with([]), "residents", "funding") == "c1"
    assert _way_in(_with([("opportunity", "o1", STIPEND)]), "residents", "funding") == "o1"
    closed = {**STIPEND, "status": "closed"}
    assert _way_in(_with([("opportunity", "o1", closed)]), "residents", "funding") == "c1"
    prize = {**STIPEND, "type": "prize"}  # a prize is no way to get funding
    assert _way_in(_with([("opportunity", "o1", prize)]), "residents", "funding") == "c1"


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
    assert '<span data-pagefind-filter="type">opportunity</span>' in page.html
    assert '<span data-pagefind-filter="audience">residents</span>' in page.html
    assert '<span data-pagefind-meta="type">Möjlighet</span>' in page.html


def test_entry_pages_give_search_codes_a_kind_and_facts_that_do_not_run_together() -> None:
    catalogue = mini_catalogue()
    html = Renderer(catalogue, schemas(), "sv").entry_page(catalogue.find("testbed", "t1")).html
    assert '<span data-pagefind-meta="type">Testbädd</span>' in html
    assert '<span data-pagefind-filter="kind">living-lab</span>' in html, "filters hold codes, not labels"
    assert '<span data-pagefind-filter="unit">u1</span>' in html
    assert '<dl class="entry__facts" data-pagefind-ignore>' in html, "the fact list stays out of excerpts"
    assert '<dl class="entry__facts">' not in html
    hidden = html.split("<p hidden>")[1].split("</p>")[0]
    assert hidden.startswith(f"{SEARCH_MARKER} Testbädd. Levande labb. Hälso- och sjukvård. "), (
        "the kind once, then facts as values, each ended by a stop"
    )
    assert "e-health" in hidden and "digital health" in hidden


class IndexedText(HTMLParser):
    """The text Pagefind indexes on a page: inside data-pagefind-body, outside data-pagefind-ignore."""

    VOID = {"br", "hr", "img", "input", "link", "meta", "wbr", "source"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[bool, bool]] = []  # (in body, ignored) per open element
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        body, ignored = self.stack[-1] if self.stack else (False, False)
        if tag not in self.VOID:
            self.stack.append(
                (body or "data-pagefind-body" in names, ignored or "data-pagefind-ignore" in names)
            )

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == (True, False):
            self.words.append(data)


def indexed_text(html: str) -> str:
    parser = IndexedText()
    parser.feed(html)
    return " ".join(" ".join(parser.words).split())


def test_entry_pages_keep_the_template_text_out_of_the_search_index() -> None:
    """Headings, notes, relations, sources and the review line are the same words on every page of a
    kind: in the index they only make every query's chunks and every result's fragment larger, and
    a relation's name would find the page that merely links to it."""
    catalogue = mini_catalogue()
    renderer = Renderer(catalogue, schemas(), "sv")
    template_texts = [
        "sources",
        "way_in",
        "not_confirmed",
        "projects_that_used",
        "testbeds_used",
        "way_in_to",
    ]
    for kind, entry_id in (("testbed", "t1"), ("project", "p1"), ("contact", "c1"), ("unit", "u1")):
        item = catalogue.find(kind, entry_id)
        html = renderer.entry_page(item).html
        text = indexed_text(html)
        assert item.data["name"]["sv"] in text and item.data["summary"]["sv"] in text, text
        assert f"{SEARCH_MARKER} {i18n.t(kind, 'sv')}." in text, (
            "the kind is indexed once, in the hidden line"
        )
        for key in template_texts:
            assert i18n.t(key, "sv") not in text, f"{kind}: the template's {key!r} is indexed"
        for other in catalogue.all():
            if other is not item and other.kind != "unit":
                assert other.data["name"]["sv"] not in text, f"{kind}: a related entry's name is indexed"
