"""Everything the MkDocs hook needs, as plain functions: the site's state and its post-processing.

The hook file (``mkdocs_hooks.py``) only translates MkDocs events into calls to this module.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

import jinja2

from .labels import LABELS_FILE, Labels, LabelMissing, load_labels
from .export import Download, DownloadWriter, describe_downloads, download_files, download_size, publish_download
from .load import ModelSources, build_model, read_sources, validate_sources
from .model import Model
from .problems import Location, ModelError, Problem, display_path
from .render import DOWNLOADS, SitePage, render_page, site_pages, template_environment
from .siteconfig import SiteLanguage


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

    def render(self, language: str, path: str, edit_url: str | None = None) -> str:
        """The Markdown of a generated page; a missing label becomes a ModelError naming file and key."""
        extra: dict[str, Any] = {"edit_url": edit_url}
        if path == DOWNLOADS:
            extra["downloads"] = self.downloads(language)
        try:
            return render_page(self.pages[path], self.model, language, self.labels[language],
                               self.environment, extra)
        except LabelMissing as missing:
            source, _, message = str(missing.args[0]).partition(": ")
            raise ModelError([Problem(Location(source), "", message)]) from None

    def downloads(self, language: str) -> list[Download]:
        """The downloads listed on ``language``'s downloads page, with their sizes."""
        if not self._download_sizes:
            self._download_sizes = {name: download_size(write) for name, write in self._download_files()}
        return describe_downloads(language, self.languages, self.labels, self._download_sizes)

    def publish_downloads(self, site_dir: Path) -> None:
        """Write each download once into every language's downloads folder, and keep its size."""
        folders = [site_dir / language.code / DOWNLOADS.removesuffix(".md") for language in self.languages]
        for name, write in self._download_files():
            self._download_sizes[name] = publish_download(folders, name, write)

    def _download_files(self) -> Iterator[tuple[str, DownloadWriter]]:
        return download_files(self.sources, self.model, self.languages, self.labels)


def source_stamp(root: Path, docs_dir: Path) -> tuple[tuple[str, int], ...]:
    """Names and modification times of every file the state is built from: the cache key."""
    files = [*root.glob("model/**/*.yaml"), *root.glob("model/**/*.yml"), *root.glob("model/schema/*.json"),
             *docs_dir.glob(f"*/{LABELS_FILE}")]
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in files))


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
        problems.extend(validate_sources(sources, codes))
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


def fill_placeholders(markdown: str, extra: Mapping[str, Any], language: str, where: str) -> str:
    """Fill ``{{ contact.email }}``-style placeholders of handwritten pages from mkdocs.yml's ``extra``.

    A value given per language (``{nl: ..., fr: ...}``) is taken in the page's language. An unknown
    placeholder is an error naming the page, so a publisher never ships braces to readers.
    """
    problems = []

    def value_of(match: re.Match[str]) -> str:
        value: Any = extra
        for part in match.group(1).split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if isinstance(value, Mapping):
            value = value.get(language)
        if value is None or isinstance(value, (Mapping, list)):
            line = markdown.count("\n", 0, match.start()) + 1
            problems.append(Problem(Location(where, line, match.start() - markdown.rfind("\n", 0, match.start())),
                                    match.group(1), "no such value under 'extra' in mkdocs.yml"))
            return match.group(0)
        return str(value)

    filled = _PLACEHOLDER.sub(value_of, markdown)
    if problems:
        raise ModelError(problems)
    return filled


def language_choice_page(model: Model, languages: list[SiteLanguage], labels: Mapping[str, Labels],
                         *, not_found: bool = False, base: str = "") -> str:
    """The site root: a page to choose a language, since no language comes first.

    With ``not_found``, the same choice as the "page not found" page, in every language: a server
    shows it at any address, so its links start from the site's path ``base``.
    """
    template = template_environment().get_template("language-choice.html.j2")
    return template.render(model=model, languages=languages, labels=labels, not_found=not_found, base=base)


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
