"""Translation status, and marking translations up to date: ``python -m hooks.translations``.

For each site language other than the model's source language, the status report lists:

- handwritten pages that exist in one language folder but not in the other;
- label keys missing from the language's ``labels.yml``;
- model texts missing in the language: *missing* in a required language (model.yaml's
  ``required_languages``), *not yet translated* in any other site language, which the site shows in
  the source language with a notice;
- *outdated* translations, whose source text changed after they were made: each translation keeps the
  fingerprint of its source text (``translated_from``), and the report shows how the source text
  changed, read from git when the history is at hand;
- *unconfirmed* translations, which have no fingerprint yet.

``--strict`` exits 1 when anything is missing, outdated or unconfirmed; texts not yet translated into
a language that is not required never fail. ``python -m hooks.translations mark`` records that
translations are up to date, by writing the fingerprint of the current source text next to them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .cli import PYTHON, add_config_option, add_format_option, print_problems
from .problems import Location, ModelError, Problem
from .tools.history import SourceHistory
from .tools.marking import mark_translations
from .tools.status import FAILING, MARK_COMMAND, TranslationProject, read_project, summary, translation_status


def _languages_argument(project: TranslationProject, wanted: Sequence[str] | None) -> tuple[str, ...]:
    if not wanted:
        return project.translation_languages
    unknown = [code for code in wanted if code not in project.translation_languages]
    if unknown:
        raise ModelError([Problem(Location("mkdocs.yml"), "plugins.i18n.languages",
                                  f"'{code}' is not a site language to translate into "
                                  f"(expected one of: {', '.join(project.translation_languages)})")
                          for code in unknown])
    return tuple(wanted)


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument("--language", action="append", metavar="CODE",
                        help="only this language (may be given more than once; default: every language "
                             "other than the source language)")


def _status_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m hooks.translations",
        description="Report missing, outdated and unconfirmed translations. "
                    f"To mark translations up to date: {MARK_COMMAND} --help",
    )
    _common_arguments(parser)
    add_format_option(parser)
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a translation is missing, outdated or unconfirmed")
    parser.add_argument("--no-history", action="store_true",
                        help="do not read earlier source texts from git (faster; no diffs)")
    return parser


def _status_main(argv: Sequence[str]) -> int:
    arguments = _status_parser().parse_args(argv)
    try:
        project, problems = read_project(arguments.config)
        languages = _languages_argument(project, arguments.language)
        findings = translation_status(project, languages, SourceHistory(project.root, not arguments.no_history))
    except ModelError as error:
        print_problems(error.problems, arguments.output_format)
        return 1
    for finding in findings:
        print(finding.github_annotation(arguments.strict) if arguments.output_format == "github" else str(finding))
    print_problems(problems, arguments.output_format)
    if findings:
        print()
    for line in summary(project, findings, languages):
        print(line)
    if problems:
        print(f"{len(problems)} model file{'s' if len(problems) != 1 else ''} could not be read; "
              f"their translations are not in this report (see {PYTHON} -m hooks.check).")
        return 1
    return 1 if arguments.strict and any(finding.kind in FAILING for finding in findings) else 0


def _mark_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=MARK_COMMAND,
        description="Mark translations as up to date with their source text: write the source text's "
                    "fingerprint (translated_from) next to each chosen translation. Do this after checking "
                    "or updating the translation.",
    )
    _common_arguments(parser)
    parser.add_argument("targets", nargs="*", metavar="PATH or FILE:FIELD",
                        help="model files, folders, handwritten pages, or one field such as "
                             "model/competencies/samenwerken.yaml:definition.fr (default: everything)")
    arguments = parser.parse_args(argv)
    try:
        project, problems = read_project(arguments.config)
        if problems:
            raise ModelError(problems)
        languages = _languages_argument(project, arguments.language)
        marked = mark_translations(project, languages, arguments.targets)
    except ModelError as error:
        print_problems(error.problems, "plain")
        print("Nothing was marked in the files listed above.", file=sys.stderr)
        return 1
    for result in marked:
        note = f"; it had been outdated: {', '.join(result.were_outdated)}" if result.were_outdated else ""
        print(f"{result.path}: marked {result.marked} translation{'s' if result.marked != 1 else ''} "
              f"up to date{note}")
    if marked:
        print(f"{len(marked)} file{'s' if len(marked) != 1 else ''} changed.")
    else:
        print("Nothing to change: the chosen translations were already marked up to date.")
    return 0


def _options_with_values() -> set[str]:
    """The options that take a value, as the status command's parser defines them (the mark command's are among them)."""
    parser = _status_parser()
    return {option for action in parser._actions if action.nargs != 0 for option in action.option_strings}


def _command_position(arguments: Sequence[str]) -> int | None:
    """Where the word ``mark`` stands, if it is the command: the first argument that is no option or option value."""
    with_values = _options_with_values()
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        if argument in with_values:
            index += 2
            continue
        if not argument.startswith("-"):
            return index if argument == "mark" else None
        index += 1
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = _command_position(arguments)
    try:
        if command is not None:
            return _mark_main(arguments[:command] + arguments[command + 1:])
        return _status_main(arguments)
    except BrokenPipeError:  # the reader (head, less) stopped reading
        return 1
    except (OSError, UnicodeDecodeError) as error:
        print(f"cannot read or write a file: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
