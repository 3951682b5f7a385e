"""Tier 3: the level views and the interview kits in real builds of the real site and of the five-groups fixture.

The five-groups fixture's first competency has follow-up questions and behaviours below each level;
its other competencies have neither, as the real model had none when the kits came: both kinds of
kit are checked here. Printing is checked in a browser (tests/test_browser_kits.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import Tag
from markupsafe import Markup

from hooks.model import Model
from hooks.site.render import (
    INTERVIEW_KITS,
    LEVELS,
    competency_kit_path,
    competency_path,
    css_string,
    level_view_part_path,
    level_view_path,
    page_url,
    profile_kit_path,
    site_pages,
)
from hooks.source.load import load_model
from soup import attr, one
from test_site import article_text, page

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE = PROJECT / "tests" / "fixtures" / "five-groups"
LANGUAGES = ("nl", "fr")
STEPS = {"nl": ["Situatie", "Taak", "Actie", "Resultaat"], "fr": ["Situation", "Tâche", "Action", "Résultat"]}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(PROJECT / "model", PROJECT)


@pytest.fixture(scope="module")
def fixture_model() -> Model:
    return load_model(FIXTURE / "model", FIXTURE, ("nl", "fr", "de"))


def link_target(from_path: str, href: str) -> str:
    """The address, inside the language folder, that a link on the page of ``from_path`` leads to."""
    return urljoin("/" + page_url(from_path), href).lstrip("/")


def plain(text: str) -> str:
    """Text with the spaces of French typography (no-break, narrow no-break) as plain ones, collapsed."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def headings(soup: Tag, selector: str) -> list[str]:
    return [element.get_text(" ", strip=True).replace("\u00ad", "") for element in soup.select(selector)]


# --- Paths and the printed header (no build) ------------------------------------------------------------

def test_the_level_views_and_kits_have_their_agreed_paths(model: Model) -> None:
    level, competency, profile = model.levels[2], model.competencies[0], model.profiles[0]
    assert level_view_path(level) == f"levels/{level.id}.md"
    assert level_view_part_path(level, competency.group) == f"levels/{level.id}/{competency.group.id}.md"
    assert competency_kit_path(competency) == f"interview-kits/competencies/{competency.id}.md"
    assert profile_kit_path(profile) == f"interview-kits/profiles/{profile.id}.md"
    paths = [page.path for page in site_pages(model)]
    assert INTERVIEW_KITS in paths and all(level_view_path(other) in paths for other in model.levels)
    assert not [path for path in paths if path.count("/") == 2 and path.startswith("levels/")]  # no parts


def test_a_title_becomes_a_css_string_that_cannot_end_its_style() -> None:
    # A label or model text comes as HTML: its tags go, its character references are characters again.
    assert css_string(Markup("Kit &amp; <em>co</em> &quot;x&quot; &lt;/style&gt;")) == \
        '"Kit \\26  co \\22 x\\22  \\3c /style\\3e "'
    assert css_string('a\\b"c\nd') == '"a\\5c b\\22 c d"'


# --- Level views ------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_a_level_view_shows_that_levels_indicators_of_every_competency_grouped_like_the_model(
        real_site: Path, model: Model, language: str) -> None:
    for position, level in enumerate(model.levels):
        path = level_view_path(level)
        soup = page(real_site, language, path)
        assert headings(soup, "article h2") == [group.name.values[language] for group in model.groups]
        competencies = soup.select("article h3")
        assert [attr(h3, "id") for h3 in competencies] == [c.id for g in model.groups for c in model.competencies_in(g)]
        for h3, competency in zip(competencies, (c for g in model.groups for c in model.competencies_in(g))):
            assert link_target(path, attr(one(h3, "a"), "href")) == f"{page_url(competency_path(competency))}#{level.id}"
            indicator_list = h3.find_next_sibling("ul")
            assert isinstance(indicator_list, Tag)
            listed = [li.get_text(" ", strip=True) for li in indicator_list.select("li")]
            indicators = next(entry.indicators for entry in competency.levels if entry.level == level)
            assert [" ".join(text.split()) for text in listed] == list(indicators.values[language])
        others = {link.get_text(strip=True): link_target(path, attr(link, "href")) for link in soup.select(".cm-level-nav a")}
        assert page_url(LEVELS) in others.values()
        expected = {page_url(level_view_path(model.levels[other]))
                    for other in (position - 1, position + 1) if 0 <= other < len(model.levels)}
        assert expected == set(others.values()) - {page_url(LEVELS)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_levels_page_and_every_level_of_a_competency_page_link_the_level_view(
        real_site: Path, model: Model, language: str) -> None:
    levels = page(real_site, language, LEVELS)
    assert [link_target(LEVELS, attr(a, "href")) for a in levels.select("article .cm-level-view-link a")] == [
        page_url(level_view_path(level)) for level in model.levels]
    for competency in model.competencies:
        path = competency_path(competency)
        soup = page(real_site, language, path)
        assert [link_target(path, attr(a, "href")) for a in soup.select("article .cm-level-view-link a")] == [
            f"{page_url(level_view_path(level))}#{competency.id}" for level in model.levels]
        kit = [link_target(path, attr(a, "href")) for a in soup.select("article .cm-kit-link a")]
        assert kit == [page_url(competency_kit_path(competency))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_navigation_lists_the_level_views_below_the_levels_page_and_the_kits(
        real_site: Path, model: Model, language: str) -> None:
    soup = page(real_site, language, level_view_path(model.levels[0]))
    active = one(soup, "nav.md-nav--primary a.md-nav__link--active")
    assert active.get_text(strip=True).replace("\u00ad", "") == one(soup, "article h1").get_text(strip=True).replace("\u00ad", "")
    kit = page(real_site, language, competency_kit_path(model.competencies[0]))
    assert one(kit, "nav.md-nav--primary a.md-nav__link--active").get_text(strip=True)


# --- Interview kits ------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kits_index_explains_and_lists_every_kit(real_site: Path, model: Model, language: str) -> None:
    soup = page(real_site, language, INTERVIEW_KITS)
    targets = [link_target(INTERVIEW_KITS, attr(a, "href")) for a in soup.select("article li a")]
    assert targets == [*(page_url(profile_kit_path(profile)) for profile in model.profiles),
                       *(page_url(competency_kit_path(c)) for g in model.groups for c in model.competencies_in(g))]
    assert len(soup.select("article ol li")) == 5  # how to use a kit, step by step
    assert "STAR" in article_text(soup)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_leaves_the_kits_out_and_finds_their_index(real_site: Path, model: Model, language: str) -> None:
    """A kit repeats its competency's page and, shorter, would rank above it: search indexes the kits' index only."""
    kits = [competency_kit_path(c) for c in model.competencies] + [profile_kit_path(p) for p in model.profiles]
    for path in kits:
        assert not page(real_site, language, path).select("[data-pagefind-body]"), path
    for path in (INTERVIEW_KITS, *(competency_path(c) for c in model.competencies)):
        assert page(real_site, language, path).select("[data-pagefind-body]"), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_competency_kit_has_its_questions_and_a_section_per_level_with_its_indicators(
        real_site: Path, model: Model, language: str) -> None:
    for competency in model.competencies:
        soup = page(real_site, language, competency_kit_path(competency))
        text = article_text(soup)
        for question in competency.hr_use.selection_questions.values[language]:
            assert " ".join(question.split()) in text
        sections = soup.select("article section.cm-kit__level")
        assert [attr(section, "id") for section in sections] == [level.id for level in model.levels]
        assert [attr(a, "href") for a in soup.select(".cm-kit__chooser a")] == [f"#{level.id}" for level in model.levels]
        for section, entry in zip(sections, competency.levels):
            ticked = [" ".join(li.get_text(" ", strip=True).split()) for li in section.select(".cm-kit__checklist li")]
            assert ticked[:len(entry.indicators.values[language])] == list(entry.indicators.values[language])
            assert len(section.select(".cm-kit__score li")) == 4
            assert section.select(".cm-kit__notes.cm-print-only")
        assert len(soup.select(".cm-kit__rating tbody tr")) == 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_kit_shows_follow_up_questions_and_behaviours_below_the_level_only_when_the_model_has_them(
        five_groups_site: Path, fixture_model: Model, language: str) -> None:
    full, bare = fixture_model.competencies[:2]
    assert full.hr_use.follow_up_questions is not None and bare.hr_use.follow_up_questions is None
    soup = page(five_groups_site, language, competency_kit_path(full))
    follow_up = one(soup, ".cm-kit__follow-up")
    assert headings(follow_up, "h3") == STEPS[language]
    for _, questions in full.hr_use.follow_up_questions.steps():
        assert questions.values[language][0] in plain(follow_up.get_text())
    for section, entry in zip(soup.select("section.cm-kit__level"), full.levels):
        assert entry.below_level is not None
        observed = section.select(".cm-kit__observe")
        assert len(observed) == 2
        assert [plain(li.get_text()) for li in observed[1].select("li")] == list(entry.below_level.values[language])
    soup = page(five_groups_site, language, competency_kit_path(bare))
    assert not soup.select(".cm-kit__follow-up")
    for section in soup.select("section.cm-kit__level"):
        assert len(section.select(".cm-kit__observe")) == 1  # no empty heading for what the model lacks


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_profile_kit_asks_each_competency_at_its_level(five_groups_site: Path, fixture_model: Model,
                                                         language: str) -> None:
    profile = fixture_model.profiles[0]
    soup = page(five_groups_site, language, profile_kit_path(profile))
    assert profile.name.values[language] in one(soup, "article h1").get_text()
    sections = soup.select("section.cm-kit__competency")
    assert [attr(section, "id") for section in sections] == [e.competency.id for e in profile.expectations]
    for section, expectation in zip(sections, profile.expectations):
        assert expectation.level.name.values[language] in one(section, ".cm-kit__target").get_text()
        entry = next(entry for entry in expectation.competency.levels if entry.level == expectation.level)
        first_list = section.select(".cm-kit__observe")[0]
        assert [plain(li.get_text()) for li in first_list.select("li")] == list(entry.indicators.values[language])
        assert bool(section.select(".cm-kit__follow-up")) == (expectation.competency.hr_use.follow_up_questions is not None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_kit_names_itself_and_the_model_version_in_the_printed_pages_margins(
        five_groups_site: Path, fixture_model: Model, language: str) -> None:
    soup = page(five_groups_site, language, profile_kit_path(fixture_model.profiles[0]))
    style = one(soup, "article style").get_text()
    # The title as the page shows it, but with plain spaces: French spacing leaves styles alone.
    title = " ".join(one(soup, "article h1").get_text().replace("\u00ad", "").replace("\u202f", " ").split())
    assert f'@top-left {{ content: "{title}"; }}' in style
    assert fixture_model.version in style and "counter(pages)" in style
