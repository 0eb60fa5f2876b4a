"""`catalogue serve`: a real server on loopback that rebuilds on change and survives a bad save."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
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
    shutil.rmtree(tmp_path / "site" / "news")  # the shipped posts name shipped entries
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
    broken = _wait_for(page, lambda html: "senaste fungerande versionen" in html, 60)
    assert "Öppna labbet" in broken
    assert "must be one of planned, active, closed (got &#x27;aktiv&#x27;)" in broken
    english = _fetch(f"{base}/en/testbeds/t1/")
    assert "this is the last good version" in english and "senaste fungerande" not in english


def test_serve_answers_a_missing_page_with_the_sites_404_in_its_language(server) -> None:
    _, base = server
    _wait_for(f"{base}/", lambda html: "<html" in html, 120)
    for path, lang in (("/no-such-page/", "sv"), ("/en/no-such-page/", "en")):
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(base + path, timeout=5)
        assert raised.value.code == 404
        body = raised.value.read().decode("utf-8")
        assert f'<html lang="{lang}"' in body, f"{path}: not the site's {lang} 404 page"


def test_serve_on_a_port_in_use_says_so_and_exits_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "innokatalog.cli", "serve", "--port", str(port)],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert f"port {port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr
