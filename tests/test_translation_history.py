"""What git history decides about translations, in a real repository: a bilingual edit counts as translated,
an edit of the source text alone still fails with the command to run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from git_support import edit, git, project_repository

COMPETENCY = "model/competencies/beslissen.yaml"
DUTCH = "    Je neemt tijdig goed onderbouwde beslissingen binnen je bevoegdheid, ook wanneer de informatie\n"
FRENCH = "    Vous prenez en temps utile des décisions étayées dans le cadre de vos attributions, même lorsque\n"
MARK = ".venv/bin/python -m hooks.translations mark model/competencies/beslissen.yaml:definition.fr"


def translations(repository: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hooks.translations", *arguments], cwd=repository,
                          capture_output=True, text=True, check=False)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return project_repository(tmp_path / "repository")


def _edit_dutch(repository: Path) -> None:
    edit(repository / COMPETENCY, DUTCH, DUTCH.replace("goed onderbouwde", "zorgvuldig onderbouwde"))


def _edit_french(repository: Path) -> None:
    edit(repository / COMPETENCY, FRENCH, FRENCH.replace("des décisions étayées", "des décisions soigneusement étayées"))


def test_the_real_project_starts_translated(repository: Path) -> None:
    result = translations(repository, "--strict")
    assert result.returncode == 0, result.stdout


def test_dutch_and_french_changed_in_one_commit_count_as_translated(repository: Path) -> None:
    _edit_dutch(repository)
    _edit_french(repository)
    git(repository, "commit", "-qam", "Beslissen: a clearer definition, in both languages")
    result = translations(repository, "--strict")
    assert result.returncode == 0, result.stdout
    commit = git(repository, "rev-parse", "--short=10", "HEAD~1").strip()
    assert (f"{COMPETENCY}:13:7: definition.fr: updated together with the nl text, which changed after commit {commit} "
            f"(") in result.stdout
    assert f"to record it (optional): {MARK}" in result.stdout
    github = translations(repository, "--strict", "--format", "github")
    assert github.returncode == 0 and f"::notice file={COMPETENCY},line=13,col=7," in github.stdout


def test_dutch_and_french_changed_in_two_commits_of_a_pull_request_count_too(repository: Path) -> None:
    _edit_dutch(repository)
    git(repository, "commit", "-qam", "Beslissen: a clearer Dutch definition")
    _edit_french(repository)
    git(repository, "commit", "-qam", "Beslissen: the French definition follows")
    assert translations(repository, "--strict").returncode == 0


def test_an_uncommitted_bilingual_edit_counts_as_translated(repository: Path) -> None:
    _edit_dutch(repository)
    _edit_french(repository)
    result = translations(repository, "--strict")
    assert result.returncode == 0, result.stdout


def test_a_dutch_edit_alone_fails_with_the_command_to_run(repository: Path) -> None:
    _edit_dutch(repository)
    git(repository, "commit", "-qam", "Beslissen: a clearer Dutch definition")
    result = translations(repository, "--strict", "--format", "github")
    assert result.returncode == 1, result.stdout
    annotation = next(line for line in result.stdout.splitlines() if line.startswith("::error"))
    assert annotation.startswith(f"::error file={COMPETENCY},line=13,col=7,title=Translation outdated (fr)::"
                                 "definition.fr: outdated: the nl text changed after this translation was made")
    assert annotation.endswith(f"%0Awhen the translation is updated: {MARK}")
    # The French changes later, in another commit: now it is translated.
    _edit_french(repository)
    git(repository, "commit", "-qam", "Beslissen: the French definition follows")
    assert translations(repository, "--strict").returncode == 0


def test_the_command_of_the_annotation_records_the_translation(repository: Path) -> None:
    _edit_dutch(repository)
    git(repository, "commit", "-qam", "Beslissen: a clearer Dutch definition")
    assert translations(repository, "--strict").returncode == 1
    marked = translations(repository, *MARK.split()[3:])
    assert marked.returncode == 0, marked.stdout + marked.stderr
    assert translations(repository, "--strict").returncode == 0


def test_a_bilingual_edit_of_a_handwritten_page_counts_as_translated(repository: Path) -> None:
    dutch, french = repository / "docs" / "nl" / "faq.md", repository / "docs" / "fr" / "faq.md"
    dutch.write_text(dutch.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    git(repository, "commit", "-qam", "FAQ: a new paragraph in Dutch")
    assert translations(repository, "--strict").returncode == 1
    french.write_text(french.read_text(encoding="utf-8") + "\nUn nouveau paragraphe.\n", encoding="utf-8")
    result = translations(repository, "--strict")
    assert result.returncode == 0, result.stdout
    assert "docs/fr/faq.md:2:1: updated together with the nl text" in result.stdout
