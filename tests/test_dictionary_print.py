"""The dictionary printed to PDF in Chromium: a title page, a table of contents, one competency per page.

Headless Debian Chromium prints /<lang>/dictionary/ as a person's "Save as PDF" would (print media,
docs/assets/stylesheets/print.css); pypdf reads the PDF back. The PDF is tagged, so Chromium writes an
outline from the headings, which tells on which page, and how high on it, every competency starts.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from hooks.model import Model
from hooks.source.load import load_model

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr")
#: A competency's heading starts its page: it lies in the top quarter of the page, below at most the
#: heading and description of its group.
TOP_SHARE = 0.75


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(PROJECT / "model", PROJECT)


def squeezed(text: str) -> str:
    """Text without whitespace: PDF text extraction breaks lines and spaces where the layout did."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", params=LANGUAGES)
def printed(request: pytest.FixtureRequest, browser: Any, site_url: str) -> tuple[str, Any, list[str]]:
    """(language, the PDF read by pypdf, the navigation texts the screen shows around the dictionary)."""
    from pypdf import PdfReader

    language: str = request.param
    # A page of its own context: closing the page closes the context, so nothing stays behind in the
    # browser that the whole run shares.
    page = browser.new_page()
    try:
        page.set_default_timeout(15_000)
        response = page.goto(f"{site_url}{language}/dictionary/", wait_until="load")
        assert response is not None and response.ok
        chrome: list[str] = page.evaluate("""() => {
          const article = document.querySelector("article").innerText;
          const texts = [...document.querySelectorAll(".md-nav__link, .md-footer, .md-copyright, .md-header__topic")]
            .map(element => element.innerText.trim()).filter(text => text && !article.includes(text));
          texts.push(document.querySelector(".cm-search__open").textContent.trim());
          return texts;
        }""")
        # Tagged, so that Chromium writes the outline: the page of every heading.
        pdf: bytes = page.pdf(prefer_css_page_size=True, tagged=True, outline=True)
    finally:
        page.close()
    return language, PdfReader(io.BytesIO(pdf)), chrome


def outline_entries(reader: Any) -> list[tuple[str, int, float]]:
    """Every heading of the PDF's outline, in order: (title, 0-based page, height of its top on the page)."""
    entries = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                entries.append((str(item.title), reader.get_destination_page_number(item), float(item.top)))

    walk(reader.outline)
    return entries


def test_every_competency_is_printed_with_a_title_page_and_contents_first(
        printed: tuple[str, Any, list[str]], model: Model) -> None:
    language, reader, _ = printed
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= len(model.competencies) + 2
    text = squeezed(" ".join(pages))
    missing = [c.id for c in model.competencies if squeezed(c.name.values[language]) not in text]
    assert not missing, f"competencies missing from the printed dictionary: {missing}"
    for competency in model.competencies:
        for entry in competency.levels:
            for indicator in entry.indicators.values[language]:
                assert squeezed(indicator) in text, (competency.id, entry.level.id)
    assert squeezed(model.title.values[language]) in squeezed(pages[0]), "the title page names the model"
    contents = squeezed(pages[1])
    assert all(squeezed(c.name.values[language]) in contents for c in model.competencies), "the contents list all"
    assert not any(squeezed(entry.indicators.values[language][0]) in contents
                   for c in model.competencies for entry in c.levels), "the contents page holds no competency"


def test_each_competency_starts_its_own_page(printed: tuple[str, Any, list[str]], model: Model) -> None:
    language, reader, _ = printed
    names = [c.name.values[language] for c in model.competencies]
    starts = [(page, top) for title, page, top in outline_entries(reader) if title in names]
    assert len(starts) == len(names), "every competency heading is in the PDF's outline"
    start_pages = [page for page, _ in starts]
    assert start_pages == sorted(set(start_pages)), f"two competencies share a page: {start_pages}"
    assert start_pages[0] >= 2, "the competencies follow the title page and the contents"
    for name, (page, top) in zip(names, starts):
        height = float(reader.pages[page].mediabox.height)
        assert top > height * TOP_SHARE, f"{name} starts low on page {page + 1}, after other content"


def test_pages_are_numbered_except_the_title_page(printed: tuple[str, Any, list[str]]) -> None:
    _, reader, _ = printed
    total = len(reader.pages)
    texts = [page.extract_text() for page in reader.pages]

    def numbered(text: str, number: int) -> bool:
        return re.search(rf"(?<!\d){number}\s*/\s*{total}(?!\d)", text) is not None

    assert not numbered(texts[0], 1)
    for number, text in enumerate(texts[1:], start=2):
        assert numbered(text, number), f"page {number} has no page number"


def test_no_navigation_is_printed(printed: tuple[str, Any, list[str]]) -> None:
    _, reader, chrome = printed
    assert len(chrome) >= 5, f"the screen shows navigation around the dictionary: {chrome}"
    text = squeezed(" ".join(page.extract_text() for page in reader.pages))
    shown = [piece for piece in chrome if squeezed(piece) in text]
    assert not shown, f"navigation, search or footer text printed: {shown}"
