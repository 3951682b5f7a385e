"""hooks.check --against REF, in a real git repository: the model changed, but its version, date or changelog not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from git_support import edit, git, project_repository

COMPETENCY = "model/competencies/beslissen.yaml"


def check(repository: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hooks.check", *arguments], cwd=repository, capture_output=True,
                          text=True, check=False)


@pytest.fixture
def branch(tmp_path: Path) -> Path:
    """The project on main, and a branch ``change`` checked out, as a pull request starts."""
    repository = project_repository(tmp_path / "repository")
    git(repository, "checkout", "-q", "-b", "change")
    return repository


def _edit_definition(repository: Path) -> None:
    edit(repository / COMPETENCY, "goed onderbouwde beslissingen", "zorgvuldig onderbouwde beslissingen")
    edit(repository / COMPETENCY, "des décisions étayées", "des décisions soigneusement étayées")


def test_a_model_change_without_a_new_version_warns_three_times(branch: Path) -> None:
    _edit_definition(branch)
    git(branch, "commit", "-qam", "Beslissen: a clearer definition")
    result = check(branch, "--against", "main")
    assert result.returncode == 0, result.stdout + result.stderr
    reason = f"the model changed since main ({COMPETENCY})"
    assert result.stdout.splitlines() == [
        f"model/model.yaml:9:10: warning: version: still '1.1.0' as on main, but {reason}: raise the version before "
        "this change is published",
        f"model/model.yaml:10:7: warning: date: still '2026-11-29' as on main, but {reason}: raise the date before "
        "this change is published",
        f"model/changelog.yaml:6:5: warning: changes: no entry for version '1.1.0' on top, but {reason}: describe the "
        "change for readers in a new first entry (it becomes the \"What changed\" page)",
        "The competency model is valid: version 1.1.0 of 2026-11-29, 12 competencies in 4 groups, 4 levels, "
        "languages nl, fr. 3 warnings about the version against main.",
    ]
    github = check(branch, "--against", "main", "--format", "github")
    assert github.stdout.startswith("::warning file=model/model.yaml,line=9,col=10::version: still '1.1.0'")


def test_an_uncommitted_change_counts_too(branch: Path) -> None:
    _edit_definition(branch)
    assert len([line for line in check(branch, "--against", "main").stdout.splitlines() if "warning:" in line]) == 3


def test_a_new_version_with_its_changelog_entry_warns_nothing(branch: Path) -> None:
    _edit_definition(branch)
    facts = branch / "model" / "model.yaml"
    edit(facts, 'version: "1.1.0"', 'version: "1.2.0"')
    edit(facts, 'date: "2026-11-29"', 'date: "2026-12-01"')
    edit(branch / "model" / "changelog.yaml", "changes:\n", (
        "changes:\n"
        '  - version: "1.2.0"\n'
        '    date: "2026-12-01"\n'
        "    summary:\n"
        "      nl: [De definitie van Beslissen is duidelijker.]\n"
        "      fr: [La définition de Décider est plus claire.]\n"))
    git(branch, "commit", "-qam", "Version 1.2.0")
    result = check(branch, "--against", "main")
    assert result.returncode == 0 and "warning" not in result.stdout, result.stdout
    # The date was raised, the changelog not: one warning, for the changelog.
    edit(facts, 'version: "1.2.0"', 'version: "1.3.0"')
    warnings = [line for line in check(branch, "--against", "main").stdout.splitlines() if "warning:" in line]
    assert warnings == [f"model/changelog.yaml:6:5: warning: changes: no entry for version '1.3.0' on top, but the model "
                        f"changed since main ({COMPETENCY}, model/model.yaml): describe the change "
                        "for readers in a new first entry (it becomes the \"What changed\" page)"]


def test_changes_outside_the_published_model_warn_nothing(branch: Path) -> None:
    terms = branch / "model" / "terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8") + "# Reviewed.\n", encoding="utf-8")
    (branch / "docs" / "nl" / "faq.md").write_text("# FAQ\n\nAnders.\n", encoding="utf-8")
    git(branch, "commit", "-qam", "Terms and a page")
    result = check(branch, "--against", "main")
    assert result.returncode == 0 and "warning" not in result.stdout, result.stdout


def test_an_unknown_ref_is_named(branch: Path) -> None:
    result = check(branch, "--against", "origin/main")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("python -m hooks.check: --against origin/main: 'origin/main' is not a branch, tag or commit "
                             "of this repository (a shallow clone may lack it: fetch the history, as the workflow's "
                             "checkout does with fetch-depth: 0)\n")
