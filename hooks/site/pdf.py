"""The dictionary as a PDF document per language (one per group for a model split by group).

The PDF is the dictionary page's own Markdown (``dictionary.md.j2``), converted with the site's Markdown
extensions into a print document (``dictionary.pdf.html.j2`` and its stylesheet) that WeasyPrint lays
out with CSS Paged Media: the table of contents gets its page numbers from ``target-counter``, the
groups and competencies become PDF bookmarks (``bookmark-level``), the margin boxes carry the model's
version and date on every page, and the document's ``lang`` and ``<title>`` become the PDF's language
and title. A browser's own print cannot number a table of contents; a paged-media engine can.

Links between pages of the site become links inside the document when their target is in it (a
competency, the levels), and absolute links to the published site otherwise, so that every link in
the PDF works on paper's electronic twin.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

import jinja2
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..model import Group, Model
from ..source.labels import Labels
from ..source.publishing import LinkedText
from .render import DICTIONARY, LEVELS, SitePage, competency_path, dictionary_path, page_url, render_page, split_by_group
from .typography import french_typography, is_french

#: The template of the print document; its stylesheet is included from ``dictionary.pdf.css``.
TEMPLATE = "dictionary.pdf.html.j2"


def pdf_file_name(language: str, group: Group | None = None) -> str:
    """The dictionary's PDF in one language, or one group's part of it: ``dictionary-nl.pdf``."""
    return f"dictionary-{language}{f'-{group.id}' if group else ''}.pdf"


@dataclass(frozen=True)
class MarkdownSettings:
    """The site's Markdown extensions and their settings (mkdocs.yml), with which the PDF's text is converted."""

    extensions: list[Any]
    configs: Mapping[str, Any]


@dataclass(frozen=True)
class DictionaryPdf:
    """A PDF that was made: its address relative to the dictionary page that links to it, and its size."""

    url: str
    size: int


@dataclass(frozen=True)
class DictionaryDocument:
    """One PDF to make: the dictionary page it prints, in one language."""

    page: SitePage
    language: str
    group: Group | None

    @property
    def file_name(self) -> str:
        return pdf_file_name(self.language, self.group)


def dictionary_documents(model: Model, pages: Mapping[str, SitePage], language: str) -> list[DictionaryDocument]:
    """The PDFs of one language: the whole dictionary, or one per group above ``WHOLE_MODEL_LIMIT``."""
    if split_by_group(model):
        return [DictionaryDocument(pages[dictionary_path(group)], language, group) for group in model.groups]
    return [DictionaryDocument(pages[DICTIONARY], language, None)]


class _DocumentLinks(Treeprocessor):
    """Points each link between pages at its target inside the document, or at the published site."""

    def __init__(self, md: markdown.Markdown, resolve: Callable[[str], str | None]) -> None:
        super().__init__(md)
        self.resolve = resolve

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            target = self.resolve(link.get("href", ""))
            if target is None:
                del link.attrib["href"]
            else:
                link.set("href", target)


class _DocumentLinksExtension(Extension):
    def __init__(self, resolve: Callable[[str], str | None]) -> None:
        super().__init__()
        self.resolve = resolve

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the inline patterns (priority 20) have made the links, before the document is serialized.
        md.treeprocessors.register(_DocumentLinks(md, self.resolve), "cm_document_links", 5)


def link_resolver(document: DictionaryDocument, model: Model, site_url: str | None) -> Callable[[str], str | None]:
    """How a link of the dictionary page reads in its PDF (see the module); None when it can lead nowhere."""
    inside = {LEVELS: "levels"}
    for group in [document.group] if document.group else model.groups:
        inside |= {competency_path(competency): competency.id for competency in model.competencies_in(group)}
    language_root = urljoin(site_url, f"{document.language}/") if site_url else None

    def resolve(href: str) -> str | None:
        address = urlsplit(href)
        if address.scheme or address.netloc or not address.path:
            return href  # absolute, or a fragment of this page
        path = posixpath.normpath(posixpath.join(posixpath.dirname(document.page.path), address.path))
        if path == document.page.path:
            return f"#{address.fragment}" if address.fragment else "#"
        if path in inside:
            return f"#{inside[path]}"
        if language_root is None:
            return None
        return urljoin(language_root, page_url(path)) + (f"#{address.fragment}" if address.fragment else "")

    return resolve


def _markdown_configs(extension_configs: Mapping[str, Any]) -> dict[str, Any]:
    """The site's extension settings, without the headings' permalink signs, which paper cannot follow."""
    configs = {name: dict(config) for name, config in extension_configs.items()}
    configs["toc"] = {**configs.get("toc", {}), "permalink": False}
    return configs


def document_html(document: DictionaryDocument, model: Model, labels: Labels, environment: jinja2.Environment,
                  *, markdown_settings: MarkdownSettings, site_url: str | None,
                  training_offer: LinkedText | None, status_notice: str | None = None) -> str:
    """The print document of one PDF: the dictionary page's content in the PDF's template. ``status_notice`` is
    the site's status as HTML (hooks/templates/status-notice.html.j2), which the title page shows."""
    source = render_page(document.page, model, document.language, labels, environment,
                         {"edit_url": None, "training_offer": training_offer, "document": True,
                          "status_notice": status_notice})
    converter = markdown.Markdown(
        extensions=[*markdown_settings.extensions, _DocumentLinksExtension(link_resolver(document, model, site_url))],
        extension_configs=_markdown_configs(markdown_settings.configs))
    body = converter.convert(source)
    title = labels.format("dictionary_group_title", group=document.group.name.in_language(
        document.language, model.source_language)) if document.group else labels["dictionary_title"]
    html = environment.get_template(TEMPLATE).render(
        language=document.language, title=title, body=body,
        author=model.maintainer.in_language(document.language, model.source_language),
        description=model.title.in_language(document.language, model.source_language),
        date=model.date, version=model.version)
    return french_typography(html, document.language) if is_french(document.language) else html


def write_pdf(html: str, base_url: str | None) -> bytes:
    """The PDF of a print document, laid out by WeasyPrint (imported here: only a build that makes PDFs needs it)."""
    import weasyprint

    # WeasyPrint reports CSS it does not support as warnings; the stylesheet is ours and tested, and a
    # strict MkDocs build would otherwise fail on a warning that says nothing to the site's editors.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    # Tagged: a screen reader finds the headings, lists and links in the PDF's structure, not only its text.
    pdf: bytes = weasyprint.HTML(string=html, base_url=base_url).write_pdf(pdf_tags=True)
    return pdf


def dictionary_pdfs(model: Model, pages: Mapping[str, SitePage], languages: list[str], labels: Mapping[str, Labels],
                    environment: jinja2.Environment, *, markdown_settings: MarkdownSettings, site_url: str | None,
                    training_offers: Mapping[str, LinkedText | None],
                    status_notices: Mapping[str, str | None]) -> Iterator[tuple[DictionaryDocument, bytes]]:
    """Every PDF of the site, language by language, made one at a time (a large model's parts are many)."""
    for language in languages:
        for document in dictionary_documents(model, pages, language):
            html = document_html(document, model, labels[language], environment, markdown_settings=markdown_settings,
                                 site_url=site_url, training_offer=training_offers.get(language),
                                 status_notice=status_notices.get(language))
            yield document, write_pdf(html, site_url)
