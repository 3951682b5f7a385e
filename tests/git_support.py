"""The project as a fresh git repository in a temporary folder, for tests of what git history decides."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
#: What a site needs; the tests and benchmarks stay behind.
_LEFT_BEHIND = ("tests/", "benchmarks/")


def git(repository: Path, *arguments: str) -> str:
    """Run git in ``repository`` as a fixed author; the output, or an assertion error with git's message."""
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                             "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *arguments],
                            cwd=repository, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"git {' '.join(arguments)}: {result.stderr}"
    return result.stdout


def project_repository(target: Path) -> Path:
    """The project's files (as they are now, uncommitted changes included) committed in a new repository."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=PROJECT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in listed:
        source = PROJECT / name
        if not name or name.startswith(_LEFT_BEHIND) or not (source.exists() or source.is_symlink()):
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination, follow_symlinks=False)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "The project as it is")
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact, unique piece of a file's text."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")
