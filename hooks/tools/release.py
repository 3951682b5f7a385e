"""The model changed, but not its version, date or changelog: warnings against a git ref (``hooks.check --against``).

Compared with where the working tree branched off REF (``git merge-base``), so that a pull request is
measured by its own changes, not by what main gained since. The model's published content is every file
of ``model/`` but the schema, the content check's lists (``terms.yaml``, not published) and the changelog
itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem
from ..source.yamlsource import YamlDocument
from .git import GitError, run_git

#: Files of model/ that change no published text of the model.
_NOT_CONTENT = ("model/schema/", "model/terms.yaml", "model/changelog.yaml")
_CHANGELOG = "model/changelog.yaml"


class ReleaseCheckError(Exception):
    """The comparison itself cannot be made (no git, an unknown ref): the message says why."""


def _git(root: Path, *arguments: str) -> str:
    try:
        return run_git(root, *arguments).decode("utf-8", "replace")
    except GitError as error:
        raise ReleaseCheckError(str(error)) from None


def release_problems(root: Path, ref: str, facts: YamlDocument, changelog: YamlDocument) -> list[Problem]:
    """Warnings when model files changed since ``ref`` but ``version``, ``date`` or the changelog did not."""
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except ReleaseCheckError:
        raise ReleaseCheckError(f"{ref!r} is not a branch, tag or commit of this repository (a shallow clone may lack "
                                "it: fetch the history, as the workflow's checkout does with fetch-depth: 0)") from None
    base = _git(root, "merge-base", ref, "HEAD").strip()
    changed = _git(root, "diff", "--name-only", base, "--", "model/").splitlines()
    changed += [name for name in _git(root, "ls-files", "--others", "--exclude-standard", "--", "model/").splitlines()
                if name not in changed]
    content = sorted(name for name in changed if not name.startswith(_NOT_CONTENT))
    if not content:
        return []
    before: Any = yaml.safe_load(_git(root, "show", f"{base}:model/model.yaml")) or {}
    listed = ", ".join(content[:3]) + (f" and {len(content) - 3} more" if len(content) > 3 else "")
    reason = f"the model changed since {ref} ({listed})"
    problems = []
    for key in ("version", "date"):
        if facts.data.get(key) == before.get(key):
            problems.append(Problem(facts.location((key,)), key,
                                    f"still {facts.data.get(key)!r} as on {ref}, but {reason}: raise the {key} "
                                    "before this change is published", severity="warning"))
    entries = changelog.data.get("changes") or [{}]
    if _CHANGELOG not in changed or entries[0].get("version") != facts.data.get("version"):
        problems.append(Problem(changelog.location(("changes", 0)), "changes",
                                f"no entry for version {facts.data.get('version')!r} on top, but {reason}: describe "
                                "the change for readers in a new first entry (it becomes the \"What changed\" page)",
                                severity="warning"))
    return problems
