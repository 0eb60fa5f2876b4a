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
    scratch = tmp_path / "scratch"  # the preview's temporary folder goes here
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "innokatalog.cli", "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch)},
    )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=10)


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_serve_rebuilds_on_change_and_survives_a_broken_entry(server) -> None:
    project, base, _ = server
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
    _, base, _ = server
    _wait_for(f"{base}/", lambda html: "<html" in html, 120)
    for path, lang in (("/no-such-page/", "sv"), ("/en/no-such-page/", "en")):
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(base + path, timeout=5)
        assert raised.value.code == 404
        body = raised.value.read().decode("utf-8")
        assert f'<html lang="{lang}"' in body, f"{path}: not the site's {lang} 404 page"


def test_a_stopped_preview_leaves_no_worker_and_no_temporary_folder(server) -> None:
    """`kill` (SIGTERM), as a test runner or an editor stops it, ends the language workers too."""
    project, base, process = server
    _wait_for(f"{base}/", lambda html: "<html" in html, 120)
    workers = _children(process.pid)
    assert len(workers) >= 2, f"expected a worker per language, found {workers}"
    assert any((project / "scratch").iterdir()), "the preview keeps its build in a temporary folder"
    process.terminate()
    assert process.wait(timeout=20) == 0
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived the preview"
    assert not any((project / "scratch").iterdir()), "the temporary folder was left behind"


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
