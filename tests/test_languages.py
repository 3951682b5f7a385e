"""A new language: what mkdocs.yml must give it, reported before the build with file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.problems import Location, Problem, summary
from hooks.site.state import fill_placeholders
from hooks.source.publishing import read_site_settings
from hooks.source.siteconfig import read_site_config
from hooks.source.sitelanguages import language_setting_problems, theme_translations

PROJECT = Path(__file__).resolve().parents[1]

CONFIG = """\
site_name: Site · Site
copyright: Overheid · Administration
theme:
  name: material
  palette:
    - toggle: {name: Donker · Sombre}
    - toggle: {name: Licht · Clair}
plugins:
  - i18n:
      languages:
        - locale: nl
          default: true
          site_name: Site
          copyright: Overheid
          theme:
            palette:
              - toggle: {name: Donker}
              - toggle: {name: Licht}
        - locale: de
          name: Deutsch
          theme:
            palette:
              - toggle: {name: Dunkel}
"""


def problems_of(tmp_path: Path, text: str, theme_languages: set[str] | None = None) -> list[str]:
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    _, languages = read_site_config(config)
    return [str(problem) for problem in language_setting_problems(read_site_settings(config), languages,
                                                                   theme_languages)]


pytestmark = pytest.mark.unit


def test_every_missing_piece_of_a_new_language_is_named_with_line_and_key(tmp_path: Path) -> None:
    found = problems_of(tmp_path, CONFIG, {"nl", "en"})
    assert [line.split(": ", 2)[:2] for line in found] == [
        ["mkdocs.yml:19:11", "plugins.i18n.languages[de].site_name"],
        ["mkdocs.yml:19:11", "plugins.i18n.languages[de].copyright"],
        ["mkdocs.yml:23:15", "plugins.i18n.languages[de].theme.palette[1].toggle.name"],
        ["mkdocs.yml:22:13", "plugins.i18n.languages[de].theme.language"],
    ]
    assert "the site's name in 'de' is missing: write it here, in Deutsch" in found[0]
    assert "now 'Licht · Clair'" in found[2]
    assert "add partials/languages/de.html to the theme's custom_dir" in found[3]


def test_a_language_with_every_piece_passes(tmp_path: Path) -> None:
    complete = CONFIG.replace("""          name: Deutsch
""", """          name: Deutsch
          site_name: Seite
          copyright: Verwaltung
""").replace("""              - toggle: {name: Dunkel}
""", """              - toggle: {name: Dunkel}
              - toggle: {name: Hell}
""")
    assert problems_of(tmp_path, complete, {"nl", "de"}) == []


def test_the_theme_strings_are_found_in_material_and_in_the_overrides(tmp_path: Path) -> None:
    (tmp_path / "overrides" / "partials" / "languages").mkdir(parents=True)
    (tmp_path / "overrides" / "partials" / "languages" / "wa.html").write_text("", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("theme: {name: material, custom_dir: overrides}\n", encoding="utf-8")
    found = theme_translations(read_site_settings(config), tmp_path)
    assert {"nl", "fr", "de", "wa"} <= found


def test_the_real_site_gives_each_language_its_own_strings() -> None:
    config = PROJECT / "mkdocs.yml"
    settings = read_site_settings(config)
    _, languages = read_site_config(config)
    assert language_setting_problems(settings, languages, theme_translations(settings, PROJECT)) == []


EXTRA = {"contact": {"organisation": {"nl": "Dienst Personeel", "fr": "Service du personnel"},
                     "email": "hr@example.org"}}


def test_a_value_missing_in_the_page_language_shows_the_source_language_marked_with_its_lang() -> None:
    page = "{% if contact.organisation %}\nHerausgeber: {{ contact.organisation }}, {{ contact.email }}.\n{% endif %}"
    assert fill_placeholders(page, EXTRA, "de", "docs/de/a.md", "nl") == \
        'Herausgeber: <span lang="nl">Dienst Personeel</span>, hr@example.org.'
    assert fill_placeholders(page, EXTRA, "fr", "docs/fr/a.md", "nl") == \
        "Herausgeber: Service du personnel, hr@example.org."


def test_the_fallback_text_is_escaped() -> None:
    extra = {"contact": {"organisation": {"nl": "R&D <dienst>"}}}
    assert fill_placeholders("{{ contact.organisation }}", extra, "de", "x.md", "nl") == \
        '<span lang="nl">R&amp;D &lt;dienst&gt;</span>'


@pytest.mark.parametrize(("paths", "expected"), [
    (["model/groups.yaml"], "1 problem found in the competency model."),
    (["mkdocs.yml", "mkdocs.yml"], "2 problems found in the configuration (mkdocs.yml)."),
    (["docs/de/labels.yml", "model/levels.yaml", "docs/de/about.md", "mkdocs.yml"],
     "4 problems found: 1 in the competency model, 1 in the configuration (mkdocs.yml), 1 in the labels, "
     "1 in the pages."),
])
def test_the_summary_names_what_the_problems_are_in(paths: list[str], expected: str) -> None:
    assert summary([Problem(Location(path, 1, 1), "", "x") for path in paths]) == expected


FIXTURE = PROJECT / "tests" / "fixtures" / "five-groups"


def test_handwritten_pages_get_counts_groups_levels_and_languages_from_the_model() -> None:
    from hooks.site.pagevalues import model_values
    from hooks.site.state import load_site

    _, languages = read_site_config(FIXTURE / "mkdocs.yml")
    model = load_site(FIXTURE, FIXTURE / "docs", languages).model
    values = model_values(model, languages, "de", "index.md")
    assert (values["competencies"], values["groups"], values["levels"]) == ("21", "5", "8")
    assert values["languages"] == "Niederländisch, Französisch und Deutsch"
    assert values["level_names"].startswith("Stufe 1, Stufe 2, ") and values["level_names"].endswith(" und Stufe 8")
    lines = values["group_list"].splitlines()
    assert len(lines) == 5
    assert lines[0] == '- [Gruppe 1](groep-1/index.md). <span lang="nl">Beschrijving van groep 1.</span>'
    assert lines[4] == ('- [<span lang="nl">Groep 5</span>](groep-5/index.md). '
                        '<span lang="nl">Beschrijving van groep 5.</span>')
    # From a page in a subfolder, the links climb out of it.
    assert model_values(model, languages, "nl", "help/faq.md")["group_list"].startswith(
        "- [Groep 1](../groep-1/index.md). Beschrijving van groep 1.")


def test_a_model_placeholder_the_model_does_not_have_is_named_with_its_page_and_line(tmp_path: Path) -> None:
    from hooks.site.state import handwritten_page_problems, load_site

    _, languages = read_site_config(FIXTURE / "mkdocs.yml")
    model = load_site(FIXTURE, FIXTURE / "docs", languages).model
    docs = tmp_path / "docs"
    for language in languages:
        (docs / language.code).mkdir(parents=True)
    (docs / "nl" / "index.md").write_text("# Welkom\n\n{{ model.competencies }} competenties, {{ model.teams }} teams\n",
                                          encoding="utf-8")
    found = [str(problem) for problem in handwritten_page_problems(docs, languages, {}, tmp_path, model)]
    assert found == ["docs/nl/index.md:3:40: model.teams: the model gives no such value to pages; it gives "
                     "{{ model.competencies }}, {{ model.groups }}, {{ model.levels }}, {{ model.group_list }}, "
                     "{{ model.level_names }}, {{ model.languages }}"]


def test_titles_in_another_language_are_marked_where_the_theme_prints_them() -> None:
    from hooks.site.untranslated import mark_title_languages

    html = ('<span class="md-ellipsis">\n  Competentie 2\n</span><div class="md-ellipsis">Kompetenz 1</div>'
            '<span class="md-ellipsis">Over</span>')
    assert mark_title_languages(html, {"Competentie 2": "nl", "Over": "nl"}) == (
        '<span class="md-ellipsis" lang="nl">\n  Competentie 2\n</span><div class="md-ellipsis">Kompetenz 1</div>'
        '<span class="md-ellipsis" lang="nl">Over</span>')


def test_the_fixture_site_marks_untranslated_titles_in_the_navigation_and_the_title(five_groups_site: Path) -> None:
    import re

    german = (five_groups_site / "de" / "groep-1" / "competentie-02" / "index.html").read_text(encoding="utf-8")
    assert '<title lang="nl">Competentie 2 - Testmodell</title>' in german
    marked = set(re.findall(r'<span class="md-ellipsis" lang="nl">\s*([^<]+?)\s*</span>', german))
    assert {"Competentie 2", "Competentie 4", "Groep 3", "Groep 5"} <= marked
    assert not any(title.startswith(("Kompetenz", "Gruppe")) for title in marked)
    translated = (five_groups_site / "de" / "groep-1" / "competentie-01" / "index.html").read_text(encoding="utf-8")
    assert "<title>Kompetenz 1 - Testmodell</title>" in translated
    # A handwritten page shown in Dutch, in the German site: its title too.
    assert '<title lang="nl">Over - Testmodell</title>' in \
        (five_groups_site / "de" / "about" / "index.html").read_text(encoding="utf-8")
    dutch = (five_groups_site / "nl" / "groep-1" / "competentie-02" / "index.html").read_text(encoding="utf-8")
    # The Dutch site marks nothing: its titles are in its own language (the language switch names each language
    # in its own, which is not a title).
    assert 'class="md-ellipsis" lang=' not in dutch and "<title lang=" not in dutch
