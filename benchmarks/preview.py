"""Preview benchmark: from saving one entry to the browser showing the change, at 1,000 testbeds.

Prints figures; asserts nothing (the target is 2 s). It writes the realistic catalogue of the
build benchmark (entries.py) into a temporary copy of the project, starts `catalogue serve` on a
free port, opens the entry's page in headless Chromium (Debian's `chromium`), and then, several
times, changes the entry's Swedish name in its YAML file and times how long the open page takes to
show the new name: the preview's rebuild plus MkDocs' live reload, as a person would see it.

    .venv/bin/python benchmarks/preview.py                 # 1000 testbeds, 5 saves
    .venv/bin/python benchmarks/preview.py --testbeds 200 --saves 3
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import BIN, ENV, copy_project  # noqa: E402
from entries import write_catalogue  # noqa: E402
from search_bytes import CHROMIUM_ARGS  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_site(url: str, server: subprocess.Popen[bytes], timeout: float = 900) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"catalogue serve stopped with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--testbeds", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="preview-bench-") as temp:
        root = Path(temp) / "project"
        root.mkdir()
        copy_project(root)
        write_catalogue(root, args.testbeds)
        entry = next(iter(sorted((root / "catalogue" / "testbeds").glob("*.yml"))))
        port = free_port()
        started = time.perf_counter()
        server = subprocess.Popen(
            [str(BIN / "catalogue"), "serve", "--port", str(port)],
            cwd=root,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/testbeds/{entry.stem}/"
            wait_for_site(url, server)
            print(
                f"{args.testbeds} testbeds: first whole build and serve: {time.perf_counter() - started:.1f} s"
            )
            times = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                page.goto(url)
                text = entry.read_text(encoding="utf-8")
                name_line = next(line for line in text.splitlines() if line.strip().startswith("sv:"))
                for save in range(1, args.saves + 1):
                    marker = f"Sparad {save}"
                    changed = text.replace(name_line, f"{name_line} {marker}", 1)
                    # A person saves again after looking: by then the previous save's search index
                    # and open data, which follow in the background, are done.
                    time.sleep(8)
                    saved = time.perf_counter()
                    entry.write_text(changed, encoding="utf-8")
                    page.wait_for_function(
                        "marker => document.querySelector('h1') && document.querySelector('h1').textContent.includes(marker)",
                        arg=marker,
                        timeout=120_000,
                    )
                    times.append(time.perf_counter() - saved)
                    print(f"  save {save}: the page showed the change after {times[-1]:.2f} s")
                browser.close()
            print(f"median from save to the changed page: {statistics.median(times):.2f} s (target: 2 s)")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
