"""The downloads read back: the JSON against its published schema, the CSV through ``csv`` to the model's texts."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import competencies_csv, model_json
from hooks.model import Competency, FollowUpQuestions, LevelIndicators, Model, Translated
from hooks.site.export import (
    JSON_FILE,
    SCHEMA_FILE,
    csv_file_name,
    download_files,
    download_size,
    model_document,
    profiles_csv_file_name,
)
from hooks.site.pdf import pdf_file_name
from hooks.source.labels import Labels, load_labels
from hooks.source.load import load_model, read_sources
from hooks.source.siteconfig import i18n_languages, read_mkdocs_yml
from soup import attr

PROJECT = Path(__file__).resolve().parents[1]
FIVE_GROUPS = PROJECT / "tests" / "fixtures" / "five-groups"
BOM = b"\xef\xbb\xbf"
#: What Excel with Belgian regional settings needs (see hooks/site/export.py), written out here rather than
#: imported, so that a change there fails these tests.
CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"


def read_csv(content: bytes) -> list[list[str]]:
    """The rows as Excel and any other reader sees them: BOM stripped, ';' between fields."""
    assert content.startswith(BOM), "Excel reads UTF-8 only after a byte order mark"
    return list(csv.reader(io.StringIO(content.decode(CSV_ENCODING), newline=""), delimiter=CSV_DELIMITER))


def as_text(cell: str) -> str:
    """A cell as the CSV holds it: one that a spreadsheet would run as a formula starts with ' (OWASP)."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def row_texts(competency: Competency, entry: LevelIndicators) -> dict[int, str | Translated[Any] | None]:
    """What each column of a competency's row holds: its own text, a model text, or None (an empty cell)."""
    follow_up = competency.hr_use.follow_up_questions
    steps = [follow_up.situation, follow_up.task, follow_up.action, follow_up.result] if follow_up else [None] * 4
    return {0: competency.group.name, 1: competency.id, 2: competency.name, 3: competency.definition,
            4: str(competency.levels.index(entry) + 1), 5: entry.level.name, 6: entry.indicators, 7: entry.below_level,
            8: competency.hr_use.selection_questions, **dict(enumerate(steps, start=9)),
            13: competency.hr_use.evaluation_objectives}


def untranslated_columns(texts: dict[int, str | Translated[Any] | None], language: str) -> list[int]:
    """The columns of a row whose text is a model text not in ``language``."""
    return [column for column, text in texts.items() if isinstance(text, Translated) and language not in text.values]


def cell_text(text: str | Translated[Any] | None, language: str, source: str) -> str:
    if not isinstance(text, Translated):
        return text or ""
    value = text.values.get(language) or text.values[source]
    return "\n".join(value) if isinstance(value, tuple) else value


def marked(model: Model, language: str) -> bool:
    """Whether the CSV of ``language`` has the column that names untranslated columns: when any text falls back."""
    return any(untranslated_columns(row_texts(competency, entry), language)
               for competency in model.competencies for entry in competency.levels)


def expected_rows(model: Model, language: str, labels: Labels | None = None) -> list[list[str]]:
    """What every data row must say: the model's own texts, taken independently of hooks.site.export.

    With ``labels``, a row also names the columns it gives in the source language, where the CSV does.
    """
    rows = []
    for competency in model.competencies:
        for entry in competency.levels:
            texts = row_texts(competency, entry)
            rows.append([cell_text(text, language, model.source_language) for text in texts.values()])
            if labels is not None and marked(model, language):
                names = header(labels)
                rows[-1].append(", ".join(names[column] for column in untranslated_columns(texts, language)))
    return [[as_text(cell) for cell in row] for row in rows]


def header(labels: Labels, model: Model | None = None) -> list[str]:
    """The header row; with the model, the last column where the CSV of the labels' language has it."""
    names = [labels.csv_group, labels.csv_competency_id, labels.competency, labels.csv_definition,
             labels.csv_level_number, labels.csv_level, labels.indicators, labels.csv_below_level,
             labels.selection_questions, labels.csv_follow_up_situation, labels.csv_follow_up_task,
             labels.csv_follow_up_action, labels.csv_follow_up_result, labels.evaluation_objectives]
    return names + ([labels.csv_untranslated] if model is not None and marked(model, labels.language) else [])


def expected_profile_rows(model: Model, language: str) -> list[list[str]]:
    """The role profiles' CSV: a row per profile and competency it asks (the fixtures translate every profile text
    they have into the languages checked here, except German, which is left to the pages' tests)."""
    source = model.source_language
    return [[profile.id, cell_text(profile.name, language, source), cell_text(profile.role, language, source),
             cell_text(profile.function_level, language, source), expectation.competency.id,
             cell_text(expectation.competency.name, language, source),
             str([level.id for level in model.levels].index(expectation.level.id) + 1),
             cell_text(expectation.level.name, language, source)]
            for profile in model.profiles for expectation in profile.expectations]


# --- unit: hooks.site.export on a small constructed model ------------------------------------------------


@pytest.fixture(scope="module")
def small_model() -> Model:
    """Two competencies of the five-groups fixture, one of them with texts that need escaping in a CSV."""
    model = load_model(FIVE_GROUPS / "model")
    tricky = model.competencies[0]
    tricky = dataclasses.replace(
        tricky,
        name=Translated({"nl": 'Zeggen "ja"; of "nee"', "fr": "Dire « oui » ; ou non"}),
        definition=Translated({"nl": "Eerste regel;\nTweede regel met \"aanhalingstekens\"\n\nDerde; na een witregel.",
                               "fr": "Première ligne\r\nDeuxième ligne ; avec « guillemets » et \"quotes\""}),
        levels=tuple(LevelIndicators(entry.level, Translated({
            "nl": ('Eén; twee; "drie"', "Tweede\nindicator"), "fr": ("Un ; deux", '"Trois"')}),
            Translated({"nl": ("Wacht; af",), "fr": ("Attend ; passivement",)}) if index % 2 else None)
            for index, entry in enumerate(tricky.levels)),
        hr_use=dataclasses.replace(tricky.hr_use, follow_up_questions=FollowUpQuestions(*(
            Translated({"nl": (f"{step}: wat deed je?", "=En dan?"), "fr": (f"{step} : qu'avez-vous fait ?",)})
            for step in FollowUpQuestions.STEPS))),
    )
    return dataclasses.replace(model, competencies=(tricky, model.competencies[1]))


@pytest.fixture(scope="module")
def fixture_labels() -> dict[str, Labels]:
    return load_labels(FIVE_GROUPS / "docs", ["nl", "fr", "de"], "nl", FIVE_GROUPS)


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_csv_round_trips_quotes_semicolons_and_newlines(small_model: Model, fixture_labels: dict[str, Labels],
                                                        language: str) -> None:
    content = competencies_csv(small_model, language, fixture_labels[language])
    rows = read_csv(content)
    assert rows[0] == header(fixture_labels[language], small_model)
    assert rows[1:] == expected_rows(small_model, language, fixture_labels[language])
    assert len(rows) == 1 + 2 * len(small_model.levels)
    assert any(";" in field and '"' in field for row in rows for field in row), "the tricky texts are in the file"
    # The follow-up questions and the behaviours below a level are in their columns (a formula-like one made text).
    assert rows[1][9:13] == [{"nl": "situation: wat deed je?\n=En dan?", "fr": "situation : qu'avez-vous fait ?",
                              "de": "situation: wat deed je?\n=En dan?"}[language], *rows[1][10:13]]
    assert rows[2][7] and not rows[1][7]


def test_csv_lines_end_with_crlf_and_quote_only_what_needs_it(small_model: Model,
                                                              fixture_labels: dict[str, Labels]) -> None:
    text = competencies_csv(small_model, "nl", fixture_labels["nl"]).decode(CSV_ENCODING)
    first_line = text.split("\r\n", 1)[0]
    assert first_line == ";".join(header(fixture_labels["nl"]))
    assert '"Zeggen ""ja""; of ""nee"""' in text, "quotes doubled, and the field quoted because of ';'"
    # The Dutch texts hold bare LFs only, so every CRLF ends a row: what Excel on Windows expects.
    assert text.count("\r\n") == len(read_csv(text.encode(CSV_ENCODING))) == 1 + 2 * len(small_model.levels)
    assert text.endswith("\r\n")


_CELL_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1)


@settings(max_examples=60, deadline=None)
@given(name=_CELL_TEXT, definition=_CELL_TEXT, indicators=st.lists(_CELL_TEXT, min_size=1, max_size=3))
def test_csv_round_trips_any_text(small_model: Model, fixture_labels: dict[str, Labels], name: str,
                                  definition: str, indicators: list[str]) -> None:
    first = small_model.competencies[0]
    changed = dataclasses.replace(
        first, name=Translated({"nl": name}), definition=Translated({"nl": definition}),
        levels=tuple(LevelIndicators(entry.level, Translated({"nl": tuple(indicators)})) for entry in first.levels))
    model = dataclasses.replace(small_model, competencies=(changed,))
    assert read_csv(competencies_csv(model, "nl", fixture_labels["nl"]))[1:] == expected_rows(model, "nl")


# --- the real built files ---------------------------------------------------------------------------


def published_validator(downloads: Path) -> Draft202012Validator:
    """The export schema exactly as published, its $refs resolved only against the files beside it."""
    registry: Registry = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in downloads.glob("*.schema.json"))
    schema = json.loads((downloads / SCHEMA_FILE).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry)


SITES = [("real_site", PROJECT, ("nl", "fr")), ("five_groups_site", FIVE_GROUPS, ("nl", "fr", "de"))]


@pytest.mark.parametrize(("site_fixture", "project", "languages"), SITES, ids=["real", "five-groups"])
def test_published_json_follows_the_published_schema_and_equals_the_model_files(
        request: pytest.FixtureRequest, site_fixture: str, project: Path, languages: tuple[str, ...]) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    sources, problems = read_sources(project / "model", project)
    assert not problems
    for language in languages:
        downloads = site / language / "downloads"
        document = json.loads((downloads / JSON_FILE).read_text(encoding="utf-8"))
        errors = [f"{list(error.absolute_path)}: {error.message}" for error in
                  published_validator(downloads).iter_errors(document)]
        assert not errors, errors[:5]
        assert document == model_document(sources)
        assert [c["id"] for c in document["competencies"]] == [d.data["id"] for d in sources.competencies]


def test_published_schema_refuses_a_broken_document(real_site: Path) -> None:
    """The validation above can fail: the published schema really checks the competencies."""
    downloads = real_site / "nl" / "downloads"
    document = json.loads((downloads / JSON_FILE).read_text(encoding="utf-8"))
    del document["competencies"][0]["levels"]
    document["groups"][0]["id"] = "Not An Id"
    messages = [error.message for error in published_validator(downloads).iter_errors(document)]
    assert any("'levels' is a required property" in message for message in messages)
    assert any("does not match" in message for message in messages)


@pytest.mark.parametrize(("site_fixture", "project", "languages"), SITES, ids=["real", "five-groups"])
def test_published_csv_rows_equal_the_model_texts(request: pytest.FixtureRequest, site_fixture: str,
                                                  project: Path, languages: tuple[str, ...]) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    model = load_model(project / "model", project)
    labels = load_labels(project / "docs", list(languages), model.source_language, project)
    for page_language in languages:
        for language in languages:
            rows = read_csv((site / page_language / "downloads" / csv_file_name(language)).read_bytes())
            assert rows[0] == header(labels[language], model)
            assert rows[1:] == expected_rows(model, language, labels[language]), (page_language, language)
            assert len(rows) == 1 + len(model.competencies) * len(model.levels)


@pytest.mark.parametrize(("site_fixture", "project"), [("real_site", PROJECT), ("five_groups_site", FIVE_GROUPS)],
                         ids=["real", "five-groups"])
def test_published_profiles_csv_has_a_row_per_profile_and_competency(request: pytest.FixtureRequest,
                                                                     site_fixture: str, project: Path) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    model = load_model(project / "model", project)
    labels = load_labels(project / "docs", ["nl", "fr"], model.source_language, project)
    for language in ("nl", "fr"):
        rows = read_csv((site / "nl" / "downloads" / profiles_csv_file_name(language)).read_bytes())
        assert rows[0] == [labels[language].csv_profile_id, labels[language].profile_column,
                           labels[language].profile_role, labels[language].profile_function_level,
                           labels[language].csv_competency_id, labels[language].competency,
                           labels[language].csv_level_number, labels[language].csv_level]
        assert rows[1:] == expected_profile_rows(model, language)


def test_a_model_without_profiles_has_no_profiles_csv() -> None:
    sources, _ = read_sources(FIVE_GROUPS / "model", FIVE_GROUPS)
    model = dataclasses.replace(load_model(FIVE_GROUPS / "model", FIVE_GROUPS), profiles=())
    languages = i18n_languages(read_mkdocs_yml(FIVE_GROUPS / "mkdocs.yml"))
    labels = load_labels(FIVE_GROUPS / "docs", ["nl", "fr", "de"], "nl", FIVE_GROUPS)
    names = [name for name, _ in download_files(sources, model, languages, labels)]
    assert csv_file_name("de") in names and not [name for name in names if "profiles" in name]


def test_untranslated_texts_fall_back_to_the_source_language_in_the_csv(five_groups_site: Path) -> None:
    model = load_model(FIVE_GROUPS / "model")
    untranslated: Competency = next(c for c in model.competencies if "de" not in c.name.values)
    rows = read_csv((five_groups_site / "de" / "downloads" / csv_file_name("de")).read_bytes())
    names = {row[1]: row[2] for row in rows[1:]}
    assert names[untranslated.id] == untranslated.name.values["nl"]
    # The last column names the columns given in Dutch, as pages mark them with lang="nl".
    labels = load_labels(FIVE_GROUPS / "docs", ["nl", "fr", "de"], "nl", FIVE_GROUPS)["de"]
    assert rows[0][-1] == labels.csv_untranslated == "Noch nicht übersetzt (in der Ausgangssprache)"
    marks = {row[1]: row[-1] for row in rows[1:]}
    assert labels.competency in marks[untranslated.id].split(", ")
    assert labels.csv_definition in marks[untranslated.id].split(", ")


@pytest.mark.parametrize(("site_fixture", "project", "languages"), SITES, ids=["real", "five-groups"])
def test_downloads_page_links_every_file_and_every_file_exists(request: pytest.FixtureRequest, site_fixture: str,
                                                               project: Path, languages: tuple[str, ...]) -> None:
    site: Path = request.getfixturevalue(site_fixture)
    for language in languages:
        folder = site / language / "downloads"
        soup = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
        linked = {attr(a, "href") for a in soup.select("article a[download]")}
        # And the dictionary's PDF in the page's own language (hooks/site/pdf.py).
        expected = {JSON_FILE, SCHEMA_FILE, *(csv_file_name(other) for other in languages), pdf_file_name(language),
                    *(profiles_csv_file_name(other) for other in languages)}  # both models have role profiles
        assert linked == expected, language
        for name in linked:
            assert (folder / name).is_file() and (folder / name).stat().st_size > 0, f"{language}/downloads/{name}"
        # The export schema's $refs name files beside it; each of them is published too, and only those:
        # the schemas of the content check's terms and of the glossary are not part of the export.
        for schema in project.glob("model/schema/*.schema.json"):
            if schema.name in ("terms.schema.json", "glossary.schema.json"):
                assert not (folder / schema.name).exists()
            else:
                assert (folder / schema.name).read_bytes() == schema.read_bytes()


@pytest.mark.parametrize("root", [PROJECT, FIVE_GROUPS], ids=["real", "five-groups"])
def test_the_json_written_part_by_part_is_the_whole_document_indented(root: Path) -> None:
    """A large model's JSON is never held whole; the bytes are what json.dumps would give for it all."""
    sources, problems = read_sources(root / "model", root)
    assert not problems
    assert model_json(sources) == (json.dumps(model_document(sources), ensure_ascii=False, indent=2) + "\n").encode()


def test_a_download_size_is_counted_without_keeping_the_file() -> None:
    sources, _ = read_sources(PROJECT / "model", PROJECT)
    model = load_model(PROJECT / "model", PROJECT)
    languages = i18n_languages(read_mkdocs_yml(PROJECT / "mkdocs.yml"))
    labels = load_labels(PROJECT / "docs", ["nl", "fr"], "nl", PROJECT)
    sizes = {name: download_size(write) for name, write in download_files(sources, model, languages, labels)}
    assert sizes[JSON_FILE] == len(model_json(sources))
    assert sizes[csv_file_name("fr")] == len(competencies_csv(model, "fr", labels["fr"]))
    assert sizes[SCHEMA_FILE] == (PROJECT / "model" / "schema" / SCHEMA_FILE).stat().st_size
