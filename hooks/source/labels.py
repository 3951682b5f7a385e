"""The labels of generated pages (headings, short phrases), owned by translators.

Each language folder holds one file, ``docs/<lang>/labels.yml``. The source language's file names
every key; a key missing from another language's file fails the build with the file and the key.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import Location, ModelError, Problem, display_path
from .repository import leaves_repository, repository_of, symlink_problem
from .texts import label_markup
from .yamlsource import YamlDocument, read_yaml

LABELS_FILE = "labels.yml"


class LabelMissing(KeyError):
    """A template asked for a key that the language's labels file does not have."""


@dataclass(frozen=True)
class Labels:
    """One language's labels; ``labels.some_key`` in a template, or ``labels["some_key"]``."""

    language: str
    source: str
    values: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        try:
            return self.values[key]
        except KeyError:
            raise LabelMissing(f"{self.source}: the label '{key}' is missing") from None

    def __getattr__(self, key: str) -> str:
        if key.startswith("__"):
            raise AttributeError(key)
        return self[key]

    def format(self, key: str, **values: object) -> str:
        """A label with placeholders such as ``{level}`` filled in."""
        try:
            return self[key].format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            # A placeholder the page does not fill, or a stray brace: name the file and the key, never a traceback.
            known = ", ".join(f"{{{name}}}" for name in values)
            raise LabelMissing(f"{self.source}: the label '{key}' has a placeholder this page cannot fill "
                               f"or a stray {{ or }}: {self[key]!r} (placeholders here: {known or 'none'})") from None


def labels_path(docs_dir: Path, language: str) -> Path:
    return docs_dir / language / LABELS_FILE


def load_labels(docs_dir: Path, languages: list[str], source_language: str, root: Path) -> dict[str, Labels]:
    """Every language's labels; raise ModelError naming each missing file and key at once."""
    problems: list[Problem] = []
    loaded: dict[str, Labels] = {}
    documents: dict[str, YamlDocument] = {}
    for language in languages:
        path = labels_path(docs_dir, language)
        shown = display_path(path, root)
        if leaves_repository(path, repository_of(root)):
            problems.append(symlink_problem(shown))
            continue
        if not path.is_file():
            problems.append(Problem(Location(shown), "", "the labels file for this language is missing"))
            continue
        try:
            document = read_yaml(path, shown)
        except ModelError as error:
            problems.extend(error.problems)
            continue
        if not isinstance(document.data, dict):
            problems.append(Problem(document.location(()), "", "expected a mapping of label keys to texts"))
            continue
        loaded[language] = Labels(language, shown, _label_values(document, problems))
        documents[language] = document
    source = loaded.get(source_language)
    if source is not None:
        for language, labels in loaded.items():
            for key, source_text in source.values.items():
                if key not in documents[language].data:
                    problems.append(Problem(Location(labels.source), key,
                                            f"the label is missing (it is defined in {source.source})"))
                elif key in labels.values and language != source_language:
                    message = _placeholder_mismatch(source_text, labels.values[key], source.source)
                    if message:
                        problems.append(Problem(documents[language].location((key,)), key, message))
    if problems:
        raise ModelError(problems)
    return loaded


def _label_values(document: YamlDocument, problems: list[Problem]) -> dict[str, str]:
    """The texts of one labels file; each empty, non-text or marked-up label is added to problems."""
    values = {}
    for key, value in document.data.items():
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(document.location((key,)), key, _not_a_label(value)))
            continue
        markup = label_markup(value)
        if markup:
            problems.append(Problem(document.location((key,)), key, markup))
        values[key] = value
    return values


def _not_a_label(value: Any) -> str:
    if isinstance(value, str) or value is None:
        return "the label is empty: write its text"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"expected text, found the number {value} (put it in quotes)"
    if isinstance(value, bool):
        return f"expected text, found {str(value).lower()} (put it in quotes)"
    return "expected text, found a list or mapping"


def _placeholders(text: str) -> set[str] | None:
    """The ``{name}`` placeholders of a label, or None when its braces do not pair up."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _placeholder_mismatch(source_text: str, translation: str, source_file: str) -> str | None:
    """What is wrong with a translation's placeholders, compared with the source language's label."""
    expected = _placeholders(source_text)
    if not expected:
        return None  # a plain label: its braces, if any, are text
    found = _placeholders(translation)
    if found is None:
        return (f"a {{ or }} does not pair up; write the placeholders exactly as in {source_file}: "
                + ", ".join(f"{{{name}}}" for name in sorted(expected)))
    if found != expected:
        return (f"the placeholders must be the same as in {source_file}: expected "
                + ", ".join(f"{{{name}}}" for name in sorted(expected)) + ", found "
                + (", ".join(f"{{{name}}}" for name in sorted(found)) or "none"))
    return None
