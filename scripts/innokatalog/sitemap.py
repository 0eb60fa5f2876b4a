"""The sitemap of one language's tree: every page's address, for crawlers.

Written by the build after the engine has run, over the engine's own: the engine sees only the
pages it builds itself (see `stamp`), while this lists every page the tree has.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterable
from xml.sax.saxutils import escape


def sitemap_files(urls: Iterable[str], root_url: str, lastmod: dt.date) -> dict[str, bytes]:
    """`sitemap.xml` and its gzipped copy for the pages at `urls` (below `root_url`)."""
    day = lastmod.isoformat()
    rows = "".join(
        f"<url><loc>{escape(root_url + url)}</loc><lastmod>{day}</lastmod></url>\n"
        for url in sorted(set(urls))
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</urlset>\n'
    ).encode()
    return {"sitemap.xml": xml, "sitemap.xml.gz": gzip.compress(xml, mtime=0)}
