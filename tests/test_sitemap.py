"""The sitemap: an index of files of at most 50,000 addresses each, every page once."""

from __future__ import annotations

import datetime as dt
import re

from innokatalog import sitemap


def locs(xml: bytes) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", xml.decode())


def test_the_index_names_files_that_hold_every_address_once(monkeypatch) -> None:
    monkeypatch.setattr(sitemap, "URLS_PER_FILE", 2)
    files = sitemap.sitemap_files(["b/", "a/", "c/", "a/", ""], "https://x.example/en/", dt.date(2026, 12, 1))
    assert locs(files["sitemap.xml"]) == [f"https://x.example/en/sitemap-{n}.xml" for n in (1, 2)]
    listed = [loc for name in ("sitemap-1.xml", "sitemap-2.xml") for loc in locs(files[name])]
    assert listed == [
        "https://x.example/en/",
        "https://x.example/en/a/",
        "https://x.example/en/b/",
        "https://x.example/en/c/",
    ]
    assert b"<lastmod>2026-12-01</lastmod>" in files["sitemap-1.xml"]


def test_addresses_are_escaped() -> None:
    files = sitemap.sitemap_files(["a&b/"], "https://x.example/", dt.date(2026, 12, 1))
    assert locs(files["sitemap-1.xml"]) == ["https://x.example/a&amp;b/"]
