"""Page parking: a converted page's HTML kept compressed until MkDocs writes the page.

MkDocs builds in two passes: it converts every page's Markdown to HTML first (so that every title
and table of contents is known), then writes each page with its template. Between the two, it held
every page's Markdown and HTML: most of a large model's build memory (well over a gigabyte per
language at 14,000 competencies). Once a page is converted, its HTML is "parked", compressed with
zlib (HTML shrinks about sixfold), and its Markdown let go; the page gets its HTML back just
before it is written. A page is parked when the next one starts (MkDocs sets page.content from the
last on_page_content's return value, so it cannot be done there), and the last one on on_env,
which MkDocs sends between the two passes.
"""

from __future__ import annotations

import zlib

from mkdocs.structure.pages import Page

PARKED = "_competency_model_parked_html"


class PageParking:
    """The page converted last, waiting to be parked, and how to park and unpark a page."""

    def __init__(self) -> None:
        self._converted: list[Page] = []

    def page_starts(self, page: Page) -> None:
        """Park the page converted before this one; this one waits for the next."""
        self.park_converted_page()
        self._converted.append(page)

    def park_converted_page(self) -> None:
        """Park the page converted last, if it has HTML to park."""
        while self._converted:
            page = self._converted.pop()
            if page.content is None:
                continue
            page.title = page.title  # worked out from the Markdown on every read otherwise
            setattr(page, PARKED, zlib.compress(page.content.encode("utf-8"), 1))
            page.content = None
            page.markdown = None


def unpark(page: Page) -> None:
    """Give a parked page its HTML back; a page that is not parked is left as it is."""
    parked = getattr(page, PARKED, None)
    if parked is not None:
        page.content = zlib.decompress(parked).decode("utf-8")
        delattr(page, PARKED)
