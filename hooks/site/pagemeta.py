"""What a page says about itself to search engines and link previews: title, description, Open Graph.

Descriptions are plain text (no Markdown, no HTML), in the page's language and short enough for a
search result: a competency's definition, a group's description, a handwritten page's front matter
``description`` or else its introduction (or its sections' headings, for a page that has none).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

from ..model import Model
from ..source.labels import Labels
from .addresses import absolute_url, hreflang_links
from .render import SitePage, number

#: Search engines show about this many characters of a description; a longer one is cut at a word.
DESCRIPTION_LIMIT = 160
#: Material's separator between the page's and the site's name in ``<title>``.
TITLE_SEPARATOR = " - "


@dataclass(frozen=True)
class PageMetadata:
    """The head of one page: its title, description, address and alternates, in its language."""

    title: str
    """The page's own title, without the site's name (Open Graph's ``og:title``)."""
    document_title: str
    """The ``<title>``: the page's title and the site's name, the name once."""
    description: str
    locale: str
    alternate_locales: tuple[str, ...]
    url: str | None
    hreflang: tuple[tuple[str, str], ...]
    title_language: str | None = None
    """The language of the page's title when it is not the page's own (a text not yet translated)."""


class _Outline(HTMLParser):
    """A page's text, its introduction (the first paragraph before any section) and its sections' headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []  # the elements we are in that matter: p, h2, div, and "skip …" ones
        self.text: list[str] = []
        self.intro: str | None = None
        self.headings: list[str] = []
        self.paragraph: list[str] = []
        self.heading: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        # A permalink's sign is no text; a note (admonition) is no introduction.
        if (tag == "a" and "headerlink" in classes) or (tag == "div" and "admonition" in classes):
            self.open.append(f"skip {tag}")
        elif tag in ("p", "h2", "div"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1].split()[-1] != tag:
            return
        self.open.pop()
        if tag == "h2":
            self.headings.append(_collapse(self.heading))
            self.heading = []
        elif tag == "p" and "p" not in self.open:
            if self.intro is None and not self.headings and _collapse(self.paragraph):
                self.intro = _collapse(self.paragraph)
            self.paragraph = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if any(element.startswith("skip") for element in self.open):
            return
        if "h2" in self.open:
            self.heading.append(data)
        elif "p" in self.open:
            self.paragraph.append(data)


def _collapse(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _outline(fragment: str) -> _Outline:
    parser = _Outline()
    parser.feed(fragment)
    parser.close()
    return parser


def html_text(fragment: str) -> str:
    """The plain text of HTML, whitespace collapsed."""
    return _collapse(_outline(fragment).text)


#: How much HTML ``summary`` reads at a time: it stops at the introduction, near the start of a page
#: that can run to megabytes (a large model's overview table).
_CHUNK = 16_384


def summary(content: str) -> str:
    """What a page's HTML says it is about: its introduction, or else the headings of its sections."""
    outline = _Outline()
    for start in range(0, len(content), _CHUNK):
        outline.feed(content[start:start + _CHUNK])
        if outline.intro:
            return outline.intro
    outline.close()
    return " ".join(heading if heading[-1:] in ".?!" else f"{heading}." for heading in outline.headings if heading)


def markdown_text(text: str) -> str:
    """The plain text of a model text or front matter value written in Markdown."""
    return html_text(markdown.markdown(text))


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at the last word that fits, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—(") + "…"


def document_title(page_title: str, site_name: str) -> str:
    """The ``<title>``: "page - site", or the site's name alone for its home page (whose title it is)."""
    page_title = html_text(page_title)
    if not page_title or page_title == site_name:
        return site_name
    return f"{page_title}{TITLE_SEPARATOR}{site_name}"


def generated_description(site_page: SitePage, model: Model, language: str, labels: Labels) -> str | None:
    """What a generated page is about, when its first paragraph does not say it: None otherwise."""
    source_language = model.source_language
    if site_page.competency is not None:
        return markdown_text(site_page.competency.definition.in_language(language, source_language))
    if site_page.is_group_page and site_page.group is not None:
        return markdown_text(site_page.group.description.in_language(language, source_language))
    if site_page.profile is not None and site_page.template == "profile.md.j2":
        return markdown_text(site_page.profile.description.in_language(language, source_language))
    # The dictionary opens with a cover page, whose first paragraph is the model's name: its introduction says more.
    if site_page.template == "dictionary-parts.md.j2":
        return labels.format("dictionary_parts_intro", count=number(len(model.competencies), language))
    if site_page.template == "dictionary.md.j2":
        return labels["dictionary_group_intro" if site_page.group is not None else "dictionary_intro"]
    # A kit opens with its competency's definition or its profile's description, which their own pages have.
    if site_page.kit_competency is not None:
        name = markdown_text(site_page.kit_competency.name.in_language(language, source_language))
        return labels.format("kit_description", competency=name)
    if site_page.profile is not None and site_page.template == "profile-kit.md.j2":
        name = markdown_text(site_page.profile.name.in_language(language, source_language))
        return labels.format("kit_profile_description", profile=name)
    # The parts of a level view (a large model) share their level's description.
    if site_page.level is not None and site_page.group is not None:
        return labels.format("level_view_group_title", number=model.levels.index(site_page.level) + 1, name=markdown_text(
            site_page.level.name.in_language(language, source_language)), group=markdown_text(
            site_page.group.name.in_language(language, source_language)))
    return None


def page_description(content: str, *, own: str | None, front_matter: object, fallback: str) -> str:
    """A page's description: its own (generated pages), its front matter's, its summary, or ``fallback``.

    ``content`` is the page's HTML, and ``front_matter`` its front matter's ``description``: the hook
    leaves both out for a handwritten page shown in place of a missing translation, which would
    describe the page in another language.
    """
    if own and own.strip():
        return shorten(own)
    if isinstance(front_matter, str) and markdown_text(front_matter):
        return shorten(markdown_text(front_matter))
    return shorten(summary(content) or fallback)  # parsed only here: a large model's pages are large


def page_metadata(*, page_title: str, site_name: str, description: str, language: str,
                  labels: Mapping[str, Labels], site_url: str | None, path: str,
                  alternates: Mapping[str, str], title_language: str | None = None) -> PageMetadata:
    """The head of a page at site path ``path``, whose ``alternates`` are its site paths in every language.

    Addresses in the head are absolute, as search engines require, so they need the site's address;
    without one, the page has no ``og:url`` and no hreflang links.
    """
    title = html_text(page_title) or site_name
    return PageMetadata(
        title=title,
        document_title=document_title(page_title, site_name),
        description=description,
        locale=labels[language]["open_graph_locale"],
        alternate_locales=tuple(labels[other]["open_graph_locale"] for other in alternates if other != language),
        url=absolute_url(site_url, path) if site_url else None,
        hreflang=tuple(hreflang_links(site_url, alternates)) if site_url else (),
        title_language=title_language if title_language != language else None,
    )
