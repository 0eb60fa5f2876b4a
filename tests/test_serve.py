"""`catalogue serve`: a real server on loopback that rebuilds on change and survives a bad save."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .mini import MINI, PROJECT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, condition, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _fetch(url)
            if condition(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show the change within {seconds} s; last page:\n{last[:500]}")


@pytest.fixture
def server(tmp_path: Path):
    for folder in ("schema", "site"):
        shutil.copytree(PROJECT / folder, tmp_path / folder)
    shutil.copy(PROJECT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(MINI, tmp_path / "catalogue")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "innokatalog.cli", "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_rebuilds_on_change_and_survives_a_broken_entry(server) -> None:
    project, base = server
    page = f"{base}/testbeds/t1/"
    assert "OpenLab" in _wait_for(page, lambda html: "OpenLab" in html, 120)

    entry = project / "catalogue/testbeds/t1.yml"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("sv: OpenLab", "sv: Öppna labbet"), encoding="utf-8"
    )
    _wait_for(page, lambda html: "Öppna labbet" in html, 60)

    entry.write_text(
        entry.read_text(encoding="utf-8").replace("status: active", "status: aktiv"), encoding="utf-8"
    )
    broken = _wait_for(page, lambda html: "last good version" in html, 60)
    assert "Öppna labbet" in broken
    assert "must be one of planned, active, closed (got &#x27;aktiv&#x27;)" in broken
