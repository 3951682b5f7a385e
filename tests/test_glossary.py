"""The glossary: its file, its page in every language, and the links from generated pages."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from hooks.model import GlossaryTerm, Translated
from hooks.site.glossary import link_terms, term_links
from hooks.source.load import load_model, read_sources, validate_sources
from soup import attr

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr")
MODEL = load_model(PROJECT / "model", PROJECT)


def _term(term_id: str, nl: list[str], fr: list[str] | None = None) -> GlossaryTerm:
    return GlossaryTerm(term_id, Translated({"nl": nl[0]}), Translated({"nl": tuple(nl), "fr": tuple(fr or [])}),
                        Translated({"nl": "…"}))


TERMS = [_term("evaluatiecyclus", ["evaluatiecyclus"]), _term("gesprek", ["evaluatiecyclusgesprek*"]),
         _term("star", ["STAR-methode"]), _term("profiel", ["competentieprofiel*"])]


def _linked(html: str, language: str = "nl") -> str:
    return link_terms(html, term_links(TERMS, language), "../glossary/", language)


# --- Linking ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("html", "linked"), [
    # the first occurrence only, in its own case, and the longer word is another term
    ("<p>De evaluatiecyclus en het evaluatiecyclusgesprek. Elke evaluatiecyclus.</p>",
     '<p>De <a class="cm-term" href="../glossary/#evaluatiecyclus">evaluatiecyclus</a> en het '
     '<a class="cm-term" href="../glossary/#gesprek">evaluatiecyclusgesprek</a>. Elke evaluatiecyclus.</p>'),
    # a form ending in * takes any ending
    ("<li>Competentieprofielen &amp; meer</li>",
     '<li><a class="cm-term" href="../glossary/#profiel">Competentieprofielen</a> &amp; meer</li>'),
    # not in headings, links or code; the first occurrence in prose is linked instead
    ('<h2>STAR-methode</h2><p><a href="x">STAR-methode</a> <code>STAR-methode</code> en de STAR-methode.</p>',
     '<h2>STAR-methode</h2><p><a href="x">STAR-methode</a> <code>STAR-methode</code> en de '
     '<a class="cm-term" href="../glossary/#star">STAR-methode</a>.</p>'),
    # not in a text of another language (a fallback)
    ('<p><span lang="fr">evaluatiecyclus</span> evaluatiecyclus</p>',
     '<p><span lang="fr">evaluatiecyclus</span> <a class="cm-term" href="../glossary/#evaluatiecyclus">'
     'evaluatiecyclus</a></p>'),
    # not inside a longer word
    ("<p>de evaluatiecyclusachtige</p>", "<p>de evaluatiecyclusachtige</p>"),
])
def test_each_term_is_linked_where_it_first_appears_in_prose(html: str, linked: str) -> None:
    assert _linked(html) == linked


def test_a_language_without_forms_links_nothing() -> None:
    assert _linked("<p>evaluatiecyclus</p>", "fr") == "<p>evaluatiecyclus</p>"


# --- The glossary file -------------------------------------------------------------------------------


def test_every_term_is_explained_in_every_language() -> None:
    assert len(MODEL.glossary) >= 12
    for term in MODEL.glossary:
        for language in LANGUAGES:
            assert term.term.values.get(language) and term.definition.values.get(language), term.id
            assert term.forms.values.get(language), term.id


def test_a_duplicate_term_id_is_reported_where_it_is(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "model", tmp_path / "model", symlinks=True)
    glossary = tmp_path / "model" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("  - id: evaluator\n", "  - id: evaluatiecyclus\n"), encoding="utf-8")
    line = text.split("\n").index("  - id: evaluator") + 1
    sources, problems = read_sources(tmp_path / "model", tmp_path)
    problems += validate_sources(sources, LANGUAGES)
    assert [str(problem) for problem in problems] == [
        f"model/glossary.yaml:{line}:9: terms[5].id: the term id 'evaluatiecyclus' is already used at "
        "model/glossary.yaml:8:9"]


def test_a_model_without_glossary_is_fine(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "model", tmp_path / "model", symlinks=True)
    (tmp_path / "model" / "glossary.yaml").unlink()
    assert load_model(tmp_path / "model", tmp_path).glossary == ()


# --- The built site -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_page_lists_every_term_in_alphabetical_order(real_site: Path, language: str) -> None:
    soup = BeautifulSoup((real_site / language / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = soup.select("article h2")
    assert {heading["id"] for heading in headings} == {term.id for term in MODEL.glossary}
    names = [heading.get_text().strip().replace("\u00ad", "").casefold() for heading in headings]
    assert names[0] < names[-1]
    assert soup.select_one('nav a[href$="glossary/"]') is not None, "the glossary is in the navigation"


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_pages_link_their_terms_to_the_glossary(real_site: Path, language: str) -> None:
    anchors = {term.id for term in MODEL.glossary}
    pages = [real_site / language / "levels" / "index.html", real_site / language / "model" / "index.html",
             *sorted((real_site / language).glob("*/*/index.html"))]
    seen = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("article a.cm-term")
        hrefs = [attr(link, "href") for link in links]
        assert len(hrefs) == len(set(hrefs)), f"a term is linked twice on {page}"
        for link in links:
            assert link.find_parent(["h1", "h2", "h3", "h4", "a", "code"]) is None
            target = urlsplit(urljoin(page.relative_to(real_site).as_posix(), attr(link, "href")))
            assert target.path == f"{language}/glossary/" and target.fragment in anchors
        seen += len(links)
    assert seen > 0
    # The dictionary and the overview table stay as they are.
    assert "cm-term" not in (real_site / language / "dictionary" / "index.html").read_text(encoding="utf-8")
