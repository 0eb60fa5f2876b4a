"""Validate benchmark: seconds and peak memory of `catalogue validate` for N realistic testbeds.

Prints figures; asserts nothing. For each N it writes the same realistic catalogue as the build
benchmark (entries.py: about 5 kB of YAML a testbed, with projects, contact paths and units in
proportion) into a temporary folder, then runs, each as its own process:

- `catalogue validate` on the whole catalogue (YAML with positions, schema, references, dates);
- `check-jsonschema` on the same files, once per kind against that kind's schema, as the reference
  for plain JSON Schema validation of YAML (it resolves the schema's relative `$ref` to
  defs.schema.json through `--base-uri`, so nothing is fetched from the schema's `$id` host);

and prints wall seconds, peak resident memory of the process tree and the ratio of the two. With
`--repeat R` it measures both R times, one right after the other, and prints the median ratio
too: on a shared machine the load changes from minute to minute.

    .venv/bin/python benchmarks/validate.py                # 1000 5000 10000
    .venv/bin/python benchmarks/validate.py --sizes 5000 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entries import write_catalogue  # noqa: E402
from measure import Run, measure  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCHEMA = PROJECT / "schema"


SCHEMA_OF = {"testbeds": "testbed", "projects": "project", "contacts": "contact", "units": "unit"}


def run(count: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="validate-bench-") as folder:
        root = Path(folder)
        write_catalogue(root, count)
        files = sorted((root / "catalogue").glob("*/*.yml"))
        rounds = [_round(root, files) for _ in range(repeat)]
    print(f"N = {count} testbeds, {len(files)} files in all")
    for ours, references in rounds:
        for name, result in [("catalogue validate", ours), *(("check-jsonschema", r) for r in references)]:
            if result.status != 0:
                print(
                    f"  {name} exited {result.status}; the figures below are not comparable:\n{result.output[-2000:]}"
                )
        reference_seconds = sum(r.seconds for r in references)
        reference_peak = max(r.peak_mb for r in references)
        print(
            f"  catalogue validate: {ours.seconds:7.2f} s  {ours.peak_mb:7.1f} MB peak  ({ours.output.strip().splitlines()[-1]})"
        )
        print(
            f"  check-jsonschema:   {reference_seconds:7.2f} s  {reference_peak:7.1f} MB peak  (one run per kind, same files)"
        )
        print(
            f"  check-jsonschema takes {reference_seconds / ours.seconds:.1f}x as long; "
            f"per file: {1000 * ours.seconds / len(files):.2f} ms vs {1000 * reference_seconds / len(files):.2f} ms"
        )
    if repeat > 1:
        ratios = [sum(r.seconds for r in references) / ours.seconds for ours, references in rounds]
        print(f"  median of {repeat} rounds: check-jsonschema takes {statistics.median(ratios):.1f}x as long")


def _round(root: Path, files: list[Path]) -> tuple[Run, list[Run]]:
    """One measurement of ours and of check-jsonschema, one right after the other (the machine's
    load changes both alike, so their ratio is the figure to compare)."""
    validate = [str(BIN / "catalogue"), "validate", "catalogue", "--schema-dir", str(SCHEMA)]
    ours = measure(validate, root, proportional=False)  # RSS only: sampling PSS would slow it down
    references = []
    for plural, kind in SCHEMA_OF.items():
        schema = SCHEMA / f"{kind}.schema.json"
        kind_files = [str(path.relative_to(root)) for path in files if path.parent.name == plural]
        command = [
            str(BIN / "check-jsonschema"),
            "--schemafile",
            str(schema),
            "--base-uri",
            schema.as_uri(),
        ]
        references.append(measure([*command, *kind_files], root, proportional=False))
    return ours, references


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1000, 5000, 10000], metavar="N", help="testbeds per run"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="R", help="rounds per N; prints the median ratio too"
    )
    options = parser.parse_args()
    for count in options.sizes:
        run(count, options.repeat)


if __name__ == "__main__":
    main()
