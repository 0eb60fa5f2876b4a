"""Build benchmark: the whole site build at 1,000, 5,000 and 10,000 realistic testbeds.

Prints figures; asserts nothing. For each N it writes a catalogue of realistic entries (see
entries.py: about 5 kB of YAML each, every field of the shipped entries, N/5 projects, N/20
contact paths, N/50 units) into a temporary copy of the project, one size after another, and
measures, each as its own process tree:

- `catalogue build` (both languages, Pagefind, open data): wall seconds and peak memory of the
  whole process tree (the language processes and Pagefind included), as resident memory summed
  (RSS, which counts pages shared after a fork once per process) and as proportional memory (PSS,
  which shares them out; see measure.py);
- the output's size and its largest HTML page;
- the bytes a first search and a later search download, in headless Chromium (search_bytes.py);
- as the reference, plain mkdocs-material building the same number of plain Markdown pages per
  language (two languages, one after the other, as `mkdocs build` does), in the same run.

At the end it prints the 10,000/5,000 time ratio.

How it keeps the measuring out of the figures:

- The timed builds sample only RSS. Reading PSS walks every page of every process (about 0.3 s of
  one core per reading at 10,000 testbeds), which slowed the build it measured by up to 20 s; so
  PSS comes from one more build of the same catalogue, whose time is not used.
- Every size's folders stay until the end of the run, and the disk is synced before each build:
  freeing a gigabyte of files makes the next ones slower to create on this kind of machine (ext4
  mounted with `discard`), so deleting one size's output before the next size's build would time
  the benchmark's clean-up, not the build.
- `--repeat R` builds R times, each into a fresh output folder, and prints the median time.

    .venv/bin/python benchmarks/build.py                 # 1000 5000 10000
    .venv/bin/python benchmarks/build.py --sizes 1000 --engine zensical
    .venv/bin/python benchmarks/build.py --sizes 5000 10000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from entries import write_catalogue  # noqa: E402
from measure import Run, measure  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def copy_project(root: Path) -> None:
    for name in ("schema", "site"):
        shutil.copytree(PROJECT / name, root / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(PROJECT / name, root / name)


def largest_html(site: Path) -> tuple[int, str]:
    size, path = max((p.stat().st_size, p) for p in site.rglob("*.html"))
    return size, path.relative_to(site).as_posix()


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def reference_build(root: Path, pages: int) -> Run:
    """Plain mkdocs-material: `pages` short Markdown pages out of the nav, twice (two languages)."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    for i in range(pages):
        (docs / f"page-{i}.md").write_text(f"# Sida {i}\n\nText om sida {i}.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Reference\ntheme: {name: material, font: false}\nnav: [index.md]\nplugins: []\n"
        "validation: {nav: {omitted_files: ignore}}\n",
        encoding="utf-8",
    )
    script = f"{BIN / 'mkdocs'} build -q -d out-sv && {BIN / 'mkdocs'} build -q -d out-en"
    os.sync()
    return measure(["sh", "-c", script], root, ENV, proportional=False)


def search_bytes(site: Path) -> str:
    try:
        from search_bytes import measure_search
    except ImportError:
        return "n/a"
    measured = measure_search(site)
    return f"{measured.first / 1e3:.0f} / {measured.later / 1e3:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--engine", default="mkdocs")
    parser.add_argument("--repeat", type=int, default=1, help="builds per size; the median is printed")
    args = parser.parse_args()
    print(f"engine: {args.engine}; {os.cpu_count()} cores; median of {args.repeat} build(s) per size")
    header = (
        f"{'testbeds':>8} {'entries':>7} {'build s':>8} {'RSS MB':>7} {'PSS MB':>7} {'output MB':>9} {'largest kB':>10} "
        f"{'search kB first/later':>22} {'ref s':>6} {'build/ref':>9}"
    )
    print(header)
    seconds: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="build-bench-") as temp:
        for count in args.sizes:
            root = Path(temp) / str(count) / "project"
            root.mkdir(parents=True)
            copy_project(root)
            made = write_catalogue(root, count)
            builds = [timed_build(root, args.engine, f"public-{run}") for run in range(args.repeat)]
            builds.append(timed_build(root, args.engine, "public-memory", proportional=True))
            failed = next((build for build in builds if build.status != 0), None)
            if failed:
                print(f"{count:>8} build failed ({failed.status}):\n{failed.output[-3000:]}")
                continue
            timed, memory = builds[:-1], builds[-1]
            seconds[count] = statistics.median(run.seconds for run in timed)
            site = root / "public-memory"
            largest, largest_path = largest_html(site)
            searched = search_bytes(site)
            reference = reference_build(Path(temp) / str(count) / "reference", sum(made.values()))
            runs = " ".join(f"{run.seconds:.1f}" for run in timed)
            print(
                f"{count:>8} {sum(made.values()):>7} {seconds[count]:>8.1f} {max(r.peak_mb for r in builds):>7.0f} "
                f"{memory.peak_pss_mb:>7.0f} "
                f"{folder_size(site) / 1e6:>9.0f} {largest / 1e3:>10.0f} {searched:>22} "
                f"{reference.seconds:>6.1f} {seconds[count] / reference.seconds:>9.2f}"
                f"   (largest: {largest_path}{'; runs: ' + runs if args.repeat > 1 else ''})"
            )
    if 5000 in seconds and 10000 in seconds:
        print(f"10,000 / 5,000 build time: {seconds[10000] / seconds[5000]:.2f}x")


def timed_build(root: Path, engine: str, output: str, *, proportional: bool = False) -> Run:
    """One `catalogue build` into a fresh `output`, after the disk has written what came before."""
    os.sync()
    command = [str(BIN / "catalogue"), "build", "--engine", engine, "--output", output]
    return measure(command, root, ENV, proportional=proportional)


if __name__ == "__main__":
    main()
