"""``python -m hooks.diff OLD NEW``: every kind of change between two versions of the model, and bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from hooks.diff import main
from hooks.tools.diffreport import to_markdown
from hooks.tools.modeldiff import EntityDiff, FieldChange, ModelDiff, compare, read_version

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE_MODEL = PROJECT / "tests" / "fixtures" / "five-groups" / "model"


# --- helpers: two copies of the fixture's model, the second one edited --------------------------------


def copy_model(target: Path) -> Path:
    """A copy of the five-groups model in ``target/model``, its schema copied rather than linked."""
    shutil.copytree(FIXTURE_MODEL, target / "model", symlinks=False)
    return target


def edit(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def competency_file(project: Path, competency_id: str) -> Path:
    return project / "model" / "competencies" / f"{competency_id}.yaml"


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    return copy_model(tmp_path / "old"), copy_model(tmp_path / "new")


def diff(old: Path, new: Path) -> ModelDiff:
    workspace = old.parent / "workspace"
    return compare(read_version(str(old), PROJECT, "model", workspace),
                   read_version(str(new), PROJECT, "model", workspace))


def entity(report: ModelDiff, kind: str, entity_id: str) -> EntityDiff:
    return next(e for e in report.entities if e.kind == kind and e.id == entity_id)


def changed(report: ModelDiff) -> list[EntityDiff]:
    return [e for e in report.entities if e.status != "kept" or e.changes or e.renamed or e.moved]


# --- each kind of change ------------------------------------------------------------------------------


def test_identical_versions_have_no_differences(versions: tuple[Path, Path]) -> None:
    report = diff(*versions)
    assert report.empty and not changed(report)
    assert "No differences in the model." in to_markdown(report)


def test_added_competency(versions: tuple[Path, Path]) -> None:
    old, new = versions
    source, added = competency_file(new, "competentie-21"), competency_file(new, "competentie-22")

    def as_new(data: dict[str, Any]) -> None:
        data.update(id="competentie-22", order=3)
        data["name"] = {"nl": "Nieuwe competentie", "fr": "Nouvelle compétence"}

    shutil.copy(source, added)
    edit(added, as_new)
    report = diff(old, new)
    assert [(e.kind, e.id, e.status) for e in changed(report)] == [("competency", "competentie-22", "added")]
    markdown = to_markdown(report)
    assert "**Added**\n\n- `competentie-22` Nieuwe competentie\n" in markdown
    assert "**Summary:** competencies: 1 added." in markdown


def test_removed_competency(versions: tuple[Path, Path]) -> None:
    old, new = versions
    competency_file(new, "competentie-21").unlink()
    edit(competency_file(new, "competentie-20"), lambda data: data.update(related=["competentie-01"]))
    report = diff(old, new)
    assert [(e.id, e.status) for e in changed(report)] == [("competentie-20", "kept"), ("competentie-21", "removed")]
    assert entity(report, "competency", "competentie-20").changes == (
        FieldChange("related", None, ["competentie-21"], ["competentie-01"]),)
    markdown = to_markdown(report)
    assert "**Removed**\n\n- `competentie-21` Competentie 21\n" in markdown
    assert "- `related`: `competentie-21` → `competentie-01`" in markdown


def test_renamed_id_through_former_ids(versions: tuple[Path, Path]) -> None:
    old, new = versions
    competency_file(new, "competentie-05").rename(competency_file(new, "samenwerking"))
    edit(competency_file(new, "samenwerking"), lambda data: data.update(id="samenwerking", former_ids=["competentie-05"]))
    edit(competency_file(new, "competentie-04"), lambda data: data.update(related=["samenwerking"]))
    report = diff(old, new)
    renamed = entity(report, "competency", "samenwerking")
    assert (renamed.status, renamed.old_id, renamed.renamed, renamed.changes) == ("kept", "competentie-05", True, ())
    assert not report.of("competency", "added") and not report.of("competency", "removed")
    markdown = to_markdown(report)
    assert "**Renamed ids** (the old addresses redirect to the new ones)\n\n" \
           "- `competentie-05` → `samenwerking` Competentie 5\n" in markdown
    assert "Added" not in markdown and "Removed" not in markdown


def test_changed_title_with_the_same_id(versions: tuple[Path, Path]) -> None:
    old, new = versions
    edit(competency_file(new, "competentie-02"), lambda data: data["name"].update(fr="Savoir coopérer"))
    report = diff(old, new)
    changed_title = entity(report, "competency", "competentie-02")
    assert changed_title.title_changes == (FieldChange("name", "fr", "Compétence 2", "Savoir coopérer"),)
    assert not changed_title.renamed and not changed_title.text_changes
    assert "**Renamed titles**\n\n- `competentie-02`: fr: Compétence 2 → Savoir coopérer\n" in to_markdown(report)


def test_changed_text_in_one_language(versions: tuple[Path, Path]) -> None:
    old, new = versions
    edit(competency_file(new, "competentie-07"),
         lambda data: data["definition"].update(fr="Une définition. Avec une deuxième phrase."))
    report = diff(old, new)
    assert [e.id for e in changed(report)] == ["competentie-07"]
    assert entity(report, "competency", "competentie-07").changes == (
        FieldChange("definition", "fr", "Définition de la compétence 7.", "Une définition. Avec une deuxième phrase."),)
    assert ("#### `competentie-07` Competentie 7\n\n- `definition` (fr), changed:\n  ```diff\n"
            "  - Définition de la compétence 7.\n  + Une définition.\n  + Avec une deuxième phrase.\n  ```\n"
            ) in to_markdown(report)


def test_changed_level_indicators(versions: tuple[Path, Path]) -> None:
    old, new = versions

    def change_indicator(data: dict[str, Any]) -> None:
        level = next(entry for entry in data["levels"] if entry["level"] == "niveau-3")
        level["indicators"]["nl"][1] = "Een scherpere indicator."
        level["indicators"]["nl"].append("Een extra indicator.")

    edit(competency_file(new, "competentie-12"), change_indicator)
    report = diff(old, new)
    (change,) = entity(report, "competency", "competentie-12").changes
    assert (change.field, change.language) == ("levels[niveau-3].indicators", "nl")
    assert change.new == ["Indicator trede 3 van 12 1.", "Een scherpere indicator.", "Een extra indicator."]
    assert ("- `levels[niveau-3].indicators` (nl), changed:\n  ```diff\n"
            "    Indicator trede 3 van 12 1.\n  - Indicator trede 3 van 12 2.\n"
            "  + Een scherpere indicator.\n  + Een extra indicator.\n  ```") in to_markdown(report)


def test_reordered_levels_in_a_file_are_no_change(versions: tuple[Path, Path]) -> None:
    old, new = versions
    edit(competency_file(new, "competentie-09"), lambda data: data["levels"].reverse())
    assert diff(old, new).empty


def test_group_renamed_added_changed_and_a_competency_moved(versions: tuple[Path, Path]) -> None:
    old, new = versions
    groups_file = new / "model" / "groups.yaml"

    def change_groups(data: dict[str, Any]) -> None:
        second, third = data["groups"][1], data["groups"][2]
        second.update(id="team-2", former_ids=["groep-2"])
        third["description"]["nl"] = "Een nieuwe beschrijving."
        data["groups"].append({"id": "groep-6", "order": 6, "name": {"nl": "Groep 6", "fr": "Groupe 6"},
                               "description": {"nl": "Zes.", "fr": "Six."}})

    edit(groups_file, change_groups)
    for path in (new / "model" / "competencies").glob("*.yaml"):
        edit(path, lambda data: data.update(group="team-2") if data["group"] == "groep-2" else None)
    edit(competency_file(new, "competentie-01"), lambda data: data.update(group="groep-4", order=9))
    report = diff(old, new)
    renamed = entity(report, "group", "team-2")
    assert (renamed.old_id, renamed.renamed, renamed.changes) == ("groep-2", True, ())
    assert entity(report, "group", "groep-3").changes == (
        FieldChange("description", "nl", "Beschrijving van groep 3.", "Een nieuwe beschrijving."),)
    assert entity(report, "group", "groep-6").status == "added"
    moved = entity(report, "competency", "competentie-01")
    assert moved.moved == ("groep-1", "groep-4") and moved.changes == (FieldChange("order", None, 1, 9),)
    in_renamed_group = entity(report, "competency", "competentie-08")
    assert not in_renamed_group.moved and not in_renamed_group.changes, "a renamed group moves none of its own"
    markdown = to_markdown(report)
    assert "### Groups\n\n**Added**\n\n- `groep-6` Groep 6\n" in markdown
    assert "- `groep-2` → `team-2` Groep 2\n" in markdown
    assert "**Moved to another group** (their addresses change)\n\n- `competentie-01` Competentie 1: " \
           "`groep-1` → `groep-4`\n" in markdown


def test_level_removed_renamed_and_the_indicators_it_takes_along(versions: tuple[Path, Path]) -> None:
    old, new = versions

    def change_levels(data: dict[str, Any]) -> None:
        data["levels"] = [level for level in data["levels"] if level["id"] != "niveau-8"]
        data["levels"][0]["name"]["fr"] = "Premier échelon"

    edit(new / "model" / "levels.yaml", change_levels)
    for path in (new / "model" / "competencies").glob("*.yaml"):
        edit(path, lambda data: data.update(levels=[e for e in data["levels"] if e["level"] != "niveau-8"]))
    report = diff(old, new)
    assert entity(report, "level", "niveau-8").status == "removed"
    assert entity(report, "level", "niveau-1").title_changes == (
        FieldChange("name", "fr", "Échelon 1", "Premier échelon"),)
    fields = {(c.field, c.language) for c in entity(report, "competency", "competentie-04").changes}
    assert fields == {("levels[niveau-8].indicators", "nl"), ("levels[niveau-8].indicators", "fr")}
    assert all(c.new is None for c in entity(report, "competency", "competentie-04").changes)
    markdown = to_markdown(report)
    assert "### Levels\n\n**Removed**\n\n- `niveau-8` Trede 8\n" in markdown
    assert "- `levels[niveau-8].indicators` (nl), removed:" in markdown


def profile_file(project: Path, profile_id: str) -> Path:
    return project / "model" / "profiles" / f"{profile_id}.yaml"


def test_profiles_added_removed_and_their_competencies_and_levels_changed(versions: tuple[Path, Path]) -> None:
    old, new = versions

    def change_profile(data: dict[str, Any]) -> None:
        data["competencies"][0]["level"] = "niveau-6"  # competentie-18: a level changed
        del data["competencies"][1]  # competentie-06: removed
        data["competencies"].append({"competency": "competentie-04", "level": "niveau-3"})  # added
        data["competencies"].reverse()  # reordering alone is no change

    edit(profile_file(new, "profiel-a"), change_profile)
    profile_file(new, "profiel-b").rename(profile_file(new, "profiel-c"))
    edit(profile_file(new, "profiel-c"), lambda data: data.update(id="profiel-c"))
    report = diff(old, new)
    assert [(e.kind, e.id, e.status) for e in changed(report)] == [
        ("profile", "profiel-a", "kept"), ("profile", "profiel-c", "added"), ("profile", "profiel-b", "removed")]
    assert set(entity(report, "profile", "profiel-a").changes) == {
        FieldChange("competencies[competentie-18].level", None, "niveau-7", "niveau-6"),
        FieldChange("competencies[competentie-06].level", None, "niveau-2", None),
        FieldChange("competencies[competentie-04].level", None, None, "niveau-3")}
    markdown = to_markdown(report)
    assert "**Summary:** profiles: 1 added, 1 removed, 1 changed." in markdown
    assert "### Profiles\n\n**Added**\n\n- `profiel-c` Profiel 2\n\n**Removed**\n\n- `profiel-b` Profiel 2\n" in markdown
    assert "- competency `competentie-18`: level `niveau-7` → `niveau-6`" in markdown
    assert "- competency `competentie-06` removed (it was asked at level `niveau-2`)" in markdown
    assert "- competency `competentie-04` added, at level `niveau-3`" in markdown


def test_new_version_facts_and_changelog_entry(versions: tuple[Path, Path]) -> None:
    old, new = versions
    edit(new / "model" / "model.yaml", lambda data: data.update(version="2.2.0", date="2026-03-01"))
    edit(new / "model" / "changelog.yaml", lambda data: data["changes"].insert(0, {
        "version": "2.2.0", "date": "2026-03-01", "summary": {"nl": ["Nieuw."], "fr": ["Nouveau."]}}))
    report = diff(old, new)
    assert report.model_changes == (FieldChange("version", None, "2.1.0", "2.2.0"),
                                    FieldChange("date", None, "2026-01-15", "2026-03-01"))
    assert [(e.kind, e.id, e.status) for e in changed(report)] == [("changelog entry", "2.2.0", "added")]
    markdown = to_markdown(report)
    assert "Version 2.1.0 (2026-01-15) → 2.2.0 (2026-03-01)" in markdown
    assert "- `version`: `2.1.0` → `2.2.0`" in markdown


def test_a_translation_added_in_a_third_language(versions: tuple[Path, Path]) -> None:
    _old, new = versions
    edit(competency_file(new, "competentie-02"), lambda data: data["definition"].update(de="Definition 2."))
    report = diff(*versions)
    (change,) = entity(report, "competency", "competentie-02").changes
    assert change == FieldChange("definition", "de", None, "Definition 2.")
    assert "- `definition` (de), added:\n  ```diff\n  + Definition 2.\n  ```" in to_markdown(report)


def test_backticks_in_a_text_do_not_break_the_code_block(versions: tuple[Path, Path]) -> None:
    _old, new = versions
    edit(competency_file(new, "competentie-02"), lambda data: data["definition"].update(nl="Gebruik ```code```."))
    assert "  ````diff\n  - Definitie van competentie 2.\n  + Gebruik ```code```.\n  ````" in to_markdown(diff(*versions))


# --- git refs -----------------------------------------------------------------------------------------


def git(repo: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", *arguments], check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with two commits: the model, then a French title changed; the schema is a link."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    copy_model(repo)
    # Like the test fixture, the model links to a schema elsewhere in the repository.
    shutil.move(repo / "model" / "schema", repo / "shared-schema")
    (repo / "model" / "schema").symlink_to(Path("..", "shared-schema"), target_is_directory=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "model")
    edit(competency_file(repo, "competentie-02"), lambda data: data["name"].update(fr="Savoir coopérer"))
    git(repo, "commit", "-q", "-am", "title")
    return repo


def run(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_two_git_refs(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["HEAD~1", "HEAD", "--repo", str(repository)], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("## Competency model: `HEAD~1` → `HEAD`\n")
    assert "- `competentie-02`: fr: Compétence 2 → Savoir coopérer\n" in out


def test_a_git_ref_against_the_working_tree(repository: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    edit(competency_file(repository, "competentie-03"), lambda data: data["definition"].update(nl="Nog niet vastgelegd."))
    monkeypatch.chdir(repository)
    code, out, _ = run(["main", "."], capsys)
    assert code == 0
    assert "#### `competentie-03` Competentie 3\n\n- `definition` (nl), changed:" in out
    assert "competentie-02" not in out
    assert subprocess.run(["git", "-C", str(repository), "status", "--porcelain"], capture_output=True,
                          text=True, check=True).stdout.strip() == "M model/competencies/competentie-03.yaml", \
        "the working tree is left as it was"


def test_the_command_runs_as_a_module(repository: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "hooks.diff", "HEAD~1", "HEAD", "--repo", str(repository)],
                            capture_output=True, text=True, cwd=PROJECT, check=False)
    assert result.returncode == 0, result.stderr
    assert "Savoir coopérer" in result.stdout


# --- bad input: one line, exit 2 -------------------------------------------------------------------------


def one_line_error(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(arguments, capsys)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("python -m hooks.diff: error: ")
    return lines[0]


def test_unknown_git_ref(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line_error(["no-such-branch", "HEAD", "--repo", str(repository)], capsys)
    assert "'no-such-branch' is neither a directory nor a commit, branch or tag of the git repository" in line


def test_missing_directory_outside_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line_error([str(tmp_path / "missing"), str(tmp_path), "--repo", str(tmp_path)], capsys)
    assert "is not a directory, and" in line and "is not a git repository" in line


def test_directory_without_a_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_model(tmp_path / "old")
    line = one_line_error([str(tmp_path / "old"), str(tmp_path)], capsys)
    assert f"{tmp_path}: no competency model here" in line


def test_ref_without_the_model_folder(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line_error(["HEAD~1", "HEAD", "--repo", str(repository), "--model-path", "elsewhere"], capsys)
    assert "HEAD~1: the commit has no folder 'elsewhere'" in line


def test_invalid_model(versions: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = versions
    edit(competency_file(new, "competentie-02"), lambda data: data.pop("definition"))
    line = one_line_error([str(old), str(new)], capsys)
    assert f"{new}: the model is not valid (1 problem; the first: model/competencies/competentie-02.yaml:" in line
    assert "definition" in line and "missing" in line


def test_invalid_model_in_a_git_ref(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    competency_file(repository, "competentie-02").write_text("id: [unclosed\n", encoding="utf-8")
    git(repository, "commit", "-q", "-am", "broken")
    line = one_line_error(["HEAD~1", "HEAD", "--repo", str(repository)], capsys)
    assert "HEAD: the model is not valid" in line and "model/competencies/competentie-02.yaml:" in line
