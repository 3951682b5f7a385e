"""French typography: no-break spaces before ; : ! ? and inside « », on French text nodes only."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hooks.site.state import language_choice_page, load_site
from hooks.site.typography import NARROW_NO_BREAK_SPACE as NNBSP
from hooks.site.typography import NO_BREAK_SPACE as NBSP
from hooks.site.typography import french_spacing, french_typography
from hooks.source.labels import Labels
from hooks.source.siteconfig import SiteLanguage
from soup import attr, one

PROJECT = Path(__file__).resolve().parents[1]

# --- The text rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "typeset"), [
    ("Groupe:", f"Groupe{NBSP}:"),
    ("Groupe : Collaborer", f"Groupe{NBSP}: Collaborer"),
    (f"Groupe{NBSP}: Collaborer", f"Groupe{NBSP}: Collaborer"),
    ("Vraiment ?", f"Vraiment{NNBSP}?"),
    ("Vraiment?", f"Vraiment{NNBSP}?"),
    ("Attention !", f"Attention{NNBSP}!"),
    ("un ; deux", f"un{NNBSP}; deux"),
    (f"un{NBSP}; deux", f"un{NNBSP}; deux"),
    ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
    ("« pull request »", f"«{NNBSP}pull request{NNBSP}»"),
    ("«pull request»", f"«{NNBSP}pull request{NNBSP}»"),
    ("« Oui ? »", f"«{NNBSP}Oui{NNBSP}?{NNBSP}»"),
    (" : après un lien", f"{NBSP}: après un lien"),         # a run that follows an element
    (" ? après un lien", f"{NNBSP}? après un lien"),
])
def test_french_spacing_replaces_or_adds_the_no_break_space(written: str, typeset: str) -> None:
    assert french_spacing(written) == typeset


@pytest.mark.parametrize("text", [
    "à 10:30 précises",                         # a time
    "un rapport de 1:2",                        # a ratio
    "https://bosa.belgium.be/fr?page=1",        # a URL written as text
    "voir www.mediateurfederal.be?x",           # a domain written as text
    "écrivez à hr@example.org",                 # an e-mail address
    "mailto:hr@example.org",
    "(?)",                                      # nothing to space from
    "",
])
def test_french_spacing_leaves_times_urls_and_addresses_alone(text: str) -> None:
    assert french_spacing(text) == text


# --- On HTML: text nodes only ---------------------------------------------------------------------


def test_only_french_prose_text_nodes_change() -> None:
    page = ('<html lang="fr"><head><title>Titre ?</title><script>var a = "x ?"; b:c</script>'
            '<style>a:hover{color:red}</style></head><body>'
            '<p title="Oui ?">Groupe: <a href="https://x.org/a?b=1">https://x.org/a?b=1</a></p>'
            '<p><code>a ? b</code> &amp; x ? <span lang="nl">Groep: ja!</span></p><pre>x ?</pre></body></html>')
    assert french_typography(page) == (
        f'<html lang="fr"><head><title>Titre{NNBSP}?</title><script>var a = "x ?"; b:c</script>'
        '<style>a:hover{color:red}</style></head><body>'
        f'<p title="Oui ?">Groupe{NBSP}: <a href="https://x.org/a?b=1">https://x.org/a?b=1</a></p>'
        f'<p><code>a ? b</code> &amp; x{NNBSP}? <span lang="nl">Groep: ja!</span></p><pre>x ?</pre></body></html>')


def test_the_space_after_an_inline_element_becomes_no_break() -> None:
    assert french_typography('<p lang="fr">la <a href="g">méthode STAR</a> : faites</p>') == \
        f'<p lang="fr">la <a href="g">méthode STAR</a>{NBSP}: faites</p>'


def test_a_fragment_takes_the_language_it_is_given() -> None:
    assert french_typography("<p>Oui ?</p>", "fr") == f"<p>Oui{NNBSP}?</p>"
    assert french_typography("<p>Ja ?</p>", "nl") == "<p>Ja ?</p>"
    assert french_typography('<p lang="fr">Oui ?</p><p lang="nl">Ja ?</p>') == f'<p lang="fr">Oui{NNBSP}?</p><p lang="nl">Ja ?</p>'


def test_markup_comments_and_references_are_copied_as_they_are() -> None:
    page = '<!doctype html><!-- a ? b --><p lang="fr">Ça&nbsp;? <br/>Et&#160;: <img alt="x ?"></p>'
    # "&#160;:" is already right, and stays as it was written.
    assert french_typography(page) == f'<!doctype html><!-- a ? b --><p lang="fr">Ça{NNBSP}? <br/>Et&#160;: <img alt="x ?"></p>'


# --- On the built site ------------------------------------------------------------------------------


def _competency_page(site: Path, language: str) -> Path:
    return next(path for path in sorted((site / language).glob("*/*/index.html")) if "cm-group-link" in path.read_text())


def test_a_french_competency_page_is_typeset(real_site: Path) -> None:
    html = _competency_page(real_site, "fr").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert one(soup, ".cm-group-link").get_text().startswith(f"Groupe{NBSP}:")
    article = one(soup, "article").get_text()
    for mark in ";!?":
        assert f" {mark}" not in article, f"a breaking space before {mark!r} is left in the French page"
    assert f"{NNBSP}?" in article
    # Scripts, and the addresses in attributes, are untouched.
    for script in soup.select("script"):
        assert NNBSP not in script.get_text() and NBSP not in script.get_text()
    for link in soup.select("a[href]"):
        assert NNBSP not in attr(link, "href") and NBSP not in attr(link, "href")


def test_dutch_pages_are_not_typeset(real_site: Path) -> None:
    dutch = _competency_page(real_site, "nl").read_text(encoding="utf-8")
    assert NNBSP not in dutch
    assert "Groep: " in one(BeautifulSoup(dutch, "html.parser"), ".cm-group-link").get_text()


def test_the_language_choice_page_typesets_its_french_parts() -> None:
    site = load_site(PROJECT, PROJECT / "docs", [SiteLanguage("nl", "Nederlands", True), SiteLanguage("fr", "Français", False)])
    labels = {code: Labels(code, own.source, dict(own.values, not_found_text="Perdu ? Oui !"))
              for code, own in site.labels.items()}
    soup = BeautifulSoup(language_choice_page(site.model, site.languages, labels, not_found=True), "html.parser")
    assert one(soup, 'p[lang="fr"]').get_text() == f"Perdu{NNBSP}? Oui{NNBSP}!"
    assert one(soup, 'p[lang="nl"]').get_text() == "Perdu ? Oui !"


def test_inline_icons_are_skipped_and_the_text_after_them_is_not() -> None:
    page = '<p lang="fr"><svg viewBox="0 0 24 24"><title>Icône ?</title><path d="M1 2"/></svg> Suivant ?</p>'
    assert french_typography(page) == \
        f'<p lang="fr"><svg viewBox="0 0 24 24"><title>Icône ?</title><path d="M1 2"/></svg> Suivant{NNBSP}?</p>'
