"""Everything the MkDocs hook needs, as plain functions: the site's state and its post-processing.

The hook file (``mkdocs_hooks.py``) only translates MkDocs events into calls to this module.
"""

from __future__ import annotations

import functools
import posixpath
import re
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..model import Model
from ..problems import Location, ModelError, Problem, display_path
from ..source.labels import LABELS_FILE, LabelMissing, Labels, load_labels
from ..source.load import ModelSources, build_model, read_sources, validate_sources
from ..source.publishing import OPTIONAL_EXTRA, LinkedText, in_language, is_configured, status_notice, training_offer
from ..source.siteconfig import SiteLanguage
from .addresses import absolute_url, hreflang_links, language_choice_entry
from .export import Download, DownloadWriter, describe_downloads, download_files, download_size, publish_download
from .glossary import TermLink, link_terms, term_links
from .pagevalues import MODEL_KEY, MODEL_VALUES, page_values
from .palette import group_colours_css
from .pdf import DictionaryDocument, DictionaryPdf, MarkdownSettings, dictionary_documents, dictionary_pdfs
from .render import (
    DOWNLOADS,
    HOME,
    TOP_LEVEL_PAGES,
    SitePage,
    below_title,
    page_url,
    render_page,
    site_pages,
    template_environment,
)
from .selfassessment import NOTE_LENGTH, SELF_ASSESSMENT_TEMPLATE, json_in_html, self_assessment_data
from .typography import french_typography


@dataclass
class SiteState:
    """The loaded model, labels and page catalogue for one set of source files."""

    sources: ModelSources
    model: Model
    labels: dict[str, Labels]
    languages: list[SiteLanguage]
    pages: dict[str, SitePage]
    environment: jinja2.Environment
    stamp: tuple[tuple[str, int], ...] = field(default=())
    #: The size in bytes of each download, once made: the downloads pages show them.
    _download_sizes: dict[str, int] = field(default_factory=dict, repr=False)
    _term_links: dict[str, list[TermLink]] = field(default_factory=dict, repr=False)
    _group_colours_css: str | None = field(default=None, repr=False)
    #: The size in bytes of each of the dictionary's PDFs, once made (a preview does not make them).
    _pdf_sizes: dict[str, int] = field(default_factory=dict, repr=False)

    def link_glossary_terms(self, path: str, content: str, glossary_url: str | None, language: str) -> str:
        """A generated page's HTML with its glossary terms linked where they first appear (hooks.site.glossary)."""
        if glossary_url is None or not self.model.glossary or not self.pages[path].links_glossary:
            return content
        if language not in self._term_links:
            self._term_links[language] = term_links(self.model.glossary, language)
        return link_terms(content, self._term_links[language], glossary_url, language)

    def render(self, language: str, path: str, edit_url: str | None = None,
               training_offer: LinkedText | None = None) -> str:
        """The Markdown of a generated page; a missing label becomes a ModelError naming file and key."""
        extra: dict[str, Any] = {"edit_url": edit_url, "training_offer": training_offer}
        if path == DOWNLOADS:
            extra["downloads"] = self.downloads(language)
            extra["pdfs_missing"] = not self._pdf_sizes
        extra["pdf"] = self._pdf_of(language, path)
        try:
            if self.pages[path].template == SELF_ASSESSMENT_TEMPLATE:
                extra["self_assessment_json"] = json_in_html(
                    self_assessment_data(self.model, language, self.labels[language], self.pages[path].group))
                extra["note_length"] = NOTE_LENGTH
            return render_page(self.pages[path], self.model, language, self.labels[language],
                               self.environment, extra)
        except LabelMissing as missing:
            source, _, message = str(missing.args[0]).partition(": ")
            raise ModelError([Problem(Location(source), "", message)]) from None

    def group_colours_css(self) -> str:
        """The colours of the model picture's tiles (``hooks.site.palette``), made once per model."""
        if self._group_colours_css is None:
            self._group_colours_css = group_colours_css(self.model, self.environment)
        return self._group_colours_css
    def with_home_lead(self, markdown: str, language: str) -> str:
        """The home page's Markdown with its lead below the title: the model drawn, and the levels (home-lead.md.j2)."""
        lead = render_page(SitePage(HOME, "home-lead.md.j2", None), self.model, language, self.labels[language],
                           self.environment)
        return below_title(markdown, lead)

    def downloads(self, language: str) -> list[Download]:
        """The downloads listed on ``language``'s downloads page, with their sizes."""
        if not self._download_sizes:
            self._download_sizes = {name: download_size(write) for name, write in self._download_files()}
        return describe_downloads(language, self.languages, self.labels, self._download_sizes) + [
            Download(document.file_name, self._pdf_sizes[document.file_name], "PDF", *self._pdf_description(document))
            for document in self._documents(language) if document.file_name in self._pdf_sizes]

    def _pdf_description(self, document: DictionaryDocument) -> tuple[str, str]:
        """A PDF's title and description on the downloads page, in its language."""
        labels = self.labels[document.language]
        if document.group is None:
            return labels.dictionary_title, labels.download_pdf_help
        name = document.group.name.in_language(document.language, self.model.source_language)
        return labels.format("dictionary_group_title", group=name), labels.download_pdf_part_help

    def _pdf_of(self, language: str, path: str) -> DictionaryPdf | None:
        """The PDF made of the dictionary page at ``path``, if it is one and its PDF was made."""
        for document in self._documents(language):
            if document.page.path == path and document.file_name in self._pdf_sizes:
                address = posixpath.relpath(f"{page_url(DOWNLOADS)}{document.file_name}", page_url(path))
                return DictionaryPdf(address, self._pdf_sizes[document.file_name])
        return None

    def _documents(self, language: str) -> list[DictionaryDocument]:
        return dictionary_documents(self.model, self.pages, language)

    def publish_dictionary_pdfs(self, site_dir: Path, markdown: MarkdownSettings, site_url: str | None,
                                extra: Mapping[str, Any]) -> None:
        """Make the dictionary's PDFs into each language's downloads folder, and keep their sizes. ``extra`` is
        mkdocs.yml's: the training offer a PDF names, and the site's status its title page shows."""
        self._pdf_sizes.clear()
        codes = [language.code for language in self.languages]
        for document, content in dictionary_pdfs(
                self.model, self.pages, codes, self.labels, self.environment, markdown_settings=markdown,
                site_url=site_url, training_offers={code: training_offer(extra, code) for code in codes},
                status_notices={code: status_notice_html(extra, code, self.labels[code]) for code in codes}):
            folder = site_dir / document.language / DOWNLOADS.removesuffix(".md")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / document.file_name).write_bytes(content)
            self._pdf_sizes[document.file_name] = len(content)

    def publish_downloads(self, site_dir: Path) -> None:
        """Write each download once into every language's downloads folder, and keep its size."""
        folders = [site_dir / language.code / DOWNLOADS.removesuffix(".md") for language in self.languages]
        for name, write in self._download_files():
            self._download_sizes[name] = publish_download(folders, name, write)

    def _download_files(self) -> Iterator[tuple[str, DownloadWriter]]:
        return download_files(self.sources, self.model, self.languages, self.labels)


#: Addresses inside or beside the language folders that the site, its theme and its search use,
#: besides its pages. A group's page (``<lang>/<group id>/``) must never take one of them.
SITE_ADDRESSES = {
    "assets": "the theme's stylesheets, scripts and images (assets/)",
    "stylesheets": "the site's stylesheets",
    "javascripts": "the site's scripts",
    "search": "the search index (search/)",
    "pagefind": "the search index (pagefind/)",
    "404": "the page shown for an address that does not exist (404.html)",
    "sitemap": "the list of pages for search engines (sitemap.xml)",
}


def reserved_addresses(docs_dir: Path, languages: list[SiteLanguage]) -> dict[str, str]:
    """Each name a group id may not take, and what is published under it: generated pages, handwritten
    pages and folders of docs/, and the site's own addresses."""
    reserved = dict(SITE_ADDRESSES)
    for path in TOP_LEVEL_PAGES:
        name = path.split("/")[0].removesuffix(".md")
        reserved[name] = f"the generated page {name}/"
    handwritten: dict[str, list[str]] = {}
    codes = [language.code for language in languages]
    for folder in [docs_dir, *(docs_dir / code for code in codes)]:
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            shown = entry.relative_to(docs_dir.parent).as_posix()
            if entry.name.startswith(".") or entry.name in codes:
                continue
            if entry.is_dir():
                reserved[entry.name] = f"the folder {shown}/"
            elif entry.suffix == ".md":
                handwritten.setdefault(entry.stem, []).append(shown)
    for name, paths in handwritten.items():
        reserved[name] = f"the handwritten page{'s' if len(paths) > 1 else ''} {' and '.join(paths)}"
    return reserved


def source_stamp(root: Path, docs_dir: Path) -> tuple[tuple[str, int], ...]:
    """Names and modification times of every file the state is built from: the cache key."""
    files = [*root.glob("model/**/*.yaml"), *root.glob("model/**/*.yml"), *root.glob("model/schema/*.json"),
             *docs_dir.glob(f"*/{LABELS_FILE}")]
    # lstat: a symbolic link (refused when loading) is a change of its own, and may point nowhere.
    return tuple(sorted((str(path), path.lstat().st_mtime_ns) for path in files))


def load_site(root: Path, docs_dir: Path, languages: list[SiteLanguage],
              previous: SiteState | None = None) -> SiteState:
    """Load (or reuse, when no source file changed) the model, labels and page catalogue."""
    stamp = source_stamp(root, docs_dir)
    if previous is not None and previous.stamp == stamp and previous.languages == languages:
        return previous
    codes = [language.code for language in languages]
    problems: list[Problem] = []
    sources: ModelSources | None = None
    try:
        sources, read_problems = read_sources(root / "model", root)
        problems.extend(read_problems)
        problems.extend(validate_sources(sources, codes, reserved_addresses(docs_dir, languages)))
    except ModelError as error:
        problems.extend(error.problems)
    source_language = next((language.code for language in languages if language.default), "")
    facts = sources.single.get("model.yaml") if sources is not None else None
    if facts is not None and isinstance(facts.data, dict):
        source_language = str(facts.data.get("source_language", source_language))
    try:
        labels = load_labels(docs_dir, codes, source_language, root)
    except ModelError as error:
        problems.extend(error.problems)
    if problems or sources is None:
        raise ModelError(problems)
    model = build_model(sources)
    pages = {page.path: page for page in site_pages(model)}
    return SiteState(sources, model, labels, languages, pages, template_environment(), stamp)


_PLACEHOLDER = re.compile(r"\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}")
_CONDITION = re.compile(r"^(\s*)\{%-?\s*(if|else|endif)\b\s*(.*?)\s*-?%\}\s*$")
_KEY = re.compile(r"^[a-zA-Z_][\w]*(?:\.[a-zA-Z_][\w]*)*$")


def _extra_value(extra: Mapping[str, Any], key: str, language: str, fallback: str | None = None) -> tuple[Any, str]:
    """The value of ``contact.email``-style key under ``extra``, and the language it is in.

    A value given per language is taken in the page's language, or else in ``fallback`` (the source
    language), as model texts are.
    """
    value: Any = extra
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    own = in_language(value, language)
    if own is None and fallback is not None and in_language(value, fallback) is not None:
        return in_language(value, fallback), fallback
    return own, language


def fill_placeholders(markdown: str, extra: Mapping[str, Any], language: str, where: str,
                      fallback: str | None = None) -> str:
    """Fill ``{{ contact.email }}``-style placeholders of handwritten pages from mkdocs.yml's ``extra``.

    A value given per language (``{nl: ..., fr: ...}``) is taken in the page's language; where that
    language has none, in ``fallback`` (the source language), marked with its ``lang`` as model texts
    are, so that a new language's pages build before every value is translated. An unknown
    placeholder is an error naming the page, so a publisher never ships braces to readers.

    Lines that hold only ``{% if KEY %}``, ``{% else %}`` or ``{% endif %}`` keep or drop the lines
    between them: the ``if`` branch when the value is configured (not missing, not empty, and in the
    page's language for a value given per language), else the ``else`` branch. Conditions nest. A key
    may be missing from mkdocs.yml only if it is one of the values a publisher may leave out
    (``OPTIONAL_EXTRA``); any other missing key, and an ``if`` without ``endif`` (or the reverse),
    is an error with the page, line and column.
    """
    problems: list[Problem] = []
    kept: list[str] = []
    # One entry per open {% if %}: whether its current branch is shown, whether {% else %} was seen, where it is.
    open_blocks: list[tuple[bool, bool, Location]] = []

    def shown() -> bool:
        return all(block[0] for block in open_blocks)

    for number, line in enumerate(markdown.split("\n"), start=1):
        condition = _CONDITION.match(line)
        if condition is None:
            if shown():
                kept.append(_fill_line(line, number, extra, (language, fallback), where, problems))
            continue
        indent, keyword, key = condition.groups()
        here = Location(where, number, len(indent) + 1)
        if keyword == "if":
            configured = False
            if not _KEY.match(key):
                problems.append(Problem(here, key, "expected {% if KEY %} with one key of 'extra' in mkdocs.yml, "
                                        "such as {% if contact.email %}"))
            else:
                value, _ = _extra_value(extra, key, language, fallback)
                configured = is_configured(value)
                if value is None and key not in OPTIONAL_EXTRA and not _is_set(extra, key):
                    problems.append(Problem(here, key, "no such value under 'extra' in mkdocs.yml (values a "
                                            f"publisher may leave out: {', '.join(OPTIONAL_EXTRA)})"))
            open_blocks.append((configured, False, here))
        elif not open_blocks:
            problems.append(Problem(here, "", f"{{% {keyword} %}} without an {{% if ... %}} before it"))
        elif keyword == "else":
            active, had_else, opened = open_blocks[-1]
            if had_else:
                problems.append(Problem(here, "", f"a second {{% else %}} for the {{% if %}} of line {opened.line}"))
            open_blocks[-1] = (not active if not had_else else active, True, opened)
        else:
            if key:
                problems.append(Problem(here, "", f"{{% endif %}} takes nothing after it, found {key!r}"))
            open_blocks.pop()
    for _, _, opened in open_blocks:
        problems.append(Problem(opened, "", "this {% if %} has no {% endif %}: close it on a line of its own"))
    if problems:
        raise ModelError(problems)
    return "\n".join(kept)


def _is_set(extra: Mapping[str, Any], key: str) -> bool:
    """Whether ``key`` is written under ``extra`` at all (perhaps only in other languages)."""
    value: Any = extra
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return False
        value = value[part]
    return True


def _fill_line(line: str, number: int, extra: Mapping[str, Any], languages: tuple[str, str | None], where: str,
               problems: list[Problem]) -> str:
    def value_of(match: re.Match[str]) -> str:
        value, used = _extra_value(extra, match.group(1), *languages)
        if match.group(1).startswith(f"{MODEL_KEY}.") and value is None:
            known = ", ".join(f"{{{{ {MODEL_KEY}.{name} }}}}" for name in MODEL_VALUES)
            problems.append(Problem(Location(where, number, match.start() + 1), match.group(1),
                                    f"the model gives no such value to pages; it gives {known}"))
            return match.group(0)
        if value is None or isinstance(value, (Mapping, list)):
            problems.append(Problem(Location(where, number, match.start() + 1), match.group(1),
                                    "no such value under 'extra' in mkdocs.yml"
                                    + (" for this page's language" if _is_set(extra, match.group(1)) else "")
                                    + "; wrap the line in {% if " + match.group(1) + " %} … {% endif %} if a "
                                    "publisher may leave it out"))
            return match.group(0)
        if used != languages[0]:
            return str(Markup('<span lang="{}">{}</span>').format(used, value))
        return str(value)

    return _PLACEHOLDER.sub(value_of, line)


def handwritten_page_problems(docs_dir: Path, languages: list[SiteLanguage], extra: Mapping[str, Any],
                              root: Path, model: Model | None = None) -> list[Problem]:
    """Every problem that filling the handwritten pages' placeholders will meet, in every language, before the build.

    Each page is checked in each language it is published in: its own, or the default language's page
    where a translation is missing (mkdocs-static-i18n's fallback), filled with that language's values.
    The whole file is filled, so that line numbers count its front matter as an editor does. Without
    the ``model`` (it could not be loaded, and says why), the ``{{ model.… }}`` placeholders are left
    unchecked.
    """
    default = next((language.code for language in languages if language.default), languages[0].code if languages else "")
    names = sorted({path.relative_to(docs_dir / language.code).as_posix() for language in languages
                    for path in (docs_dir / language.code).rglob("*.md")})
    problems: dict[str, Problem] = {}
    for language in languages:
        for name in names:
            source = docs_dir / language.code / name
            if not source.is_file():
                source = docs_dir / default / name
                if not source.is_file():
                    continue
            try:
                values = page_values(extra, model, languages, language.code, name)
                fill_placeholders(source.read_text(encoding="utf-8"), values, language.code,
                                  display_path(source, root), default)
            except UnicodeDecodeError:
                problem = Problem(Location(display_path(source, root)), "",
                                  "the file is not saved as UTF-8: save it again with the encoding UTF-8")
                problems.setdefault(str(problem), problem)
            except ModelError as error:
                for problem in error.problems:
                    if model is not None or not problem.field.startswith(f"{MODEL_KEY}."):
                        problems.setdefault(str(problem), problem)
    return list(problems.values())


def fill_page_placeholders(markdown: str, source: str, extra: Mapping[str, Any], language: str, where: str,
                           fallback: str | None = None) -> str:
    """``fill_placeholders`` on a page's Markdown, with line numbers counted from the top of its file ``source``.

    MkDocs hands pages over without their front matter; the lines above are put back as empty lines
    while the placeholders are filled, then taken away again.
    """
    above = source.count("\n", 0, len(source) - len(markdown)) if source.endswith(markdown) else 0
    return fill_placeholders("\n" * above + markdown, extra, language, where, fallback)[above:]


def staging_dir(site_dir: Path) -> Path:
    """Where a build is written before it replaces the site: beside it, so that moving it is a rename."""
    return site_dir.parent / f".{site_dir.name}.building"


def discard_staged_site(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def publish_staged_site(staging: Path, site_dir: Path) -> None:
    """Put a finished build in place of the last good site.

    Two renames on one file system: the site folder holds either the whole last site or the whole new
    one, never a mix, and is missing only for the instant between them.
    """
    previous = site_dir.parent / f".{site_dir.name}.previous"
    discard_staged_site(previous)
    moved = site_dir.exists()
    if moved:
        site_dir.rename(previous)
    try:
        staging.rename(site_dir)
    except OSError:
        if moved:
            previous.rename(site_dir)  # the last site goes back where it was
        raise
    discard_staged_site(previous)


def language_choice_page(model: Model, languages: list[SiteLanguage], labels: Mapping[str, Labels],
                         *, not_found: bool = False, base: str = "", site_url: str | None = None,
                         favicon: str = "assets/images/favicon.png") -> str:
    """The site root: a page to choose a language, since no language comes first.

    With ``not_found``, the same choice as the "page not found" page, in every language: a server
    shows it at any address, so its links start from the site's path ``base``. With the site's
    address, the root names its own canonical address and each language's home page as alternates.
    ``favicon`` is the theme's icon, a path from the site root: without one, browsers ask for a
    /favicon.ico that does not exist.
    """
    canonical, hreflang = None, []
    if site_url and not not_found:
        canonical = absolute_url(site_url, "")
        hreflang = hreflang_links(site_url, language_choice_entry(language.code for language in languages).alternates)
    template = template_environment().get_template("language-choice.html.j2")
    # Each language's text carries its own lang: French typography applies to the French parts only.
    return french_typography(template.render(model=model, languages=languages, labels=labels, not_found=not_found,
                                             base=base, canonical=canonical, hreflang=hreflang, favicon=favicon))


def status_notice_html(extra: Mapping[str, Any], language: str, labels: Labels) -> str | None:
    """The status notice of mkdocs.yml's ``extra.status`` as HTML in ``language``, or None if it has none."""
    notice = status_notice(extra, language)
    if notice is None:
        return None
    return template_environment().get_template("status-notice.html.j2").render(notice=notice, labels=labels)


@functools.lru_cache(maxsize=16)  # asked for by every generated page; resolving paths is not free
def edit_base_url(repo_url: str | None, edit_uri: str | None, docs_dir: Path, config_dir: Path) -> str | None:
    """The repository's edit URL for files at its root, derived from ``repo_url`` and ``edit_uri``.

    ``edit_uri`` points at the docs folder (for the handwritten pages); the model lives beside it,
    so its edit links drop the docs folder from the end.
    """
    if not repo_url or not edit_uri:
        return None
    base = repo_url.rstrip("/") + "/" + edit_uri.strip("/") + "/"
    docs_folder = display_path(docs_dir, config_dir).strip("/") + "/"
    if base.endswith("/" + docs_folder):
        return base[: -len(docs_folder)]
    raise ModelError([Problem(Location("mkdocs.yml"), "edit_uri",
                              f"expected it to end with the docs folder '{docs_folder}' "
                              "(for example edit/main/docs/), so that model files get edit links too")])
