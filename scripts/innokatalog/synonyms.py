"""Search aliases: the words an entry is also found by, from `data/synonyms.yml`.

Pagefind has no synonyms, so these words go into each matching entry's page as hidden text that
only the search index reads. They stay in the index rather than being added to the query in the
browser: in the index they cost about 5 % of the index and some 45 bytes per result fragment,
while a query widened to a group's words runs one search per word, each loading its own index
chunk (measured at 1,000 testbeds: "e-hälsa" loads 7 kB of chunks alone, 79 kB widened to its
12 words; at 10,000 testbeds a chunk holds 12 kB in the median, up to 47 kB).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .facets import FACETS, entry_facets
from .model import Item

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.yml"


@dataclass(frozen=True)
class Group:
    """Words for one thing; an entry with one of `facets` (facet, code) or a tag among `words` gets them all."""

    words: tuple[str, ...]
    facets: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[Group, ...] = ()
    compounds: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def words_for(self, item: Item) -> list[str]:
        """The aliases and compound parts an entry is also found by, each once, in the file's order."""
        pairs = set(entry_facets(item))
        tags = [str(tag) for tag in item.get("tags") or []]
        folded = {tag.casefold() for tag in tags}
        words: list[str] = []
        for group in self.groups:
            if group.facets & pairs or folded & {word.casefold() for word in group.words}:
                words += group.words
        for tag in tags:
            for part in tag.casefold().split():
                words += self.compounds.get(part, ())
        return list(dict.fromkeys(word for word in words if word.casefold() not in folded))


def parse_synonyms(data: Any, source: str = "synonyms.yml") -> Synonyms:
    """The synonyms file's content as data; a malformed file raises ValueError naming what is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected `groups` and `compounds` at the top level")
    groups = []
    for number, group in enumerate(data.get("groups") or [], start=1):
        words = group.get("words") if isinstance(group, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f"{source}: group {number} needs `words`, a list of words")
        facets = group.get("facets") or {}
        unknown = sorted(set(facets) - set(FACETS))
        if unknown:
            raise ValueError(f"{source}: group {number} names unknown facets {unknown}; use one of {FACETS}")
        pairs = frozenset((facet, str(code)) for facet, codes in facets.items() for code in codes)
        groups.append(Group(tuple(words), pairs))
    compounds = {}
    for word, parts in (data.get("compounds") or {}).items():
        if not isinstance(parts, list) or not parts:
            raise ValueError(f"{source}: compound {word!r} needs a list of its parts")
        compounds[str(word).casefold()] = tuple(str(part) for part in parts)
    return Synonyms(tuple(groups), compounds)


@functools.cache
def shipped_synonyms() -> Synonyms:
    """The synonyms file that ships with the site builder."""
    text = SYNONYMS_FILE.read_text(encoding="utf-8")
    return parse_synonyms(yaml.safe_load(text), SYNONYMS_FILE.name)
