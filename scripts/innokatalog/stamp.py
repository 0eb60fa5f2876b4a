"""Layouts: generated pages that share a frame are built once by the engine, then stamped.

At 5,000 testbeds an engine spent about 20 s a language putting the same frame (header, menu,
breadcrumbs, footer) around 8,000 finished pages, which differ in the frame only by a few slots:
title, description, structured data, content and the page's own address. So the pages of one
layout (same section, same depth, the same optional parts) are replaced in the engine's tree by
one shell page whose slots hold markers, and after the engine has run, each page is written as the
shell's HTML with its own values in the slots. The theme prints these values as they are (generate
escapes them), so a stamped page is byte for byte the page the engine would have built;
`tests/test_stamp.py` builds the site both ways, with both engines, to hold that true.

Only generated pages below a section are stamped. Hand-written pages, the sections' own pages and
pages in the configured navigation go through the engine as they are. Pages a hand-written page
links to as `.md` are stamped and also left in the tree, for the engine to resolve those links.

Stamping also keeps the pages' own relative links as they were written. Zensical 0.0.73 reads links
in a page `a/b.md` as relative to the folder `a/` although the page's address is `a/b/`, and so
moves them one level up: on the pages it builds itself, `../sibling/` becomes a broken link.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown.util import BLOCK_LEVEL_ELEMENTS

from .generate import Content, PageFile, url_of

_MD_LINK = re.compile(r"[^\s()\[\]<>\"'`=]+\.md\b")
_FIRST_TAG = re.compile(r"^\s*<\/?([^ >]+)")
_VALUE_KEYS = ("title", "description", "catalogue_jsonld")  # the slots besides content and address


class StampError(Exception):
    """A shell the engine should have built is missing."""


def _slot(name: str) -> str:
    """A marker no page holds by chance (entry ids have no `__`)."""
    return f"__catalogue-slot-{name}__"


@dataclass
class Layout:
    """One shell page the engine builds, and the pages stamped from its HTML."""

    number: str  # from the layout's key, so a layout keeps its shell from one build to the next
    section: str
    depth: int
    has_h1: bool
    pages: list[tuple[str, PageFile]] = field(default_factory=list)  # (url, page)

    @property
    def segments(self) -> list[str]:
        """The shell's address below its section: one marker per segment of a page's address."""
        return [_slot(f"{self.number}-{index}") for index in range(1, self.depth)]

    @property
    def shell_url(self) -> str:
        return "/".join([self.section, *self.segments]) + "/"

    @property
    def shell_path(self) -> str:
        return self.shell_url.removesuffix("/") + ".md"

    @property
    def content_slot(self) -> str:
        # A comment, so that Python-Markdown hands it through as a block, as it does the pages'
        # content (see `starts_as_block`). An engine heads content that has no <h1> with the title
        # (Material's `content.html`), so the marker carries one where the layout's pages have theirs.
        return f"<!--{_slot(f'{self.number}-content')}-->" + ("<h1>" if self.has_h1 else "")

    def value_slot(self, key: str) -> str:
        return _slot(f"{self.number}-{key}")

    def shell(self, url_meta: Callable[[str], dict[str, Any]]) -> PageFile:
        """The shell: the first page's keys, markers for its values, its address-bound keys for the
        shell's address (`url_meta`), and a marker for the content."""
        meta = {**self.pages[0][1].meta, **url_meta(self.shell_url)}
        for key in _VALUE_KEYS:
            if key in meta:
                meta[key] = self.value_slot(key)
        return PageFile(meta, self.content_slot)

    def stamp(self, shell_html: str, url: str, page: PageFile) -> str:
        """The page at `url`: the shell's HTML with the page's values in its slots, in one pass."""
        values = dict(zip(self.segments, url.strip("/").split("/")[1:], strict=True))
        values.update({self.value_slot(key): str(page.meta[key]) for key in _VALUE_KEYS if key in page.meta})
        values[self.content_slot] = page.body.rstrip()  # as Python-Markdown hands it through
        pattern = re.compile("|".join(re.escape(key) for key in sorted(values, key=len, reverse=True)))
        return pattern.sub(lambda match: values[match[0]], shell_html)


def starts_as_block(html: str) -> bool:
    """Whether Python-Markdown hands `html` through as a block, not wrapped in a paragraph."""
    match = _FIRST_TAG.match(html)
    return match is not None and (match[1][0] in "!?@%" or match[1].lower() in BLOCK_LEVEL_ELEMENTS)


def linked_pages(files: Mapping[str, Content]) -> set[str]:
    """The `.md` files that hand-written pages link to, as paths below the docs folder."""
    linked = set()
    for path, content in files.items():
        if path.endswith(".md") and isinstance(content, str):
            folder = posixpath.dirname(path)
            for target in _MD_LINK.findall(content):
                linked.add(posixpath.normpath(posixpath.join(folder, target)))
    return linked


def plan(
    files: dict[str, Content], url_meta: Callable[[str], dict[str, Any]], keep: Iterable[str] = ()
) -> list[Layout]:
    """Take the stampable pages out of `files`, put one shell per layout in, return the layouts.

    `url_meta` gives the meta keys that depend on a page's address (the other language's link);
    `keep` names paths the engine must build itself (the navigation's pages).
    """
    keep = set(keep)
    linked = linked_pages(files)  # stamped too, but left for the engine to resolve the links to them
    layouts: dict[tuple[Any, ...], Layout] = {}
    for path, content in list(files.items()):
        if not isinstance(content, PageFile) or path in keep or not starts_as_block(content.body):
            continue
        url = url_of(path)
        section, *rest = url.strip("/").split("/")
        if not rest:
            continue
        has_h1 = "<h1" in content.body
        bound = url_meta(url)
        others = tuple(
            sorted((k, v) for k, v in content.meta.items() if k not in _VALUE_KEYS and k not in bound)
        )
        key = (section, len(rest) + 1, has_h1, tuple(k in content.meta for k in _VALUE_KEYS), others)
        if key not in layouts:
            number = hashlib.blake2b(repr(key).encode(), digest_size=4).hexdigest()
            layouts[key] = Layout(number, section, len(rest) + 1, has_h1)
        layouts[key].pages.append((url, content))
        if path not in linked:
            del files[path]
    for layout in layouts.values():
        files[layout.shell_path] = layout.shell(url_meta)
    return list(layouts.values())


def engine_urls(files: Mapping[str, Content], layouts: Iterable[Layout]) -> list[str]:
    """The addresses of the pages in `files` that the engine builds as themselves (not shells, and
    not pages stamped over it)."""
    layouts = list(layouts)
    stamped = {url for layout in layouts for url, _ in layout.pages}
    shells = {layout.shell_path for layout in layouts}
    urls = (url_of(path) for path in files if path.endswith(".md") and path not in shells)
    return [url for url in urls if url not in stamped]


def remove_stale_shells(docs_dir: Path, layouts: Iterable[Layout]) -> None:
    """Take out of a kept docs folder (the preview's) the shells of layouts this build has no pages
    for, or the engine would build them as pages of their own."""
    current = {layout.shell_path for layout in layouts}
    for path in docs_dir.rglob(f"{_slot('*')}.md"):
        if path.relative_to(docs_dir).as_posix() not in current:
            path.unlink()


def stamped_pages(layouts: Iterable[Layout], site_dir: Path) -> Iterator[tuple[str, str, PageFile]]:
    """Every layout's pages as (address, HTML, page), from the shells the engine wrote into
    `site_dir`; the shells are taken out of it first."""
    layouts = list(layouts)
    shells = {}
    for layout in layouts:
        shell = site_dir / layout.shell_url / "index.html"
        if not shell.is_file():
            raise StampError(f"the site engine did not build the page frame {layout.shell_path}")
        shells[layout.number] = shell.read_text(encoding="utf-8")
    for layout in layouts:
        shutil.rmtree(site_dir / layout.section / layout.segments[0], ignore_errors=True)
    for layout in layouts:
        for url, page in layout.pages:
            yield url, layout.stamp(shells[layout.number], url, page), page
