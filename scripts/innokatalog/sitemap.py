"""The sitemap of one language's tree: every page's address, for crawlers.

Written by the build after the engine has run, over the engine's own: the engine sees only the
pages it builds itself (see `stamp`), while this lists every page the tree has.

`sitemap.xml` is a sitemap index that names the files holding the addresses (at most 50,000 each,
the protocol's limit). Material's script fetches `sitemap.xml` on every page that has a
`<link rel="alternate">` (the news feed's), so the index keeps that fetch to a few hundred bytes
where a list of every page would be about 600 kB at 5,000 testbeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from xml.sax.saxutils import escape

URLS_PER_FILE = 50_000
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_PROLOGUE = '<?xml version="1.0" encoding="UTF-8"?>\n'


def sitemap_files(urls: Iterable[str], root_url: str, lastmod: dt.date) -> dict[str, bytes]:
    """`sitemap.xml` (the index) and `sitemap-N.xml` for the pages at `urls` (below `root_url`)."""
    day = escape(lastmod.isoformat())
    addresses = sorted(set(urls))
    parts = [addresses[start : start + URLS_PER_FILE] for start in range(0, len(addresses), URLS_PER_FILE)]
    files: dict[str, bytes] = {}
    for number, part in enumerate(parts or [[]], start=1):
        rows = "".join(
            f"<url><loc>{escape(root_url + url)}</loc><lastmod>{day}</lastmod></url>\n" for url in part
        )
        files[f"sitemap-{number}.xml"] = (
            f'{_PROLOGUE}<urlset xmlns="{_NAMESPACE}">\n{rows}</urlset>\n'.encode()
        )
    listed = "".join(
        f"<sitemap><loc>{escape(root_url + name)}</loc><lastmod>{day}</lastmod></sitemap>\n" for name in files
    )
    files["sitemap.xml"] = (
        f'{_PROLOGUE}<sitemapindex xmlns="{_NAMESPACE}">\n{listed}</sitemapindex>\n'.encode()
    )
    return files
