"""Render: the catalogue → page content per kind and language, safe to publish.

Entry text is limited Markdown rendered by markdown-it (raw HTML off) and then sanitised by
nh3 (Ammonia), so nothing an entry says can become markup that runs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from . import embed, i18n, index, message
from .compiled import COMPILED
from .facets import (
    FACET_NAMES,
    FACETS,
    LISTING_FACETS,
    entry_facets,
    facet_counts,
    facet_field,
    field_value,
)
from .feeds import feed_path
from .history import History
from .listing import page_url, page_window, paginate
from .model import KIND_PLURALS, Catalogue, Item
from .news import NEWS_DIR, Post, newest_first
from .report import UNITS, Figure, Report, format_value, frozen_text, report_csv, site_reports
from .schema import SchemaSet, localised_annotation
from .stale import STALE_AFTER_MONTHS, UnitStatus, review_status
from .synonyms import Synonyms, shipped_synonyms
from .validate import status_may_be_outdated

TEMPLATES = Path(__file__).parent / "templates"
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "code", "br", "blockquote", "h3", "h4"}
_LANGUAGE_NAMES = {"sv": {"sv": "svenska", "en": "Swedish"}, "en": {"sv": "engelska", "en": "English"}}

CHOOSER_PAGE = "vag-in"
SEARCH_PAGE = "sok"
REFERENCE_PAGE = "falt"
REPORT_PAGE = "innovationsbokslut"
OPEN_DATA_PAGE = "oppna-data"
REPORT_DATA = "data/innovationsbokslut"

# Report charts: the drawing's width in SVG units (CSS shows it at most this many pixels wide, so
# text stays at 16 px on a desktop and about 14 px on a phone), and label lines of at most this many
# characters, which fit that width.
CHART_WIDTH = 400
CHART_WRAP = 44
# A downloaded chart stands alone: the light scheme's colours of site/assets/catalogue.css.
CHART_FILE_STYLE = (
    ".report__background{fill:#ffffff}.report__bar{fill:#1d4f7c}"
    ".report__label,.report__value{fill:#1f1f1f;font-family:sans-serif}"
)
SVG_PROLOGUE = '<?xml version="1.0" encoding="UTF-8"?>\n'
CSV_BOM = "\ufeff"  # so that spreadsheet programs read the CSV as UTF-8

SUBSCRIBE_PAGE = "prenumerera"
REVIEW_PAGE = "granskning"
EMBED_PAGE = "badda-in"
# Rows on one page of a unit's review status: a unit may own thousands of entries.
REVIEW_PAGE_SIZE = 100
# A contact path that takes any of these topics says where urgent matters go (112, 1177).
URGENT_TOPICS = frozenset({"improvement-suggestions"})
# The home page shows this many featured entries at most, so marking many cannot bury its start links.
FEATURED_LIMIT = 6


def breakable(text: str) -> Markup:
    """An address that may wrap at sensible points on a narrow screen: after `@`, `/` and before `.`."""
    escaped = str(escape(text))
    return Markup(re.sub(r"(@|/+)|(?=\.)", lambda m: (m.group(0) or "") + "<wbr>", escaped))


# Text in which Markdown would find nothing but paragraphs: letters, digits and everyday punctuation,
# single spaces, and no line that could start a list, heading, quote or code block.
_NOT_PLAIN = re.compile(r"[^\w .,;:?!()'\"%/+–—…’‘“”\n-]|_|  | $|^[^\w\n]|^\d+[.)]", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def markdown_to_html(text: str) -> Markup:
    """Limited Markdown → sanitised HTML: https/mailto links only, no raw HTML, no images.

    Most descriptions are plain paragraphs; those are written straight away, as the parser would
    write them (tests/test_render.py compares the two), at a third of its cost.
    """
    plain = plain_paragraphs(text)
    return plain if plain is not None else parsed_markdown_to_html(text)


def plain_paragraphs(text: str) -> Markup | None:
    """The HTML of a text of plain paragraphs, or None for any other text."""
    if not text.strip() or _NOT_PLAIN.search(text):
        return None
    return Markup("".join(f"<p>{part}</p>\n" for part in _PARAGRAPH_BREAK.split(text.strip("\n"))))


def parsed_markdown_to_html(text: str) -> Markup:
    html = _MARKDOWN.render(text)
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"https", "mailto"})
    return Markup(clean)


@dataclass
class Page:
    """One generated page: where it goes, its title, and its HTML content."""

    src_uri: str
    title: str
    html: str
    description: str = ""

    @property
    def url(self) -> str:
        """The page's directory URL below the language root, as MkDocs makes it."""
        stem = self.src_uri.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both directory URLs below the root).

    What `posixpath.relpath` gives for such addresses, by comparing segments: a build makes about
    ten links a page, and relpath's detour through the working directory took a tenth of it.
    """
    source = [segment for segment in from_url.split("/") if segment not in ("", ".")]
    target = [segment for segment in to_url.split("/") if segment not in ("", ".")]
    common = 0
    for here, there in zip(source, target, strict=False):
        if here != there:
            break
        common += 1
    parts = [".."] * (len(source) - common) + target[common:]
    return "/".join(parts) + "/" if parts else "./"


def page_links(listing_url: str, number: int, total: int) -> dict[str, Any]:
    """What the pagination macro needs on page `number` of `total` of the list at `listing_url`."""
    link = functools.partial(relative_url, page_url(listing_url, number))
    return {
        "number": number,
        "total": total,
        "window": [(n, link(page_url(listing_url, n)) if n else "") for n in page_window(number, total)],
        "prev_href": link(page_url(listing_url, number - 1)) if number > 1 else "",
        "next_href": link(page_url(listing_url, number + 1)) if number < total else "",
    }


class Renderer:
    """Renders every generated page of one language."""

    def __init__(
        self,
        catalogue: Catalogue,
        schemas: SchemaSet,
        lang: str,
        posts: list[Post] | None = None,
        *,
        published: dict[int, Report] | None = None,
        history: History | None = None,
        today: dt.date | None = None,
        synonyms: Synonyms | None = None,
    ) -> None:
        """`published`: the frozen years (`report.published_reports`); `history` (from
        `history.read_history`) adds each entry's changes to its page; `today`: the day the site is
        built, on which the review status is counted."""
        self.catalogue, self.schemas, self.lang = catalogue, schemas, lang
        self.history = history
        self.posts = newest_first(posts or [])
        self.published = published or {}
        self.today = today or dt.date.today()
        self._reports: dict[dt.date, list[Report]] = {}
        self.synonyms = synonyms if synonyms is not None else shipped_synonyms()
        self._labels: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.ChainableUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=COMPILED,
            auto_reload=False,  # a new environment per build: its templates cannot change under it
        )
        env.filters.update(
            loc=lambda value: i18n.localised(value, lang),
            text_lang=lambda value: i18n.text_lang(value, lang),
            md=lambda value: markdown_to_html(i18n.localised(value, lang)),
            label=self.label,
            language_name=self.language_name,
            sek=lambda value: i18n.format_sek(value, lang),
            date=lambda value: i18n.format_date(value, lang),
            number=lambda value: i18n.format_number(value, lang),
            in_sentence=lambda labels: i18n.in_sentence(labels, lang),
            href=jinja2.pass_context(lambda ctx, item: relative_url(ctx["page_url"], item.url)),
            breakable=breakable,
        )
        env.globals.update(
            t=lambda key, **values: i18n.t(key, lang, **values),
            # a text whose placeholders take markup (such as a <time> element); the text is escaped
            tm=lambda key, **values: Markup(escape(i18n.t(key, lang))).format(**values),
            status_caution=lambda item: status_may_be_outdated(item.data),
            lang=lang,
            catalogue=catalogue,
            news_for=self.news_for,
            post_href=jinja2.pass_context(lambda ctx, post: relative_url(ctx["page_url"], post.url)),
            urgent_topics=URGENT_TOPICS,
            first_message=lambda item: message.first_message(item, catalogue.contact_of(item), lang),
            message_t=lambda key: message.MESSAGE_TEXTS[key][lang],
            history=history,
            history_t=HISTORY_TEXTS[lang],
            follow_t=FOLLOW_TEXTS[lang],
            page_href=jinja2.pass_context(lambda ctx, target: relative_url(ctx["page_url"], target)),
            feed_href=jinja2.pass_context(
                lambda ctx, unit: relative_url(ctx["page_url"], feed_path(unit=unit)).rstrip("/")
            ),
            review_page=REVIEW_PAGE,
            embed_page=EMBED_PAGE,
            facets=entry_facets,
            search_text=self.search_text,
            search_marker=SEARCH_MARKER,
        )
        self.env = env

    def label(self, value: Any, kind: str, field: str) -> str:
        """The visitor-facing name of an enum value, such as 'Levande labb' for 'living-lab'."""
        if (kind, field) not in self._labels:
            top, _, sub = field.partition(".")
            if sub:
                parent = next(f for f in self.schemas.fields(kind) if f.name == top)
                schema = parent.schema["properties"][sub]
                self._labels[(kind, field)] = schema.get("x-labels", {})
            else:
                self._labels[(kind, field)] = self.schemas.labels(kind, field)
        labels = self._labels[(kind, field)]
        return labels.get(value, {}).get(self.lang, str(value)) if value is not None else ""

    def language_name(self, code: str) -> str:
        return _LANGUAGE_NAMES.get(code, {}).get(self.lang, code)

    def _render(self, template: str, page_url: str, **context: Any) -> str:
        return self.env.get_template(template).render(page_url=page_url, **context)

    def entry_page(self, item: Item) -> Page:
        src_uri = f"{KIND_PLURALS[item.kind]}/{item.id}.md"
        html = self._render(f"{item.kind}.html", item.url, item=item)
        return Page(
            src_uri,
            i18n.localised(item.get("name"), self.lang),
            html,
            i18n.localised(item.get("summary"), self.lang),
        )

    def facet_label(self, facet: str, code: str, kind: str) -> str:
        """The visitor-facing name of a facet code of an entry of `kind`."""
        if facet == "type":
            return i18n.t(code, self.lang)
        if facet == "unit":
            unit = self.catalogue.find("unit", code)
            return i18n.localised(unit.get("name"), self.lang) if unit else code
        if facet == "language":
            return self.language_name(code)
        return self.label(code, kind, facet_field(kind, facet) or facet)

    @functools.cached_property
    def facet_labels(self) -> dict[tuple[str, str], str]:
        """(facet, code) → label, for every code an entry of the catalogue has."""
        labels: dict[tuple[str, str], str] = {}
        for item in self.catalogue.all():
            for facet, code in entry_facets(item):
                if (facet, code) not in labels:
                    labels[(facet, code)] = self.facet_label(facet, code, item.kind)
        return labels

    def facet_name(self, facet: str, kind: str | None = None) -> str:
        """A facet's name; in a listing of contact paths, audiences are who the path is for."""
        if kind == "contact" and facet == "audience":
            return i18n.t("who_for", self.lang)
        return FACET_NAMES[facet][self.lang]

    def facet_groups(
        self, counts: dict[str, Any], href: Any = None, current: Any = None, kind: str | None = None
    ) -> list[dict]:
        """Facets with their values (label, code, count, link), values in alphabetical order."""
        groups = []
        for facet, counter in counts.items():
            values = [
                {
                    "code": code,
                    "label": self.facet_labels.get((facet, code), code),
                    "count": count,
                    "count_text": i18n.format_number(count, self.lang),
                    "href": href(facet, code) if href else "",
                    "current": current == (facet, code),
                }
                for code, count in counter.items()
            ]
            if values:
                values.sort(key=lambda value: value["label"].casefold())
                groups.append({"name": facet, "label": self.facet_name(facet, kind), "options": values})
        return groups

    def search_text(self, item: Item) -> str:
        """Hidden text for the search index: the entry's facts, tags and aliases, each part ended by a stop.

        The visible fact list is left out of the index (its terms and values would run together in
        excerpts); this line gives its values, so excerpts read cleanly. Terms are left out: a word
        on every page ("Typ", "Status") only makes the index larger.
        """
        grouped: dict[str, list[str]] = {}
        for facet, code in entry_facets(item):
            if facet != "type":
                grouped.setdefault(facet, []).append(self.facet_labels[(facet, code)])
        parts = [", ".join(labels) for labels in grouped.values()]
        for field in SEARCH_FACTS.get(item.kind, ()):
            value = field_value(item, field)
            parts.append(", ".join(str(v) for v in value) if isinstance(value, list) else str(value or ""))
        parts.append(", ".join(str(tag) for tag in item.get("tags") or []))
        parts.append(", ".join(self.synonyms.words_for(item)))
        return " ".join(f"{part}." for part in parts if part)

    def response_text(self, contact: Item | None) -> str:
        """A contact path's promised response time for a card, or 'not stated'."""
        texts = LISTING_TEXTS[self.lang]
        days = contact.get("response_days") if contact else None
        if not isinstance(days, int):
            return i18n.t("not_stated", self.lang)
        text = (texts["days_one"] if days == 1 else texts["days"]).format(n=days)
        return f"{text} ({texts['example']})" if contact.get("example_details") else text

    def card_facts(self, item: Item) -> list[tuple[str, str]]:
        """(term, value) pairs a listing card shows for an entry."""
        texts = LISTING_TEXTS[self.lang]
        t = functools.partial(i18n.t, lang=self.lang)
        labels = lambda field: i18n.in_sentence(  # noqa: E731 - read as running text: "Företag och forskare"
            [self.label(v, item.kind, field) for v in item.get(field) or []], self.lang
        )
        if item.kind == "testbed":
            access = item.get("access") or {}
            return [
                (t("kind"), self.label(item.get("kind"), "testbed", "kind")),
                (FACET_NAMES["audience"][self.lang], labels("audiences")),
                (t("cost_model"), self.label(access.get("cost_model"), "testbed", "access.cost_model")),
                (t("status"), self.label(item.get("status"), "testbed", "status")),
                (texts["response"], self.response_text(self.catalogue.contact_of(item))),
            ]
        if item.kind == "opportunity":
            return [
                (t("type"), self.label(item.get("type"), item.kind, "type") if item.get("type") else ""),
                (t("status"), self.label(item.get("status"), item.kind, "status")),
            ]
        if item.kind == "project":
            period = item.get("period") or {}
            dates = i18n.format_date(period["start"], self.lang) if period.get("start") else ""
            if period.get("end"):
                dates += " – " + i18n.format_date(period["end"], self.lang)
            funder = (item.get("funding") or {}).get("funder")
            facts = [(t("status"), self.label(item.get("status"), "project", "status")), (t("period"), dates)]
            return facts + ([(t("funder"), str(funder))] if funder else [])
        if item.kind == "contact":
            return [
                (t("who_for"), labels("audiences")),
                (t("topics"), labels("topics")),
                (texts["response"], self.response_text(item)),
            ]
        parent = self.catalogue.find("unit", item.get("parent"))
        facts = [(t("type"), self.label(item.get("type"), "unit", "type"))]
        return facts + ([(t("parent"), i18n.localised(parent.get("name"), self.lang))] if parent else [])

    @functools.cached_property
    def _pieces(self) -> Any:
        """The macros of templates/listing_pieces.html: a listing's cards and filter links."""
        return self.env.get_template("listing_pieces.html").module  # type: ignore[attr-defined]

    def listing_pages(self, kind: str) -> list[Page]:
        """The kind's listing, and one listing per facet value, each cut into pages of cards.

        An entry's card is rendered once and reused on every page that shows it: its link is
        written relative to the listing's root and given the page's way up (`../../`) there.
        """
        plural = KIND_PLURALS[kind]
        root = f"{plural}/"
        items = self.catalogue.of_kind(kind)
        items.sort(key=lambda item: (i18n.localised(item.get("name"), self.lang).casefold(), item.id))
        counts = facet_counts(items, LISTING_FACETS[kind])
        having: dict[tuple[str, str], list[Item]] = {}
        for item in items:
            for pair in entry_facets(item):
                if pair[0] in counts:
                    having.setdefault(pair, []).append(item)
        cards = {item: str(self._pieces.card(item, self.card_facts(item), f"{item.id}/")) for item in items}
        groups = self.facet_groups(counts, lambda facet, code: f"{facet}/{code}/", None, kind)
        pages = self._listing(kind, root, items, groups, None, cards)
        for facet, counter in counts.items():
            for code in counter:
                chosen_groups = self.facet_groups(counts, lambda f, c: f"{f}/{c}/", (facet, code), kind)
                url = f"{root}{facet}/{code}/"
                pages += self._listing(kind, url, having[(facet, code)], chosen_groups, (facet, code), cards)
        return pages

    def _listing(
        self,
        kind: str,
        listing_url: str,
        items: list[Item],
        facet_groups: list[dict],
        chosen: tuple[str, str] | None,
        cards: dict[Item, str],
    ) -> list[Page]:
        """One listing (all of a kind, or those with the `chosen` facet value) as pages of cards.

        Links in `facet_groups` and `cards` are relative to the kind's listing root.
        """
        plural = KIND_PLURALS[kind]
        root = f"{plural}/"
        texts = LISTING_TEXTS[self.lang]
        heading = i18n.t(plural, self.lang)
        if chosen is not None:
            heading += f" – {self.facet_name(chosen[0], kind)}: {self.facet_labels[chosen]}"
        intro = LISTING_INTROS[plural][self.lang]
        chunks = paginate(items)
        pages = []
        filter_navs: dict[str, str] = {}  # way up → the filter links, the same on pages 2, 3 …
        for number, chunk in enumerate(chunks, start=1):
            url = page_url(listing_url, number)
            up = "../" * (url.count("/") - root.count("/"))
            link = lambda target, up=up: (up + target.removeprefix(root)) or "./"  # noqa: E731
            if up not in filter_navs:
                filter_navs[up] = str(self._pieces.filter_nav(facet_groups, chosen, link(root), up, texts))
            title = (
                heading
                if number == 1
                else f"{heading}, {texts['page_of'].format(n=number, total=len(chunks))}"
            )
            html = self._render(
                "listing.html",
                url,
                heading=heading,
                title=title,
                intro=intro,
                lt=texts,
                count=len(items),
                up=up,
                cards=[Markup(cards[item].replace(CARD_LINK, CARD_LINK + up, 1)) for item in chunk],
                filter_nav=Markup(filter_navs[up]),
                **page_links(listing_url, number, len(chunks)),
            )
            pages.append(Page(f"{url}index.md", title, html, intro))
        return pages

    def chooser_rows(self) -> list[dict[str, Any]]:
        """One row per (visitor, want), and every row ends on a way in.

        `match` says how it was found: "exact", the most specific contact path whose audiences and
        topics both fit (fewest topics, then fewest audiences); else "opportunity", an active
        opportunity open to that visitor of a type the want names (`opportunity_types`, such as a
        stipend for "get funding"); else "audience", the general way in for that audience (its path
        that takes the most topics); else "central", the path that serves the most audiences and
        topics. Only a catalogue without contact paths leaves `contact` empty.
        """
        contacts = self.catalogue.of_kind("contact")
        opportunities = self.catalogue.of_kind("opportunity")

        def audiences(contact: Item) -> set[str]:
            return set(contact.get("audiences") or [])

        def topics(contact: Item) -> set[str]:
            return set(contact.get("topics") or [])

        central = min(contacts, key=lambda c: (-len(audiences(c)), -len(topics(c)), c.id), default=None)
        rows = []
        for who in i18n.VISITORS:
            for_them = [c for c in contacts if who in audiences(c)]
            general = min(for_them, key=lambda c: (-len(topics(c)), len(audiences(c)), c.id), default=None)
            for want, spec in i18n.WANTS.items():
                fitting = [c for c in for_them if set(spec["topics"]) & topics(c)]
                exact = min(fitting, key=lambda c: (len(topics(c)), len(audiences(c)), c.id), default=None)
                opportunity = next(
                    (
                        o
                        for o in opportunities
                        if who in (o.get("audiences") or [])
                        and o.get("type") in spec.get("opportunity_types", ())
                        and o.get("status") == "active"
                    ),
                    None,
                )
                if exact is not None:
                    contact, match = exact, "exact"
                elif opportunity is not None:
                    contact, match = opportunity, "opportunity"
                elif general is not None:
                    contact, match = general, "audience"
                else:
                    contact, match = central, "central" if central is not None else None
                rows.append({"who": who, "want": want, "contact": contact, "match": match})
        return rows

    def chooser_page(self) -> Page:
        html = self._render(
            "chooser.html",
            f"{CHOOSER_PAGE}/",
            visitors=i18n.VISITORS,
            wants=i18n.WANTS,
            rows=self.chooser_rows(),
        )
        return Page(
            f"{CHOOSER_PAGE}.md", i18n.t("chooser_title", self.lang), html, i18n.t("chooser_intro", self.lang)
        )

    def search_page(self) -> Page:
        """The search page, with every filter and its count written in at build time.

        The counts are the whole catalogue's; the page's script loads Pagefind's filter data (and
        counts that follow the query) only when the visitor opens the filters.
        """
        texts = SEARCH_TEXTS[self.lang]
        root = "" if self.lang == i18n.DEFAULT_LANGUAGE else f"{self.lang}/"
        url = f"{SEARCH_PAGE}/"
        bundle = relative_url(f"{root}{url}", "pagefind/")
        html = self._render(
            "search.html",
            url,
            texts=texts,
            search_texts={key: value for key, value in texts.items() if isinstance(value, str)},
            bundle=bundle,
            metadata_placeholder=index.METADATA_PLACEHOLDER,
            facet_groups=self.facet_groups(facet_counts(self.catalogue.all(), FACETS)),
            listings=[(plural, relative_url(url, f"{plural}/")) for plural in KIND_PLURALS.values()],
        )
        return Page(f"{SEARCH_PAGE}.md", i18n.t("search_title", self.lang), html)

    def reference_fields(self, kind: str) -> list[dict[str, Any]]:
        """Each field of a kind, and the fields inside it, as the reference page shows them."""
        rows: list[dict[str, Any]] = []
        for field in self.schemas.fields(kind):
            self._reference_rows(rows, field.name, field.schema, field.required, None)
        return rows

    def _reference_rows(
        self,
        rows: list[dict[str, Any]],
        name: str,
        schema: dict[str, Any],
        required: bool,
        condition: str | None,
    ) -> None:
        """One row for `name`, then rows for the fields of an object or of a list's objects.

        `condition` names the optional field this one sits in, if any: required then means
        "required when that field is given".
        """
        texts = REFERENCE_TEXTS[self.lang]
        base = self.schemas.documents["defs.schema.json"]["$id"]
        items = self.schemas.resolve(schema.get("items", {}), base)[0]
        type_name = schema.get("type", "")
        localised = "sv" in schema.get("properties", {})
        if type_name == "object" and localised:
            type_name = texts["type_localised"]
        elif type_name == "array":
            item_type = "sv/en" if "sv" in items.get("properties", {}) else items.get("type", "object")
            type_name = texts["type_list"].format(texts["list_types"].get(item_type, item_type))
        else:
            type_name = texts["types"].get(type_name, type_name)
        if not required:
            required_text = texts["no"]
        elif condition is None:
            required_text = texts["yes"]
        else:
            required_text = texts["yes_within"].format(condition)
        examples = schema.get("examples") or []
        title, description = localised_annotation(schema, self.lang, name)
        rows.append(
            {
                "name": name,
                "title": title,
                "description": description,
                "required": required_text,
                "type": type_name,
                "allowed": schema.get("enum") or items.get("enum") or [],
                "example": json.dumps(examples[0], ensure_ascii=False) if examples else "",
            }
        )
        if schema.get("type") == "array":
            inner, prefix = items, f"{name}[]."
        elif schema.get("type") == "object":
            inner, prefix = schema, f"{name}."
        else:
            return
        if "sv" in inner.get("properties", {}):  # localised text: its type already says sv/en
            return
        inner_condition = condition if required else name
        for child, child_schema in inner.get("properties", {}).items():
            resolved = self.schemas.resolve(child_schema, base)[0]
            self._reference_rows(
                rows, prefix + child, resolved, child in inner.get("required", []), inner_condition
            )

    def reference_page(self) -> Page:
        texts = REFERENCE_TEXTS[self.lang]
        kinds = [
            (kind, *localised_annotation(self.schemas.document(kind), self.lang), self.reference_fields(kind))
            for kind in KIND_PLURALS
        ]
        html = self._render(
            "reference.html",
            f"{REFERENCE_PAGE}/",
            title=texts["title"],
            intro=texts["intro"],
            kinds=kinds,
            ref_t=texts,
            plural=KIND_PLURALS.get,
        )
        return Page(f"{REFERENCE_PAGE}.md", texts["title"], html, texts["intro"])

    def chart(self, figure: Figure, *, standalone: bool = False) -> Markup:
        """A horizontal bar chart as SVG, with a title and a text alternative.

        Each label sits on its own lines above its bar and wraps, so no label is ever cut, and each
        value carries its unit. On the page the colours come from the theme's CSS (both schemes);
        the `standalone` file for download carries its own light colours and its title.
        """
        lang, key = self.lang, figure.key
        values = [format_value(value, figure.unit, lang) for _, value in figure.rows]
        top = max((value for _, value in figure.rows), default=0) or 1
        width, font, line, bar_height, gap = CHART_WIDTH, 16, 20, 20, 14
        value_space = 12 + max((len(v) for v in values), default=0) * font * 0.6
        heading = f"{figure.title[lang]} ({UNITS[figure.unit][lang]})"
        y = gap
        body = []
        if standalone:
            for text in textwrap.wrap(heading, CHART_WRAP):
                y += line
                body.append(
                    f'<text x="0" y="{y - 4}" font-size="{font}" font-weight="700" class="report__label">{escape(text)}</text>'
                )
            y += gap
        for (label, value), shown in zip(figure.rows, values, strict=True):
            for text in textwrap.wrap(label[lang], CHART_WRAP) or [""]:
                y += line
                body.append(
                    f'<text x="0" y="{y - 4}" font-size="{font}" class="report__label">{escape(text)}</text>'
                )
            bar = max(2.0, (width - value_space) * value / top)
            body.append(
                f'<rect x="0" y="{y + 2}" width="{bar:.1f}" height="{bar_height}" class="report__bar"/>'
                f'<text x="{bar + 6:.1f}" y="{y + bar_height - 2}" font-size="{font}" class="report__value">{escape(shown)}</text>'
            )
            y += bar_height + 2 + gap
        summary = "; ".join(
            f"{label[lang]}: {shown}" for (label, _), shown in zip(figure.rows, values, strict=True)
        )
        prefix = "file-" if standalone else ""
        parts = [
            f'<svg class="report__chart" role="img" aria-labelledby="{prefix}chart-{key}-title {prefix}chart-{key}-desc" '
            f'viewBox="0 0 {width} {y}" width="{width}" height="{y}" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{prefix}chart-{key}-title">{escape(heading)}</title>',
            f'<desc id="{prefix}chart-{key}-desc">{escape(summary)}</desc>',
        ]
        if standalone:
            parts.append(f"<style>{CHART_FILE_STYLE}</style>")
            parts.append(f'<rect width="{width}" height="{y}" class="report__background"/>')
        parts += body + ["</svg>"]
        return Markup("".join(parts))

    def _site_reports(self, today: dt.date) -> list[Report]:
        if today not in self._reports:
            self._reports[today] = site_reports(self.catalogue, self.schemas, self.published, today)
        return self._reports[today]

    def report_files(self, report: Report) -> dict[str, str]:
        """The downloads of one year (path below the language root → text): CSV, JSON and each chart as SVG."""
        base = f"{REPORT_DATA}-{report.year}"
        files = {
            f"{base}.csv": CSV_BOM + report_csv(report, self.lang),
            f"{base}.json": frozen_text(report),
        }
        for figure in report.counted:
            if figure.rows:
                files[f"{base}-{figure.key}.csv"] = CSV_BOM + report_csv(report, self.lang, [figure])
                files[f"{base}-{figure.key}.svg"] = (
                    SVG_PROLOGUE + str(self.chart(figure, standalone=True)) + "\n"
                )
        return files

    def report_pages(self, today: dt.date | None = None) -> tuple[list[Page], dict[str, str]]:
        """The report index, one page per year it shows, and their downloads (path → text).

        A published year is shown from its frozen figures; the current year, if unpublished, is
        counted now and labelled preliminary.
        """
        reports = self._site_reports(today or self.today)
        texts = REPORT_TEXTS[self.lang]
        index_url = f"{REPORT_PAGE}/"
        pages, files = [], {}
        for report in reports:
            page_url = f"{REPORT_PAGE}/{report.year}/"
            report_files = self.report_files(report)
            files.update(report_files)

            def data_href(name: str, url: str = page_url) -> str:
                return relative_url(url, name).rstrip("/")

            title = f"{texts['title']} {report.year}"
            html = self._render(
                "report.html",
                page_url,
                title=title,
                texts=texts,
                report=report,
                reports=reports,
                units=UNITS,
                chart=self.chart,
                value=lambda value, unit: format_value(value, unit, self.lang),
                data_href=data_href,
                data_base=f"{REPORT_DATA}-{report.year}",
                index_href=relative_url(page_url, index_url),
                year_href=lambda year, url=page_url: relative_url(url, f"{REPORT_PAGE}/{year}/"),
            )
            pages.append(Page(f"{REPORT_PAGE}/{report.year}.md", title, html, report.basis(self.lang)))
        html = self._render(
            "report_index.html",
            index_url,
            texts=texts,
            reports=reports,
            year_href=lambda year: relative_url(index_url, f"{REPORT_PAGE}/{year}/"),
        )
        pages.insert(0, Page(f"{REPORT_PAGE}/index.md", texts["title"], html, texts["index_intro"]))
        return pages, files

    def latest_report_path(self, today: dt.date) -> str:
        """The newest published yearly report's page (else this year's preliminary one), below the
        language root: the main menu and the home page link it."""
        reports = self._site_reports(today)
        published = [report for report in reports if report.published is not None]
        latest = (published or reports or [None])[0]
        return f"{REPORT_PAGE}/{latest.year}/" if latest is not None else ""

    def latest_report_link(self, page_url: str, today: dt.date) -> str:
        """The home page's start link to the newest yearly report, as an item of its list of start links."""
        path = self.latest_report_path(today)
        if not path:
            return ""
        texts = REPORT_TEXTS[self.lang]
        title = f"{texts['title']} {path.strip('/').rsplit('/', 1)[-1]}"
        return (
            f'<li><a class="cat-start__link" href="{relative_url(page_url, path)}">'
            f'<span class="cat-start__title">{escape(title)}</span>'
            f'<span class="cat-start__text">{escape(texts["start"])}</span></a></li>'
        )

    def news_for(self, item: Item) -> list[Post]:
        """Posts that name the entry in their `related` list, newest first."""
        key = f"{KIND_PLURALS[item.kind]}/{item.id}"
        return [post for post in self.posts if key in post.related]

    def news_page(self) -> Page:
        texts = NEWS_TEXTS[self.lang]
        html = self._render(
            "news.html",
            f"{NEWS_DIR}/",
            title=texts["title"],
            texts=texts,
            posts=self.posts,
            feed="../feed.xml",
        )
        return Page(f"{NEWS_DIR}/index.md", texts["title"], html, texts["intro"])

    def latest_news(self, page_url: str, count: int = 3) -> str:
        """The newest posts as a short list, for the home page."""
        items = "".join(
            f'<li><a href="{relative_url(page_url, post.url)}">{escape(post.title)}</a> '
            f'<time datetime="{post.date.isoformat()}">{escape(i18n.format_date(post.date, self.lang))}</time></li>'
            for post in self.posts[:count]
        )
        return f'<ul class="catalogue-news">{items}</ul>' if items else ""

    def featured(self, page_url: str, limit: int = FEATURED_LIMIT) -> str:
        """Entries marked `featured`, as links with their summaries: at most `limit`, however many are marked."""
        marked = [item for item in self.catalogue.all() if item.get("featured")][:limit]
        items = "".join(
            f'<li><a href="{relative_url(page_url, item.url)}">{escape(i18n.localised(item.get("name"), self.lang))}</a>: '
            f"{escape(i18n.localised(item.get('summary'), self.lang))}</li>"
            for item in marked
        )
        return f'<ul class="catalogue-featured">{items}</ul>' if items else ""

    def open_data_page(self) -> Page:
        texts = OPEN_DATA_TEXTS[self.lang]
        plurals = list(KIND_PLURALS.values())
        url = f"{OPEN_DATA_PAGE}/"
        root = "" if self.lang == i18n.DEFAULT_LANGUAGE else "../"
        html = self._render(
            "open_data.html",
            url,
            texts=texts,
            files=OPEN_DATA_FILES,
            kinds=list(KIND_PLURALS.items()),
            plurals=", ".join(plurals[:-1]) + f" {texts['or']} {plurals[-1]}",
            example=next((f"testbeds/{item.id}.json" for item in self.catalogue.of_kind("testbed")), ""),
            feed_href=lambda kind: relative_url(url, feed_path(kind)).rstrip("/"),
            # the feeds are in each language's own folder, the data files for both in /data/
            feed_shown=lambda kind: f"/{'' if not root else self.lang + '/'}{feed_path(kind)}",
            pages=[
                (
                    relative_url(url, f"{SUBSCRIBE_PAGE}/"),
                    SUBSCRIBE_TEXTS[self.lang]["title"],
                    texts["subscribe"],
                ),
                (relative_url(url, f"{EMBED_PAGE}/"), EMBED_PAGE_TEXTS[self.lang]["title"], texts["embed"]),
                (relative_url(url, f"{REVIEW_PAGE}/"), REVIEW_TEXTS[self.lang]["title"], texts["review"]),
            ],
            reference=relative_url(url, f"{REFERENCE_PAGE}/"),
            data_href=lambda name: relative_url(url, f"{root}data/{name}").rstrip("/"),
            reports=self._site_reports(self.today),
            report_texts=REPORT_TEXTS[self.lang],
            report_index=relative_url(url, f"{REPORT_PAGE}/"),
            report_href=lambda year: relative_url(url, f"{REPORT_PAGE}/{year}/"),
            # the report's downloads are in each language's own data folder
            report_data=lambda year, suffix: relative_url(url, f"{REPORT_DATA}-{year}{suffix}").rstrip("/"),
        )
        return Page(f"{OPEN_DATA_PAGE}.md", texts["title"], html, texts["intro"])

    def subscribe_page(self) -> Page:
        """Where the feeds per kind and per unit and the per-entry JSON are listed."""
        texts = SUBSCRIBE_TEXTS[self.lang]
        url = f"{SUBSCRIBE_PAGE}/"
        root = "" if self.lang == i18n.DEFAULT_LANGUAGE else "../"
        units = sorted(
            self.catalogue.of_kind("unit"), key=lambda u: i18n.localised(u.get("name"), self.lang).casefold()
        )
        first = next(iter(self.catalogue.of_kind("testbed")), None)
        html = self._render(
            "subscribe.html",
            url,
            texts=texts,
            kinds=list(KIND_PLURALS.items()),
            units=units,
            example=f"testbeds/{first.id}.json" if first else "",
            feed_href=lambda kind, unit=None: relative_url(url, feed_path(kind, unit)).rstrip("/"),
            data_href=lambda name: relative_url(url, f"{root}data/{name}").rstrip("/"),
        )
        return Page(f"{SUBSCRIBE_PAGE}.md", texts["title"], html, texts["intro"])

    def review_pages(self) -> list[Page]:
        """The review status (as `catalogue stale`): an index of the units with their counts, and
        each unit's entries on pages of its own, so that no page grows with the catalogue."""
        units = review_status(self.catalogue, self.today, STALE_AFTER_MONTHS)
        units.sort(key=lambda owner: i18n.localised(owner.unit.get("name"), self.lang).casefold())
        return [self.review_index(units)] + [
            page for owner in units for page in self.unit_review_pages(owner)
        ]

    def review_index(self, units: list[UnitStatus]) -> Page:
        """Per unit, how many of its entries need review, are up to date and were never confirmed."""
        texts = REVIEW_TEXTS[self.lang]
        url = f"{REVIEW_PAGE}/"
        html = self._render(
            "review.html",
            url,
            texts=texts,
            units=units,
            today=self.today,
            limit=STALE_AFTER_MONTHS,
            overdue_total=sum(len(owner.overdue) for owner in units),
            never_total=sum(len(owner.never_confirmed) for owner in units),
            unit_href=lambda owner: relative_url(url, f"{REVIEW_PAGE}/{owner.unit.id}/"),
        )
        intro = texts["intro"].format(limit=STALE_AFTER_MONTHS)
        return Page(f"{url}index.md", texts["title"], html, intro)

    def unit_review_pages(self, owner: UnitStatus) -> list[Page]:
        """One unit's entries, oldest confirmation first and then those never confirmed, in pages of
        at most `REVIEW_PAGE_SIZE` rows."""
        texts = REVIEW_TEXTS[self.lang]
        listing_texts = LISTING_TEXTS[self.lang]
        unit_name = i18n.localised(owner.unit.get("name"), self.lang)
        heading = texts["unit_title"].format(unit=unit_name)
        intro = texts["unit_intro"].format(unit=unit_name, limit=STALE_AFTER_MONTHS)
        review_url = f"{REVIEW_PAGE}/{owner.unit.id}/"
        chunks = paginate(owner.confirmed + owner.never_confirmed, REVIEW_PAGE_SIZE)
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            url = page_url(review_url, number)
            title = (
                heading
                if number == 1
                else f"{heading}, {listing_texts['page_of'].format(n=number, total=len(chunks))}"
            )
            html = self._render(
                "review_unit.html",
                url,
                texts=texts,
                lt=listing_texts,
                heading=heading,
                intro=intro,
                owner=owner,
                today=self.today,
                confirmed=[entry for entry in chunk if entry.confirmed],
                never_confirmed=[entry for entry in chunk if not entry.confirmed],
                index_href=relative_url(url, f"{REVIEW_PAGE}/"),
                **page_links(review_url, number, len(chunks)),
            )
            pages.append(Page(f"{url}index.md", title, html, intro))
        return pages

    def embed_selections(self, lang: str | None = None) -> list[embed.Selection]:
        return embed.selections(self.catalogue, self.schemas, lang or self.lang)

    def embed_page(self) -> Page:
        """'Bädda in / Embed': a partner picks what to show and copies the snippet."""
        texts = EMBED_PAGE_TEXTS[self.lang]
        url = f"{EMBED_PAGE}/"
        found = self.embed_selections()
        groups: dict[str, list[embed.Selection]] = {}
        for selection in found:
            groups.setdefault(selection.group, []).append(selection)
        titles = {
            lang: {s.path: s.title for s in (found if lang == self.lang else self.embed_selections(lang))}
            for lang in i18n.LANGUAGES
        }
        site_root = relative_url(url, "") + ("" if self.lang == i18n.DEFAULT_LANGUAGE else "../")
        html = self._render(
            "embed_page.html",
            url,
            texts=texts,
            groups=list(groups.items()),
            titles=titles,
            selections=found,
            site_root=site_root,
            height_message=embed.HEIGHT_MESSAGE,
            first_src=relative_url(url, found[0].url) if found else "",
            first_title=found[0].title if found else "",
            embed_href=lambda selection: relative_url(url, selection.url),
            script_texts={key: texts[key] for key in ("comment", "preview", "copied", "select")},
        )
        return Page(f"{EMBED_PAGE}.md", texts["title"], html, texts["intro"])

    def embed_files(self) -> dict[str, str]:
        """The embeddable listings of this language, by path below the language root (`embed/…/index.html`)."""
        site = i18n.t("site_name", self.lang)
        files = {}
        for selection in self.embed_selections():
            files[f"{selection.url}index.html"] = self._render(
                "embed_listing.html",
                selection.url,
                selection=selection,
                listing_facts=lambda item: [value for _, value in self.card_facts(item)],
                source=embed.EMBED_TEXTS["source"][self.lang].format(site=site),
                more=relative_url(selection.url, selection.more),
                more_label=embed.EMBED_TEXTS["more"][self.lang],
                shown_text=embed.EMBED_TEXTS["shown"][self.lang],
                height_message=embed.HEIGHT_MESSAGE,
            )
        return files

    def pages(self) -> list[Page]:
        """Every generated page of this language."""
        return [self.entry_page(item) for item in self.catalogue.all()] + self.overview_pages()

    def overview_pages(self) -> list[Page]:
        """The pages that are not one entry's: listings, chooser, search and the rest.

        A preview re-renders these on every change, since any entry may show on them.
        """
        pages = [page for kind in KIND_PLURALS for page in self.listing_pages(kind)]
        pages += [
            self.chooser_page(),
            self.search_page(),
            self.reference_page(),
            self.news_page(),
            self.open_data_page(),
            self.subscribe_page(),
            self.embed_page(),
        ]
        return pages + self.review_pages()


LISTING_INTROS = {
    "testbeds": {
        "sv": "Test- och demonstrationsmiljöer där företag, forskare och medarbetare kan pröva nya lösningar.",
        "en": "Test and demonstration environments where companies, researchers and staff can try new solutions.",
    },
    "projects": {
        "sv": "Innovationsprojekt och program, med finansiärens uppgifter om syfte, löptid och bidrag.",
        "en": "Innovation projects and programmes, with the funder's record of purpose, period and grant.",
    },
    "contacts": {
        "sv": "Namngivna vägar in: vem de är till för, vilka frågor de tar emot och hur snabbt de svarar.",
        "en": "Named ways in: who they are for, which matters they deal with and how fast they answer.",
    },
    "opportunities": {
        "sv": "Stipendier, priser, tävlingar, utlysningar, mässor och samverkansformer som du kan söka eller delta i.",
        "en": "Personal grants, prizes, competitions, calls for proposals, fairs and forms of collaboration that you can apply for or take part in.",
    },
    "units": {
        "sv": "Nämnder, bolag, förvaltningar och kanslier som ansvarar för katalogens poster.",
        "en": "Committees, companies, administrations and offices responsible for the catalogue's entries.",
    },
}

# A card's one link starts so (templates/listing_pieces.html); a page puts its way up to the listing root after it.
CARD_LINK = '<h2 class="card__name"><a href="'

# Fields of the visible fact lists that search finds too, beside the facets (dotted field paths).
SEARCH_FACTS: dict[str, tuple[str, ...]] = {
    "testbed": ("location.municipality",),
    "project": ("reference", "coordinator", "funding.funder", "funding.programme", "other_partners"),
}

LISTING_TEXTS = {
    "sv": {
        "page_of": "sida {n} av {total}",
        "pages": "Sidor",
        "previous": "Föregående",
        "next": "Nästa",
        "filter": "Avgränsa",
        "filter_nav": "Avgränsa listan",
        "all": "Visa alla",
        "response": "Svarstid",
        "days": "{n} arbetsdagar",
        "days_one": "{n} arbetsdag",
        "example": "exempel",
    },
    "en": {
        "page_of": "page {n} of {total}",
        "pages": "Pages",
        "previous": "Previous",
        "next": "Next",
        "filter": "Filter",
        "filter_nav": "Filter the list",
        "all": "Show all",
        "response": "Response time",
        "days": "{n} working days",
        "days_one": "{n} working day",
        "example": "example",
    },
}

# Starts the hidden words an entry is found by (facts, tags, aliases): search.js shows the entry's
# summary instead of an excerpt taken from them, which would read as a list of synonyms.
SEARCH_MARKER = "⁂"

SEARCH_TEXTS = {
    "sv": {
        "results": "{n} träffar",
        "result": "1 träff",
        "none": "Inga träffar för {q}.",
        "none_filtered": "Inga träffar med de valda filtren.",
        "searching": "Söker …",
        "filter": "Filter",
        "filter_active": "Filter ({n} valda)",
        "filter_active_one": "Filter (1 valt)",
        "filter_heading": "Avgränsa sökningen",
        "clear": "Rensa filter",
        "more": "Visa fler träffar",
        "shown": "Visar {shown} av {n}.",
        "failed": "Sökningen kunde inte laddas.",
        "needs_js": "Sökningen behöver JavaScript. Utan JavaScript hittar du allt i listorna, som går att avgränsa på samma sätt:",
    },
    "en": {
        "results": "{n} results",
        "result": "1 result",
        "none": "No results for {q}.",
        "none_filtered": "No results with the chosen filters.",
        "searching": "Searching …",
        "filter": "Filter",
        "filter_active": "Filter ({n} chosen)",
        "filter_active_one": "Filter (1 chosen)",
        "filter_heading": "Narrow the search",
        "clear": "Clear filters",
        "more": "Show more results",
        "shown": "Showing {shown} of {n}.",
        "failed": "Search could not be loaded.",
        "needs_js": "Search needs JavaScript. Without JavaScript you find everything in the lists, which can be filtered the same way:",
    },
}

REFERENCE_TEXTS = {
    "sv": {
        "title": "Fält och regler",
        "field": "Fält",
        "type": "Typ",
        "required": "Krävs",
        "meaning": "Betydelse",
        "yes": "Ja",
        "no": "Nej",
        "yes_within": "Ja, när {} finns",
        "allowed": "Tillåtna värden",
        "example": "Exempel",
        "intro": "Alla fält i katalogens poster, hämtade direkt ur JSON-schemana när webbplatsen byggs.",
        "type_localised": "text på svenska och engelska (sv/en)",
        "type_list": "lista med {}",
        "types": {
            "string": "text",
            "integer": "heltal",
            "number": "tal",
            "boolean": "ja/nej (true/false)",
            "object": "grupp av fält",
            "sv/en": "texter på svenska och engelska (sv/en)",
        },
        "list_types": {
            "string": "texter",
            "integer": "heltal",
            "number": "tal",
            "object": "grupper av fält",
            "sv/en": "texter på svenska och engelska (sv/en)",
        },
    },
    "en": {
        "title": "Fields and rules",
        "field": "Field",
        "type": "Type",
        "required": "Required",
        "meaning": "Meaning",
        "yes": "Yes",
        "no": "No",
        "yes_within": "Yes, when {} is given",
        "allowed": "Allowed values",
        "example": "Example",
        "intro": "Every field of the catalogue's entries, read from the JSON Schemas when the site is built.",
        "type_localised": "text in Swedish and English (sv/en)",
        "type_list": "list of {}",
        "types": {
            "string": "text",
            "integer": "whole number",
            "number": "number",
            "boolean": "yes/no (true/false)",
            "object": "group of fields",
            "sv/en": "texts in Swedish and English (sv/en)",
        },
        "list_types": {
            "string": "texts",
            "integer": "whole numbers",
            "number": "numbers",
            "object": "groups of fields",
            "sv/en": "texts in Swedish and English (sv/en)",
        },
    },
}

REPORT_TEXTS = {
    "sv": {
        "title": "Innovationsbokslut",
        "intro": "Årets uppföljning av innovationsarbetet, räknad från katalogens poster. Varje siffra säger vad den "
        "räknar. Siffrorna bygger på datum i posterna, till exempel projektens start och slut, aldrig på "
        "deras status i dag.",
        "index_intro": "Den årliga uppföljningen av innovationsarbetet, räknad från katalogens poster. Ett publicerat år "
        "ändras inte. Innevarande år är preliminärt tills det är slut och bokslutet publiceras.",
        "index_how": "Ett år publiceras när det är slut. Då sparas siffrorna som de är, och senare ändringar i katalogen "
        "påverkar dem inte.",
        "published": "Slutliga siffror.",
        "published_short": "publicerat",
        "preliminary_short": "preliminärt",
        "published_on": "Publicerat",
        "download_all": "Ladda ned alla siffror för året:",
        "all_csv": "som CSV",
        "all_json": "som JSON",
        "download": "Ladda ned:",
        "chart_svg": "diagrammet (SVG)",
        "figures_csv": "siffrorna (CSV)",
        "counted_title": "Räknat från katalogens poster",
        "counts": "Räknar:",
        "what": "Vad",
        "value": "Värde",
        "no_figures": "Inga värden att visa.",
        "reported_title": "Siffror som källor redovisar",
        "other_years": "Alla år",
        "all_years": "Alla innovationsbokslut",
        "start": "Årets uppföljning av innovationsarbetet, i siffror.",
    },
    "en": {
        "title": "Innovation report",
        "intro": "The year's follow-up of innovation work, counted from the catalogue's entries. Every figure says what "
        "it counts. The figures rest on dates in the entries, such as when projects started and ended, never on "
        "their status today.",
        "index_intro": "The yearly follow-up of innovation work, counted from the catalogue's entries. A published year "
        "does not change. The current year is preliminary until it has ended and its report is published.",
        "index_how": "A year is published when it has ended. Its figures are then kept as they are, and later changes "
        "to the catalogue do not affect them.",
        "published": "Final figures.",
        "published_short": "published",
        "preliminary_short": "preliminary",
        "published_on": "Published",
        "download_all": "Download all the year's figures:",
        "all_csv": "as CSV",
        "all_json": "as JSON",
        "download": "Download:",
        "chart_svg": "the chart (SVG)",
        "figures_csv": "the figures (CSV)",
        "counted_title": "Counted from the catalogue's entries",
        "counts": "Counts:",
        "what": "What",
        "value": "Value",
        "no_figures": "No values to show.",
        "reported_title": "Figures reported by sources",
        "other_years": "All years",
        "all_years": "All innovation reports",
        "start": "The year's follow-up of innovation work, in figures.",
    },
}

NEWS_TEXTS = {
    "sv": {
        "title": "Nyheter",
        "intro": "Nyheter om testbäddar, projekt och innovationsarbetet.",
        "feed": "Prenumerera på nyheterna (Atom-flöde)",
        "related": "Nyheter",
    },
    "en": {
        "title": "News",
        "intro": "News about testbeds, projects and innovation work.",
        "feed": "Subscribe to the news (Atom feed)",
        "related": "News",
    },
}

OPEN_DATA_FILES = [
    (
        "catalogue.json",
        "application/json",
        {
            "sv": "Alla poster med relationer åt båda hållen, schemaversion och tidpunkt.",
            "en": "Every entry with relations both ways, schema version and time.",
        },
    ),
    (
        "catalogue.schema.json",
        "application/schema+json",
        {
            "sv": "JSON-schema för catalogue.json och för varje posts egen JSON-fil.",
            "en": "JSON Schema of catalogue.json and of each entry's own JSON file.",
        },
    ),
    (
        "index.json",
        "application/json",
        {
            "sv": "En förteckning över alla poster per typ, med adressen till varje posts JSON-fil och till dess "
            "sidor på båda språken, och vart de gamla adresserna för poster som bytt id pekar.",
            "en": "A list of every entry by kind, with the address of each entry's JSON file and of its pages in "
            "both languages, and where the old addresses of entries that changed their id point.",
        },
    ),
    (
        "testbeds.csv",
        "text/csv",
        {"sv": "En rad per testbädd (UTF-8 med BOM).", "en": "One row per testbed (UTF-8 with BOM)."},
    ),
    ("projects.csv", "text/csv", {"sv": "En rad per projekt.", "en": "One row per project."}),
    ("contacts.csv", "text/csv", {"sv": "En rad per kontaktväg.", "en": "One row per contact path."}),
    ("units.csv", "text/csv", {"sv": "En rad per enhet.", "en": "One row per unit."}),
    (
        "opportunities.csv",
        "text/csv",
        {
            "sv": "En rad per möjlighet (stipendium, pris, tävling med mera).",
            "en": "One row per opportunity (grant, prize, competition and so on).",
        },
    ),
    (
        "catalogue.jsonld",
        "application/ld+json",
        {"sv": "Alla poster som schema.org JSON-LD.", "en": "Every entry as schema.org JSON-LD."},
    ),
    (
        "dcat.rdf",
        "application/rdf+xml",
        {
            "sv": "DCAT-AP-SE-beskrivning av datamängden för Sveriges dataportal.",
            "en": "DCAT-AP-SE description of the data set for the Swedish data portal.",
        },
    ),
    (
        "dcat.jsonld",
        "application/ld+json",
        {"sv": "Samma DCAT-beskrivning som JSON-LD.", "en": "The same DCAT description as JSON-LD."},
    ),
]

OPEN_DATA_TEXTS = {
    "sv": {
        "title": "Öppna data",
        "intro": "Hela katalogen kan laddas ned som öppna data på fasta adresser under /data/. Filerna skrivs om varje gång webbplatsen byggs.",
        "licence": "Data får användas fritt, utan villkor:",
        "files": "Filer",
        "file": "Fil",
        "format": "Format",
        "holds": "Innehåll",
        "fields": "Fält",
        "fields_intro": "Fälten är desamma som i katalogens poster och beskrivs på sidan",
        "reference": "Fält och regler",
        "report": "Innovationsbokslut",
        "report_intro": "Varje års innovationsbokslut finns som CSV och JSON, och varje diagram som SVG med sina siffror "
        "som CSV. Bokslutet och vad varje siffra räknar beskrivs på sidan",
        "report_all": "Alla siffror",
        "report_chart": "diagram",
        "report_figures": "siffror",
        "kind": "typ",
        "entry_json": "En fil per post, med samma fält som posten har i catalogue.json, där <typ> är {kinds}",
        "moved": "Har posten bytt id pekar den gamla adressen på den nya.",
        "or": "eller",
        "for_example": "till exempel",
        "feeds": "Flöden",
        "feeds_intro": "Atom-flöden med nya och ändrade poster, de senast ändrade först, ett för varje typ av post. "
        "Flödena finns på svenska och engelska, och det finns ett flöde för varje enhet.",
        "more": "Mer för den som vill återanvända katalogen",
        "subscribe": "alla flöden, också per enhet, och hur ett program hämtar en post i taget",
        "embed": "visa katalogens testbäddar och projekt på en annan webbplats",
        "review": "när varje enhet senast bekräftade sina poster",
        "spreadsheets": "I kalkylprogram",
        "spreadsheet_rule": "CSV-filerna går att öppna i kalkylprogram som Excel och LibreOffice Calc. Där kan en cell "
        "som börjar med =, +, -, @, tabb eller vagnretur tolkas som en formel. Därför får en sådan cell en apostrof (') "
        "först, så att programmet visar den som text. Två undantag skrivs som de är: tal (till exempel -12) och "
        "telefonnummer i kolumner för telefonnummer (till exempel +46 8 123 456 78). De består bara av siffror, "
        "mellanslag och bindestreck och kan inte bli en formel som anropar en funktion eller hämtar något.",
    },
    "en": {
        "title": "Open data",
        "intro": "The whole catalogue can be downloaded as open data at stable addresses under /data/. The files are rewritten every time the site is built.",
        "licence": "The data may be used freely, without conditions:",
        "files": "Files",
        "file": "File",
        "format": "Format",
        "holds": "Contents",
        "fields": "Fields",
        "fields_intro": "The fields are those of the catalogue's entries, described on the page",
        "reference": "Fields and rules",
        "report": "Innovation report",
        "report_intro": "Each year's innovation report is available as CSV and JSON, and each chart as SVG with its "
        "figures as CSV. The report and what each figure counts are described on the page",
        "report_all": "All figures",
        "report_chart": "chart",
        "report_figures": "figures",
        "kind": "kind",
        "entry_json": "One file per entry, with the same fields as the entry has in catalogue.json, where <kind> is {kinds}",
        "moved": "When an entry has changed its id, the old address points to the new one.",
        "or": "or",
        "for_example": "for example",
        "feeds": "Feeds",
        "feeds_intro": "Atom feeds of new and changed entries, latest changed first, one for each kind of entry. "
        "The feeds are in Swedish and in English, and there is a feed for each unit.",
        "more": "More for those who want to reuse the catalogue",
        "subscribe": "every feed, also per unit, and how programs fetch one entry at a time",
        "embed": "show the catalogue's testbeds and projects on another website",
        "review": "when each unit last confirmed its entries",
        "spreadsheets": "In spreadsheet programs",
        "spreadsheet_rule": "The CSV files open in spreadsheet programs such as Excel and LibreOffice Calc, which can take "
        "a cell that begins with =, +, -, @, a tab or a carriage return as a formula. Such a cell therefore gets an "
        "apostrophe (') in front, so that the program shows it as text. Two exceptions are written as they are: "
        "numbers (such as -12) and phone numbers in phone number columns (such as +46 8 123 456 78). They consist only "
        "of digits, spaces and hyphens, and cannot make a formula that calls a function or fetches anything.",
    },
}

HISTORY_TEXTS = {
    "sv": {
        "title": "Ändringar",
        "last_changed": "Senast ändrad",
        "file": "Postens fil i arkivet",
        "log": "Alla ändringar i arkivet",
        "more": "Fler ändringar: {n}",
    },
    "en": {
        "title": "Changes",
        "last_changed": "Last changed",
        "file": "The entry's file in the repository",
        "log": "Every change in the repository",
        "more": "More changes: {n}",
    },
}

SUBSCRIBE_TEXTS = {
    "sv": {
        "title": "Prenumerera och hämta poster",
        "intro": "Följ nya och ändrade poster med en flödesläsare (Atom), för en typ av poster eller för en enhet. "
        "Program kan hämta varje post som JSON på en fast adress.",
        "by_kind": "Flöden per typ av post",
        "by_unit": "Flöden per enhet",
        "api": "En post i taget som JSON",
        "api_intro": "Adresserna ändras inte så länge posten finns kvar. Filerna skrivs om varje gång webbplatsen byggs.",
        "index": "en förteckning över alla poster med deras adresser",
        "kind": "typ",
        "for_example": "till exempel",
        "entry": "en post, med samma fält som i catalogue.json",
        "schema": "JSON-schemat som beskriver filerna (en post av typen testbädd följer till exempel #/$defs/testbed)",
        "moved": "När en post byter id finns den gamla adressen kvar och pekar på den nya (fältet location).",
    },
    "en": {
        "title": "Subscribe and fetch entries",
        "intro": "Follow new and changed entries in a feed reader (Atom), for one kind of entry or for one unit. "
        "Programs can fetch every entry as JSON at a stable address.",
        "by_kind": "Feeds by kind of entry",
        "by_unit": "Feeds by unit",
        "api": "One entry at a time as JSON",
        "api_intro": "The addresses do not change as long as the entry exists. The files are rewritten every time the site is built.",
        "index": "a list of every entry with its addresses",
        "kind": "kind",
        "for_example": "for example",
        "entry": "one entry, with the same fields as in catalogue.json",
        "schema": "the JSON Schema that describes the files (a testbed entry, for example, follows #/$defs/testbed)",
        "moved": "When an entry changes its id, the old address stays and points to the new one (the field location).",
    },
}

REVIEW_TEXTS = {
    "sv": {
        "title": "Granskning",
        "intro": "Varje enhet bekräftar att uppgifterna i dess poster stämmer. En post som enheten bekräftade "
        "för {limit} månader sedan eller mer behöver granskas igen. Poster som bara har sammanställts ur "
        "offentliga källor och som enheten aldrig har bekräftat listas för sig.",
        "as_of": "Läget den",
        "totals": "{overdue} poster behöver granskas och {never} har aldrig bekräftats, hos {units} enheter.",
        "summary": "Poster per enhet",
        "unit": "Enhet",
        "overdue": "Behöver granskas",
        "up_to_date": "Aktuella",
        "never": "Aldrig bekräftade",
        "index_help": "Välj en enhet för att se dess poster och när de senast bekräftades.",
        "unit_title": "Granskning: {unit}",
        "unit_intro": "Här står när {unit} senast bekräftade att uppgifterna i dess poster stämmer. En post som "
        "enheten bekräftade för {limit} månader sedan eller mer behöver granskas igen. Poster som enheten aldrig "
        "har bekräftat listas för sig.",
        "all_units": "Alla enheter",
        "unit_page": "Enhetens sida",
        "confirmed_caption": "Bekräftade poster, den äldsta bekräftelsen först",
        "entry": "Post",
        "last_confirmed": "Senast bekräftad",
        "status": "Status",
        "needs_review": "Behöver granskas",
        "current": "Aktuell",
        "none_confirmed": "Enheten har inte bekräftat någon av sina poster.",
        "never_title": "Aldrig bekräftade av enheten",
        "compiled": "sammanställd ur offentliga källor den",
    },
    "en": {
        "title": "Review status",
        "intro": "Each unit confirms that the facts in its entries are right. An entry the unit confirmed "
        "{limit} or more months ago needs to be reviewed again. Entries that have only been compiled from "
        "public sources and that the unit has never confirmed are listed apart.",
        "as_of": "As of",
        "totals": "{overdue} entries need review and {never} have never been confirmed, in {units} units.",
        "summary": "Entries per unit",
        "unit": "Unit",
        "overdue": "Need review",
        "up_to_date": "Up to date",
        "never": "Never confirmed",
        "index_help": "Choose a unit to see its entries and when they were last confirmed.",
        "unit_title": "Review status: {unit}",
        "unit_intro": "This page shows when {unit} last confirmed that the facts in its entries are right. An entry "
        "the unit confirmed {limit} or more months ago needs to be reviewed again. Entries the unit has never "
        "confirmed are listed apart.",
        "all_units": "All units",
        "unit_page": "The unit's page",
        "confirmed_caption": "Confirmed entries, oldest confirmation first",
        "entry": "Entry",
        "last_confirmed": "Last confirmed",
        "status": "Status",
        "needs_review": "Needs review",
        "current": "Up to date",
        "none_confirmed": "The unit has not confirmed any of its entries.",
        "never_title": "Never confirmed by the unit",
        "compiled": "compiled from public sources on",
    },
}

EMBED_PAGE_TEXTS = {
    "sv": {
        "title": "Bädda in",
        "intro": "Visa katalogens testbäddar och projekt på er egen webbplats: välj vad som ska visas och på vilket "
        "språk, kopiera koden och klistra in den där listan ska stå. Listan hämtas från katalogen och är alltid aktuell. "
        "Den laddar inget från andra webbplatser och fungerar med tangentbord och på små skärmar.",
        "what": "Vad ska visas",
        "language": "Språk",
        "code": "Kod att klistra in på er webbplats",
        "code_help": "Koden visar listan i en iframe. De sista raderna är ett kort skript som låter ramen bli lika hög "
        "som listan; utan skriptet är ramen 400 pixlar hög och går att rulla.",
        "no_script": "Koden skapas med JavaScript. Utan JavaScript kan ni använda en adress i listan nedan i en iframe.",
        "copy": "Kopiera koden",
        "copied": "Koden är kopierad.",
        "select": "Koden är markerad: kopiera den med Ctrl+C eller Cmd+C.",
        "comment": "Ramen blir lika hög som listan i katalogen",
        "preview": "Förhandsvisning",
        "all": "Alla listor att bädda in",
        "all_intro": "Varje lista har en fast adress.",
    },
    "en": {
        "title": "Embed",
        "intro": "Show the catalogue's testbeds and projects on your own website: choose what to show and in which "
        "language, copy the code and paste it where the list should be. The list comes from the catalogue and is "
        "always up to date. It loads nothing from other websites and works with a keyboard and on small screens.",
        "what": "What to show",
        "language": "Language",
        "code": "Code to paste into your website",
        "code_help": "The code shows the list in an iframe. The last lines are a short script that makes the frame as "
        "tall as the list; without the script the frame is 400 pixels tall and scrolls.",
        "no_script": "The code is made with JavaScript. Without JavaScript, you can use an address from the list below in an iframe.",
        "copy": "Copy the code",
        "copied": "The code has been copied.",
        "select": "The code is selected: copy it with Ctrl+C or Cmd+C.",
        "comment": "The frame becomes as tall as the catalogue's list",
        "preview": "Preview",
        "all": "Every list to embed",
        "all_intro": "Each list has a stable address.",
    },
}

FOLLOW_TEXTS = {
    "sv": {
        "title": "Följ enhetens poster",
        "feed": "Nya och ändrade poster (Atom-flöde)",
        "review": "När enheten senast bekräftade sina poster",
        "embed": "Visa enhetens testbäddar och projekt på en annan webbplats",
    },
    "en": {
        "title": "Follow the unit's entries",
        "feed": "New and changed entries (Atom feed)",
        "review": "When the unit last confirmed its entries",
        "embed": "Show the unit's testbeds and projects on another website",
    },
}
