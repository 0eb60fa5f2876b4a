"""Listing pages: a kind's entries, or those with one facet value, cut into static pages.

Page 1 keeps the listing's own address (`testbeds/`, `testbeds/kind/living-lab/`); page n is
`<listing>page/<n>/`. No page grows with the catalogue: each holds at most `PAGE_SIZE` cards and a
bounded row of page links.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from .facets import LISTING_FACETS

PAGE_SIZE = 24
PAGE_SEGMENT = "page"
T = TypeVar("T")


def reserved_ids(kind: str) -> frozenset[str]:
    """Ids an entry of `kind` cannot have: its page would take the address of a listing page."""
    return frozenset({PAGE_SEGMENT, *LISTING_FACETS[kind]})


def paginate(items: Sequence[T], size: int = PAGE_SIZE) -> list[Sequence[T]]:
    """`items` in pages of at most `size`; an empty listing is one empty page."""
    return [items[start : start + size] for start in range(0, len(items), size)] or [items[:0]]


def page_url(listing_url: str, number: int) -> str:
    """The directory URL of page `number` (from 1) of the listing at `listing_url`."""
    return listing_url if number == 1 else f"{listing_url}{PAGE_SEGMENT}/{number}/"


def page_window(current: int, total: int, around: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last and `around` either side of `current`; None for a gap."""
    shown = sorted({1, total, *range(max(1, current - around), min(total, current + around) + 1)})
    window: list[int | None] = []
    for number in shown:
        if window and number - (window[-1] or 0) > 1:
            window.append(None)
        window.append(number)
    return window
