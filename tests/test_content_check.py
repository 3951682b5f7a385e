"""The content check (python -m hooks.check --content): one test per rule, at exact positions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hooks.check import main as check_main
from hooks.problems import Location, ModelError
from hooks.source.content import content_problems, load_terms, mask_markdown, sentences, text_findings, text_location
from hooks.source.labels import load_labels
from hooks.source.load import read_sources
from hooks.source.yamlsource import parse_yaml

PROJECT = Path(__file__).resolve().parents[1]
TERMS = load_terms(PROJECT / "model", PROJECT)
LONG = " ".join(["woord"] * 26) + "."


# --- Sentences ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Een zin. Nog een zin!", [(0, 2), (9, 3)]),
    ("Waarom? Daarom.", [(0, 1), (8, 1)]),
    ("Versie 1.0.0 is er.", [(0, 4)]),                      # a dot inside a word ends nothing
    ("Pourquoi ? Parce que.", [(0, 1), (11, 2)]),            # the French "?" is no word
    ("- een\n- twee drie", [(2, 1), (8, 2)]),                # every list item ends a sentence
    ("# Titel\nTekst hier", [(2, 1), (8, 2)]),               # so does a heading
    ("Zie [de site](https://a.be/x?y=1) nu.", [(0, 4)]),     # a link target is no text
    ("Mail {{ contact.email }} of `code ? x` nu.", [(0, 3)]),
    ("Zie [de site][x].\n\n[x]: https://a.be\n\nNog een zin hier.", [(0, 3), (38, 4)]),  # a reference definition
])
def test_sentences_and_their_words(text: str, expected: list[tuple[int, int]]) -> None:
    assert [(sentence.start, sentence.words) for sentence in sentences(mask_markdown(text))] == expected


def test_masking_keeps_every_offset() -> None:
    text = "---\ntranslated_from: x\n---\n# T\n\n```\ncode. code\n```\n| a | b |\n|---|---|\nZin <b>hier</b>.\n"
    assert len(mask_markdown(text, front_matter=True)) == len(text)


# --- The rules, in one text --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "language", "offset", "message"), [
    (f"Kort. {LONG}", "nl", 6, "a sentence of 26 words (at most 25): split it into shorter ones "
                                "(\"woord woord woord woord woord woord woord woord …\")"),
    ("In de ontwikkelcirkels bespreek je dit.", "nl", 6,
     "'ontwikkelcirkels' is a retired or discouraged term: write 'evaluatiecyclus'"),
    ("Lors de l’entretien d’évaluation, vous…", "fr", 10,
     "'entretien d’évaluation' is a retired or discouraged term: write "
     "'entretien de cycle d'évaluation (volet planification, volet bilan)'"),
    ("Meld het aan het Aanspreekpunt   integriteit.", "nl", 17,
     "'Aanspreekpunt integriteit' is a retired or discouraged term: write 'vertrouwenspersoon integriteit'"),
    ("De FOD's doen mee.", "nl", 3, "'FOD's' is a retired or discouraged term: write 'federale organisaties'"),
    ("Vul het online formulier in.", "nl", 8,
     "'online formulier' is another spelling of a concept this site writes 'onlineformulier': write 'onlineformulier'"),
    ("Gebruik een controlelijst.", "nl", 12,
     "'controlelijst' is another spelling of a concept this site writes 'checklist': write 'checklist'"),
    ("Envoyez un email.", "fr", 11, "'email' is another spelling of a concept this site writes 'e-mail': write 'e-mail'"),
    ("Donnez une rétroaction.", "fr", 11,
     "'rétroaction' is another spelling of a concept this site writes 'feedback': write 'feedback'"),
])
def test_each_rule_reports_what_and_where(text: str, language: str, offset: int, message: str) -> None:
    findings = text_findings(text, language, TERMS)
    assert [(finding.offset, finding.message) for finding in findings] == [(offset, message)]


@pytest.mark.parametrize(("text", "language"), [
    ("Stuur een e-mail naar de dienst.", "nl"),              # the right spelling
    ("Le SPF Stratégie et Appui (BOSA) publie.", "fr"),      # one named SPF is fine
    ("Zie https://example.org/ontwikkelcirkel.", "nl"),      # not in a URL
    ("Schrijf `controlelijst` niet.", "nl"),                 # nor in code
    ("Les cercles de développement sont retirés.", "nl"),    # the French term in a Dutch text
])
def test_what_is_not_reported(text: str, language: str) -> None:
    assert text_findings(text, language, TERMS) == []


# --- Positions inside YAML texts -------------------------------------------------------------------

YAML = """\
plain: Een korte tekst met een controlelijst erin.
quoted: "Een tekst: met een controlelijst."
folded:
  nl: >-
    Een eerste regel zonder iets,
    en een tweede met een controlelijst.

    Een nieuwe alinea met controlelijst.
escaped: "Een \\"tekst\\" met controlelijst."
"""


@pytest.mark.parametrize(("path", "word", "expected"), [
    (("plain",), "controlelijst", (1, 32)),
    (("quoted",), "controlelijst", (2, 29)),
    (("folded", "nl"), "controlelijst", (6, 27)),
    (("folded", "nl"), "Een nieuwe", (8, 5)),            # after the blank line between paragraphs
    (("folded", "nl"), "met controlelijst", (8, 23)),
    (("escaped",), "controlelijst", (9, 10)),  # an escape: the text's own place
])
def test_a_word_in_a_yaml_text_is_found_where_it_is_written(path: tuple[str, ...], word: str,
                                                             expected: tuple[int, int]) -> None:
    document = parse_yaml(YAML, Path("x.yaml"), "x.yaml")
    text = document.data
    for part in path:
        text = text[part]
    offset = text.index(word)
    assert text_location(document, path, text, offset) == Location("x.yaml", *expected)


# --- In the project's files, with file:line:column and field ------------------------------------------


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the model, the labels and the pages, where one text at a time is made wrong."""
    for folder in ("model", "docs"):
        shutil.copytree(PROJECT / folder, tmp_path / folder, symlinks=True)
    shutil.copy(PROJECT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def _problems(project: Path) -> list[str]:
    sources, problems = read_sources(project / "model", project)
    assert not problems
    labels = load_labels(project / "docs", ["nl", "fr"], "nl", project)
    return [str(problem) for problem in content_problems(project, project / "docs", ["nl", "fr"], sources, labels)]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def test_a_handwritten_page_gets_the_exact_line_and_column(project: Path) -> None:
    page = project / "docs" / "nl" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nHet ontwikkelcirkelgesprek en een controlelijst.\n",
                    encoding="utf-8")
    line = _line_of(page, "Het ontwikkelcirkelgesprek en een controlelijst.")
    found = [problem for problem in _problems(project) if problem.startswith("docs/nl/faq.md")]
    assert f"docs/nl/faq.md:{line}:5: warning: 'ontwikkelcirkelgesprek' is a retired or discouraged term: " \
           "write 'evaluatiecyclus'" in found
    assert f"docs/nl/faq.md:{line}:35: warning: 'controlelijst' is another spelling of a concept this site " \
           "writes 'checklist': write 'checklist'" in found


def test_a_label_gets_its_key(project: Path) -> None:
    labels = project / "docs" / "fr" / "labels.yml"
    _replace(labels, "what_it_means: Que recouvre cette compétence ?", "what_it_means: Que recouvre ce cercle de développement ?")
    line = _line_of(labels, "what_it_means: Que recouvre ce cercle de développement ?")
    assert f"docs/fr/labels.yml:{line}:32: warning: what_it_means: 'cercle de développement' is a retired or " \
           "discouraged term: write 'cycle d'évaluation'" in _problems(project)


def test_a_role_profile_is_read_like_every_model_text(project: Path) -> None:
    profile = project / "model" / "profiles" / "expert-niveau-b.yaml"
    _replace(profile, "  nl: Expert (niveau B)", "  nl: Expert ontwikkelcirkels (niveau B)")
    line = _line_of(profile, "  nl: Expert ontwikkelcirkels (niveau B)")
    assert f"model/profiles/expert-niveau-b.yaml:{line}:14: warning: name.nl: 'ontwikkelcirkels' is a retired or " \
           "discouraged term: write 'evaluatiecyclus'" in _problems(project)


def test_a_text_that_repeats_its_heading(project: Path) -> None:
    competency = project / "model" / "competencies" / "samenwerken.yaml"
    text = competency.read_text(encoding="utf-8")
    start = text.index("\ndigital:\n")
    nl_line = text.count("\n", 0, start) + 3  # digital:, then nl: on the next line
    lines = text.split("\n")
    assert lines[nl_line - 1].startswith("  nl:"), lines[nl_line - 1]
    lines[nl_line - 1] = "  nl: De digitale dimensie van samenwerken is groot."
    competency.write_text("\n".join(lines), encoding="utf-8")
    assert f"model/competencies/samenwerken.yaml:{nl_line}:7: warning: digital.nl: the text repeats its heading " \
           "'Digitale dimensie': start with what the heading does not already say" in _problems(project)


def test_a_level_without_a_digital_indicator(project: Path) -> None:
    levels = project / "model" / "competencies" / "samenwerken.yaml"
    text = levels.read_text(encoding="utf-8")
    for marker in ("digita", "Digita", "online", "Online", "data", "gegevens", "numérique", "en ligne", "données"):
        text = text.replace(marker, "xxxx")
    levels.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    indicators = next(index for index, line in enumerate(lines) if line.strip() == "indicators:")
    level = lines[indicators - 1].split(":")[1].strip()
    found = _problems(project)
    # The position of the list under nl:, two lines below "indicators:".
    assert f"model/competencies/samenwerken.yaml:{indicators + 3}:9: warning: levels[0].indicators.nl: no indicator of " \
           f"level '{level}' describes a digital behaviour (content rule 5): " \
           "add or turn one, written as behaviour, with one of: digita, online, data, gegevens" in found


def test_the_terms_file_is_read_strictly(project: Path) -> None:
    _replace(project / "model" / "terms.yaml", "max_sentence_words: 25", "max_sentence_words: many")
    with pytest.raises(ModelError) as raised:
        load_terms(project / "model", project)
    assert [str(problem) for problem in raised.value.problems] == [
        "model/terms.yaml:7:21: max_sentence_words: expected a whole number, found the text 'many'"]


def test_the_command_exits_1_with_warnings_and_github_annotations(project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "docs" / "nl" / "faq.md"
    page.write_text("# Vragen\n\nDe ontwikkelcirkel.\n", encoding="utf-8")
    assert check_main(["--config", str(project / "mkdocs.yml"), "--content", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "::warning file=docs/nl/faq.md,line=3,col=4::'ontwikkelcirkel' is a retired or discouraged term: " \
           "write 'evaluatiecyclus'" in out


def test_the_terms_file_is_not_a_model_file_nor_a_download() -> None:
    sources, _ = read_sources(PROJECT / "model", PROJECT)
    assert "terms.yaml" not in sources.single


# --- The interview kits' parts ------------------------------------------------------------------------


FIXTURE = Path(__file__).parent / "fixtures" / "five-groups"


@pytest.fixture()
def fixture_project(tmp_path: Path) -> Path:
    """A copy of the five-groups model, whose first competency has follow-up questions and behaviours below
    each level and whose other competencies have neither, with the real terms file."""
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)  # the linked schema and stylesheets as files
    shutil.copy(PROJECT / "model" / "terms.yaml", tmp_path / "model" / "terms.yaml")
    return tmp_path


def _kit_warnings(project: Path, competency: str) -> list[str]:
    return [problem for problem in _problems(project) if problem.startswith(f"model/competencies/{competency}.yaml")
            and ("below_level" in problem or "follow_up_questions" in problem)]


def test_a_kit_without_follow_up_questions_or_behaviours_below_a_level_is_named(fixture_project: Path) -> None:
    path = fixture_project / "model" / "competencies" / "competentie-02.yaml"
    found = _kit_warnings(fixture_project, "competentie-02")
    assert f"model/competencies/competentie-02.yaml:{_line_of(path, 'hr_use:')}:1: warning: hr_use.follow_up_questions: " \
           "the competency's interview kit has no follow-up questions: add follow_up_questions with situation, task, " \
           "action and result, 1 to 3 questions each" in found
    level_3 = path.read_text(encoding="utf-8").split("\n").index("- level: niveau-3") + 1
    assert f"model/competencies/competentie-02.yaml:{level_3}:3: warning: levels[2].below_level: the interview kit " \
           "of level 'niveau-3' lists no behaviours below it: add below_level, 2 to 4 observable behaviours per " \
           "language" in found
    assert len(found) == 1 + 8  # the follow-up questions, and each of the eight levels
    assert _kit_warnings(fixture_project, "competentie-01") == []


def test_a_follow_up_question_is_a_question_and_a_behaviour_below_a_level_is_not(fixture_project: Path) -> None:
    path = fixture_project / "model" / "competencies" / "competentie-01.yaml"
    _replace(path, "- Vraag over de actie?", "- Vertel over de actie.")
    _replace(path, "- Sous l'échelon 2 2.", "- Sous l'échelon 2 2 ?")
    found = _kit_warnings(fixture_project, "competentie-01")
    assert found == [
        f"model/competencies/competentie-01.yaml:{_line_of(path, '      - Vertel over de actie.')}:9: warning: "
        "hr_use.follow_up_questions.action.nl[0]: a follow-up question on the action does not end with '?': write "
        "it as a question to the candidate",
        f"model/competencies/competentie-01.yaml:{_line_of(path, '    - Sous l' + chr(39) + 'échelon 2 2 ?')}:7: "
        "warning: levels[1].below_level.fr[1]: a behaviour below the level is written as a question: describe what "
        "an interviewer sees the person do, as the indicators do",
    ]
