"""Rename a competency's id, and every reference to it: ``python -m hooks.rename OLD NEW``.

Moves ``model/competencies/OLD.yaml`` to ``NEW.yaml``, sets its ``id``, adds OLD to its ``former_ids`` (so
that the old address redirects to the new one) and replaces OLD in every other competency's ``related:``
list and in every role profile (``model/profiles/``) that asks it (``hooks/tools/rename.py``). Nothing
is written when any file cannot be edited safely. Exits 1 with the problems, with file and line, when
the model cannot be read or the new id cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .cli import PYTHON, add_config_option, print_problems
from .problems import ModelError, display_path
from .source.load import read_sources
from .tools.rename import rename_competency, write_renamed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.rename", description=__doc__.splitlines()[0])
    add_config_option(parser)
    parser.add_argument("old", metavar="OLD", help="the competency's id now (its file name)")
    parser.add_argument("new", metavar="NEW", help="its new id: lowercase letters, digits and dashes")
    arguments = parser.parse_args(argv)
    root = arguments.config.resolve().parent
    try:
        sources, problems = read_sources(root / "model", root)
        if problems:
            raise ModelError(problems)
        files = rename_competency(sources, arguments.old, arguments.new)
        write_renamed(files)
    except ModelError as error:
        print_problems(error.problems, "plain")
        print("Nothing was renamed.", file=sys.stderr)
        return 1
    for file in files:
        moved = f" (was {display_path(file.old_path, root)})" if file.new_path != file.old_path else ""
        print(f"{display_path(file.new_path, root)}{moved}: {'; '.join(file.changes)}")
    print(f"Renamed {arguments.old} to {arguments.new} in {len(files)} file{'s' if len(files) != 1 else ''}. "
          f"The old address redirects to the new one. Check with {PYTHON} -m hooks.check, and describe the change "
          "in model/changelog.yaml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
