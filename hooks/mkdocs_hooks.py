"""MkDocs hooks of the competency model site: each event is handed to ``hooks.build``.

The work lives in the package: ``hooks.build.events`` (what each event does, and the state one build
keeps), ``hooks.build.i18n`` (every language in its own folder), ``hooks.build.parking`` (memory
between MkDocs' two passes) and ``hooks.build.staging`` (the last good site survives a failed build).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# MkDocs loads this file by path, not as a module of the ``hooks`` package, so relative imports fail.
# Putting the project root on sys.path lets it import the package by name without installing it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from hooks.build.events import SiteBuild  # noqa: E402
from hooks.build.i18n import publish_default_language_in_its_folder  # noqa: E402
from hooks.build.parking import PageParking, unpark  # noqa: E402

# One object per process: it lives across ``mkdocs serve`` rebuilds, and every step is idempotent.
_build = SiteBuild()
_parking = PageParking()


def on_startup(*, command: str, dirty: bool) -> None:
    """``mkdocs build`` writes into a staging folder, replaced only when it succeeded, and makes the PDFs."""
    _build.start(command, dirty)


@event_priority(-110)  # After mkdocs-static-i18n (-100) has chosen the language of this build.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check everything before MkDocs cleans the site folder, so a bad edit keeps the last good site."""
    return _build.configure(config)


def on_build_error(error: Exception) -> None:
    """A failed build leaves the last good site as it was: only the staging folder is removed."""
    _build.staging.discard()


def on_pre_build(config: MkDocsConfig) -> None:
    _build.start_build(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages of every language; i18n (which runs after this) keeps the current one's."""
    return _build.add_generated_files(files, config)


@event_priority(-110)  # After mkdocs-static-i18n (-100) has built this language's files.
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Publish the default language in its own folder, then note every page for the sitemap (also under --dirty)."""
    publish_default_language_in_its_folder(files, config)
    _build.note_published_pages(files, config)
    return nav


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    return _build.read_source(page, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.page_markdown(markdown, page, config)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.page_content(html, page, config, files)


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Park the page converted before this one."""
    _parking.page_starts(page)
    return page


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page is converted: park the last one."""
    _parking.park_converted_page()
    return env


@event_priority(100)  # Before any plugin sees the page.
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Give the page its parked HTML back, then its head, labels, and the model's version and date."""
    unpark(page)
    return _build.page_context(context, page, config)


@event_priority(-1000)  # Last: every plugin has had the page, and MkDocs writes this output next.
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _build.page_written(output, page, config)


@event_priority(-200)  # After mkdocs-static-i18n (-100) has built every language.
def on_post_build(config: MkDocsConfig) -> None:
    """Write what spans the languages: search, redirects, the sitemap, the site root and 404 page."""
    _build.finish(config)
