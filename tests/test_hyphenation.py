"""Soft hyphens in the long words of headings (hooks/site/hyphenation.py), in each text's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hooks.site.hyphenation import SOFT_HYPHEN, hyphenate_headings, hyphenated
from pagefind_index import indexed_pages
from soup import one


def test_long_words_of_headings_get_soft_hyphens_where_dutch_breaks_them() -> None:
    page = '<html lang="nl"><h1 id="t">Toegankelijkheidsverklaring</h1><p>Toegankelijkheidsverklaring</p></html>'
    assert hyphenate_headings(page) == (
        '<html lang="nl"><h1 id="t">Toe\xadgan\xadke\xadlijk\xadheids\xadver\xadkla\xadring</h1>'
        "<p>Toegankelijkheidsverklaring</p></html>")


@pytest.mark.parametrize(("html", "expected"), [
    # Each text in its own language: a French title on a Dutch page takes French patterns.
    ('<h2 lang="fr">Téléchargements</h2>', f'<h2 lang="fr">Télé{SOFT_HYPHEN}char{SOFT_HYPHEN}ge{SOFT_HYPHEN}ments</h2>'),
    # Short words, code and attributes are left alone.
    ("<h2>Samen werken</h2>", "<h2>Samen werken</h2>"),
    ("<h3><code>competentiewoordenboek</code></h3>", "<h3><code>competentiewoordenboek</code></h3>"),
    ('<h3 title="Competentiewoordenboek">x</h3>', '<h3 title="Competentiewoordenboek">x</h3>'),
    # A language without patterns is left as it is.
    ('<h1 lang="x-none">Competentiewoordenboek</h1>', '<h1 lang="x-none">Competentiewoordenboek</h1>'),
])
def test_only_long_words_in_heading_prose_in_a_known_language(html: str, expected: str) -> None:
    assert hyphenate_headings(html, "nl") == expected


def test_a_page_is_hyphenated_in_its_article_in_the_page_language_and_left_alone_around_it() -> None:
    page = ('<!doctype html><html class="no-js" lang="fr"><head><title>Téléchargements</title></head><body>'
            '<nav><h2>Téléchargements</h2></nav><article class="md-content__inner"><h1>Téléchargements</h1>'
            '<div lang="nl"><h2>Toegankelijkheidsverklaring</h2></div></article></body></html>')
    before = page.partition("<article")[0]
    hyphenated_page = hyphenate_headings(page, "nl")
    assert hyphenated_page.startswith(before) and hyphenated_page.endswith("</article></body></html>")
    assert f"<h1>Télé{SOFT_HYPHEN}char{SOFT_HYPHEN}ge{SOFT_HYPHEN}ments</h1>" in hyphenated_page
    assert "Toe\xadgan\xadke\xadlijk\xadheids\xadver\xadkla\xadring" in hyphenated_page


def test_hyphenating_twice_changes_nothing_more() -> None:
    once = hyphenate_headings("<h1>Competentiewoordenboek</h1>", "nl")
    assert SOFT_HYPHEN in once and hyphenate_headings(once, "nl") == once
    assert hyphenated("Competentiewoordenboek", "nl").replace(SOFT_HYPHEN, "") == "Competentiewoordenboek"


@pytest.mark.parametrize(("language", "path"), [("nl", "accessibility"), ("fr", "downloads")])
def test_the_built_titles_are_hyphenated_and_search_indexed_whole_words(real_site: Path, language: str,
                                                                        path: str) -> None:
    soup = BeautifulSoup((real_site / language / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    title = one(soup, "article h1").get_text()
    assert SOFT_HYPHEN in title
    assert SOFT_HYPHEN not in one(soup, "title").get_text()
    indexed = next(page for page in indexed_pages(real_site, language) if page.url.endswith(f"/{path}/"))
    assert SOFT_HYPHEN not in indexed.meta["title"] + indexed.content + "".join(indexed.headings)
    assert title.replace(SOFT_HYPHEN, "").removesuffix("¶") == indexed.meta["title"]
