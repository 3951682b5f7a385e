"""Write every generated page as plain Markdown, with the navigation: ``python -m hooks.generate OUT``.

OUT gets ``docs/`` (the handwritten pages and every generated page of every language) and
``mkdocs.yml`` (the site's settings, with the navigation written out and without the hook), which a
plain ``mkdocs build -f OUT/mkdocs.yml`` builds, and from which another engine can start. Exits 0, or
1 with the problems of mkdocs.yml or the model (file:line:col), or 2 when there is no mkdocs.yml.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .cli import add_config_option
from .problems import ModelError
from .site.generate import generate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.generate", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the folder to write (replaced if it exists)")
    add_config_option(parser)
    arguments = parser.parse_args(argv)
    if not arguments.config.is_file():
        print(f"{arguments.config}: no such file; run from the project folder or give --config", file=sys.stderr)
        return 2
    try:
        written = generate(arguments.config, arguments.out)
    except ModelError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"Wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
