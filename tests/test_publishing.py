"""Publishing on GitHub Pages under a sub-path: the deploy workflow's own step sets the address, the build follows.

The step is taken from .github/workflows/deploy.yml and run as the workflow runs it, on a copy of the
project, with the address actions/configure-pages gives a project site. The built site must then link
everything, the 404 page included, below that sub-path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from innokatalog.build import build_site

from .conftest import PROJECT

PAGES_URL = "https://user.github.io/katalog"  # configure-pages gives base_url without the final slash


def deploy_step_script() -> str:
    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in workflow["jobs"]["build"]["steps"] if "PAGES_URL" in s.get("env", {})]
    return step["run"]


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("pages-project")
    for name in ("catalogue", "schema", "site"):
        shutil.copytree(PROJECT / name, project / name)
    shutil.copy2(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    subprocess.run(
        ["bash", "-euo", "pipefail", "-c", deploy_step_script()],
        cwd=project,
        env={**os.environ, "PAGES_URL": PAGES_URL},
        check=True,
    )
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["site_url"] == PAGES_URL + "/"
    return build_site(project, project / "public")


def test_the_404_page_loads_its_styles_from_the_sub_path(project_site: Path) -> None:
    html = (project_site / "404.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="([^"]*assets/[^"]*)"', html)
    assert assets, "the 404 page links no styles or scripts"
    assert all(url.startswith("/katalog/") for url in assets), assets


def test_feeds_and_open_data_name_the_pages_address(project_site: Path) -> None:
    feed = (project_site / "feed.xml").read_text(encoding="utf-8")
    assert f'href="{PAGES_URL}/feed.xml"' in feed
    assert "catalogue.example.org" not in feed
    assert PAGES_URL + "/" in (project_site / "data" / "dcat.rdf").read_text(encoding="utf-8")


def test_a_real_site_url_is_left_alone(tmp_path: Path) -> None:
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    placeholder = re.search(r"^site_url: .*$", config, re.MULTILINE).group(0)
    (tmp_path / "mkdocs.yml").write_text(
        config.replace(placeholder, "site_url: https://testbaddar.example.org/")
    )
    subprocess.run(
        ["bash", "-euo", "pipefail", "-c", deploy_step_script()],
        cwd=tmp_path,
        env={**os.environ, "PAGES_URL": PAGES_URL},
        check=True,
    )
    assert "site_url: https://testbaddar.example.org/\n" in (tmp_path / "mkdocs.yml").read_text(
        encoding="utf-8"
    )
