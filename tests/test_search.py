"""Search indexing (hooks/build/search.py) on small hand-written sites: what is indexed, per language, and
what a failure says. The real site's index is checked in test_site.py, the search itself in a browser
(test_browser.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hooks.build.search import SearchIndexError, index_language, index_parts, index_site
from pagefind_index import entry, indexed_pages

PAGE = """<!doctype html><html lang="{language}"><head><title>{title}</title></head><body>
<nav>Navigatie Navigation</nav>
<article><div data-pagefind-body><h1 id="top">{title}<a class="headerlink" href="#top">¶</a></h1>
<p>{text}</p><section data-pagefind-ignore="all"><h2 id="repeated">Herhaald</h2><p>herhaling</p></section>
</div></article></body></html>"""


def write_page(site: Path, path: str, language: str, title: str, text: str, body: bool = True) -> None:
    html = PAGE.format(language=language, title=title, text=text)
    if not body:
        html = html.replace(" data-pagefind-body", "")
    target = site / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


def test_each_language_folder_gets_an_index_of_its_marked_articles_only(tmp_path: Path) -> None:
    write_page(tmp_path, "nl/samenwerken", "nl", "Samenwerken", "Je werkt samen met collega's.")
    write_page(tmp_path, "nl/oud", "nl", "Doorverwijzing", "Deze pagina is verhuisd.", body=False)
    # A page in the Dutch folder is indexed as Dutch, whatever its lang says (an untranslated page).
    write_page(tmp_path, "nl/niet-vertaald", "fr", "Décider", "Vous décidez.")
    write_page(tmp_path, "fr/collaborer", "fr", "Collaborer", "Vous collaborez avec vos collègues.")
    runs = index_site(tmp_path, ["nl", "fr"])
    assert [run.language for run in runs] == ["nl", "fr"] and all(run.seconds > 0 for run in runs)
    assert list(entry(tmp_path, "nl")["languages"]) == ["nl"]
    assert list(entry(tmp_path, "fr")["languages"]) == ["fr"]
    dutch = indexed_pages(tmp_path, "nl")
    assert [page.url for page in dutch] == ["/niet-vertaald/", "/samenwerken/"]
    assert [page.url for page in indexed_pages(tmp_path, "fr")] == ["/collaborer/"]
    samenwerken = dutch[1]
    assert samenwerken.meta["title"] == "Samenwerken" and samenwerken.headings == ["Samenwerken"]
    assert "collega's" in samenwerken.content
    for left_out in ("Navigatie", "¶", "herhaling", "Herhaald"):
        assert left_out not in samenwerken.content


def test_a_missing_language_folder_is_named(tmp_path: Path) -> None:
    write_page(tmp_path, "nl", "nl", "Start", "Welkom.")
    with pytest.raises(SearchIndexError, match=r"/fr: no such folder to index for language 'fr'"):
        index_site(tmp_path, ["nl", "fr"])


def test_a_failing_indexer_says_which_language_and_what_it_printed(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'cannot read the site' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    write_page(tmp_path, "nl", "nl", "Start", "Welkom.")
    with pytest.raises(SearchIndexError, match=r"could not index the 'nl' pages \(exit status 3\):\ncannot read"):
        index_site(tmp_path, ["nl"])


def test_a_large_language_is_indexed_in_parts_that_the_page_searches_together(tmp_path: Path) -> None:
    for group in ("a", "b", "c"):
        for number in (1, 2):
            write_page(tmp_path, f"nl/{group}/{number}", "nl", f"Pagina {group}{number}", "Tekst.")
    write_page(tmp_path, "nl", "nl", "Start", "Welkom.")
    run = index_language(tmp_path, "nl", part_pages=3)
    # In order of their names, a folder whole.
    assert run.parts == 3 and index_parts(tmp_path / "nl", 3) == [["a/**/*.html"], ["b/**/*.html"],
                                                                   ["c/**/*.html", "index.html"]]
    assert json.loads((tmp_path / "nl" / "pagefind" / "parts.json").read_text(encoding="utf-8")) == [
        "pagefind-2", "pagefind-3"]
    parts = [[page.url for page in indexed_pages(tmp_path, "nl", bundle)]
             for bundle in ("pagefind", "pagefind-2", "pagefind-3")]
    assert parts == [["/a/1/", "/a/2/"], ["/b/1/", "/b/2/"], ["/", "/c/1/", "/c/2/"]]
    # Only the pages Pagefind indexes count: a folder of unmarked pages (the interview kits) makes no part.
    for number in range(1, 5):
        write_page(tmp_path, f"nl/kits/{number}", "nl", f"Kit {number}", "Vragen.", body=False)
    assert index_parts(tmp_path / "nl", 3) == [["a/**/*.html"], ["b/**/*.html"], ["c/**/*.html", "index.html"]]
    # Where no page is marked, Pagefind indexes every page, and every page counts.
    unmarked = tmp_path / "unmarked"
    for number in range(1, 5):
        write_page(unmarked, f"{number}", "nl", f"Pagina {number}", "Tekst.", body=False)
    assert index_parts(unmarked, 3) == [["1/**/*.html", "2/**/*.html", "3/**/*.html"], ["4/**/*.html"]]
    shutil.rmtree(tmp_path / "nl" / "kits")
    # Indexed again in one part: the other parts' bundles go.
    assert index_language(tmp_path, "nl").parts == 1
    assert not list((tmp_path / "nl").glob("pagefind-*"))
    assert json.loads((tmp_path / "nl" / "pagefind" / "parts.json").read_text(encoding="utf-8")) == []
    assert len(indexed_pages(tmp_path, "nl")) == 7
