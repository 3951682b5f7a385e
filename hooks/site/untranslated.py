"""Handwritten pages that are not translated yet: shown in the source language, and saying so.

With ``fallback_to_default``, mkdocs-static-i18n publishes the default language's page in a language
folder that has no page of that name. The reader then gets a notice in their own language, and the
page's text keeps its own ``lang`` so that screen readers pronounce it right, as generated pages do
for each untranslated text (``hooks.site.render.TextPicker``).
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from ..source.labels import Labels


def page_in_reader_language(content: str, text_language: str, reader_language: str, labels: Labels,
                            environment: jinja2.Environment) -> str:
    """The page's HTML; when its text is in another language than the reader's, wrapped with a notice.

    ``environment`` is the page templates' (``hooks.site.render.template_environment``).
    """
    if text_language == reader_language:
        return content
    template = environment.get_template("untranslated-page.html.j2")
    return template.render(content=Markup(content), language=text_language, labels=labels)
