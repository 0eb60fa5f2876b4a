"""Index: the search bundle made from search documents is the one Pagefind makes from whole pages.

Pagefind numbers pages in the order its threads finish them, so its filter and metadata files
differ from run to run; the fragments (each page's text, title, kind and filters) and the word
index chunks are named by their content, and those are compared.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from innokatalog import index

from .browser_support import built_site


def content_named_files(bundle: Path) -> set[str]:
    return {
        path.relative_to(bundle).as_posix()
        for folder in ("fragment", "index")
        for path in (bundle / folder).iterdir()
    }


def page_counts(bundle: Path) -> dict[str, int]:
    entry = json.loads((bundle / index.ENTRY_FILE).read_text(encoding="utf-8"))
    return {lang: data["page_count"] for lang, data in entry["languages"].items()}


def test_search_documents_give_the_bundle_pagefind_makes_from_whole_pages(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    site = built_site(tmp_path_factory)
    whole = tmp_path / "site"
    shutil.copytree(site, whole, ignore=shutil.ignore_patterns(index.BUNDLE))
    subprocess.run(
        [sys.executable, "-m", "pagefind", *index.PAGEFIND_OPTIONS, "--site", str(whole)],
        check=True,
        capture_output=True,
    )
    ours, theirs = site / index.BUNDLE, whole / index.BUNDLE
    assert page_counts(ours) == page_counts(theirs) and set(page_counts(ours)) == {"sv", "en"}
    missing, extra = (
        content_named_files(theirs) - content_named_files(ours),
        content_named_files(ours) - content_named_files(theirs),
    )
    assert not missing and not extra, (
        f"fragments or index chunks differ: {sorted(missing)[:3]} / {sorted(extra)[:3]}"
    )


def test_a_search_document_keeps_language_title_and_content_only() -> None:
    page = '<html lang="en" class="x"><head><title>Lab - Site</title><link rel="stylesheet"></head><body><header>menu</header><main>x</main></body></html>'
    content = "<article data-pagefind-body><h1>Lab</h1></article>"
    document = index.search_document(page, content)
    assert document == (
        '<!doctype html><html lang="en" class="x"><head><meta charset="utf-8"><title>Lab - Site</title></head>'
        "<body><article data-pagefind-body><h1>Lab</h1></article></body></html>"
    )


def test_only_searchable_pages_get_a_search_document(tmp_path: Path) -> None:
    assert not index.write_search_document(tmp_path, "testbeds/page/2/", "<html>", "<ul>cards</ul>")
    assert index.write_search_document(
        tmp_path, "om/", '<html lang="sv"><div data-pagefind-body>Om</div></html>'
    )
    assert (tmp_path / "om" / "index.html").read_text(encoding="utf-8").startswith('<html lang="sv">')
    assert not (tmp_path / "testbeds").exists()


def test_each_search_page_preloads_its_languages_index_metadata(site_dir: Path) -> None:
    entry = json.loads((site_dir / index.BUNDLE / index.ENTRY_FILE).read_text(encoding="utf-8"))
    for lang, root in (("sv", site_dir), ("en", site_dir / "en")):
        page = root / "sok" / "index.html"
        links = re.findall(r'<link rel="preload" href="([^"]+\.pf_meta)"', page.read_text(encoding="utf-8"))
        assert links == [
            f"{'../' * (1 + (lang == 'en'))}pagefind/pagefind.{entry['languages'][lang]['hash']}.pf_meta"
        ]
        assert (page.parent / links[0]).resolve().is_file(), f"{lang}: the preloaded file is not there"


def test_a_search_page_without_an_index_loses_the_preload_link(tmp_path: Path) -> None:
    page = tmp_path / "sok" / "index.html"
    page.parent.mkdir()
    page.write_text(
        f'<head>\n<link rel="preload" href="../pagefind/{index.METADATA_PLACEHOLDER}" as="fetch" crossorigin>\n'
        "<title>Sök</title>",
        encoding="utf-8",
    )
    index.preload_metadata(tmp_path, {"sv": page})
    assert page.read_text(encoding="utf-8") == "<head>\n<title>Sök</title>"


def fragments(bundle: Path) -> dict[str, dict]:
    """Pagefind's record of each indexed page (its text, title, filters) by the page's address."""
    found = {}
    for path in (bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data.removeprefix(b"pagefind_dcd"))
        found[record["url"]] = record
    return found


def test_code_examples_on_hand_written_pages_are_not_indexed(site_dir: Path) -> None:
    records = fragments(site_dir / index.BUNDLE)
    for url, heading in (("/bidra/", "Förhandsgranska"), ("/en/bidra/", "Preview")):
        content = records[url]["content"]
        assert heading in content, f"{url} is not indexed as it should be"
        for example in ("yaml-language-server", "[yaml-unquoted-colon]", "related: [testbeds/openlab]"):
            assert example not in content, f"{url}: a code example is indexed ({example})"


def test_a_later_run_names_the_new_index_metadata(tmp_path: Path) -> None:
    """A preview runs Pagefind again after each change, over a search page already named."""
    page = tmp_path / "sok" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<link rel="preload" href="../pagefind/pagefind.sv_0123abc.pf_meta" as="fetch" crossorigin>\n'
    )
    (tmp_path / index.BUNDLE).mkdir()
    (tmp_path / index.BUNDLE / index.ENTRY_FILE).write_text('{"languages": {"sv": {"hash": "sv_4567def"}}}')
    index.preload_metadata(tmp_path, {"sv": page})
    assert (
        page.read_text()
        == '<link rel="preload" href="../pagefind/pagefind.sv_4567def.pf_meta" as="fetch" crossorigin>\n'
    )


def search_folders(root: Path) -> list[Path]:
    """A language's folder of search documents each for Swedish and English, two pages each."""
    folders = []
    for lang, prefix in (("sv", ""), ("en", "en/")):
        folder = root / f"search-{lang}"
        for name in ("labbet", "verkstaden"):
            page = f'<html lang="{lang}"><title>{name}</title><article data-pagefind-body>{name} {lang}</article></html>'
            index.write_search_document(folder, f"{prefix}{name}/", page)
        folders.append(folder)
    return folders


@pytest.mark.parametrize("discard", [True, False])
def test_a_build_deletes_the_search_documents_once_pagefind_has_read_them(
    tmp_path: Path, discard: bool
) -> None:
    """A build keeps nothing of them; a preview keeps them for its next run."""
    folders = search_folders(tmp_path)
    index.index_site(tmp_path / "site", folders, discard_documents=discard)
    assert page_counts(tmp_path / "site" / index.BUNDLE) == {"sv": 2, "en": 2}
    assert [folder.exists() for folder in folders] == [not discard, not discard]


def test_pagefind_says_when_it_has_read_every_page(tmp_path: Path) -> None:
    """The build deletes the search documents on this signal; a Pagefind that no longer gives it fails here."""
    folder = search_folders(tmp_path)[0]
    output = tmp_path / "site" / index.BUNDLE
    signalled: list[bool] = []
    assert (
        index.run_pagefind(folder, output, lambda: signalled.append((output / index.ENTRY_FILE).exists()))
        is None
    )
    assert signalled == [False], "called once, before Pagefind wrote its bundle"
    assert (output / index.ENTRY_FILE).is_file()


def test_a_failed_pagefind_run_is_reported_with_what_it_printed(tmp_path: Path) -> None:
    folder = search_folders(tmp_path)[0]
    (tmp_path / "site").write_text("a file where the bundle's folder should go")
    with pytest.raises(index.SearchIndexError, match="Pagefind failed"):
        index.index_site(tmp_path / "site", [folder], discard_documents=True)
