"""The glossary (glossary.yml) holds: no retired variant of a term comes back in a user-facing file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .conftest import PROJECT

GLOSSARY = yaml.safe_load((PROJECT / "glossary.yml").read_text(encoding="utf-8"))
USER_FACING = [
    *sorted((PROJECT / "catalogue").glob("*/*.yml")),
    *sorted((PROJECT / "site").rglob("*.md")),
    *sorted((PROJECT / "scripts" / "innokatalog" / "templates").glob("*.html")),
    PROJECT / "scripts" / "innokatalog" / "i18n.py",
    PROJECT / "scripts" / "innokatalog" / "render.py",
    PROJECT / "scripts" / "innokatalog" / "report.py",
    *sorted((PROJECT / "schema").glob("*.schema.json")),
    PROJECT / "README.md",
    PROJECT / "CONTRIBUTING.md",
]


def retired_variants() -> list[str]:
    variants = [v for term in GLOSSARY["terms"] for vs in (term.get("retired") or {}).values() for v in vs]
    return variants + [v for vs in GLOSSARY["phrases"].values() for v in vs]


def quoted_phrases() -> list[str]:
    return [q for term in GLOSSARY["terms"] for q in term.get("quoted") or []]


def without_tags(text: str) -> str:
    """An entry's text without its `tags:` list: tags are search words and may hold any variant."""
    return re.sub(r"^tags:\n(  - .*\n)*", "", text, flags=re.M)


def hits(text: str, variant: str) -> list[int]:
    """Line numbers where `variant` stands as words of its own, whatever the case."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", re.IGNORECASE)
    return [number for number, line in enumerate(text.splitlines(), 1) if pattern.search(line)]


def test_every_term_has_both_languages_and_a_meaning() -> None:
    for term in GLOSSARY["terms"]:
        assert term["sv"] and term["en"], term
        assert term["meaning"]["sv"] and term["meaning"]["en"], term
        assert set(term.get("retired") or {}) <= {"sv", "en"}, term


def test_the_files_checked_exist() -> None:
    missing = [str(path) for path in USER_FACING if not path.is_file()]
    assert not missing
    assert len([p for p in USER_FACING if p.suffix == ".yml"]) > 20


@pytest.mark.parametrize("variant", retired_variants())
def test_no_retired_variant_in_user_facing_files(variant: str) -> None:
    found = []
    for path in USER_FACING:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yml":
            text = without_tags(text)
        for phrase in quoted_phrases():
            text = re.sub(re.escape(phrase), "", text, flags=re.IGNORECASE)
        found += [f"{path.relative_to(PROJECT)}:{line}" for line in hits(text, variant)]
    assert not found, f"retired variant {variant!r} (see glossary.yml) in: {', '.join(found)}"


def test_the_check_finds_a_retired_variant(tmp_path: Path) -> None:
    """The matcher itself: a variant is found in any case, not inside a longer word, and tags are skipped."""
    assert hits("Det som källan inte anger Lämnas bort.", "lämnas bort") == [1]
    assert hits("an innovation sluiceway", "innovation sluice") == []
    assert hits(without_tags("tags:\n  - testmiljö\nname: x\n"), "testmiljö") == []
