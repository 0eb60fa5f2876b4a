"""Validate benchmark: seconds and peak memory of `catalogue validate` for N synthetic entries.

Prints figures; asserts nothing. For each N it writes N valid entries (units, contact paths and
testbeds that refer to each other) into a temporary folder, then runs, each as its own process:

- `catalogue validate` on the whole catalogue (YAML with positions, schema, references, dates);
- `check-jsonschema` on the same testbed files against schema/testbed.schema.json, as a reference
  for plain JSON Schema validation of YAML (it resolves the schema's relative `$ref` to
  defs.schema.json through `--base-uri`, so nothing is fetched from the schema's `$id` host);

and prints files, wall seconds, peak resident memory and the ratio of the two.

    .venv/bin/python benchmarks/validate.py --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCHEMA = PROJECT / "schema"
TESTBED_KINDS = ["physical", "clinical", "digital", "living-lab", "simulation", "demonstration"]


def write_catalogue(root: Path, count: int) -> list[Path]:
    """`count` entries: one unit and one contact path per 50, the rest testbeds; returns the testbeds."""
    folders = {kind: root / "catalogue" / kind for kind in ("units", "contacts", "testbeds")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    reviewed = dt.date.today().isoformat()
    units = max(1, count // 50)
    for u in range(units):
        parent = "parent: unit-0\n" if u else ""
        (folders["units"] / f"unit-{u}.yml").write_text(
            f"id: unit-{u}\nname:\n  sv: Enhet {u}\n  en: Unit {u}\nsummary:\n  sv: Enhet nummer {u}.\n"
            f'  en: Unit number {u}.\ntype: office\n{parent}contact: contact-{u}\nreviewed: "{reviewed}"\n',
            encoding="utf-8",
        )
        (folders["contacts"] / f"contact-{u}.yml").write_text(
            f"id: contact-{u}\nname:\n  sv: Väg in {u}\n  en: Way in {u}\nsummary:\n  sv: Kontakt {u}.\n"
            f"  en: Contact {u}.\nunit: unit-{u}\naudiences:\n  - companies\n  - startups\ntopics:\n"
            f"  - testbed-access\nchannels:\n  email: in{u}@example.org\n  phone: 08-123 456 78\n"
            f"response_days: 5\nnext_steps:\n  - sv: Vi ringer upp\n    en: We call back\n"
            f'reviewed: "{reviewed}"\n',
            encoding="utf-8",
        )
    testbeds = []
    for i in range(count - 2 * units):
        u = i % units
        path = folders["testbeds"] / f"testbed-{i}.yml"
        path.write_text(
            f"id: testbed-{i}\nname:\n  sv: Testbädd {i}\n  en: Testbed {i}\nsummary:\n"
            f"  sv: En testbädd för vård nummer {i}.\n  en: A health testbed number {i}.\n"
            f"description:\n  sv: Här kan **företag** testa lösning {i}.\n  en: Here **companies** can test solution {i}.\n"
            f"unit: unit-{u}\ncontact: contact-{u}\nkind: {TESTBED_KINDS[i % len(TESTBED_KINDS)]}\nstatus: active\n"
            f"audiences:\n  - companies\n  - researchers\nareas:\n  - health-care\n  - digitalisation\n"
            f"access:\n  cost_model: negotiated\n  steps:\n    - sv: Kontakta oss\n      en: Contact us\n"
            f"    - sv: Skriv avtal\n      en: Sign an agreement\n"
            f"location:\n  municipality: Stockholm\n  coordinates:\n    lat: 59.33\n    lon: 18.06\n"
            f"ethics:\n  approval_needed: false\n  personal_data: true\nlanguages:\n  - sv\n  - en\n"
            f"links:\n  - label:\n      sv: Webbplats\n      en: Website\n    url: https://example.org/t/{i}\n"
            f'reviewed: "{reviewed}"\n',
            encoding="utf-8",
        )
        testbeds.append(path)
    return testbeds


def measure(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall seconds, peak resident memory (MB), exit status and output of one child process."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return seconds, usage.ru_maxrss / 1024, process.returncode, output


def run(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="validate-bench-") as folder:
        root = Path(folder)
        testbeds = write_catalogue(root, count)
        files = len(list((root / "catalogue").glob("*/*.yml")))
        ours = measure([str(BIN / "catalogue"), "validate", "catalogue", "--schema-dir", str(SCHEMA)], root)
        reference = measure(
            [
                str(BIN / "check-jsonschema"),
                "--schemafile",
                str(SCHEMA / "testbed.schema.json"),
                "--base-uri",
                (SCHEMA / "testbed.schema.json").as_uri(),
                *(str(path.relative_to(root)) for path in testbeds),
            ],
            root,
        )
    for name, (_, _, status, output) in (("catalogue validate", ours), ("check-jsonschema", reference)):
        if status != 0:
            print(f"  {name} exited {status}; the figures below are not comparable:\n{output[-2000:]}")
    print(f"N = {count}")
    print(
        f"  catalogue validate: {files:>5} files  {ours[0]:7.2f} s  {ours[1]:7.1f} MB peak  ({ours[3].strip()})"
    )
    print(
        f"  check-jsonschema:   {len(testbeds):>5} files  {reference[0]:7.2f} s  {reference[1]:7.1f} MB peak"
        f"  (testbeds only; {reference[3].strip().splitlines()[-1] if reference[3].strip() else 'no output'})"
    )
    print(
        f"  ratio validate / check-jsonschema: {ours[0] / reference[0]:.2f}x time, {ours[1] / reference[1]:.2f}x memory;"
        f" per file: {1000 * ours[0] / files:.2f} ms vs {1000 * reference[0] / len(testbeds):.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1000, 5000], metavar="N", help="entries per run"
    )
    for count in parser.parse_args().sizes:
        run(count)


if __name__ == "__main__":
    main()
