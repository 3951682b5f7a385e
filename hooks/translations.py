"""Translation status, and marking translations up to date: ``python -m hooks.translations``.

For each site language other than the model's source language, the status report lists:

- handwritten pages that exist in one language folder but not in the other;
- label keys missing from the language's ``labels.yml``;
- model texts missing in the language: *missing* in a required language (model.yaml's
  ``required_languages``), *not yet translated* in any other site language, which the site shows in
  the source language with a notice;
- *outdated* translations, whose source text changed after they were made: each translation keeps the
  fingerprint of its source text (``translated_from``), and the report shows how the source text
  changed, read from git when the history is at hand;
- *unconfirmed* translations, which have no fingerprint yet.

``--strict`` exits 1 when anything is missing, outdated or unconfirmed; texts not yet translated into
a language that is not required never fail. ``python -m hooks.translations mark`` records that
translations are up to date, by writing the fingerprint of the current source text next to them.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import re
import shlex
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .fingerprint import FINGERPRINT_PATTERN, fingerprint, normalised
from .frontmatter import PageSource, read_page, with_front_matter_value
from .history import SourceHistory
from .labels import labels_path
from .load import TRANSLATED_FROM, ModelSources, read_sources, translated_fields
from .problems import Location, ModelError, Problem, display_path, escape_annotation, escape_property, field_path
from .siteconfig import SiteLanguage, i18n_languages, read_mkdocs_yml
from .yamledit import with_fingerprints
from .yamlsource import DocumentPath, YamlDocument, parse_yaml, read_yaml, value_at

MISSING = "missing"
OUTDATED = "outdated"
UNCONFIRMED = "unconfirmed"
UNTRANSLATED = "not yet translated"
#: What --strict fails on. Not yet translated texts in a language that is not required do not count:
#: the site shows them in the source language with a notice, which is how a new language is added.
FAILING = (MISSING, OUTDATED, UNCONFIRMED)
MARK_COMMAND = "python -m hooks.translations mark"
SourceValue = str | tuple[str, ...]


# ---------------------------------------------------------------------------------------------------
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
    settings = read_mkdocs_yml(config)
    root = config.resolve().parent
    languages = tuple(i18n_languages(settings))
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
    if not languages:
        raise ModelError([Problem(Location(display_path(config, root)), "plugins.i18n.languages",
                                  "no languages are configured for the i18n plugin")])
    docs_dir = root / str(settings.get("docs_dir", "docs"))
    return TranslationProject(root, docs_dir, languages, source_language, required_languages, sources), problems


# ---------------------------------------------------------------------------------------------------
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
        params = [f"file={self.location.path}"]
        if self.location.line:
            params += [f"line={self.location.line}", f"col={self.location.column}"]
        params.append(f"title={escape_property(f'Translation {self.kind} ({self.language})')}")
        text = "\n".join([f"{self.field}: {self.message}" if self.field else self.message, *self.details])
        return f"::{level} {','.join(params)}::{escape_annotation(text)}"


def _has_text(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(isinstance(item, str) and item.strip() for item in value)
    return False


def _source_value(value: Any) -> SourceValue | None:
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


def _recorded(translated_from: Any, language: str) -> str | None:
    value = translated_from.get(language) if isinstance(translated_from, dict) else None
    return value if isinstance(value, str) else None if value is None else str(value)


def _model_findings(project: TranslationProject, languages: Sequence[str], history: SourceHistory) -> list[Finding]:
    source = project.source_language
    findings: list[Finding] = []
    for document in project.sources.documents():
        untranslated: dict[str, list[DocumentPath]] = {}
        for path, translated in translated_fields(document.data, source):
            source_text = _source_value(translated.get(source))
            if source_text is None or not _has_text(translated.get(source)):
                continue  # no source text: hooks.check reports it
            current = fingerprint(source_text)
            for language in languages:
                here = path + (language,)
                name = field_path(here)
                if not _has_text(translated.get(language)):
                    if language in project.required_languages:
                        findings.append(Finding(
                            MISSING, language, document.location(here if language in translated else path), name,
                            f"missing: the text in required language '{language}' is not there yet"))
                    else:
                        untranslated.setdefault(language, []).append(path)
                    continue
                mark = f"{document.display_path}:{name}"
                recorded = _recorded(translated.get(TRANSLATED_FROM), language)
                if recorded is None:
                    findings.append(Finding(
                        UNCONFIRMED, language, document.location(here), name,
                        f"unconfirmed: no fingerprint of the {source} text it was translated from",
                        (f"once checked against the {source} text: {MARK_COMMAND} {shlex.quote(mark)}",)))
                elif recorded != current:
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


def _old_model_text(history: SourceHistory, document: YamlDocument, path: DocumentPath, source_language: str,
                    recorded: str) -> tuple[str, str, list[str]] | None:
    """(commit, date, lines) of the committed source text at ``path`` whose fingerprint is ``recorded``."""
    if not FINGERPRINT_PATTERN.match(recorded):
        return None
    found = history.find(document.display_path, "yaml", yaml.safe_load,
                         functools.partial(_old_source, path=path, source_language=source_language, recorded=recorded))
    return (found.commit, found.date, _comparable_lines(found.value)) if found is not None else None


def _old_source(data: Any, path: DocumentPath, source_language: str, recorded: str) -> SourceValue | None:
    """The source text at ``path`` in an old version of a file, if its fingerprint is ``recorded``."""
    try:
        value = _source_value(value_at(data, path)[source_language])
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
    recorded = _recorded(translation.metadata, TRANSLATED_FROM)
    where = Location(shown, translation.line_of(TRANSLATED_FROM), 1)
    if recorded is None:
        return [Finding(UNCONFIRMED, language, where, "",
                        f"unconfirmed: no fingerprint of the version of {source_shown} it was translated from",
                        (f"once checked against {source_shown}: {MARK_COMMAND} {shlex.quote(shown)}",))]
    if recorded == current:
        return []
    old = None
    if FINGERPRINT_PATTERN.match(recorded):
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
            if not _has_text(have.get(key)):
                findings.append(Finding(MISSING, language, labels.location((key,)) if key in have else Location(shown),
                                        key, f"missing: the label is not translated (it is defined in "
                                             f"{source.location((key,), key=True)})"))
    return findings


_KIND_ORDER = {MISSING: 0, OUTDATED: 1, UNCONFIRMED: 2, UNTRANSLATED: 3}


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


# ---------------------------------------------------------------------------------------------------
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
        for path, translated in translated_fields(document.data, source_language):
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
            paths = [path for path, _ in translated_fields(documents[shown].data, project.source_language)]
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
        source_text = _source_value(translated.get(source))
        if source_text is None:
            continue
        existing = translated.get(TRANSLATED_FROM)
        existing = dict(existing) if isinstance(existing, dict) else {}
        wanted = dict(existing)
        for language in languages:
            if (only is None or only == language) and _has_text(translated.get(language)):
                wanted[language] = fingerprint(source_text)
                recorded = _recorded(existing, language)
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


# ---------------------------------------------------------------------------------------------------
# Command line


def _languages_argument(project: TranslationProject, wanted: Sequence[str] | None) -> tuple[str, ...]:
    if not wanted:
        return project.translation_languages
    unknown = [code for code in wanted if code not in project.translation_languages]
    if unknown:
        raise ModelError([Problem(Location("mkdocs.yml"), "plugins.i18n.languages",
                                  f"'{code}' is not a site language to translate into "
                                  f"(expected one of: {', '.join(project.translation_languages)})")
                          for code in unknown])
    return tuple(wanted)


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default="mkdocs.yml", type=Path,
                        help="the site's mkdocs.yml, which names the languages (default: %(default)s)")
    parser.add_argument("--language", action="append", metavar="CODE",
                        help="only this language (may be given more than once; default: every language "
                             "other than the source language)")


def _print_problems(problems: Sequence[Problem], output_format: str) -> None:
    for problem in problems:
        print(problem.github_annotation() if output_format == "github" else str(problem))


def _status_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hooks.translations",
        description="Report missing, outdated and unconfirmed translations. "
                    f"To mark translations up to date: {MARK_COMMAND} --help",
    )
    _common_arguments(parser)
    parser.add_argument("--format", choices=("plain", "github"), default="plain", dest="output_format",
                        help="plain text, or GitHub Actions annotations")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a translation is missing, outdated or unconfirmed")
    parser.add_argument("--no-history", action="store_true",
                        help="do not read earlier source texts from git (faster; no diffs)")
    arguments = parser.parse_args(argv)
    try:
        project, problems = read_project(arguments.config)
        languages = _languages_argument(project, arguments.language)
        findings = translation_status(project, languages, SourceHistory(project.root, not arguments.no_history))
    except ModelError as error:
        _print_problems(error.problems, arguments.output_format)
        return 1
    for finding in findings:
        print(finding.github_annotation(arguments.strict) if arguments.output_format == "github" else str(finding))
    _print_problems(problems, arguments.output_format)
    if findings:
        print()
    for line in summary(project, findings, languages):
        print(line)
    if problems:
        print(f"{len(problems)} model file{'s' if len(problems) != 1 else ''} could not be read; "
              "their translations are not in this report (see python -m hooks.check).")
        return 1
    return 1 if arguments.strict and any(finding.kind in FAILING for finding in findings) else 0


def _mark_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=MARK_COMMAND,
        description="Mark translations as up to date with their source text: write the source text's "
                    "fingerprint (translated_from) next to each chosen translation. Do this after checking "
                    "or updating the translation.",
    )
    _common_arguments(parser)
    parser.add_argument("targets", nargs="*", metavar="PATH or FILE:FIELD",
                        help="model files, folders, handwritten pages, or one field such as "
                             "model/competencies/samenwerken.yaml:definition.fr (default: everything)")
    arguments = parser.parse_args(argv)
    try:
        project, problems = read_project(arguments.config)
        if problems:
            raise ModelError(problems)
        languages = _languages_argument(project, arguments.language)
        marked = mark_translations(project, languages, arguments.targets)
    except ModelError as error:
        _print_problems(error.problems, "plain")
        print("Nothing was marked in the files listed above.", file=sys.stderr)
        return 1
    for result in marked:
        note = f"; it had been outdated: {', '.join(result.were_outdated)}" if result.were_outdated else ""
        print(f"{result.path}: marked {result.marked} translation{'s' if result.marked != 1 else ''} "
              f"up to date{note}")
    if marked:
        print(f"{len(marked)} file{'s' if len(marked) != 1 else ''} changed.")
    else:
        print("Nothing to change: the chosen translations were already marked up to date.")
    return 0


_OPTIONS_WITH_VALUES = ("--config", "--language", "--format")


def _command_position(arguments: Sequence[str]) -> int | None:
    """Where the word ``mark`` stands, if it is the command: the first argument that is no option or option value."""
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        if argument in _OPTIONS_WITH_VALUES:
            index += 2
            continue
        if not argument.startswith("-"):
            return index if argument == "mark" else None
        index += 1
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = _command_position(arguments)
    try:
        if command is not None:
            return _mark_main(arguments[:command] + arguments[command + 1:])
        return _status_main(arguments)
    except BrokenPipeError:  # the reader (head, less) stopped reading
        return 1
    except (OSError, UnicodeDecodeError) as error:
        print(f"cannot read or write a file: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
