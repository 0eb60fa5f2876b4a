"""A Python-Markdown extension: a page whose body starts with the marker is finished HTML.

Generated pages are HTML already (rendered and sanitised by `render`). Parsing them again as
Markdown's raw HTML is the largest part of an engine's time per page and can change nothing, so
the body is handed through whole. Both engines run Python-Markdown with the configured extensions.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

MARKER = "<!-- catalogue:finished-html -->"


class FinishedHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not lines or lines[0].strip() != MARKER:
            return lines
        return [self.md.htmlStash.store("\n".join(lines[1:]))]


class PassthroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After `normalize_whitespace` (30), which would strip the stash's placeholder markers,
        # and before `html_block` (20), which would parse the HTML.
        md.preprocessors.register(FinishedHtml(md), "catalogue_finished_html", 25)


def makeExtension(**kwargs: object) -> PassthroughExtension:  # noqa: N802 - Python-Markdown's name
    return PassthroughExtension(**kwargs)
