"""Validate: schema errors in plain words at the right place, and the checks across entries and dates.

Each test starts from a copy of tests/fixtures/valid (reviewed today, no findings), changes one thing,
and asserts the exact findings: (path, line, column, severity, code, message).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from innokatalog.findings import Finding, sort_findings
from innokatalog.load import load_catalogue
from innokatalog.schema import SchemaSet
from innokatalog.validate import Options, validate

TESTBED = "catalogue/testbeds/openlab.yml"
UNIT = "catalogue/units/innovationsenheten.yml"
CONTACT = "catalogue/contacts/testbaddar.yml"
PROJECT = "catalogue/projects/vard-hemma.yml"


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must occur exactly once, by `new`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def check(root: Path, schemas: SchemaSet, today: dt.date | None = None, stale: int = 12) -> list[Finding]:
    options = Options(today=today or dt.date.today(), stale_after_months=stale)
    return sort_findings(validate(load_catalogue(root), schemas, options))


def rows(findings: list[Finding]) -> list[tuple]:
    return [(f.path, f.line, f.column, f.severity, f.code, f.message) for f in findings]


def test_the_valid_fixture_has_no_findings(catalogue: Path, schema_set: SchemaSet) -> None:
    loaded = load_catalogue(catalogue)
    assert sorted((e.kind, e.id) for e in loaded.entries) == [
        ("contact", "testbaddar"),
        ("project", "vard-hemma"),
        ("testbed", "openlab"),
        ("unit", "innovationsenheten"),
    ]
    assert validate(loaded, schema_set, Options(today=dt.date.today())) == []


# --- schema errors -----------------------------------------------------------------------------


def test_enum(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    findings = check(catalogue, schema_set)
    assert rows(findings) == [
        (TESTBED, 11, 9, "error", "enum", "'status' must be one of planned, active, closed (got 'aktiv')")
    ]
    assert findings[0].field == "status"


def test_enum_in_a_list_names_the_item(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "  - researchers", "  - forskare")
    assert rows(check(catalogue, schema_set)) == [
        (
            TESTBED,
            14,
            5,
            "error",
            "enum",
            "'audiences[1]' must be one of companies, startups, researchers, students, staff, "
            "public-sector (got 'forskare')",
        )
    ]


def test_required_top_level(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "contact: testbaddar\n", "")
    findings = check(catalogue, schema_set)
    assert rows(findings) == [
        (TESTBED, 1, 1, "error", "required", "'contact' is required (Contact path): add it")
    ]


def test_required_nested_points_at_the_mapping_and_names_the_missing_field(
    catalogue: Path, schema_set: SchemaSet
) -> None:
    edit(catalogue / "testbeds/openlab.yml", "  cost_model: free\n", "")
    findings = check(catalogue, schema_set)
    assert rows(findings) == [
        (TESTBED, 16, 3, "error", "required", "'access.cost_model' is required (Cost model): add it")
    ]
    assert findings[0].field == "access.cost_model"


def test_unknown_field_suggests_the_nearest(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "summary:", "sumary:")
    findings = check(catalogue, schema_set)
    assert rows(findings) == [
        (TESTBED, 1, 1, "error", "required", "'summary' is required (Summary): add it"),
        (
            TESTBED,
            5,
            1,
            "error",
            "unknown-field",
            "'sumary' is not a field of a testbed; did you mean 'summary'?",
        ),
    ]
    assert findings[1].field == "sumary"


def test_unknown_nested_field(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(
        catalogue / "testbeds/openlab.yml",
        "  cost_model: free\n",
        "  cost_model: free\n  cost_modell: free\n",
    )
    edit(catalogue / "testbeds/openlab.yml", "  sv: OpenLab\n", "  sv: OpenLab\n  fi: OpenLab\n")
    assert rows(check(catalogue, schema_set)) == [
        (TESTBED, 4, 3, "error", "unknown-field", "'fi' is not a field of 'name'"),
        (
            TESTBED,
            18,
            3,
            "error",
            "unknown-field",
            "'cost_modell' is not a field of 'access'; did you mean 'cost_model'?",
        ),
    ]


def test_unknown_field_without_a_near_name(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "units/innovationsenheten.yml", "type: office\n", "type: office\nbudget: 5\n")
    assert rows(check(catalogue, schema_set)) == [
        (UNIT, 9, 1, "error", "unknown-field", "'budget' is not a field of a unit")
    ]


def test_type(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "contacts/testbaddar.yml", "response_days: 5", 'response_days: "5"')
    assert rows(check(catalogue, schema_set)) == [
        (CONTACT, 16, 16, "error", "type", "'response_days' must be a whole number (got '5')")
    ]


def test_text_where_localised_text_is_expected(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "name:\n  sv: OpenLab\n  en: OpenLab\n", "name: OpenLab\n")
    assert rows(check(catalogue, schema_set)) == [
        (
            TESTBED,
            2,
            7,
            "error",
            "type",
            "'name' must be a mapping of fields (got 'OpenLab'): write it as 'sv:' and 'en:' lines indented below 'name:'",
        )
    ]


def test_yaml11_no_in_a_boolean_field_is_a_type_error_at_its_line(
    catalogue: Path, schema_set: SchemaSet
) -> None:
    edit(catalogue / "testbeds/openlab.yml", "approval_needed: false", "approval_needed: no")
    findings = check(catalogue, schema_set)
    assert rows(findings) == [
        (
            TESTBED,
            23,
            20,
            "error",
            "enum",
            "'ethics.approval_needed' must be one of true, false, unknown (got 'no'), which is text, not a boolean",
        )
    ]
    assert findings[0].field == "ethics.approval_needed"


def test_unquoted_dates_stay_text_and_validate(catalogue: Path, schema_set: SchemaSet) -> None:
    for path in catalogue.glob("*/*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'^confirmed: "(.*)"$', r"confirmed: \1", text, flags=re.M), encoding="utf-8")
    assert "confirmed: 20" in (catalogue / "units/innovationsenheten.yml").read_text(encoding="utf-8")
    assert check(catalogue, schema_set) == []


def test_leading_zero_number(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "contacts/testbaddar.yml", "response_days: 5", "response_days: 05")
    assert [(f.path, f.line, f.column, f.code) for f in check(catalogue, schema_set)] == [
        (CONTACT, 16, 16, "type"),
        (CONTACT, 16, 16, "yaml-ambiguous-number"),
    ]


def test_pattern(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "contacts/testbaddar.yml", "email: testbaddar@example.org", "email: testbaddar@example")
    assert rows(check(catalogue, schema_set)) == [
        (
            CONTACT,
            15,
            10,
            "error",
            "pattern",
            "'channels.email' must be an address such as innovation@example.org (got 'testbaddar@example')",
        )
    ]


def test_id_pattern_in_a_reference(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "unit: innovationsenheten", "unit: Innovationsenheten")
    assert rows(check(catalogue, schema_set)) == [
        (
            TESTBED,
            8,
            7,
            "error",
            "pattern",
            "'unit' must be lower-case letters a-z, digits and single hyphens, such as 'openlab' "
            "(got 'Innovationsenheten')",
        ),
        (
            TESTBED,
            8,
            7,
            "error",
            "unknown-reference",
            "'unit' refers to unit 'Innovationsenheten', which does not exist; did you mean 'innovationsenheten'?",
        ),
    ]


def test_format_impossible_date(catalogue: Path, schema_set: SchemaSet) -> None:
    text = (catalogue / "testbeds/openlab.yml").read_text(encoding="utf-8")
    confirmed = text.splitlines()[24]
    edit(catalogue / "testbeds/openlab.yml", confirmed, 'confirmed: "2023-02-30"')
    assert rows(check(catalogue, schema_set)) == [
        (
            TESTBED,
            25,
            12,
            "error",
            "date",
            "'confirmed' is '2023-02-30', but February 2023 has 28 days, so day 30 does not exist",
        )
    ]


def test_max_length(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "  sv: OpenLab", "  sv: " + "x" * 301)
    findings = check(catalogue, schema_set)
    assert rows(findings) == [
        (
            TESTBED,
            3,
            7,
            "error",
            "maxLength",
            "'name.sv' is 301 characters; at most 300 are allowed: shorten it",
        )
    ]
    assert findings[0].field == "name.sv"


def test_max_length_boundary_is_allowed(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "  sv: OpenLab", "  sv: " + "ö" * 300)
    assert check(catalogue, schema_set) == []


def test_every_error_is_reported_not_just_the_first(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status: aktiv")
    edit(catalogue / "testbeds/openlab.yml", "kind: living-lab", "kind: lab")
    edit(catalogue / "testbeds/openlab.yml", "  cost_model: free", "  cost_model: gratis")
    edit(catalogue / "contacts/testbaddar.yml", "response_days: 5", "response_days: 0")
    edit(catalogue / "contacts/testbaddar.yml", "  - testbed-access", "  - testbeds")
    assert [(f.path, f.line, f.column, f.code, f.field) for f in check(catalogue, schema_set)] == [
        (CONTACT, 13, 5, "enum", "topics[0]"),
        (CONTACT, 16, 16, "minimum", "response_days"),
        (TESTBED, 10, 7, "enum", "kind"),
        (TESTBED, 11, 9, "enum", "status"),
        (TESTBED, 16, 15, "enum", "access.cost_model"),
    ]


def test_duplicate_key_does_not_hide_the_fields_after_it(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active\n", "status: active\nstatus: closed\n")
    assert [(f.path, f.line, f.column, f.code) for f in check(catalogue, schema_set)] == [
        (TESTBED, 12, 1, "duplicate-key")
    ]


# --- checks across entries ---------------------------------------------------------------------


def test_id_mismatch(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "id: openlab", "id: open-lab")
    assert rows(check(catalogue, schema_set)) == [
        (
            TESTBED,
            1,
            5,
            "error",
            "id-mismatch",
            "'id' is 'open-lab' but the file is named 'openlab.yml': make them the same",
        )
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "column", "message"),
    [
        (
            "testbeds/openlab.yml",
            "unit: innovationsenheten",
            "unit: okand-enhet",
            8,
            7,
            "'unit' refers to unit 'okand-enhet', which does not exist",
        ),
        (
            "testbeds/openlab.yml",
            "contact: testbaddar",
            "contact: testbadar",
            9,
            10,
            "'contact' refers to contact 'testbadar', which does not exist; did you mean 'testbaddar'?",
        ),
        (
            "projects/vard-hemma.yml",
            "  - openlab",
            "  - openlabb",
            15,
            5,
            "'testbeds[0]' refers to testbed 'openlabb', which does not exist; did you mean 'openlab'?",
        ),
        (
            "projects/vard-hemma.yml",
            "testbeds:\n",
            "partners:\n  - innovationsenheten\n  - regionen\ntestbeds:\n",
            16,
            5,
            "'partners[1]' refers to unit 'regionen', which does not exist",
        ),
        (
            "units/innovationsenheten.yml",
            "type: office\n",
            "type: office\nparent: region-stockholm\n",
            9,
            9,
            "'parent' refers to unit 'region-stockholm', which does not exist",
        ),
    ],
    ids=["unit", "contact", "testbeds", "partners", "parent"],
)
def test_unknown_reference(
    catalogue: Path,
    schema_set: SchemaSet,
    file: str,
    old: str,
    new: str,
    line: int,
    column: int,
    message: str,
) -> None:
    edit(catalogue / file, old, new)
    assert rows(check(catalogue, schema_set)) == [
        (f"catalogue/{file}", line, column, "error", "unknown-reference", message)
    ]


def test_reference_to_an_entry_of_another_kind_is_unknown(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "contact: testbaddar", "contact: innovationsenheten")
    assert [(f.code, f.message) for f in check(catalogue, schema_set)] == [
        ("unknown-reference", "'contact' refers to contact 'innovationsenheten', which does not exist")
    ]


def test_self_reference(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(
        catalogue / "units/innovationsenheten.yml",
        "type: office\n",
        "type: office\nparent: innovationsenheten\n",
    )
    assert rows(check(catalogue, schema_set)) == [
        (UNIT, 9, 9, "error", "self-reference", "'parent' refers to the entry itself")
    ]


def test_units_whose_parents_go_round_in_a_circle(catalogue: Path, schema_set: SchemaSet) -> None:
    unit = catalogue / "units/innovationsenheten.yml"
    other = unit.read_text(encoding="utf-8").replace("innovationsenheten", "forvaltningen")
    (catalogue / "units/forvaltningen.yml").write_text(
        other.replace("type: office\n", "type: office\nparent: innovationsenheten\n"), encoding="utf-8"
    )
    edit(unit, "type: office\n", "type: office\nparent: forvaltningen\n")
    assert rows(check(catalogue, schema_set)) == [
        (
            "catalogue/units/forvaltningen.yml",
            9,
            9,
            "error",
            "parent-cycle",
            "'parent' goes round in a circle (forvaltningen → innovationsenheten → forvaltningen): "
            "one of these units must have no parent",
        )
    ]


def test_previous_id_that_another_entry_has_now(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(
        catalogue / "units/innovationsenheten.yml",
        "type: office\n",
        "type: office\nprevious_ids:\n  - testbaddar\n",
    )
    assert check(catalogue, schema_set) == []  # a contact's id: another kind, no conflict
    (catalogue / "testbeds/gamla-labbet.yml").write_text(
        (catalogue / "testbeds/openlab.yml")
        .read_text(encoding="utf-8")
        .replace("id: openlab\n", "id: gamla-labbet\nprevious_ids:\n  - openlab\n"),
        encoding="utf-8",
    )
    assert rows(check(catalogue, schema_set)) == [
        (
            "catalogue/testbeds/gamla-labbet.yml",
            3,
            5,
            "error",
            "id-conflict",
            "'openlab' is listed as a previous id but another testbed has that id now",
        )
    ]


def test_unused_unit_and_contact_are_warnings(catalogue: Path, schema_set: SchemaSet) -> None:
    unit = (catalogue / "units/innovationsenheten.yml").read_text(encoding="utf-8")
    (catalogue / "units/tom-enhet.yml").write_text(
        unit.replace("id: innovationsenheten", "id: tom-enhet").replace("contact: testbaddar\n", ""),
        encoding="utf-8",
    )
    contact = (catalogue / "contacts/testbaddar.yml").read_text(encoding="utf-8")
    (catalogue / "contacts/ingen-vag.yml").write_text(
        contact.replace("id: testbaddar", "id: ingen-vag"), encoding="utf-8"
    )
    assert rows(check(catalogue, schema_set)) == [
        (
            "catalogue/contacts/ingen-vag.yml",
            1,
            5,
            "warning",
            "unused",
            "this contact is not used: no entry names it as 'contact'",
        ),
        (
            "catalogue/units/tom-enhet.yml",
            1,
            5,
            "warning",
            "unused",
            "this unit is not used: no entry names it as 'unit', 'parent' or 'partners'",
        ),
    ]


def test_a_unit_named_only_as_partner_or_parent_is_used(catalogue: Path, schema_set: SchemaSet) -> None:
    unit = (catalogue / "units/innovationsenheten.yml").read_text(encoding="utf-8")
    for other in ("partner-enhet", "moder-enhet"):
        (catalogue / f"units/{other}.yml").write_text(
            unit.replace("id: innovationsenheten", f"id: {other}"), encoding="utf-8"
        )
    edit(catalogue / "units/innovationsenheten.yml", "type: office\n", "type: office\nparent: moder-enhet\n")
    edit(catalogue / "projects/vard-hemma.yml", "testbeds:\n", "partners:\n  - partner-enhet\ntestbeds:\n")
    assert check(catalogue, schema_set) == []


def test_missing_english(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "  en: OpenLab\n", "")
    edit(catalogue / "testbeds/openlab.yml", "      en: Book a time\n", "")
    findings = check(catalogue, schema_set)
    assert rows(findings) == [
        (TESTBED, 3, 3, "warning", "missing-english", "'name' has no English text: add 'en:'"),
        (TESTBED, 19, 7, "warning", "missing-english", "'access.steps[1]' has no English text: add 'en:'"),
    ]
    assert [f.field for f in findings] == ["name", "access.steps[1]"]


# --- dates -------------------------------------------------------------------------------------

TODAY = dt.date(2026, 11, 24)


def set_reviewed(catalogue: Path, file: str, value: str, field: str = "confirmed") -> None:
    path = catalogue / file
    text, count = re.subn(
        r"^(confirmed|compiled): .*$", f'{field}: "{value}"', path.read_text(encoding="utf-8"), flags=re.M
    )
    assert count == 1, path
    path.write_text(text, encoding="utf-8")


def review_all(catalogue: Path, value: str, field: str = "confirmed") -> None:
    for path in catalogue.glob("*/*.yml"):
        set_reviewed(catalogue, str(path.relative_to(catalogue)), value, field)


def test_reviewed_in_the_future(catalogue: Path, schema_set: SchemaSet) -> None:
    review_all(catalogue, "2026-11-20")
    set_reviewed(catalogue, "testbeds/openlab.yml", "2026-11-25")
    assert rows(check(catalogue, schema_set, today=TODAY)) == [
        (
            TESTBED,
            25,
            12,
            "error",
            "reviewed-future",
            "'confirmed' is 2026-11-25, after today (2026-11-24): use the date the entry was confirmed",
        )
    ]
    assert check(catalogue, schema_set, today=dt.date(2026, 11, 25)) == []


def test_compiled_in_the_future(catalogue: Path, schema_set: SchemaSet) -> None:
    review_all(catalogue, "2026-11-20")
    set_reviewed(catalogue, "testbeds/openlab.yml", "2026-11-25", field="compiled")
    assert rows(check(catalogue, schema_set, today=TODAY)) == [
        (
            TESTBED,
            25,
            11,
            "error",
            "reviewed-future",
            "'compiled' is 2026-11-25, after today (2026-11-24): use the date the entry was compiled",
        )
    ]


def test_an_entry_needs_compiled_or_confirmed(catalogue: Path, schema_set: SchemaSet) -> None:
    path = catalogue / "units/innovationsenheten.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^confirmed: .*\n", "", text, flags=re.M), encoding="utf-8")
    findings = check(catalogue, schema_set)
    assert rows(findings) == [
        (
            UNIT,
            1,
            1,
            "error",
            "required",
            "'compiled' (Compiled from sources) or 'confirmed' (Confirmed by the owning unit) is required: add at least one",
        )
    ]
    assert findings[0].field == "compiled"


def test_stale_after_twelve_months_by_default(catalogue: Path, schema_set: SchemaSet) -> None:
    review_all(catalogue, "2026-11-01")
    set_reviewed(catalogue, "units/innovationsenheten.yml", "2025-11-24")
    set_reviewed(catalogue, "testbeds/openlab.yml", "2025-11-25")  # one day short of twelve months
    assert rows(check(catalogue, schema_set, today=TODAY)) == [
        (
            UNIT,
            10,
            12,
            "warning",
            "stale",
            "last confirmed by the owning unit on 2025-11-24, 12 or more months ago: "
            "ask the unit to check the entry and update 'confirmed'",
        )
    ]


def test_an_old_compiled_date_is_never_stale(catalogue: Path, schema_set: SchemaSet) -> None:
    """Only the owning unit's confirmation can go stale; a compiled entry says it is unconfirmed."""
    review_all(catalogue, "2020-01-01", field="compiled")
    assert check(catalogue, schema_set, today=TODAY) == []


def test_stale_after_a_chosen_number_of_months(catalogue: Path, schema_set: SchemaSet) -> None:
    review_all(catalogue, "2026-11-01")
    set_reviewed(catalogue, "testbeds/openlab.yml", "2026-05-24")
    assert check(catalogue, schema_set, today=TODAY) == []
    assert check(catalogue, schema_set, today=TODAY, stale=7) == []
    assert rows(check(catalogue, schema_set, today=TODAY, stale=6)) == [
        (
            TESTBED,
            25,
            12,
            "warning",
            "stale",
            "last confirmed by the owning unit on 2026-05-24, 6 or more months ago: "
            "ask the unit to check the entry and update 'confirmed'",
        )
    ]


def set_period(catalogue: Path, status: str, start: str, end: str | None) -> None:
    path = catalogue / "projects/vard-hemma.yml"
    edit(path, "status: completed", f"status: {status}")
    edit(path, 'start: "2016-12"', f'start: "{start}"')
    edit(path, '  end: "2018-11"\n', f'  end: "{end}"\n' if end else "")


def test_period_order(catalogue: Path, schema_set: SchemaSet) -> None:
    set_period(catalogue, "completed", "2018-12", "2016-11")
    assert rows(check(catalogue, schema_set)) == [
        (PROJECT, 13, 8, "error", "period-order", "'period.end' (2016-11) is before 'period.start' (2018-12)")
    ]


def test_period_order_within_one_month_shows_the_days(catalogue: Path, schema_set: SchemaSet) -> None:
    set_period(catalogue, "completed", "2020-05-20", "2020-05-10")
    assert rows(check(catalogue, schema_set)) == [
        (
            PROJECT,
            13,
            8,
            "error",
            "period-order",
            "'period.end' (2020-05-10) is before 'period.start' (2020-05-20)",
        )
    ]


def test_a_period_date_that_does_not_exist_is_an_error(catalogue: Path, schema_set: SchemaSet) -> None:
    set_period(catalogue, "completed", "2017-02-30", "2018-11")
    assert rows(check(catalogue, schema_set)) == [
        (
            PROJECT,
            12,
            10,
            "error",
            "date",
            "'period.start' is '2017-02-30', but February 2017 has 28 days, so day 30 does not exist",
        )
    ]


def test_period_ending_in_the_month_it_starts_is_in_order(catalogue: Path, schema_set: SchemaSet) -> None:
    set_period(catalogue, "completed", "2020-05-20", "2020-05")
    assert check(catalogue, schema_set) == []


@pytest.mark.parametrize(
    ("status", "start", "end", "message"),
    [
        ("completed", "2025-01", "2027-06", "the status is 'completed' but 'period.end' is in the future"),
        (
            "ongoing",
            "2016-12",
            "2026-10",
            "the status is 'ongoing' but 'period.end' has passed: update the status or the period",
        ),
        (
            "planned",
            "2026-11-24",
            None,
            "the status is 'planned' but 'period.start' has passed: update the status or the period",
        ),
    ],
    ids=["completed-ending-later", "ongoing-that-ended", "planned-that-started"],
)
def test_status_dates(
    catalogue: Path, schema_set: SchemaSet, status: str, start: str, end: str | None, message: str
) -> None:
    review_all(catalogue, "2026-11-01")
    set_period(catalogue, status, start, end)
    assert rows(check(catalogue, schema_set, today=TODAY)) == [
        (PROJECT, 10, 9, "warning", "status-dates", message)
    ]


@pytest.mark.parametrize(
    ("status", "start", "end"),
    [
        ("completed", "2025-01", "2026-10"),
        ("ongoing", "2016-12", "2026-11"),  # ends this month: not yet passed
        ("ongoing", "2016-12", None),
        ("planned", "2026-11-25", None),
        ("discontinued", "2016-12", "2030-01"),
    ],
)
def test_status_that_fits_the_dates(
    catalogue: Path, schema_set: SchemaSet, status: str, start: str, end: str | None
) -> None:
    review_all(catalogue, "2026-11-01")
    set_period(catalogue, status, start, end)
    assert check(catalogue, schema_set, today=TODAY) == []


# --- dates in plain words: what is impossible, one finding for one mistake ------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2026-13-01", "'confirmed' is '2026-13-01', but month 13 does not exist: months are 01 to 12"),
        ("2026-00-10", "'confirmed' is '2026-00-10', but month 00 does not exist: months are 01 to 12"),
        (
            "2026-11-31",
            "'confirmed' is '2026-11-31', but November 2026 has 30 days, so day 31 does not exist",
        ),
        (
            "2026-02-29",
            "'confirmed' is '2026-02-29', but February 2026 has 28 days (2026 is not a leap year), "
            "so day 29 does not exist",
        ),
        (
            "15.11.2026",
            "'confirmed' is written '15.11.2026'; write dates as YYYY-MM-DD, year first: '2026-11-15'",
        ),
        (
            "15/11/2026",
            "'confirmed' is written '15/11/2026'; write dates as YYYY-MM-DD, year first: '2026-11-15'",
        ),
        (
            "2026-11",
            "'confirmed' is '2026-11', a month without its day; write the whole date as YYYY-MM-DD",
        ),
        ("snart", "'confirmed' is 'snart', which is not a date written YYYY-MM-DD (such as '2026-11-15')"),
    ],
)
def test_an_impossible_date_names_what_is_wrong_once(
    catalogue: Path, schema_set: SchemaSet, written: str, message: str
) -> None:
    path = catalogue / "testbeds/openlab.yml"
    path.write_text(
        re.sub(r"^confirmed: .*$", f'confirmed: "{written}"', path.read_text("utf-8"), flags=re.M)
    )
    assert rows(check(catalogue, schema_set)) == [(TESTBED, 25, 12, "error", "date", message)]


def test_an_impossible_month_in_a_period_is_named(catalogue: Path, schema_set: SchemaSet) -> None:
    set_period(catalogue, "completed", "2016-13", "2018-11")
    assert rows(check(catalogue, schema_set)) == [
        (
            PROJECT,
            12,
            10,
            "error",
            "date",
            "'period.start' is '2016-13', but month 13 does not exist: months are 01 to 12",
        )
    ]


@pytest.mark.parametrize(
    ("recorded", "why"),
    [
        ('date: "2018-10-02"', "was recorded on 2018-10-02, before the period ended (2018-11)"),
        ("", "was recorded without a date, and the period has ended (2018-11)"),
    ],
    ids=["recorded-before-the-end", "recorded-without-a-date"],
)
def test_a_status_recorded_before_the_period_ended_is_out_of_date(
    catalogue: Path, schema_set: SchemaSet, recorded: str, why: str
) -> None:
    """Vinnova's page says "Pågående" for a period that has since ended: the status cannot be current."""
    review_all(catalogue, "2026-11-01")
    path = catalogue / "projects/vard-hemma.yml"
    edit(path, "status: completed", "status: ongoing")
    edit(path, 'date: "2026-11-01"', recorded)
    assert rows(check(catalogue, schema_set, today=TODAY)) == [
        (
            PROJECT,
            20,
            1,
            "warning",
            "status-outdated",
            f"the status 'ongoing' {why}: it may be out of date. "
            "Ask the owning unit or the funder for the current status, then update 'status' and 'status_recorded'",
        )
    ]


def test_an_unquoted_date_is_still_text_and_valid(catalogue: Path, schema_set: SchemaSet) -> None:
    path = catalogue / "testbeds/openlab.yml"
    today = dt.date.today().isoformat()
    path.write_text(re.sub(r"^confirmed: .*$", f"confirmed: {today}", path.read_text("utf-8"), flags=re.M))
    assert f"confirmed: {today}\n" in path.read_text("utf-8")
    assert check(catalogue, schema_set) == []


def test_an_empty_value_says_what_to_write(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "status: active", "status:")
    assert rows(check(catalogue, schema_set)) == [
        (
            TESTBED,
            11,
            8,
            "error",
            "empty-value",
            "'status' is empty: write one of planned, active, closed, or remove the line",
        )
    ]


def test_a_status_recorded_before_the_end_is_fine_while_the_period_runs(
    catalogue: Path, schema_set: SchemaSet
) -> None:
    review_all(catalogue, "2018-10-02")
    path = catalogue / "projects/vard-hemma.yml"
    edit(path, "status: completed", "status: ongoing")
    edit(path, 'date: "2026-11-01"', 'date: "2018-10-02"')
    assert check(catalogue, schema_set, today=dt.date(2018, 10, 2)) == []


def test_a_status_needs_its_source(catalogue: Path, schema_set: SchemaSet) -> None:
    path = catalogue / "testbeds/openlab.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^status_recorded:\n(  .*\n)+", "", text, flags=re.M), encoding="utf-8")
    assert [(f.code, f.field) for f in check(catalogue, schema_set)] == [("required", "status_recorded")]


def test_every_entry_needs_a_source(catalogue: Path, schema_set: SchemaSet) -> None:
    path = catalogue / "contacts/testbaddar.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("sources:")] + "sources: []\n", encoding="utf-8")
    assert [(f.code, f.message) for f in check(catalogue, schema_set)] == [
        ("minItems", "'sources' needs at least 1 item")
    ]


def test_a_source_needs_its_publisher_and_section(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "units/innovationsenheten.yml", '    section: "4.4 Testmiljöer"\n', "")
    assert [(f.code, f.field) for f in check(catalogue, schema_set)] == [("required", "sources[0].section")]


def test_unknown_is_a_third_answer_for_ethics(catalogue: Path, schema_set: SchemaSet) -> None:
    edit(catalogue / "testbeds/openlab.yml", "approval_needed: false", "approval_needed: unknown")
    assert check(catalogue, schema_set) == []
    edit(catalogue / "testbeds/openlab.yml", "approval_needed: unknown", "approval_needed: maybe")
    assert [f.message for f in check(catalogue, schema_set)] == [
        "'ethics.approval_needed' must be one of true, false, unknown (got 'maybe')"
    ]


def test_an_id_that_a_listing_page_uses_is_refused(catalogue: Path, schema_set: SchemaSet) -> None:
    """`testbeds/page/` and `testbeds/kind/` are listing pages, so no testbed may be called so."""
    source = catalogue / "testbeds/openlab.yml"
    target = source.with_name("kind.yml")
    target.write_text(source.read_text(encoding="utf-8").replace("id: openlab", "id: kind"), encoding="utf-8")
    source.unlink()
    found = [f for f in check(catalogue, schema_set) if f.code == "id-reserved"]
    assert [(f.path, f.field) for f in found] == [("catalogue/testbeds/kind.yml", "id")]
    assert "below testbeds/kind/" in found[0].message
