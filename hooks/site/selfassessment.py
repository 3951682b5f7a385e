"""What the self-assessment page's script needs, as one JSON block inside the page itself.

The page's HTML is the checklist (every competency, level and indicator, rendered and sanitized like
every other page); the script reads its texts from there. The JSON block adds what the HTML does not
say in a form a script can use: the ids and order of groups, competencies and levels, the profiles'
expected levels, the model's version and date, and the labels of what the script writes itself. No
request leaves the page: everything is in it.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..model import Group, Model, Translated
from ..source.labels import Labels
from .pagemeta import html_text
from .render import WHOLE_MODEL_LIMIT
from .safehtml import model_text_html
from .typography import french_spacing, is_french

#: The labels the script writes into the page (messages, the result's table and chart, the printout).
SCRIPT_LABELS = tuple(f"self_assessment_{key}" for key in (
    "unsure", "expected", "not_chosen", "no_target", "no_difference", "table_mine", "table_expected",
    "chart_chosen", "chart_expected", "printed", "compared", "development", "note_printed", "loaded",
    "not_a_file", "other_version", "unknown", "unknown_profile", "unknown_part", "unknown_profile_part", "remembered",
    "erased", "storage_unavailable",
    "field",
))

#: The template of a self-assessment page (of the whole model, or of one group of a large one).
SELF_ASSESSMENT_TEMPLATE = "self-assessment.md.j2"

#: The format's name and version in a saved file: a file without them is not a self-assessment.
FILE_FORMAT = "competency-self-assessment"
FILE_FORMAT_VERSION = 1

#: The longest note the form takes (the textarea's maxlength, and what a loaded file is cut to).
NOTE_LENGTH = 500

#: Characters that would end the script element or confuse an HTML parser, written as JSON escapes.
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                            "\u2029": "\\u2029"})


def _plain(value: Translated[str], language: str, source_language: str) -> str:
    """A model text (a name) as the plain text the script shows, sanitized like the page's own."""
    return html_text(model_text_html(value.in_language(language, source_language)))


def self_assessment_data(model: Model, language: str, labels: Labels, group: Group | None = None) -> dict[str, Any]:
    """The page's data: ids in model order, plain names, the profiles' expected levels, the script's labels.

    ``group`` is the group of a large model's part (render.self_assessment_part_path): the data is then
    that group's competencies, and the profiles that ask any of them, each with only those; ``part``
    keeps the answers a reader asks the browser to remember apart from the other parts'.
    """
    source = model.source_language
    spaced = french_spacing if is_french(language) else (lambda text: text)
    groups = [group] if group is not None else list(model.groups)
    profiles = [(profile, [expectation for expectation in profile.expectations
                           if group is None or expectation.competency.group == group])
                for profile in model.profiles]
    return {
        "part": group.id if group is not None else None,
        "format": FILE_FORMAT,
        "formatVersion": FILE_FORMAT_VERSION,
        "modelVersion": model.version,
        "modelDate": model.date,
        "language": language,
        "noteLength": NOTE_LENGTH,
        # Above it (a page of more competencies than that) the result shows only what was answered or asked.
        "wholeModelLimit": WHOLE_MODEL_LIMIT,
        "levels": [{"id": level.id, "name": spaced(_plain(level.name, language, source))} for level in model.levels],
        "groups": [{"id": shown.id, "name": spaced(_plain(shown.name, language, source))} for shown in groups],
        "competencies": [{"id": competency.id, "group": competency.group.id,
                          "name": spaced(_plain(competency.name, language, source))}
                         for shown in groups for competency in model.competencies_in(shown)],
        "profiles": [{"id": profile.id, "name": spaced(_plain(profile.name, language, source)),
                      "expected": {expectation.competency.id: expectation.level.id for expectation in asked}}
                     for profile, asked in profiles if asked],
        "labels": {key.removeprefix("self_assessment_"): spaced(labels[key]) for key in SCRIPT_LABELS},
    }


def json_in_html(data: Any) -> Markup:
    """JSON for a ``<script type="application/json">`` element: no text in it can close the element.

    ``<``, ``>`` and ``&`` are written as JSON escapes, which ``JSON.parse`` reads back as themselves.
    """
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_HTML_SAFE))
