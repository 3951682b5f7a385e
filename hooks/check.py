"""Validate the competency model, the labels, the languages and the handwritten pages' placeholders: ``python -m hooks.check``.

Prints every problem as ``path:line:column: field: message`` (or as GitHub Actions annotations with
``--format github``) and exits 1; prints a one-line summary and exits 0 when all is well.

``--content`` adds the content check (``hooks.source.content``: long sentences, retired terms, …) as
warnings; ``--publish`` adds what must be right before the site is published (``hooks.source.publishing``:
no example or missing contact details and addresses). Either exits 1 when it finds anything.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .cli import PYTHON, add_config_option, add_format_option, print_problems
from .problems import ModelError, Problem, summary
from .site.state import handwritten_page_problems, load_site
from .source.content import content_problems
from .source.publishing import publish_problems, read_site_settings, setting_values, settings_problems
from .source.siteconfig import language_problems, read_site_config
from .source.sitelanguages import language_setting_problems, theme_translations
from .tools.release import ReleaseCheckError, release_problems


def _print_problems(problems: Sequence[Problem], output_format: str) -> None:
    print_problems(problems, output_format)
    errors = [problem for problem in problems if problem.severity == "error"]
    warnings = len(problems) - len(errors)
    if errors or not warnings:
        print(summary(errors), file=sys.stderr)
    if warnings:
        print(f"{warnings} content warning{'s' if warnings != 1 else ''} found ({PYTHON} -m hooks.check --content).",
              file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.check", description=__doc__.splitlines()[0])
    add_config_option(parser)
    add_format_option(parser)
    parser.add_argument("--content", action="store_true",
                        help="also check the texts: sentence length, retired terms, headings, digital indicators")
    parser.add_argument("--publish", action="store_true",
                        help="also refuse example or missing contact details and addresses (before publishing)")
    parser.add_argument("--against", metavar="REF",
                        help="also warn when model files changed since the git branch or commit REF (such as main) "
                             "but version, date or the changelog did not; warnings only, the exit code stays 0")
    parser.add_argument("files", nargs="*", help="ignored: the whole model is always checked "
                        "(lets pre-commit pass the changed file names)")
    arguments = parser.parse_args(argv)
    root = arguments.config.resolve().parent
    release_warnings: list[Problem] = []
    try:
        settings, languages = read_site_config(arguments.config)
        docs_dir = root / str(settings.get("docs_dir", "docs"))
        site_settings = read_site_settings(arguments.config)
        # What the build checks before it cleans the site folder (hooks/mkdocs_hooks.py on_config).
        problems = [*settings_problems(site_settings, languages), *language_problems(languages),
                    *language_setting_problems(site_settings, languages, theme_translations(site_settings, root))]
        if arguments.publish:
            problems += publish_problems(site_settings, languages)
        site = None
        try:
            site = load_site(root, docs_dir, languages)
        except ModelError as error:
            problems = [*error.problems, *problems]
        problems += handwritten_page_problems(docs_dir, languages, setting_values(settings), root,
                                              site.model if site is not None else None)
        if problems or site is None:
            raise ModelError(problems)
        if arguments.against:
            release_warnings = release_problems(root, arguments.against, site.sources.single["model.yaml"],
                                                site.sources.single["changelog.yaml"])
        if arguments.content:
            problems = content_problems(root, docs_dir, [language.code for language in languages], site.sources,
                                        site.labels)
            if problems:
                raise ModelError(problems)
    except ModelError as error:
        _print_problems(error.problems, arguments.output_format)
        return 1
    except ReleaseCheckError as error:
        print(f"{parser.prog}: --against {arguments.against}: {error}", file=sys.stderr)
        return 2
    except Exception as error:
        print(f"internal error while checking the model ({type(error).__name__}: {error}); "
              "please report it with the file you changed", file=sys.stderr)
        return 2
    model = site.model
    if release_warnings:
        print_problems(release_warnings, arguments.output_format)
    print(f"The competency model is valid: version {model.version} of {model.date}, "
          f"{len(model.competencies)} competencies in {len(model.groups)} groups, {len(model.levels)} levels, "
          f"languages {', '.join(language.code for language in languages)}."
          + (" No content warnings." if arguments.content else "")
          + (" Ready to publish." if arguments.publish else "")
          + (f" {len(release_warnings)} warning{'s' if len(release_warnings) != 1 else ''} about the version "
             f"against {arguments.against}." if release_warnings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
