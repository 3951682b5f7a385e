"""What mkdocs.yml's ``extra`` says about the publisher: status notice, training offer, contact.

``python -m hooks.check`` reports a status notice or training offer that lacks a language of the
site; ``python -m hooks.check --publish`` (run before deploying) also refuses example or missing
contact details and addresses, so that a fresh clone builds but never publishes them. Every problem
names ``mkdocs.yml:LINE:COLUMN`` and the key. This module reads mkdocs.yml without MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Location, Problem
from .siteconfig import SiteLanguage, TolerantLoader, read_mkdocs_yml
from .yamlsource import DocumentPath

#: Where the status wording sits under ``extra``: the notice with its ``{source}`` link, per language.
STATUS = "status"
TRAINING_OFFER = "training_offer"
SOURCE_PLACEHOLDER = "{source}"
#: The ``extra`` values a publisher may leave out: handwritten pages test them with ``{% if KEY %}``
#: (``hooks.site.state.fill_placeholders``) and show them only when they are configured.
OPTIONAL_EXTRA = ("contact.organisation", "contact.email", "contact.phone")


@dataclass(frozen=True)
class SiteSettings:
    """mkdocs.yml's settings, and where each key's value stands in the file."""

    display_path: str
    data: dict[str, Any]
    marks: dict[DocumentPath, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: DocumentPath) -> Location:
        """The place of ``path``'s value, or of its nearest parent that is written in the file."""
        probe = tuple(path)
        while probe and probe not in self.marks:
            probe = probe[:-1]
        line, column = self.marks.get(probe, (0, 0))
        return Location(self.display_path, line, column)

    def value(self, path: DocumentPath) -> Any:
        value: Any = self.data
        for part in path:
            value = value.get(part) if isinstance(value, Mapping) else None
        return value


def _marks(node: yaml.Node, path: DocumentPath, marks: dict[DocumentPath, tuple[int, int]]) -> None:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _marks(value, path + (str(key.value),), marks)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _marks(item, path + (index,), marks)


#: ``extra.dictionary_pdf: false`` in mkdocs.yml: ``mkdocs build`` makes no PDF of the dictionary. A PDF
#: costs about 0.1 s of processor time per page (hooks/site/pdf.py, benchmarks/README.md): a model of
#: thousands of competencies may rather offer the printable pages alone.
DICTIONARY_PDF = "dictionary_pdf"


def makes_dictionary_pdf(extra: Mapping[str, Any]) -> bool:
    """Whether the build makes the dictionary's PDFs: unless ``extra.dictionary_pdf`` is false."""
    return extra.get(DICTIONARY_PDF, True) is not False


#: mkdocs.yml's own settings that a handwritten page may name in a placeholder, besides those under ``extra``:
#: the about page links to the repository in its section for HR staff and translators.
PAGE_SETTINGS = ("repo_url", "repo_name")


def setting_values(settings: Mapping[str, Any]) -> dict[str, Any]:
    """What the ``{{ … }}`` placeholders of handwritten pages are filled from: ``extra``, and ``PAGE_SETTINGS``."""
    return {**(settings.get("extra") or {}), **{key: settings.get(key) for key in PAGE_SETTINGS}}


def read_site_settings(config: Path) -> SiteSettings:
    """mkdocs.yml with the positions of its values (a ModelError if it cannot be read)."""
    data = read_mkdocs_yml(config)
    marks: dict[DocumentPath, tuple[int, int]] = {}
    root = yaml.compose(config.read_text(encoding="utf-8"), Loader=TolerantLoader)
    if root is not None:
        _marks(root, (), marks)
    return SiteSettings(config.name, data, marks)


# ---------------------------------------------------------------------------------------------------
# Values in the page's language


def in_language(value: Any, language: str) -> Any:
    """A value given per language (``{nl: ..., fr: ...}``) in ``language``; other values as they are."""
    if isinstance(value, Mapping) and language in value:
        return value[language]
    if isinstance(value, Mapping) and all(isinstance(key, str) and len(key) in (2, 3) for key in value):
        return None  # per language, but not in this one
    return value


def is_configured(value: Any) -> bool:
    """Whether an ``extra`` value is there to show: not missing, not empty (already in the page's language)."""
    if value is None or isinstance(value, (Mapping, list)):
        return False
    return bool(str(value).strip())


@dataclass(frozen=True)
class LinkedText:
    """A sentence with one link: the text before it, the link's name and address, the text after it."""

    before: str
    name: str
    url: str
    after: str = ""
    official: bool = False


def status_notice(extra: Mapping[str, Any], language: str) -> LinkedText | None:
    """The status notice in ``language``, or None when mkdocs.yml has none for it (``hooks.check`` says so)."""
    status = extra.get(STATUS)
    if not isinstance(status, Mapping):
        return None
    notice = in_language(status.get("notice"), language)
    source = in_language(status.get("source"), language)
    if not is_configured(notice) or not isinstance(source, Mapping):
        return None
    before, _, after = str(notice).partition(SOURCE_PLACEHOLDER)
    return LinkedText(before, str(source.get("name", "")), str(source.get("url", "")), after,
                      official=status.get("official") is True)


def training_offer(extra: Mapping[str, Any], language: str) -> LinkedText | None:
    """The federal training offer's name and address in ``language``, shown under the learning actions."""
    offer = in_language(extra.get(TRAINING_OFFER), language)
    if not isinstance(offer, Mapping) or not is_configured(offer.get("name")) or not is_configured(offer.get("url")):
        return None
    return LinkedText("", str(offer["name"]), str(offer["url"]))


# ---------------------------------------------------------------------------------------------------
# Checks


def settings_problems(settings: SiteSettings, languages: Sequence[SiteLanguage]) -> list[Problem]:
    """What the status notice and the training offer lack, for every language of the site."""
    problems: list[Problem] = []
    extra = ("extra",)
    status = settings.value(extra + (STATUS,))
    if not isinstance(status, Mapping):
        problems.append(Problem(settings.location(extra), f"extra.{STATUS}",
                                "is missing: say whether this site publishes the official text (official: true "
                                "or false), with a notice and the official source per language"))
    else:
        if not isinstance(status.get("official"), bool):
            problems.append(_problem(settings, extra + (STATUS, "official"),
                                     "expected true or false: true only if the publisher owns the official text"))
        for language in languages:
            notice_path = extra + (STATUS, "notice", language.code)
            notice = settings.value(notice_path)
            if not is_configured(notice):
                problems.append(_problem(settings, notice_path, f"the status notice in '{language.code}' is "
                                         f"missing: write it, with {SOURCE_PLACEHOLDER} where the source's link goes"))
            elif SOURCE_PLACEHOLDER not in str(notice):
                problems.append(_problem(settings, notice_path, f"write {SOURCE_PLACEHOLDER} where the link to the "
                                         "official source goes"))
            problems += _link_problems(settings, extra + (STATUS, "source", language.code), "the official source")
    for language in languages:
        problems += _link_problems(settings, extra + (TRAINING_OFFER, language.code), "the training offer")
    return problems


def _link_problems(settings: SiteSettings, path: DocumentPath, what: str) -> list[Problem]:
    problems = []
    for key, hint in (("name", "its name as readers know it"), ("url", "its address, starting with https://")):
        value = settings.value(path + (key,))
        if not is_configured(value):
            problems.append(_problem(settings, path + (key,), f"{what} in '{path[-1]}' needs {hint}"))
        elif key == "url" and not str(value).startswith(("https://", "http://")):
            problems.append(_problem(settings, path + (key,), f"expected an address starting with https://, "
                                     f"found {value!r}"))
    return problems


def _problem(settings: SiteSettings, path: DocumentPath, message: str) -> Problem:
    return Problem(settings.location(path), ".".join(str(part) for part in path), message)


_EXAMPLE_HOST = re.compile(r"(?:^|[@./])(?:example\.(?:org|com|net)|[\w-]+\.test|localhost)(?:$|[/:?#])|"
                           r"\bexample-org\b", re.IGNORECASE)
_ZEROS_PHONE = re.compile(r"^\+?[\d\s./()-]*$")


def _is_example(text: str) -> bool:
    if _EXAMPLE_HOST.search(text) or re.search(r"\.example(?:$|[/:])", text):
        return True
    digits = re.sub(r"\D", "", text)
    # a phone number whose subscriber part is only zeros: +32 2 000 00 00
    return bool(_ZEROS_PHONE.match(text) and len(digits) >= 6 and set(digits[-6:]) == {"0"})


def _strings(value: Any, path: DocumentPath) -> Iterator[tuple[DocumentPath, str]]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _strings(inner, path + (str(key),))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _strings(inner, path + (index,))
    elif isinstance(value, str):
        yield path, value


def publish_problems(settings: SiteSettings, languages: Sequence[SiteLanguage]) -> list[Problem]:
    """Example or missing values that must not be published: addresses, contact details, repository."""
    problems: list[Problem] = []
    for key, what in (("site_url", "the published address of the site"), ("repo_url", "the repository's address")):
        value = settings.value((key,))
        if not is_configured(value):
            problems.append(_problem(settings, (key,), f"{what} is missing: set it (or the environment "
                                     f"variable {key.upper()}) before publishing"))
    email = settings.value(("extra", "contact", "email"))
    if not any(is_configured(in_language(email, language.code)) for language in languages):
        problems.append(_problem(settings, ("extra", "contact", "email"),
                                 "the publisher's contact e-mail address is missing: the accessibility statement "
                                 "must give one (EU directive 2016/2102, article 7)"))
    checked = [(path, text) for key in ("site_url", "repo_url") for path, text in _strings(settings.value((key,)), (key,))]
    checked += list(_strings(settings.value(("extra",)), ("extra",)))
    for path, text in checked:
        if not _is_example(text):
            continue
        if path[0] in ("site_url", "repo_url"):
            hint = f"set the environment variable {str(path[0]).upper()} or write the real address in mkdocs.yml"
        else:
            hint = "replace it with the real value, or remove the key (pages then leave it out)"
        problems.append(_problem(settings, path, f"{text!r} is an example value: {hint}"))
    return problems
