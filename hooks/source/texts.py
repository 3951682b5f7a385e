"""Translated texts, found generically so that no second copy of the structure lives here, and their hygiene."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..problems import Problem, field_path
from .schema import language_code
from .yamlsource import DocumentPath, YamlDocument

TRANSLATED_FROM = "translated_from"


def is_translated(value: Any) -> bool:
    """Whether a schema-valid value is a languageText or languageList mapping.

    Recognised by its keys (language codes), not by the source language's key: a text whose source
    language is missing is still a text, and the check must report it rather than skip it.
    """
    return (isinstance(value, dict) and bool(value)
            and all(key == TRANSLATED_FROM or language_code().match(key) for key in value))


def translated_fields(data: Any, path: DocumentPath = ()) -> Iterator[tuple[DocumentPath, dict[str, Any]]]:
    """Every translated mapping in a document, with its path, in document order."""
    if is_translated(data):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from translated_fields(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from translated_fields(value, path + (index,))


# A tag, or a comment (<!-- hides the text after it), a declaration or a processing instruction. As in
# Markdown and browsers, a tag's name follows '<' directly ("a < b" is text), and autolinks are not
# tags: <https://...>, <mailto:...> and a plain e-mail address such as <hr@example.org>.
_HTML_TAG = re.compile(r"<[!?][^>]{0,30}>?"
                       r"|</?(?!(?:https?|mailto):|[\w.+-]+@[\w-]+(?:\.[\w-]+)+>)([a-zA-Z][\w-]*)[^>]*>")
_EVENT_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$|<([a-zA-Z][\w+.-]*:[^>\s]*)>",
                            re.MULTILINE)
_ALLOWED_SCHEMES = ("http", "https", "mailto")
# Markdown's attribute lists ({: .class }, { #id }, { key="value" }) set an element's attributes.
# Braces around a plain word ({name}) are text, and a label's placeholder.
_ATTRIBUTE_LIST = re.compile(r"\{:[^}\n]*\}?|\{[ \t]*[.#][\w-][^}\n]*\}|\{[^}\n]*?[\w-]+[ \t]*=[^}\n]*\}")
# A value in an attribute list, or in an HTML attribute: its scheme, if it has one.
_ATTRIBUTE_URL = re.compile(r"[\w-]+[ \t]*=[ \t]*[\"']?[ \t]*([a-zA-Z][\w+.-]*):")
_IMAGE = re.compile(r"!\[")
# An ATX heading (# at the start of a line, as Markdown reads it) or a setext underline (=== or ---
# under a line of text).
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|(?<=[^\n]\n) {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)


def text_hygiene(text: str) -> list[str]:
    """What is wrong with a model text as published HTML: raw HTML, attribute lists, images, headings, unsafe links."""
    found = []
    tag = _HTML_TAG.search(text)
    if tag:
        found.append(f"raw HTML is not allowed (found {tag.group(0)[:40]!r}); write plain text or Markdown")
    elif _EVENT_ATTRIBUTE.search(text) and "<" in text:
        found.append("HTML event attributes (on...=) are not allowed")
    attributes = _ATTRIBUTE_LIST.search(text)
    if attributes:
        found.append(f"attribute lists are not allowed (found {attributes.group(0)[:40]!r}): the site sets every "
                     "attribute and style itself; remove the braces and what is between them")
    if _IMAGE.search(text):
        found.append("images are not allowed in model texts (the site loads nothing from other hosts, and a picture "
                     "needs a text alternative): describe it in words, or link to it with [text](https://...)")
    if _HEADING.search(text):
        found.append("headings are not allowed in model texts (the page's headings come from the site): write the "
                     "words as a sentence, and remove the '#' at the start of the line or the line of '=' or '-' "
                     "under it")
    targets = [next(group for group in match.groups() if group) for match in _MARKDOWN_LINK.finditer(text)]
    targets += [match.group(1) + ":" for match in _ATTRIBUTE_URL.finditer(text)
                if match.group(1).lower() not in _ALLOWED_SCHEMES]
    for target in targets:
        scheme = target.split(":", 1)[0].lower() if ":" in target else ""
        if scheme not in _ALLOWED_SCHEMES:
            found.append(f"the link {target[:60]!r} is not allowed: links must start with "
                         "https://, http:// or mailto:")
    return found


def label_markup(text: str) -> str | None:
    """What makes a label more than plain text, if anything: labels are shown exactly as written."""
    for pattern, what in ((_HTML_TAG, "HTML"), (_ATTRIBUTE_LIST, "an attribute list"), (_IMAGE, "an image"),
                          (re.compile(r"\[[^\]\n]*\]\(|<[a-zA-Z][\w+.-]*:[^>\s]*>"), "a link"),
                          (re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);"), "an HTML character reference"),
                          (re.compile(r"\*\*?\S|\b__?\S|`"), "Markdown emphasis or code"),
                          (_HEADING, "a heading")):
        found = pattern.search(text)
        if found:
            return (f"labels are plain text, shown as written: remove {what} (found {found.group(0)[:40]!r}); "
                    "the site adds links, emphasis and headings itself")
    return None


def text_problems(document: YamlDocument, required_languages: Iterable[str],
                  site_languages: tuple[str, ...] = ()) -> list[Problem]:
    problems = []
    required = tuple(required_languages)
    for path, field in translated_fields(document.data):
        for language in field:
            if site_languages and language != TRANSLATED_FROM and language not in site_languages:
                problems.append(Problem(document.location(path + (language,), key=True), field_path(path + (language,)),
                                        f"'{language}' is not one of the site's languages in mkdocs.yml "
                                        f"({', '.join(site_languages)}): correct the language code, or add "
                                        "the language to mkdocs.yml"))
        for language in required:
            value = field.get(language)
            texts = value if isinstance(value, list) else [value]
            if value is None or not any(isinstance(t, str) and t.strip() for t in texts):
                where = path + (language,) if language in field else path
                state = "is empty" if language in field else "is missing"
                problems.append(Problem(document.location(where), field_path(path + (language,)),
                                        f"the text in required language '{language}' {state}"))
            elif isinstance(value, list):
                for index, text in enumerate(value):
                    if not text.strip():
                        problems.append(Problem(document.location(path + (language, index)),
                                                field_path(path + (language, index)),
                                                "this item of the list is empty: write its text or delete the line"))
        for language, value in field.items():
            if language == TRANSLATED_FROM:
                continue
            texts = value if isinstance(value, list) else [value]
            for index, text in enumerate(texts):
                item_path = path + (language, index) if isinstance(value, list) else path + (language,)
                for message in text_hygiene(text):
                    problems.append(Problem(document.location(item_path), field_path(item_path), message))
    return problems
