"""A model above WHOLE_MODEL_LIMIT competencies: the dictionary and the overview table come per group.

The site of a synthetic 130-competency model (benchmarks/synthetic.py) is built once with --strict,
so every link between the parts is checked by MkDocs too. Also here: what search leaves out, and the
sizes and numbers written in each language's way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from benchmarks.synthetic import write_site
from conftest import build_site
from hooks.model import Model
from hooks.site.pdf import pdf_file_name
from hooks.site.render import (
    AT_A_GLANCE,
    DICTIONARY,
    WHOLE_MODEL_LIMIT,
    at_a_glance_path,
    below_title,
    competency_path,
    dictionary_path,
    file_size,
    level_view_part_path,
    level_view_path,
    long_date,
    number,
    self_assessment_part_path,
    site_pages,
)
from hooks.source.load import load_model
from pagefind_index import indexed_pages
from soup import attr, one

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr")
SIZE = 130


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Model, Path]:
    """(the model, its built site)."""
    folder = tmp_path_factory.mktemp("large")
    config = write_site(folder / "project", SIZE)
    model = load_model(config.parent / "model", config.parent, LANGUAGES)
    site = folder / "site"
    result = build_site(config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return model, site


def built(site: Path, language: str, path: str) -> BeautifulSoup:
    folder = path.removesuffix(".md").removesuffix("index").rstrip("/")
    return BeautifulSoup((site / language / folder / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_small_model_keeps_one_dictionary_and_one_overview_table() -> None:
    model = load_model(PROJECT / "model", PROJECT)
    paths = [page.path for page in site_pages(model)]
    assert DICTIONARY in paths and AT_A_GLANCE in paths
    assert not [path for path in paths if path.startswith(("dictionary/", "at-a-glance/"))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dictionary_page_lists_one_part_per_group(large: tuple[Model, Path], language: str) -> None:
    model, site = large
    assert len(model.competencies) == SIZE > WHOLE_MODEL_LIMIT
    soup = built(site, language, DICTIONARY)
    links = [a["href"] for a in soup.select("article li a")]
    assert links == [f"{group.id}/" for group in model.groups]
    assert f"{number(SIZE, language)} " in one(soup, "article p").get_text()
    assert not soup.select("article .cm-dictionary__competency")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_dictionary_part_holds_its_group_its_competencies_and_the_levels(
        large: tuple[Model, Path], language: str) -> None:
    model, site = large
    for group in model.groups:
        soup = built(site, language, dictionary_path(group))
        assert group.name.values[language] in one(soup, "article h1").get_text().replace("\u00ad", "")
        competencies = [attr(one(article, "h2"), "id") for article in soup.select("article .cm-dictionary__competency")]
        assert competencies == [competency.id for competency in model.competencies_in(group)]
        assert [heading["id"] for heading in soup.select(".cm-dictionary__levels h3")] == [
            f"level-{level.id}" for level in model.levels]
        toc = [a["href"] for a in soup.select(".cm-dictionary__toc li > a")]
        assert toc == [f"#group-{group.id}", *(f"#{c.id}" for c in model.competencies_in(group)), "#levels"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_overview_table_part_holds_its_group(large: tuple[Model, Path], language: str) -> None:
    model, site = large
    index = built(site, language, AT_A_GLANCE)
    assert [a["href"] for a in index.select("article li a")] == [f"{group.id}/" for group in model.groups]
    for group in model.groups:
        soup = built(site, language, at_a_glance_path(group))
        rows = soup.select("article table tbody tr")
        names = [one(row, "td a").get_text() for row in rows[1:]]  # the first row describes the levels
        assert names == [competency.name.values[language] for competency in model.competencies_in(group)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_downloads_page_offers_the_dictionary_by_group(large: tuple[Model, Path], language: str) -> None:
    _, site = large
    text = one(built(site, language, "downloads.md"), "article").get_text()
    assert {"nl": "één document per groep", "fr": "un document par groupe"}[language] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_the_competency_pages_and_only_the_titles_of_the_pages_that_repeat_them(
        large: tuple[Model, Path], language: str) -> None:
    model, site = large
    pages = {page.url: page for page in indexed_pages(site, language)}
    repeating = [url for url in pages if url.startswith(("/dictionary/", "/at-a-glance/"))]
    # Each dictionary and overview table is found by its title and introduction, never by a section.
    assert sorted(repeating) == sorted(["/dictionary/", "/at-a-glance/",
                                        *(f"/dictionary/{group.id}/" for group in model.groups),
                                        *(f"/at-a-glance/{group.id}/" for group in model.groups)])
    for url in repeating:
        assert pages[url].headings == [pages[url].meta["title"]], url
    part = pages[f"/dictionary/{model.groups[0].id}/"]
    assert model.competencies_in(model.groups[0])[0].definition.values[language] not in part.content
    assert {"/" + competency_path(c).removesuffix(".md") + "/" for c in model.competencies} <= set(pages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_level_view_lists_one_part_per_group_and_each_part_holds_its_group(
        large: tuple[Model, Path], language: str) -> None:
    model, site = large
    level = model.levels[1]
    index = built(site, language, level_view_path(level))
    parts = [a["href"] for a in index.select("article li a") if a.find_parent("nav") is None]
    assert parts == [f"{group.id}/" for group in model.groups]
    assert not index.select("article h3")
    for group in model.groups:
        soup = built(site, language, level_view_part_path(level, group))
        assert [h2["id"] for h2 in soup.select("article h2")] == [c.id for c in model.competencies_in(group)]
    # A competency page's level leads to its group's part of the level view.
    competency = model.competencies_in(model.groups[-1])[0]
    page = built(site, language, competency_path(competency))
    links = [a["href"] for a in page.select("article .cm-level-view-link a")]
    assert links[1] == f"../../levels/{level.id}/{competency.group.id}/#{competency.id}"


def test_sizes_numbers_and_dates_are_written_the_languages_way() -> None:
    assert [file_size(size, "fr") for size in (800, 12_345, 2_500_000)] == [
        "800\u202fo", "12\u202fko", "2,5\u202fMo"]
    assert [file_size(size, "nl") for size in (800, 12_345, 2_500_000)] == ["800 byte", "12 kB", "2,5 MB"]
    assert (number(14_000, "nl"), number(14_000, "fr")) == ("14.000", "14\u202f000")
    assert file_size(12_345, "x-unknown") == "12 kB"
    assert (long_date("2026-11-28", "nl"), long_date("2026-02-01", "fr")) == ("28 november 2026", "1 février 2026")


def test_the_untranslated_notice_goes_below_the_title_not_into_the_front_matter() -> None:
    notice = '!!! note "Not yet translated"\n\n    Text.\n\n'
    page = "---\nhide:\n  - toc\n---\n# Title\n\nBody\n"
    assert below_title(page, notice) == "---\nhide:\n  - toc\n---\n# Title\n\n" + notice + "\nBody\n"
    assert below_title("# Title\nBody\n", notice) == "# Title\n\n" + notice + "Body\n"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_part_is_in_the_navigation_and_leads_to_the_next(large: tuple[Model, Path], language: str) -> None:
    model, site = large
    first, second = model.groups[:2]
    for part_path in (dictionary_path, at_a_glance_path, self_assessment_part_path):
        soup = built(site, language, part_path(first))
        active = soup.select_one("nav.md-nav--primary a.md-nav__link--active")
        assert active is not None and active.get_text(strip=True) == first.name.values[language]
        following = soup.select_one("a.md-footer__link--next")
        assert following is not None and following["href"] == f"../{second.id}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_dictionary_part_has_its_own_pdf_listed_on_the_downloads_page(
        large: tuple[Model, Path], language: str) -> None:
    from pypdf import PdfReader

    model, site = large
    listed = [a["href"] for a in built(site, language, "downloads.md").select("article li a[href$='.pdf']")]
    assert listed == [pdf_file_name(language, group) for group in model.groups]
    for group in model.groups[:2]:
        reader = PdfReader(site / language / "downloads" / pdf_file_name(language, group))
        assert str(reader.root_object["/Lang"]) == language
        assert next(item.title for item in reader.outline if not isinstance(item, list)) == group.name.values[language]
        children = next(item for item in reader.outline if isinstance(item, list))
        assert [child.title for child in children if not isinstance(child, list)] == [
            c.name.values[language] for c in model.competencies_in(group)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_self_assessment_comes_per_group_each_part_with_its_own_data_profiles_and_stored_answers(
        large: tuple[Model, Path], language: str) -> None:
    import json

    model, site = large
    index = built(site, language, "self-assessment.md")
    assert [a["href"] for a in index.select("article li a")] == [f"{group.id}/" for group in model.groups]
    assert f"{number(SIZE, language)} " in one(index, "article p").get_text()
    assert not index.select("fieldset, script#cm-self-data")
    sizes = []
    for group in model.groups:
        page = site / language / "self-assessment" / group.id / "index.html"
        sizes.append(page.stat().st_size)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert group.name.values[language] in one(soup, "article h1").get_text().replace("\u00ad", "")
        asked = [competency.id for competency in model.competencies_in(group)]
        assert [attr(fieldset, "data-cm-competency") for fieldset in soup.select("fieldset.cm-self__competency")] == asked
        data = json.loads(one(soup, "script#cm-self-data").get_text())
        assert data["part"] == group.id and [c["id"] for c in data["competencies"]] == asked
        # The profiles that ask something of this group, with only that; the others are not offered.
        expected = {profile.id: {e.competency.id: e.level.id for e in profile.expectations if e.competency.group == group}
                    for profile in model.profiles}
        assert {profile["id"]: profile["expected"] for profile in data["profiles"]} == {
            identifier: levels for identifier, levels in expected.items() if levels}
        assert [option["value"] for option in soup.select("#cm-self-profile option")] == [
            "", *(profile["id"] for profile in data["profiles"])]
        # The script is found from the part's deeper address.
        script = one(soup, "script[src$='self-assessment.js']")
        assert (page.parent / attr(script, "src")).resolve() == (site / "assets/javascripts/self-assessment.js").resolve()
    # A part weighs what its group holds, not the model: the largest is a few times the smallest.
    assert max(sizes) < 4 * min(sizes), sizes
