"""Every mistake HR can make in the model is reported with its file, line, column and field, never a traceback.

Each case copies the real project (model/, the labels files and mkdocs.yml) into a temporary folder,
makes one mistake there, and checks the report: the ``path:line:column: field:`` prefix, a fragment of
the message, and how many problems the mistake causes (one mistake should not bury the report in noise).
Every case runs in-process, through ``hooks.site.state.load_site``; a representative part also runs through
the real command, ``python -m hooks.check``.

Where a problem points is written as an anchor: a piece of the edited file with ``^`` at the column
the message must name. The line and column are computed from the edited file, so the cases keep
working when HR edits the texts around them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from hooks.problems import ModelError
from hooks.site.state import load_site
from hooks.source.load import load_model
from hooks.source.siteconfig import i18n_languages, read_mkdocs_yml

PROJECT = Path(__file__).resolve().parents[1]
COMPETENCY = "model/competencies/samenwerken.yaml"
"""The competency most cases edit; its id is its file name, ``samenwerken``."""
COMPETENCY_ID = "samenwerken"
PROFILE = "model/profiles/projectleider-niveau-a.yaml"
FR_LABELS = "docs/fr/labels.yml"

Mutation = Callable[[Path], object]
"""Changes one file (or folder) of the project copy, given its path."""


# ---------------------------------------------------------------------------------------------------
# The project copy and the two ways of checking it


def copy_project(target: Path) -> Path:
    """The parts of the project the check reads: model/, every docs/<lang>/labels.yml and mkdocs.yml."""
    shutil.copytree(PROJECT / "model", target / "model")
    for labels in PROJECT.glob("docs/*/labels.yml"):
        copy = target / labels.relative_to(PROJECT)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(labels, copy)
    shutil.copy(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def problems_in_process(project: Path) -> list[str]:
    """The problems ``load_site`` raises for a project, as the lines the check prints."""
    languages = i18n_languages(read_mkdocs_yml(project / "mkdocs.yml"))
    with pytest.raises(ModelError) as raised:
        load_site(project, project / "docs", languages)
    return [str(problem) for problem in raised.value.problems]


def run_check(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python -m hooks.check`` on a project copy, as HR and CI run it (the package comes from this repo)."""
    return subprocess.run(
        [sys.executable, "-m", "hooks.check", "--config", str(project / "mkdocs.yml"), *arguments],
        cwd=PROJECT, capture_output=True, text=True, timeout=120, check=False,
    )


def assert_no_traceback(output: str) -> None:
    assert "Traceback" not in output and "internal error" not in output, output


# ---------------------------------------------------------------------------------------------------
# Mutations


def _edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def sub(pattern: str, replacement: str, *, first: bool = False) -> Mutation:
    """Replace the one match of a multi-line regular expression (or the first, with ``first``).

    A pattern that does not match fails the test loudly instead of testing an unchanged file.
    """
    def mutate(path: Path) -> None:
        def change(text: str) -> str:
            matches = len(re.findall(pattern, text, flags=re.MULTILINE))
            assert matches >= 1 if first else matches == 1, f"{pattern!r} matches {matches} times in {path}"
            return re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
        _edit(path, change)
    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(path: Path) -> None:
        for mutation in mutations:
            mutation(path)
    return mutate


def write(text: str) -> Mutation:
    return lambda path: path.write_text(text, encoding="utf-8")


def as_latin1(path: Path) -> None:
    """Save the file the way an old Windows editor does: Latin-1 instead of UTF-8."""
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))


def delete(path: Path) -> None:
    path.unlink()


def delete_competencies(path: Path) -> None:
    for competency in [*path.glob("*.yaml"), *path.glob("*.yml")]:
        competency.unlink()


def former_id(competency_file: str, old_id: str) -> Mutation:
    """Give a competency a former id, from a case that edits a file two folders down, such as model/profiles/x.yaml."""
    def change(path: Path) -> None:
        _edit(path.parents[2] / competency_file, lambda text: re.sub(r"^(id: .*)$", rf"\1\nformer_ids: [{old_id}]", text,
                                                             count=1, flags=re.M))
    return change


def copy_of_sibling(name: str) -> Mutation:
    """Create the file as a copy of another file in the same folder."""
    return lambda path: shutil.copy(path.with_name(name), path)


# ---------------------------------------------------------------------------------------------------
# Cases


@dataclass(frozen=True)
class Case:
    description: str
    file: str
    """The file (or folder) the mutation changes, relative to the project."""
    mutation: Mutation
    at: str | None
    """Where the problem points: text of the edited file with ``^`` at the column; None: the whole file."""
    field: str
    message: str
    """A fragment of the message."""
    count: int = 1
    """How many problems the mistake causes in the whole report."""
    nth: int = 1
    """Which occurrence of ``at`` is meant, when the text occurs more than once."""

    def expected_prefix(self, project: Path) -> str:
        field = f"{self.field}: " if self.field else ""
        if self.at is None:
            return f"{self.file}: {field}"
        # Undecodable bytes count as one character each, as they do in the message's column.
        text = (project / self.file).read_bytes().decode("utf-8", "replace")
        line, column = anchor_position(text, self.at, self.nth)
        return f"{self.file}:{line}:{column}: {field}"


def anchor_position(text: str, anchor: str, nth: int = 1) -> tuple[int, int]:
    """The 1-based line and column of the ``^`` in ``anchor``, found in ``text``."""
    marker = anchor.index("^")
    needle = anchor[:marker] + anchor[marker + 1:]
    found = [match.start() for match in re.finditer(re.escape(needle), text)] if needle else [0]
    assert len(found) >= nth, f"{needle!r} occurs {len(found)} times, expected at least {nth}"
    if nth == 1:
        assert len(found) == 1, f"the anchor {needle!r} is ambiguous: it occurs {len(found)} times"
    offset = found[nth - 1] + marker
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


NAME_NL = r"^(name:\n  nl: ).*$"
NAME_BLOCK = r"^(name:\n  nl: .*\n  fr: .*)$"
KEY_ASPECTS_NL = r"^(key_aspects:\n  nl:\n)(?:    - .*\n)+"
LEVELS = r"^levels:$"
RELATED = r"^related: \["
ORDER = r"^order: \d+$"

CASES = [
    # YAML itself
    Case("YAML syntax error: a text with ': ' and no quotes", COMPETENCY, sub(NAME_NL, r"\1Samen: werken"),
         "  nl: Samen^: werken", "", "YAML syntax error: mapping values are not allowed here (a text that "
         "contains ': ' must be put in quotes"),
    Case("YAML syntax error: a tab for indentation", COMPETENCY, sub(r"^(name:\n)  nl:", "\\1\tnl:"),
         "name:\n^\tnl:", "", "indent with spaces, not tabs"),
    Case("YAML syntax error: a quote never closed", COMPETENCY, sub(NAME_NL, r'\1"Samenwerken'),
         '  nl: ^"Samenwerken', "", "the quoted text that starts here runs on to line "),
    Case("a second YAML document in the file", COMPETENCY, lambda path: _edit(path, lambda t: t + "---\nid: x\n"),
         "\n^---\nid: x", "", "a file holds one document"),
    Case("duplicate key at the top level", COMPETENCY, sub(r"^(order: \d+)$", r"\1\norder: 7"),
         "^order: 7", "order", "duplicate key 'order' (first written on line 4); YAML would silently keep only the last"),
    Case("duplicate key in a language mapping", COMPETENCY, sub(NAME_BLOCK, r"\1\n  fr: Coopérer"),
         "  ^fr: Coopérer", "name.fr", "duplicate key 'fr'"),
    Case("an anchor", COMPETENCY, sub(r"^group: ", "group: &groep "),
         "group: ^&groep", "group", "anchors (&groep) are not allowed"),
    Case("an alias", COMPETENCY, both(sub(r"^group: ", "group: &groep "), sub(RELATED, "related: [*groep, ")),
         "related: [^*groep", "related[0]", "aliases (*groep) are not allowed: write the text out in full", count=2),
    Case("a !!python/object tag", COMPETENCY, sub(ORDER, "order: !!python/object/apply:os.system [echo]"),
         "order: ^!!python", "order", "the tag !!python/object/apply:os.system is not allowed"),
    Case("a !!binary tag", COMPETENCY, sub(NAME_NL, r"\1!!binary U2FtZW53ZXJrZW4="),
         "  nl: ^!!binary", "name.nl", "the tag !!binary is not allowed"),
    Case("a !!set tag", COMPETENCY, sub(r"^related: .*$", "related: !!set {communiceren: null}"),
         "related: ^!!set", "related", "the tag !!set is not allowed"),
    Case("MkDocs' !ENV tag in a model file", COMPETENCY, sub(ORDER, "order: !ENV [ORDER, 1]"),
         "order: ^!ENV", "order", "the tag !ENV is not allowed"),
    Case("a merge key <<", COMPETENCY, sub(NAME_BLOCK, r"\1\n  <<: {de: Zusammenarbeit}"),
         "  ^<<:", "name.<<", "merge keys (<<) are not allowed"),
    Case("an empty file", COMPETENCY, write(""), "^", "", "the file is empty"),
    Case("a file with only a comment", COMPETENCY, write("# samenwerken\n"), "^# samenwerken", "", "the file is empty"),
    Case("a file saved as Latin-1, not UTF-8", COMPETENCY, both(sub(r"^(name:\n  nl: .*\n  fr: ).*$", r"\1Coopérer"),
                                                                  as_latin1),
         "  fr: Coop^\ufffdrer", "", "the file is not saved as UTF-8 (the byte 0xE9 here is not UTF-8)"),
    Case("an invisible control character", COMPETENCY, sub(NAME_NL, "\\1Samen\x07werken"),
         "  nl: Samen^\x07werken", "", "the invisible character U+0007 is not allowed"),
    Case("a list where the file should be a mapping", COMPETENCY, write("- samenwerken\n"),
         "^- samenwerken", "", "expected a mapping (key: value), found a list"),
    # The schema
    Case("a required field is missing", COMPETENCY, sub(r"^order: \d+\n", ""),
         "\n^id: ", "order", "the field 'order' is missing"),
    Case("an unknown field points at its key", COMPETENCY, sub(r"^(order: \d+)$", r"\1\ncolour: blue"),
         "^colour: blue", "colour", "unknown field 'colour'; allowed here: definition,"),
    Case("an unknown field in a level", COMPETENCY, sub(r"^(  - level: basis)$", r"\1\n    note: later"),
         "    ^note: later", "levels[0].note", "unknown field 'note'; allowed here: below_level, indicators, level"),
    Case("a number where a text is expected", COMPETENCY, sub(NAME_NL, r"\g<1>42"),
         "  nl: ^42", "name.nl", "expected text, found the number 42 (put it in quotes)"),
    Case("yes where a text is expected", COMPETENCY, sub(NAME_NL, r"\1yes"),
         "  nl: ^yes", "name.nl", "expected text, found true (YAML reads yes, no, on, off"),
    Case("a text where a number is expected", COMPETENCY, sub(ORDER, "order: first"),
         "order: ^first", "order", "expected a whole number, found the text 'first'"),
    Case("an order below 1", COMPETENCY, sub(ORDER, "order: 0"), "order: ^0", "order", "must be 1 or more, found 0"),
    Case("an id in capitals", COMPETENCY, sub(r"^id: .*$", "id: Samenwerken"),
         "id: ^Samenwerken", "id", "'Samenwerken' is not a valid id: use lower-case letters, digits and single hyphens"),
    Case("an id with a space", COMPETENCY, sub(r"^id: .*$", "id: samen werken"),
         "id: ^samen werken", "id", "'samen werken' is not a valid id"),
    Case("a language key that is not a language code", COMPETENCY, sub(NAME_BLOCK, r"\1\n  Frans: Coopérer"),
         "  ^Frans: Coopérer", "name.Frans", "'Frans' is not a language code such as nl or fr"),
    Case("too few key aspects", COMPETENCY, sub(KEY_ASPECTS_NL, r"\1    - Een\n    - Twee\n"),
         "key_aspects:\n  nl:\n    ^- Een", "key_aspects.nl", "expected 3 to 5 items, found 2"),
    Case("too many key aspects", COMPETENCY, sub(KEY_ASPECTS_NL, r"\1" + "".join(f"    - Aspect {n}\n" for n in range(6))),
         "key_aspects:\n  nl:\n    ^- Aspect 0", "key_aspects.nl", "expected 3 to 5 items, found 6"),
    Case("three evaluation objectives instead of two", COMPETENCY,
         sub(r"^(  evaluation_objectives:\n    nl:\n)(?:      - .*\n)+",
             r"\1" + "".join(f"      - Doelstelling {n}.\n" for n in range(3))),
         "    nl:\n      ^- Doelstelling 0.", "hr_use.evaluation_objectives.nl", "expected 2 items, found 3"),
    Case("a related competency listed twice", COMPETENCY, sub(RELATED, "related: [communiceren, communiceren, "),
         "related: ^[", "related", "lists the same value twice"),
    Case("a bad date format", "model/model.yaml", sub(r"^date: .*$", 'date: "28/11/2026"'),
         'date: ^"28/11/2026"', "date", "'28/11/2026' is not a date written as YYYY-MM-DD"),
    Case("a date that is not in the calendar", "model/changelog.yaml", sub(r'^(    date: ).*$', r'\1"2026-02-30"', first=True),
         '    date: ^"2026-02-30"', "changes[0].date", "'2026-02-30' is not a date in the calendar"),
    # Across files
    Case("an id different from the file name", COMPETENCY, sub(r"^id: .*$", "id: samen-werken"),
         "id: ^samen-werken", "id", "the id 'samen-werken' must equal the file name 'samenwerken'"),
    Case("the same competency id in two files", "model/competencies/samenwerken.yml", copy_of_sibling(Path(COMPETENCY).name),
         f"\nid: ^{COMPETENCY_ID}", "id", f"the competency id '{COMPETENCY_ID}' is already used at {COMPETENCY}:2:",
         count=2),
    Case("an unknown group", COMPETENCY, sub(r"^group: .*$", "group: onbekend"),
         "group: ^onbekend", "group", "no group with id 'onbekend' in model/groups.yaml (known: "),
    Case("an unknown level", COMPETENCY, sub(LEVELS, "levels:\n  - {level: meester, indicators: {nl: [a], fr: [b]}}"),
         "{level: ^meester", "levels[0].level", "no level with id 'meester' in model/levels.yaml (known: basis,"),
    Case("the indicators of a level are missing", COMPETENCY, sub(r"^  - level: strategisch\n(?: {4,}.*\n)*", ""),
         "levels:\n  ^- level: basis", "levels", "the indicators for level 'strategisch' are missing"),
    Case("a level given twice", COMPETENCY, sub(LEVELS, "levels:\n  - {level: basis, indicators: {nl: [a], fr: [b]}}"),
         "  - level: ^basis", "levels[1].level", "the level 'basis' is already used at"),
    Case("an unknown related competency", COMPETENCY, sub(RELATED, "related: [onbekend, "),
         "related: [^onbekend", "related[0]", "no competency with id 'onbekend' in model/competencies/"),
    Case("a competency related to itself", COMPETENCY, sub(RELATED, f"related: [{COMPETENCY_ID}, "),
         f"related: [^{COMPETENCY_ID}", "related[0]", "a competency cannot be related to itself"),
    Case("two competencies with the same order in a group", COMPETENCY, sub(ORDER, "order: 2"),
         "order: ^2", "order", "the order 2 in group 'uitwisselen-en-samenwerken' is already used at "
         "model/competencies/communiceren.yaml:4:8"),
    Case("a group colour too light for white text", "model/groups.yaml", sub(r'^(    colour: )"#1f6b4f"$', r'\1"#7fc8a0"'),
         '    colour: ^"#7fc8a0"', "groups[1].colour", "#7fc8a0 has a contrast of 1.97:1 with the heading's white "
         "text; WCAG 2.1 AA needs 4.5:1: choose a darker colour, such as #378159"),
    Case("a group colour that is no colour", "model/groups.yaml", sub(r'^(    colour: )"#1f6b4f"$', r"\1green"),
         "    colour: ^green", "groups[1].colour", "'green' does not have the expected form (^#[0-9a-fA-F]{6}$)"),
    Case("two groups with the same order", "model/groups.yaml", sub(r"^(    order: )1$", r"\g<1>2"),
         "    order: ^2", "groups[1].order", "the order 2 is already used at model/groups.yaml:", nth=2),
    Case("a former id that is a current id", COMPETENCY, sub(r"^(id: .*)$", r"\1\nformer_ids: [communiceren]"),
         "former_ids: [^communiceren]", "former_ids[0]", "'communiceren' is the id of a current competency or group"),
    Case("a group's former id that is a current group id", "model/groups.yaml",
         sub(r"^(  - id: uitwisselen-en-samenwerken)$", r"\1\n    former_ids: [reflecteren-en-creeren]"),
         "    former_ids: [^reflecteren-en-creeren]", "groups[0].former_ids[0]",
         "'reflecteren-en-creeren' is the id of a current group"),
    Case("two groups with the same former id", "model/groups.yaml",
         lambda path: _edit(path, lambda text: re.sub(r"^(  - id: [a-z-]+)$", r"\1\n    former_ids: [oud]", text,
                                                      flags=re.M)),
         "    former_ids: [^oud]", "groups[1].former_ids[0]", "the former group id 'oud' is already used at",
         count=3, nth=2),
    Case("a required language the site does not have", "model/model.yaml",
         sub(r"^required_languages: .*$", "required_languages: [nl, fr, xx]"),
         "required_languages: [nl, fr, ^xx]", "required_languages[2]",
         "'xx' is not one of the site's languages in mkdocs.yml (nl, fr)"),
    Case("a text in a language the site does not have", COMPETENCY, sub(NAME_BLOCK, r"\1\n  en: Collaboration"),
         "  ^en: Collaboration", "name.en", "'en' is not one of the site's languages in mkdocs.yml (nl, fr)"),
    # Texts
    Case("the French text is missing", COMPETENCY, sub(r"^(name:\n  nl: .*\n)  fr: .*\n", r"\1"),
         "name:\n  ^nl: ", "name.fr", "the text in required language 'fr' is missing"),
    Case("the Dutch (source language) text is missing", COMPETENCY, sub(r"^(name:\n)  nl: .*\n", r"\1"),
         "name:\n  ^fr: ", "name.nl", "the text in required language 'nl' is missing"),
    Case("the French text is empty", COMPETENCY, sub(r"^(name:\n  nl: .*\n  fr: ).*$", r"\1''"),
         "  fr: ^''", "name.fr", "the text in required language 'fr' is empty"),
    Case("an empty item in a list", COMPETENCY, sub(KEY_ASPECTS_NL, r"\1    - Een\n    - ''\n    - Drie\n"),
         "    - ^''", "key_aspects.nl[1]", "this item of the list is empty"),
    Case("raw HTML: <script>", COMPETENCY, sub(NAME_NL, r"\1Samen<script>alert(1)</script>"),
         "  nl: ^Samen<script>", "name.nl", "raw HTML is not allowed (found '<script>')"),
    Case("raw HTML: <iframe>", COMPETENCY, sub(NAME_NL, r"""\1'<iframe src="https://example.org"></iframe>'"""),
         "  nl: ^'<iframe", "name.nl", "raw HTML is not allowed (found '<iframe src="),
    Case("raw HTML: an onclick= attribute", COMPETENCY,
         sub(NAME_NL, r"""\1'<a href="https://example.org" onclick="steal()">Samenwerken</a>'"""),
         "  nl: ^'<a href", "name.nl", "raw HTML is not allowed (found '<a href=\"https://example.org\" onclick="),
    Case("a javascript: link", COMPETENCY, sub(NAME_NL, r"\1'[Samenwerken](javascript:alert(1))'"),
         "  nl: ^'[Samenwerken]", "name.nl", "the link 'javascript:alert(1' is not allowed: links must start with "
         "https://, http:// or mailto:"),
    Case("a data: link", COMPETENCY, sub(NAME_NL, r"\1'[Samenwerken](data:text/html;base64,PHNjcmlwdD4=)'"),
         "  nl: ^'[Samenwerken]", "name.nl", "the link 'data:text/html;base64,PHNjcmlwdD4=' is not allowed"),
    Case("a relative link", COMPETENCY, sub(NAME_NL, r"\1'[Samenwerken](../communiceren/)'"),
         "  nl: ^'[Samenwerken]", "name.nl", "the link '../communiceren/' is not allowed"),
    # Role profiles
    Case("a profile asks an unknown competency", PROFILE, sub(r"\{competency: samenwerken,", "{competency: onbekend,"),
         "{competency: ^onbekend", "competencies[0].competency", "no competency with id 'onbekend' in model/competencies/"),
    Case("a profile asks a competency by its former id", PROFILE,
         both(sub(r"\{competency: samenwerken,", "{competency: samenwerking,"), former_id(COMPETENCY, "samenwerking")),
         "{competency: ^samenwerking", "competencies[0].competency",
         f"'samenwerking' is a former id of '{COMPETENCY_ID}' ({COMPETENCY}): write '{COMPETENCY_ID}'"),
    Case("a profile asks an unknown level", PROFILE, sub(r"(\{competency: samenwerken, +level: )\w+", r"\1meester"),
         "level: ^meester", "competencies[0].level", "no level with id 'meester' in model/levels.yaml (known: basis,"),
    Case("a profile asks a competency twice", PROFILE, sub(r"\{competency: communiceren,", "{competency: samenwerken,"),
         "{competency: ^samenwerken", "competencies[1].competency", f"the competency '{COMPETENCY_ID}' is already "
         f"used at {PROFILE}:", nth=2),
    Case("a profile asks no competency", PROFILE, sub(r"^competencies:\n(?:  - .*\n)+", "competencies: []\n"),
         "competencies: ^[]", "competencies", "expected at least 1 item"),
    Case("a profile without a name", PROFILE, sub(r"^name:\n(?:  .*\n)+", ""),
         "^id: ", "name", "the field 'name' is missing"),
    Case("a profile id different from its file name", PROFILE, sub(r"^id: .*$", "id: projectleider-a"),
         "id: ^projectleider-a", "id", "the id 'projectleider-a' must equal the file name 'projectleider-niveau-a'"),
    Case("two profiles with the same order", "model/profiles/projectleider-niveau-b.yaml", sub(ORDER, "order: 6"),
         "order: ^6", "order", f"the order 6 is already used at {PROFILE}:"),
    Case("a duplicate key in a profile", PROFILE, sub(r"^(order: \d+)$", r"\1\norder: 7"),
         "^order: 7", "order", "duplicate key 'order' (first written on line "),
    Case("a profile's example flag that is not true or false", PROFILE, sub(r"^example: true$", "example: ja"),
         "example: ^ja", "example", "expected true or false, found the text 'ja'"),
    # Files
    Case("a model file is missing", "model/groups.yaml", delete, None, "", "this model file is missing"),
    Case("no competency files", "model/competencies", delete_competencies, None, "",
         "no competency files (*.yaml) found"),
    # Labels
    Case("a label key missing in French", FR_LABELS, sub(r"^key_aspects: .*\n", ""), None, "key_aspects",
         "the label is missing (it is defined in docs/nl/labels.yml)"),
    Case("a labels file is missing", FR_LABELS, delete, None, "", "the labels file for this language is missing"),
    Case("a label placeholder renamed in translation", FR_LABELS,
         sub(r"^level_heading: .*$", 'level_heading: "Niveau {nombre} : {name}"'),
         "\nlevel_heading: ^", "level_heading", "the placeholders must be the same as in docs/nl/labels.yml: "
         "expected {name}, {number}, found {name}, {nombre}"),
    Case("a label that is a number", FR_LABELS, sub(r"^key_aspects: .*$", "key_aspects: 12"),
         "key_aspects: ^12", "key_aspects", "expected text, found the number 12 (put it in quotes)"),
    Case("a !!python tag in a labels file", FR_LABELS, sub(r"^key_aspects: .*$", "key_aspects: !!python/name:os.system"),
         "key_aspects: ^!!python", "key_aspects", "the tag !!python/name:os.system is not allowed"),
]

CLI_CASES = {
    "YAML syntax error: a text with ': ' and no quotes", "duplicate key in a language mapping", "an alias",
    "a !!python/object tag", "a merge key <<", "a file saved as Latin-1, not UTF-8", "a required field is missing",
    "a number where a text is expected", "an unknown group", "the French text is missing", "raw HTML: <script>",
    "a model file is missing", "a required language the site does not have", "a label key missing in French",
    "a labels file is missing", "a profile asks an unknown competency",
}


def test_there_are_enough_cases_and_the_cli_ones_exist() -> None:
    descriptions = [case.description for case in CASES]
    assert len(set(descriptions)) == len(descriptions) >= 30
    assert set(descriptions) >= CLI_CASES


def broken_project(tmp_path: Path, case: Case) -> Path:
    project = copy_project(tmp_path / "project")
    case.mutation(project / case.file)
    return project


def assert_reported(lines: list[str], case: Case, project: Path) -> None:
    prefix = case.expected_prefix(project)
    matching = [line for line in lines if line.startswith(prefix) and case.message in line]
    assert matching, f"expected a line starting {prefix!r} containing {case.message!r}, got:\n" + "\n".join(lines)
    assert len(lines) == case.count, "\n".join(lines)


@pytest.mark.parametrize("case", CASES, ids=[case.description for case in CASES])
def test_bad_model_is_reported_with_file_line_and_field(
        tmp_path: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    project = broken_project(tmp_path, case)
    lines = problems_in_process(project)
    assert_reported(lines, case, project)
    captured = capsys.readouterr()
    assert_no_traceback(captured.out + captured.err)


@pytest.mark.parametrize("case", [case for case in CASES if case.description in CLI_CASES],
                         ids=[case.description for case in CASES if case.description in CLI_CASES])
def test_bad_model_is_reported_by_the_check_command(tmp_path: Path, case: Case) -> None:
    project = broken_project(tmp_path, case)
    result = run_check(project)
    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 1, result.stdout + result.stderr
    assert_reported(result.stdout.splitlines(), case, project)
    count = case.count
    # The summary names what the problems are in: a labels file is the translators', not the model.
    subject = "the labels" if "label" in case.description else "the competency model"
    assert result.stderr.strip() == f"{count} problem{'s' if count != 1 else ''} found in {subject}."


def test_a_python_tag_never_runs_code(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    marker = tmp_path / "the-tag-ran"
    sub(ORDER, f'order: !!python/object/apply:os.system ["touch {marker}"]')(project / COMPETENCY)
    result = run_check(project)
    assert result.returncode == 1
    assert "!!python/object/apply:os.system is not allowed" in result.stdout
    assert not marker.exists()


# ---------------------------------------------------------------------------------------------------
# The whole report


LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.*)$")


def break_several_files(project: Path) -> None:
    """Four mistakes in four files, of four kinds: syntax, cross-file, text, labels."""
    sub(r"^group: .*$", "group: onbekend")(project / COMPETENCY)
    sub(r"^(name:\n  nl: ).*$", r"\1Kritisch: denken")(project / "model/competencies/kritisch-denken.yaml")
    sub(r"^(    name:\n      nl: .*\n      fr: ).*$", r"\1''", first=True)(project / "model/levels.yaml")
    sub(r"^key_aspects: .*\n", "")(project / FR_LABELS)


def test_every_problem_in_every_file_is_reported_in_one_sorted_run(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    break_several_files(project)
    result = run_check(project)
    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4, lines
    assert lines[0] == "docs/fr/labels.yml: key_aspects: the label is missing (it is defined in docs/nl/labels.yml)"
    assert lines[1].startswith("model/competencies/kritisch-denken.yaml:") and "YAML syntax error" in lines[1]
    assert lines[2].startswith("model/competencies/samenwerken.yaml:3:8: group: no group with id 'onbekend'")
    assert lines[3].startswith("model/levels.yaml:") and "levels[0].name.fr: the text in required language 'fr'" in lines[3]
    located = [LINE.match(line) for line in lines[1:]]
    keys = [(match["path"], int(match["line"]), int(match["column"])) for match in located if match]
    assert keys == sorted(keys) and len(keys) == 3
    assert result.stderr.strip() == "4 problems found: 3 in the competency model, 1 in the labels."


def test_github_format_prints_workflow_annotations(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    break_several_files(project)
    result = run_check(project, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("::error file=docs/fr/labels.yml::key_aspects: the label is missing "
                        "(it is defined in docs/nl/labels.yml)")
    assert lines[2] == ("::error file=model/competencies/samenwerken.yaml,line=3,col=8::group: no group with id "
                        "'onbekend' in model/groups.yaml (known: handelen-en-resultaten-behalen, "
                        "jezelf-kennen-en-groeien, reflecteren-en-creeren, uitwisselen-en-samenwerken)")
    annotation = re.compile(r"^::error file=[^,:]+(,line=\d+,col=\d+)?::\S")
    assert all(annotation.match(line) for line in lines), lines
    assert result.stderr.strip() == "4 problems found: 3 in the competency model, 1 in the labels."


def test_the_real_model_prints_a_one_line_summary_and_exits_0() -> None:
    result = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=PROJECT, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    model = load_model(PROJECT / "model", PROJECT)
    assert result.stdout == (
        f"The competency model is valid: version {model.version} of {model.date}, {len(model.competencies)} "
        f"competencies in {len(model.groups)} groups, {len(model.levels)} levels, languages nl, fr.\n")
    assert result.stderr == ""


# ---------------------------------------------------------------------------------------------------
# mkdocs.yml itself


UNREADABLE_CONFIGS = {
    "not UTF-8": (b"site_name: Mod\xe8le\n", "mkdocs.yml: the file is not saved as UTF-8"),
    "a YAML syntax error": (b"site_name: [unclosed\n", "mkdocs.yml:2:1: YAML error: expected ',' or ']'"),
    "no i18n plugin": (b"site_name: x\nplugins:\n  - search\n", "mkdocs.yml: plugins.i18n.languages: no languages"),
    "an empty i18n plugin": (b"plugins:\n  - i18n:\n", "mkdocs.yml: plugins.i18n.languages: no languages"),
    "plugins that are a number": (b"plugins: 5\n", "mkdocs.yml: plugins.i18n.languages: no languages"),
    "a folder instead of a file": (None, "mkdocs.yml: cannot read"),
}


@pytest.mark.parametrize("description", UNREADABLE_CONFIGS)
def test_an_unreadable_mkdocs_yml_is_a_message_not_a_traceback(tmp_path: Path, description: str) -> None:
    content, message = UNREADABLE_CONFIGS[description]
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.unlink()
    if content is None:
        config.mkdir()
    else:
        config.write_bytes(content)
    result = run_check(project)
    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 1, description
    assert result.stdout.startswith(message), result.stdout
