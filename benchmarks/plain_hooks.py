"""The hook of the pre-written baseline: what the real hooks do that is not about the model.

The benchmark compares the real hooks with a build of the same pages written out as Markdown. Two
things the real hook module does are not model work, and the baseline does them too, with the same
code, so that the difference is what the hooks cost:

- It publishes the default language in its own folder (``_publish_default_language_in_its_folder``),
  so both builds write the same pages at the same addresses.
- It indexes every language for search once all are built (``index_search``, hooks/build/search.py), as any
  site with search does.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads this file by path: put the project root on sys.path to import the hook module.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402

from hooks.build.events import index_search  # noqa: E402
from hooks.build.i18n import building_another_language, publish_default_language_in_its_folder  # noqa: E402


@event_priority(-110)  # After mkdocs-static-i18n (-100), as in hooks/mkdocs_hooks.py.
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    publish_default_language_in_its_folder(files, config)
    return nav


@event_priority(-200)  # After mkdocs-static-i18n (-100) has built every language, as in hooks/mkdocs_hooks.py.
def on_post_build(config: MkDocsConfig) -> None:
    if not building_another_language(config):
        index_search(config)
