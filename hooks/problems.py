"""Problems found in the model, with the place they were found, and how they are reported."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: How the README runs the commands, from the repository's root; hints print commands this way.
PYTHON = ".venv/bin/python"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column, as editors count them."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where it is, which field, and what is wrong."""

    location: Location
    field: str
    message: str
    #: "error" (the model cannot be used) or "warning" (the content check: it can, but should change).
    severity: str = "error"

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        severity = "warning: " if self.severity == "warning" else ""
        return f"{self.location}: {severity}{field}{self.message}"

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the changed line."""
        return github_command(self.severity, self.location, f"{self.field}: {self.message}" if self.field else self.message)


def github_command(level: str, location: Location, text: str, title: str | None = None) -> str:
    """A GitHub Actions workflow command (error, warning, notice) shown on the file's line, every part escaped."""
    params = [f"file={escape_property(location.path)}"]
    if location.line:
        params += [f"line={location.line}", f"col={location.column}"]
    if title is not None:
        params.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(params)}::{escape_annotation(text)}"


def escape_annotation(text: str) -> str:
    """A GitHub workflow command's message: '%' and line breaks are escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: ',' and ':' would end it early, so they are escaped too."""
    return escape_annotation(text).replace(":", "%3A").replace(",", "%2C")


class ModelError(Exception):
    """The model cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems, key=lambda problem: (problem.location, problem.field))
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join([*(str(problem) for problem in self.problems), summary(self.problems)])


#: What a report's problems can be in, in the order the summary names them.
SUBJECTS = ("the competency model", "the configuration (mkdocs.yml)", "the labels", "the pages")


def subject(location: Location) -> str:
    """What a file is to the people who fix it: the model, the configuration, the labels or a page."""
    name = location.path.rsplit("/", 1)[-1]
    if name.endswith(".md"):
        return SUBJECTS[3]
    if name == "labels.yml":
        return SUBJECTS[2]
    if "/" not in location.path and name.endswith((".yml", ".yaml")):
        return SUBJECTS[1]
    return SUBJECTS[0]


def summary(problems: Sequence[Problem]) -> str:
    """The closing line of a report: how many problems, and in what (the model, the configuration …)."""
    count = len(problems)
    found = [subject(problem.location) for problem in problems]
    counts = {what: found.count(what) for what in SUBJECTS if what in found}
    plural = "s" if count != 1 else ""
    if len(counts) <= 1:
        return f"{count} problem{plural} found in {next(iter(counts), 'the competency model')}."
    return f"{count} problem{plural} found: " + ", ".join(f"{number} in {what}" for what, number in counts.items()) + "."


def field_path(parts: Iterable[str | int]) -> str:
    """Render a path into a document the way people write it: ``levels[2].indicators.fr``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def display_path(path: Path, root: Path) -> str:
    """A path relative to the project root when possible, so messages match what HR sees in the repo.

    A symbolic link is shown where it stands, never where it points (which may be anywhere on the machine).
    """
    for shown, base in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))),  # as reached, through links
                        (path.parent.resolve() / path.name, root.resolve())):
        try:
            return shown.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
