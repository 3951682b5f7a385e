"""Compare two versions of the competency model: ``python -m hooks.diff OLD NEW``.

OLD and NEW are each a directory (a project folder holding ``model/``, or the model folder itself;
``.`` is the working tree) or a git ref (``HEAD~1``, ``main``, a tag or a commit), read with
``git ls-tree`` and ``git show`` into a temporary folder without touching the working tree. An
argument naming an existing directory is read as that directory.

Prints, as Markdown to paste into a pull request: the competencies, groups and levels added, removed
and renamed (a new id whose ``former_ids`` names an id of OLD), titles changed, competencies moved to
another group, and every changed text per field and language. Exits 0 with the report, or 2 with a
one-line error when an argument is neither a directory nor a git commit, or a model is not valid.

Both versions are loaded and validated by ``hooks.source.load``; texts are found by
``hooks.source.load.translated_fields``, so the comparison follows the schema and keeps no copy of it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .problems import PYTHON
from .tools.diffreport import to_markdown
from .tools.modeldiff import DiffError, compare, read_version


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hooks.diff", description=__doc__.splitlines()[0] if __doc__ else None,
        epilog=f"Examples: `{PYTHON} -m hooks.diff HEAD~1 HEAD`, `{PYTHON} -m hooks.diff main .` (main against "
               f"the working tree), `{PYTHON} -m hooks.diff old-copy/ new-copy/`.")
    parser.add_argument("old", help="the earlier version: a directory or a git ref")
    parser.add_argument("new", help="the later version: a directory (`.` for the working tree) or a git ref")
    parser.add_argument("--repo", type=Path, default=Path("."),
                        help="the git repository that git refs are read from (default: the current directory)")
    parser.add_argument("--model-path", default="model",
                        help="the model's folder inside the repository, for git refs (default: %(default)s)")
    arguments = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="model-diff-") as workspace:
            old = read_version(arguments.old, arguments.repo, arguments.model_path, Path(workspace) / "old")
            new = read_version(arguments.new, arguments.repo, arguments.model_path, Path(workspace) / "new")
            report = to_markdown(compare(old, new))
    except DiffError as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:
        print(f"{parser.prog}: error: internal error ({type(error).__name__}: {error}); please report it",
              file=sys.stderr)
        return 2
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
