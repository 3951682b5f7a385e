"""The labels of generated pages (headings, short phrases), owned by translators.

Each language folder holds one file, ``docs/<lang>/labels.yml``. The source language's file names
every key; a key missing from another language's file fails the build with the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .problems import Location, ModelError, Problem, display_path
from .yamlsource import read_yaml

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
        return self[key].format(**values)


def labels_path(docs_dir: Path, language: str) -> Path:
    return docs_dir / language / LABELS_FILE


def load_labels(docs_dir: Path, languages: list[str], source_language: str, root: Path) -> dict[str, Labels]:
    """Every language's labels; raise ModelError naming each missing file and key at once."""
    problems: list[Problem] = []
    loaded: dict[str, Labels] = {}
    for language in languages:
        path = labels_path(docs_dir, language)
        shown = display_path(path, root)
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
        values = {}
        for key, value in document.data.items():
            if not isinstance(value, str) or not value.strip():
                problems.append(Problem(document.location((key,)), key, "expected a non-empty text"))
            else:
                values[key] = value
        loaded[language] = Labels(language, shown, values)
    source = loaded.get(source_language)
    if source is not None:
        for language, labels in loaded.items():
            for key in source.values:
                if key not in labels.values:
                    problems.append(Problem(Location(labels.source), key,
                                            f"the label is missing (it is defined in {source.source})"))
    if problems:
        raise ModelError(problems)
    return loaded
