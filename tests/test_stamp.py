"""Stamped pages are the pages the engine would have built, byte for byte.

The shipped catalogue is built twice with MkDocs, once with stamping and once with the engine
building every page, and every HTML file is compared. The planning itself is checked on small
trees: which pages share a shell, and which stay with the engine.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from innokatalog import stamp
from innokatalog.build import build_site
from innokatalog.generate import PageFile, alternate_meta

from .browser_support import PROJECT

# Pagefind names its index metadata by a hash that differs from run to run (see test_index), and
# the search pages name that file.
INDEX_METADATA = re.compile(rb"pagefind\.[a-z]+_[0-9a-f]+\.pf_meta")


def html_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): INDEX_METADATA.sub(
            b"pagefind.(metadata).pf_meta", path.read_bytes()
        )
        for path in site.rglob("*.html")
        if "pagefind" not in path.parts
    }


def test_a_stamped_site_is_the_engines_site_byte_for_byte(tmp_path: Path) -> None:
    """Both built here, one after the other: pages such as the accessibility statement show what the
    browser tests recorded so far, so a build from earlier in the run is no fair comparison."""
    site = build_site(PROJECT, tmp_path / "stamped")
    stamped = html_files(site)
    by_engine = html_files(build_site(PROJECT, tmp_path / "engine", stamping=False))
    assert by_engine.keys() == stamped.keys(), f"pages differ: {sorted(by_engine.keys() ^ stamped.keys())}"
    differ = [path for path in by_engine if by_engine[path] != stamped[path]]
    assert not differ, f"{len(differ)} of {len(by_engine)} pages differ, e.g. {differ[:5]}"
    sitemaps = {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("sitemap*.xml")}
    left = [path for path, text in {**stamped, **sitemaps}.items() if b"__catalogue-slot" in text]
    assert len(sitemaps) >= 4 and not left, f"shell addresses left: {left[:3]}"


def entry(title: str, body: str = '<article class="entry"><h1>T</h1></article>', **meta: str) -> PageFile:
    return PageFile(
        {"title": title, "description": f"About {title}", **meta, **alternate_meta("x/", "sv")}, body
    )


def url_meta(url: str) -> dict[str, str]:
    return alternate_meta(url, "sv")


def test_pages_of_one_section_and_depth_share_one_shell() -> None:
    files: dict[str, object] = {
        "testbeds/a.md": entry("A"),
        "testbeds/b.md": entry("B"),
        "testbeds/page/2.md": entry("Page 2"),
        "projects/c.md": entry("C"),
    }
    layouts = stamp.plan(files, url_meta)  # type: ignore[arg-type]
    assert sorted((layout.section, layout.depth, len(layout.pages)) for layout in layouts) == [
        ("projects", 2, 1),
        ("testbeds", 2, 2),
        ("testbeds", 3, 1),
    ]
    assert sorted(files) == sorted(layout.shell_path for layout in layouts), "the pages left for the shells"
    shell = files[next(layout.shell_path for layout in layouts if layout.depth == 3)]
    assert isinstance(shell, PageFile) and "A" not in shell.meta["title"]


def test_what_the_engine_must_build_itself_stays_in_the_tree() -> None:
    handwritten = "See [the report](innovationsbokslut/2024.md) and [news](news/index.md)."
    files: dict[str, object] = {
        "index.md": handwritten,
        "testbeds/index.md": entry("Testbeds"),  # a section's own page
        "innovationsbokslut/2024.md": entry("Report 2024"),  # linked from a hand-written page
        "testbeds/inline.md": entry("Inline", body="plain words first"),  # Markdown would wrap it
        "units/nav.md": entry("In the nav"),
    }
    layouts = stamp.plan(files, url_meta, keep=["units/nav.md"])  # type: ignore[arg-type]
    assert {"index.md", "testbeds/index.md", "testbeds/inline.md", "units/nav.md"} <= files.keys()
    assert "innovationsbokslut/2024.md" in files, "a linked page stays for the engine to resolve links"
    assert [url for layout in layouts for url, _ in layout.pages] == ["innovationsbokslut/2024/"]
    assert sorted(stamp.engine_urls(files, layouts)) == ["", "testbeds/", "testbeds/inline/", "units/nav/"]


def test_a_stamp_fills_every_slot_and_leaves_the_rest() -> None:
    files: dict[str, object] = {"testbeds/a.md": entry("A &amp; B", catalogue_jsonld='{"@id": "a"}')}
    (layout,) = stamp.plan(files, url_meta)  # type: ignore[arg-type]
    shell = files[layout.shell_path]
    assert isinstance(shell, PageFile)
    frame = (
        f'<title>{shell.meta["title"]}</title><meta content="{shell.meta["description"]}">'
        f'<script>{shell.meta["catalogue_jsonld"]}</script><a href="{shell.meta["catalogue_alternate"]}">'
        f"<main>{shell.body}</main>"
    )
    url, page = layout.pages[0]
    html = layout.stamp(frame, url, page)
    assert html == (
        '<title>A &amp; B</title><meta content="About A &amp; B"><script>{"@id": "a"}</script>'
        '<a href="../../en/testbeds/a/"><main><article class="entry"><h1>T</h1></article></main>'
    )


@pytest.mark.parametrize(
    "body, block", [("<div>x</div>", True), ("<!-- c -->", True), ("x <b>y</b>", False), ("<b>y</b>", False)]
)
def test_only_content_markdown_hands_through_whole_is_stamped(body: str, block: bool) -> None:
    assert stamp.starts_as_block(body) is block
