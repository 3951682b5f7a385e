"""What the handwritten pages may say about the model through placeholders, so that it stays true.

``{{ model.competencies }}``, ``{{ model.groups }}`` and ``{{ model.levels }}`` are the counts;
``{{ model.group_list }}`` the groups as a list of links to their pages, each with its description;
``{{ model.level_names }}`` the levels' names as a sentence lists them; ``{{ model.languages }}`` the
site's languages by their names in the page's language. Every value is in the page's language, or
marked with its own ``lang`` where a model text is not translated yet. They are filled like the
values of mkdocs.yml's ``extra`` (``hooks.site.state.fill_placeholders``), under the key ``model``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import babel.lists

from ..model import Model
from ..source.siteconfig import SiteLanguage
from .render import TextPicker, babel_locale, group_path, number, template_environment

#: The key under which handwritten pages find the model's values: ``{{ model.groups }}``.
MODEL_KEY = "model"
#: The model's values, as ``model_values`` gives them.
MODEL_VALUES = ("competencies", "groups", "levels", "group_list", "level_names", "languages")


def model_values(model: Model, languages: Sequence[SiteLanguage], language: str, page: str) -> dict[str, str]:
    """The values of ``{{ model.… }}`` on the handwritten page ``page`` (its path in the language folder)."""
    picker = TextPicker(language, model.source_language)
    locale = babel_locale(language)
    # Links are written from the page's own folder, as Markdown links between pages are.
    prefix = "../" * page.count("/")
    group_list = template_environment().get_template("group-list.md.j2").render(
        model=model, t=picker.text, prefix=prefix, group_path=group_path)
    # CLDR's names, as running text writes them (Frans, néerlandais); the site's own name where CLDR has none.
    names = [locale.languages.get(other.code, other.name) for other in languages]
    return {
        "competencies": number(len(model.competencies), language),
        "groups": number(len(model.groups), language),
        "levels": number(len(model.levels), language),
        "group_list": group_list.strip(),
        "level_names": babel.lists.format_list([str(picker.text(level.name)) for level in model.levels],
                                               locale=locale),
        "languages": babel.lists.format_list(names, locale=locale),
    }


def page_values(extra: Mapping[str, Any], model: Model | None, languages: Sequence[SiteLanguage], language: str,
                page: str) -> Mapping[str, Any]:
    """Everything a handwritten page's placeholders may name: mkdocs.yml's ``extra``, and the model's values."""
    if model is None:
        return extra
    return {**extra, MODEL_KEY: model_values(model, languages, language, page)}
