"""The i18n layout: what mkdocs-static-i18n 1.x knows, and every language published in its own folder."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..site.addresses import PublishedPage, absolute_url
from ..source.siteconfig import SiteLanguage, languages_from


def i18n_plugin(config: MkDocsConfig) -> Any:
    """mkdocs-static-i18n's plugin object, which holds the languages and the one being built."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) must be configured")
    return plugin


def site_languages(config: MkDocsConfig) -> list[SiteLanguage]:
    """The site's languages, as the i18n plugin has read them from mkdocs.yml."""
    entries = i18n_plugin(config).config.languages
    for entry in entries:
        # The language switch links to each language's folder; the default language has one too here.
        if entry.default and entry.link != f"/{entry.locale}/":
            raise PluginError(f"mkdocs.yml: plugins.i18n.languages[{entry.locale}].link: expected "
                              f"'/{entry.locale}/', found '{entry.link}' (every language has its own folder)")
    return languages_from(entries)


def current_language(config: MkDocsConfig) -> str:
    """The language of this build (static-i18n builds each language in turn)."""
    return str(i18n_plugin(config).current_language)


def building_another_language(config: MkDocsConfig) -> bool:
    """Whether this is mkdocs-static-i18n's build of another language, nested in the first one's build."""
    return bool(getattr(i18n_plugin(config), "building", False))


def _move_under_language_folder(file: File, language: str, config: MkDocsConfig) -> None:
    if file.dest_uri.startswith(f"{language}/"):
        return
    file.dest_path = f"{language}/{file.dest_uri}"
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_path))
    file.url = file._get_url(config.use_directory_urls)


def publish_default_language_in_its_folder(files: Files, config: MkDocsConfig) -> None:
    """Publish the default language under /<lang>/ like the others, instead of at the site root.

    mkdocs-static-i18n 1.x puts the default language at the root. A Belgian federal site puts no
    language first: every language has its folder, and the root lets the reader choose. Its own
    alternates are rebuilt per language, so they are moved too, which keeps the language switch and
    the hreflang links pointing at the right pages. MkDocs has made the pages already, with
    addresses at the root: their canonical address is set again.
    """
    default = next(language.code for language in site_languages(config) if language.default)
    building_default = current_language(config) == default
    for file in files:
        # Only the default language's own folder moves; shared assets stay where every language finds them.
        if building_default and file.src_uri.startswith(f"{default}/"):
            _move_under_language_folder(file, default, config)
            if file.page is not None and config.site_url:
                file.page.canonical_url = absolute_url(config.site_url, file.page.url)
                file.page.abs_url = urlsplit(file.page.canonical_url).path
        alternate = getattr(file, "alternates", {}).get(default)
        if alternate is not None and alternate.src_uri.startswith(f"{default}/"):
            _move_under_language_folder(alternate, default, config)


def published_page(file: File, language: str) -> PublishedPage:
    """A page's site path and those of the same page in every language (static-i18n's alternates)."""
    alternates = getattr(file, "alternates", None) or {language: file}
    return PublishedPage(language, file.url, {code: alternate.url for code, alternate in alternates.items()})
