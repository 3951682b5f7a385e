"""MkDocs hooks of the competency model site: they wire MkDocs events to the ``hooks`` package.

How generated pages reach MkDocs: mkdocs-static-i18n runs every event once per language and rebuilds
File objects from their source path, so pages made with ``File.generated`` crash it and files outside
``docs_dir`` are dropped. This hook therefore adds ordinary File objects whose ``src_uri`` lies under
``docs/<lang>/`` (where i18n sorts them into languages like handwritten pages) and supplies their
Markdown in ``on_page_read_source``. Nothing is written to disk: no generated file can be committed by
mistake, mixed with the translators' files, left stale after a competency is removed, or retrigger
``mkdocs serve`` in a loop.

Every event runs once per language and this module lives across ``mkdocs serve`` rebuilds, so each
handler is idempotent and the loaded model is cached on the source files' modification times.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# MkDocs loads this file by path, not as a module of the ``hooks`` package, so relative imports fail.
# Putting the project root on sys.path lets it import the package by name without installing it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from markupsafe import escape  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority, get_plugin_logger  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402
from mkdocs.utils import CountHandler, get_relative_url  # noqa: E402

from hooks.addresses import PublishedPage, absolute_url, language_choice_entry, write_sitemap  # noqa: E402
from hooks.labels import LabelMissing  # noqa: E402
from hooks.pagemeta import generated_description, page_description, page_metadata  # noqa: E402
from hooks.problems import ModelError  # noqa: E402
from hooks.publishing import read_site_settings, settings_problems, training_offer  # noqa: E402
from hooks.redirects import write_redirects  # noqa: E402
from hooks.render import GLOSSARY, expand_navigation, long_date  # noqa: E402
from hooks.safehtml import title_text  # noqa: E402
from hooks.search import SearchIndexError, index_site  # noqa: E402
from hooks.site import (  # noqa: E402
    SiteState,
    discard_staged_site,
    edit_base_url,
    fill_page_placeholders,
    handwritten_page_problems,
    language_choice_page,
    load_site,
    publish_staged_site,
    staging_dir,
    status_notice_html,
)
from hooks.siteconfig import SiteLanguage, language_problems, languages_from  # noqa: E402
from hooks.typography import french_typography, is_french  # noqa: E402
from hooks.untranslated import page_in_reader_language  # noqa: E402

log = get_plugin_logger("competency-model")

_state: SiteState | None = None
#: Generated pages of the current build, keyed by their src_uri (``<lang>/<path>``).
_generated: dict[str, tuple[str, str]] = {}
#: Every page of every language built so far, in build order: the sitemap's entries.
_published: dict[tuple[str, str], PublishedPage] = {}
#: Whether this command builds into a staging folder (``on_startup``), and, during such a build, the
#: staging folder and the site folder it will replace.
_stages = False
_staging: tuple[Path, Path] | None = None


def _i18n(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) must be configured")
    return plugin


def _languages(config: MkDocsConfig) -> list[SiteLanguage]:
    entries = _i18n(config).config.languages
    for entry in entries:
        # The language switch links to each language's folder; the default language has one too here.
        if entry.default and entry.link != f"/{entry.locale}/":
            raise PluginError(f"mkdocs.yml: plugins.i18n.languages[{entry.locale}].link: expected "
                              f"'/{entry.locale}/', found '{entry.link}' (every language has its own folder)")
    return languages_from(entries)


def _current_language(config: MkDocsConfig) -> str:
    return str(_i18n(config).current_language)


def _building_another_language(config: MkDocsConfig) -> bool:
    """Whether this is mkdocs-static-i18n's build of another language, nested in the first one's build."""
    return bool(getattr(_i18n(config), "building", False))


def _project(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, which holds model/: a test or benchmark site can have its own model."""
    return _folder_of(config.config_file_path)


@functools.lru_cache(maxsize=8)  # asked for by every generated page; resolving a path is not free
def _folder_of(config_file: str) -> Path:
    return Path(config_file).resolve().parent


def _site(config: MkDocsConfig) -> SiteState:
    assert _state is not None, "on_config loads the site before any other event"
    return _state


def on_startup(*, command: str, dirty: bool) -> None:
    """``mkdocs build`` writes into a folder beside the site and replaces the site only when it succeeded.

    ``serve`` builds into a folder of its own, and ``--dirty`` rewrites only changed pages, so both
    write in place as MkDocs does.
    """
    global _stages
    _stages = command == "build" and not dirty


@event_priority(-110)  # After mkdocs-static-i18n (-100) has chosen the language of this build.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check everything that can be checked before MkDocs cleans the site folder, so a bad edit keeps the last good site.

    The model, the labels, the languages and every handwritten page's placeholders, in every
    language. Then send the build to a staging folder (see ``on_startup``), and expand the model's
    entry of the navigation into its groups and competencies, titled in this build's language.
    """
    global _state, _staging
    languages = _languages(config)
    problems = language_problems(languages) + handwritten_page_problems(
        Path(config.docs_dir), languages, config.extra, _project(config))
    state = None
    try:
        state = load_site(_project(config), Path(config.docs_dir), languages, _state)
    except ModelError as error:
        problems = [*error.problems, *problems]
    problems += settings_problems(read_site_settings(Path(config.config_file_path)), languages)
    if problems or state is None:
        raise PluginError(ModelError(problems).report()) from None
    _state = state
    if _stages and _staging is None:
        site_dir = Path(config.site_dir)
        _staging = (staging_dir(site_dir), site_dir)
        discard_staged_site(_staging[0])  # what an interrupted build left
        config.site_dir = str(_staging[0])
    if config.nav is not None:
        language = _current_language(config)
        config.nav = expand_navigation(config.nav, state.model, language, state.labels[language])
    return config


def on_build_error(error: Exception) -> None:
    """A failed build leaves the last good site as it was: only the staging folder is removed."""
    global _staging
    if _staging is not None:
        discard_staged_site(_staging[0])
        _staging = None


def _warnings_logged() -> bool:
    """Whether this build logged a warning, which ``--strict`` turns into a failure after the last event."""
    return any(isinstance(handler, CountHandler) and handler.get_counts()
               for handler in logging.getLogger("mkdocs").handlers)


def _publish_staged_site(config: MkDocsConfig) -> None:
    """Replace the site with the staging folder, unless --strict is about to fail the build."""
    global _staging
    if _staging is None:
        return
    staging, site_dir = _staging
    _staging = None
    config.site_dir = str(site_dir)  # for what runs after the build (gh-deploy)
    if config.strict and _warnings_logged():
        discard_staged_site(staging)
        return
    try:
        publish_staged_site(staging, site_dir)
    except OSError as error:
        raise PluginError(f"the new site is complete in {staging.name}/ beside the site folder, but could not "
                          f"replace it ({error.strerror}); the last site is where it was") from None


def on_pre_build(config: MkDocsConfig) -> None:
    """The first language's build (static-i18n builds the others inside it) starts the sitemap afresh."""
    if not _building_another_language(config):
        _published.clear()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages of every language; i18n (which runs after this) keeps the current one's.

    The first language's build (MkDocs has just cleaned the site folder) also writes the downloads of
    every language, before any downloads page shows their sizes.
    """
    site = _site(config)
    if not _building_another_language(config):
        site.publish_downloads(Path(config.site_dir))
    _generated.clear()
    for language in site.languages:
        for path in site.pages:
            src_uri = f"{language.code}/{path}"
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri}: this file has the path of a generated page; "
                                  "rename it (generated pages come from model/)")
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
            _generated[src_uri] = (language.code, path)
    return files


def _move_under_language_folder(file: File, language: str, config: MkDocsConfig) -> None:
    if file.dest_uri.startswith(f"{language}/"):
        return
    file.dest_path = f"{language}/{file.dest_uri}"
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_path))
    file.url = file._get_url(config.use_directory_urls)


def _publish_default_language_in_its_folder(files: Files, config: MkDocsConfig) -> None:
    """Publish the default language under /<lang>/ like the others, instead of at the site root.

    mkdocs-static-i18n 1.x puts the default language at the root. A Belgian federal site puts no
    language first: every language has its folder, and the root lets the reader choose. Its own
    alternates are rebuilt per language, so they are moved too, which keeps the language switch and
    the hreflang links pointing at the right pages. MkDocs has made the pages already, with
    addresses at the root: their canonical address is set again.
    """
    default = next(language.code for language in _languages(config) if language.default)
    building_default = _current_language(config) == default
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


@event_priority(-110)  # After mkdocs-static-i18n (-100) has built this language's files.
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Publish the default language in its own folder, now that i18n has set every file's place.

    Then note this language's pages and their alternates for the sitemap: every page, also under
    ``mkdocs serve --dirty``, where only changed pages reach the later events.
    """
    _publish_default_language_in_its_folder(files, config)
    language = _current_language(config)
    for file in files.documentation_pages():
        _published[(language, file.url)] = _published_page(file, language)
    return nav


def _published_page(file: File, language: str) -> PublishedPage:
    """A page's site path and those of the same page in every language (static-i18n's alternates)."""
    alternates = getattr(file, "alternates", None) or {language: file}
    return PublishedPage(language, file.url, {code: alternate.url for code, alternate in alternates.items()})


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """The Markdown of a generated page; None leaves handwritten pages to MkDocs."""
    generated = _generated.get(page.file.src_uri)
    if generated is None:
        return None
    language, path = generated
    site = _site(config)
    source_file = site.pages[path].source_file
    edit_base = _edit_base(config)
    edit_url = f"{edit_base}{source_file}" if edit_base and source_file else None
    try:
        return site.render(language, path, edit_url, training_offer(config.extra, language))
    except ModelError as error:
        raise PluginError(error.report()) from None


@contextlib.contextmanager
def _labels_checked() -> Iterator[None]:
    """A label missing from the source language's file fails the build naming the file and the key."""
    try:
        yield
    except LabelMissing as missing:
        raise PluginError(str(missing.args[0])) from None


def _edit_base(config: MkDocsConfig) -> str | None:
    try:
        return edit_base_url(config.repo_url, config.edit_uri, Path(config.docs_dir), _project(config))
    except ModelError as error:
        raise PluginError(error.report()) from None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Point generated pages' edit links at their model file; fill handwritten pages' placeholders."""
    generated = _generated.get(page.file.src_uri)
    if generated is not None:
        source_file = _site(config).pages[generated[1]].source_file
        edit_base = _edit_base(config)
        page.edit_url = f"{edit_base}{source_file}" if edit_base and source_file else None
        return markdown
    try:
        return fill_page_placeholders(markdown, page.file.content_string, config.extra, _current_language(config),
                                      f"docs/{page.file.src_uri}")
    except ModelError as error:
        raise PluginError(error.report()) from None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Describe the page for search engines (``page.meta.description``, plain text in its language).

    Generated pages get their glossary terms linked; a handwritten page shown in place of a missing
    translation gets its own lang, and a notice above it.
    """
    language = _current_language(config)
    site = _site(config)
    generated = _generated.get(page.file.src_uri)
    # mkdocs-static-i18n sets the language a file is written in; it differs when it falls back.
    text_language = language if generated else str(getattr(page.file, "locale", language))
    with _labels_checked():
        own = generated_description(site.pages[generated[1]], site.model, language, site.labels[language]) \
            if generated else None
    # A page shown in place of a missing translation does not describe itself in the reader's language.
    in_language = text_language == language
    page.meta["description"] = page_description(
        html if in_language else "", own=own, front_matter=page.meta.get("description") if in_language else None,
        fallback=site.model.title.in_language(language, site.model.source_language))
    if generated is not None:  # generated pages mark each untranslated text themselves
        if page.title is not None:
            # A generated page's title is a model text: plain escaped text, since the theme prints it as
            # HTML in places where it decodes it first (see title_text).
            page.title = title_text(page.title)
        glossary = files.get_file_from_path(f"{language}/{GLOSSARY}")
        glossary_url = get_relative_url(glossary.url, page.file.url) if glossary is not None else None
        return site.link_glossary_terms(generated[1], html, glossary_url, language)
    return page_in_reader_language(html, text_language, language, site.labels[language], site.environment)


# MkDocs builds in two passes: it converts every page's Markdown to HTML first (so that every title
# and table of contents is known), then writes each page with its template. Between the two, it held
# every page's Markdown and HTML: most of a large model's build memory (well over a gigabyte per
# language at 14,000 competencies). Once a page is converted, its HTML is "parked", compressed with
# zlib (HTML shrinks about sixfold), and its Markdown let go; the page gets its HTML back just
# before it is written. A page is parked when the next one starts (MkDocs sets page.content from the
# last on_page_content's return value, so it cannot be done there), and the last one on on_env,
# which MkDocs sends between the two passes.

_PARKED = "_competency_model_parked_html"
_converted: list[Page] = []
"""The page converted last, waiting to be parked."""


def _park_converted_page() -> None:
    while _converted:
        page = _converted.pop()
        if page.content is None:
            continue
        page.title = page.title  # worked out from the Markdown on every read otherwise
        setattr(page, _PARKED, zlib.compress(page.content.encode("utf-8"), 1))
        page.content = None
        page.markdown = None


def _unpark(page: Page) -> None:
    parked = getattr(page, _PARKED, None)
    if parked is not None:
        page.content = zlib.decompress(parked).decode("utf-8")
        delattr(page, _PARKED)


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Park the page converted before this one."""
    _park_converted_page()
    _converted.append(page)
    return page


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page is converted: park the last one."""
    _park_converted_page()
    return env


@event_priority(100)  # Before any plugin sees the page.
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Give the page its parked HTML back; add its head (``page_meta``), its labels (search), the model's version and date."""
    _unpark(page)
    site = _site(config)
    language = _current_language(config)
    context["labels"] = site.labels[language]  # the search button's and dialog's labels
    published = _published_page(page.file, language)
    with _labels_checked():
        context["page_meta"] = page_metadata(
            page_title=page.title or "", site_name=config.site_name, description=page.meta.get("description", ""),
            language=language, labels=site.labels, site_url=config.site_url, path=published.path,
            alternates=published.alternates)
    # The theme prints it as it is: a label is text, never markup.
    context["model_version_line"] = str(escape(site.labels[language].format(
        "footer_version", version=site.model.version, date=long_date(site.model.date, language))))
    if _shows_status(page, language, site):
        context["status_notice"] = status_notice_html(config.extra, language, site.labels[language])
    return context


#: The handwritten pages that state the site's status (mkdocs.yml, extra.status), besides every competency.
_STATUS_PAGES = ("index.md", "about.md")


def _shows_status(page: Page, language: str, site: SiteState) -> bool:
    generated = _generated.get(page.file.src_uri)
    if generated is not None:
        return site.pages[generated[1]].competency is not None
    return page.file.src_uri in {f"{language}/{name}" for name in _STATUS_PAGES}


@event_priority(-1000)  # Last: every plugin has had the page, and MkDocs writes this output next.
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Let go of the page's HTML and table of contents once it is written.

    MkDocs keeps them until the end of the build, for every page of every language (static-i18n builds
    the other languages inside the first one's build), so memory grew with the whole site. Nothing
    reads them afterwards: other pages' navigation needs only the title (fixed, with the Markdown let
    go, when the page was parked) and address, and anchors are checked with the ids the page noted
    while it was rendered.
    """
    page.content = None
    page.toc = get_toc([])
    # After the search index has the page's text: French spacing is for readers, not for searching.
    language = _current_language(config)
    return french_typography(output, language) if is_french(language) else output


def index_search(config: MkDocsConfig) -> None:
    """Index every language of the finished site for search, each in its own folder (hooks/search.py).

    Under ``mkdocs serve`` this runs after every rebuild, into the folder being served, so search works
    there as in the published site.
    """
    try:
        for run in index_site(Path(config.site_dir), [language.code for language in _languages(config)]):
            log.debug("search: indexed '%s' in %.2f s%s", run.language, run.seconds,
                      f"\n{run.output}" if run.output else "")
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


@event_priority(-200)  # After mkdocs-static-i18n (-100) has built every language.
def on_post_build(config: MkDocsConfig) -> None:
    """Once every language is built, write what spans them: search, redirects, the site root and 404 page."""
    if _building_another_language(config):
        return  # the outer build does it once, for all of them
    site = _site(config)
    site_dir = Path(config.site_dir)
    codes = [language.code for language in site.languages]
    index_search(config)
    try:
        write_redirects(site_dir, site.model, codes, config.site_url, site.sources)
    except ModelError as error:
        raise PluginError(error.report()) from None
    favicon = str(config.theme["favicon"])  # Material's theme always names one
    if config.site_url:
        write_sitemap(site_dir, config.site_url, [language_choice_entry(codes), *_published.values()])
    (site_dir / "index.html").write_text(
        language_choice_page(site.model, site.languages, site.labels, site_url=config.site_url,
                             favicon=favicon), encoding="utf-8")
    # Material writes a 404 page per language build to the same file; the last language would win.
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    (site_dir / "404.html").write_text(
        language_choice_page(site.model, site.languages, site.labels, not_found=True, base=base,
                             favicon=favicon), encoding="utf-8")
    _publish_staged_site(config)
