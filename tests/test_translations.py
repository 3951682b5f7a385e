"""The translators' tooling: fingerprints, the status report, ``mark``, and untranslated pages on the site.

Tier 1: the fingerprint, the YAML and front matter edits, as pure functions. Then the command on copies
of the five-groups fixture (and of the real model), changed the way a person would change them, with
and without git history. Tier 3: the fixture's three-language site, where a handwritten page that has
no German version falls back to Dutch with a notice and its own ``lang``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hooks.problems import ModelError
from hooks.source.frontmatter import read_page, with_front_matter_value
from hooks.source.schema import fingerprint_pattern
from hooks.source.yamlsource import parse_yaml
from hooks.tools.fingerprint import fingerprint
from hooks.tools.history import SourceHistory
from hooks.tools.status import read_project, translation_status
from hooks.tools.yamledit import with_fingerprints
from hooks.translations import main
from soup import attr, one

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE = PROJECT / "tests" / "fixtures" / "five-groups"
TRANSLATED_FROM_LINE = re.compile(r'^\s*translated_from: \{[a-z]{2}: "[0-9a-f]{8}"(, [a-z]{2}: "[0-9a-f]{8}")*\}\r?\n',
                                  re.MULTILINE)
FRONT_MATTER = re.compile(r'\A---\ntranslated_from: "[0-9a-f]{8}"\n---\n\n')


# --- tier 1: the fingerprint -----------------------------------------------------------------------

def test_fingerprint_is_the_start_of_the_sha256_of_the_text() -> None:
    assert fingerprint("Samenwerken") == hashlib.sha256(b"Samenwerken").hexdigest()[:8]
    assert fingerprint(["Een.", "Twee."]) == hashlib.sha256(b"Een.\nTwee.").hexdigest()[:8]


@pytest.mark.parametrize("same", [
    "Je werkt  samen\nmet collega's.",
    "  Je werkt samen met collega's.\n",
    "Je werkt\tsamen met\r\ncollega's.",
])
def test_fingerprint_ignores_how_the_text_is_wrapped(same: str) -> None:
    assert fingerprint(same) == fingerprint("Je werkt samen met collega's.")


@pytest.mark.parametrize("other", [
    "Je werkt samen met collega’s.",  # another apostrophe is another text
    "Je werkt samen met collega's",
    "je werkt samen met collega's.",
])
def test_fingerprint_changes_with_the_words(other: str) -> None:
    assert fingerprint(other) != fingerprint("Je werkt samen met collega's.")


def test_fingerprint_sees_composed_and_decomposed_accents_as_one_text() -> None:
    assert fingerprint("Compétence") == fingerprint("Compe\u0301tence")


def test_fingerprint_of_a_list_keeps_its_items_apart() -> None:
    assert fingerprint(["Een twee."]) != fingerprint(["Een", "twee."])
    assert fingerprint(["Een.", "Twee."]) != fingerprint(["Twee.", "Een."])
    assert fingerprint(["Een.  ", "Twee."]) == fingerprint(["Een.", "Twee."])


def test_a_fingerprint_is_what_the_schema_accepts_in_translated_from() -> None:
    """The schema is the one description of a recorded fingerprint; the hooks read its pattern from there."""
    schema = json.loads((PROJECT / "model" / "schema" / "common.schema.json").read_text(encoding="utf-8"))
    assert fingerprint_pattern().pattern == schema["$defs"]["translatedFrom"]["additionalProperties"]["pattern"]
    for text in ("Samenwerken", ["Een.", "Twee."], ""):
        assert fingerprint_pattern().match(fingerprint(text))
    assert not fingerprint_pattern().match("0123abc") and not fingerprint_pattern().match("0123ABCD")


# --- tier 1: writing translated_from into YAML, keeping everything else ----------------------------

def _marked(text: str, changes: dict[tuple[str | int, ...], dict[str, str]]) -> str:
    document = parse_yaml(text, Path("test.yaml"), "test.yaml")
    return with_fingerprints(document, text, changes)


YAML_CASES: dict[str, tuple[str, dict[tuple[str | int, ...], dict[str, str]], str]] = {
    "block scalars, comments and blank lines": (
        "# a comment that stays\n"
        "name:\n  nl: Samenwerken\n  fr: Collaborer   # the French name\n"
        "definition:\n  nl: >-\n    Je werkt met collega's\n    aan een doel.\n  fr: >-\n    Vous travaillez\n"
        "    avec vos collègues.\n\n# the next field\ndigital:\n  nl: Digitaal.\n  fr: Numérique.\n",
        {("definition",): {"fr": "0123abcd"}},
        "# a comment that stays\n"
        "name:\n  nl: Samenwerken\n  fr: Collaborer   # the French name\n"
        "definition:\n  nl: >-\n    Je werkt met collega's\n    aan een doel.\n  fr: >-\n    Vous travaillez\n"
        "    avec vos collègues.\n  translated_from: {fr: \"0123abcd\"}\n\n# the next field\n"
        "digital:\n  nl: Digitaal.\n  fr: Numérique.\n",
    ),
    "a list written at the key's own indentation": (
        "summary:\n  nl:\n  - Een.\n  fr:\n  - Un.\n  - Deux.\nnext: 1\n",
        {("summary",): {"fr": "12345678"}},
        "summary:\n  nl:\n  - Een.\n  fr:\n  - Un.\n  - Deux.\n  translated_from: {fr: \"12345678\"}\nnext: 1\n",
    ),
    "a field inside a list item, last in the file without a line break": (
        "levels:\n  - level: basis\n    indicators:\n      nl:\n        - Een.\n      fr:\n        - Un.",
        {("levels", 0, "indicators"): {"fr": "aaaabbbb"}},
        "levels:\n  - level: basis\n    indicators:\n      nl:\n        - Een.\n      fr:\n        - Un.\n"
        "      translated_from: {fr: \"aaaabbbb\"}\n",
    ),
    "a flow mapping": (
        "name: {nl: Samenwerken, fr: Collaborer}  # short\nnext: 1\n",
        {("name",): {"fr": "0000ffff"}},
        "name: {nl: Samenwerken, fr: Collaborer, translated_from: {fr: \"0000ffff\"}}  # short\nnext: 1\n",
    ),
    "an outdated fingerprint, and a new language beside it": (
        "name:\n  nl: Samenwerken\n  fr: Collaborer\n  de: Zusammenarbeiten\n"
        "  translated_from: {fr: \"11111111\"}  # kept comment\nnext: 1\n",
        {("name",): {"fr": "22222222", "de": "22222222"}},
        "name:\n  nl: Samenwerken\n  fr: Collaborer\n  de: Zusammenarbeiten\n"
        "  translated_from: {fr: \"22222222\", de: \"22222222\"}  # kept comment\nnext: 1\n",
    ),
    "a fingerprint written by hand as a block": (
        "name:\n  translated_from:\n    fr: '11111111'\n  nl: Samenwerken\n  fr: Collaborer\nnext: 1\n",
        {("name",): {"fr": "33333333"}},
        "name:\n  translated_from: {fr: \"33333333\"}\n  nl: Samenwerken\n  fr: Collaborer\nnext: 1\n",
    ),
    "Windows line breaks": (
        "name:\r\n  nl: Samenwerken\r\n  fr: Collaborer\r\nnext: 1\r\n",
        {("name",): {"fr": "44444444"}},
        "name:\r\n  nl: Samenwerken\r\n  fr: Collaborer\r\n  translated_from: {fr: \"44444444\"}\r\nnext: 1\r\n",
    ),
}


@pytest.mark.parametrize("case", YAML_CASES, ids=list(YAML_CASES))
def test_translated_from_is_written_without_touching_anything_else(case: str) -> None:
    before, changes, after = YAML_CASES[case]
    assert _marked(before, changes) == after


def test_a_fingerprint_of_digits_stays_text() -> None:
    edited = _marked("name:\n  nl: A\n  fr: B\n", {("name",): {"fr": "01234567"}})
    assert parse_yaml(edited, Path("t.yaml"), "t.yaml").data["name"]["translated_from"] == {"fr": "01234567"}


def test_a_flow_mapping_over_two_lines_with_a_trailing_comma() -> None:
    edited = _marked("name: {nl: A,\n  fr: B, }\n", {("name",): {"fr": "55555555"}})
    assert edited == 'name: {nl: A,\n  fr: B, translated_from: {fr: "55555555"} }\n'


def test_an_edit_that_would_change_other_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net: whatever goes wrong in placing the line, the file is not written with other changes."""
    import hooks.tools.yamledit

    def misplaced(*arguments: object) -> object:
        return hooks.tools.yamledit._Edit(0, 0, "translated_from: {}\n")  # at the top level: the wrong place

    monkeypatch.setattr(hooks.tools.yamledit, "_field_edit", misplaced)
    with pytest.raises(ModelError) as error:
        _marked("name:\n  nl: A\n  fr: B\n", {("name",): {"fr": "55555555"}})
    assert str(error.value.problems[0]).startswith("test.yaml:2:3: name: cannot add translated_from here")


# --- tier 1: front matter of handwritten pages ------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("# Titel\n\nTekst.\n", '---\ntranslated_from: "abcdef01"\n---\n\n# Titel\n\nTekst.\n'),
    ('---\nhide:\n  - toc\n---\n\n# Titel\n', '---\nhide:\n  - toc\ntranslated_from: "abcdef01"\n---\n\n# Titel\n'),
    ('---\ntranslated_from: "00000000"\ntitle: X\n---\n# Titel\n',
     '---\ntranslated_from: "abcdef01"\ntitle: X\n---\n# Titel\n'),
])
def test_front_matter_gets_the_fingerprint_and_keeps_the_rest(before: str, after: str) -> None:
    assert with_front_matter_value(before, "translated_from", "abcdef01") == after
    assert read_page(after).body == read_page(before).body


def test_the_body_is_what_mkdocs_publishes() -> None:
    page = read_page('---\ntranslated_from: "abcdef01"\n---\n\n# Titel\n\nTekst.\n')
    assert page.body == "# Titel\n\nTekst.\n"
    assert page.metadata == {"translated_from": "abcdef01"}
    assert page.line_of("translated_from") == 2 and page.body_line == 5
    assert read_page("# Titel\n").body == "# Titel\n"


# --- the command, on copies of the fixture ----------------------------------------------------------

@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A writable copy of the five-groups fixture (its schema link becomes a real folder)."""
    target = tmp_path / "five-groups"
    shutil.copytree(FIXTURE, target, symlinks=False)
    return target


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def status(project: Path, *arguments: str) -> list[str]:
    return [str(argument) for argument in ("--config", project / "mkdocs.yml", *arguments)]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_real_project_is_complete_and_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(capsys, *status(PROJECT, "--strict"))
    assert code == 0, output
    assert output.strip().splitlines() == ["fr (Français, required): complete and up to date.",
                                           "All translations are complete and up to date."]


def test_every_real_model_text_and_page_carries_its_fingerprint() -> None:
    project, problems = read_project(PROJECT / "mkdocs.yml")
    assert not problems
    findings = translation_status(project, history=SourceHistory(PROJECT, enabled=False))
    assert findings == []
    for page in (PROJECT / "docs" / "fr").glob("*.md"):
        assert "translated_from" in read_page(page.read_text(encoding="utf-8")).metadata, page


def test_the_fixture_reports_german_as_partly_translated_and_french_as_complete(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(capsys, *status(fixture_copy, "--strict"))
    assert code == 0, output  # German is not a required language: its gaps are not failures
    assert "fr (Français, required): complete and up to date." in output
    assert re.search(r"^de \(Deutsch, not required\): \d+ not yet translated\.$", output, re.MULTILINE)
    assert ("docs/nl/about.md: this page is not yet translated into 'de' (docs/de/about.md); "
            "the site shows it in 'nl' with a notice") in output
    assert re.search(r"^model/competencies/competentie-02\.yaml:\d+:\d+: \d+ texts not yet translated into 'de'",
                     output, re.MULTILINE)
    assert "\n    name, definition," in output  # competentie-02 has no German name


def test_a_changed_dutch_text_makes_its_translations_outdated(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    competency = fixture_copy / "model" / "competencies" / "competentie-01.yaml"
    replace_in(competency, "nl: Competentie 1\n", "nl: Eerste competentie\n")
    code, output = run(capsys, *status(fixture_copy, "--strict", "--no-history"))
    assert code == 1
    old, new = fingerprint("Competentie 1"), fingerprint("Eerste competentie")
    for language in ("fr", "de"):
        assert (f"model/competencies/competentie-01.yaml:7:7: name.{language}: outdated: the nl text changed after "
                f"this translation was made (fingerprint {old}, now {new})"
                if language == "fr" else f"name.{language}: outdated") in output
    assert f"the name.nl text it was translated from (fingerprint {old}) is not in the git history" in output
    assert "\n      Eerste competentie\n" in output
    assert "python -m hooks.translations mark model/competencies/competentie-01.yaml:name.fr" in output
    assert "fr (Français, required): 1 outdated." in output


def test_marking_one_field_confirms_only_that_translation(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    competency = fixture_copy / "model" / "competencies" / "competentie-01.yaml"
    replace_in(competency, "nl: Competentie 1\n", "nl: Eerste competentie\n")
    before = competency.read_text(encoding="utf-8")
    code, output = run(capsys, *status(fixture_copy), "mark", str(competency) + ":name.fr")
    assert code == 0, output
    assert "model/competencies/competentie-01.yaml: marked 1 translation up to date; it had been outdated: name.fr" \
        in output
    after = competency.read_text(encoding="utf-8")
    new = fingerprint("Eerste competentie")
    assert after == before.replace(f'translated_from: {{fr: "{fingerprint("Competentie 1")}"',
                                   f'translated_from: {{fr: "{new}"')
    code, output = run(capsys, *status(fixture_copy, "--strict", "--no-history", "--language", "de"))
    assert code == 1 and "name.de: outdated" in output and "name.fr" not in output
    code, output = run(capsys, *status(fixture_copy, "--strict", "--no-history", "--language", "fr"))
    assert code == 0, output


def test_mark_refuses_a_field_that_does_not_exist_and_changes_nothing(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    competency = fixture_copy / "model" / "competencies" / "competentie-01.yaml"
    before = competency.read_text(encoding="utf-8")
    replace_in(competency, "nl: Competentie 1\n", "nl: Eerste competentie\n")
    edited = competency.read_text(encoding="utf-8")
    code, output = run(capsys, *status(fixture_copy), "mark", str(competency) + ":naam.fr",
                       str(fixture_copy / "docs" / "fr" / "nothing.md"))
    assert code == 1
    assert "model/competencies/competentie-01.yaml: naam.fr: no translated text here" in output
    assert "nothing.md: no such file or folder" in output
    assert competency.read_text(encoding="utf-8") == edited != before


def test_outdated_translation_shows_a_diff_of_the_committed_source_text(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=fixture_copy, check=True)
    subprocess.run([*git, "add", "-A"], cwd=fixture_copy, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "translated"], cwd=fixture_copy, check=True)
    competency = fixture_copy / "model" / "competencies" / "competentie-01.yaml"
    replace_in(competency, "  - Kernaspect 2.\n", "  - Kernaspect twee, herschreven.\n")
    subprocess.run([*git, "commit", "-q", "-am", "rewrite a key aspect"], cwd=fixture_copy, check=True)
    page = fixture_copy / "docs" / "nl" / "about.md"
    replace_in(page, "Alleen in het Nederlands geschreven.", "Eerst in het Nederlands geschreven.")  # not committed
    code, output = run(capsys, *status(fixture_copy, "--strict", "--language", "fr"))
    assert code == 1
    assert re.search(r"key_aspects\.fr: outdated: .*\n    --- key_aspects\.nl as translated \(commit [0-9a-f]{10}, "
                     r"\d{4}-\d\d-\d\d\)\n    \+\+\+ key_aspects\.nl now\n    @@ .* @@\n     Kernaspect 1\.\n"
                     r"    -Kernaspect 2\.\n    \+Kernaspect twee, herschreven\.\n     Kernaspect 3\.\n", output), output
    assert re.search(r"docs/fr/about\.md:2:1: outdated: docs/nl/about\.md changed after this page was translated .*\n"
                     r"    --- docs/nl/about\.md as translated \(commit [0-9a-f]{10}, [-\d]+\)\n", output), output
    assert "    -Alleen in het Nederlands geschreven.\n    +Eerst in het Nederlands geschreven.\n" in output


def test_missing_translations_are_reported_and_fail_strict(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (fixture_copy / "docs" / "fr" / "about.md").unlink()
    (fixture_copy / "docs" / "fr" / "extra.md").write_text("# En plus\n", encoding="utf-8")
    replace_in(fixture_copy / "docs" / "fr" / "labels.yml", "untranslated_title:", "untranslated_titel:")
    replace_in(fixture_copy / "model" / "levels.yaml", "    fr: Ce que demande l'échelon 3.\n", "")
    code, output = run(capsys, *status(fixture_copy, "--no-history"))
    assert code == 0, output  # without --strict, the report informs
    assert "docs/nl/about.md: missing: this page has no 'fr' translation (docs/fr/about.md)" in output
    assert "docs/fr/extra.md: missing: this page has no 'nl' counterpart (docs/nl/extra.md)" in output
    assert re.search(r"docs/fr/labels\.yml: untranslated_title: missing: the label is not translated "
                     r"\(it is defined in docs/nl/labels\.yml:\d+:1\)", output)
    assert re.search(r"model/levels\.yaml:\d+:\d+: levels\[2\]\.description\.fr: missing: the text in required "
                     r"language 'fr' is not there yet", output)
    assert "fr (Français, required): 3 missing." in output
    assert "nl (Nederlands, source language): 1 missing." in output
    code, _ = run(capsys, *status(fixture_copy, "--no-history", "--strict"))
    assert code == 1


def test_a_translation_without_fingerprint_is_unconfirmed_until_marked(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    groups = fixture_copy / "model" / "groups.yaml"
    text = groups.read_text(encoding="utf-8")
    groups.write_text(text.replace('    translated_from: {fr: "e31e88f8"}\n', ""), encoding="utf-8")
    page = fixture_copy / "docs" / "fr" / "index.md"
    page.write_text(FRONT_MATTER.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    code, output = run(capsys, *status(fixture_copy, "--strict", "--no-history"))
    assert code == 1
    assert re.search(r"model/groups\.yaml:\d+:\d+: groups\[0\]\.description\.fr: unconfirmed: no fingerprint of "
                     r"the nl text it was translated from\n    once checked against the nl text: \.venv/bin/python -m "
                     r"hooks\.translations mark 'model/groups\.yaml:groups\[0\]\.description\.fr'\n", output), output
    assert ("docs/fr/index.md:1:1: unconfirmed: no fingerprint of the version of docs/nl/index.md it was "
            "translated from") in output
    code, output = run(capsys, *status(fixture_copy), "mark", "--language", "fr",
                       str(groups), str(fixture_copy / "docs" / "fr"))
    assert code == 0, output
    assert groups.read_text(encoding="utf-8") == text
    code, output = run(capsys, *status(fixture_copy, "--strict", "--no-history"))
    assert code == 0, output


def test_github_format_annotates_each_finding(fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(fixture_copy / "model" / "competencies" / "competentie-01.yaml",
               "nl: Definitie van competentie 1.\n", "nl: Een nieuwe definitie.\n")
    code, output = run(capsys, *status(fixture_copy, "--format", "github", "--strict", "--no-history"))
    assert code == 1
    lines = [line for line in output.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=model/competencies/competentie-01.yaml,line=12,col=7,"
                               "title=Translation outdated (fr)::definition.fr: outdated: ") and "%0A" in line
               for line in lines), lines
    assert any(line.startswith("::notice file=docs/nl/about.md,title=Translation not yet translated (de)::")
               for line in lines)
    code, output = run(capsys, *status(fixture_copy, "--format", "github", "--no-history"))
    assert code == 0 and "::warning file=model/competencies/competentie-01.yaml" in output


def test_an_unknown_language_is_named(fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(capsys, *status(fixture_copy, "--language", "en"))
    assert code == 1
    assert "'en' is not a site language to translate into (expected one of: fr, de)" in output


def test_mark_is_a_command_with_the_shared_options_on_either_side(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The languages given before the word mark and after it all count.
    code, output = run(capsys, *status(fixture_copy, "--language", "fr"), "mark", "--language", "en")
    assert code == 1 and "'en' is not a site language" in output and "Nothing was marked" in output
    code, output = run(capsys, *status(fixture_copy, "--language", "en"), "mark", "--language", "fr")
    assert code == 1 and "'en' is not a site language" in output and "Nothing was marked" in output
    # "mark" as the value of an option is no command: the report runs, for a language called "mark".
    code, output = run(capsys, *status(fixture_copy, "--language", "mark"))
    assert code == 1 and "'mark' is not a site language" in output and "Nothing was marked" not in output
    # The report's own options are refused with the command, on either side of it.
    with pytest.raises(SystemExit) as refused:
        run(capsys, *status(fixture_copy, "--strict"), "mark")
    assert refused.value.code == 2 and "mark does not take --strict" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:
        run(capsys, *status(fixture_copy), "mark", "--no-history")
    assert refused.value.code == 2 and "unrecognized arguments: --no-history" in capsys.readouterr().err


# --- mark on whole projects reproduces exactly the committed files ---------------------------------

def _strip_fingerprints(root: Path) -> dict[Path, str]:
    """Remove every translated_from line and page front matter block; return the files as they were."""
    originals = {}
    for path in [*root.glob("model/**/*.yaml"), *root.glob("docs/*/*.md")]:
        text = path.read_text(encoding="utf-8")
        stripped = FRONT_MATTER.sub("", text) if path.suffix == ".md" else TRANSLATED_FROM_LINE.sub("", text)
        if stripped != text:
            originals[path] = text
            path.write_text(stripped, encoding="utf-8")
    return originals


def test_mark_restores_the_fixture_byte_for_byte(fixture_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    originals = _strip_fingerprints(fixture_copy)
    assert len(originals) > 20
    code, output = run(capsys, *status(fixture_copy), "mark")
    assert code == 0, output
    for path, text in originals.items():
        assert path.read_text(encoding="utf-8") == text, path
    code, output = run(capsys, *status(fixture_copy), "mark")
    assert code == 0 and "Nothing to change" in output


def test_mark_restores_the_real_model_and_pages_byte_for_byte(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The real files carry only fingerprints that mark writes, where it writes them."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(PROJECT / "mkdocs.yml", copy / "mkdocs.yml")
    shutil.copytree(PROJECT / "model", copy / "model")
    shutil.copytree(PROJECT / "docs", copy / "docs")
    originals = _strip_fingerprints(copy)
    assert len(originals) >= 16
    code, output = run(capsys, *status(copy), "mark")
    assert code == 0, output
    for path, text in originals.items():
        assert path.read_text(encoding="utf-8") == text, path


# --- tier 3: the three-language site ---------------------------------------------------------------

def built_page(site: Path, language: str, folder: str) -> BeautifulSoup:
    html = site / language / folder / "index.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def test_an_untranslated_handwritten_page_falls_back_with_a_notice_and_its_own_lang(five_groups_site: Path) -> None:
    article = one(built_page(five_groups_site, "de", "about"), "article")
    notice = one(article, ".admonition.cm-untranslated")
    assert one(notice, ".admonition-title").get_text(strip=True) == "Noch nicht übersetzt"
    assert "Dieser Text ist noch nicht übersetzt." in notice.get_text()
    reader_language = notice.find_parent(lambda tag: tag.has_attr("lang"))
    assert reader_language is not None and attr(reader_language, "lang") == "de"  # the notice is in the reader's language
    fallback = one(article, "div[lang]")
    assert attr(fallback, "lang") == "nl"
    assert one(fallback, "h1").get_text(strip=True).startswith("Over")
    assert "Alleen in het Nederlands geschreven." in fallback.get_text()
    assert notice.sourceline is not None and fallback.sourceline is not None
    assert notice.sourceline < fallback.sourceline  # the notice comes first
    assert attr(one(built_page(five_groups_site, "de", "about"), "html"), "lang") == "de"


@pytest.mark.parametrize("language, folder", [("de", ""), ("fr", "about"), ("nl", "about"), ("fr", "")])
def test_a_translated_handwritten_page_has_no_notice(five_groups_site: Path, language: str, folder: str) -> None:
    article = one(built_page(five_groups_site, language, folder), "article")
    assert article.select_one(".cm-untranslated") is None
    assert article.select_one("div[lang]") is None
    assert "translated_from" not in article.get_text()  # front matter is not published


def test_no_real_page_is_shown_untranslated(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        assert "cm-untranslated" not in html.read_text(encoding="utf-8"), html


def test_usage_shows_the_mark_command_as_optional() -> None:
    """Without a command the tool reports: its usage must not present ``mark`` as required."""
    result = subprocess.run([sys.executable, "-m", "hooks.translations", "--help"], capture_output=True, text=True,
                            check=True, cwd=PROJECT, env={**os.environ, "COLUMNS": "200"})
    usage = result.stdout.split("\n\n")[0]
    assert "[mark ...]" in usage and " mark ..." not in usage.replace("[mark ...]", "")
