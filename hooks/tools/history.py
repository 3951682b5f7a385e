"""Earlier versions of a source text, read from git: what an outdated translation was made from.

A fingerprint cannot give its text back. When the repository's history is at hand, the most recent
committed version of the file whose source text has the recorded fingerprint is that text. A shallow
clone, an export without ``.git`` or a machine without git simply has no history: callers then say
that the text changed and show the new one.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: How far back to look. A translation older than this many changes of its file is shown without its old text.
MAX_VERSIONS = 200
_GIT_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class OldVersion:
    """A committed version of a source text."""

    commit: str
    date: str
    value: Any


class SourceHistory:
    """The committed versions of the project's files, each read and parsed at most once."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.root = root
        self._enabled = enabled
        self._available: bool | None = None
        self._versions: dict[str, list[tuple[str, str]]] = {}
        self._parsed: dict[tuple[str, str, str], Any] = {}

    def _git(self, *arguments: str) -> str | None:
        try:
            result = subprocess.run(["git", "-c", "core.quotepath=off", *arguments], cwd=self.root,
                                    capture_output=True, text=True, encoding="utf-8", errors="replace",
                                    timeout=_GIT_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None

    @property
    def available(self) -> bool:
        """Whether git and a repository holding the project are at hand."""
        if self._available is None:
            self._available = self._enabled and (self._git("rev-parse", "--is-inside-work-tree") or "").strip() == "true"
        return self._available

    def versions(self, path: str) -> list[tuple[str, str]]:
        """(commit, date) of the commits that changed ``path`` (relative to the project root), newest first."""
        if not self.available:
            return []
        if path not in self._versions:
            log = self._git("log", f"-n{MAX_VERSIONS}", "--format=%H %cs", "--", path) or ""
            entries = (line.partition(" ") for line in log.splitlines())
            self._versions[path] = [(commit, date) for commit, _, date in entries if date]
        return self._versions[path]

    def find(self, path: str, kind: str, parse: Callable[[str], Any],
             matches: Callable[[Any], Any | None]) -> OldVersion | None:
        """The newest committed version of ``path`` for which ``matches`` (given the parsed file) returns a value.

        ``kind`` names the parser, so that a file read in two ways is cached once for each.
        """
        for commit, date in self.versions(path):
            parsed = self.read(commit, path, kind, parse)
            if parsed is None:
                continue
            value = matches(parsed)
            if value is not None:
                return OldVersion(commit[:10], date, value)
        return None

    def read(self, commit: str, path: str, kind: str, parse: Callable[[str], Any]) -> Any | None:
        """``path`` as it was in ``commit``, parsed (None when it was not there or cannot be parsed)."""
        key = (commit, path, kind)
        if key not in self._parsed:
            content = self._git("show", f"{commit}:./{path}")
            try:
                self._parsed[key] = parse(content) if content is not None else None
            except Exception:
                self._parsed[key] = None
        return self._parsed[key]
