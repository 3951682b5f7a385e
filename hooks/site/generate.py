"""The engine-free core: every generated page of every language written as plain Markdown, with its navigation.

What MkDocs adds on top (the i18n layout, the page head, glossary links, French spacing, search, the
sitemap, redirects and the language choice at the root) stays in ``hooks/build/``; what is written here
is what another engine would start from.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from ..problems import ModelError, display_path
from ..source.publishing import setting_values, training_offer
from ..source.siteconfig import i18n_languages, read_site_config
from .pagevalues import page_values
from .render import HOME, expand_navigation
from .state import edit_base_url, fill_placeholders, handwritten_page_problems, load_site

#: The generated tree's own settings file: the site's mkdocs.yml with the navigation written out in full.
CONFIG_FILE = "mkdocs.yml"


def generate(config: Path, out: Path) -> Path:
    """Write the site's Markdown into ``out/docs/`` and its settings into ``out/mkdocs.yml``; return the latter.

    The handwritten pages are copied with their placeholders filled, as the hook fills them (mkdocs.yml's
    ``extra`` and the model's counts and groups); each generated page gets the edit link and the training
    offer the hook would give it. The navigation that the hook expands while building is written out per
    language (the default language's as ``nav``, the others' in their i18n entries), and the hook itself
    is left out, so that a plain MkDocs build of ``out`` makes the same pages.
    """
    project = config.resolve().parent
    settings, languages = read_site_config(config)
    docs = project / str(settings.get("docs_dir") or "docs")
    state = load_site(project, docs, languages)
    edit_base = edit_base_url(settings.get("repo_url"), settings.get("edit_uri"), docs, project)
    extra = settings.get("extra") or {}
    values_set = setting_values(settings)
    problems = handwritten_page_problems(docs, languages, values_set, project, state.model)
    if problems:
        raise ModelError(problems)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs, out / "docs")
    default = next((language.code for language in languages if language.default), languages[0].code)
    for language in languages:
        for handwritten in sorted((out / "docs" / language.code).rglob("*.md")):
            name = handwritten.relative_to(out / "docs" / language.code).as_posix()
            values = page_values(values_set, state.model, languages, language.code, name)
            filled = fill_placeholders(handwritten.read_text(encoding="utf-8"), values, language.code,
                                       f"{display_path(docs / language.code, project)}/{name}", default)
            if name == HOME:  # the lead the hook puts below the home page's title
                filled = state.with_home_lead(filled, language.code)
            handwritten.write_text(filled, encoding="utf-8")
    for language in languages:
        offer = training_offer(extra, language.code)
        for path, page in state.pages.items():
            edit_url = f"{edit_base}{page.source_file}" if edit_base and page.source_file else None
            destination = out / "docs" / language.code / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(state.render(language.code, path, edit_url, offer), encoding="utf-8")
    if settings.get("nav") is not None:
        _write_navigation(settings, {language.code: expand_navigation(settings["nav"], state.model, language.code,
                                                                       state.labels[language.code])
                                     for language in languages})
    settings.pop("hooks", None)
    settings.pop("watch", None)
    settings.pop("docs_dir", None)
    theme = settings.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(project / str(theme["custom_dir"]))  # the site's own, not a copy
    written = out / CONFIG_FILE
    written.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return written


def _write_navigation(settings: dict[str, Any], navigation: dict[str, Any]) -> None:
    default = next((code for code, _ in navigation.items() if _is_default(settings, code)), None)
    if default is not None:
        settings["nav"] = navigation[default]
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for entry in plugin["i18n"].get("languages") or []:
                if entry.get("locale") != default and entry.get("locale") in navigation:
                    entry["nav"] = navigation[entry["locale"]]


def _is_default(settings: dict[str, Any], code: str) -> bool:
    return any(language.code == code and language.default for language in i18n_languages(settings))
