"""The browser tests again on another model: 5 groups, 21 competencies, 8 levels and three languages.

The five-groups fixture (tests/fixtures/make_five_groups.py) differs from the real model in every
count, and its German is half translated, so its pages mix German with Dutch marked as such. A
representative subset of test_browser.py runs on it: axe-core on every page type in German in both
colour schemes (and on the model picture and overview table, whose colours and widths depend on the
counts, in every language), no sideways scrolling on a phone and on a desktop, the overview table
scrolled by keyboard, and the language switch across the three languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_support import DESKTOP, PHONE, BrowserSession, axe_source, served
from hooks.model import Model
from hooks.site.render import competency_path
from hooks.source.load import load_model
from test_browser import (
    PAGE_WIDTHS,
    assert_no_violations,
    heading,
    open_search,
    page_path,
    printed_pages,
    squeezed,
    switch_language,
    url_path,
)

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "five-groups"
LANGUAGES = ("nl", "fr", "de")
PAGE_TYPES = ("home", "model", "group", "competency", "levels", "at-a-glance", "dictionary", "about", "profiles",
              "profile", "level-view", "competency-kit", "profile-kit", "self-assessment")
#: The pages whose layout and colours follow the model's counts: checked in every language and scheme.
COUNTED_PAGES = ("model", "at-a-glance")


@pytest.fixture(scope="module")
def fixture_model() -> Model:
    return load_model(FIXTURE / "model", FIXTURE)


@pytest.fixture(scope="module")
def axe_script() -> str:
    return axe_source()[0]


@pytest.fixture
def fixture_session(browser: Any, five_groups_site: Path) -> Iterator[BrowserSession]:
    with served(five_groups_site) as url:
        opened = BrowserSession(browser, url)
        yield opened
        opened.close()


AXE_CASES = sorted({(page_type, "de", scheme) for page_type in PAGE_TYPES for scheme in ("light", "dark")}
                   | {(page_type, language, scheme) for page_type in COUNTED_PAGES for language in LANGUAGES
                      for scheme in ("light", "dark")})


@pytest.mark.parametrize(("page_type", "language", "scheme"), AXE_CASES)
def test_axe_finds_no_wcag_violation_on_another_model(fixture_session: BrowserSession, fixture_model: Model,
                                                      axe_script: str, page_type: str, language: str,
                                                      scheme: str) -> None:
    path = page_path(page_type, fixture_model, language)
    page = fixture_session.open(path, color_scheme=scheme)
    assert_no_violations(page, axe_script, f"five-groups /{path} ({scheme})")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_of_another_model_scrolls_sideways(fixture_session: BrowserSession, fixture_model: Model,
                                                   viewport: dict[str, int]) -> None:
    page = fixture_session.open("", viewport=viewport)
    too_wide = []
    for path in [page_path(page_type, fixture_model, language) for language in LANGUAGES for page_type in PAGE_TYPES]:
        fixture_session.goto(page, path)
        widths = page.evaluate(PAGE_WIDTHS)
        if widths[0] > widths[1]:
            too_wide.append(f"/{path}: {widths[0]} px")
    assert not too_wide, f"wider than {viewport['width']} px: {too_wide}"


def test_the_overview_table_of_eight_levels_scrolls_by_keyboard_in_its_named_region(
        fixture_session: BrowserSession, fixture_model: Model) -> None:
    page = fixture_session.open(page_path("at-a-glance", fixture_model, "nl"))
    region = page.locator(".cm-glance").first
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    name = page.locator(f"#{region.get_attribute('aria-labelledby')}").inner_text().removesuffix("¶").strip()
    assert name == fixture_model.groups[0].name.values["nl"]
    assert region.evaluate("element => element.scrollWidth > element.clientWidth"), "eight levels should not fit"
    region.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert region.evaluate("element => element.scrollLeft") > 0
    # The competency column stays in view while the levels scroll past.
    first_cell = page.locator(".cm-glance tbody td").first
    assert first_cell.bounding_box()["x"] >= region.bounding_box()["x"] - 1


def test_the_language_switch_goes_round_three_languages(fixture_session: BrowserSession, fixture_model: Model) -> None:
    translated = next(c for c in fixture_model.competencies if "de" in c.name.values)
    untranslated = next(c for c in fixture_model.competencies if "de" not in c.name.values)
    path = url_path(competency_path(translated))
    page = fixture_session.open(f"nl/{path}")
    for name, language in (("Deutsch", "de"), ("Français", "fr"), ("Nederlands", "nl")):
        switch_language(page, name)
        assert page.url == f"{fixture_session.site_url}{language}/{path}"
        assert page.locator("html").get_attribute("lang") == language
        assert heading(page) == translated.name.values[language]
    # A German page whose title is not translated yet shows the Dutch one, marked as Dutch.
    fixture_session.goto(page, f"de/{url_path(competency_path(untranslated))}")
    assert page.locator("article h1 [lang=nl]").inner_text().replace("\u00ad", "") == untranslated.name.values["nl"]


def test_search_results_mark_titles_not_yet_translated(fixture_session: BrowserSession, fixture_model: Model) -> None:
    untranslated = next(c for c in fixture_model.competencies if "de" not in c.name.values)
    page = fixture_session.open("de/")
    open_search(page, untranslated.name.values["nl"])
    titles = page.locator(".pagefind-ui__result-title .pagefind-ui__result-link")
    marked = {str(link.inner_text()): link.get_attribute("lang") for link in titles.all()}
    assert marked[untranslated.name.values["nl"]] == "nl", marked
    # The pages' titles: Dutch ones are marked, German ones are not. (A section heading inside a page,
    # shown below its page's result, is marked only when it is a page's title too.)
    pages = page.locator(".pagefind-ui__result-title:not(.pagefind-ui__result-nested *) .pagefind-ui__result-link")
    page_titles = {str(link.inner_text()): link.get_attribute("lang") for link in pages.all()}
    assert page_titles, marked
    for title, language in page_titles.items():
        assert language == ("nl" if title.startswith(("Competentie", "Groep")) else None), page_titles


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_a_competency_kit_printed_after_choosing_a_level_prints_that_level_only(
        fixture_session: BrowserSession, fixture_model: Model, language: str) -> None:
    competency = fixture_model.competencies[0]  # the one with follow-up questions and behaviours below each level
    chosen = competency.levels[2]
    page = fixture_session.open(page_path("competency-kit", fixture_model, language))
    page.locator(f".cm-kit__chooser a[href='#{chosen.level.id}']").click()
    assert page.url.endswith(f"#{chosen.level.id}")
    pages = printed_pages(page)
    printed = "".join(pages)
    for number, text in enumerate(pages, start=1):
        assert squeezed(f"{number} / {len(pages)}") in text and fixture_model.version in text
        assert squeezed(competency.name.values[language]) in text
    for entry in competency.levels:
        expected = entry is chosen
        for text in (*entry.indicators.values[language], *entry.below_level.values[language]):  # type: ignore[union-attr]
            assert (squeezed(text) in printed) == expected, (entry.level.id, text)
    assert competency.hr_use.follow_up_questions is not None
    for _, questions in competency.hr_use.follow_up_questions.steps():
        assert all(squeezed(question) in printed for question in questions.values[language])
    assert squeezed(competency.hr_use.selection_questions.values[language][0]) in printed
    # Without a chosen level, every level prints.
    fixture_session.goto(page, page_path("competency-kit", fixture_model, language))
    printed = "".join(printed_pages(page))
    assert all(squeezed(entry.indicators.values[language][0]) in printed for entry in competency.levels)
