"""Marking translations up to date: the fingerprint of the current source text written next to them."""


from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Location, ModelError, Problem, field_path
from ..source.frontmatter import PageSource, read_page, with_front_matter_value
from ..source.texts import TRANSLATED_FROM, translated_fields
from ..source.yamlsource import DocumentPath, YamlDocument, parse_yaml
from .fingerprint import fingerprint
from .status import TranslationProject, has_text, recorded_fingerprint, source_value
from .yamledit import with_fingerprints

# Marking translations up to date


@dataclass
class _Selection:
    """What ``mark`` was asked to mark: whole files, fields (with an optional language) and pages."""

    everything: bool = False
    files: set[str] = field(default_factory=set)
    fields: dict[str, list[tuple[DocumentPath, str | None]]] = field(default_factory=dict)
    pages: set[tuple[str | None, str]] = field(default_factory=set)
    """(language or None for every language, page inside the language folder)."""

    def fields_of(self, document: YamlDocument, source_language: str
                  ) -> Iterable[tuple[DocumentPath, dict[str, Any], str | None]]:
        for path, translated in translated_fields(document.data):
            if self.everything or document.display_path in self.files:
                yield path, translated, None
                continue
            for wanted, language in self.fields.get(document.display_path, []):
                if path[:len(wanted)] == wanted:
                    yield path, translated, language
                    break


_FIELD_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def _parse_field(text: str) -> DocumentPath:
    parts: list[str | int] = []
    for match in _FIELD_PART.finditer(text):
        parts.append(int(match.group(1)) if match.group(1) is not None else match.group(2))
    return tuple(parts)


def _target_path(project: TranslationProject, text: str) -> Path | None:
    candidate = Path(text)
    for path in ([candidate] if candidate.is_absolute() else [Path.cwd() / candidate, project.root / candidate]):
        if path.exists():
            return path.resolve()
    return None


def _select(project: TranslationProject, targets: Sequence[str], languages: Sequence[str]) -> _Selection:
    """Read the targets given to ``mark``; a ModelError names each one that matches nothing."""
    selection = _Selection(everything=not targets)
    problems = []
    model_dir = (project.root / "model").resolve()
    docs_dir = project.docs_dir.resolve()
    documents = {document.display_path: document for document in project.sources.documents()}
    for target in targets:
        match = re.match(r"^(.*\.ya?ml)(?::(.*))?$", target)
        path = _target_path(project, match.group(1) if match else target)
        if path is None:
            problems.append(Problem(Location(target), "", "no such file or folder"))
            continue
        shown = project.shown(path)
        if path == project.root.resolve():
            selection.everything = True
        elif path.is_dir() and path.is_relative_to(model_dir):
            selection.files |= {name for name, document in documents.items()
                                if document.path.resolve().is_relative_to(path)}
        elif path == docs_dir:
            selection.pages |= {(None, page) for page in project.pages(project.source_language)}
        elif path.is_relative_to(docs_dir) and (path.is_dir() or path.suffix == ".md"):
            language, *rest = path.relative_to(docs_dir).parts
            if language not in {code.code for code in project.languages}:
                problems.append(Problem(Location(shown), "", "is not in a language folder of the docs"))
                continue
            pages = ([str(Path(*rest).as_posix())] if path.is_file()
                     else sorted(page for page in project.pages(language) if (docs_dir / language / page)
                                 .resolve().is_relative_to(path)))
            chosen = None if language == project.source_language else language
            if chosen is not None and chosen not in languages:
                problems.append(Problem(Location(shown), "", f"is a '{chosen}' page, and only "
                                        f"{', '.join(languages)} are being marked"))
                continue
            selection.pages |= {(chosen, page) for page in pages}
        elif shown in documents:
            if match is None or not match.group(2):
                selection.files.add(shown)
                continue
            wanted = _parse_field(match.group(2))
            language = None
            paths = [path for path, _ in translated_fields(documents[shown].data)]
            if wanted and wanted[-1] in project.translation_languages and wanted[:-1] in paths:
                wanted, language = wanted[:-1], str(wanted[-1])
            if not any(path[:len(wanted)] == wanted for path in paths):
                problems.append(Problem(Location(shown), match.group(2), "no translated text here"))
                continue
            selection.fields.setdefault(shown, []).append((wanted, language))
        else:
            problems.append(Problem(Location(shown), "", "is neither a model file nor a handwritten page"))
    if problems:
        raise ModelError(problems)
    return selection


@dataclass(frozen=True)
class MarkedFile:
    """A file whose fingerprints ``mark`` wrote: how many translations, and which of them had been outdated."""

    path: str
    marked: int
    were_outdated: tuple[str, ...]


def _mark_document(project: TranslationProject, document: YamlDocument, selection: _Selection,
                   languages: Sequence[str]) -> MarkedFile | None:
    text = document.path.read_bytes().decode("utf-8")
    # Parse the bytes about to be edited, so that every mark points into exactly this text.
    current = parse_yaml(text, document.path, document.display_path)
    source = project.source_language
    changes: dict[DocumentPath, dict[str, str]] = {}
    were_outdated = []
    count = 0
    for path, translated, only in selection.fields_of(current, source):
        source_text = source_value(translated.get(source))
        if source_text is None:
            continue
        existing = translated.get(TRANSLATED_FROM)
        existing = dict(existing) if isinstance(existing, dict) else {}
        wanted = dict(existing)
        for language in languages:
            if (only is None or only == language) and has_text(translated.get(language)):
                wanted[language] = fingerprint(source_text)
                recorded = recorded_fingerprint(existing, language)
                if recorded is not None and recorded != wanted[language]:
                    were_outdated.append(field_path(path + (language,)))
        count += sum(1 for language, value in wanted.items() if existing.get(language) != value)
        if wanted != existing:
            order = [language.code for language in project.languages]
            changes[path] = dict(sorted(wanted.items(), key=lambda item: (item[0] not in order,
                                                                         order.index(item[0]) if item[0] in order else 0)))
    if not changes:
        return None
    edited = with_fingerprints(current, text, changes)
    document.path.write_bytes(edited.encode("utf-8"))
    return MarkedFile(document.display_path, count, tuple(were_outdated))


def _mark_page(project: TranslationProject, language: str, page: str) -> MarkedFile | None:
    source_file = project.page_path(project.source_language, page)
    translation_file = project.page_path(language, page)
    if not source_file.is_file() or not translation_file.is_file():
        return None
    current = fingerprint(read_page(source_file.read_text(encoding="utf-8")).body)
    text = translation_file.read_text(encoding="utf-8")
    translation: PageSource = read_page(text)
    recorded = translation.metadata.get(TRANSLATED_FROM)
    if recorded == current:
        return None
    shown = project.shown(translation_file)
    try:
        edited = with_front_matter_value(text, TRANSLATED_FROM, current)
    except ValueError as error:
        raise ModelError([Problem(Location(shown, 1, 1), TRANSLATED_FROM, str(error))]) from None
    translation_file.write_text(edited, encoding="utf-8")
    return MarkedFile(shown, 1, (shown,) if recorded is not None else ())


def mark_translations(project: TranslationProject, languages: Sequence[str] | None = None,
                      targets: Sequence[str] = ()) -> list[MarkedFile]:
    """Write the current source texts' fingerprints next to the chosen translations; the files that changed.

    ``targets`` are files, folders, pages or ``FILE:FIELD`` (``model/competencies/x.yaml:definition.fr``);
    none means every model file and page. Only texts that exist in a language are marked.
    """
    chosen = tuple(languages or project.translation_languages)
    selection = _select(project, targets, chosen)
    marked: list[MarkedFile] = []
    problems: list[Problem] = []
    for document in project.sources.documents():
        try:
            result = _mark_document(project, document, selection, chosen)
        except ModelError as error:
            problems += error.problems
            continue
        if result is not None:
            marked.append(result)
    pages = selection.pages
    if selection.everything:
        pages = {(None, page) for page in project.pages(project.source_language)}
    for language_or_all, page in sorted(pages, key=lambda entry: (entry[0] or "", entry[1])):
        for language in ([language_or_all] if language_or_all else chosen):
            try:
                result = _mark_page(project, language, page)
            except ModelError as error:
                problems += error.problems
                continue
            if result is not None:
                marked.append(result)
    if problems:
        raise ModelError(problems)
    return marked
