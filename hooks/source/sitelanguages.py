"""What every language of the site needs in mkdocs.yml before a page of it can be built.

A page shows the site's name, its copyright line, the colour-scheme switch's labels and the theme's
own strings (skip link, menu, footer …) in the reader's language. mkdocs-static-i18n takes the first
three from the language's entry under ``plugins.i18n.languages`` (without one, the reader gets the
value written for the whole site, in other languages), and Material the last from its translation
file ``partials/languages/<code>.html``. ``python -m hooks.check`` and the build report each one a
language lacks, at ``mkdocs.yml:LINE:COLUMN`` with the key to write. This module reads mkdocs.yml
without MkDocs.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..problems import Problem, field_path
from .publishing import SiteSettings, is_configured
from .siteconfig import SiteLanguage
from .yamlsource import DocumentPath

#: Where the theme looks for its strings in a language, inside a theme folder.
THEME_TRANSLATIONS = Path("partials", "languages")


def _i18n_entries(settings: SiteSettings) -> Iterator[tuple[DocumentPath, Mapping[str, Any]]]:
    """Each language entry of the i18n plugin, with its path in mkdocs.yml."""
    for index, plugin in enumerate(settings.value(("plugins",)) or []):
        if isinstance(plugin, Mapping) and isinstance(plugin.get("i18n"), Mapping):
            for number, entry in enumerate(plugin["i18n"].get("languages") or []):
                if isinstance(entry, Mapping):
                    yield ("plugins", index, "i18n", "languages", number), entry


def _toggles(palette: Any) -> list[Any]:
    """The colour-scheme switch's entries of a ``theme.palette`` value (a list, or one mapping)."""
    entries = palette if isinstance(palette, list) else [palette] if isinstance(palette, Mapping) else []
    return [entry.get("toggle") if isinstance(entry, Mapping) else None for entry in entries]


def theme_translations(settings: SiteSettings, root: Path) -> set[str]:
    """The languages the theme has strings for: Material's own translations and the site's overrides.

    Material's folder is found without importing it (hooks outside ``build/`` never import the engine).
    """
    folders = []
    custom_dir = settings.value(("theme", "custom_dir"))
    if isinstance(custom_dir, str):
        folders.append(root / custom_dir / THEME_TRANSLATIONS)
    spec = importlib.util.find_spec("material")
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        folders.append(Path(location, "templates", THEME_TRANSLATIONS))
    return {path.stem for folder in folders if folder.is_dir() for path in folder.glob("*.html")}


def language_setting_problems(settings: SiteSettings, languages: Sequence[SiteLanguage],
                              theme_languages: set[str] | None = None) -> list[Problem]:
    """What each built language's entry in mkdocs.yml lacks for its pages to speak that language only.

    ``theme_languages`` are the languages the theme has strings for (``theme_translations``); None
    skips that check.
    """
    built = {language.code for language in languages}
    toggles = _toggles(settings.value(("theme", "palette")))
    problems: list[Problem] = []
    for path, entry in _i18n_entries(settings):
        code = str(entry.get("locale"))
        if code not in built:
            continue
        shown = f"plugins.i18n.languages[{code}]"

        def missing(key: DocumentPath, message: str, shown: str = shown, path: DocumentPath = path) -> None:
            problems.append(Problem(settings.location(path + key), field_path([shown, *key]), message))

        for key, what in (("site_name", "the site's name"), ("copyright", "the copyright line of the footer")):
            if settings.value((key,)) is not None and not is_configured(entry.get(key)):
                missing((key,), f"{what} in '{code}' is missing: write it here, in {entry.get('name') or code} "
                                f"(without it, its pages show the '{key}' written for the whole site)")
        theme: Mapping[str, Any] = entry["theme"] if isinstance(entry.get("theme"), Mapping) else {}
        own_toggles = _toggles(theme.get("palette"))
        for number, toggle in enumerate(toggles):
            if not isinstance(toggle, Mapping) or not toggle.get("name"):
                continue
            own = own_toggles[number] if number < len(own_toggles) else None
            if not isinstance(own, Mapping) or not is_configured(own.get("name")):
                missing(("theme", "palette", number, "toggle", "name"),
                        f"the label of the colour-scheme switch {number + 1} in '{code}' is missing: write "
                        f"theme: {{palette: [{', '.join(['{toggle: {name: ...}}'] * len(toggles))}]}} in this "
                        f"entry, one label per entry of theme.palette (now {toggle['name']!r})")
        theme_language = str(theme.get("language") or code)
        if theme_languages is not None and theme_language not in theme_languages:
            missing(("theme", "language"),
                    f"the theme has no strings in '{theme_language}' (its menu, skip link and footer would not "
                    f"build): add {THEME_TRANSLATIONS.as_posix()}/{theme_language}.html to the theme's custom_dir, "
                    "copied from Material's en.html and translated")
    return problems
