"""Handwritten pages that are not translated yet: shown in the source language, and saying so.

With ``fallback_to_default``, mkdocs-static-i18n publishes the default language's page in a language
folder that has no page of that name. The reader then gets a notice in their own language, and the
page's text keeps its own ``lang`` so that screen readers pronounce it right, as generated pages do
for each untranslated text (``hooks.site.render.TextPicker``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import jinja2
from markupsafe import Markup

from ..model import Model
from ..source.labels import Labels
from .render import SitePage


def page_in_reader_language(content: str, text_language: str, reader_language: str, labels: Labels,
                            environment: jinja2.Environment) -> str:
    """The page's HTML; when its text is in another language than the reader's, wrapped with a notice.

    ``environment`` is the page templates' (``hooks.site.render.template_environment``).
    """
    if text_language == reader_language:
        return content
    template = environment.get_template("untranslated-page.html.j2")
    return template.render(content=Markup(content), language=text_language, labels=labels)


def title_language(site_page: SitePage | None, model: Model, language: str, text_language: str) -> str:
    """The language a page's title is written in: a generated page's model text may fall back, and a
    handwritten page shown in place of a translation is in its own language (``text_language``)."""
    if site_page is None:
        return text_language
    titled = site_page.competency.name if site_page.competency is not None else \
        site_page.group.name if site_page.is_group_page and site_page.group is not None else \
        site_page.profile.name if site_page.profile is not None else None
    return titled.language_of(language, model.source_language) if titled is not None else language


#: Where the theme prints page titles besides the page itself: the navigation, the header, and the
#: previous and next links of the footer (Material's ``md-ellipsis``).
_TITLE_ELEMENT = re.compile(r'<(span|div) class="md-ellipsis">(\s*)([^<]+?)(\s*)</\1>')


def mark_title_languages(html: str, titles: Mapping[str, str]) -> str:
    """The page with every title that is in another language (``titles``: title → its language) marked
    with its ``lang`` where the theme prints it, as the page marks its untranslated texts."""
    if not titles:
        return html

    def marked(match: re.Match[str]) -> str:
        language = titles.get(match.group(3))
        if language is None:
            return match.group(0)
        tag, before, title, after = match.groups()
        return f'<{tag} class="md-ellipsis" lang="{language}">{before}{title}{after}</{tag}>'

    return _TITLE_ELEMENT.sub(marked, html)
