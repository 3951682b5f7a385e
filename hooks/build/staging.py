"""``mkdocs build`` writes into a folder beside the site and replaces the site only when it succeeded."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from ..site.state import discard_staged_site, publish_staged_site, staging_dir


def _warnings_logged() -> bool:
    """Whether this build logged a warning, which ``--strict`` turns into a failure after the last event."""
    return any(isinstance(handler, CountHandler) and handler.get_counts()
               for handler in logging.getLogger("mkdocs").handlers)


class Staging:
    """Whether this command builds into a staging folder, and during such a build the staging folder and
    the site folder it will replace."""

    def __init__(self) -> None:
        self.stages = False
        self.folders: tuple[Path, Path] | None = None

    def start(self, command: str, dirty: bool) -> None:
        """``serve`` builds into a folder of its own, and ``--dirty`` rewrites only changed pages, so both
        write in place as MkDocs does."""
        self.stages = command == "build" and not dirty

    def send_build_to_staging(self, config: MkDocsConfig) -> None:
        """Point the build at the staging folder, once per build (every language's on_config asks)."""
        if self.stages and self.folders is None:
            site_dir = Path(config.site_dir)
            self.folders = (staging_dir(site_dir), site_dir)
            discard_staged_site(self.folders[0])  # what an interrupted build left
            config.site_dir = str(self.folders[0])

    def discard(self) -> None:
        """A failed build leaves the last good site as it was: only the staging folder is removed."""
        if self.folders is not None:
            discard_staged_site(self.folders[0])
            self.folders = None

    def publish(self, config: MkDocsConfig) -> None:
        """Replace the site with the staging folder, unless --strict is about to fail the build."""
        if self.folders is None:
            return
        staging, site_dir = self.folders
        self.folders = None
        config.site_dir = str(site_dir)  # for what runs after the build (gh-deploy)
        if config.strict and _warnings_logged():
            discard_staged_site(staging)
            return
        try:
            publish_staged_site(staging, site_dir)
        except OSError as error:
            raise PluginError(f"the new site is complete in {staging.name}/ beside the site folder, but could not "
                              f"replace it ({error.strerror}); the last site is where it was") from None
