"""Role profiles on the built site: each profile's page, the overview, the navigation, and a model without profiles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import build_site
from hooks.model import Model
from hooks.site.render import PROFILES_OVERVIEW, competency_path, profile_path
from hooks.source.load import load_model
from soup import attr, one
from test_build_errors import copy_site_project
from test_site import article_text, page

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr")
EXAMPLE_NOTICE = {"nl": "Het is geen officieel profiel van BOSA.", "fr": "Ce n'est pas un profil officiel de BOSA."}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(PROJECT / "model", PROJECT)


def test_the_model_ships_three_roles_at_two_function_levels(model: Model) -> None:
    assert len(model.profiles) == 6 and all(profile.example for profile in model.profiles)
    roles = {(profile.role.values["nl"], profile.function_level.values["nl"])
             for profile in model.profiles if profile.role and profile.function_level}
    assert roles == {(role, level) for role in ("Expert", "Leidinggevende", "Projectleider")
                     for level in ("Niveau A", "Niveau B")}
    for profile in model.profiles:
        assert 6 <= len(profile.expectations) <= 9, profile.id
        assert not all(expectation.level.id == "strategisch" for expectation in profile.expectations)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_profile_page_shows_each_competency_at_its_level_with_its_indicators(
        real_site: Path, model: Model, language: str) -> None:
    for profile in model.profiles:
        soup = page(real_site, language, profile_path(profile))
        text = article_text(soup)
        assert one(soup, "article h1").get_text(strip=True).replace("\u00ad", "") == profile.name.values[language]
        assert " ".join(profile.description.values[language].split()) in text
        assert (EXAMPLE_NOTICE[language] in text) == profile.example
        for value in (profile.role, profile.function_level):
            assert value is not None and value.values[language] in text
        headings = soup.select("article h3")
        assert [attr(h, "id") for h in headings] == [e.competency.id for e in profile.expectations]
        for heading, expectation in zip(headings, profile.expectations):
            competency = expectation.competency
            link = one(heading, "a[href]:not(.headerlink)")
            assert link.get_text(strip=True).replace("\u00ad", "") == competency.name.values[language]
            assert attr(link, "href") == "../../" + competency_path(competency).removesuffix(".md") + "/"
            section = " ".join(sibling.get_text(" ") for sibling in heading.find_next_siblings(limit=2))
            assert expectation.level.name.values[language] in section
            indicators = next(entry for entry in competency.levels if entry.level == expectation.level).indicators
            indicator_list = heading.find_next_sibling("ul")
            assert indicator_list is not None, (profile.id, competency.id)
            listed = [" ".join(li.get_text(" ").split()) for li in indicator_list.select("li")]
            assert listed == [" ".join(indicator.split()) for indicator in indicators.values[language]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overview_lists_every_profile_and_compares_their_levels(
        real_site: Path, model: Model, language: str) -> None:
    soup = page(real_site, language, PROFILES_OVERVIEW)
    tables = soup.select("article table")
    assert len(tables) == 2
    rows = tables[0].select("tbody tr")
    assert [one(row, "a").get_text(strip=True) for row in rows] == [p.name.values[language] for p in model.profiles]
    assert [row.select("td")[-1].get_text(strip=True) for row in rows] == [str(len(p.expectations))
                                                                         for p in model.profiles]
    compared = tables[1].select("tbody tr")
    assert len(compared) == len(model.competencies)
    for row, competency in zip(compared, model.competencies):
        cells = [cell.get_text(strip=True) for cell in row.select("td")[1:]]
        expected = [level.name.values[language] if level else ""
                    for level in (profile.expected_level(competency) for profile in model.profiles)]
        assert cells == expected, competency.id


def test_the_navigation_has_a_profiles_section_after_the_model(real_site: Path, model: Model) -> None:
    soup = page(real_site, "fr", profile_path(model.profiles[0]))
    titles = [link.get_text(" ", strip=True) for link in soup.select("nav.md-nav--primary .md-nav__link")]
    assert "Profils de fonction" in titles
    assert titles.index("Profils de fonction") == titles.index("Le modèle") + 1
    for profile in model.profiles:
        assert profile.name.values["fr"] in titles


def test_a_model_without_profiles_builds_without_profile_pages_or_their_entry(tmp_path: Path) -> None:
    project = copy_site_project(tmp_path / "project")
    shutil.rmtree(project / "model" / "profiles")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "dictionary_pdf: true", "dictionary_pdf: false"), encoding="utf-8")
    result = build_site(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        assert not (tmp_path / "site" / language / "profiles").exists()
        home = (tmp_path / "site" / language / "index.html").read_text(encoding="utf-8")
        assert 'href="profiles/"' not in home and "Functieprofielen" not in home and "Profils de fonction" not in home
