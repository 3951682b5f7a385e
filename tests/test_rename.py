"""Renaming a competency's id in a real git repository: by hand as the README once said, and with
python -m hooks.rename, which updates every reference and records the former id."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from git_support import edit, git, project_repository
from hooks.source.yamlsource import read_yaml


def command(repository: Path, name: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", name, *arguments], cwd=repository, capture_output=True, text=True,
                          check=False)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return project_repository(tmp_path / "repository")


def related_entries(repository: Path, competency_id: str) -> list[str]:
    """Where each competency names ``competency_id`` among its related ones: file:line:column: related[i]."""
    found = []
    for path in sorted((repository / "model" / "competencies").glob("*.yaml")):
        document = read_yaml(path, f"model/competencies/{path.name}")
        found += [f"{document.location(('related', index))}: related[{index}]"
                  for index, related in enumerate(document.data["related"]) if related == competency_id]
    return found


def test_a_rename_by_hand_names_the_new_id_in_every_reference_left(repository: Path) -> None:
    # The role profiles that ask it, with the position of the id: file:line:column and the entry.
    asking = [(f"model/profiles/{profile.name}:{number}:{line.index('beslissen') + 1}", index)
              for profile in sorted((repository / "model" / "profiles").glob("*.yaml"))
              for index, (number, line) in enumerate((n, text) for n, text in enumerate(
                  profile.read_text(encoding="utf-8").splitlines(), start=1) if "{competency: " in text)
              if "{competency: beslissen," in line]
    git(repository, "mv", "model/competencies/beslissen.yaml", "model/competencies/besluiten.yaml")
    edit(repository / "model/competencies/besluiten.yaml", "id: beslissen\n", "id: besluiten\nformer_ids: [beslissen]\n")
    result = command(repository, "hooks.check")
    assert result.returncode == 1
    hint = ("'beslissen' is a former id of 'besluiten' (model/competencies/besluiten.yaml): write 'besluiten'; "
            ".venv/bin/python -m hooks.rename OLD NEW renames a competency and updates every reference at once")
    assert result.stdout.splitlines() == [
        *(f"{where}: {hint}" for where in related_entries(repository, "beslissen")),
        *(f"{profile}: competencies[{index}].competency: {hint}" for profile, index in asking),
    ]


def test_the_rename_command_updates_every_reference_and_records_the_former_id(repository: Path) -> None:
    asking = [line for profile in sorted((repository / "model" / "profiles").glob("*.yaml"))
              for line in profile.read_text(encoding="utf-8").splitlines() if "{competency: beslissen," in line]
    assert len(asking) == 4
    result = command(repository, "hooks.rename", "beslissen", "besluiten")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "model/competencies/analyseren.yaml: related: beslissen → besluiten",
        "model/competencies/besluiten.yaml (was model/competencies/beslissen.yaml): id: beslissen → besluiten; "
        "former_ids: + beslissen",
        "model/competencies/integer-handelen.yaml: related: beslissen → besluiten",
        "model/competencies/kritisch-denken.yaml: related: beslissen → besluiten",
        "model/competencies/organiseren.yaml: related: beslissen → besluiten",
        "model/competencies/resultaatgericht-werken.yaml: related: beslissen → besluiten",
        # The role profiles that ask it.
        "model/profiles/leidinggevende-niveau-a.yaml: competencies: beslissen → besluiten",
        "model/profiles/leidinggevende-niveau-b.yaml: competencies: beslissen → besluiten",
        "model/profiles/projectleider-niveau-a.yaml: competencies: beslissen → besluiten",
        "model/profiles/projectleider-niveau-b.yaml: competencies: beslissen → besluiten",
        "Renamed beslissen to besluiten in 10 files. The old address redirects to the new one. Check with "
        ".venv/bin/python -m hooks.check, and describe the change in model/changelog.yaml.",
    ]
    check = command(repository, "hooks.check")
    assert check.returncode == 0, check.stdout
    assert command(repository, "hooks.translations", "--strict").returncode == 0
    git(repository, "add", "-A")
    # Git sees a rename (the file's text is unchanged but for two lines), and only the id lines changed.
    assert "R099\tmodel/competencies/beslissen.yaml\tmodel/competencies/besluiten.yaml" in git(
        repository, "diff", "--cached", "-M", "--name-status")
    changed = [line for line in git(repository, "diff", "--cached", "-M", "-U0").splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert sorted(changed) == sorted([
        "-id: beslissen", "+id: besluiten", "+former_ids: [beslissen]",
        "-  - beslissen", "+  - besluiten", "-  - beslissen", "+  - besluiten",
        "-related: [beslissen, dienstverlenend-handelen, communiceren]",
        "+related: [besluiten, dienstverlenend-handelen, communiceren]",
        "-related: [resultaatgericht-werken, samenwerken, beslissen]",
        "+related: [resultaatgericht-werken, samenwerken, besluiten]",
        "-related: [organiseren, beslissen, dienstverlenend-handelen]",
        "+related: [organiseren, besluiten, dienstverlenend-handelen]",
        # In each profile, the id alone changes: its columns stay aligned (both ids are 9 letters long).
        *(line for asked in asking for line in (f"-{asked}", "+" + asked.replace("beslissen", "besluiten"))),
    ])
    git(repository, "commit", "-qm", "Rename beslissen to besluiten")
    diff = command(repository, "hooks.diff", "HEAD~1", "HEAD")
    assert diff.returncode == 0 and "beslissen" in diff.stdout and "besluiten" in diff.stdout


@pytest.mark.parametrize(("old", "new", "message"), [
    ("beslissen", "Besluiten", "model/competencies: 'Besluiten' is not a usable id: lowercase letters and digits, in "
                               "words joined by single dashes (such as 'kritisch-denken')"),
    ("besluiten", "beslissing", "model/competencies: no competency with id 'besluiten' (known: actief-en-levenslang-leren, "
                               "analyseren, beslissen, communiceren, creatief-denken, dienstverlenend-handelen, "
                               "integer-handelen, kritisch-denken, organiseren, resultaatgericht-werken, samenwerken, "
                               "veerkracht-tonen)"),
    ("beslissen", "analyseren", "model/competencies: 'analyseren' is already the id (or a former id) of a competency "
                                "or group: choose another"),
    ("beslissen", "handelen-en-resultaten-behalen", "model/competencies: 'handelen-en-resultaten-behalen' is already "
                                                    "the id (or a former id) of a competency or group: choose another"),
])
def test_a_rename_that_cannot_be_done_changes_nothing(repository: Path, old: str, new: str, message: str) -> None:
    result = command(repository, "hooks.rename", old, new)
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (1, [message], "Nothing was renamed.\n")
    assert git(repository, "status", "--porcelain") == ""


def test_a_group_renamed_by_hand_names_the_new_group_id_in_each_competency(repository: Path) -> None:
    edit(repository / "model" / "groups.yaml", "  - id: handelen-en-resultaten-behalen\n",
         "  - id: resultaten-behalen\n    former_ids: [handelen-en-resultaten-behalen]\n")
    result = command(repository, "hooks.check")
    assert result.returncode == 1
    assert ("model/competencies/beslissen.yaml:3:8: group: 'handelen-en-resultaten-behalen' is a former id of the "
            "group 'resultaten-behalen' (model/groups.yaml): write 'resultaten-behalen'") in result.stdout.splitlines()
    assert sum("is a former id of the group" in line for line in result.stdout.splitlines()) == 3
