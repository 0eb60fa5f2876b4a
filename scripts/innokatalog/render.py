"""Render: the catalogue → page content per kind and language, safe to publish.

Entry text is limited Markdown rendered by markdown-it (raw HTML off) and then sanitised by
nh3 (Ammonia), so nothing an entry says can become markup that runs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from . import i18n
from .facets import (
    FACET_NAMES,
    FACETS,
    LISTING_FACETS,
    entry_facets,
    facet_counts,
    facet_field,
    field_value,
)
from .listing import page_url, page_window, paginate
from .model import KIND_PLURALS, Catalogue, Item
from .news import NEWS_DIR, Post, newest_first
from .report import Figure, build_report, report_csv, report_years
from .schema import SchemaSet, localised_annotation
from .synonyms import Synonyms, shipped_synonyms

TEMPLATES = Path(__file__).parent / "templates"
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "code", "br", "blockquote", "h3", "h4"}
_LANGUAGE_NAMES = {"sv": {"sv": "svenska", "en": "Swedish"}, "en": {"sv": "engelska", "en": "English"}}

CHOOSER_PAGE = "vag-in"
SEARCH_PAGE = "sok"
REFERENCE_PAGE = "falt"
REPORT_PAGE = "innovationsbokslut"
OPEN_DATA_PAGE = "oppna-data"


def markdown_to_html(text: str) -> Markup:
    """Limited Markdown → sanitised HTML: https/mailto links only, no raw HTML, no images."""
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
    """A link from the page at `from_url` to `to_url` (both directory URLs below the root)."""
    target = posixpath.relpath(to_url or ".", from_url or ".")
    return "./" if target == "." else target.rstrip("/") + "/"


class Renderer:
    """Renders every generated page of one language."""

    def __init__(
        self,
        catalogue: Catalogue,
        schemas: SchemaSet,
        lang: str,
        posts: list[Post] | None = None,
        synonyms: Synonyms | None = None,
    ) -> None:
        self.catalogue, self.schemas, self.lang = catalogue, schemas, lang
        self.posts = newest_first(posts or [])
        self.synonyms = synonyms if synonyms is not None else shipped_synonyms()
        self._labels: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.ChainableUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
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
            href=jinja2.pass_context(lambda ctx, item: relative_url(ctx["page_url"], item.url)),
        )
        env.globals.update(
            t=lambda key, **values: i18n.t(key, lang, **values),
            lang=lang,
            catalogue=catalogue,
            news_for=self.news_for,
            post_href=jinja2.pass_context(lambda ctx, post: relative_url(ctx["page_url"], post.url)),
            facets=entry_facets,
            search_text=self.search_text,
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
        labels = lambda field: ", ".join(self.label(v, item.kind, field) for v in item.get(field) or [])  # noqa: E731
        if item.kind == "testbed":
            access = item.get("access") or {}
            return [
                (t("kind"), self.label(item.get("kind"), "testbed", "kind")),
                (FACET_NAMES["audience"][self.lang], labels("audiences")),
                (t("cost_model"), self.label(access.get("cost_model"), "testbed", "access.cost_model")),
                (t("status"), self.label(item.get("status"), "testbed", "status")),
                (texts["response"], self.response_text(self.catalogue.contact_of(item))),
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
            title = heading if number == 1 else f"{heading}, {texts['page_of'].format(n=number, total=len(chunks))}"
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
                number=number,
                total=len(chunks),
                window=[(n, link(page_url(listing_url, n)) if n else "") for n in page_window(number, len(chunks))],
                prev_href=link(page_url(listing_url, number - 1)) if number > 1 else "",
                next_href=link(page_url(listing_url, number + 1)) if number < len(chunks) else "",
            )
            pages.append(Page(f"{url}index.md", title, html, intro))
        return pages

    def chooser_rows(self) -> list[dict[str, Any]]:
        """One row per (visitor, want): the first contact path whose audiences and topics match."""
        contacts = self.catalogue.of_kind("contact")
        rows = []
        for who in i18n.VISITORS:
            for want, spec in i18n.WANTS.items():
                match = next(
                    (
                        c
                        for c in contacts
                        if who in (c.get("audiences") or [])
                        and set(spec["topics"]) & set(c.get("topics") or [])
                    ),
                    None,
                )
                rows.append({"who": who, "want": want, "contact": match})
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
            type_name = texts["type_list"].format(texts["types"].get(item_type, item_type))
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

    def chart(self, figure: Figure) -> Markup:
        """A horizontal bar chart as inline SVG, with a title and a text alternative."""
        rows = figure.rows
        top = max((value for _, value in rows), default=0) or 1
        bar_height, gap, label_width, width = 22, 8, 220, 640
        height = len(rows) * (bar_height + gap) + gap
        key = figure.key
        summary = "; ".join(
            f"{label[self.lang]}: {i18n.format_number(value, self.lang)}" for label, value in rows
        )
        parts = [
            f'<svg class="report__chart" role="img" aria-labelledby="chart-{key}-title chart-{key}-desc" '
            f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="chart-{key}-title">{escape(figure.title[self.lang])}</title>',
            f'<desc id="chart-{key}-desc">{escape(summary)}</desc>',
        ]
        for index, (label, value) in enumerate(rows):
            y = gap + index * (bar_height + gap)
            bar = max(2, (width - label_width - 80) * value / top)
            parts.append(
                f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" class="report__label">{escape(label[self.lang][:34])}</text>'
                f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="{bar_height}" class="report__bar"/>'
                f'<text x="{label_width + bar + 6:.1f}" y="{y + 16}" class="report__value">{escape(i18n.format_number(value, self.lang))}</text>'
            )
        parts.append("</svg>")
        return Markup("".join(parts))

    def report_pages(self, today: dt.date) -> tuple[list[Page], dict[str, str]]:
        """One page per year, and the CSV files (path below the language root → text) they link."""
        years = report_years(self.catalogue, today)
        texts = REPORT_TEXTS[self.lang]
        pages, files = [], {}
        for year in years:
            report = build_report(self.catalogue, self.schemas, year, today)
            page_url = f"{REPORT_PAGE}/{year}/"
            csv_base = f"data/innovationsbokslut-{year}"
            for figure in report.counted:
                files[f"{csv_base}-{figure.key}.csv"] = figure.csv_text(self.lang)
            files[f"{csv_base}.csv"] = report_csv(report, self.lang)
            title = f"{texts['title']} {year}"
            html = self._render(
                "report.html",
                page_url,
                title=title,
                texts=texts,
                report=report,
                years=years,
                chart=self.chart,
                csv_href=lambda figure, base=csv_base, url=page_url: relative_url(
                    url, f"{base}-{figure.key}.csv"
                ).rstrip("/"),
                csv_all=relative_url(page_url, f"{csv_base}.csv").rstrip("/"),
            )
            pages.append(Page(f"{REPORT_PAGE}/{year}.md", title, html, texts["intro"]))
        return pages, files

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

    def featured(self, page_url: str) -> str:
        """Entries marked `featured`, as links with their summaries."""
        items = "".join(
            f'<li><a href="{relative_url(page_url, item.url)}">{escape(i18n.localised(item.get("name"), self.lang))}</a>: '
            f"{escape(i18n.localised(item.get('summary'), self.lang))}</li>"
            for item in self.catalogue.all()
            if item.get("featured")
        )
        return f'<ul class="catalogue-featured">{items}</ul>' if items else ""

    def open_data_page(self) -> Page:
        texts = OPEN_DATA_TEXTS[self.lang]
        url = f"{OPEN_DATA_PAGE}/"
        root = "" if self.lang == i18n.DEFAULT_LANGUAGE else "../"
        html = self._render(
            "open_data.html",
            url,
            texts=texts,
            files=OPEN_DATA_FILES,
            reference=relative_url(url, f"{REFERENCE_PAGE}/"),
            data_href=lambda name: relative_url(url, f"{root}data/{name}").rstrip("/"),
        )
        return Page(f"{OPEN_DATA_PAGE}.md", texts["title"], html, texts["intro"])

    def pages(self) -> list[Page]:
        pages = [self.entry_page(item) for item in self.catalogue.all()]
        for kind in KIND_PLURALS:
            pages += self.listing_pages(kind)
        pages += [
            self.chooser_page(),
            self.search_page(),
            self.reference_page(),
            self.news_page(),
            self.open_data_page(),
        ]
        return pages


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
        "en": "Named ways in: who they are for, which questions they take and how fast they answer.",
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
    },
}

REPORT_TEXTS = {
    "sv": {
        "title": "Innovationsbokslut",
        "intro": "Årets uppföljning av innovationsarbetet, räknad från katalogens poster när webbplatsen byggdes. "
        "Status avser läget när sidan byggdes.",
        "download": "Ladda ned",
        "download_all": "Ladda ned alla siffror (CSV)",
        "what": "Vad",
        "count": "Antal",
        "reported_title": "Siffror som källor redovisar",
        "other_years": "Andra år",
    },
    "en": {
        "title": "Innovation report",
        "intro": "The year's follow-up of innovation work, counted from the catalogue's entries when the site was built. "
        "Statuses are as they stood when the page was built.",
        "download": "Download",
        "download_all": "Download all figures (CSV)",
        "what": "What",
        "count": "Count",
        "reported_title": "Figures reported by sources",
        "other_years": "Other years",
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
        {"sv": "JSON-schema för catalogue.json.", "en": "JSON Schema of catalogue.json."},
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
    },
}
