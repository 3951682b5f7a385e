"""Tier 1: the pure functions behind the messages HR reads, and the text checks behind them."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.problems import Location, ModelError, Problem, display_path, field_path
from hooks.site.state import edit_base_url, fill_placeholders
from hooks.source.labels import LabelMissing, Labels
from hooks.source.texts import text_hygiene

# ---------------------------------------------------------------------------------------------------
# Problems


@pytest.mark.parametrize(("parts", "text"), [
    ((), ""),
    (("id",), "id"),
    (("levels", 2, "indicators", "fr"), "levels[2].indicators.fr"),
    (("key_aspects", "nl", 0), "key_aspects.nl[0]"),
    ((0, "level"), "[0].level"),
    (("a", 0, 1), "a[0][1]"),
    (("name", "<<"), "name.<<"),
])
def test_field_path_is_written_the_way_people_write_it(parts: tuple[str | int, ...], text: str) -> None:
    assert field_path(parts) == text


@pytest.mark.parametrize(("problem", "text"), [
    (Problem(Location("model/c.yaml", 14, 9), "levels[2].indicators.fr", "the text is missing"),
     "model/c.yaml:14:9: levels[2].indicators.fr: the text is missing"),
    (Problem(Location("model/c.yaml", 1, 1), "", "the file is empty"), "model/c.yaml:1:1: the file is empty"),
    (Problem(Location("model/groups.yaml"), "", "this model file is missing"),
     "model/groups.yaml: this model file is missing"),
    (Problem(Location("docs/fr/labels.yml"), "related", "the label is missing"),
     "docs/fr/labels.yml: related: the label is missing"),
])
def test_a_problem_reads_path_line_column_field_message(problem: Problem, text: str) -> None:
    assert str(problem) == text


@pytest.mark.parametrize(("problem", "annotation"), [
    (Problem(Location("model/c.yaml", 14, 9), "name.fr", "missing"),
     "::error file=model/c.yaml,line=14,col=9::name.fr: missing"),
    (Problem(Location("model/groups.yaml"), "", "this model file is missing"),
     "::error file=model/groups.yaml::this model file is missing"),
    # The message may hold '%' and line breaks; GitHub decodes %25, %0D and %0A back.
    (Problem(Location("model/c.yaml", 1, 2), "a", "50% done\r\nnext line"),
     "::error file=model/c.yaml,line=1,col=2::a: 50%25 done%0D%0Anext line"),
    # In the file property, ',' and ':' would end the value early.
    (Problem(Location("model/a,b:c%.yaml", 3, 4), "", "x"),
     "::error file=model/a%2Cb%3Ac%25.yaml,line=3,col=4::x"),
    # '::' in a message is safe: only the first '::' after the properties separates them.
    (Problem(Location("m.yaml", 1, 1), "f", "see a::b"), "::error file=m.yaml,line=1,col=1::f: see a::b"),
])
def test_github_annotations_escape_what_github_would_misread(problem: Problem, annotation: str) -> None:
    assert problem.github_annotation() == annotation


def test_model_error_sorts_problems_and_counts_them() -> None:
    later = Problem(Location("model/b.yaml", 2, 1), "x", "later")
    first = Problem(Location("model/a.yaml", 10, 1), "y", "first")
    whole_file = Problem(Location("model/a.yaml"), "", "whole file")
    earlier_line = Problem(Location("model/a.yaml", 9, 30), "z", "earlier line")
    error = ModelError([later, first, whole_file, earlier_line])
    assert error.problems == [whole_file, earlier_line, first, later]
    assert error.report().splitlines()[-1] == "4 problems found in the competency model."
    assert ModelError([first]).report() == "model/a.yaml:10:1: y: first\n1 problem found in the competency model."


def test_display_path_is_relative_to_the_project_when_it_can_be(tmp_path: Path) -> None:
    assert display_path(tmp_path / "model" / "c.yaml", tmp_path) == "model/c.yaml"
    outside = tmp_path.parent / "elsewhere.yaml"
    assert display_path(outside, tmp_path / "project") == outside.as_posix()


# ---------------------------------------------------------------------------------------------------
# Text hygiene


@pytest.mark.parametrize("text", [
    "Gewone tekst, met komma's en een puntkomma; ook 'aanhalingstekens' en \"dubbele\".",
    "Een *nadruk*, **vet** en `code` in Markdown.",
    "a < b en c > d: vergelijkingen zijn tekst",
    "3 <= 4 en 5 >= 2",
    "[de FOD BOSA](https://bosa.belgium.be/nl)",
    "[oude site](http://example.org/pad?x=1&y=2)",
    "[mail ons](mailto:hr@example.org)",
    "[met titel](https://example.org \"Titel\")",
    "[met haakjes](https://example.org/a_(b))",
    "[HOOFDLETTERS](HTTPS://EXAMPLE.ORG)",
    "<https://example.org/autolink>",
    "<mailto:hr@example.org>",
    "Schrijf naar <hr.dienst+vragen@example.org>.",
    "[ref]\n\n[ref]: https://example.org",
    "onclick= zonder tag is gewone tekst",
], ids=lambda text: text[:30])
def test_allowed_texts(text: str) -> None:
    assert text_hygiene(text) == []


@pytest.mark.parametrize(("text", "fragment"), [
    ("<script>alert(1)</script>", "raw HTML is not allowed (found '<script>')"),
    ("Tekst <b>vet</b>", "raw HTML is not allowed (found '<b>')"),
    ("Tekst</b>", "raw HTML is not allowed (found '</b>')"),
    ("<SCRIPT SRC=x>", "raw HTML is not allowed"),
    ('<iframe src="https://example.org"></iframe>', "raw HTML is not allowed (found '<iframe"),
    ('<img src=x onerror="alert(1)">', "raw HTML is not allowed"),
    ('<a href="https://example.org" onclick="steal()">x</a>', "raw HTML is not allowed"),
    ("<img/src=x@y/onerror=alert(1)>", "raw HTML is not allowed"),
    ("<!-- verborgen tekst -->", "raw HTML is not allowed (found '<!--"),
    ("<!-- nooit gesloten", "raw HTML is not allowed"),
    ("<?php echo 1 ?>", "raw HTML is not allowed"),
    ("[klik](javascript:alert(1))", "the link 'javascript:alert(1' is not allowed: links must start with https://, "
                                    "http:// or mailto:"),
    ("[klik](JavaScript:alert(1))", "the link 'JavaScript:alert(1' is not allowed"),
    ("[klik]( javascript:alert(1))", "the link 'javascript:alert(1' is not allowed"),
    ("[klik](<javascript:alert(1)>)", "the link 'javascript:alert(1' is not allowed"),
    ("<javascript:alert(1)>", "the link 'javascript:alert(1)' is not allowed"),
    ("[ref]\n\n[ref]: javascript:alert(1)", "the link 'javascript:alert(1)' is not allowed"),
    ("![beeld](data:image/svg+xml;base64,PHN2Zz4=)", "the link 'data:image/svg+xml;base64,PHN2Zz4=' is not allowed"),
    ("[andere pagina](../communiceren/)", "the link '../communiceren/' is not allowed"),
    ("[anker](#niveaus)", "the link '#niveaus' is not allowed"),
    ("[zonder schema](//example.org)", "the link '//example.org' is not allowed"),
    ("[bestand](file:///etc/passwd)", "the link 'file:///etc/passwd' is not allowed"),
    ("[ftp](ftp://example.org)", "the link 'ftp://example.org' is not allowed"),
], ids=lambda value: value[:30])
def test_refused_texts(text: str, fragment: str) -> None:
    found = text_hygiene(text)
    assert any(fragment in message for message in found), found


def test_every_bad_link_in_a_text_is_reported() -> None:
    found = text_hygiene("[a](javascript:x) en [b](data:y) en [c](https://ok.example)")
    assert len(found) == 2 and "'javascript:x'" in found[0] and "'data:y'" in found[1]


# ---------------------------------------------------------------------------------------------------
# Placeholders of handwritten pages


EXTRA = {
    "contact": {
        "organisation": {"nl": "FOD BOSA", "fr": "SPF BOSA"},
        "email": "hr@example.org",
        "response_days": 10,
    },
}


@pytest.mark.parametrize(("language", "markdown", "filled"), [
    ("nl", "Mail {{ contact.email }}.", "Mail hr@example.org."),
    ("nl", "{{contact.organisation}} antwoordt binnen {{ contact.response_days }} dagen.",
     "FOD BOSA antwoordt binnen 10 dagen."),
    ("fr", "{{ contact.organisation }} répond.", "SPF BOSA répond."),
    ("fr", "Pas de marque ici, ni { simple } ni {{ }}.", "Pas de marque ici, ni { simple } ni {{ }}."),
])
def test_placeholders_are_filled_in_the_pages_language(language: str, markdown: str, filled: str) -> None:
    assert fill_placeholders(markdown, EXTRA, language, "docs/x/page.md") == filled


def test_an_unknown_placeholder_names_page_line_and_column() -> None:
    markdown = "# Titel\n\nMail {{ contact.mail }} of bel\n{{ contact.phone }}.\n"
    with pytest.raises(ModelError) as raised:
        fill_placeholders(markdown, EXTRA, "nl", "docs/nl/accessibility.md")
    assert [str(problem) for problem in raised.value.problems] == [
        "docs/nl/accessibility.md:3:6: contact.mail: no such value under 'extra' in mkdocs.yml; wrap the line in "
        "{% if contact.mail %} … {% endif %} if a publisher may leave it out",
        "docs/nl/accessibility.md:4:1: contact.phone: no such value under 'extra' in mkdocs.yml; wrap the line in "
        "{% if contact.phone %} … {% endif %} if a publisher may leave it out",
    ]


def test_a_value_missing_in_the_pages_language_is_an_error() -> None:
    with pytest.raises(ModelError) as raised:
        fill_placeholders("{{ contact.organisation }}", EXTRA, "de", "docs/de/about.md")
    assert str(raised.value.problems[0]).startswith("docs/de/about.md:1:1: contact.organisation: no such value")


def test_a_mapping_is_not_a_value() -> None:
    with pytest.raises(ModelError):
        fill_placeholders("{{ contact }}", EXTRA, "nl", "docs/nl/about.md")


# ---------------------------------------------------------------------------------------------------
# Edit links


@pytest.mark.parametrize(("repo_url", "edit_uri", "docs", "expected"), [
    ("https://github.com/org/repo", "edit/main/docs/", "docs", "https://github.com/org/repo/edit/main/"),
    ("https://github.com/org/repo/", "/edit/main/docs", "docs", "https://github.com/org/repo/edit/main/"),
    ("https://gitlab.example/org/repo", "-/edit/main/site-docs/", "site-docs",
     "https://gitlab.example/org/repo/-/edit/main/"),
    (None, "edit/main/docs/", "docs", None),
    ("https://github.com/org/repo", None, "docs", None),
    ("https://github.com/org/repo", "", "docs", None),
])
def test_model_edit_links_come_from_repo_url_and_edit_uri(
        tmp_path: Path, repo_url: str | None, edit_uri: str | None, docs: str, expected: str | None) -> None:
    assert edit_base_url(repo_url, edit_uri, tmp_path / docs, tmp_path) == expected


def test_an_edit_uri_that_does_not_end_with_the_docs_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as raised:
        edit_base_url("https://github.com/org/repo", "edit/main/", tmp_path / "docs", tmp_path)
    assert str(raised.value.problems[0]) == (
        "mkdocs.yml: edit_uri: expected it to end with the docs folder 'docs/' (for example edit/main/docs/), "
        "so that model files get edit links too")


# ---------------------------------------------------------------------------------------------------
# Labels


def test_a_label_whose_placeholder_the_page_cannot_fill_names_file_and_key() -> None:
    labels = Labels("fr", "docs/fr/labels.yml", {"level_heading": "Niveau {nombre}", "brace": "Niveau {number"})
    assert Labels("fr", "x", {"k": "Niveau {number}"}).format("k", number=2) == "Niveau 2"
    for key in ("level_heading", "brace"):
        with pytest.raises(LabelMissing) as raised:
            labels.format(key, number=1, name="Basis")
        assert str(raised.value.args[0]).startswith(f"docs/fr/labels.yml: the label '{key}' has a placeholder")
        assert "(placeholders here: {number}, {name})" in str(raised.value.args[0])
