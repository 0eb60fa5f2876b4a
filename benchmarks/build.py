"""Build benchmark: seconds and peak memory of the whole site build for N synthetic entries.

Prints figures; asserts nothing. For each N it generates a valid catalogue in a temporary copy of
the project, then measures: `catalogue validate`, `catalogue build` (both languages, Pagefind,
open data), Pagefind alone on the built output, the output size, and the bytes a first search
downloads in headless Chromium. As a reference it builds the same number of plain Markdown pages
with plain mkdocs-material in the same run, and prints the ratio.

    .venv/bin/python benchmarks/build.py --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from search_bytes import measure_search

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def write_catalogue(root: Path, count: int) -> None:
    """`count` testbeds spread over a few units, contact paths and projects, all valid."""
    folders = {kind: root / "catalogue" / kind for kind in ("units", "contacts", "testbeds", "projects")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    reviewed = time.strftime("%Y-%m-%d")
    units = max(1, count // 100)
    for u in range(units):
        (folders["units"] / f"unit-{u}.yml").write_text(
            f"id: unit-{u}\nname: {{sv: Enhet {u}, en: Unit {u}}}\nsummary: {{sv: Enhet nummer {u}., en: Unit number {u}.}}\n"
            f'type: office\nreviewed: "{reviewed}"\n',
            encoding="utf-8",
        )
        (folders["contacts"] / f"contact-{u}.yml").write_text(
            f"id: contact-{u}\nname: {{sv: Väg in {u}, en: Way in {u}}}\nsummary: {{sv: Kontakt {u}., en: Contact {u}.}}\n"
            f"unit: unit-{u}\naudiences: [companies]\ntopics: [testbed-access]\nchannels: {{email: in{u}@example.org}}\n"
            f'response_days: 5\nreviewed: "{reviewed}"\n',
            encoding="utf-8",
        )
    kinds = ["physical", "clinical", "digital", "living-lab", "simulation", "demonstration"]
    for i in range(count):
        u = i % units
        (folders["testbeds"] / f"testbed-{i}.yml").write_text(
            f"id: testbed-{i}\nname: {{sv: Testbädd {i}, en: Testbed {i}}}\n"
            f"summary: {{sv: En testbädd för vård nummer {i}., en: A health testbed number {i}.}}\n"
            f"description: {{sv: 'Här kan **företag** testa lösning {i}.', en: 'Here **companies** can test solution {i}.'}}\n"
            f"unit: unit-{u}\ncontact: contact-{u}\nkind: {kinds[i % len(kinds)]}\nstatus: active\n"
            f"audiences: [companies, researchers]\nareas: [health-care]\n"
            f"access: {{cost_model: negotiated, steps: [{{sv: Kontakta oss, en: Contact us}}]}}\n"
            f'reviewed: "{reviewed}"\n',
            encoding="utf-8",
        )
    for p in range(max(1, count // 10)):
        (folders["projects"] / f"project-{p}.yml").write_text(
            f"id: project-{p}\nname: {{sv: Projekt {p}, en: Project {p}}}\nsummary: {{sv: Projekt {p}., en: Project {p}.}}\n"
            f'unit: unit-{p % units}\ncontact: contact-{p % units}\nstatus: ongoing\nperiod: {{start: "2025-01", end: "2030-12"}}\n'
            f'testbeds: [testbed-{p}]\nfunding: {{funder: Vinnova, amount_sek: 100000}}\nreviewed: "{reviewed}"\n',
            encoding="utf-8",
        )


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def largest_html(site: Path) -> tuple[int, str]:
    """The largest HTML page of the built site: (bytes, path below the site)."""
    return max((f.stat().st_size, str(f.relative_to(site))) for f in site.rglob("*.html"))


def reference_build(root: Path, count: int) -> tuple[float, float]:
    """Plain mkdocs-material on `count` plain Markdown pages, out of the nav: the reference."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    for i in range(count):
        (docs / f"page-{i}.md").write_text(f"# Sida {i}\n\nText om sida {i}.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Reference\ntheme: {name: material, font: false}\nnav: [index.md]\nplugins: []\n"
        "validation: {nav: {omitted_files: ignore}}\n",
        encoding="utf-8",
    )
    return measure([str(BIN / "mkdocs"), "build", "-q"], root)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    print(
        f"{'testbeds':>8} {'validate s':>10} {'build s':>8} {'peak MB':>8} {'pagefind s':>10} {'output MB':>9} "
        f"{'largest kB':>10} {'search kB':>9} {'later kB':>8} {'ref s':>6} {'build/ref':>9}"
    )
    for count in args.sizes:
        with tempfile.TemporaryDirectory() as temp:
            root = Path(temp) / "project"
            root.mkdir()
            for item in ("schema", "site"):
                shutil.copytree(PROJECT / item, root / item)
            shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
            write_catalogue(root, count)
            validate_s, _ = measure([str(BIN / "catalogue"), "validate"], root)
            build_s, build_mb = measure([str(BIN / "catalogue"), "build"], root)
            pagefind_s, _ = measure([sys.executable, "-m", "pagefind", "--site", "public"], root)
            output_mb = folder_size(root / "public") / 1e6
            largest, largest_page = largest_html(root / "public")
            search = measure_search(root / "public", "testbädd 42", "testbädd 4711")
            ref_s, _ = reference_build(Path(temp) / "reference", count)
            print(
                f"{count:>8} {validate_s:>10.1f} {build_s:>8.1f} {build_mb:>8.0f} {pagefind_s:>10.1f} {output_mb:>9.1f} "
                f"{largest / 1e3:>10.0f} {search.first / 1e3:>9.0f} {search.later / 1e3:>8.0f} "
                f"{ref_s:>6.1f} {build_s / ref_s:>9.1f}"
            )
            print(f"{'':>8} largest page: {largest_page}")


if __name__ == "__main__":
    main()
