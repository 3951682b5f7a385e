"""What the commands (check, translations, generate) share: the --config option and printing problems.

Reading mkdocs.yml is ``hooks.source.siteconfig.read_site_config`` and GitHub annotations are
``hooks.problems.github_command``, so every command gives the same one-line message for the same file.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .problems import Problem

#: The site's configuration, unless ``--config`` names another.
CONFIG_FILE = "mkdocs.yml"


def add_config_option(parser: argparse.ArgumentParser, default: str = CONFIG_FILE) -> None:
    """``--config``: the site's mkdocs.yml, read relative to the current folder.

    A subcommand that also takes the option passes ``argparse.SUPPRESS``, so that leaving it out after the
    subcommand's name keeps what was given before it."""
    parser.add_argument("--config", default=default, type=Path,
                        help=f"the site's mkdocs.yml, which names the languages (default: {CONFIG_FILE})")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format``: plain lines for a person, or annotations that GitHub shows on the changed lines."""
    parser.add_argument("--format", choices=("plain", "github"), default="plain", dest="output_format",
                        help="plain text, or GitHub Actions annotations shown on the changed lines")


def print_problems(problems: Sequence[Problem], output_format: str) -> None:
    """Each problem on its own line (file:line:col: field: message), or as a GitHub Actions annotation."""
    for problem in problems:
        print(problem.github_annotation() if output_format == "github" else str(problem))
