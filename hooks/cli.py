"""What the commands (check, translations, generate) share: the --config option and printing problems.

Reading mkdocs.yml is ``hooks.source.siteconfig.read_site_config`` and GitHub annotations are
``hooks.problems.github_command``, so every command gives the same one-line message for the same file.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .problems import PYTHON, Problem

__all__ = ["PYTHON", "add_config_option", "add_format_option", "nearest_config", "print_problems"]


def nearest_config(folder: Path | None = None) -> Path:
    """The mkdocs.yml of the repository the command runs in: in ``folder`` (the current one) or the nearest
    folder above it, so that a command run from ``model/`` or ``docs/fr/`` checks the whole project."""
    start = (folder or Path.cwd()).resolve()
    for candidate in (start, *start.parents):
        if (candidate / "mkdocs.yml").is_file():
            return candidate / "mkdocs.yml"
        if (candidate / ".git").exists():
            break
    return Path("mkdocs.yml")


def add_config_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    """``--config``: the site's mkdocs.yml (default: the nearest one, from the current folder up).

    A subcommand that also takes the option passes ``argparse.SUPPRESS``, so that leaving it out after the
    subcommand's name keeps what was given before it."""
    parser.add_argument("--config", default=nearest_config() if default is None else default, type=Path,
                        help="the site's mkdocs.yml, which names the languages (default: the nearest mkdocs.yml, "
                             "from the current folder up)")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format``: plain lines for a person, or annotations that GitHub shows on the changed lines."""
    parser.add_argument("--format", choices=("plain", "github"), default="plain", dest="output_format",
                        help="plain text, or GitHub Actions annotations shown on the changed lines")


def print_problems(problems: Sequence[Problem], output_format: str) -> None:
    """Each problem on its own line (file:line:col: field: message), or as a GitHub Actions annotation."""
    for problem in problems:
        print(problem.github_annotation() if output_format == "github" else str(problem))
