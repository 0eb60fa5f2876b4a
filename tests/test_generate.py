"""Generate: the page tree each engine is handed, and the preview's partial rebuild."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import markdown
import yaml

from innokatalog.build import project_settings
from innokatalog.engines import PASSTHROUGH
from innokatalog.engines.passthrough import MARKER
from innokatalog.generate import Generator, PageFile, Sources, page_file, split_language
from innokatalog.serve import Preview

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


def test_preview_rewrites_only_the_changed_entry_and_the_pages_that_show_it(tmp_path: Path) -> None:
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
    shutil.rmtree(preview.folder)
