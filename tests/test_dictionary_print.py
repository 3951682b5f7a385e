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
          // Without the soft hyphens that the build puts in the headings' long words (hooks/site/hyphenation.py).
          const article = document.querySelector("article").innerText.replace(/\u00ad/g, "");
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
                title = str(item.title).replace("\u00ad", "")  # the headings' soft hyphens
                entries.append((title, reader.get_destination_page_number(item), float(item.top)))

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


def _labels(language: str) -> Any:
    from hooks.source.labels import load_labels

    return load_labels(PROJECT / "docs", list(LANGUAGES), "nl", PROJECT)[language]


def test_no_page_ends_with_a_heading_and_every_level_keeps_its_indicators(
        printed: tuple[str, Any, list[str]], model: Model) -> None:
    """A heading is never the last thing on a page; "Niveau 4" starts on the page where its indicators start."""
    language, reader, _ = printed
    labels = _labels(language)
    levels = {squeezed(labels.format("level_heading", number=index, name=level.name.values[language])): level
              for index, level in enumerate(model.levels, start=1)}
    sections = {squeezed(labels[key]) for key in (
        "what_it_means", "key_aspects", "this_means", "this_does_not_mean", "indicators", "digital", "leadership",
        "development", "on_the_job", "with_others", "learning", "reflection_questions", "hr_use",
        "selection_questions", "evaluation_objectives", "related")}
    ending: list[tuple[int, str]] = []
    # The levels themselves close the dictionary, each with its description only.
    last = next(index for index, page in enumerate(reader.pages)
                if squeezed(labels["levels_title"]) in [squeezed(line) for line in page.extract_text().splitlines()]
                and index > 1)
    for number, page in enumerate(reader.pages[:last], start=1):
        # The last line of the page's own text; the page number (n / N) is printed in the margin below it.
        lines = [squeezed(line) for line in page.extract_text().splitlines() if squeezed(line)]
        lines = [line for line in lines if not re.fullmatch(r"\d+/\d+", line)]
        if lines and (lines[-1] in sections or lines[-1] in levels):
            ending.append((number, lines[-1]))
        for line_number, line in enumerate(lines):
            if line in levels:
                description = squeezed(levels[line].description.values[language])
                rest = "".join(lines[line_number + 1:])
                assert rest.startswith(description[:40]), (number, line, "its description is not below it")
                assert len(rest) > len(description), (number, line, "its indicators start on the next page")
    assert not ending, f"pages that end with a heading: {ending}"


def test_the_title_page_reads_as_a_document_title_page(printed: tuple[str, Any, list[str]], model: Model) -> None:
    language, reader, _ = printed
    labels = _labels(language)
    title_page = reader.pages[0].extract_text()
    for text in (labels["dictionary_title"], model.title.values[language], model.maintainer.values[language],
                 model.version):
        assert squeezed(text) in squeezed(title_page), text
    # The paper reader is not told to print, nor sent to a download: the screen keeps those.
    assert not re.search(r"afdruk|druk het af|imprim|navigat|browser|\.pdf|download|télécharg", title_page,
                         re.IGNORECASE), title_page
