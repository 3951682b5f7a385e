"""What the hook file's events do, with the state one build keeps between them.

How generated pages reach MkDocs: mkdocs-static-i18n runs every event once per language and rebuilds
File objects from their source path, so pages made with ``File.generated`` crash it and files outside
``docs_dir`` are dropped. Ordinary File objects whose ``src_uri`` lies under ``docs/<lang>/`` are
therefore added (i18n sorts them into languages like handwritten pages), and their Markdown is supplied
when MkDocs reads the page. Nothing is written to disk: no generated file can be committed by mistake,
mixed with the translators' files, left stale after a competency is removed, or retrigger
``mkdocs serve`` in a loop.

Every event runs once per language and the hook module lives across ``mkdocs serve`` rebuilds, so each
step is idempotent and the loaded model is cached on the source files' modification times.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from ..problems import ModelError
from ..site.addresses import PublishedPage, language_choice_entry, write_sitemap
from ..site.hyphenation import hyphenate_headings
from ..site.pagemeta import generated_description, page_description, page_metadata
from ..site.pagevalues import page_values
from ..site.pdf import MarkdownSettings
from ..site.redirects import write_redirects
from ..site.render import GLOSSARY, HOME, MODEL_OVERVIEW, expand_navigation, long_date
from ..site.safehtml import title_text
from ..site.selfassessment import SELF_ASSESSMENT_TEMPLATE
from ..site.state import (
    SiteState,
    edit_base_url,
    fill_page_placeholders,
    handwritten_page_problems,
    language_choice_page,
    load_site,
    status_notice_html,
)
from ..site.typography import french_typography, is_french
from ..site.untranslated import mark_title_languages, page_in_reader_language, title_language
from ..source.labels import LabelMissing
from ..source.publishing import (
    makes_dictionary_pdf,
    read_site_settings,
    setting_values,
    settings_problems,
    training_offer,
)
from ..source.siteconfig import language_problems
from ..source.sitelanguages import language_setting_problems, theme_translations
from .i18n import building_another_language, current_language, published_page, site_languages
from .search import SearchIndexError, index_site
from .staging import Staging

log = get_plugin_logger("competency-model")

#: The handwritten pages that state the site's status (mkdocs.yml, extra.status), besides every competency.
_STATUS_PAGES = ("index.md", "about.md")


@contextlib.contextmanager
def reported() -> Iterator[None]:
    """Fail the build through MkDocs with the problems' report: file:line:col and what to write instead."""
    try:
        yield
    except ModelError as error:
        raise PluginError(error.report()) from None
    except LabelMissing as missing:
        raise PluginError(str(missing.args[0])) from None


def project_of(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, which holds model/: a test or benchmark site can have its own model."""
    return _folder_of(config.config_file_path)


@functools.lru_cache(maxsize=8)  # asked for by every generated page; resolving a path is not free
def _folder_of(config_file: str) -> Path:
    return Path(config_file).resolve().parent


class SiteBuild:
    """The loaded site, the generated pages of the current build, and the sitemap's entries so far."""

    def __init__(self) -> None:
        self.state: SiteState | None = None
        #: Generated pages of the current build, keyed by their src_uri (``<lang>/<path>``).
        self.generated: dict[str, tuple[str, str]] = {}
        #: Every page of every language built so far, in build order: the sitemap's entries.
        self.published: dict[tuple[str, str], PublishedPage] = {}
        #: Per language, the titles of its pages that are in another language (title → that language).
        self.title_languages: dict[str, dict[str, str]] = {}
        #: The HTML file of every page this build wrote, and its language: their headings get soft hyphens.
        self.written: list[tuple[Path, str]] = []
        self.staging = Staging()
        #: Whether this command makes the dictionary's PDFs: ``mkdocs build`` does, ``mkdocs serve`` skips them.
        self.makes_pdfs = False

    def start(self, command: str, dirty: bool) -> None:
        """What this command writes: a staged site (``build``), the PDFs (``build``, not ``serve``)."""
        self.staging.start(command, dirty)
        self.makes_pdfs = command == "build"

    @property
    def site(self) -> SiteState:
        assert self.state is not None, "on_config loads the site before any other event"
        return self.state

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check everything before MkDocs cleans the site folder; expand the model's navigation entry."""
        languages = site_languages(config)
        problems = language_problems(languages)
        state = None
        try:
            state = load_site(project_of(config), Path(config.docs_dir), languages, self.state)
        except ModelError as error:
            problems = [*error.problems, *problems]
        problems += handwritten_page_problems(Path(config.docs_dir), languages, setting_values(config),
                                              project_of(config), state.model if state is not None else None)
        settings = read_site_settings(Path(config.config_file_path))
        problems += settings_problems(settings, languages) + language_setting_problems(
            settings, languages, theme_translations(settings, project_of(config)))
        if problems or state is None:
            raise PluginError(ModelError(problems).report()) from None
        self.state = state
        self.staging.send_build_to_staging(config)
        if config.nav is not None:
            language = current_language(config)
            config.nav = expand_navigation(config.nav, state.model, language, state.labels[language])
        return config

    def start_build(self, config: MkDocsConfig) -> None:
        """The first language's build (static-i18n builds the others inside it) starts the sitemap afresh."""
        if not building_another_language(config):
            self.published.clear()
            self.written.clear()

    def add_generated_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages of every language; the first language's build also writes the downloads."""
        site = self.site
        if not building_another_language(config):
            site.publish_downloads(Path(config.site_dir))
            if self.makes_pdfs and makes_dictionary_pdf(config.extra):
                with reported():
                    site.publish_dictionary_pdfs(
                        Path(config.site_dir), MarkdownSettings(config.markdown_extensions, config.mdx_configs),
                        config.site_url, config.extra)
        self.generated.clear()
        for language in site.languages:
            for path in site.pages:
                src_uri = f"{language.code}/{path}"
                if files.get_file_from_path(src_uri) is not None:
                    raise PluginError(f"docs/{src_uri}: this file has the path of a generated page; "
                                      "rename it (generated pages come from model/)")
                files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
                self.generated[src_uri] = (language.code, path)
        return files

    def note_published_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Note this language's pages and their alternates for the sitemap."""
        language = current_language(config)
        for file in files.documentation_pages():
            self.published[(language, file.url)] = published_page(file, language)

    def _edit_url(self, config: MkDocsConfig, path: str) -> str | None:
        """The address at which a generated page's model file can be edited, if the site names its repository."""
        source_file = self.site.pages[path].source_file
        with reported():
            edit_base = edit_base_url(config.repo_url, config.edit_uri, Path(config.docs_dir), project_of(config))
        return f"{edit_base}{source_file}" if edit_base and source_file else None

    def read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        """The Markdown of a generated page; None leaves handwritten pages to MkDocs."""
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            return None
        language, path = generated
        edit_url = self._edit_url(config, path)
        with reported():
            return self.site.render(language, path, edit_url, training_offer(config.extra, language))

    def page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """Point generated pages' edit links at their model file; fill handwritten pages' placeholders."""
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.edit_url = self._edit_url(config, generated[1])
            return markdown
        language = current_language(config)
        with reported():
            site = self.site
            default = next(other.code for other in site.languages if other.default)
            values = page_values(setting_values(config), site.model, site.languages, language,
                                 page.file.src_uri.split("/", 1)[-1])  # the page's path in its language folder
            markdown = fill_page_placeholders(markdown, page.file.content_string, values, language,
                                              f"docs/{page.file.src_uri}", fallback=default)
            return self.site.with_home_lead(markdown, language) if page.file.src_uri == f"{language}/{HOME}" else markdown

    def page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Describe the page; link a generated page's glossary terms, mark a page shown in another language."""
        language = current_language(config)
        site = self.site
        generated = self.generated.get(page.file.src_uri)
        # mkdocs-static-i18n sets the language a file is written in; it differs when it falls back.
        text_language = language if generated else str(getattr(page.file, "locale", language))
        with reported():
            own = generated_description(site.pages[generated[1]], site.model, language, site.labels[language]) \
                if generated else None
        # A page shown in place of a missing translation does not describe itself in the reader's language.
        in_language = text_language == language
        titled_in = title_language(site.pages[generated[1]] if generated else None, site.model, language, text_language)
        page.meta["title_language"] = titled_in
        if titled_in != language and page.title:
            # Every page is read before any is written: the navigation of each can mark this title.
            self.title_languages.setdefault(language, {})[title_text(page.title)] = titled_in
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

    def page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig) -> dict[str, Any]:
        """Add the page's head (``page_meta``), its labels (search), the model's version and date."""
        site = self.site
        language = current_language(config)
        context["labels"] = site.labels[language]  # the search button's and dialog's labels
        published = published_page(page.file, language)
        with reported():
            context["page_meta"] = page_metadata(
                page_title=page.title or "", site_name=config.site_name, description=page.meta.get("description", ""),
                language=language, labels=site.labels, site_url=config.site_url, path=published.path,
                alternates=published.alternates, title_language=page.meta.get("title_language"))
        # The theme prints it as it is: a label is text, never markup.
        context["model_version_line"] = str(escape(site.labels[language].format(
            "footer_version", version=site.model.version, date=long_date(site.model.date, language))))
        generated = self.generated.get(page.file.src_uri)
        # The pages that draw the model picture (the model's own, and the home page's lead), and the self-assessment.
        if ((generated is not None and (generated[1] == MODEL_OVERVIEW
                                        or site.pages[generated[1]].template == SELF_ASSESSMENT_TEMPLATE))
                or page.file.src_uri == f"{language}/{HOME}"):
            context["group_colours_css"] = site.group_colours_css()
        if self._shows_status(page, language):
            context["status_notice"] = status_notice_html(config.extra, language, site.labels[language])
        # A kit repeats its competency's or profile's page and, short as it is, would rank above it:
        # search leaves kits out; the kits' index is found, and links to each.
        context["searched"] = generated is None or not site.pages[generated[1]].is_kit
        return context

    def _shows_status(self, page: Page, language: str) -> bool:
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            return self.site.pages[generated[1]].shows_status
        return page.file.src_uri in {f"{language}/{name}" for name in _STATUS_PAGES}

    def page_written(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Let go of the page's HTML and table of contents once it is written; French spacing on the output.

        MkDocs keeps them until the end of the build, for every page of every language (static-i18n builds
        the other languages inside the first one's build), so memory grew with the whole site. Nothing
        reads them afterwards: other pages' navigation needs only the title (fixed, with the Markdown let
        go, when the page was parked) and address, and anchors are checked with the ids the page noted
        while it was rendered.
        """
        page.content = None
        page.toc = get_toc([])
        # Search indexes the written pages, French spacing included: no-break spaces separate words there too.
        language = current_language(config)
        output = mark_title_languages(output, self.title_languages.get(language, {}))
        self.written.append((Path(page.file.abs_dest_path), language))
        return french_typography(output, language) if is_french(language) else output

    def finish(self, config: MkDocsConfig) -> None:
        """Once every language is built, write what spans them: search, redirects, the site root and 404 page."""
        if building_another_language(config):
            return  # the outer build does it once, for all of them
        site = self.site
        site_dir = Path(config.site_dir)
        codes = [language.code for language in site.languages]
        index_search(config)
        hyphenate_written_pages(self.written)
        with reported():
            write_redirects(site_dir, site.model, codes, config.site_url, site.sources)
        favicon = str(config.theme["favicon"])  # Material's theme always names one
        if config.site_url:
            write_sitemap(site_dir, config.site_url, [language_choice_entry(codes), *self.published.values()])
        (site_dir / "index.html").write_text(
            language_choice_page(site.model, site.languages, site.labels, site_url=config.site_url,
                                 favicon=favicon), encoding="utf-8")
        # Material writes a 404 page per language build to the same file; the last language would win.
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        (site_dir / "404.html").write_text(
            language_choice_page(site.model, site.languages, site.labels, not_found=True, base=base,
                                 favicon=favicon), encoding="utf-8")
        self.staging.publish(config)


def hyphenate_written_pages(written: list[tuple[Path, str]]) -> None:
    """Soft hyphens in the headings' long words (hooks/site/hyphenation.py), once search has indexed whole words."""
    for path, language in written:
        if path.is_file():
            page = path.read_text(encoding="utf-8")
            hyphenated = hyphenate_headings(page, language)
            if hyphenated != page:
                path.write_text(hyphenated, encoding="utf-8")
    written.clear()


def index_search(config: MkDocsConfig) -> None:
    """Index every language of the finished site for search, each in its own folder (hooks/build/search.py).

    Under ``mkdocs serve`` this runs after every rebuild, into the folder being served, so search works
    there as in the published site.
    """
    try:
        for run in index_site(Path(config.site_dir), [language.code for language in site_languages(config)]):
            log.debug("search: indexed '%s' in %.2f s%s", run.language, run.seconds,
                      f"\n{run.output}" if run.output else "")
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
