"""Load: every kind of bad input gives one exact finding (code, file, line, column), never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from innokatalog.load import Position, load_catalogue

KINDS = ("units", "testbeds", "projects", "contacts")
LIMIT = 256 * 1024  # the documented size limit of an entry file


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty catalogue at ./catalogue in a temporary working folder."""
    monkeypatch.chdir(tmp_path)
    for kind in KINDS:
        (tmp_path / "catalogue" / kind).mkdir(parents=True)
    return tmp_path / "catalogue"


def put(root: Path, name: str, content: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def found(root: Path) -> list[tuple[str, str, int, int]]:
    """(code, path, line, column) of each loader finding, in order."""
    return [(f.code, f.path, f.line, f.column) for f in load_catalogue(root).findings]


def only_finding(root: Path):
    findings = load_catalogue(root).findings
    assert len(findings) == 1, findings
    return findings[0]


def data_of(root: Path, name: str, text: str) -> dict:
    put(root, name, text)
    loaded = load_catalogue(root)
    (entry,) = loaded.entries
    return entry.data


# --- YAML syntax -------------------------------------------------------------------------------


def test_syntax_error_names_the_cause_at_the_parsers_position(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "id: openlab\nname: a: b\n")
    finding = only_finding(root)
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "yaml-unquoted-colon",
        "catalogue/testbeds/openlab.yml",
        2,
        8,
    )
    assert finding.severity == "error"
    assert (finding.source, finding.example) == ("name: a: b", 'name: "a: b"')
    assert load_catalogue(root).entries == []


def test_unclosed_flow_sequence_is_reported_where_it_opens(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "id: openlab\naudiences: [companies\nstatus: active\n")
    finding = only_finding(root)
    assert (finding.code, finding.line, finding.column) == ("yaml-unclosed-bracket", 2, 12)
    assert finding.message.startswith("the list opened with '[' here is not closed: end it with ']'")
    assert finding.example == "audiences: [companies]"


def test_a_syntax_error_without_a_known_cause_keeps_the_parsers_words(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "id: openlab\n--- !x\n")
    finding = only_finding(root)
    assert finding.code in ("yaml-syntax", "yaml-multiple-documents")
    assert finding.line == 2


# Each likely cause of a YAML syntax error, as a small real entry with that one mistake
# (tests/fixtures/yaml-mistakes/): the finding's code, line and column, the words that name the
# cause, and the line written the right way.
MISTAKES = Path(__file__).parent / "fixtures" / "yaml-mistakes"
CAUSES = {
    "indentation-too-deep.yml": (
        "yaml-indentation",
        4,
        5,
        "'en:' is indented more than 'sv:' on line 3",
        "  en: OpenLab",
    ),
    "indentation-too-shallow.yml": (
        "yaml-indentation",
        14,
        2,
        "the list item '- researchers' is indented less than the list item",
        "  - researchers",
    ),
    "indentation-list-item-field.yml": (
        "yaml-indentation",
        18,
        5,
        "'en:' is indented less than the list item '- sv:' on line 17",
        "      en: Contact us",
    ),
    "unquoted-colon.yml": (
        "yaml-unquoted-colon",
        6,
        23,
        "holds a colon followed by a space",
        '  sv: "Ett levande labb: nya lösningar i vården."',
    ),
    "unquoted-hash.yml": (
        "yaml-comment",
        6,
        21,
        "the text stops at '#'",
        '  sv: "Sveriges labb #1 för nya lösningar"',
    ),
    "missing-space-after-colon.yml": (
        "yaml-colon-space",
        11,
        8,
        "'status:' needs a space after the colon",
        "status: active",
    ),
    "tab.yml": ("yaml-tab", 3, 1, "a tab is used for indentation", "  sv: OpenLab"),
    "unclosed-quote.yml": (
        "yaml-unclosed-quote",
        7,
        7,
        'the text that starts with " here is never closed',
        '  en: "A living lab for new solutions in care."',
    ),
    "unclosed-bracket.yml": (
        "yaml-unclosed-bracket",
        12,
        12,
        "the list opened with '[' here is not closed",
        "audiences: [companies, researchers]",
    ),
    "quote-inside-quotes.yml": (
        "yaml-needs-quotes",
        7,
        11,
        'the quote " closes the text',
        "  en: 'A \"living\" lab for new solutions.'",
    ),
}


def test_every_mistake_fixture_is_tested() -> None:
    assert sorted(p.name for p in MISTAKES.glob("*.yml")) == sorted(CAUSES)


@pytest.mark.parametrize("name", sorted(CAUSES))
def test_a_yaml_mistake_is_named_in_plain_words(root: Path, name: str) -> None:
    code, line, column, words, example = CAUSES[name]
    text = (MISTAKES / name).read_text(encoding="utf-8")
    put(root, "testbeds/openlab.yml", text)
    finding = only_finding(root)
    assert (finding.code, finding.line, finding.column) == (code, line, column)
    assert words in finding.message
    assert "YAML syntax error" not in finding.message  # the parser's own words are not the message
    assert finding.source == text.split("\n")[line - 1]  # the offending line, shown with a caret
    assert finding.example == example
    fixed = text.replace(finding.source, finding.example)
    if code != "yaml-comment":  # a cut text is valid YAML already; the rest must now load
        put(root, "testbeds/openlab.yml", fixed)
        assert load_catalogue(root).findings == [], fixed


def test_control_character_is_reported_at_its_position(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "id: openlab\nkind: dig\x01ital\n")
    assert found(root) == [("yaml-syntax", "catalogue/testbeds/openlab.yml", 2, 10)]
    assert load_catalogue(root).findings[0].message == (
        "YAML cannot read this file: control characters are not allowed"
    )


def test_a_mapping_as_key_is_refused(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "id: openlab\n? [a, b]\n: c\n")
    finding = only_finding(root)
    assert (finding.code, finding.line, finding.column) == ("yaml-complex-key", 2, 3)


# --- duplicate keys ----------------------------------------------------------------------------


def test_duplicate_key_points_at_the_second_and_keeps_reading(root: Path) -> None:
    put(
        root,
        "testbeds/openlab.yml",
        "id: openlab\nstatus: active\nkind: digital\nstatus: closed\nreviewed: '2026-11-01'\n",
    )
    loaded = load_catalogue(root)
    (finding,) = loaded.findings
    assert (finding.code, finding.path, finding.line, finding.column, finding.field) == (
        "duplicate-key",
        "catalogue/testbeds/openlab.yml",
        4,
        1,
        "status",
    )
    assert finding.message == "'status' appears twice in the same mapping (first on line 2); keep one"
    # the first value is kept, and the keys after the duplicate are still read
    assert loaded.entries[0].data == {
        "id": "openlab",
        "status": "active",
        "kind": "digital",
        "reviewed": "2026-11-01",
    }


def test_duplicate_key_with_mapping_values_repeated_three_times(root: Path) -> None:
    put(
        root,
        "testbeds/openlab.yml",
        "name:\n  sv: A\nname:\n  sv: B\nname:\n  sv: C\nid: openlab\n",
    )
    loaded = load_catalogue(root)
    assert [(f.code, f.line, f.column, f.field) for f in loaded.findings] == [
        ("duplicate-key", 3, 1, "name"),
        ("duplicate-key", 5, 1, "name"),
    ]
    assert loaded.entries[0].data == {"name": {"sv": "A"}, "id": "openlab"}


def test_duplicate_key_inside_a_list_item_names_the_nested_field(root: Path) -> None:
    put(
        root,
        "testbeds/openlab.yml",
        "access:\n  steps:\n    - sv: Ring\n      sv: Kom\n      en: Call\n",
    )
    loaded = load_catalogue(root)
    assert [(f.code, f.line, f.column, f.field) for f in loaded.findings] == [
        ("duplicate-key", 4, 7, "access.steps[0].sv")
    ]
    assert loaded.findings[0].message == "'sv' appears twice in the same mapping (first on line 3); keep one"
    assert loaded.entries[0].data == {"access": {"steps": [{"sv": "Ring", "en": "Call"}]}}


def test_same_key_in_different_list_items_is_not_a_duplicate(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "steps:\n  - sv: Ring\n  - sv: Kom\n")
    assert found(root) == []


def test_quoted_and_plain_spelling_of_a_key_are_the_same_key(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "'status': active\nstatus: closed\n")
    assert found(root) == [("duplicate-key", "catalogue/testbeds/openlab.yml", 2, 1)]


# --- anchors, aliases, tags, documents ---------------------------------------------------------


def test_anchor_and_alias_are_refused_where_they_stand(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "id: openlab\nname: &n\n  sv: A\nsummary: *n\n")
    loaded = load_catalogue(root)
    assert [(f.code, f.line, f.column, f.field, f.message) for f in loaded.findings] == [
        ("yaml-anchor", 2, 7, "name", "anchors ('&n') are not allowed; write the value out"),
        ("yaml-alias", 4, 10, "summary", "aliases ('*n') are not allowed; write the value out"),
    ]
    # the alias is not expanded
    assert loaded.entries[0].data["summary"] is None


def test_explicit_tags_are_refused_and_never_constructed(root: Path) -> None:
    put(
        root,
        "testbeds/openlab.yml",
        "id: !!str openlab\n"
        "kind: !!int 5\n"
        "status: !custom active\n"
        "access: !thing\n"
        "  cost_model: free\n"
        "tags: !!python/object/apply:os.system ['echo owned']\n",
    )
    loaded = load_catalogue(root)
    assert [(f.code, f.line, f.column, f.field, f.message) for f in loaded.findings] == [
        (
            "yaml-tag",
            2,
            7,
            "kind",
            "the tag 'tag:yaml.org,2002:int' is not allowed; write the value as plain text",
        ),
        ("yaml-tag", 3, 9, "status", "the tag '!custom' is not allowed; write the value as plain text"),
        ("yaml-tag", 4, 9, "access", "the tag '!thing' is not allowed"),
        (
            "yaml-tag",
            6,
            7,
            "tags",
            "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
    ]
    data = loaded.entries[0].data
    assert data["id"] == "openlab"  # !!str is the plain-text tag: allowed
    assert data["kind"] == "5"  # kept as the text written, not converted
    assert data["tags"] == ["echo owned"]


def test_a_second_document_is_refused_at_its_marker(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "id: openlab\n---\nid: other\n")
    finding = only_finding(root)
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "yaml-multiple-documents",
        "catalogue/testbeds/openlab.yml",
        2,
        1,
    )
    assert finding.message == "a file holds one entry: remove the second document (after '---')"


def test_one_explicit_document_is_fine(root: Path) -> None:
    assert data_of(root, "testbeds/openlab.yml", "---\nid: openlab\n...\n") == {"id": "openlab"}
    assert found(root) == []


# --- whitespace and encoding -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("id: openlab\nname:\n\tsv: OpenLab\n", 3, 1),
        ("id: openlab\nname:\n  \tsv: OpenLab\n", 3, 3),
    ],
    ids=["tab-first", "tab-after-spaces"],
)
def test_tab_indentation(root: Path, text: str, line: int, column: int) -> None:
    put(root, "testbeds/openlab.yml", text)
    finding = only_finding(root)
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "yaml-tab",
        "catalogue/testbeds/openlab.yml",
        line,
        column,
    )
    assert finding.message == "a tab is used for indentation; indent with spaces (2 for each level)"


def test_a_tab_inside_a_value_is_not_indentation(root: Path) -> None:
    assert data_of(root, "testbeds/openlab.yml", "id: open\tlab\n") == {"id": "open\tlab"}
    assert found(root) == []


def test_a_tab_at_the_start_of_block_text_is_text(root: Path) -> None:
    text = "id: openlab\ndescription:\n  sv: |\n    Steg:\n    \tett\n"
    assert data_of(root, "testbeds/openlab.yml", text)["description"] == {"sv": "Steg:\n\tett\n"}
    assert [f for f in found(root) if f.code == "yaml-tab"] == []


def test_invalid_utf8_gives_line_and_character_column(root: Path) -> None:
    # "  sv: Åsa " is ten characters (eleven bytes): the bad byte is character eleven
    put(root, "testbeds/openlab.yml", "id: openlab\nname:\n  sv: Åsa ".encode() + b"\xff\n")
    finding = only_finding(root)
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "encoding",
        "catalogue/testbeds/openlab.yml",
        3,
        11,
    )
    assert finding.message == "the file is not valid UTF-8; save it as UTF-8"


def test_latin1_file_is_not_utf8(root: Path) -> None:
    # "  sv: V" is seven characters: the Latin-1 byte for "å" is character eight
    put(root, "testbeds/openlab.yml", "id: openlab\nname:\n  sv: Vård\n".encode("latin-1"))
    assert found(root) == [("encoding", "catalogue/testbeds/openlab.yml", 3, 8)]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbfid: openlab\n",
        "id: openlab\n".encode("utf-16"),
        "id: openlab\n".encode("utf-16-be").join([b"\xfe\xff", b""]),
    ],
    ids=["utf-8", "utf-16-le", "utf-16-be"],
)
def test_byte_order_mark(root: Path, raw: bytes) -> None:
    put(root, "testbeds/openlab.yml", raw)
    finding = only_finding(root)
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "encoding-bom",
        "catalogue/testbeds/openlab.yml",
        1,
        1,
    )
    assert finding.message == "the file starts with a byte-order mark; save it as UTF-8 without BOM"


@pytest.mark.parametrize(
    "text",
    ["", "\n\n   \n", "# only a comment\n", "---\n", "---\n...\n"],
    ids=["zero-bytes", "blank-lines", "comment", "empty-document", "empty-document-end"],
)
def test_empty_file(root: Path, text: str) -> None:
    put(root, "testbeds/openlab.yml", text)
    finding = only_finding(root)
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "empty-file",
        "catalogue/testbeds/openlab.yml",
        1,
        1,
    )
    assert finding.message == "the file is empty; an entry is a mapping of fields such as 'id:' and 'name:'"


@pytest.mark.parametrize(
    ("text", "got"),
    [("- id: openlab\n", "a list"), ("openlab\n", "the value 'openlab'"), ("5\n", "the value 5")],
    ids=["list", "text", "number"],
)
def test_not_a_mapping(root: Path, text: str, got: str) -> None:
    put(root, "testbeds/openlab.yml", text)
    finding = only_finding(root)
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "not-a-mapping",
        "catalogue/testbeds/openlab.yml",
        1,
        1,
    )
    assert finding.message == f"an entry must be a mapping of fields (got {got})"
    assert load_catalogue(root).entries == []


def _padded(size: int) -> bytes:
    head = b"id: openlab\n# "
    return head + b"x" * (size - len(head) - 1) + b"\n"


def test_file_over_256_kb_is_refused_unread(root: Path) -> None:
    put(root, "testbeds/openlab.yml", _padded(LIMIT + 1))
    assert (root / "testbeds/openlab.yml").stat().st_size == LIMIT + 1
    finding = only_finding(root)
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "file-too-large",
        "catalogue/testbeds/openlab.yml",
        1,
        1,
    )
    assert finding.message == "the file is 257 kB; an entry may be at most 256 kB"
    assert load_catalogue(root).entries == []


def test_file_of_exactly_256_kb_is_read(root: Path) -> None:
    put(root, "testbeds/openlab.yml", _padded(LIMIT))
    assert (root / "testbeds/openlab.yml").stat().st_size == LIMIT
    loaded = load_catalogue(root)
    assert loaded.findings == []
    assert [e.data for e in loaded.entries] == [{"id": "openlab"}]


# --- files and folders -------------------------------------------------------------------------

SYMLINK_MESSAGE = "symbolic links are not allowed in the catalogue; put the real file here"


def test_symlink_to_an_entry_inside_the_catalogue(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "id: openlab\n")
    os.symlink("openlab.yml", root / "testbeds" / "alias.yml")
    loaded = load_catalogue(root)
    assert [(f.code, f.path, f.line, f.column, f.message) for f in loaded.findings] == [
        ("symlink", "catalogue/testbeds/alias.yml", 1, 1, SYMLINK_MESSAGE)
    ]
    assert [e.id for e in loaded.entries] == ["openlab"]


def test_symlink_leading_out_of_the_catalogue_is_not_read(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.yml"
    secret.write_text("id: outside\n", encoding="utf-8")
    os.symlink(secret, root / "testbeds" / "outside.yml")
    os.symlink("../../outside.yml", root / "testbeds" / "relative.yml")
    loaded = load_catalogue(root)
    assert [(f.code, f.path) for f in loaded.findings] == [
        ("symlink", "catalogue/testbeds/outside.yml"),
        ("symlink", "catalogue/testbeds/relative.yml"),
    ]
    assert loaded.entries == []


def test_symlinked_kind_folder_and_dangling_symlink(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "p.yml").write_text("id: p\n", encoding="utf-8")
    (root / "projects").rmdir()
    os.symlink(elsewhere, root / "projects")
    os.symlink("missing.yml", root / "testbeds" / "gone.yml")
    loaded = load_catalogue(root)
    assert [(f.code, f.path, f.line, f.column) for f in loaded.findings] == [
        ("symlink", "catalogue/projects", 1, 1),
        ("symlink", "catalogue/testbeds/gone.yml", 1, 1),
    ]
    assert loaded.entries == []


@pytest.mark.parametrize("stem", ["Open_Lab", "open--lab", "-openlab", "öppen-lab", "open lab", "openlab-"])
def test_file_name_that_is_not_an_id(root: Path, stem: str) -> None:
    put(root, f"testbeds/{stem}.yml", f"id: {stem}\n")
    loaded = load_catalogue(root)
    assert [(f.code, f.path, f.line, f.column, f.message) for f in loaded.findings] == [
        (
            "bad-file-name",
            f"catalogue/testbeds/{stem}.yml",
            1,
            1,
            f"'{stem}.yml' is not a valid id: use lower-case letters a-z, digits and single hyphens, "
            "such as 'my-testbed.yml'",
        )
    ]
    # still read, so that its content is checked too
    assert [e.id for e in loaded.entries] == [stem]


def test_yaml_extension(root: Path) -> None:
    put(root, "testbeds/openlab.yaml", "id: openlab\n")
    loaded = load_catalogue(root)
    assert [(f.code, f.path, f.line, f.column, f.message) for f in loaded.findings] == [
        (
            "wrong-extension",
            "catalogue/testbeds/openlab.yaml",
            1,
            1,
            "entries end in .yml: rename it to 'openlab.yml'",
        )
    ]
    assert loaded.entries == []


def test_unknown_kind_folder_suggests_the_nearest(root: Path) -> None:
    put(root, "testbed/openlab.yml", "id: openlab\n")
    loaded = load_catalogue(root)
    assert [(f.code, f.path, f.line, f.column, f.message) for f in loaded.findings] == [
        (
            "unknown-kind",
            "catalogue/testbed",
            1,
            1,
            "'testbed' is not a kind folder; entries go in units, testbeds, projects, contacts, opportunities"
            "; did you mean 'testbeds'?",
        )
    ]
    assert loaded.entries == []


def test_unknown_kind_folder_without_a_near_name(root: Path) -> None:
    put(root, "misc/openlab.yml", "id: openlab\n")
    finding = only_finding(root)
    assert (
        finding.message
        == "'misc' is not a kind folder; entries go in units, testbeds, projects, contacts, opportunities"
    )


def test_other_misplaced_things(root: Path) -> None:
    put(root, "openlab.yml", "id: openlab\n")
    put(root, "testbeds/notes.txt", "notes\n")
    put(root, "testbeds/old/openlab.yml", "id: openlab\n")
    put(root, "testbeds/.gitkeep", "")
    put(root, ".hidden/x.yml", "id: x\n")
    put(root, "README.md", "# catalogue\n")
    loaded = load_catalogue(root)
    assert [(f.code, f.path, f.message) for f in loaded.findings] == [
        (
            "misplaced-file",
            "catalogue/openlab.yml",
            "put entries in a kind folder: units, testbeds, projects, contacts, opportunities",
        ),
        ("unexpected-file", "catalogue/testbeds/notes.txt", "only .yml entries belong in 'testbeds'"),
        (
            "nested-folder",
            "catalogue/testbeds/old",
            "folders inside 'testbeds' are not read; move the entries up one level",
        ),
    ]
    assert loaded.entries == []


def test_files_counts_entries_and_refused_entry_files(root: Path) -> None:
    put(root, "testbeds/openlab.yml", "id: openlab\n")
    put(root, "units/u.yml", "id: u\n")
    put(root, "testbeds/broken.yml", "id: [\n")
    put(root, "testbeds/other.yaml", "id: other\n")
    put(root, "testbeds/notes.txt", "notes\n")
    os.symlink("openlab.yml", root / "testbeds" / "alias.yml")
    loaded = load_catalogue(root)
    assert loaded.files == 5  # openlab, u, broken, other.yaml, alias; not notes.txt
    assert sorted(e.id for e in loaded.entries) == ["openlab", "u"]


def test_kind_comes_from_the_folder_and_id_from_the_file_name(root: Path) -> None:
    for kind, singular in zip(KINDS, ("unit", "testbed", "project", "contact"), strict=True):
        put(root, f"{kind}/x-{singular}.yml", "id: something-else\n")
    loaded = load_catalogue(root)
    assert loaded.findings == []
    assert sorted((e.kind, e.id, e.display_path) for e in loaded.entries) == [
        ("contact", "x-contact", "catalogue/contacts/x-contact.yml"),
        ("project", "x-project", "catalogue/projects/x-project.yml"),
        ("testbed", "x-testbed", "catalogue/testbeds/x-testbed.yml"),
        ("unit", "x-unit", "catalogue/units/x-unit.yml"),
    ]


# --- YAML 1.1 surprises ------------------------------------------------------------------------


def test_yaml11_booleans_stay_text(root: Path) -> None:
    text = "a: no\nb: yes\nc: on\nd: off\ne: y\nf: n\ng: NO\nh: Yes\ni: true\nj: False\nk: TRUE\n"
    assert data_of(root, "testbeds/openlab.yml", text) == {
        "a": "no",
        "b": "yes",
        "c": "on",
        "d": "off",
        "e": "y",
        "f": "n",
        "g": "NO",
        "h": "Yes",
        "i": True,
        "j": False,
        "k": True,
    }
    assert found(root) == []


def test_dates_and_times_stay_text(root: Path) -> None:
    text = "reviewed: 2017-02-01\nat: 2017-02-01T10:00:00Z\nmonth: 2017-02\nsexagesimal: 1:30\n"
    assert data_of(root, "testbeds/openlab.yml", text) == {
        "reviewed": "2017-02-01",
        "at": "2017-02-01T10:00:00Z",
        "month": "2017-02",
        "sexagesimal": "1:30",
    }
    assert found(root) == []


def test_leading_zero_number_is_ambiguous(root: Path) -> None:
    put(root, "contacts/c.yml", "id: c\nresponse_days: 010\n")
    loaded = load_catalogue(root)
    assert [(f.code, f.path, f.line, f.column, f.field, f.message) for f in loaded.findings] == [
        (
            "yaml-ambiguous-number",
            "catalogue/contacts/c.yml",
            2,
            16,
            "response_days",
            "'010' has a leading zero, which some YAML readers take as an octal number; "
            "quote it ('010') if it is text, or write 10",
        )
    ]
    assert loaded.entries[0].data["response_days"] == "010"


def test_numbers_and_nulls_follow_yaml_12_core(root: Path) -> None:
    text = (
        "a: 0o17\nb: 0x1F\nc: 1_000\nd: 1.5\ne: 0\nf: -7\ng: '010'\nh: ~\ni: 1e3\nj: null\nk:\n"
        "l: '5'\nm: +12\n"
    )
    data = data_of(root, "testbeds/openlab.yml", text)
    assert data == {
        "a": 15,
        "b": 31,
        "c": "1_000",
        "d": 1.5,
        "e": 0,
        "f": -7,
        "g": "010",
        "h": None,
        "i": 1000.0,
        "j": None,
        "k": None,
        "l": "5",
        "m": 12,
    }
    assert [type(data[k]) for k in "abdei"] == [int, int, float, int, float]
    assert found(root) == []


# --- positions ---------------------------------------------------------------------------------


def test_positions_of_nested_values_in_block_style(catalogue: Path) -> None:
    loaded = load_catalogue(catalogue)
    assert loaded.findings == []
    (entry,) = [e for e in loaded.entries if e.id == "openlab"]
    lines = (catalogue / "testbeds" / "openlab.yml").read_text(encoding="utf-8").splitlines()
    assert lines[19] == "    - sv: Boka en tid"
    assert entry.position_of(("access", "steps", 1, "sv")) == Position(20, 11)
    assert entry.position_of(("access", "steps", 1, "sv"), key=True) == Position(20, 7)
    assert entry.position_of(("access", "steps", 1, "en")) == Position(21, 11)
    assert entry.position_of(("access", "steps", 1)) == Position(20, 7)
    assert entry.position_of(("access", "steps")) == Position(18, 5)
    assert entry.position_of(("audiences", 1)) == Position(14, 5)
    assert entry.position_of(("ethics", "personal_data")) == Position(24, 18)
    assert entry.position_of(("confirmed",), key=True) == Position(25, 1)
    # a path that does not exist falls back to its nearest existing ancestor
    assert entry.position_of(("access", "steps", 5, "sv")) == Position(18, 5)
    assert entry.position_of(("nowhere",)) == Position(1, 1)


def test_positions_of_nested_values_in_flow_style(root: Path) -> None:
    line = "access: {cost_model: free, steps: [{sv: Ring, en: Call}, {sv: Kom, en: Come}]}"
    put(root, "testbeds/openlab.yml", f"id: openlab\n{line}\n")
    (entry,) = load_catalogue(root).entries
    assert entry.position_of(("access", "steps", 1, "sv")) == Position(2, line.index("Kom") + 1)
    assert entry.position_of(("access", "steps", 1, "sv"), key=True) == Position(2, line.index("sv: Kom") + 1)
    assert entry.position_of(("access", "steps", 1)) == Position(2, line.index("{sv: Kom") + 1)
    assert entry.position_of(("access", "cost_model")) == Position(2, line.index("free") + 1)
    assert entry.position_of(("access",)) == Position(2, 9)


def test_positions_after_a_duplicate_keys_value_that_is_left_out(root: Path) -> None:
    """The value of a repeated key is not kept; what follows it keeps its own line and column."""
    text = (
        "id: openlab\n"  # 1
        "access:\n"  # 2
        "  steps:\n"  # 3
        "    - sv: Ring\n"  # 4
        "      sv:\n"  # 5: repeated, its mapping value is left out
        "        nested: [1, 2]\n"  # 6
        "    - sv: Kom\n"  # 7
        "  cost_model: free\n"  # 8
        "access:\n"  # 9: repeated at the top
        "  cost_model: paid\n"  # 10
        "name:\n"  # 11
        "  sv: Öppet labb\n"  # 12
    )
    put(root, "testbeds/openlab.yml", text)
    loaded = load_catalogue(root)
    assert [(f.code, f.line, f.field) for f in loaded.findings] == [
        ("duplicate-key", 5, "access.steps[0].sv"),
        ("duplicate-key", 9, "access"),
    ]
    assert "first on line 4" in loaded.findings[0].message
    assert "first on line 2" in loaded.findings[1].message
    (entry,) = loaded.entries
    assert entry.data["access"] == {"steps": [{"sv": "Ring"}, {"sv": "Kom"}], "cost_model": "free"}
    assert entry.position_of(("access", "steps", 0, "sv")) == Position(4, 11)
    assert entry.position_of(("access", "steps", 1, "sv")) == Position(7, 11)
    assert entry.position_of(("access", "steps", 1)) == Position(7, 7)
    assert entry.position_of(("access", "cost_model")) == Position(8, 15)
    assert entry.position_of(("name", "sv"), key=True) == Position(12, 3)
    assert entry.position_of(("name", "sv")) == Position(12, 7)
