"""Every published version of the model online side by side: ``python -m hooks.versions``.

Without a command, lists the versions: the git tags ``v<version>`` and the working tree, newest first.
``build SITE`` builds each into ``SITE/<version>/`` and writes ``SITE/versions.json`` (Material's version
selector), ``SITE/latest/`` (redirects to the newest version) and ``SITE/index.html``
(``hooks/tools/versions.py``). Exits 1 with a message when a version cannot be found or built.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .cli import add_config_option
from .source.siteconfig import read_site_config
from .tools.versions import VersionError, build_versions, find_releases


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.versions", description=__doc__.splitlines()[0])
    add_config_option(parser)
    commands = parser.add_subparsers(dest="command")
    build = commands.add_parser("build", help="build every version into SITE/<version>/")
    build.add_argument("site", type=Path, metavar="SITE", help="the folder to publish (created if needed)")
    build.add_argument("--site-url", help="the published address of SITE (default: mkdocs.yml's site_url, "
                                          "which reads the SITE_URL variable)")
    arguments = parser.parse_args(argv)
    root = arguments.config.resolve().parent
    try:
        if arguments.command != "build":
            for release in find_releases(root):
                print(f"{release.version}: {release.source}")
            return 0
        settings, _ = read_site_config(arguments.config)
        site_url = arguments.site_url or str(settings.get("site_url") or "")
        if not site_url:
            raise VersionError("no site address: give --site-url, set SITE_URL, or write site_url in mkdocs.yml")
        releases = build_versions(root, arguments.site, site_url)
    except VersionError as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return 1
    print(f"Built {len(releases)} version{'s' if len(releases) != 1 else ''} into {arguments.site}: "
          f"{', '.join(release.version for release in releases)}; the newest, {releases[0].version}, is the default.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
