"""Realistic synthetic catalogues for the benchmarks: the shipped entries, cloned and related.

Each testbed, project, contact path and unit is a copy of a shipped entry of its kind (so it has
every field the shipped ones have, multi-paragraph texts in both languages, and follows the schema
as it changes), given a new id, a numbered name and a longer description, about 5 kB of YAML. The
proportions are those of issue 10: for N testbeds, N/5 projects, N/20 contact paths, N/50 units.
References are rewritten so every entry points at generated entries only.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parents[1]
KINDS = {"unit": "units", "contact": "contacts", "testbed": "testbeds", "project": "projects"}
TARGET_BYTES = 5000
PARAGRAPH = {
    "sv": (
        "Stycke {n} om {name}: här beskriver enheten vad som kan prövas, vilka som brukar delta, hur "
        "lång tid ett test brukar ta och vad den som hör av sig behöver ha med sig. Texten är lika "
        "lång som en verklig beskrivning med flera stycken och innehåller vanliga ord som vård, "
        "omsorg, digital, data, patient, invånare, företag och forskning."
    ),
    "en": (
        "Paragraph {n} about {name}: here the unit describes what can be tried out, who usually "
        "takes part, how long a test tends to take and what someone getting in touch should bring. "
        "The text is as long as a real description of several paragraphs and has common words such "
        "as care, digital, data, patient, resident, company and research."
    ),
}


def shipped(kind: str) -> list[dict[str, Any]]:
    folder = PROJECT / "catalogue" / KINDS[kind]
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yml"))]


def plain(value: Any) -> Any:
    """Dates as the ISO strings the entries are written with."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def lengthen(entry: dict[str, Any], name: str) -> None:
    """Add paragraphs to the description until the entry is about TARGET_BYTES of YAML."""
    description = entry.setdefault("description", {"sv": "", "en": ""})
    n = 0
    while len(yaml.safe_dump(entry, allow_unicode=True).encode("utf-8")) < TARGET_BYTES and n < 20:
        n += 1
        for lang in ("sv", "en"):
            text = PARAGRAPH[lang].format(n=n, name=name)
            description[lang] = f"{description.get(lang, '')}\n\n{text}".strip()


def numbered(template: dict[str, Any], kind: str, number: int) -> dict[str, Any]:
    entry = plain(template)
    entry["id"] = f"{kind}-{number}"
    entry.pop("previous_ids", None)
    for lang in ("sv", "en"):
        if isinstance(entry.get("name"), dict) and lang in entry["name"]:
            entry["name"][lang] = f"{entry['name'][lang]} {number}"
    return entry


def write_catalogue(root: Path, testbeds: int) -> dict[str, int]:
    """Write a catalogue of `testbeds` testbeds and the rest in proportion below `root/catalogue`.

    The shipped entries come along, so the shipped news posts (which name them) stay valid.
    """
    shutil.copytree(PROJECT / "catalogue", root / "catalogue", dirs_exist_ok=True)
    counts = {
        "testbed": testbeds,
        "project": max(1, testbeds // 5),
        "contact": max(1, testbeds // 20),
        "unit": max(2, testbeds // 50),
    }
    templates = {kind: shipped(kind) for kind in KINDS}
    for kind, count in counts.items():
        folder = root / "catalogue" / KINDS[kind]
        folder.mkdir(parents=True, exist_ok=True)
        cycle = itertools.cycle(templates[kind])
        for number in range(count):
            entry = numbered(next(cycle), kind, number)
            relate(entry, kind, number, counts)
            if kind == "testbed":
                lengthen(entry, entry["name"]["sv"] if isinstance(entry.get("name"), dict) else "")
            text = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, width=100)
            (folder / f"{entry['id']}.yml").write_text(text, encoding="utf-8")
    return counts


def relate(entry: dict[str, Any], kind: str, number: int, counts: dict[str, int]) -> None:
    """Point every reference at generated entries: units own, contacts answer, projects use testbeds."""
    units, contacts = counts["unit"], counts["contact"]
    if "unit" in entry:
        entry["unit"] = f"unit-{number % units}"
    if "contact" in entry:
        entry["contact"] = f"contact-{number % contacts}"
    if kind == "unit":
        if number == 0:
            entry.pop("parent", None)
        else:
            entry["parent"] = "unit-0"
    if "partners" in entry:
        entry["partners"] = [
            f"unit-{(number + k) % units}" for k in (1, 2) if (number + k) % units != number % units
        ]
        if not entry["partners"]:
            entry.pop("partners")
    if "testbeds" in entry:
        entry["testbeds"] = sorted({f"testbed-{(number * 5 + k) % counts['testbed']}" for k in range(3)})


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        made = write_catalogue(Path(folder), int(sys.argv[1]) if len(sys.argv) > 1 else 100)
        sizes = [p.stat().st_size for p in Path(folder, "catalogue", "testbeds").glob("*.yml")]
        print(made, f"mean testbed {sum(sizes) / len(sizes):.0f} bytes")
