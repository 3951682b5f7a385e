"""The self-assessment page: its checklist, its JSON block, its script's own unit tests, and the built page.

The flow in a real browser (keyboard, profile, chart, print, save and load, privacy) is in
test_browser_self_assessment.py.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from hooks.model import Model, Translated
from hooks.site.render import SELF_ASSESSMENT, WHOLE_MODEL_LIMIT, self_assessment_part_path, site_pages
from hooks.site.selfassessment import FILE_FORMAT, NOTE_LENGTH, SCRIPT_LABELS, json_in_html, self_assessment_data
from hooks.site.state import SiteState, load_site
from hooks.source.siteconfig import i18n_languages, read_mkdocs_yml
from soup import one
from test_security import site_markdown

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "five-groups"
SCRIPT = PROJECT / "docs" / "assets" / "javascripts" / "self-assessment.js"


@pytest.fixture(scope="module")
def fixture_site() -> SiteState:
    return load_site(FIXTURE, FIXTURE / "docs", i18n_languages(read_mkdocs_yml(FIXTURE / "mkdocs.yml")))


@pytest.fixture(scope="module")
def real_state() -> SiteState:
    return load_site(PROJECT, PROJECT / "docs", i18n_languages(read_mkdocs_yml(PROJECT / "mkdocs.yml")))


def page_html(state: SiteState, language: str, config: Path = FIXTURE / "mkdocs.yml") -> BeautifulSoup:
    """The self-assessment's article as MkDocs makes it from the page's Markdown."""
    return BeautifulSoup(site_markdown(config).convert(state.render(language, SELF_ASSESSMENT)), "html.parser")


def page_data(soup: BeautifulSoup) -> dict[str, Any]:
    script = one(soup, "script#cm-self-data")
    assert script.get("type") == "application/json"
    data: dict[str, Any] = json.loads(script.get_text())
    return data


def test_the_script_logic_passes_its_own_unit_tests() -> None:
    """tests/js/ with Node's own test runner: no package needed."""
    node = shutil.which("node")
    if node is None:
        message = "the script's unit tests need Node.js: `apt-get install nodejs` (as .ci/run does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    result = subprocess.run([node, "--test", "tests/js/"], cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


def test_the_page_is_part_of_every_site_whatever_the_model(fixture_site: SiteState) -> None:
    assert SELF_ASSESSMENT in fixture_site.pages
    assert [page.path for page in site_pages(fixture_site.model)].count(SELF_ASSESSMENT) == 1


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_the_checklist_has_every_competency_level_and_indicator_grouped_like_the_model(
        fixture_site: SiteState, language: str) -> None:
    model = fixture_site.model
    soup = page_html(fixture_site, language)
    groups = soup.select(".cm-self__form .cm-self__group")
    assert [group["data-cm-group"] for group in groups] == [group.id for group in model.groups]
    for group, section in zip(model.groups, groups, strict=True):
        fieldsets = section.select("fieldset.cm-self__competency")
        assert [fieldset["data-cm-competency"] for fieldset in fieldsets] == \
               [competency.id for competency in model.competencies_in(group)]
    for competency in model.competencies:
        fieldset = soup.find("fieldset", attrs={"data-cm-competency": competency.id})
        assert fieldset is not None and fieldset.legend is not None
        radios = fieldset.select("input[type=radio]")
        # One radio per level and "not sure yet", all in one group, each with its own label.
        assert [radio["value"] for radio in radios] == [entry.level.id for entry in competency.levels] + ["unsure"]
        assert {radio["name"] for radio in radios} == {f"cm-self-{competency.id}"}
        for radio in radios:
            assert fieldset.find("label", attrs={"for": radio["id"]}) is not None
        for entry in competency.levels:
            indicators = fieldset.find(id=f"cm-self-{competency.id}--{entry.level.id}-indicators")
            assert indicators is not None
            expected = entry.indicators.in_language(language, model.source_language)
            assert len(indicators.find_all("li")) == len(expected)
        note = fieldset.find("textarea")
        assert note is not None and note["maxlength"] == str(NOTE_LENGTH)
        assert fieldset.find("label", attrs={"for": note["id"]}) is not None


def test_what_needs_the_script_is_hidden_until_it_runs(fixture_site: SiteState) -> None:
    soup = page_html(fixture_site, "nl")
    assert one(soup, ".cm-self__tools").has_attr("hidden")
    assert one(soup, ".cm-self__result").has_attr("hidden")
    assert not one(soup, ".cm-self__nojs").has_attr("hidden")
    script = soup.find("script", src=True)
    assert script is not None and script["src"] == "../../assets/javascripts/self-assessment.js"
    assert script.has_attr("defer")
    assert SCRIPT.is_file()


def test_the_json_block_carries_ids_in_model_order_the_profiles_and_the_labels(real_state: SiteState) -> None:
    model = real_state.model
    data = page_data(page_html(real_state, "fr", PROJECT / "mkdocs.yml"))
    assert data["format"] == FILE_FORMAT and data["modelVersion"] == model.version and data["language"] == "fr"
    assert data["modelDate"] == model.date
    assert [level["id"] for level in data["levels"]] == [level.id for level in model.levels]
    assert [competency["id"] for competency in data["competencies"]] == [
        competency.id for group in model.groups for competency in model.competencies_in(group)]
    assert [profile["id"] for profile in data["profiles"]] == [profile.id for profile in model.profiles]
    for profile, written in zip(model.profiles, data["profiles"], strict=True):
        assert written["expected"] == {e.competency.id: e.level.id for e in profile.expectations}
    labels = data["labels"]
    assert set(labels) == {key.removeprefix("self_assessment_") for key in SCRIPT_LABELS}
    # French spacing is the renderer's job, in the script's labels too.
    assert labels["expected"] == "Attendu dans le profil\u00a0: {level}"


def test_a_model_without_profiles_offers_no_profile_to_pick(fixture_site: SiteState) -> None:
    without = replace(fixture_site, model=replace(fixture_site.model, profiles=()))
    soup = page_html(without, "nl")
    assert soup.find("select") is None
    assert page_data(soup)["profiles"] == []


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "]]>", "a & b \u2028 <b>"])
def test_no_text_can_close_the_json_block(text: str) -> None:
    written = json_in_html({"name": text})
    assert "<" not in written and ">" not in written and "&" not in written and "\u2028" not in written
    assert json.loads(str(written)) == {"name": text}


def test_a_crafted_competency_name_stays_text_in_the_checklist_and_the_json_block(fixture_site: SiteState) -> None:
    payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    original = fixture_site.model.competencies[0]
    crafted = dataclasses.replace(original, name=Translated({"nl": payload, "fr": payload}))
    model = dataclasses.replace(fixture_site.model, competencies=tuple(
        crafted if competency is original else competency for competency in fixture_site.model.competencies))
    state = dataclasses.replace(fixture_site, model=model)
    soup = page_html(state, "nl")
    assert [script.get("id") or script.get("src") for script in soup.find_all("script")] == \
           ["cm-self-data", "../../assets/javascripts/self-assessment.js"]
    assert soup.find("img") is None
    assert page_data(soup)["competencies"][0]["name"] == self_assessment_data(
        model, "nl", fixture_site.labels["nl"])["competencies"][0]["name"]


def larger_model(model: Model) -> Model:
    """The model with its competencies copied under new ids until it is split by group."""
    copies = []
    for number in range(WHOLE_MODEL_LIMIT // len(model.competencies) + 1):
        copies += [dataclasses.replace(competency, id=f"{competency.id}-{number}") for competency in model.competencies]
    return dataclasses.replace(model, competencies=tuple(copies))


def test_a_large_model_gets_a_self_assessment_per_group_each_as_large_as_its_group(fixture_site: SiteState) -> None:
    model = larger_model(fixture_site.model)
    assert len(model.competencies) > WHOLE_MODEL_LIMIT
    state = dataclasses.replace(fixture_site, model=model, pages={page.path: page for page in site_pages(model)})
    markdown = site_markdown(FIXTURE / "mkdocs.yml")
    index = BeautifulSoup(markdown.convert(state.render("nl", SELF_ASSESSMENT)), "html.parser")
    assert [a["href"] for a in index.select("li a")] == [self_assessment_part_path(group) for group in model.groups]
    assert not index.select("fieldset, script")
    per_competency = len(fixture_site.render("nl", SELF_ASSESSMENT)) / len(fixture_site.model.competencies)
    for group in model.groups:
        source = state.render("nl", self_assessment_part_path(group))
        soup = BeautifulSoup(markdown.convert(source), "html.parser")
        competencies = model.competencies_in(group)
        assert [fieldset["data-cm-competency"] for fieldset in soup.select("fieldset.cm-self__competency")] == [
            competency.id for competency in competencies]
        data = page_data(soup)
        assert data["part"] == group.id and [entry["id"] for entry in data["groups"]] == [group.id]
        # What a page weighs follows its own group, not the model: about what the whole page weighs per competency.
        assert 0.7 < len(source) / len(competencies) / per_competency < 1.5


def test_a_profile_is_offered_on_the_parts_of_the_groups_it_asks_with_only_their_competencies(
        fixture_site: SiteState) -> None:
    model = larger_model(fixture_site.model)
    profile = model.profiles[0]
    for group in model.groups:
        data = self_assessment_data(model, "nl", fixture_site.labels["nl"], group)
        offered = {entry["id"]: entry["expected"] for entry in data["profiles"]}
        asked = {e.competency.id: e.level.id for e in profile.expectations if e.competency.group == group}
        assert offered.get(profile.id) == (asked or None)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_built_page_is_in_the_navigation_and_takes_the_groups_colours(real_site: Path, language: str) -> None:
    html = (real_site / language / "self-assessment" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('.md-nav a[href$="self-assessment/"], .md-nav a[href="./"]') is not None
    style = soup.find("style")
    assert style is not None and '.md-typeset [data-cm-group="' in style.get_text()
    assert (real_site / "assets" / "javascripts" / "self-assessment.js").is_file()
    assert (real_site / "assets" / "stylesheets" / "self-assessment.css").is_file()
    # The script is this page's only: no other page loads it.
    others = [path for path in (real_site / language).rglob("index.html")
              if "self-assessment.js" in path.read_text(encoding="utf-8") and path.parent.name != "self-assessment"]
    assert others == []
