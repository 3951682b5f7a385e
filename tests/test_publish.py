"""The publisher's settings: status notice, contact details shown only when configured, and --publish."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hooks.check import main as check_main
from hooks.problems import ModelError
from hooks.site.state import fill_placeholders
from hooks.source.publishing import publish_problems, read_site_settings, settings_problems, status_notice, training_offer
from hooks.source.siteconfig import SiteLanguage
from soup import attr, one

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = [SiteLanguage("nl", "Nederlands", True), SiteLanguage("fr", "Français", False)]
EXTRA = {"contact": {"email": "hr@dienst.be", "organisation": {"nl": "Dienst HR"}, "response_days": 10}}


# --- Block conditions in handwritten pages -----------------------------------------------------------


@pytest.mark.parametrize(("language", "markdown", "filled"), [
    ("nl", "A\n{% if contact.email %}\nMail {{ contact.email }}.\n{% endif %}\nB", "A\nMail hr@dienst.be.\nB"),
    ("nl", "{% if contact.phone %}\nBel {{ contact.phone }}.\n{% else %}\nGeen nummer.\n{% endif %}", "Geen nummer."),
    # a value given per language counts in the languages it has
    ("nl", "{% if contact.organisation %}\n{{ contact.organisation }}\n{% endif %}", "Dienst HR"),
    ("fr", "{% if contact.organisation %}\n{{ contact.organisation }}\n{% else %}\nPersonne.\n{% endif %}", "Personne."),
    # conditions nest; an inner block in a dropped branch is dropped with it
    ("nl", "{% if contact.email %}\n{% if contact.phone %}\nbeide\n{% else %}\nalleen mail\n{% endif %}\n{% endif %}",
     "alleen mail"),
    ("nl", "{% if contact.phone %}\n{% if contact.email %}\nbeide\n{% endif %}\n{% else %}\ngeen telefoon\n{% endif %}",
     "geen telefoon"),
    ("nl", "  {%- if contact.email -%}  \nja\n{% endif %}", "ja"),
])
def test_block_conditions_keep_the_configured_branch(language: str, markdown: str, filled: str) -> None:
    assert fill_placeholders(markdown, EXTRA, language, "docs/x/page.md") == filled


@pytest.mark.parametrize(("markdown", "messages"), [
    ("Tekst\n{% if contact.email %}\nja\n", ["docs/nl/p.md:2:1: this {% if %} has no {% endif %}: close it on a line "
                                            "of its own"]),
    ("ja\n  {% endif %}\n", ["docs/nl/p.md:2:3: {% endif %} without an {% if ... %} before it"]),
    ("{% else %}\n", ["docs/nl/p.md:1:1: {% else %} without an {% if ... %} before it"]),
    ("{% if contact.email %}\n{% else %}\n{% else %}\n{% endif %}",
     ["docs/nl/p.md:3:1: a second {% else %} for the {% if %} of line 1"]),
    ("{% if contact.emial %}\nx\n{% endif %}",
     ["docs/nl/p.md:1:1: contact.emial: no such value under 'extra' in mkdocs.yml (values a publisher may leave out: "
      "contact.organisation, contact.email, contact.phone)"]),
    ("{% if contact.email or contact.phone %}\nx\n{% endif %}",
     ["docs/nl/p.md:1:1: contact.email or contact.phone: expected {% if KEY %} with one key of 'extra' in mkdocs.yml, "
      "such as {% if contact.email %}"]),
    ("{% if contact.email %}\nx\n{% endif contact.email %}",
     ["docs/nl/p.md:3:1: {% endif %} takes nothing after it, found 'contact.email'"]),
])
def test_unbalanced_or_unknown_conditions_name_page_line_and_column(markdown: str, messages: list[str]) -> None:
    with pytest.raises(ModelError) as raised:
        fill_placeholders(markdown, EXTRA, "nl", "docs/nl/p.md")
    assert [str(problem) for problem in raised.value.problems] == messages


def test_an_optional_value_missing_from_mkdocs_yml_is_simply_false() -> None:
    assert fill_placeholders("{% if contact.phone %}\nx\n{% endif %}\ny", {}, "nl", "docs/nl/p.md") == "y"


# --- mkdocs.yml: status, training offer, and what --publish refuses ----------------------------------


def _config(tmp_path: Path, old: str = "", new: str = "") -> Path:
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    config = tmp_path / "mkdocs.yml"
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    return config


def _line(config: Path, start: str) -> int:
    return next(number for number, line in enumerate(config.read_text(encoding="utf-8").split("\n"), start=1)
                if line.startswith(start))


def test_the_real_settings_have_a_notice_and_a_training_offer_in_every_language() -> None:
    settings = read_site_settings(PROJECT / "mkdocs.yml")
    assert settings_problems(settings, LANGUAGES) == []
    for language, url, name in (("nl", "https://bosa.belgium.be/nl", "FOD BOSA"),
                                ("fr", "https://bosa.belgium.be/fr", "SPF BOSA")):
        notice = status_notice(settings.data["extra"], language)
        assert notice is not None and not notice.official
        assert (notice.name, notice.url) == (name, url)
        offer = training_offer(settings.data["extra"], language)
        assert offer is not None and offer.url == url


def test_a_missing_notice_language_names_its_line_and_key(tmp_path: Path) -> None:
    config = _config(tmp_path, "      fr: >-\n        Les textes de ce site", "      de: >-\n        Ce site présente")
    problems = [str(problem) for problem in settings_problems(read_site_settings(config), LANGUAGES)]
    notice = _line(config, "    notice:")
    assert problems == [f"mkdocs.yml:{notice + 1}:7: extra.status.notice.fr: the status notice in 'fr' is missing: "
                        "write it, with {source} where the source's link goes"]


def test_a_notice_without_its_link_and_an_offer_without_address(tmp_path: Path) -> None:
    config = _config(tmp_path, "Dat publiceert de {source}.", "Dat publiceert BOSA.")
    offer = "    fr: {name: l'offre de formation fédérale (SPF BOSA), url: \"https://bosa.belgium.be/fr\"}"
    config.write_text(config.read_text(encoding="utf-8").replace(offer, offer.replace("https://", "")), encoding="utf-8")
    problems = [str(problem) for problem in settings_problems(read_site_settings(config), LANGUAGES)]
    line = _line(config, "    fr: {name: l'offre")
    column = config.read_text(encoding="utf-8").split("\n")[line - 1].index('"bosa') + 1
    assert problems == [
        f"mkdocs.yml:{_line(config, '      nl: >-')}:11: extra.status.notice.nl: write {{source}} where the link to the "
        "official source goes",
        f"mkdocs.yml:{line}:{column}: extra.training_offer.fr.url: expected an address starting with https://, "
        "found 'bosa.belgium.be/fr'",
    ]


def test_publish_refuses_the_example_addresses_and_the_missing_email(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("REPO_URL", raising=False)
    settings = read_site_settings(PROJECT / "mkdocs.yml")
    problems = [str(problem) for problem in publish_problems(settings, LANGUAGES)]
    config = PROJECT / "mkdocs.yml"
    assert problems == [
        f"mkdocs.yml:{_line(config, '  contact:') + 1}:5: extra.contact.email: "
        "the publisher's contact e-mail address is missing: the accessibility statement must give one "
        "(EU directive 2016/2102, article 7)",
        f"mkdocs.yml:{_line(config, 'site_url:')}:11: site_url: 'https://competencies.example.org/' is an example "
        "value: set the environment variable SITE_URL or write the real address in mkdocs.yml",
        f"mkdocs.yml:{_line(config, 'repo_url:')}:11: repo_url: 'https://github.com/example-org/competency-model' is "
        "an example value: set the environment variable REPO_URL or write the real address in mkdocs.yml",
    ]


@pytest.mark.parametrize(("value", "refused"), [
    ("hr@example.org", True), ("hr@dienst.example.com", True), ("https://x.test/", True),
    ("http://localhost:8000/", True), ("+32 2 000 00 00", True), ("https://github.com/example-org/x", True),
    ("hr@bosa.fgov.be", False), ("+32 2 740 80 00", False), ("https://github.com/bosa/model", False),
])
def test_publish_recognises_example_values(tmp_path: Path, value: str, refused: bool) -> None:
    config = _config(tmp_path, "  contact:\n    response_days: 10",
                     f'  contact:\n    email: "{value}"\n    response_days: 10')
    settings = read_site_settings(config)
    found = [problem.field for problem in publish_problems(settings, LANGUAGES) if problem.field.startswith("extra")]
    assert found == (["extra.contact.email"] if refused else [])


def test_publish_passes_with_real_values_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("model", "docs"):
        shutil.copytree(PROJECT / folder, tmp_path / folder, symlinks=True)
    config = _config(tmp_path, "  contact:\n    response_days: 10",
                     "  contact:\n    email: competenties@bosa.fgov.be\n    response_days: 10")
    monkeypatch.setenv("SITE_URL", "https://competenties.belgium.be/")
    monkeypatch.setenv("REPO_URL", "https://github.com/bosa/competency-model")
    assert check_main(["--config", str(config), "--publish"]) == 0
    assert "Ready to publish." in capsys.readouterr().out
    monkeypatch.setenv("SITE_URL", "https://competencies.example.org/")
    assert check_main(["--config", str(config), "--publish"]) == 1
    assert "site_url: 'https://competencies.example.org/' is an example value" in capsys.readouterr().out


# --- The built site -----------------------------------------------------------------------------------


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_status_notice_is_on_every_page_that_may_be_printed_or_quoted_as_the_model(
        real_site: Path, language: str) -> None:
    folder = real_site / language
    competency = next(path for path in sorted(folder.glob("*/*/index.html"))
                      if "cm-group-link" in path.read_text(encoding="utf-8"))
    level_view = next(path for path in sorted(folder.glob("levels/*/index.html")))
    profile = next(path for path in sorted(folder.glob("profiles/*/index.html")))
    kits = [next(iter(sorted(folder.glob(f"interview-kits/{kind}/*/index.html")))) for kind in ("competencies", "profiles")]
    pages = [folder / "index.html", folder / "about" / "index.html", competency, folder / "dictionary" / "index.html",
             level_view, profile, *kits, folder / "self-assessment" / "index.html"]
    for page in pages:
        notice = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article div.cm-status[role=note]")
        assert len(notice) == 1, page
        assert attr(one(notice[0], "a"), "href") == f"https://bosa.belgium.be/{language}"
    # The overviews link to those pages; the site's own pages speak of the site.
    for overview in ("faq", "levels", "profiles", "interview-kits", "at-a-glance", "model", "glossary"):
        assert not _soup(real_site, f"{language}/{overview}/index.html").select(".cm-status"), overview


def test_no_example_contact_reaches_a_page(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "competencies@example.org" not in text and "000 00 00" not in text, page
        assert not re.search(r"mailto:[^\"']*example\.", text), page
    nl = " ".join(one(_soup(real_site, "nl/accessibility/index.html"), "article").get_text(" ").split())
    fr = " ".join(one(_soup(real_site, "fr/accessibility/index.html"), "article").get_text(" ").split())
    assert "Deze site vermeldt nog geen contactadres van de uitgever." in nl
    assert "Ce site n'indique pas encore d'adresse de contact de l'éditeur." in fr
    assert "{%" not in nl + fr and "Uitgever van de website" not in nl


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_training_offer_follows_the_learning_actions(real_site: Path, language: str) -> None:
    page = next(path for path in sorted((real_site / language).glob("*/*/index.html"))
                if "cm-group-link" in path.read_text(encoding="utf-8"))
    offer = one(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"), "p.cm-training-offer")
    assert attr(one(offer, "a"), "href") == f"https://bosa.belgium.be/{language}"
    assert offer.find_previous_sibling("ul") is not None
