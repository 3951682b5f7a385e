"""In a real browser: accessibility (WCAG 2.1 AA with axe-core), language switch, search, keyboard,
phone, print and privacy, on every page type of the built site, in Dutch and in French.

Headless Debian Chromium through Playwright, against the site built by the ``real_site`` fixture and
served on 127.0.0.1 (see browser_support.py). axe-core is the copy bundled in the pinned
axe-playwright-python package (requirements-test.txt), so a new axe release cannot change the verdict.
Screenshots of every page type land in tests/screenshots/ for people to look at.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from browser_support import PHONE, BrowserSession, axe_source, describe_violations, run_axe, screenshot
from hooks.model import Competency, Model
from hooks.site.render import (
    INTERVIEW_KITS,
    PROFILES_OVERVIEW,
    competency_kit_path,
    competency_path,
    group_path,
    level_view_path,
    profile_kit_path,
    profile_path,
)
from hooks.source.load import load_model
from hooks.source.siteconfig import read_mkdocs_yml
from pagefind_index import indexed_pages

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr")
SCHEMES = ("light", "dark")

#: Every kind of page a reader meets, by a name used in test ids and screenshot names.
PAGE_TYPES = ("home", "model", "group", "competency", "levels", "at-a-glance", "dictionary", "downloads",
              "changes", "using", "faq", "about", "accessibility", "profiles", "profile",
              "level-view", "interview-kits", "competency-kit", "profile-kit",
              "self-assessment")
#: Pages so long that a picture of the first screen is enough (a full-page one takes seconds).
LONG_PAGES = {"dictionary"}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(PROJECT / "model", PROJECT)


@pytest.fixture(scope="module")
def axe_script() -> str:
    script, version = axe_source()
    assert version == "axe v4.12.1", f"the pinned axe-playwright-python bundles {version!r}; update the pin knowingly"
    return script


def url_path(source_path: str) -> str:
    """The URL path, inside a language folder, of a page's source path (``group/comp.md`` → ``group/comp/``)."""
    stem = source_path.removesuffix(".md").removesuffix("index")
    return stem if not stem or stem.endswith("/") else stem + "/"


def page_path(page_type: str, model: Model, language: str) -> str:
    """The path, from the site root, of the page of this type shown in the tests."""
    sources = {"home": "index.md", "model": "model/index.md", "group": group_path(model.groups[0]),
               "competency": competency_path(model.competencies[0]), "profiles": PROFILES_OVERVIEW,
               # The profile asking the most competencies: the longest profile page.
               "profile": profile_path(max(model.profiles, key=lambda profile: len(profile.expectations))),
               "level-view": level_view_path(model.levels[len(model.levels) // 2]), "interview-kits": INTERVIEW_KITS,
               "competency-kit": competency_kit_path(model.competencies[0]),
               **({"profile-kit": profile_kit_path(model.profiles[0])} if model.profiles else {})}
    return f"{language}/{url_path(sources.get(page_type, page_type + '.md'))}"


def squeezed(text: str) -> str:
    """Text without any whitespace: PDF text extraction breaks lines and spaces where the layout did."""
    return re.sub(r"\s+", "", text)


def heading(page: Any) -> str:
    """The page's title, without the permalink sign that follows it, nor the soft hyphens of its long words."""
    return str(page.locator("article h1").inner_text()).removesuffix("¶").strip().replace("\u00ad", "")


def assert_no_violations(page: Any, axe_script: str, where: str) -> None:
    violations = run_axe(page, axe_script)
    assert not violations, f"{where}: axe-core found WCAG 2.1 AA violations:\n{describe_violations(violations)}"


# --- Accessibility (axe-core) ---------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_axe_finds_no_wcag_violation(session: BrowserSession, model: Model, axe_script: str,
                                     page_type: str, language: str, scheme: str) -> None:
    path = page_path(page_type, model, language)
    page = session.open(path, color_scheme=scheme)
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected_scheme
    screenshot(page, f"{page_type}-{language}-{scheme}", full_page=scheme == "light" and page_type not in LONG_PAGES)
    assert_no_violations(page, axe_script, f"/{path} ({scheme})")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_wcag_violation_on_the_language_choice(session: BrowserSession, axe_script: str,
                                                            scheme: str) -> None:
    page = session.open("", color_scheme=scheme)
    screenshot(page, f"root-{scheme}")
    assert_no_violations(page, axe_script, f"/ ({scheme})")


RESULT_LINKS = ".pagefind-ui__result-link"


def type_query(page: Any, query: str) -> list[str]:
    """Type into the open search as a person does, wait for the results and return their links."""
    field = page.locator(".pagefind-ui__search-input")
    field.wait_for()
    field.press_sequentially(query)
    page.locator(RESULT_LINKS).first.wait_for(state="visible")
    page.locator(".pagefind-ui__message", has_text=query).wait_for()
    return [str(href) for href in page.locator(RESULT_LINKS).evaluate_all("links => links.map(link => link.href)")]


def open_search(page: Any, query: str) -> list[str]:
    """Open the search from its button in the header, type a query and return the results' links."""
    page.locator(".md-header .cm-search__open").click()
    return type_query(page, query)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_wcag_violation_with_search_results_open(session: BrowserSession, model: Model,
                                                              axe_script: str, language: str, scheme: str) -> None:
    page = session.open(page_path("home", model, language), color_scheme=scheme)
    open_search(page, model.competencies[0].name.values[language])
    screenshot(page, f"search-{language}-{scheme}", full_page=False)
    assert_no_violations(page, axe_script, f"search results on /{language}/ ({scheme})")


# --- Accessibility statement -----------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_accessibility_statement_names_the_contacts_from_mkdocs_yml_and_the_checks(
        session: BrowserSession, model: Model, language: str) -> None:
    extra = read_mkdocs_yml(PROJECT / "mkdocs.yml")["extra"]
    contact = extra["contact"]
    page = session.open(page_path("accessibility", model, language))
    text = " ".join(page.locator("article").inner_text().split())
    organisation = contact.get("organisation")
    # Contact details appear only when mkdocs.yml has them; without them the page says so.
    expected = [f"{contact['response_days']} ", extra["accessibility"]["statement_date"]]
    expected += [value for value in (organisation.get(language) if isinstance(organisation, dict) else organisation,
                                     contact.get("phone")) if value]
    for value in expected:
        assert str(value) in text, f"/{language}/accessibility/ does not show {value!r} from mkdocs.yml"
    if contact.get("email"):
        assert page.locator(f"article a[href='mailto:{contact['email']}']").count() == 1
    else:
        assert page.locator("article a[href^='mailto:']").count() == 1  # the federal Ombudsman's only
        assert {"nl": "nog geen contactadres", "fr": "pas encore d'adresse de contact"}[language] in text
    assert "{{" not in text and "{%" not in text
    # The statement says what the tests check; it must name the axe-core version they run.
    version = axe_source()[1].removeprefix("axe v")
    assert f"axe-core {version}" in text, f"the statement should name axe-core {version}"


# --- Language switch -------------------------------------------------------------------------------

def switch_language(page: Any, language_name: str) -> None:
    link = page.locator(".cm-languages__link", has_text=language_name)
    with page.expect_navigation():
        link.click()


@pytest.mark.parametrize(("language", "other"), [("nl", "fr"), ("fr", "nl")])
def test_the_language_switch_shows_the_languages_as_text(session: BrowserSession, model: Model, language: str,
                                                         other: str) -> None:
    """The page's language is shown as its code (NL), the other as a link (FR); screen readers hear the names."""
    page = session.open(page_path("competency", model, language))
    names = {"nl": "Nederlands", "fr": "Français"}
    current = page.locator(".cm-languages__current")
    assert current.get_attribute("aria-current") == "true"
    # What the eye sees: the code alone, in the header, big enough to read and to tap.
    shown = page.evaluate("""() => [...document.querySelectorAll(".cm-languages__current, .cm-languages__link")]
      .map(element => {
        const box = element.getBoundingClientRect();
        const code = [...element.childNodes].filter(node => node.nodeType === Node.TEXT_NODE)
          .map(node => node.textContent).join("").trim();
        return {code, width: box.width, height: box.height, inHeader: !!element.closest(".md-header")};
      })""")
    assert [entry["code"] for entry in shown] == ["NL", "FR"]
    assert all(entry["inHeader"] and entry["width"] >= 24 and entry["height"] >= 24 for entry in shown), shown
    # What a screen reader hears: the code, then the language's full name, in that language.
    link = page.get_by_role("link", name=f"{other.upper()} – {names[other]}")
    assert link.get_attribute("hreflang") == other
    assert page.locator(f".cm-languages__item[lang='{other}'] a").count() == 1
    assert names[language] in current.text_content()
    screenshot(page, f"language-switch-{language}", full_page=False)


@pytest.mark.parametrize("page_type", ["competency", "profile"])
def test_language_switch_lands_on_the_same_page_and_back(session: BrowserSession, model: Model, page_type: str) -> None:
    shown = model.competencies[-1] if page_type == "competency" else model.profiles[-1]
    path = url_path(competency_path(shown) if isinstance(shown, Competency) else profile_path(shown))
    page = session.open(f"nl/{path}")
    assert heading(page) == shown.name.values["nl"]
    switch_language(page, "Français")
    assert page.url == f"{session.site_url}fr/{path}"
    assert page.locator("html").get_attribute("lang") == "fr"
    assert heading(page) == shown.name.values["fr"]
    switch_language(page, "Nederlands")
    assert page.url == f"{session.site_url}nl/{path}"
    assert heading(page) == shown.name.values["nl"]


# --- Search ---------------------------------------------------------------------------------------

def result_pages(links: list[str]) -> list[str]:
    """The pages of search results, in order, without the sections and highlight parameters."""
    pages: list[str] = []
    for link in links:
        page = re.sub(r"[?#].*", "", link)
        if page not in pages:
            pages.append(page)
    return pages


def indexed_words(site: Path, language: str, url: str) -> set[str]:
    """The words of one page as indexed (``url`` inside the language folder, such as ``/levels/``)."""
    page = next(page for page in indexed_pages(site, language) if page.url == url)
    return set(re.findall(r"\w+", f"{page.meta['title']} {page.content}".lower()))


def search_requests(session: BrowserSession) -> set[str]:
    """The paths of every search file the pages have asked for so far."""
    return {urlsplit(url).path for url in session.requests if "/pagefind/" in urlsplit(url).path}


@pytest.mark.parametrize(("language", "query", "expected", "needs_stemming"), [
    ("nl", "samenwerkt", "samenwerken", False),
    ("nl", "samenwerkend", "samenwerken", True),
    ("nl", "beslissingen", "beslissen", False),
    ("fr", "décidera", "beslissen", True),  # Décider
    ("fr", "décisions", "beslissen", False),
])
def test_search_finds_the_competency_in_the_pages_language_only(
        session: BrowserSession, model: Model, real_site: Path,
        language: str, query: str, expected: str, needs_stemming: bool) -> None:
    wanted = model.competency(expected)
    if needs_stemming:  # the page does not hold the word as typed: only its stem can find it
        words = indexed_words(real_site, language, "/" + url_path(competency_path(wanted)))
        assert query not in words, f"{query!r} is on the page: finding it proves no stemming"
    page = session.open(page_path("home", model, language))
    links = open_search(page, query)
    language_folder = f"{session.site_url}{language}/"
    assert all(link.startswith(language_folder) for link in links), f"results of another language: {links}"
    target = language_folder + url_path(competency_path(wanted))
    # First: above every page that only mentions the word, the group page and the home page among them.
    assert result_pages(links)[0] == target, f"{query!r}: expected {target} first, found {result_pages(links)}"
    first = page.locator(".pagefind-ui__result").first
    assert first.locator(".pagefind-ui__result-inner > .pagefind-ui__result-title a").inner_text() == (
        wanted.name.values[language])
    group_label = {"nl": "Groep", "fr": "Groupe"}[language]
    assert first.locator(".pagefind-ui__result-tag").inner_text().strip() == (
        f"{group_label}: {wanted.group.name.values[language]}")
    assert first.locator("mark").count() > 0, "the excerpt does not highlight the words found"
    # Sections that matched link to their heading.
    sections = [link for link in links if link.startswith(target + "#")]
    assert sections, f"{query!r}: no result links to a heading of {target}"
    session.goto(page, sections[0].removeprefix(session.site_url))
    assert page.locator(f"[id='{urlsplit(sections[0]).fragment}']").count() == 1
    assert {path.split("/pagefind/")[0] for path in search_requests(session)} == {f"/{language}"}


@pytest.mark.parametrize(("language", "other"), [("nl", "fr"), ("fr", "nl")])
def test_search_does_not_find_pages_of_the_other_language(session: BrowserSession, model: Model,
                                                          language: str, other: str) -> None:
    page = session.open(page_path("home", model, language))
    page.locator(".md-header .cm-search__open").click()
    query = model.competency("beslissen").name.values[other]
    page.locator(".pagefind-ui__search-input").press_sequentially(query)
    page.locator(".pagefind-ui__message", has_text=query).wait_for()
    page.wait_for_timeout(500)
    titles = page.locator(".pagefind-ui__result-inner > .pagefind-ui__result-title").all_inner_texts()
    assert query not in titles, f"searching {query!r} on /{language}/ found the {other} page: {titles}"
    links = page.locator(RESULT_LINKS).evaluate_all("links => links.map(link => link.href)")
    assert all(link.startswith(f"{session.site_url}{language}/") for link in links), links
    assert {path.split("/pagefind/")[0] for path in search_requests(session)} == {f"/{language}"}


def test_a_word_of_two_letters_is_searched_once_the_reader_pauses(session: BrowserSession, model: Model) -> None:
    """A term shorter than three letters reaches Pagefind's interface after a pause (search.js), so that typing
    a word does not load the index of its first letters; a short word is still searched."""
    page = session.open(page_path("home", model, "fr"))
    links = open_search(page, "RH")
    assert any("/fr/" in link and "#dans-les-processus-rh" in link for link in links), links


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_view_without_search_loads_nothing_of_the_search_index(session: BrowserSession, model: Model,
                                                                       language: str) -> None:
    page = session.open(page_path("competency", model, language))
    for page_type in ("home", "group", "dictionary"):
        session.goto(page, page_path(page_type, model, language))
    page.wait_for_timeout(500)
    assert page.locator(".md-header .cm-search__open").is_visible()
    assert search_requests(session) == set(), search_requests(session)


def test_without_javascript_the_page_works_and_offers_no_search(browser: Any, site_url: str, model: Model) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + page_path("competency", model, "nl"))
        assert heading(page) == model.competencies[0].name.values["nl"]
        assert page.locator(".cm-search__open").count() == 0 or not page.locator(".cm-search__open").is_visible()
        assert page.get_by_role("button", name="Zoeken").count() == 0
    finally:
        context.close()


# --- Keyboard --------------------------------------------------------------------------------------

FOCUSED = """() => {
  const focused = document.activeElement;
  // The colour-scheme switch is a hidden radio button; its label, next to it, shows the focus.
  const shown = focused.matches(".md-option") ? focused.nextElementSibling : focused;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    tag: focused.tagName.toLowerCase(), classes: focused.className, text: (focused.innerText || "").trim(),
    inMain: !!focused.closest(".md-content"), inLanguageSwitch: !!focused.closest(".cm-languages"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    visible: box.width > 0 && box.height > 0 && style.visibility !== "hidden",
  };
}"""


def test_skip_link_reaches_the_main_content_and_focus_is_visible(session: BrowserSession, model: Model) -> None:
    page = session.open(page_path("competency", model, "nl"))
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert "md-skip" in skip["classes"] and skip["visible"] and skip["outline"], skip
    screenshot(page, "keyboard-skip-link-nl", full_page=False)
    page.keyboard.press("Enter")
    heading_id = page.locator("article h1").get_attribute("id")
    assert page.url.endswith(f"#{heading_id}")
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUSED)
    assert after["inMain"] and after["outline"], f"Tab after the skip link should stay in the content: {after}"


def test_tab_reaches_the_language_switch_and_the_search_with_visible_focus(session: BrowserSession,
                                                                            model: Model) -> None:
    page = session.open(page_path("competency", model, "fr"))
    reached: list[dict[str, Any]] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        reached.append(focused)
        if focused["inMain"]:
            break
    invisible = [focused for focused in reached if not (focused["visible"] and focused["outline"])]
    assert not invisible, f"focus is not visible on: {invisible}"
    assert any("cm-search__open" in focused["classes"] for focused in reached), reached
    switch = [focused for focused in reached if focused["tag"] == "a" and focused["inLanguageSwitch"]]
    assert switch, f"Tab never reached the language switch: {reached}"
    # On a French page the switch offers Dutch; French is the page's own language, not a link.
    languages = [" ".join(focused["text"].split()) for focused in switch]
    assert languages == ["NL – Nederlands"], languages


SEARCH_LABELS = {"nl": ("Zoeken", "Zoeken op deze site"), "fr": ("Rechercher", "Rechercher sur ce site")}


@pytest.mark.parametrize(("language", "shortcut", "query"), [
    ("nl", "/", "samenwerkt"), ("fr", "s", "décisions"), ("nl", "f", "beslissingen")])
def test_the_keyboard_alone_opens_the_search_and_follows_a_result(session: BrowserSession, model: Model,
                                                                  language: str, shortcut: str, query: str) -> None:
    from playwright.sync_api import expect

    button_name, dialog_name = SEARCH_LABELS[language]
    page = session.open(page_path("competency", model, language))
    assert page.get_by_role("button", name=button_name).get_attribute("aria-keyshortcuts") == "/ s f"
    page.keyboard.press(shortcut)
    dialog = page.get_by_role("dialog", name=dialog_name)
    expect(dialog).to_be_visible()
    expect(page.locator(".pagefind-ui__search-input")).to_be_focused()
    page.keyboard.type(query)
    page.locator(RESULT_LINKS).first.wait_for(state="visible")
    page.locator(".pagefind-ui__message", has_text=query).wait_for()
    expect(page.locator(".cm-search__status")).to_contain_text(query)  # announced to screen readers
    screenshot(page, f"search-keyboard-{language}", full_page=False)
    links = page.locator(RESULT_LINKS)
    page.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(links.nth(0)).to_be_focused()
    assert page.evaluate(FOCUSED)["outline"], "the focused result shows no focus outline"
    target = str(links.nth(0).evaluate("link => link.href"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target


def test_escape_closes_the_search_and_gives_the_focus_back(session: BrowserSession, model: Model) -> None:
    from playwright.sync_api import expect

    page = session.open(page_path("levels", model, "fr"))
    button = page.locator(".md-header .cm-search__open")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.cm-search")
    expect(dialog).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.locator(".pagefind-ui__search-input").press_sequentially("sf/")  # the shortcuts, typed in the field
    expect(page.locator(".pagefind-ui__search-input")).to_have_value("sf/")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("/")  # opens again, the field still holding the last query
    expect(page.locator(".pagefind-ui__search-input")).to_be_focused()
    page.locator(".cm-search__close").click()
    expect(dialog).to_be_hidden()


# --- Phone -----------------------------------------------------------------------------------------

ZOOMED = {"width": 320, "height": 256}
PAGE_WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_horizontal_scrolling_on_a_phone(session: BrowserSession, model: Model,
                                            page_type: str, language: str) -> None:
    page = session.open(page_path(page_type, model, language), viewport=PHONE)
    screenshot(page, f"phone-{page_type}-{language}", full_page=page_type not in LONG_PAGES)
    widths = page.evaluate(PAGE_WIDTHS)
    assert widths[0] <= widths[1], f"{page_type} ({language}): the page is {widths[0]} px wide on a {widths[1]} px screen"


def test_no_horizontal_scrolling_on_a_phone_on_the_language_choice(session: BrowserSession) -> None:
    page = session.open("", viewport=PHONE)
    screenshot(page, "phone-root")
    widths = page.evaluate(PAGE_WIDTHS)
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"


def test_no_horizontal_scrolling_at_400_percent_zoom(session: BrowserSession, model: Model) -> None:
    """WCAG 1.4.10 (Reflow): a 1280 px wide window zoomed to 400 % shows the page 320 CSS px wide."""
    page = session.open("", viewport=ZOOMED)
    too_wide = []
    for path in [""] + [page_path(page_type, model, language) for language in LANGUAGES for page_type in PAGE_TYPES]:
        session.goto(page, path)
        widths = page.evaluate(PAGE_WIDTHS)
        if widths[0] > widths[1]:
            too_wide.append(f"/{path}: {widths[0]} px")
    assert not too_wide, f"wider than {ZOOMED['width']} px: {too_wide}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_button_opens_the_navigation_on_a_phone(session: BrowserSession, model: Model,
                                                         language: str) -> None:
    from playwright.sync_api import expect

    page = session.open(page_path("home", model, language), viewport=PHONE)
    menu_button = page.locator("label.md-header__button[for='__drawer']")
    model_link = page.locator("nav.md-nav--primary a.md-nav__link[href='model/']")
    expect(model_link).not_to_be_in_viewport()
    menu_button.click()
    expect(model_link).to_be_in_viewport(ratio=1)
    page.wait_for_timeout(300)  # let the drawer finish sliding in before the picture is taken
    screenshot(page, f"phone-menu-{language}", full_page=False)
    with page.expect_navigation():
        model_link.click()
    assert page.url == f"{session.site_url}{page_path('model', model, language)}"
    group = model.groups[0]
    group_link = page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{group.id}/']").first
    menu_button.click()
    expect(group_link).to_be_in_viewport(ratio=1)
    expect(group_link).to_contain_text(group.name.values[language])


# --- Print -----------------------------------------------------------------------------------------

def chrome_texts(page: Any) -> list[str]:
    """What the screen shows around the content (navigation titles, search, footer, site name), but for
    texts that also occur in the content, which may of course be printed. The content is compared without
    the soft hyphens that the build puts in the headings' long words (hooks/site/hyphenation.py)."""
    article = squeezed(page.locator("article").inner_text().replace("\u00ad", ""))
    return [text for text in page.evaluate("""() => [
        ...[...document.querySelectorAll(".md-nav__link, .md-footer, .md-copyright, .md-header__topic")]
          .map(element => element.innerText.trim()),
        document.querySelector(".cm-search__open").textContent.trim(),
      ]""") if text and squeezed(text) not in article]


def printed_pages(page: Any) -> list[str]:
    """The text of each page of the page printed on A4 as its own CSS asks (margins, margin boxes), squeezed."""
    from pypdf import PdfReader

    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return [squeezed(pdf_page.extract_text()) for pdf_page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_competency_has_every_indicator_and_no_navigation(session: BrowserSession, model: Model,
                                                                   language: str) -> None:
    from pypdf import PdfReader

    printed = model.competencies[0]
    page = session.open(page_path("competency", model, language))
    chrome = chrome_texts(page)
    assert len(chrome) > 10, chrome
    pdf = page.pdf(format="A4")
    text = squeezed(" ".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(pdf)).pages))
    missing = [indicator for entry in printed.levels for indicator in entry.indicators.values[language]
               if squeezed(indicator) not in text]
    assert not missing, f"indicators missing from the printed page: {missing}"
    for entry in printed.levels:
        assert squeezed(entry.level.name.values[language]) in text
    shown = [piece for piece in chrome if squeezed(piece) in text]
    assert not shown, f"navigation, search or footer text printed: {shown}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_printed_profile_kit_names_the_profile_and_the_version_and_numbers_every_page(
        session: BrowserSession, model: Model, language: str) -> None:
    profile = model.profiles[0]
    page = session.open(page_path("profile-kit", model, language))
    chrome = chrome_texts(page)
    assert len(chrome) > 10, chrome
    pages = printed_pages(page)
    assert len(pages) > len(profile.expectations)  # the scale first, then a page or more per competency
    for number, text in enumerate(pages, start=1):
        assert squeezed(f"{number} / {len(pages)}") in text, f"page {number} has no page number"
        assert squeezed(profile.name.values[language]) in text, f"page {number} does not name the profile"
        assert model.version in text, f"page {number} does not name the model's version"
    printed = "".join(pages)
    missing = [question for expectation in profile.expectations
               for question in expectation.competency.hr_use.selection_questions.values[language]
               if squeezed(question) not in printed]
    assert not missing, f"questions missing from the printed kit: {missing}"
    shown = [piece for piece in chrome if squeezed(piece) in printed]
    assert not shown, f"navigation, search or footer text printed: {shown}"


# --- Privacy ---------------------------------------------------------------------------------------

def test_no_page_makes_a_request_to_another_host(session: BrowserSession, model: Model) -> None:
    page = session.open("")
    for language in LANGUAGES:
        for page_type in PAGE_TYPES:
            session.goto(page, page_path(page_type, model, language))
        open_search(page, model.competencies[0].name.values[language])
    local = [url for url in session.requests if url.startswith(session.site_url)]
    assert any(url.endswith(".pf_fragment") for url in local), "no search result was ever loaded"
    assert not session.foreign_requests(), session.foreign_requests()


#: For every line break inside a heading, the characters either side of it: a break is allowed only
#: after a space, a hyphen or a soft hyphen (where the browser then shows a hyphen).
HEADING_BREAKS = """() => {
  const breaks = [];
  for (const heading of document.querySelectorAll("article h1, article h2, article h3")) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    let previous = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".headerlink")) continue;
      for (let index = 0; index < node.length; index++) {
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        // The last box: a soft hyphen's range can also hold the hyphen shown at the line's end.
        const box = [...range.getClientRects()].filter(rect => rect.width > 0).pop();
        // A space or soft hyphen at a line's end may have no width: it still counts as the character before.
        if (box && previous && box.top > previous.top + previous.height / 2) {
          breaks.push({heading: heading.textContent.replace(/\\u00ad/g, ""), before: previous.character,
                       after: node.data[index]});
        }
        if (box) previous = {top: box.top, height: box.height, character: node.data[index]};
        else if (previous) previous.character = node.data[index];
      }
    }
  }
  return breaks;
}"""
ALLOWED_BEFORE_BREAK = {" ", "-", "\u00ad", "\u2010", "/", "\u2013", "\u2014"}


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("language", LANGUAGES)
def test_long_titles_break_with_a_hyphen_on_a_phone(session: BrowserSession, model: Model, language: str,
                                                    width: int) -> None:
    """At 320 and 375 px no heading breaks inside a word without a hyphen, and nothing scrolls sideways."""
    page = session.open(f"{language}/", viewport={"width": width, "height": 740})
    broken = []
    for path in ["accessibility", "dictionary", "downloads", "levels", page_path("competency", model, language)]:
        session.goto(page, path if path.startswith(f"{language}/") else f"{language}/{path}/")
        widths = page.evaluate(PAGE_WIDTHS)
        assert widths[0] <= widths[1], f"{path} ({language}, {width} px): {widths[0]} px wide"
        broken += [entry for entry in page.evaluate(HEADING_BREAKS) if entry["before"] not in ALLOWED_BEFORE_BREAK]
        screenshot(page, f"hyphenation-{language}-{width}-{path.strip('/').replace('/', '-')}", full_page=False)
    assert not broken, f"headings broken inside a word without a hyphen at {width} px: {broken}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_leads_with_the_model_and_the_two_ways_in(session: BrowserSession, model: Model,
                                                                language: str) -> None:
    """Before any explanatory text: "find a competency" with the model drawn, then "see what a level asks"."""
    page = session.open(f"{language}/", viewport=PHONE)
    order = page.evaluate("""() => [...document.querySelectorAll("article [data-pagefind-body] > *")]
      .map(element => element.matches(".cm-home") ? "lead" : element.tagName.toLowerCase())""")
    assert order[:2] == ["h1", "lead"], order
    lead = page.locator("article .cm-home")
    headings = [text.strip() for text in lead.locator("h2").all_inner_texts()]
    expected = {"nl": ["Vind een competentie", "Bekijk wat een niveau vraagt"],
                "fr": ["Trouver une compétence", "Voir ce que demande un niveau"]}[language]
    assert [text.replace("\u00ad", "").removesuffix("¶").strip() for text in headings] == expected
    # The first way in: every group and competency of the model, drawn.
    tiles = lead.locator("nav.cm-model a:not(.headerlink)")
    assert tiles.count() == len(model.groups) + len(model.competencies)
    # The second: every level with its description, leading to what each competency asks at that level.
    levels = lead.locator(".cm-home__levels a")
    assert levels.count() == len(model.levels)
    screenshot(page, f"home-lead-{language}", full_page=False)
    last = model.levels[-1]
    with page.expect_navigation():
        levels.last.click()
    assert page.url == f"{session.site_url}{language}/levels/{last.id}/"
    assert last.name.values[language] in heading(page)
    # The first competency is one tap away from the home page.
    session.goto(page, f"{language}/")
    first = model.competencies_in(model.groups[0])[0]
    with page.expect_navigation():
        lead.locator("nav.cm-model li a").first.click()
    assert heading(page) == first.name.values[language]
