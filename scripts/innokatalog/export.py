"""Export: the catalogue → open-data files (JSON, CSV, schema.org JSON-LD and a DCAT-AP-SE description).

Everything here takes data and returns data, so that the build, `catalogue export` and the tests
all get the same bytes; only `write_exports` touches the disk. The files are published at stable
addresses under `/data/`, so their names and shapes are a contract with whoever reuses the data:
`catalogue.json` is described by `schema/export.schema.json` (published as `catalogue.schema.json`)
and carries `schema_version`.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from .model import KIND_PLURALS, Catalogue, Item
from .schema import DEFS_FILE, SchemaSet

SCHEMA_VERSION = "2.0.0"
EXPORT_SCHEMA_FILE = "export.schema.json"
LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
DATA_DIR = "data/"
# The open-data page of the site (render.OPEN_DATA_PAGE): the data set's landing page.
OPEN_DATA_PAGE = "oppna-data/"
LIST_SEPARATOR = "; "
SCHEMA_ORG_CONTEXT: dict[str, Any] = {"@vocab": "https://schema.org/"}

LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/"
DEFAULT_PUBLISHER = "Region Stockholm"
# The real mailbox for questions about the data is not known yet: a reserved example address.
DEFAULT_CONTACT_EMAIL = "oppnadata@example.org"

# Relations seen from the entry that is referred to: target kind → [(key, relation, referring kind)].
RELATED: dict[str, list[tuple[str, str, str]]] = {
    "unit": [
        ("owned_testbeds", "unit", "testbed"),
        ("owned_projects", "unit", "project"),
        ("owned_contacts", "unit", "contact"),
        ("sub_units", "parent", "unit"),
        ("partner_in", "partners", "project"),
        ("owned_opportunities", "unit", "opportunity"),
    ],
    "testbed": [("used_by_projects", "testbeds", "project")],
    "project": [],
    "contact": [
        ("way_in_to_units", "contact", "unit"),
        ("way_in_to_testbeds", "contact", "testbed"),
        ("way_in_to_projects", "contact", "project"),
        ("way_in_to_opportunities", "contact", "opportunity"),
    ],
    "opportunity": [],
}

# name → (media type, EU file type, title {sv, en}, description {sv, en}); the order of the DCAT listing.
DISTRIBUTIONS: dict[str, tuple[str, str, dict[str, str], dict[str, str]]] = {
    "catalogue.json": (
        "application/json",
        "JSON",
        {"sv": "Hela katalogen som JSON", "en": "The whole catalogue as JSON"},
        {
            "sv": "Alla poster med relationer åt båda hållen och sidornas adresser; beskrivs av catalogue.schema.json.",
            "en": "Every entry with relations both ways and the addresses of its pages; described by catalogue.schema.json.",
        },
    ),
    "units.csv": (
        "text/csv",
        "CSV",
        {"sv": "Enheter som CSV", "en": "Units as CSV"},
        {
            "sv": "En rad per enhet (UTF-8 med BOM); listor skilda med semikolon.",
            "en": "One row per unit (UTF-8 with BOM); lists separated by semicolons.",
        },
    ),
    "testbeds.csv": (
        "text/csv",
        "CSV",
        {"sv": "Testbäddar som CSV", "en": "Testbeds as CSV"},
        {
            "sv": "En rad per testbädd (UTF-8 med BOM); listor skilda med semikolon.",
            "en": "One row per testbed (UTF-8 with BOM); lists separated by semicolons.",
        },
    ),
    "projects.csv": (
        "text/csv",
        "CSV",
        {"sv": "Projekt som CSV", "en": "Projects as CSV"},
        {
            "sv": "En rad per projekt (UTF-8 med BOM); listor skilda med semikolon.",
            "en": "One row per project (UTF-8 with BOM); lists separated by semicolons.",
        },
    ),
    "contacts.csv": (
        "text/csv",
        "CSV",
        {"sv": "Kontaktvägar som CSV", "en": "Contact paths as CSV"},
        {
            "sv": "En rad per kontaktväg (UTF-8 med BOM); listor skilda med semikolon.",
            "en": "One row per contact path (UTF-8 with BOM); lists separated by semicolons.",
        },
    ),
    "opportunities.csv": (
        "text/csv",
        "CSV",
        {"sv": "Möjligheter som CSV", "en": "Opportunities as CSV"},
        {
            "sv": "En rad per möjlighet: stipendier, priser, tävlingar, utlysningar, mässor och samverkansformer (UTF-8 med BOM); listor skilda med semikolon.",
            "en": "One row per opportunity: personal grants, prizes, competitions, calls, fairs and forms of collaboration (UTF-8 with BOM); lists separated by semicolons.",
        },
    ),
    "catalogue.jsonld": (
        "application/ld+json",
        "JSON_LD",
        {"sv": "Hela katalogen som schema.org JSON-LD", "en": "The whole catalogue as schema.org JSON-LD"},
        {
            "sv": "Alla poster som länkade data med schema.org:s vokabulär.",
            "en": "Every entry as linked data in the schema.org vocabulary.",
        },
    ),
}

CATALOGUE_TEXTS = {
    "title": {"sv": "Testbäddar och innovation", "en": "Testbeds and innovation"},
    "description": {
        "sv": "Öppna data om testbäddar, innovationsprojekt och kontaktvägar i Region Stockholm och Stockholms stad.",
        "en": "Open data on testbeds, innovation projects and contact paths in Region Stockholm and the City of Stockholm.",
    },
}
DATASET_TEXTS = {
    "title": {
        "sv": "Testbäddar, innovationsprojekt och kontaktvägar",
        "en": "Testbeds, innovation projects and contact paths",
    },
    "description": {
        "sv": "Katalogen Testbäddar och innovation: test- och demonstrationsmiljöer, innovationsprojekt och "
        "program, kontaktvägar för externa aktörer, möjligheter som stipendier och priser, och de enheter som "
        "äger dem, med relationer åt båda hållen.",
        "en": "The catalogue Testbeds and innovation: test and demonstration environments, innovation projects "
        "and programmes, contact paths for external parties, opportunities such as grants and prizes, and the "
        "units that own them, with relations both ways.",
    },
    "keywords": {
        "sv": ["testbäddar", "testmiljöer", "innovation", "innovationsprojekt", "kontaktvägar"],
        "en": ["testbeds", "test environments", "innovation", "innovation projects", "contact paths"],
    },
}

# Where the data comes from (dct:provenance of the data set): every entry names its own sources.
PROVENANCE = {
    "sv": "Uppgifterna är hämtade ur offentliga dokument. Varje post anger sina källor (sources) och när den "
    "sammanställdes (compiled), och när den ansvariga enheten har bekräftat den (confirmed).",
    "en": "The details are taken from public documents. Each entry names its sources (sources) and when it "
    "was compiled (compiled), and when the owning unit has confirmed it (confirmed).",
}

# --- vocabularies the DCAT description links to ----------------------------------------------------

DCATAP = Namespace("http://data.europa.eu/r5r/")
LOCN = Namespace("http://www.w3.org/ns/locn#")
GEOSPARQL = Namespace("http://www.opengis.net/ont/geosparql#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
DATA_THEMES = "http://publications.europa.eu/resource/authority/data-theme"
THEMES = {
    "GOVE": {"sv": "Regeringen och den offentliga sektorn", "en": "Government and public sector"},
    "TECH": {"sv": "Vetenskap och teknik", "en": "Science and technology"},
}
LANGUAGE_URIS = {"sv": f"{EU}language/SWE", "en": f"{EU}language/ENG"}
PUBLISHER_TYPES = {
    "region": ("RegionalAuthority", "Regional authority"),
    "municipality": ("LocalAuthority", "Local authority"),
    "company": ("Company", "Company"),
}
LICENCE_TYPE = ("http://purl.org/adms/licencetype/PublicDomain", "Public domain")
ACCESS_RIGHTS = f"{EU}access-right/PUBLIC"
AVAILABILITY = ("http://data.europa.eu/r5r/availability/stable", "Stable")
# Stockholms län (NUTS 3 SE110), the region the catalogue covers. The box is rounded outward to 0.1°
# and the centroid is the county's reference point (59°20′N 18°10′E); both are approximate.
SPATIAL = {
    "uri": "http://data.europa.eu/nuts/code/SE110",
    "label": {"sv": "Stockholms län", "en": "Stockholm County"},
    "bbox": "POLYGON((17.2 58.6, 19.7 58.6, 19.7 60.3, 17.2 60.3, 17.2 58.6))",
    "centroid": "POINT(18.1667 59.3333)",
}


# --- shared helpers ----------------------------------------------------------------------------------


def normalise_site_url(site_url: str) -> str:
    """An absolute http(s) address ending in `/`: every published URL is built on it."""
    if not site_url.startswith(("https://", "http://")):
        raise ValueError(f"site_url must be an absolute http(s) address, got {site_url!r}")
    return site_url if site_url.endswith("/") else site_url + "/"


def page_url(item: Item, site_url: str, lang: str) -> str:
    """The absolute address of an entry's page: Swedish at the root, other languages below `/<lang>/`."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return f"{normalise_site_url(site_url)}{prefix}{item.url}"


def _text(value: Any, lang: str) -> str | None:
    """`lang` from a `{sv, en}` text, falling back to Swedish."""
    if isinstance(value, dict):
        return value.get(lang) or value.get(DEFAULT_LANGUAGE)
    return value if isinstance(value, str) else None


def _iso_utc(moment: dt.datetime) -> str:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def related_ids(item: Item) -> dict[str, list[str]]:
    """The ids of the entries that refer to `item`, by relation (such as `used_by_projects`)."""
    return {
        key: sorted({other.id for other in item.referred_by.get(relation, []) if other.kind == kind})
        for key, relation, kind in RELATED[item.kind]
    }


_EACH = object()  # a path step that stands for every element of a list


def _walk(schemas: SchemaSet, schema: dict[str, Any], path: tuple[Any, ...]) -> Iterator[tuple]:
    """(path, schema) of every leaf below a field, following `$ref`s; list steps are `_EACH`."""
    schema, _ = schemas.resolve(schema, schemas.documents[DEFS_FILE]["$id"])
    if schema.get("type") == "object" and "properties" in schema:
        for name, sub in schema["properties"].items():
            yield from _walk(schemas, sub, (*path, name))
    elif schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        yield from _walk(schemas, schema["items"], (*path, _EACH))
    else:
        yield path, schema


def _leaves(kind: str, schemas: SchemaSet) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    return [leaf for field in schemas.fields(kind) for leaf in _walk(schemas, field.schema, (field.name,))]


def code_labels(schemas: SchemaSet) -> dict[str, dict[str, dict[str, dict[str, str]]]]:
    """kind → field (dotted) → code → {sv, en}: what each code in the data means."""
    labels: dict[str, dict[str, dict[str, dict[str, str]]]] = {}
    for kind in KIND_PLURALS:
        labels[kind] = {
            ".".join(step for step in path if step is not _EACH): schema["x-labels"]
            for path, schema in _leaves(kind, schemas)
            if "x-labels" in schema
        }
    return labels


@functools.lru_cache(maxsize=64)
def _labels(schemas: SchemaSet, kind: str, field: str) -> dict[str, dict[str, str]]:
    """`SchemaSet.labels`, remembered: it resolves the kind's schema on every call."""
    return schemas.labels(kind, field)


@functools.lru_cache(maxsize=16)
def _field_order(schemas: SchemaSet, kind: str) -> dict[str, int]:
    return {name: index for index, name in enumerate(schemas.field_names(kind))}


# --- catalogue.json ----------------------------------------------------------------------------------


def entry_document(item: Item, schemas: SchemaSet, site_url: str) -> dict[str, Any]:
    """One entry for catalogue.json: its id, page addresses, fields in schema order and relations."""
    document: dict[str, Any] = {
        "id": item.id,
        "url": {lang: page_url(item, site_url, lang) for lang in LANGUAGES},
    }
    order = _field_order(schemas, item.kind)
    for name in sorted(item.data, key=lambda n: order.get(n, len(order))):
        if name not in document:
            document[name] = item.data[name]
    document["related"] = related_ids(item)
    return document


def catalogue_document(
    catalogue: Catalogue, schemas: SchemaSet, site_url: str, generated: dt.datetime
) -> dict[str, Any]:
    """The whole of catalogue.json as data (valid against schema/export.schema.json)."""
    site_url = normalise_site_url(site_url)
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generated": _iso_utc(generated),
        "site_url": site_url,
        "licence": LICENCE,
        "languages": list(LANGUAGES),
        "counts": {plural: len(catalogue.of_kind(kind)) for kind, plural in KIND_PLURALS.items()},
        "labels": code_labels(schemas),
    }
    for kind, plural in KIND_PLURALS.items():
        document[plural] = [entry_document(item, schemas, site_url) for item in catalogue.of_kind(kind)]
    return document


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- CSV ---------------------------------------------------------------------------------------------


def _column_name(path: tuple[Any, ...]) -> str:
    return "_".join(step for step in path if step is not _EACH)


def _values(value: Any, path: tuple[Any, ...]) -> list[Any]:
    """Every value at `path` below `value` (several where the path goes through a list)."""
    if value is None:
        return []
    if not path:
        return [value]
    step, rest = path[0], path[1:]
    if step is _EACH:
        elements = value if isinstance(value, list) else []
        return [found for element in elements for found in _values(element, rest)]
    return _values(value.get(step), rest) if isinstance(value, dict) else []


def _cell(values: list[Any]) -> str:
    def one(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    return LIST_SEPARATOR.join(one(v) for v in values)


def source_citation(source: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    """A source as one readable line: `Publisher: Title (date), section, address`."""
    date = source.get("date") or ("datum anges inte" if lang == "sv" else "no date given")
    parts = [f"{source.get('publisher')}: {_text(source.get('title'), lang)} ({date})", source.get("section")]
    return ", ".join(str(part) for part in [*parts, source.get("url")] if part)


# Spreadsheet programs take a cell that begins with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def spreadsheet_safe(text: str, keep: re.Pattern[str] | None = None) -> str:
    """`text` as a CSV cell that no spreadsheet program runs as a formula.

    A cell that begins with =, +, -, @, a tab or a carriage return gets an apostrophe in front, so
    it is shown as text. Left as they are: plain numbers (-12, +3.5), and cells whose every value
    matches `keep` (the phone number format in a phone column: +46 8 123 456 78), since digits,
    spaces and hyphens cannot make a formula that calls a function or fetches anything.
    """
    if not text.startswith(FORMULA_STARTS) or _NUMBER.fullmatch(text):
        return text
    if keep is not None and all(keep.fullmatch(value) for value in text.split(LIST_SEPARATOR)):
        return text
    return "'" + text


def _phone_format(kind: str, schemas: SchemaSet) -> dict[str, re.Pattern[str]]:
    """Column name → the phone number pattern, for the kind's columns that hold phone numbers."""
    pattern = schemas.documents[DEFS_FILE]["$defs"]["phone"]["pattern"]
    return {
        _column_name(path): re.compile(pattern)
        for path, schema in _leaves(kind, schemas)
        if schema.get("pattern") == pattern
    }


def csv_columns(
    kind: str, schemas: SchemaSet, site_url: str
) -> list[tuple[str, Callable[[Item], list[Any]]]]:
    """The columns of a kind's CSV, from its schema: nested fields flattened, localised ones per language.

    `sources` is one column, each source written out as a citation, so a spreadsheet reader sees
    where the row's facts come from without joining columns.
    """
    columns: list[tuple[str, Callable[[Item], list[Any]]]] = [("id", lambda item: [item.id])]
    for lang in LANGUAGES:
        columns.append((f"url_{lang}", lambda item, lang=lang: [page_url(item, site_url, lang)]))
    for path, _ in _leaves(kind, schemas):
        if path[0] == "sources":
            if path[-1] == "title":  # one column for the whole list, where its first field stands
                columns.append(
                    ("sources", lambda item: [source_citation(s) for s in item.get("sources") or []])
                )
        elif path != ("id",):
            columns.append((_column_name(path), lambda item, path=path: _values(item.data, path)))
    for key, _, _ in RELATED[kind]:
        columns.append((key, lambda item, key=key: related_ids(item)[key]))
    return columns


def csv_document(catalogue: Catalogue, kind: str, schemas: SchemaSet, site_url: str) -> bytes:
    """One row per entry of `kind`, UTF-8 with a byte-order mark so that spreadsheet programs read it right.

    No cell can be taken as a formula (see `spreadsheet_safe`).
    """
    columns = csv_columns(kind, schemas, site_url)
    phones = _phone_format(kind, schemas)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _ in columns])
    for item in catalogue.of_kind(kind):
        writer.writerow([spreadsheet_safe(_cell(get(item)), phones.get(name)) for name, get in columns])
    return buffer.getvalue().encode("utf-8-sig")


# --- schema.org JSON-LD ------------------------------------------------------------------------------

PLACE_KINDS = {"physical", "clinical", "living-lab", "demonstration"}
# An opportunity's type → its schema.org type: money or a prize is a Grant, a contest or fair an Event.
OPPORTUNITY_TYPES = {
    "stipend": "Grant",
    "prize": "Grant",
    "call": "Grant",
    "competition": "Event",
    "event": "Event",
    "collaboration-form": "Service",
}


def schema_org_type(item: Item) -> str | list[str]:
    """The schema.org type of an entry.

    A testbed is always a `Service` (something a unit offers); it is a `Place` too when it is a
    physical kind of environment or has a location, since a digital environment has no place.
    """
    if item.kind == "unit":
        return "Organization"
    if item.kind == "contact":
        return "ContactPoint"
    if item.kind == "project":
        return "Project" if item.get("type") in ("programme", "strategy") else "ResearchProject"
    if item.kind == "opportunity":
        return OPPORTUNITY_TYPES.get(item.get("type"), "Thing")
    if item.get("kind") in PLACE_KINDS or item.get("location"):
        return ["Place", "Service"]
    return "Service"


def international_phone(number: str | None) -> str | None:
    """`08-123 456 78` as `+46 8-123 456 78`: the form search engines expect in structured data."""
    if number and number.startswith("0"):
        return "+46 " + number[1:]
    return number


class _SchemaOrg:
    """Builds schema.org nodes in one language (a page), or in all languages at once (`lang=None`)."""

    def __init__(
        self, catalogue: Catalogue, site_url: str, lang: str | None, schemas: SchemaSet | None
    ) -> None:
        self.catalogue = catalogue
        self.site_url = normalise_site_url(site_url)
        self.lang = lang
        self.schemas = schemas

    def id_of(self, item: Item) -> str:
        return page_url(item, self.site_url, self.lang or DEFAULT_LANGUAGE)

    def text(self, value: Any) -> Any:
        """Plain text in the page's language, or one language-tagged value per language."""
        if self.lang is not None:
            return _text(value, self.lang)
        if isinstance(value, dict):
            return [{"@value": value[lang], "@language": lang} for lang in LANGUAGES if value.get(lang)]
        return value

    def label(self, kind: str, field: str, code: Any) -> Any:
        if self.schemas is None or not isinstance(code, str):
            return None
        found = _labels(self.schemas, kind, field).get(code)
        return self.text(found) if found else None

    def ref(self, item: Item | None) -> dict[str, Any] | None:
        """A link to another entry: only its `@id` in the graph, with type and name on a page."""
        if item is None:
            return None
        if self.lang is None:
            return {"@id": self.id_of(item)}
        return {"@type": schema_org_type(item), "@id": self.id_of(item), "name": self.text(item.get("name"))}

    def refs(self, items: list[Item | None]) -> list[dict[str, Any]]:
        return [ref for ref in map(self.ref, items) if ref]

    def node(self, item: Item) -> dict[str, Any]:
        node: dict[str, Any] = {"@type": schema_org_type(item), "@id": self.id_of(item)}
        if self.lang is None:
            node["url"] = [page_url(item, self.site_url, lang) for lang in LANGUAGES]
        else:
            node["url"] = self.id_of(item)
            node["inLanguage"] = self.lang
        node["name"] = self.text(item.get("name"))
        node["description"] = self.text(item.get("summary"))
        keywords = list(item.get("tags") or [])
        for area in item.get("areas") or []:
            label = self.label(item.kind, "areas", area)
            keywords += label if isinstance(label, list) else [label or area]
        if keywords:
            node["keywords"] = keywords
        node["isBasedOn"] = [self.source(source) for source in item.get("sources") or []]
        getattr(self, f"_{item.kind}")(item, node)
        return {key: value for key, value in node.items() if value not in (None, [], {})}

    def source(self, source: dict[str, Any]) -> dict[str, Any]:
        """A source as schema.org: the section cited, part of the document with its publisher and date."""
        document: dict[str, Any] = {
            "@type": "CreativeWork",
            "name": self.text(source.get("title")),
            "publisher": {"@type": "Organization", "name": source.get("publisher")},
            "datePublished": source.get("date"),
            "url": source.get("url"),
        }
        document = {key: value for key, value in document.items() if value not in (None, [], {})}
        return {"@type": "CreativeWork", "name": source.get("section"), "isPartOf": document}

    def _opportunity(self, item: Item, node: dict[str, Any]) -> None:
        unit = self.ref(self.catalogue.unit_of(item))
        node[
            "funder" if node["@type"] == "Grant" else "organizer" if node["@type"] == "Event" else "provider"
        ] = unit
        node["audience"] = [
            {"@type": "Audience", "audienceType": self.label("opportunity", "audiences", code) or code}
            for code in item.get("audiences") or []
        ]
        contact = self.catalogue.contact_of(item)
        if contact is not None and node["@type"] == "Service":
            node["availableChannel"] = {"@type": "ServiceChannel", "serviceUrl": self.id_of(contact)}

    def _unit(self, item: Item, node: dict[str, Any]) -> None:
        node["parentOrganization"] = self.ref(self.catalogue.find("unit", item.get("parent")))
        node["subOrganization"] = self.refs(self.catalogue.related(item, "parent", "unit"))
        node["sameAs"] = item.get("website")
        node["contactPoint"] = self.ref(self.catalogue.contact_of(item))

    def _testbed(self, item: Item, node: dict[str, Any]) -> None:
        node["provider"] = self.ref(self.catalogue.unit_of(item))
        node["serviceType"] = self.label("testbed", "kind", item.get("kind"))
        node["audience"] = [
            {"@type": "Audience", "audienceType": self.label("testbed", "audiences", code) or code}
            for code in item.get("audiences") or []
        ]
        cost = (item.get("access") or {}).get("cost_model")
        if cost in ("free", "fee"):
            node["isAccessibleForFree"] = cost == "free"
        location = item.get("location") or {}
        if "Place" in node["@type"] and location:
            address = {"@type": "PostalAddress", "addressLocality": location.get("municipality")}
            if location.get("address"):
                address["streetAddress"] = location["address"]
            address["addressCountry"] = "SE"
            node["address"] = address
            if location.get("municipality"):
                node["containedInPlace"] = {"@type": "AdministrativeArea", "name": location["municipality"]}
            if location.get("coordinates"):
                coordinates = location["coordinates"]
                node["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": coordinates["lat"],
                    "longitude": coordinates["lon"],
                }
        contact = self.catalogue.contact_of(item)
        if contact is not None:
            channel: dict[str, Any] = {"@type": "ServiceChannel", "serviceUrl": self.id_of(contact)}
            channel["name"] = self.text(contact.get("name"))
            if item.get("languages"):
                channel["availableLanguage"] = list(item.get("languages"))
            node["availableChannel"] = channel

    def _project(self, item: Item, node: dict[str, Any]) -> None:
        node["parentOrganization"] = self.ref(self.catalogue.unit_of(item))
        members = self.refs([self.catalogue.find("unit", partner) for partner in item.get("partners") or []])
        names = [item.get("coordinator"), *(item.get("other_partners") or [])]
        members += [{"@type": "Organization", "name": name} for name in dict.fromkeys(names) if name]
        node["member"] = members
        funding = item.get("funding") or {}
        if funding.get("funder"):
            funder = {"@type": "Organization", "name": funding["funder"]}
            grant: dict[str, Any] = {"@type": "MonetaryGrant", "funder": funder}
            if funding.get("programme"):
                grant["name"] = funding["programme"]
            if item.get("reference"):
                grant["identifier"] = item.get("reference")
            if funding.get("amount_sek") is not None:
                grant["amount"] = {
                    "@type": "MonetaryAmount",
                    "value": funding["amount_sek"],
                    "currency": "SEK",
                }
            node["funder"] = funder
            node["funding"] = grant
        node["identifier"] = item.get("reference")
        period = item.get("period") or {}
        node["foundingDate"] = period.get("start")
        node["dissolutionDate"] = period.get("end")
        testbeds = [self.catalogue.find("testbed", t) for t in item.get("testbeds") or []]
        node["location"] = self.refs([t for t in testbeds if t and "Place" in schema_org_type(t)])
        node["contactPoint"] = self.ref(self.catalogue.contact_of(item))

    def _contact(self, item: Item, node: dict[str, Any]) -> None:
        channels = item.get("channels") or {}
        node["email"] = channels.get("email")
        node["telephone"] = international_phone(channels.get("phone"))
        if channels.get("web_form"):
            node["url"] = channels["web_form"]
        topics = [self.label("contact", "topics", code) or code for code in item.get("topics") or []]
        node["contactType"] = [t for topic in topics for t in (topic if isinstance(topic, list) else [topic])]
        # Contact paths state no languages; those that every testbed behind the path works in are known.
        testbeds = [t for t in self.catalogue.related(item, "contact", "testbed") if t.get("languages")]
        if testbeds:
            common = [
                code
                for code in testbeds[0].get("languages")
                if all(code in t.get("languages") for t in testbeds)
            ]
            node["availableLanguage"] = common


def jsonld_for(
    item: Item, catalogue: Catalogue, site_url: str, lang: str, *, schemas: SchemaSet | None = None
) -> dict[str, Any]:
    """The schema.org JSON-LD of one entry page, so that search engines understand what the page is about.

    `@id` is the page's own address in `lang`; texts are in `lang` with Swedish where a translation
    is missing. Pass `schemas` to have codes (a testbed's kind, a contact path's topics) given as labels.
    The context is inline, so a reader never has to fetch schema.org's context to expand it.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return {"@context": SCHEMA_ORG_CONTEXT, **_SchemaOrg(catalogue, site_url, lang, schemas).node(item)}


def script_json(data: dict[str, Any]) -> str:
    """JSON for a `<script type="application/ld+json">` element, with `<`, `>` and `&` escaped.

    Entry text such as `</script>` can then never end the element early.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def jsonld_graph(catalogue: Catalogue, site_url: str, schemas: SchemaSet | None = None) -> dict[str, Any]:
    """catalogue.jsonld: every entry once, identified by its Swedish page, with texts in every language."""
    builder = _SchemaOrg(catalogue, site_url, None, schemas)
    return {"@context": SCHEMA_ORG_CONTEXT, "@graph": [builder.node(item) for item in catalogue.all()]}


# --- DCAT-AP-SE --------------------------------------------------------------------------------------


def _first_day(value: str) -> str:
    return value if len(value) == 10 else value + "-01"


def _last_day(value: str) -> str:
    return value if len(value) == 10 else value + "-31"


def _project_period(catalogue: Catalogue) -> tuple[str | None, str | None]:
    """The time the data set covers: from the earliest project start to the latest project end.

    No end while any project is open-ended, since the data then reaches up to today.
    """
    periods = [
        p for p in (item.get("period") for item in catalogue.of_kind("project")) if isinstance(p, dict)
    ]
    starts = [p["start"] for p in periods if p.get("start")]
    if not starts:
        return None, None
    start = min(starts, key=_first_day)
    if any(not p.get("end") for p in periods):
        return start, None
    end = max((p["end"] for p in periods), key=_last_day)
    return start, end if _last_day(end) >= _first_day(start) else None


def _date_literal(value: str) -> Literal:
    return Literal(value, datatype=XSD.gYearMonth if len(value) == 7 else XSD.date)


def _find_publisher(catalogue: Catalogue, name: str) -> Item | None:
    for unit in catalogue.of_kind("unit"):
        if (unit.get("name") or {}).get("sv", "").casefold() == name.casefold():
            return unit
    return None


def _publisher_type(catalogue: Catalogue, unit: Item | None) -> tuple[str, str]:
    """The ADMS publisher type of the publishing unit (or of the first region/municipality above it)."""
    seen: set[str] = set()
    while unit is not None and unit.id not in seen:
        seen.add(unit.id)
        if unit.get("type") in PUBLISHER_TYPES:
            return PUBLISHER_TYPES[unit.get("type")]
        unit = catalogue.find("unit", unit.get("parent"))
    return PUBLISHER_TYPES["region"]


def dcat_graph(
    catalogue: Catalogue,
    site_url: str,
    generated: dt.datetime,
    files: dict[str, bytes],
    *,
    publisher: str = DEFAULT_PUBLISHER,
    contact_email: str = DEFAULT_CONTACT_EMAIL,
    issued: dt.date | None = None,
) -> Graph:
    """The DCAT-AP-SE 3 description of the open data: one catalogue, one data set, one distribution a file.

    Every linked value is typed (licence, formats, themes, languages...) so that the description
    passes the DCAT-AP and DCAT-AP-SE shapes without fetching any vocabulary.
    """
    site_url = normalise_site_url(site_url)
    base = Namespace(f"{site_url}{DATA_DIR}dcat.rdf#")
    modified = Literal(_iso_utc(generated)[:10], datatype=XSD.date)
    graph = Graph(store="SimpleMemory")  # keeps insertion order, so the same data gives the same bytes
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("skos", SKOS),
        ("dcatap", DCATAP),
        ("locn", LOCN),
        ("geo", GEOSPARQL),
    ):
        graph.bind(prefix, namespace)

    def texts(subject: URIRef, predicate: URIRef, value: dict[str, str]) -> None:
        for lang in LANGUAGES:
            graph.add((subject, predicate, Literal(value[lang], lang=lang)))

    def concept(uri: str, labels: dict[str, str], scheme: URIRef | None = None) -> URIRef:
        node = URIRef(uri)
        graph.add((node, RDF.type, SKOS.Concept))
        for lang, text in labels.items():
            graph.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
        if scheme is not None:
            graph.add((node, SKOS.inScheme, scheme))
        return node

    catalog, dataset = base.catalog, base.dataset

    # publisher: an organisation with a name and a type from the ADMS vocabulary
    unit = _find_publisher(catalogue, publisher)
    agent = URIRef(page_url(unit, site_url, DEFAULT_LANGUAGE)) if unit else base.publisher
    graph.add((agent, RDF.type, FOAF.Organization))
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(publisher)))
    type_code, type_label = _publisher_type(catalogue, unit)
    graph.add(
        (agent, DCTERMS.type, concept(f"http://purl.org/adms/publishertype/{type_code}", {"en": type_label}))
    )
    for lang, text in ((unit.get("summary") if unit is not None else None) or {}).items():
        graph.add((agent, DCTERMS.description, Literal(text, lang=lang)))
    if unit is not None and unit.get("website"):
        homepage = URIRef(unit.get("website"))
        graph.add((homepage, RDF.type, FOAF.Document))
        graph.add((agent, FOAF.homepage, homepage))

    licence = URIRef(LICENCE)
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licence, DCTERMS.type, concept(LICENCE_TYPE[0], {"en": LICENCE_TYPE[1]})))

    languages = []
    for uri in LANGUAGE_URIS.values():
        language = URIRef(uri)
        graph.add((language, RDF.type, DCTERMS.LinguisticSystem))
        languages.append(language)

    spatial = URIRef(SPATIAL["uri"])
    graph.add((spatial, RDF.type, DCTERMS.Location))
    for lang, label in SPATIAL["label"].items():
        graph.add((spatial, SKOS.prefLabel, Literal(label, lang=lang)))
    graph.add((spatial, DCAT.bbox, Literal(SPATIAL["bbox"], datatype=GEOSPARQL.wktLiteral)))
    graph.add((spatial, DCAT.centroid, Literal(SPATIAL["centroid"], datatype=GEOSPARQL.wktLiteral)))

    taxonomy = URIRef(DATA_THEMES)
    graph.add((taxonomy, RDF.type, SKOS.ConceptScheme))
    graph.add((taxonomy, DCTERMS.title, Literal("Data theme", lang="en")))

    # the catalogue
    graph.add((catalog, RDF.type, DCAT.Catalog))
    texts(catalog, DCTERMS.title, CATALOGUE_TEXTS["title"])
    texts(catalog, DCTERMS.description, CATALOGUE_TEXTS["description"])
    graph.add((catalog, DCTERMS.publisher, agent))
    homepage = URIRef(site_url)
    graph.add((homepage, RDF.type, FOAF.Document))
    graph.add((catalog, FOAF.homepage, homepage))
    for language in languages:
        graph.add((catalog, DCTERMS.language, language))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, DCTERMS.modified, modified))
    if issued is not None:
        graph.add((catalog, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)))
    graph.add((catalog, DCTERMS.spatial, spatial))
    graph.add((catalog, DCAT.themeTaxonomy, taxonomy))
    graph.add((catalog, DCAT.dataset, dataset))

    # the data set
    graph.add((dataset, RDF.type, DCAT.Dataset))
    texts(dataset, DCTERMS.title, DATASET_TEXTS["title"])
    texts(dataset, DCTERMS.description, DATASET_TEXTS["description"])
    graph.add((dataset, DCTERMS.publisher, agent))
    contact = base.contact
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(f"{publisher}, {CATALOGUE_TEXTS['title']['sv']}")))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{contact_email}")))
    graph.add((dataset, DCAT.contactPoint, contact))
    for code, labels in THEMES.items():
        graph.add((dataset, DCAT.theme, concept(f"{DATA_THEMES}/{code}", labels, taxonomy)))
    for lang, keywords in DATASET_TEXTS["keywords"].items():
        for keyword in keywords:
            graph.add((dataset, DCAT.keyword, Literal(keyword, lang=lang)))
    for language in languages:
        graph.add((dataset, DCTERMS.language, language))
    graph.add((dataset, DCTERMS.modified, modified))
    if issued is not None:
        graph.add((dataset, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)))
    landing = URIRef(f"{site_url}{OPEN_DATA_PAGE}")
    graph.add((landing, RDF.type, FOAF.Document))
    graph.add((dataset, DCAT.landingPage, landing))
    provenance = base.provenance
    graph.add((provenance, RDF.type, DCTERMS.ProvenanceStatement))
    for lang, text in PROVENANCE.items():
        graph.add((provenance, RDFS.label, Literal(text, lang=lang)))
    graph.add((dataset, DCTERMS.provenance, provenance))
    rights = URIRef(ACCESS_RIGHTS)
    graph.add((rights, RDF.type, DCTERMS.RightsStatement))
    graph.add((dataset, DCTERMS.accessRights, rights))
    graph.add((dataset, DCTERMS.spatial, spatial))
    start, end = _project_period(catalogue)
    if start:
        period = base.period
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((period, DCAT.startDate, _date_literal(start)))
        if end:
            graph.add((period, DCAT.endDate, _date_literal(end)))
        graph.add((dataset, DCTERMS.temporal, period))
    standard = None
    if "catalogue.schema.json" in files:
        standard = URIRef(f"{site_url}{DATA_DIR}catalogue.schema.json")
        graph.add((standard, RDF.type, DCTERMS.Standard))
        texts(
            standard,
            DCTERMS.title,
            {"sv": "JSON-schema för catalogue.json", "en": "JSON Schema of catalogue.json"},
        )
        graph.add((dataset, DCTERMS.conformsTo, standard))

    # one distribution a data file
    availability = concept(AVAILABILITY[0], {"en": AVAILABILITY[1]})
    for name, (media_type, file_type, title, description) in DISTRIBUTIONS.items():
        if name not in files:
            continue
        distribution = base[f"distribution-{name.replace('.', '-')}"]
        url = URIRef(f"{site_url}{DATA_DIR}{name}")
        graph.add((distribution, RDF.type, DCAT.Distribution))
        texts(distribution, DCTERMS.title, title)
        texts(distribution, DCTERMS.description, description)
        graph.add((distribution, DCAT.accessURL, url))
        graph.add((distribution, DCAT.downloadURL, url))
        file_format = URIRef(f"{EU}file-type/{file_type}")
        graph.add((file_format, RDF.type, DCTERMS.MediaTypeOrExtent))
        graph.add((distribution, DCTERMS.format, file_format))
        media = URIRef(f"{IANA}{media_type}")
        graph.add((media, RDF.type, DCTERMS.MediaType))
        graph.add((distribution, DCAT.mediaType, media))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((distribution, DCTERMS.modified, modified))
        graph.add((distribution, DCAT.byteSize, Literal(len(files[name]), datatype=XSD.nonNegativeInteger)))
        graph.add((distribution, DCATAP.availability, availability))
        for language in languages:
            graph.add((distribution, DCTERMS.language, language))
        if name == "catalogue.json" and standard is not None:
            graph.add((distribution, DCTERMS.conformsTo, standard))
        graph.add((dataset, DCAT.distribution, distribution))
    return graph


DCAT_JSONLD_CONTEXT: dict[str, Any] = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "skos": str(SKOS),
    "dcatap": str(DCATAP),
    "locn": str(LOCN),
    "geo": str(GEOSPARQL),
    "xsd": str(XSD),
    "rdf": str(RDF),
}


# --- all files ---------------------------------------------------------------------------------------


def export_documents(
    catalogue: Catalogue,
    schemas: SchemaSet,
    site_url: str,
    generated: dt.datetime,
    *,
    publisher: str = DEFAULT_PUBLISHER,
    contact_email: str = DEFAULT_CONTACT_EMAIL,
    issued: dt.date | None = None,
) -> dict[str, bytes]:
    """Every open-data file, by its name under `/data/`: the same catalogue always gives the same bytes.

    `site_url` must be absolute (the files hold absolute addresses); `generated` is the time
    written into them (pass a fixed time for reproducible output).
    """
    site_url = normalise_site_url(site_url)
    files: dict[str, bytes] = {
        "catalogue.json": _json_bytes(catalogue_document(catalogue, schemas, site_url, generated)),
        "catalogue.schema.json": (schemas.dir / EXPORT_SCHEMA_FILE).read_bytes(),
    }
    for kind, plural in KIND_PLURALS.items():
        files[f"{plural}.csv"] = csv_document(catalogue, kind, schemas, site_url)
    files["catalogue.jsonld"] = _json_bytes(jsonld_graph(catalogue, site_url, schemas))
    graph = dcat_graph(
        catalogue, site_url, generated, files, publisher=publisher, contact_email=contact_email, issued=issued
    )
    files["dcat.rdf"] = graph.serialize(format="xml", encoding="utf-8")
    dcat_jsonld = json.loads(
        graph.serialize(format="json-ld", context=DCAT_JSONLD_CONTEXT, auto_compact=True)
    )
    if isinstance(dcat_jsonld.get("@graph"), list):  # the serialiser's node order varies from run to run
        dcat_jsonld["@graph"].sort(key=lambda node: node.get("@id", ""))
    files["dcat.jsonld"] = _json_bytes(dcat_jsonld)
    return files


def write_exports(documents: dict[str, bytes], out_dir: Path) -> None:
    """Write each file next to its final place and rename it there, so no reader sees half a file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in documents.items():
        target = out_dir / name
        if target.resolve().parent != out_dir.resolve():
            raise ValueError(f"{name!r} is not a plain file name")
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


# --- one JSON file per entry -------------------------------------------------------------------------

ENTRY_INDEX = "index.json"


def entry_json_url(site_url: str, plural: str, item_id: str) -> str:
    """The stable address of one entry's JSON, such as `…/data/testbeds/openlab.json`."""
    return f"{normalise_site_url(site_url)}{DATA_DIR}{plural}/{item_id}.json"


def entry_schema_url(site_url: str, kind: str) -> str:
    """The part of the published export schema that one entry's JSON follows."""
    return f"{normalise_site_url(site_url)}{DATA_DIR}catalogue.schema.json#/$defs/{kind}"


def moved_entry_document(item: Item, old_id: str, site_url: str) -> dict[str, Any]:
    """What the old address of a renamed entry holds: a pointer to the entry's new address."""
    plural = KIND_PLURALS[item.kind]
    return {
        "moved": True,
        "id": old_id,
        "new_id": item.id,
        "location": entry_json_url(site_url, plural, item.id),
    }


def entry_json_documents(catalogue: Catalogue, schemas: SchemaSet, site_url: str) -> dict[str, bytes]:
    """Every entry as its own JSON file, pointers at renamed entries' old addresses, and an index.

    Paths are below `/data/` (`testbeds/openlab.json`, `index.json`). Each entry file holds the
    entry exactly as `catalogue.json` does, so it follows `catalogue.schema.json#/$defs/<kind>`.
    """
    site_url = normalise_site_url(site_url)
    files: dict[str, bytes] = {}
    index: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "site_url": site_url,
        "schema": f"{site_url}{DATA_DIR}catalogue.schema.json",
        "licence": LICENCE,
    }
    current = {(item.kind, item.id) for item in catalogue.all()}
    for kind, plural in KIND_PLURALS.items():
        entries, moved = [], []
        for item in catalogue.of_kind(kind):
            files[f"{plural}/{item.id}.json"] = _json_bytes(entry_document(item, schemas, site_url))
            entries.append(
                {
                    "id": item.id,
                    "name": item.get("name"),
                    "json": entry_json_url(site_url, plural, item.id),
                    "url": {lang: page_url(item, site_url, lang) for lang in LANGUAGES},
                }
            )
            for old_id in item.get("previous_ids") or []:
                if (kind, old_id) in current:  # the id is in use again: the new entry owns the address
                    continue
                files[f"{plural}/{old_id}.json"] = _json_bytes(moved_entry_document(item, old_id, site_url))
                moved.append(
                    {"id": old_id, "new_id": item.id, "json": entry_json_url(site_url, plural, old_id)}
                )
        index[plural] = {"schema": entry_schema_url(site_url, kind), "entries": entries, "moved": moved}
    files[ENTRY_INDEX] = _json_bytes(index)
    return files
