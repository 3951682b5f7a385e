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


def _common_arguments(parser: argparse.ArgumentParser, after_command: bool = False) -> None:
    """``--config`` and ``--language``, which the report and ``mark`` share.

    Both may stand before the word ``mark`` or after it. After it they add to what came before: a
    ``--config`` left out keeps the earlier one, and the languages of both sides count."""
    add_config_option(parser, argparse.SUPPRESS if after_command else None)
    parser.add_argument("--language", action="append", metavar="CODE",
                        dest="languages_after_command" if after_command else "language",
                        help="only this language (may be given more than once; default: every language "
                             "other than the source language)")


#: The report's own options (by their names in the parsed arguments), which ``mark`` does not take.
_REPORT_OPTIONS = {"output_format": "--format", "strict": "--strict", "no_history": "--no-history"}


def _parser() -> argparse.ArgumentParser:
    """The report's options, and the ``mark`` command with its own."""
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
    commands = parser.add_subparsers(dest="command", title="command", metavar="mark",
                                     description="without a command, the report")
    mark = commands.add_parser(
        "mark", prog=MARK_COMMAND, help="mark translations up to date with their source text",
        description="Mark translations as up to date with their source text: write the source text's "
                    "fingerprint (translated_from) next to each chosen translation. Do this after checking "
                    "or updating the translation.",
    )
    _common_arguments(mark, after_command=True)
    mark.add_argument("targets", nargs="*", metavar="PATH or FILE:FIELD",
                      help="model files, folders, handwritten pages, or one field such as "
                           "model/competencies/samenwerken.yaml:definition.fr (default: everything)")
    # argparse writes a subcommand as required ("mark ..."); without one, the command reports.
    parser.usage = parser.format_usage().removeprefix("usage: ").replace(" mark ...", " [mark ...]").rstrip()
    return parser


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "mark":
        given = [option for name, option in _REPORT_OPTIONS.items() if getattr(arguments, name) != parser.get_default(name)]
        if given:
            parser.error(f"{MARK_COMMAND} does not take {', '.join(given)}")
        arguments.language = [*(arguments.language or []), *(arguments.languages_after_command or [])] or None
    return arguments


def _status_main(arguments: argparse.Namespace) -> int:
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


def _mark_main(arguments: argparse.Namespace) -> int:
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


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parse(sys.argv[1:] if argv is None else argv)
    try:
        return _mark_main(arguments) if arguments.command == "mark" else _status_main(arguments)
    except BrokenPipeError:  # the reader (head, less) stopped reading
        return 1
    except (OSError, UnicodeDecodeError) as error:
        print(f"cannot read or write a file: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
