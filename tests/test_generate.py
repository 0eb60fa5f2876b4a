"""Generate: the page tree each engine is handed, and the preview's partial rebuild."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from innokatalog.build import Workspace, project_settings
from innokatalog.engines import PASSTHROUGH, EngineJob
from innokatalog.engines.passthrough import MARKER
from innokatalog.generate import Generator, PageFile, Sources, page_file, split_language
from innokatalog.serve import Preview, PreviewWorkspace

from .mini import MINI, PROJECT, mini_catalogue, schemas


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def generator(lang: str, pages: dict[str, str] | None = None) -> Generator:
    sources = Sources(pages or {}, {})
    return Generator(
        mini_catalogue(), schemas(), sources, lang, "https://x.example.org/", dt.date(2026, 12, 1)
    )


def test_language_of_a_page_comes_from_its_suffix() -> None:
    assert split_language("om.en.md") == ("om.md", "en")
    assert split_language("news/a.md") == ("news/a.md", "sv")


def test_front_matter_survives_quotes_colons_and_newlines() -> None:
    meta = {"title": 'A "quoted": title', "description": "line one\nline two"}
    assert front_matter(page_file(meta, "body")) == meta


def test_every_entry_has_a_finished_page_with_its_meta_in_each_language() -> None:
    for lang in ("sv", "en"):
        tree = generator(lang).tree()
        for item in mini_catalogue().all():
            page = tree.files[f"{item.url.rstrip('/')}.md"]
            assert isinstance(page, PageFile)
            text = page.text()
            meta = front_matter(text)
            assert meta["catalogue_lang"] == lang and "catalogue_jsonld" in meta
            assert text.split("---\n", 2)[2].startswith(MARKER)
        assert tree.settings["language"] == lang


def test_handwritten_pages_keep_their_language_and_get_live_parts() -> None:
    pages = {"index.md": "---\ntitle: Start\n---\nHej <!-- catalogue:figures -->", "index.en.md": "Hello"}
    swedish = generator("sv", pages).tree().files
    english = generator("en", pages).tree().files
    assert (
        'class="catalogue-figures"' in swedish["index.md"]
        and front_matter(swedish["index.md"])["title"] == "Start"
    )
    assert "Hello" in english["index.md"] and "Hej" not in english["index.md"]


def test_finished_html_is_handed_through_markdown_unchanged() -> None:
    html = '<article data-x="1">\n<p>*not emphasis* &amp; <b>bold</b></p>\n\n<p>two</p>\n</article>'
    converted = markdown.markdown(f"{MARKER}\n{html}", extensions=[PASSTHROUGH, "md_in_html"])
    assert converted == html
    assert markdown.markdown("*yes*", extensions=[PASSTHROUGH]) == "<p><em>yes</em></p>"


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "standing-workers"])
def test_preview_rewrites_only_the_changed_entry_and_the_pages_that_show_it(
    tmp_path: Path, workers: bool
) -> None:
    project = tmp_path / "project"
    for name in ("schema", "site"):
        shutil.copytree(PROJECT / name, project / name)
    shutil.rmtree(project / "site" / "news")  # the shipped posts name shipped entries
    shutil.copy(PROJECT / "mkdocs.yml", project)
    shutil.copytree(MINI, project / "catalogue")
    first = project / "catalogue" / "testbeds" / "t1.yml"
    second = first.with_name("t2.yml")  # another testbed: nothing on its page is about t1
    second.write_text(first.read_text(encoding="utf-8").replace("id: t1", "id: t2"), encoding="utf-8")
    preview = Preview(project, project_settings(project))
    assert preview.rebuild() == "Built the whole site"
    if workers:
        preview.start_workers()
    pages = {path: path.stat().st_mtime_ns for path in preview.site.rglob("index.html")}

    testbed = mini_catalogue().find("testbed", "t1")
    unrelated = [preview.site / "testbeds/t2/index.html", preview.site / "en/testbeds/t2/index.html"]
    source = project / "catalogue" / "testbeds" / f"{testbed.id}.yml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("sv: OpenLab", "sv: Ändrat labb"), encoding="utf-8"
    )
    assert preview.rebuild().startswith("Rebuilt")
    preview._wait_for_index()

    changed = preview.site / testbed.url / "index.html"
    assert "Ändrat labb" in changed.read_text(encoding="utf-8")
    for page in unrelated:
        assert page.stat().st_mtime_ns == pages[page], f"{page} was rebuilt though nothing it shows changed"
    listing = preview.site / "testbeds/index.html"
    assert "Ändrat labb" in listing.read_text(encoding="utf-8"), "the listing shows the new name"
    shells = [path for path in preview.site.rglob("*") if "__catalogue-slot" in path.name]
    assert not shells, f"page frames left in the served site: {shells[:3]}"
    assert (preview.workers is not None) == workers, "a standing worker died during the rebuild"
    preview.close()
    assert not preview.folder.exists()


@pytest.mark.parametrize("kind", ["build", "preview"])
def test_each_language_gets_its_own_engine_config(tmp_path: Path, kind: str) -> None:
    """The languages build at once: one shared config file let one language's engine build the other's
    docs (the preview's rebuild then failed now and then, on a busy machine)."""
    workspace = Workspace(tmp_path) if kind == "build" else PreviewWorkspace(tmp_path, tmp_path / "site")
    jobs = [
        EngineJob(PROJECT / "mkdocs.yml", workspace.docs(lang), workspace.output(lang), {})
        for lang in ("sv", "en")
    ]
    assert len({job.config_path for job in jobs}) == 2
    assert all(
        job.config_path.parent != workspace.output(lang) for job, lang in zip(jobs, ("sv", "en"), strict=True)
    )
