"""Each page's head: its own plain-text description, a title that names the site once, and Open Graph
in its language. The text helpers (tier 1) and every page of the built site (tier 3)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from hooks.model import Model
from hooks.site.pagemeta import (
    DESCRIPTION_LIMIT,
    document_title,
    generated_description,
    markdown_text,
    page_description,
    shorten,
    summary,
)
from hooks.site.redirects import MARKER
from hooks.site.render import competency_path, group_path, site_pages
from hooks.source.labels import Labels
from hooks.source.load import load_model
from soup import attr, one

PROJECT = Path(__file__).resolve().parents[1]
SITE_NAMES = {"nl": "Federaal competentiemodel", "fr": "Modèle fédéral de compétences"}
LOCALES = {"nl": "nl_BE", "fr": "fr_BE"}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(PROJECT / "model", PROJECT)


# --- Tier 1: the text helpers -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("short enough", "short enough"),
    ("one two three four five six", "one two…"),
    ("one two thre four", "one two thre…"),  # the word before the limit ends exactly there
    ("one two, three four five six", "one two…"),  # no comma before the ellipsis
    ("onetwothreefourfivesix", "onetwothreef…"),  # one long word is cut inside it
    ("  spaced\n  out  ", "spaced out"),
])
def test_shorten_cuts_at_a_word_within_the_limit(text: str, expected: str) -> None:
    shortened = shorten(text, 13)
    assert shortened == expected
    assert len(shortened) <= 13


@pytest.mark.parametrize(("markdown", "expected"), [
    ("Je *neemt* **tijdig** [beslissingen](https://example.org).", "Je neemt tijdig beslissingen."),
    ("- een\n- twee", "een twee"),
    ("A & B < C", "A & B < C"),
    ("`code` and &amp;", "code and &"),
])
def test_markdown_text_is_plain(markdown: str, expected: str) -> None:
    assert markdown_text(markdown) == expected


@pytest.mark.parametrize(("html", "expected"), [
    ('<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Intro <em>here</em>.</p><h2>Part</h2><p>Body</p>',
     "Intro here."),
    ('<div class="admonition note"><p class="admonition-title">Note</p><p>Aside</p></div><p>Intro</p>', "Intro"),
    ('<h1>FAQ</h1><h2 id="a">Why?<a class="headerlink" href="#a">¶</a></h2><p>Because.</p><h2>How</h2><p>So.</p>',
     "Why? How."),
    ("<h1>Nothing else</h1>", ""),
])
def test_summary_is_the_introduction_or_else_the_sections(html: str, expected: str) -> None:
    assert summary(html) == expected


def test_page_description_prefers_the_pages_own_then_front_matter_then_its_text() -> None:
    html = "<p>From the text.</p>"
    assert page_description(html, own="Own.", front_matter="Front *matter*.", fallback="F") == "Own."
    assert page_description(html, own=None, front_matter="Front *matter*.", fallback="F") == "Front matter."
    assert page_description(html, own=None, front_matter=None, fallback="F") == "From the text."
    assert page_description(html, own=None, front_matter=["not", "text"], fallback="F") == "From the text."
    assert page_description("", own=None, front_matter=None, fallback="Fallback.") == "Fallback."
    assert len(page_description("<p>" + "word " * 100 + "</p>", own=None, front_matter=None,
                                fallback="")) <= DESCRIPTION_LIMIT


@pytest.mark.parametrize(("page_title", "expected"), [
    ("Federaal competentiemodel", "Federaal competentiemodel"),
    ("", "Federaal competentiemodel"),
    ("Beslissen", "Beslissen - Federaal competentiemodel"),
    ("Rock &amp; roll", "Rock & roll - Federaal competentiemodel"),
])
def test_document_title_names_the_site_once(page_title: str, expected: str) -> None:
    assert document_title(page_title, "Federaal competentiemodel") == expected


def test_generated_descriptions_come_from_the_model(model: Model) -> None:
    labels = Labels("nl", "docs/nl/labels.yml", {"dictionary_intro": "The *whole* dictionary."})
    pages = {page.path: page for page in site_pages(model)}
    competency, group = model.competencies[0], model.groups[0]
    assert generated_description(pages[competency_path(competency)], model, "fr", labels) == markdown_text(
        competency.definition.values["fr"])
    assert generated_description(pages[group_path(group)], model, "nl", labels) == markdown_text(
        group.description.values["nl"])
    assert generated_description(pages["dictionary.md"], model, "nl", labels) == "The *whole* dictionary."
    assert generated_description(pages["levels.md"], model, "nl", labels) is None


# --- Tier 3: every page of the built site -----------------------------------------------------------

def _heads(site: Path, language: str) -> dict[str, Tag]:
    """The head of every page of a language (redirects left out), by its path in the language folder."""
    heads = {}
    for html in sorted((site / language).rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        if MARKER not in text:
            head = BeautifulSoup(text, "html.parser").head
            assert head is not None, html
            heads[html.parent.relative_to(site / language).as_posix()] = head
    return heads


def _meta(head: Tag, selector: str) -> str:
    return attr(one(head, selector), "content")


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_page_has_its_own_plain_short_description(real_site: Path, language: str) -> None:
    descriptions = {path: _meta(head, 'meta[name="description"]') for path, head in _heads(real_site, language).items()}
    for path, description in descriptions.items():
        assert description.strip(), path
        assert len(description) <= DESCRIPTION_LIMIT, path
        assert not any(mark in description for mark in ("<", ">", "*", "](", "{{", "¶")), (path, description)
    repeated = [text for text, count in Counter(descriptions.values()).items() if count > 1]
    assert not repeated, f"descriptions shared by several pages: {repeated}"


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_competency_and_group_pages_are_described_by_the_model(real_site: Path, model: Model, language: str) -> None:
    heads = _heads(real_site, language)
    for competency in model.competencies:
        head = heads[competency_path(competency).removesuffix(".md")]
        assert _meta(head, 'meta[name="description"]') == shorten(markdown_text(competency.definition.values[language]))
    for group in model.groups:
        head = heads[group.id]
        assert _meta(head, 'meta[name="description"]') == shorten(markdown_text(group.description.values[language]))


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_titles_name_the_site_once_and_open_graph_speaks_the_pages_language(real_site: Path, language: str) -> None:
    site_name = SITE_NAMES[language]
    other = next(code for code in LOCALES if code != language)
    for path, head in _heads(real_site, language).items():
        title = one(head, "title").get_text()
        assert title.count(site_name) == 1, (path, title)
        assert title == site_name if path == "." else title.endswith(f" - {site_name}"), (path, title)
        # The <title> is French-typeset text (no-break spaces); attributes such as og:title are left as written.
        plain_title = title.replace("\u202f", " ").replace("\u00a0", " ")
        assert _meta(head, 'meta[property="og:title"]') == plain_title.removesuffix(f" - {site_name}")
        assert _meta(head, 'meta[property="og:description"]') == _meta(head, 'meta[name="description"]')
        assert _meta(head, 'meta[property="og:locale"]') == LOCALES[language]
        assert _meta(head, 'meta[property="og:locale:alternate"]') == LOCALES[other]
        assert _meta(head, 'meta[property="og:site_name"]') == site_name
