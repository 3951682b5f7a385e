"""Tier 3: real builds of the real site and of the five-groups fixture, checked page by page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from hooks.model import Model
from hooks.site.render import competency_path, group_path, long_date
from hooks.source.load import load_model
from pagefind_index import entry, indexed_pages
from soup import attr, one

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr")


def page(site: Path, language: str, path: str) -> BeautifulSoup:
    """The built page for a source path such as ``groep/comp.md``."""
    stem = path.removesuffix(".md")
    folder = stem.removesuffix("index").rstrip("/")
    html = site / language / folder / "index.html"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    return soup


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(PROJECT / "model", PROJECT)


def article_text(soup: BeautifulSoup) -> str:
    """The article's text as a reader sees it: without the soft hyphens of long words in headings."""
    return " ".join(one(soup, "article").get_text(" ").replace("\u00ad", "").split())



@pytest.mark.parametrize("path", ["model/index.md", "index.md"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_that_draws_the_model_colours_each_group(real_site: Path, model: Model, language: str,
                                                            path: str) -> None:
    """The model's page and the home page's lead draw the picture: each tile has its group's colour."""
    soup = page(real_site, language, path)
    styles = " ".join(style.get_text() for style in soup.select("head style"))
    for tile in one(soup, "nav.cm-model").select("section"):
        group = attr(tile, "data-cm-group")
        assert f'.cm-model__group[data-cm-group="{group}"] {{ --cm-group: #' in styles, (path, group)
    assert [attr(tile, "data-cm-group") for tile in soup.select("nav.cm-model section")] == \
        [group.id for group in model.groups]

@pytest.mark.parametrize("language", LANGUAGES)
def test_every_competency_page_shows_its_texts_in_its_language(real_site: Path, model: Model, language: str) -> None:
    for competency in model.competencies:
        soup = page(real_site, language, competency_path(competency))
        text = article_text(soup)
        assert one(soup, "article h1").get_text(strip=True).replace("\u00ad", "") == competency.name.values[language]
        assert " ".join(competency.definition.values[language].split()) in text
        for level_entry in competency.levels:
            assert level_entry.level.name.values[language] in text
            for indicator in level_entry.indicators.values[language]:
                assert " ".join(indicator.split()) in text, (competency.id, level_entry.level.id, indicator)


@pytest.mark.parametrize("language", LANGUAGES)
def test_competency_page_links_its_group_related_competencies_and_model_file(
        real_site: Path, model: Model, language: str) -> None:
    competency = model.competencies[0]
    soup = page(real_site, language, competency_path(competency))
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in soup.select("article a[href]")}
    assert hrefs[competency.group.name.values[language]] == "../"
    for related in model.related(competency):
        expected = (f"../{related.id}/" if related.group == competency.group
                    else f"../../{related.group.id}/{related.id}/")
        assert hrefs[related.name.values[language]] == expected
    edit_links = [attr(a, "href") for a in soup.select("a[href]") if attr(a, "href").endswith(competency.source_file)]
    assert edit_links and all("/edit/main/model/competencies/" in href for href in edit_links)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_group_page_lists_exactly_its_competencies(real_site: Path, model: Model, language: str) -> None:
    for group in model.groups:
        soup = page(real_site, language, group_path(group))
        listed = [a["href"] for a in soup.select("article dt a[href]")]
        assert listed == [f"{c.id}/" for c in model.competencies_in(group)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_model_overview_draws_every_group_and_competency_as_links(
        real_site: Path, model: Model, language: str) -> None:
    soup = page(real_site, language, "model/index.md")
    picture = one(soup, "nav.cm-model")
    groups = picture.select("section")
    assert [one(s, "h2 a").get_text(strip=True).replace("\u00ad", "") for s in groups] == \
        [g.name.values[language] for g in model.groups]
    for section, group in zip(groups, model.groups):
        assert [a.get_text(strip=True) for a in section.select("li a")] == \
            [c.name.values[language] for c in model.competencies_in(group)]


def all_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_html_lang_matches_the_language_folder(real_site: Path) -> None:
    for html in all_pages(real_site):
        relative = html.relative_to(real_site)
        if len(relative.parts) == 1:
            continue  # the root language choice
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assert attr(one(soup, "html"), "lang") == relative.parts[0], relative


def test_language_switch_points_to_the_same_page_in_the_other_language(real_site: Path) -> None:
    checked = 0
    for html in (real_site / "nl").rglob("index.html"):
        relative = html.relative_to(real_site / "nl").parent.as_posix()
        if relative.startswith(("pagefind", "downloads")) and relative != "downloads":
            continue
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        page_url = urljoin("http://site/nl/", "" if relative == "." else relative + "/")
        switch = {attr(a, "hreflang"): urljoin(page_url, attr(a, "href")) for a in soup.select("a[hreflang]")}
        suffix = "" if relative == "." else relative + "/"
        assert switch == {"fr": f"http://site/fr/{suffix}"}, relative
        assert one(soup, ".cm-languages__current").get_text(" ", strip=True).startswith("NL"), relative
        checked += 1
    assert checked > 20


LOCAL = re.compile(r"^(?![a-z][a-z0-9+.-]*:|//)")


def test_no_page_loads_anything_from_another_host(real_site: Path) -> None:
    for html in all_pages(real_site):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("img", "src"), ("link", "href"), ("iframe", "src"),
                               ("source", "src"), ("video", "src"), ("audio", "src")):
            for element in soup.find_all(tag):
                if not element.has_attr(attribute) or (tag == "link" and not set(element.get_attribute_list("rel")) &
                                     {"stylesheet", "icon", "preload", "prefetch", "manifest", "modulepreload"}):
                    continue
                value = attr(element, attribute)
                assert LOCAL.match(value), f"{html.relative_to(real_site)}: <{tag} {attribute}={value}>"
        for style in soup.find_all("style"):
            assert "url(http" not in style.get_text(), html
    for css in real_site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8"), css


def test_no_internal_link_is_broken(real_site: Path) -> None:
    broken = []
    for html in all_pages(real_site):
        relative = html.relative_to(real_site).as_posix()
        base = "http://site/" + relative
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select("a[href], link[href], script[src], img[src]"):
            target = urljoin(base, attr(element, "href" if element.has_attr("href") else "src"))
            parts = urlsplit(target)
            if parts.netloc != "site":
                continue
            path = real_site / parts.path.lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{relative} -> {target}")
                continue
            if parts.fragment and path.suffix == ".html":
                ids = set(re.findall(r'id="([^"]+)"', path.read_text(encoding="utf-8")))
                if parts.fragment not in ids and parts.fragment != "__skip":
                    broken.append(f"{relative} -> {target} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


def test_footer_shows_model_version_and_date(real_site: Path, model: Model) -> None:
    for language, expected in (("nl", f"Versie {model.version} van {long_date(model.date, 'nl')}"),
                               ("fr", f"Version {model.version} du {long_date(model.date, 'fr')}")):
        soup = page(real_site, language, "index.md")
        assert one(soup, ".cm-model-version").get_text(strip=True) == expected


def test_navigation_follows_the_model_order_and_the_pages_language(real_site: Path, model: Model) -> None:
    for language in LANGUAGES:
        soup = page(real_site, language, competency_path(model.competencies[0]))
        nav_text = one(soup, "nav.md-nav--primary").get_text(" ")
        positions = [nav_text.index(group.name.values[language]) for group in model.groups]
        assert positions == sorted(positions)


def test_navigation_is_pruned_to_the_active_group(real_site: Path, model: Model) -> None:
    first, last = model.groups[0], model.groups[-1]
    soup = page(real_site, "nl", competency_path(model.competencies_in(first)[0]))
    nav = one(soup, "nav.md-nav--primary")
    links = {attr(a, "href") for a in nav.select("a[href]")}
    other = model.competencies_in(last)[0]
    assert not any(href.endswith(f"{other.id}/") for href in links), "another group's competencies are embedded"


def test_root_lets_the_reader_choose_a_language(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [(a["href"], a["lang"]) for a in soup.select("main a")] == [("nl/", "nl"), ("fr/", "fr")]


def test_each_language_has_its_own_search_index_of_its_own_pages(real_site: Path, model: Model) -> None:
    for language in LANGUAGES:
        assert list(entry(real_site, language)["languages"]) == [language]
        pages = {indexed.url: indexed for indexed in indexed_pages(real_site, language)}
        built = {"/" + html.parent.relative_to(real_site / language).as_posix().removeprefix(".") for html in
                 (real_site / language).rglob("index.html")}
        assert set(pages) <= {url.rstrip("/") + "/" for url in built}
        competency = model.competencies[0]
        indexed = pages["/" + competency_path(competency).removesuffix(".md") + "/"]
        assert indexed.meta == {"title": competency.name.values[language],
                                "group": competency.group.name.values[language]}
        # The article only: no navigation (which names every page), header or footer, no permalink signs.
        assert "¶" not in indexed.content and pages["/accessibility/"].meta["title"] not in indexed.content
        assert indexed.headings[0] == competency.name.values[language]


def test_the_root_and_the_not_found_page_have_no_search_index(real_site: Path) -> None:
    assert not (real_site / "pagefind").exists()
    assert {path.name for path in real_site.iterdir() if path.is_dir()} == {"assets", *LANGUAGES}


def test_level_indicators_are_not_hidden_in_tabs(real_site: Path, model: Model) -> None:
    soup = page(real_site, "fr", competency_path(model.competencies[0]))
    assert not soup.select(".tabbed-set, details")
    assert len(soup.select("article h3.cm-level")) == len(model.levels)


# --- the five-groups fixture: other counts, and a third language ------------------------------------

def test_fixture_with_other_counts_and_a_third_language_builds(five_groups_site: Path) -> None:
    fixture = load_model(PROJECT / "tests" / "fixtures" / "five-groups" / "model")
    assert (len(fixture.groups), len(fixture.competencies), len(fixture.levels)) == (5, 21, 8)
    for language in ("nl", "fr", "de"):
        for competency in fixture.competencies:
            soup = page(five_groups_site, language, competency_path(competency))
            assert len(soup.select("article h3.cm-level")) == 8
            assert attr(one(soup, "html"), "lang") == language


def test_untranslated_model_text_falls_back_with_a_notice_and_its_own_lang(five_groups_site: Path) -> None:
    fixture = load_model(PROJECT / "tests" / "fixtures" / "five-groups" / "model")
    untranslated = next(c for c in fixture.competencies if "de" not in c.name.values)
    soup = page(five_groups_site, "de", competency_path(untranslated))
    assert "Noch nicht übersetzt" in one(soup, "article .admonition").get_text()
    title = soup.select_one("article h1 [lang]")
    assert title is not None and title["lang"] == "nl" and title.get_text().replace("\u00ad", "") == untranslated.name.values["nl"]
    translated = next(c for c in fixture.competencies if "de" in c.name.values)
    heading = one(page(five_groups_site, "de", competency_path(translated)), "article h1")
    assert heading.select_one("[lang]") is None and \
        heading.get_text(strip=True).replace("\u00ad", "") == translated.name.values["de"]


def test_not_found_page_speaks_every_language_and_links_from_the_site_root(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert [span["lang"] for span in soup.select("h1 span")] == list(LANGUAGES)
    assert [a["href"] for a in soup.select("main a")] == ["/nl/", "/fr/"]
    assert "Page introuvable" in soup.get_text() and "Pagina niet gevonden" in soup.get_text()


def test_every_navigation_entry_and_footer_link_has_its_title_on_every_page(real_site: Path) -> None:
    """Titles come from each page's Markdown: they must survive pages built before the current one."""
    for language in LANGUAGES:
        home_title = one(page(real_site, language, "index.md"), "article h1").get_text(strip=True).replace("\u00ad", "")
        for html in (real_site / language).rglob("index.html"):
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
            nav = soup.select_one("nav.md-nav--primary")
            if nav is None:
                continue  # a redirect page
            labels = [" ".join(e.get_text().split()) for e in nav.select(".md-ellipsis")]
            footer = [" ".join(e.get_text().split()) for e in soup.select(".md-footer__title .md-ellipsis")]
            assert "None" not in labels + footer and "" not in labels, html.relative_to(real_site)
            assert home_title in labels, html.relative_to(real_site)
