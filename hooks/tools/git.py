"""Running git for the commands that read the repository's history, tags or branches."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git is missing or refused: the message is git's own last line, or says that git is not installed."""


class GitMissing(GitError):
    """git is not installed."""


def run_git(root: Path, *arguments: str) -> bytes:
    """git's output for ``arguments`` in ``root``; a GitError when git is not installed or fails."""
    try:
        result = subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", *arguments], capture_output=True,
                                check=False)
    except OSError:
        raise GitMissing("git is not installed") from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {' '.join(arguments)} failed")
    return result.stdout
