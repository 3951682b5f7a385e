"""The project as translators see it, and what is missing, outdated or unconfirmed in each language."""


from __future__ import annotations

import difflib
import functools
import re
import shlex
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..cli import PYTHON
from ..problems import Location, ModelError, Problem, display_path, field_path, github_command
from ..source.frontmatter import read_page
from ..source.labels import labels_path
from ..source.load import ModelSources, read_sources
from ..source.schema import fingerprint_pattern
from ..source.siteconfig import SiteLanguage, read_site_config
from ..source.texts import TRANSLATED_FROM, translated_fields
from ..source.yamlsource import DocumentPath, YamlDocument, read_yaml, value_at
from .fingerprint import fingerprint, normalised
from .history import OldVersion, SourceHistory

MISSING = "missing"
OUTDATED = "outdated"
UNCONFIRMED = "unconfirmed"
UNTRANSLATED = "not yet translated"
#: A translation changed together with its source text (in the same commit, pull request or working tree):
#: it counts as translated, and does not fail; ``mark`` records it when someone gets to it.
UPDATED = "updated with its source"
#: What --strict fails on. Not yet translated texts in a language that is not required do not count:
#: the site shows them in the source language with a notice, which is how a new language is added.
FAILING = (MISSING, OUTDATED, UNCONFIRMED)
MARK_COMMAND = f"{PYTHON} -m hooks.translations mark"
SourceValue = str | tuple[str, ...]


# The project as translators see it


@dataclass(frozen=True)
class TranslationProject:
    """The site's languages, the model's source and required languages, and the files to compare."""

    root: Path
    docs_dir: Path
    languages: tuple[SiteLanguage, ...]
    source_language: str
    required_languages: tuple[str, ...]
    sources: ModelSources

    @property
    def translation_languages(self) -> tuple[str, ...]:
        """The site's languages other than the source language, in mkdocs.yml's order."""
        return tuple(language.code for language in self.languages if language.code != self.source_language)

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def pages(self, language: str) -> set[str]:
        """The handwritten pages of a language folder, as paths inside the folder."""
        folder = self.docs_dir / language
        return {page.relative_to(folder).as_posix() for page in folder.rglob("*.md")} if folder.is_dir() else set()

    def page_path(self, language: str, page: str) -> Path:
        return self.docs_dir / language / page


def read_project(config: Path) -> tuple[TranslationProject, list[Problem]]:
    """The project of a mkdocs.yml, and the problems of model files that could not be read."""
    settings, site_languages = read_site_config(config)
    root = config.resolve().parent
    languages = tuple(site_languages)
    sources, problems = read_sources(root / "model", root)
    facts = sources.single.get("model.yaml")
    data = facts.data if facts is not None and isinstance(facts.data, dict) else {}
    source_language = data.get("source_language")
    if not isinstance(source_language, str):
        where = facts.location(("source_language",)) if facts is not None else Location("model/model.yaml")
        raise ModelError(problems or [Problem(where, "source_language",
                                              "is needed to know which language translations are made from")])
    required = data.get("required_languages")
    required_languages = tuple(str(code) for code in required) if isinstance(required, list) else (source_language,)
    docs_dir = root / str(settings.get("docs_dir", "docs"))
    return TranslationProject(root, docs_dir, languages, source_language, required_languages, sources), problems


# Findings


@dataclass(frozen=True)
class Finding:
    """One translation to do or check: where, in which language, and what."""

    kind: str
    language: str
    location: Location
    field: str
    message: str
    details: tuple[str, ...] = ()
    count: int = 1
    """How many texts the finding stands for (untranslated texts are reported per file)."""

    def __str__(self) -> str:
        field_text = f"{self.field}: " if self.field else ""
        return "\n".join([f"{self.location}: {field_text}{self.message}", *(f"    {line}" for line in self.details)])

    def github_annotation(self, strict: bool) -> str:
        """The finding as a GitHub Actions workflow command: an error under --strict, a warning otherwise."""
        level = "notice" if self.kind not in FAILING else "error" if strict else "warning"
        text = "\n".join([f"{self.field}: {self.message}" if self.field else self.message, *self.details])
        return github_command(level, self.location, text, f"Translation {self.kind} ({self.language})")


def has_text(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(isinstance(item, str) and item.strip() for item in value)
    return False


def source_value(value: Any) -> SourceValue | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


def _comparable_lines(value: SourceValue) -> list[str]:
    """A text cut into sentences, a list into its items: the lines a diff of them shows."""
    if isinstance(value, str):
        return [sentence for sentence in re.split(r"(?<=[.!?;:])\s+", normalised(value)) if sentence]
    return [normalised(item) for item in value]


def _indented(text: str) -> list[str]:
    return ["  " + line for line in textwrap.wrap(text, 96)] or ["  (empty)"]


def _change_details(old: tuple[str, str, list[str]] | None, new_lines: list[str], what: str,
                    recorded: str, current: str, mark: str) -> tuple[str, ...]:
    """A diff of the source text from the translated version to now; the new text alone when the old one is unknown."""
    if old is not None:
        commit, date, old_lines = old
        lines = list(difflib.unified_diff(old_lines, new_lines, f"{what} as translated (commit {commit}, {date})",
                                          f"{what} now", lineterm=""))
    else:
        lines = [f"the {what} text it was translated from (fingerprint {recorded}) is not in the git history "
                 f"available here; the {what} text now (fingerprint {current}):"]
        for line in new_lines:
            lines += _indented(line)
    return (*lines, f"when the translation is updated: {MARK_COMMAND} {shlex.quote(mark)}")


def _page_body(content: str) -> str:
    return read_page(content).body


def recorded_fingerprint(translated_from: Any, language: str) -> str | None:
    value = translated_from.get(language) if isinstance(translated_from, dict) else None
    return value if isinstance(value, str) else None if value is None else str(value)


def _model_findings(project: TranslationProject, languages: Sequence[str], history: SourceHistory) -> list[Finding]:
    source = project.source_language
    findings: list[Finding] = []
    for document in project.sources.documents():
        untranslated: dict[str, list[DocumentPath]] = {}
        for path, translated in translated_fields(document.data):
            source_text = source_value(translated.get(source))
            if source_text is None or not has_text(translated.get(source)):
                continue  # no source text: hooks.check reports it
            current = fingerprint(source_text)
            for language in languages:
                here = path + (language,)
                name = field_path(here)
                if not has_text(translated.get(language)):
                    if language in project.required_languages:
                        findings.append(Finding(
                            MISSING, language, document.location(here if language in translated else path), name,
                            f"missing: the text in required language '{language}' is not there yet"))
                    else:
                        untranslated.setdefault(language, []).append(path)
                    continue
                mark = f"{document.display_path}:{name}"
                recorded = recorded_fingerprint(translated.get(TRANSLATED_FROM), language)
                if recorded is None:
                    findings.append(Finding(
                        UNCONFIRMED, language, document.location(here), name,
                        f"unconfirmed: no fingerprint of the {source} text it was translated from",
                        (f"once checked against the {source} text: {MARK_COMMAND} {shlex.quote(mark)}",)))
                elif recorded != current:
                    updated = _updated_with_source(history, document, path, source, language, recorded)
                    if updated is not None:
                        findings.append(_updated_finding(language, document.location(here), name, updated, source,
                                                         mark))
                        continue
                    old = _old_model_text(history, document, path, source, recorded)
                    findings.append(Finding(
                        OUTDATED, language, document.location(here), name,
                        f"outdated: the {source} text changed after this translation was made "
                        f"(fingerprint {recorded}, now {current})",
                        _change_details(old, _comparable_lines(source_text), field_path(path + (source,)),
                                        recorded, current, mark)))
        for language, paths in untranslated.items():
            names = ", ".join(field_path(path) for path in paths)
            findings.append(Finding(
                UNTRANSLATED, language, document.location(paths[0]), "",
                f"{len(paths)} text{'s' if len(paths) != 1 else ''} not yet translated into '{language}' "
                f"(the site shows {'them' if len(paths) != 1 else 'it'} in '{source}' with a notice)",
                tuple(textwrap.wrap(names, 100)), count=len(paths)))
    return findings


def _updated_with_source(history: SourceHistory, document: YamlDocument, path: DocumentPath, source_language: str,
                         language: str, recorded: str) -> OldVersion | None:
    """The committed version just before the source text's last change, if the translation was up to date with
    it then (its fingerprint is ``recorded``) and has changed since: the translation was updated with its source."""
    translated = value_at(document.data, path)
    current_source = source_value(translated.get(source_language))
    current_translation = source_value(translated.get(language))
    if current_source is None:
        return None
    before = history.find(document.display_path, "yaml", yaml.safe_load,
                          functools.partial(_field_before_change, path=path, source_language=source_language,
                                            current=current_source))
    if before is None:
        return None
    old_source = source_value(before.value.get(source_language))
    old_translation = source_value(before.value.get(language))
    if old_source is None or fingerprint(old_source) != recorded or old_translation is None:
        return None
    return before if current_translation is not None and fingerprint(old_translation) != fingerprint(
        current_translation) else None


def _field_before_change(data: Any, path: DocumentPath, source_language: str,
                         current: SourceValue) -> dict[str, Any] | None:
    """The texts of the field at ``path`` in an old version of a file, if its source text differs from ``current``."""
    try:
        translated = value_at(data, path)
    except (KeyError, IndexError, TypeError):
        return None
    if not isinstance(translated, dict):
        return None
    value = source_value(translated.get(source_language))
    return translated if value is not None and fingerprint(value) != fingerprint(current) else None


def _updated_finding(language: str, location: Location, field: str, before: OldVersion, source_language: str,
                     mark: str) -> Finding:
    return Finding(UPDATED, language, location, field,
                   f"updated together with the {source_language} text, which changed after commit {before.commit} "
                   f"({before.date}): counts as translated",
                   (f"to record it (optional): {MARK_COMMAND} {shlex.quote(mark)}",))


def _old_model_text(history: SourceHistory, document: YamlDocument, path: DocumentPath, source_language: str,
                    recorded: str) -> tuple[str, str, list[str]] | None:
    """(commit, date, lines) of the committed source text at ``path`` whose fingerprint is ``recorded``."""
    if not fingerprint_pattern().match(recorded):
        return None
    found = history.find(document.display_path, "yaml", yaml.safe_load,
                         functools.partial(_old_source, path=path, source_language=source_language, recorded=recorded))
    return (found.commit, found.date, _comparable_lines(found.value)) if found is not None else None


def _old_source(data: Any, path: DocumentPath, source_language: str, recorded: str) -> SourceValue | None:
    """The source text at ``path`` in an old version of a file, if its fingerprint is ``recorded``."""
    try:
        value = source_value(value_at(data, path)[source_language])
    except (KeyError, IndexError, TypeError):
        return None
    return value if value is not None and fingerprint(value) == recorded else None


def _page_findings(project: TranslationProject, languages: Sequence[str], history: SourceHistory) -> list[Finding]:
    source = project.source_language
    source_pages = project.pages(source)
    findings: list[Finding] = []
    for language in languages:
        pages = project.pages(language)
        required = language in project.required_languages
        for page in sorted(source_pages - pages):
            source_shown = project.shown(project.page_path(source, page))
            target_shown = project.shown(project.page_path(language, page))
            if required:
                findings.append(Finding(MISSING, language, Location(source_shown), "",
                                        f"missing: this page has no '{language}' translation ({target_shown})"))
            else:
                findings.append(Finding(UNTRANSLATED, language, Location(source_shown), "",
                                        f"this page is not yet translated into '{language}' ({target_shown}); the "
                                        f"site shows it in '{source}' with a notice"))
        for page in sorted(pages - source_pages):
            findings.append(Finding(
                MISSING, source, Location(project.shown(project.page_path(language, page))), "",
                f"missing: this page has no '{source}' counterpart "
                f"({project.shown(project.page_path(source, page))}); every page has the same file name "
                "in each language folder, and translations are made from the source language"))
        for page in sorted(pages & source_pages):
            findings += _page_translation_findings(project, language, page, history)
    return findings


def _page_translation_findings(project: TranslationProject, language: str, page: str,
                               history: SourceHistory) -> list[Finding]:
    source = project.source_language
    source_file = project.page_path(source, page)
    translation_file = project.page_path(language, page)
    source_page = read_page(source_file.read_text(encoding="utf-8"))
    translation = read_page(translation_file.read_text(encoding="utf-8"))
    shown = project.shown(translation_file)
    source_shown = project.shown(source_file)
    current = fingerprint(source_page.body)
    recorded = recorded_fingerprint(translation.metadata, TRANSLATED_FROM)
    where = Location(shown, translation.line_of(TRANSLATED_FROM), 1)
    if recorded is None:
        return [Finding(UNCONFIRMED, language, where, "",
                        f"unconfirmed: no fingerprint of the version of {source_shown} it was translated from",
                        (f"once checked against {source_shown}: {MARK_COMMAND} {shlex.quote(shown)}",))]
    if recorded == current:
        return []
    before = history.find(source_shown, "page", _page_body,
                          lambda body: body if normalised(body) != normalised(source_page.body) else None)
    if before is not None and fingerprint(before.value) == recorded:
        old_translation = history.read(before.commit, shown, "page", _page_body)
        if old_translation is not None and normalised(old_translation) != normalised(translation.body):
            return [_updated_finding(language, where, "", before, source, shown)]
    old = None
    if fingerprint_pattern().match(recorded):
        found = history.find(source_shown, "page", _page_body,
                             lambda body: body if fingerprint(body) == recorded else None)
        if found is not None:
            old = (found.commit, found.date, str(found.value).splitlines())
    return [Finding(OUTDATED, language, where, "",
                    f"outdated: {source_shown} changed after this page was translated "
                    f"(fingerprint {recorded}, now {current})",
                    _change_details(old, source_page.body.splitlines(), source_shown, recorded, current, shown))]


def _label_findings(project: TranslationProject, languages: Sequence[str]) -> list[Finding]:
    source_file = labels_path(project.docs_dir, project.source_language)
    try:
        source = read_yaml(source_file, project.shown(source_file))
    except ModelError:
        return []  # hooks.check and the build report an unreadable source labels file
    if not isinstance(source.data, dict):
        return []
    findings = []
    for language in languages:
        path = labels_path(project.docs_dir, language)
        shown = project.shown(path)
        if not path.is_file():
            findings.append(Finding(MISSING, language, Location(shown), "",
                                    f"missing: the labels file for '{language}' is not there; copy "
                                    f"{source.display_path} and translate its texts"))
            continue
        try:
            labels = read_yaml(path, shown)
        except ModelError as error:
            findings += [Finding(MISSING, language, problem.location, problem.field, problem.message)
                         for problem in error.problems]
            continue
        have = labels.data if isinstance(labels.data, dict) else {}
        for key in source.data:
            if not has_text(have.get(key)):
                findings.append(Finding(MISSING, language, labels.location((key,)) if key in have else Location(shown),
                                        key, f"missing: the label is not translated (it is defined in "
                                             f"{source.location((key,), key=True)})"))
    return findings


_KIND_ORDER = {MISSING: 0, OUTDATED: 1, UNCONFIRMED: 2, UNTRANSLATED: 3, UPDATED: 4}


def translation_status(project: TranslationProject, languages: Sequence[str] | None = None,
                       history: SourceHistory | None = None) -> list[Finding]:
    """Every translation finding for ``languages`` (default: every language other than the source)."""
    chosen = tuple(languages or project.translation_languages)
    history = history or SourceHistory(project.root)
    findings = [*_page_findings(project, chosen, history), *_label_findings(project, chosen),
                *_model_findings(project, chosen, history)]
    order = {code: index for index, code in enumerate(language.code for language in project.languages)}
    return sorted(findings, key=lambda f: (order.get(f.language, -1), _KIND_ORDER[f.kind], f.location, f.field))


def summary(project: TranslationProject, findings: Sequence[Finding], languages: Sequence[str]) -> list[str]:
    """A line per language, and a last line saying whether the translations are complete and up to date."""
    names = {language.code: language.name for language in project.languages}
    lines = []
    for language in [project.source_language, *languages]:
        mine = [finding for finding in findings if finding.language == language]
        if language == project.source_language and not mine:
            continue
        counts = {kind: sum(f.count for f in mine if f.kind == kind) for kind in _KIND_ORDER}
        parts = [f"{count} {kind}" for kind, count in counts.items() if count]
        state = ", ".join(parts) if parts else "complete and up to date"
        role = "source language" if language == project.source_language else (
            "required" if language in project.required_languages else "not required")
        lines.append(f"{language} ({names.get(language, language)}, {role}): {state}.")
    failing = sum(f.count for f in findings if f.kind in FAILING)
    untranslated = sum(f.count for f in findings if f.kind == UNTRANSLATED)
    if failing:
        lines.append(f"{failing} translation{'s' if failing != 1 else ''} missing, outdated or unconfirmed.")
    elif untranslated:
        lines.append(f"Every required translation is complete and up to date; {untranslated} "
                     f"text{'s' if untranslated != 1 else ''} or page{'s' if untranslated != 1 else ''} "
                     "in other languages are not yet translated.")
    else:
        lines.append("All translations are complete and up to date.")
    return lines
