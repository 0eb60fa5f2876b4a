"""Lighthouse benchmark: the four scores of every page template at Lighthouse's mobile settings.

Prints figures; asserts nothing (the target is at least 95 for performance and 100 for the rest). It
builds the shipped site (or takes `--site` as built), serves it on 127.0.0.1 and runs npm's
`lighthouse` with Debian's Chromium on home, a listing, an entry of each kind, the chooser, search,
news, the yearly report, a hand-written page and the 404 page, in both languages.

    .venv/bin/python benchmarks/lighthouse.py            # uses `lighthouse` on PATH, else `npx lighthouse@12`
    .venv/bin/python benchmarks/lighthouse.py --site public --only sv --runs 1

`--gzip` serves text files gzip-compressed, as a production static host or CDN does (Python's own
server, the default here, sends every file as it is, which Lighthouse reports as "Enable text
compression").

Scores move by a few points from run to run on a busy machine, so each page is run `--runs` times
(default 3) and the median of each score is printed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class _Gzip(_Quiet):
    """Text files gzip-compressed for a client that accepts it, as a static host serves them."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")

    def send_head(self) -> io.BytesIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def lighthouse_command() -> list[str]:
    found = shutil.which("lighthouse")
    return [found] if found else ["npx", "--yes", "lighthouse@12"]


def scores(url: str, chromium: str) -> dict[str, int | None]:
    """One Lighthouse run (its default: a mid-range phone on a throttled connection)."""
    result = subprocess.run(
        [
            *lighthouse_command(),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-path={chromium}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(f"  lighthouse failed on {url}: {result.stderr.strip()[-300:]}", file=sys.stderr)
        return dict.fromkeys(CATEGORIES)
    report = json.loads(result.stdout)
    return {
        name: (
            round(report["categories"][name]["score"] * 100)
            if report["categories"][name]["score"] is not None
            else None
        )
        for name in CATEGORIES
    }


def median_scores(url: str, chromium: str, runs: int) -> dict[str, int | None]:
    """The median of each score over `runs` runs (runs that failed are left out)."""
    found = [scores(url, chromium) for _ in range(runs)]
    return {
        name: (round(statistics.median(values)) if values else None)
        for name in CATEGORIES
        for values in [[run[name] for run in found if run[name] is not None]]
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, help="an already built site (default: build the shipped one)")
    parser.add_argument("--only", choices=["sv", "en"], help="one language only")
    parser.add_argument(
        "--gzip", action="store_true", help="serve text files compressed, as a static host does"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per page; the median is printed (default 3)"
    )
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium was not found on PATH (apt-get install chromium)")

    from tests.browser_support import LANGUAGE_ROOTS
    from tests.test_layout_browser import template_pages

    with tempfile.TemporaryDirectory() as scratch:
        if args.site:
            site = args.site.resolve()
        else:
            from innokatalog.build import build_site

            site = build_site(PROJECT, Path(scratch) / "public")
        handler = functools.partial(_Gzip if args.gzip else _Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        languages = [args.only] if args.only else list(LANGUAGE_ROOTS)
        print(f"{'page':<48} " + " ".join(f"{name[:13]:>13}" for name in CATEGORIES))
        try:
            for lang in languages:
                for path in template_pages(site):
                    page = LANGUAGE_ROOTS[lang] + path
                    found = median_scores(base + page, chromium, args.runs)
                    print(
                        f"/{page:<47} " + " ".join(f"{str(found[name]):>13}" for name in CATEGORIES),
                        flush=True,
                    )
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
