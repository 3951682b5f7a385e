"""The dictionary's PDF (hooks/site/pdf.py), read back with pypdf from the built site.

Each language gets one PDF in its downloads folder: a table of contents whose page numbers are the
pages the groups and competencies start on, a bookmark per group with its competencies under it, the
document's language and title in the PDF's metadata, the model's version and date on every page, and
links that lead somewhere: inside the document, or to the published site.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from hooks.model import Model
from hooks.site.pdf import link_resolver, pdf_file_name
from hooks.site.render import DICTIONARY, SitePage, file_size, long_date, page_url
from hooks.site.state import SiteState
from hooks.source.labels import Labels, load_labels
from hooks.source.load import load_model
from soup import attr, one

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr")
SITE_URL = "https://competencies.example.org/"
#: A line of the table of contents: a title, the leader dots, the page number.
TOC_LINE = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>\d+)$")


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(PROJECT / "model", PROJECT)


def site_labels() -> dict[str, Labels]:
    return load_labels(PROJECT / "docs", list(LANGUAGES), "nl", PROJECT)


def squeezed(text: str) -> str:
    """Text without whitespace: PDF text extraction breaks lines and spaces where the layout did."""
    return re.sub(r"\s+", "", text)


def outline(reader: Any, items: list[Any] | None = None) -> list[tuple[str, int, list[Any]]]:
    """The bookmarks as (title, page number from 1, children)."""
    result: list[tuple[str, int, list[Any]]] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            title, page, _ = result[-1]
            result[-1] = (title, page, outline(reader, item))
        else:
            result.append((item.title, reader.get_destination_page_number(item) + 1, []))
    return result


def read_pdf(site: Path, language: str) -> Any:
    from pypdf import PdfReader

    return PdfReader(site / language / "downloads" / pdf_file_name(language))


def contents(reader: Any) -> list[tuple[str, int]]:
    """The table of contents as printed: (title, page number), from the pages that follow the title page."""
    entries = []
    for page in reader.pages[1:]:
        lines = [TOC_LINE.match(line.strip()) for line in page.extract_text().splitlines()]
        found = [(match["title"], int(match["page"])) for match in lines if match]
        if not found:
            break
        entries += found
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_table_of_contents_gives_the_page_each_group_and_competency_starts_on(
        real_site: Path, model: Model, language: str) -> None:
    reader = read_pdf(real_site, language)
    printed = contents(reader)
    expected = [name.values[language] for group in model.groups
                for name in (group.name, *(competency.name for competency in model.competencies_in(group)))]
    labels = site_labels()[language]
    assert [squeezed(title) for title, _ in printed] == [squeezed(title) for title in [*expected, labels["levels_title"]]]
    bookmarks = {title: page for title, page, children in outline(reader)
                 for title, page in [(title, page), *((child, at) for child, at, _ in children)]}
    for title, page in printed:
        assert bookmarks[title.replace("\u2019", "'")] == page, title
        # The heading is on that page, at its top (a competency after its group's heading).
        top = squeezed(reader.pages[page - 1].extract_text())[:400]
        assert squeezed(title) in top, (title, page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_bookmarks_are_the_groups_with_their_competencies_then_the_levels(
        real_site: Path, model: Model, language: str) -> None:
    reader = read_pdf(real_site, language)
    labels = site_labels()[language]
    tree = [(title, [child for child, _, _ in children]) for title, _, children in outline(reader)]
    assert tree == [
        *((group.name.values[language], [c.name.values[language] for c in model.competencies_in(group)])
          for group in model.groups),
        (labels["levels_title"], []),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_names_its_language_title_and_model(real_site: Path, model: Model, language: str) -> None:
    reader = read_pdf(real_site, language)
    labels = site_labels()[language]
    assert reader.trailer["/Root"]["/Lang"] == language
    # Tagged, so that a screen reader finds its structure.
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata.title == labels["dictionary_title"]
    assert reader.metadata.subject == model.title.values[language]
    assert reader.metadata.author == model.maintainer.values[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_carries_the_model_version_and_date_and_its_number(
        real_site: Path, model: Model, language: str) -> None:
    reader = read_pdf(real_site, language)
    labels = site_labels()[language]
    version = squeezed(labels.format("footer_version", version=model.version, date=long_date(model.date, language)))
    total = len(reader.pages)
    # Twelve competencies of at least four pages each, a title page, the contents and the levels.
    assert total > 4 * len(model.competencies) + 2
    for number, page in enumerate(reader.pages, start=1):
        text = squeezed(page.extract_text())
        assert version in text, number
        if number > 1:
            assert f"{number}/{total}" in text, number


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_title_page_reads_as_a_title_page(real_site: Path, model: Model, language: str) -> None:
    reader = read_pdf(real_site, language)
    text = reader.pages[0].extract_text()
    labels = site_labels()[language]
    assert squeezed(labels["dictionary_title"]) in squeezed(text)
    assert squeezed(model.title.values[language]) in squeezed(text)
    # The paper reader is not told to print what is in their hands.
    assert not re.search(r"afdruk|druk het af|imprim|navigat|browser", text, re.IGNORECASE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_title_page_says_whose_wording_this_is_and_links_to_the_official_source(
        real_site: Path, language: str) -> None:
    from hooks.source.publishing import read_site_settings, status_notice

    notice = status_notice(read_site_settings(PROJECT / "mkdocs.yml").data["extra"], language)
    assert notice is not None
    title_page = read_pdf(real_site, language).pages[0]
    # WeasyPrint hyphenates with U+2010 at the end of a line.
    text = title_page.extract_text().replace("\u2010\n", "")
    assert squeezed(f"{notice.before}{notice.name}{notice.after}") in squeezed(text)
    links = [str(annotation.get_object()["/A"]["/URI"]) for annotation in title_page.get("/Annots") or []
             if "/URI" in annotation.get_object().get("/A", {})]
    assert notice.url in links


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_leads_inside_the_document_or_to_the_published_site(real_site: Path, language: str) -> None:
    reader = read_pdf(real_site, language)
    internal = external = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and "/URI" in action:
                uri = str(action["/URI"])
                assert uri.startswith(("https://", "mailto:")), uri
                assert not uri.endswith(".md") and ".md#" not in uri, uri
                external += 1
            else:
                assert annotation.get("/Dest") is not None or (action is not None and "/D" in action), annotation
                internal += 1
    assert internal > 12 and external > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_downloads_page_lists_the_pdf_with_its_size_and_the_dictionary_links_to_it(
        real_site: Path, language: str) -> None:
    name = pdf_file_name(language)
    size = (real_site / language / "downloads" / name).stat().st_size
    downloads = BeautifulSoup((real_site / language / "downloads" / "index.html").read_text(encoding="utf-8"),
                              "html.parser")
    item = one(downloads, f'article li a[href="{name}"]').parent
    assert item is not None
    assert f"(PDF, {file_size(size, language)})" in item.get_text()
    dictionary = BeautifulSoup((real_site / language / "dictionary" / "index.html").read_text(encoding="utf-8"),
                               "html.parser")
    assert attr(one(dictionary, ".cm-dictionary__pdf a"), "href") == f"../downloads/{name}"


def test_links_between_pages_become_links_inside_the_document_or_to_the_site(model: Model) -> None:
    from hooks.site.pdf import DictionaryDocument

    document = DictionaryDocument(SitePage(DICTIONARY, "dictionary.md.j2", None), "fr", None)
    resolve = link_resolver(document, model, SITE_URL)
    competency = model.competencies[0]
    assert resolve(f"{competency.group.id}/{competency.id}.md") == f"#{competency.id}"
    assert resolve("levels.md") == "#levels"
    assert resolve("#group-x") == "#group-x"
    assert resolve("glossary.md#evaluatiecyclus") == f"{SITE_URL}fr/glossary/#evaluatiecyclus"
    assert resolve(f"{competency.group.id}/index.md") == f"{SITE_URL}fr/{competency.group.id}/"
    assert resolve("https://bosa.belgium.be/fr") == "https://bosa.belgium.be/fr"
    assert link_resolver(document, model, None)("glossary.md") is None


def test_page_addresses_follow_mkdocs_directory_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("model/index.md") == "model/"
    assert page_url("levels.md") == "levels/"
    assert page_url("dictionary/groep.md") == "dictionary/groep/"


def test_a_preview_without_pdfs_says_so_on_the_downloads_page() -> None:
    from hooks.site.state import load_site
    from hooks.source.siteconfig import SiteLanguage

    state: SiteState = load_site(PROJECT, PROJECT / "docs", [SiteLanguage("nl", "Nederlands", True),
                                                             SiteLanguage("fr", "Français", False)])
    for language in LANGUAGES:
        page = state.render(language, "downloads.md")
        assert "mkdocs serve" in page and ".pdf" not in page
