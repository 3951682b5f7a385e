"""Stable URLs after renames: every former id of the five-groups fixture leads to the current page."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from browser_support import served
from conftest import build_site
from hooks.model import Group, Model, Translated
from hooks.problems import ModelError
from hooks.site.redirects import Redirect, redirect_page, redirects, write_redirects
from hooks.source.load import ModelSources, load_model, read_sources
from pagefind_index import indexed_pages
from soup import attr, one

PROJECT = Path(__file__).resolve().parents[1]
FIVE_GROUPS = PROJECT / "tests" / "fixtures" / "five-groups"
LANGUAGES = ("nl", "fr", "de")
SITE_URL = "https://fixture.example.org/"


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(FIVE_GROUPS / "model")


@pytest.fixture(scope="module")
def sources() -> ModelSources:
    """The fixture's parsed files, which tell where each former id is written."""
    return read_sources(FIVE_GROUPS / "model", FIVE_GROUPS)[0]


def expected_redirects(model: Model) -> dict[str, str]:
    """Old address → new address, worked out from the fixture's former ids, per the URL scheme."""
    renamed_group = next(group for group in model.groups if group.former_ids)
    renamed = next(competency for competency in model.competencies if competency.former_ids)
    (former_group,) = renamed_group.former_ids
    (former,) = renamed.former_ids
    expected = {f"{renamed.group.id}/{former}/": f"{renamed.group.id}/{renamed.id}/",
                f"{former_group}/": f"{renamed_group.id}/"}
    for competency in model.competencies_in(renamed_group):
        expected[f"{former_group}/{competency.id}/"] = f"{renamed_group.id}/{competency.id}/"
    return expected


# --- unit: which redirects, and their pages -----------------------------------------------------------


def test_the_fixture_renames_a_competency_and_a_group(model: Model) -> None:
    assert expected_redirects(model) == {
        "groep-1/oude-competentie-03/": "groep-1/competentie-03/",
        "oude-groep-5/": "groep-5/",
        "oude-groep-5/competentie-20/": "groep-5/competentie-20/",
        "oude-groep-5/competentie-21/": "groep-5/competentie-21/",
    }


def test_redirects_lead_every_old_address_to_the_new_one(model: Model) -> None:
    assert {r.old_path: r.new_path for r in redirects(model)} == expected_redirects(model)


def test_a_competency_renamed_in_a_renamed_group_keeps_every_combination(model: Model) -> None:
    group = model.groups[-1]
    moved = dataclasses.replace(model.competencies_in(group)[0], former_ids=("oud",))
    changed = dataclasses.replace(model, competencies=tuple(moved if c.id == moved.id else c for c in model.competencies))
    found = {r.old_path: r.new_path for r in redirects(changed)}
    new = f"{group.id}/{moved.id}/"
    assert {old for old, target in found.items() if target == new} == {
        f"{group.id}/oud/", f"oude-groep-5/{moved.id}/", "oude-groep-5/oud/"}


def test_redirect_page_has_refresh_canonical_visible_link_and_lang() -> None:
    group = Group("groep-1", 1, Translated({"nl": "Groep"}), Translated({"nl": "Een groep."}), ("oud",))
    redirect = Redirect("groep-1/oud/", "groep-1/nieuw/", Translated({"nl": "Nieuw & beter"}), "oud", group)
    soup = BeautifulSoup(redirect_page(redirect, "fr", "nl", SITE_URL), "html.parser")
    assert attr(one(soup, "html"), "lang") == "fr"
    assert attr(one(soup, 'meta[http-equiv="refresh"]'), "content") == "0; url=../nieuw/"
    assert attr(one(soup, 'link[rel="canonical"]'), "href") == "https://fixture.example.org/fr/groep-1/nieuw/"
    link = one(soup, "body a")
    assert (attr(link, "href"), link.get_text(), attr(link, "lang")) == ("../nieuw/", "Nieuw & beter", "nl")
    assert one(soup, "title").get_text() == "Nieuw & beter"
    assert "Nieuw &amp; beter" in redirect_page(redirect, "fr", "nl", SITE_URL), "model texts are escaped"


def fake_site(tmp_path: Path, model: Model) -> Path:
    """A built site's real pages, as far as redirects care: one index.html per group and competency."""
    for language in LANGUAGES:
        for group in model.groups:
            (tmp_path / language / group.id).mkdir(parents=True, exist_ok=True)
            (tmp_path / language / group.id / "index.html").write_text("<h1>real</h1>", encoding="utf-8")
        (tmp_path / language / "about").mkdir(parents=True)
        (tmp_path / language / "about" / "index.html").write_text("<h1>about</h1>", encoding="utf-8")
    return tmp_path


def test_writes_redirects_only_when_changed(tmp_path: Path, model: Model) -> None:
    site = fake_site(tmp_path, model)
    write_redirects(site, model, LANGUAGES, SITE_URL)
    written = site / "de" / "oude-groep-5" / "index.html"
    os.utime(written, ns=(1, 1))
    write_redirects(site, model, LANGUAGES, SITE_URL)
    assert written.stat().st_mtime_ns == 1, "an unchanged redirect page is not rewritten (mkdocs serve would loop)"
    write_redirects(site, model, LANGUAGES, "https://elsewhere.example.org/")
    assert written.stat().st_mtime_ns != 1 and "elsewhere" in written.read_text(encoding="utf-8")


@pytest.mark.parametrize("former_group_id", ["groep-2", "about"])
def test_a_redirect_never_overwrites_a_real_page(tmp_path: Path, model: Model, sources: ModelSources,
                                                 former_group_id: str) -> None:
    """load.py checks competencies' former ids, not groups'; the writer refuses whatever would hide a page."""
    site = fake_site(tmp_path, model)
    groups = tuple(dataclasses.replace(g, former_ids=(former_group_id,)) if g.id == "groep-5" else g
                   for g in model.groups)
    changed = dataclasses.replace(model, groups=groups, competencies=tuple(
        dataclasses.replace(c, group=groups[-1]) if c.group.id == "groep-5" else c for c in model.competencies))
    with pytest.raises(ModelError) as raised:
        write_redirects(site, changed, LANGUAGES, SITE_URL, sources)
    messages = [str(problem) for problem in raised.value.problems]
    where = sources.single["groups.yaml"].location(("groups", 4, "former_ids", 0))
    assert where.line > 1
    assert f"{where}: groups[4].former_ids[0]: /nl/{former_group_id}/ is the address of a page of the site; " \
           "a former id must not be the address of a current page" in messages
    assert len(messages) == len(LANGUAGES)
    assert (site / "nl" / former_group_id / "index.html").read_text(encoding="utf-8").startswith("<h1>")
    assert not (site / "nl" / "groep-1" / "oude-competentie-03").exists(), "nothing is written when one is refused"


def test_one_old_address_cannot_lead_to_two_pages(tmp_path: Path, model: Model) -> None:
    groups = tuple(dataclasses.replace(g, former_ids=("oud",)) if g.id in ("groep-4", "groep-5") else g
                   for g in model.groups)
    by_id = {group.id: group for group in groups}
    changed = dataclasses.replace(model, groups=groups, competencies=tuple(
        dataclasses.replace(c, group=by_id[c.group.id]) for c in model.competencies))
    with pytest.raises(ModelError, match=r"^model/groups.yaml: former_ids: the old address oud/ would lead both "
                                         r"to groep-4/ \(former id at model/groups.yaml\) and to groep-5/"):
        write_redirects(fake_site(tmp_path, model), changed, LANGUAGES)


def test_a_competency_former_id_is_named_at_its_line(tmp_path: Path, model: Model, sources: ModelSources) -> None:
    site = fake_site(tmp_path, model)
    renamed = next(c for c in model.competencies if c.former_ids)
    (site / "nl" / renamed.group.id / renamed.former_ids[0]).mkdir(parents=True)
    (site / "nl" / renamed.group.id / renamed.former_ids[0] / "index.html").write_text("real", encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        write_redirects(site, model, LANGUAGES, SITE_URL, sources)
    (problem,) = raised.value.problems
    document = next(d for d in sources.competencies if d.display_path == renamed.source_file)
    assert problem.location == document.location(("former_ids", 0)) and problem.location.line > 1
    assert problem.field == "former_ids[0]"


# --- the built fixture site ----------------------------------------------------------------------------


def test_every_redirect_page_exists_in_every_language_and_points_at_the_new_page(
        five_groups_site: Path, model: Model) -> None:
    titles = {f"{c.group.id}/{c.id}/": c.name for c in model.competencies}
    titles.update({f"{g.id}/": g.name for g in model.groups})
    for language in LANGUAGES:
        for old, new in expected_redirects(model).items():
            html = five_groups_site / language / old / "index.html"
            assert html.is_file(), f"/{language}/{old} is missing"
            assert (five_groups_site / language / new / "index.html").is_file()
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
            old_url = f"{SITE_URL}{language}/{old}"
            refresh = attr(one(soup, 'meta[http-equiv="refresh"]'), "content")
            assert refresh.startswith("0; url=")
            assert urljoin(old_url, refresh.removeprefix("0; url=")) == f"{SITE_URL}{language}/{new}"
            assert attr(one(soup, 'link[rel="canonical"]'), "href") == f"{SITE_URL}{language}/{new}"
            link = one(soup, "body a[href]")
            assert urljoin(old_url, attr(link, "href")) == f"{SITE_URL}{language}/{new}"
            assert link.get_text() == titles[new].in_language(language, model.source_language)
            assert attr(one(soup, "html"), "lang") == language


def test_redirect_pages_stay_out_of_the_sitemap_and_the_search(five_groups_site: Path) -> None:
    sitemap = (five_groups_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "oude-" not in sitemap
    for language in LANGUAGES:
        pages = indexed_pages(five_groups_site, language)
        assert pages and not [page.url for page in pages if "oude-" in page.url]


def test_a_former_id_on_a_real_page_fails_the_build_before_anything_is_written(tmp_path: Path) -> None:
    project = tmp_path / "five-groups"
    shutil.copytree(FIVE_GROUPS, project, symlinks=True)
    # The copy's links to the project's schema, hooks and overrides must still resolve; the schema is
    # copied, as a link out of the copy's folder is refused.
    (project / "model" / "schema").unlink()
    shutil.copytree(PROJECT / "model" / "schema", project / "model" / "schema")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("../../../", f"{PROJECT.as_posix()}/")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    groups_file = project / "model" / "groups.yaml"
    groups = yaml.safe_load(groups_file.read_text(encoding="utf-8"))
    groups["groups"][-1]["former_ids"] = ["about"]
    groups_file.write_text(yaml.safe_dump(groups, allow_unicode=True), encoding="utf-8")
    result = build_site(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"model/groups\.yaml:\d+:\d+: groups\[4\]\.former_ids\[0\]: 'about' is the address "
                     r"of the handwritten pages? docs/nl/about\.md", result.stderr), result.stderr
    assert not (tmp_path / "site").exists()  # refused in on_config, before MkDocs writes anything


def test_a_redirect_is_never_written_over_a_real_page(tmp_path: Path) -> None:
    """The last line of defence, after the build, for an address the check could not foresee."""
    page = tmp_path / "nl" / "oud" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>a real page</p>", encoding="utf-8")
    model = load_model(FIVE_GROUPS / "model", FIVE_GROUPS)
    group = model.groups[-1]
    renamed = dataclasses.replace(model, groups=(*model.groups[:-1], dataclasses.replace(group, former_ids=("oud",))))
    with pytest.raises(ModelError) as raised:
        write_redirects(tmp_path, renamed, ["nl"], None, None)
    assert "/nl/oud/ is the address of a page of the site" in str(raised.value)
    assert page.read_text(encoding="utf-8") == "<p>a real page</p>"


# --- in the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_url(five_groups_site: Path) -> Iterator[str]:
    """The built five-groups site, served on 127.0.0.1 and a free port."""
    with served(five_groups_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_old_url_lands_on_the_new_page(browser: Any, fixture_url: str, model: Model, language: str) -> None:
    redirected = expected_redirects(model)
    # Each old address opened with a level's anchor: where the browser ends up, and that page's H1.
    page = browser.new_page()  # in a context of its own, closed with the page
    try:
        page.set_default_timeout(15_000)
        landed: dict[str, tuple[str, str]] = {}
        for old, new in redirected.items():
            page.goto(f"{fixture_url}{language}/{old}#niveau-2")
            page.wait_for_url(f"{fixture_url}{language}/{new}*")
            page.wait_for_load_state("load")
            landed[old] = (page.url, page.locator("article h1").inner_text().removesuffix("¶").strip().replace("\u00ad", ""))
    finally:
        page.close()
    titles = {f"{c.group.id}/{c.id}/": c.name for c in model.competencies}
    titles.update({f"{g.id}/": g.name for g in model.groups})
    for old, new in redirected.items():
        url, heading = landed[old]
        # The #part of the old link survives, so a link to a level still lands on that level.
        assert url == f"{fixture_url}{language}/{new}#niveau-2", old
        assert heading == titles[new].in_language(language, model.source_language), old
