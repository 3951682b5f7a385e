"""Tier 2: the Markdown of generated pages against reviewed golden files, and the navigation shape.

A golden file is easier to review than assertions: when a template changes on purpose, run
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render.py`` and read the diff in git.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hooks.site.render import expand_navigation
from hooks.site.state import SiteState, load_site
from hooks.source.siteconfig import i18n_languages, read_mkdocs_yml

FIXTURE = Path(__file__).parent / "fixtures" / "five-groups"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def fixture_site() -> SiteState:
    languages = i18n_languages(read_mkdocs_yml(FIXTURE / "mkdocs.yml"))
    return load_site(FIXTURE, FIXTURE / "docs", languages)


CASES = [
    ("nl", "groep-1/competentie-01.md"),
    ("fr", "groep-1/competentie-01.md"),
    ("de", "groep-1/competentie-02.md"),  # partly untranslated: falls back to Dutch with a notice
    ("nl", "groep-5/index.md"),
    ("fr", "model/index.md"),
    ("nl", "levels.md"),
    ("fr", "at-a-glance.md"),
    ("nl", "changes.md"),
    ("fr", "profiles/profiel-a.md"),  # an example profile: the notice, its role and function level
    ("de", "profiles/profiel-b.md"),  # not an example, untranslated: falls back to Dutch with a notice
    ("nl", "profiles/index.md"),
    ("fr", "levels/niveau-3.md"),
    ("nl", "interview-kits/index.md"),
    # The first competency has follow-up questions and behaviours below each level; the second has neither.
    ("nl", "interview-kits/competencies/competentie-01.md"),
    ("fr", "interview-kits/competencies/competentie-02.md"),
    ("fr", "interview-kits/profiles/profiel-a.md"),
    ("fr", "self-assessment.md"),
]


@pytest.mark.parametrize(("language", "path"), CASES)
def test_generated_markdown_matches_golden_file(fixture_site: SiteState, language: str, path: str) -> None:
    rendered = fixture_site.render(language, path, edit_url="https://example.org/edit/main/model/file.yaml")
    golden = GOLDEN / f"{language}--{path.replace('/', '--')}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert golden.is_file(), f"no golden file yet: run with UPDATE_GOLDEN=1 and review {golden.name}"
    assert rendered == golden.read_text(encoding="utf-8")


def test_navigation_hangs_groups_and_competencies_under_the_model_entry(fixture_site: SiteState) -> None:
    model = fixture_site.model
    nav = ["index.md", "model/index.md", "about.md"]
    expanded = expand_navigation(nav, model, "fr", fixture_site.labels["fr"])
    assert expanded[0] == "index.md" and expanded[2] == "about.md"
    (title, children), = expanded[1].items()
    assert title == "Le modèle"
    assert children[0] == "model/index.md" and children[-1] == "at-a-glance.md"
    assert children[-2] == {"Niveaux de maîtrise": ["levels.md", *(f"levels/niveau-{n}.md" for n in range(1, 9))]}
    groups = children[1:-2]
    assert [next(iter(group)) for group in groups] == [g.name.in_language("fr", "nl") for g in model.groups]
    first_group = next(iter(groups[0].values()))
    assert first_group == ["groep-1/index.md", *(f"groep-1/{c.id}.md" for c in model.competencies_in(model.groups[0]))]


def test_expanding_twice_gives_the_same_navigation(fixture_site: SiteState) -> None:
    """MkDocs runs on_config once per language on the same config: the expansion must not pile up."""
    once = expand_navigation(["index.md", "model/index.md"], fixture_site.model, "nl", fixture_site.labels["nl"])
    twice = expand_navigation(once, fixture_site.model, "de", fixture_site.labels["de"])
    assert len(twice) == 2 and next(iter(twice[1])) == "Das Modell"
    german_groups = [next(iter(g)) for g in next(iter(twice[1].values()))[1:-2]]
    assert german_groups[0] == "Gruppe 1" and german_groups[-1] == "Groep 5"


def test_a_missing_label_names_the_file_and_the_key(fixture_site: SiteState) -> None:
    from dataclasses import replace

    from hooks.problems import ModelError
    from hooks.source.labels import Labels

    labels = dict(fixture_site.labels)
    fr = labels["fr"]
    labels["fr"] = Labels("fr", fr.source, {k: v for k, v in fr.values.items() if k != "key_aspects"})
    broken = replace(fixture_site, labels=labels)
    with pytest.raises(ModelError) as raised:
        broken.render("fr", "groep-1/competentie-01.md")
    assert str(raised.value.problems[0]).startswith(f"{fr.source}: the label 'key_aspects' is missing")


def test_navigation_makes_the_profiles_entry_a_section_of_the_profiles(fixture_site: SiteState) -> None:
    nav = ["index.md", "model/index.md", "profiles/index.md", "about.md"]
    expanded = expand_navigation(nav, fixture_site.model, "fr", fixture_site.labels["fr"])
    assert expanded[2] == {"Profils de fonction": ["profiles/index.md", {"Profil 1": "profiles/profiel-a.md"},
                                                   {"Profil 2": "profiles/profiel-b.md"}]}
    again = expand_navigation(expanded, fixture_site.model, "nl", fixture_site.labels["nl"])
    assert next(iter(again[2])) == "Functieprofielen" and len(again) == 4


def test_a_model_without_profiles_has_no_profile_pages_and_no_profiles_entry(fixture_site: SiteState) -> None:
    from dataclasses import replace

    from hooks.site.render import site_pages

    model = replace(fixture_site.model, profiles=())
    assert not [page.path for page in site_pages(model) if page.path.startswith("profiles/")]
    nav = ["index.md", "model/index.md", "profiles/index.md", "about.md"]
    assert expand_navigation(nav, model, "nl", fixture_site.labels["nl"])[2:] == ["about.md"]


def test_a_profile_page_links_its_interview_kit_and_each_competency_in_its_level_view(fixture_site: SiteState) -> None:
    from hooks.site.render import profile_kit_path, profile_path

    profile = fixture_site.model.profiles[0]
    rendered = fixture_site.render("nl", profile_path(profile))
    assert profile_kit_path(profile) in fixture_site.pages
    assert "[Interviewkit voor dit profiel](../interview-kits/profiles/profiel-a.md){: .md-button }" in rendered
    for expectation in profile.expectations:
        level, competency = expectation.level, expectation.competency
        assert f"(../levels/{level.id}.md#{competency.id})" in rendered
