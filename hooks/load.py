"""Load the model files, validate them against the JSON Schema and across files, and build a Model.

The JSON Schema in model/schema/ is the only description of the files' structure: this module applies
it with ``jsonschema`` and then checks only what a schema cannot express (references between files,
unique ids and orders, required languages, text hygiene).
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .model import (
    ChangelogEntry,
    Competency,
    Development,
    GlossaryTerm,
    Group,
    HrUse,
    LevelIndicators,
    MasteryLevel,
    Model,
    Translated,
)
from .problems import Location, ModelError, Problem, display_path, field_path
from .yamlsource import DocumentPath, YamlDocument, leaves_repository, read_yaml, repository_of, symlink_problem

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_DIR = "schema"
COMPETENCY_DIR = "competencies"
#: The model's single files, each with the schema it follows.
SINGLE_FILES = {
    "model.yaml": "model.schema.json",
    "groups.yaml": "groups.schema.json",
    "levels.yaml": "levels.schema.json",
    "changelog.yaml": "changelog.schema.json",
}
#: Model files a model may do without, each with the schema it follows.
OPTIONAL_FILES = {
    "glossary.yaml": "glossary.schema.json",
}
COMPETENCY_SCHEMA = "competency.schema.json"
TRANSLATED_FROM = "translated_from"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")


@dataclass(frozen=True)
class ModelSources:
    """The parsed model files, before they become a Model: what the tools that edit files work on."""

    model_dir: Path
    root: Path
    single: dict[str, YamlDocument]
    competencies: tuple[YamlDocument, ...]
    competency_file_ids: tuple[str, ...] = ()
    """The ids (file names) of every competency file, including those that did not parse."""

    def documents(self) -> Iterator[YamlDocument]:
        yield from self.single.values()
        yield from self.competencies


# ---------------------------------------------------------------------------------------------------
# Schema


#: The base URI the schemas get in the fast validator, so that a reference such as
#: ``common.schema.json#/$defs/id`` resolves to its sibling file. Nothing is ever fetched from it.
_SCHEMA_BASE = "https://competency-model.invalid/schema/"


class SchemaCheck:
    """One schema, compiled twice: a fast yes/no check, and the validator that explains a no.

    ``jsonschema`` walks a document in Python, and on a large model that was most of what the hooks
    added to a build. ``jsonschema_rs`` (Rust) answers "is this file valid?" in a fraction of the time,
    and every file is checked with it first. Only a file it refuses goes through ``jsonschema``, whose
    errors carry what the messages below are written from (the keyword, the schema, the path); it is
    imported and compiled then, not before. Both implement Draft 2020-12; tests/test_schema_check.py
    checks that they agree, on the real model and on many broken variants of it.
    """

    def __init__(self, name: str, schemas: dict[str, Any], fast_registry: jsonschema_rs.Registry) -> None:
        self.name = name
        self.schemas = schemas
        self.fast = jsonschema_rs.Draft202012Validator(schemas[name], registry=fast_registry, offline=True,
                                                       base_uri=_SCHEMA_BASE + name)

    @functools.cached_property
    def full(self) -> Draft202012Validator:
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource

        registry: Registry = Registry().with_resources(
            (name, Resource.from_contents(schema)) for name, schema in self.schemas.items())
        return Draft202012Validator(self.schemas[self.name], registry=registry)

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        if self.fast.is_valid(instance):
            return iter(())
        return self.full.iter_errors(instance)


@functools.lru_cache(maxsize=8)
def _validators(schema_dir: Path, stamp: tuple[tuple[str, int], ...]) -> dict[str, SchemaCheck]:
    """Compile every schema once; ``stamp`` (names and mtimes) makes an edited schema recompile."""
    schemas = {name: json.loads((schema_dir / name).read_text(encoding="utf-8")) for name, _ in stamp}
    fast_registry = jsonschema_rs.Registry([(_SCHEMA_BASE + name, schema) for name, schema in schemas.items()])
    return {name: SchemaCheck(name, schemas, fast_registry) for name in schemas}


def schema_validators(model_dir: Path) -> dict[str, SchemaCheck]:
    """The compiled schemas of model/schema/, keyed by schema file name."""
    schema_dir = model_dir / SCHEMA_DIR
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in schema_dir.glob("*.schema.json")))
    return _validators(schema_dir, stamp)


_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "object": "a mapping (key: value)",
               "array": "a list", "boolean": "true or false", "null": "nothing"}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    return "a list"


def _type_message(expected: Any, instance: Any) -> str:
    wanted = expected if isinstance(expected, str) else expected[0]
    hint = ""
    if wanted == "string" and isinstance(instance, bool):
        hint = " (YAML reads yes, no, on, off, true and false as true/false: put the text in quotes)"
    elif wanted == "string" and isinstance(instance, (int, float)):
        hint = " (put it in quotes)"
    return f"expected {_TYPE_NAMES.get(wanted, wanted)}, found {_describe(instance)}{hint}"


def _pattern_message(expected: Any, instance: Any) -> str:
    if "a-z0-9" in str(expected):
        return (f"{instance!r} is not a valid id: use lower-case letters, digits and "
                "single hyphens, for example 'kritisch-denken'")
    if "0-9]{4}" in str(expected):
        return f"{instance!r} is not a date written as YYYY-MM-DD"
    return f"{instance!r} does not have the expected form ({expected})"


def _count_message(schema: Mapping[str, Any], instance: list[Any]) -> str:
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low is not None and high is not None:
        wanted = str(low) if low == high else f"{low} to {high}"
    else:
        wanted = f"at least {low}" if low is not None else f"at most {high}"
    return f"expected {wanted} items, found {len(instance)}"


def _schema_message(error: ValidationError) -> tuple[DocumentPath, bool, str]:
    """A person's wording of a jsonschema error: (path, whether it points at a key, message)."""
    path: DocumentPath = tuple(error.absolute_path)
    validator = error.validator
    instance: Any = error.instance
    expected: Any = error.validator_value
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    if "propertyNames" in error.relative_schema_path and isinstance(instance, str):
        # Checked before the rest: inside propertyNames, jsonschema reports the key as the instance.
        return path + (instance,), True, f"'{instance}' is not a language code such as nl or fr"
    if validator == "required":
        missing = re.match(r"'([^']+)'", error.message)
        name = missing.group(1) if missing else error.message
        return path + (name,), False, f"the field '{name}' is missing"
    if validator == "additionalProperties" and isinstance(instance, dict):
        allowed = set(schema.get("properties", {}))
        unknown = sorted(key for key in instance if key not in allowed)
        if unknown:
            hint = f"; allowed here: {', '.join(sorted(allowed))}" if allowed else ""
            return path + (unknown[0],), True, f"unknown field '{unknown[0]}'{hint}"
    if validator == "type":
        return path, False, _type_message(expected, instance)
    if validator == "pattern":
        return path, False, _pattern_message(expected, instance)
    if validator in ("minItems", "maxItems") and isinstance(instance, list):
        return path, False, _count_message(schema, instance)
    if validator == "minProperties":
        return path, False, "is empty: give the text in each language (nl: ..., fr: ...)"
    if validator == "uniqueItems":
        return path, False, "lists the same value twice"
    if validator == "minimum":
        return path, False, f"must be {expected} or more, found {instance}"
    return path, False, error.message


def schema_problems(document: YamlDocument, validator: SchemaCheck) -> list[Problem]:
    """What is wrong with a parsed file against its schema, in people's words, with file:line:col."""
    return _schema_problems(document, validator)


def _schema_problems(document: YamlDocument, validator: SchemaCheck) -> list[Problem]:
    problems = []
    for error in validator.iter_errors(document.data):
        path, at_key, message = _schema_message(error)
        problems.append(Problem(document.location(path, key=at_key), field_path(path), message))
    return problems


# ---------------------------------------------------------------------------------------------------
# Translated texts, found generically so that no second copy of the structure lives here


def is_translated(value: Any, source_language: str) -> bool:
    """Whether a schema-valid value is a languageText or languageList mapping.

    Recognised by its keys (language codes), not by the source language's key: a text whose source
    language is missing is still a text, and the check must report it rather than skip it.
    """
    return (isinstance(value, dict) and bool(value)
            and all(key == TRANSLATED_FROM or LANGUAGE_CODE.match(key) for key in value))


def translated_fields(data: Any, source_language: str,
                      path: DocumentPath = ()) -> Iterator[tuple[DocumentPath, dict[str, Any]]]:
    """Every translated mapping in a document, with its path, in document order."""
    if is_translated(data, source_language):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from translated_fields(value, source_language, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from translated_fields(value, source_language, path + (index,))


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


def _text_problems(document: YamlDocument, source_language: str, required_languages: Iterable[str],
                   site_languages: tuple[str, ...] = ()) -> list[Problem]:
    problems = []
    required = tuple(required_languages)
    for path, field in translated_fields(document.data, source_language):
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


# ---------------------------------------------------------------------------------------------------
# Loading


def links_out_of_repository(folder: Path, root: Path) -> list[Path]:
    """Every symbolic link in ``folder`` and below (files and folders) that leaves the repository of ``root``."""
    repository = repository_of(root)
    found = [folder] if leaves_repository(folder, repository) else []
    for parent, folders, files in os.walk(folder, followlinks=False):
        found += [Path(parent) / name for name in sorted([*folders, *files])
                  if leaves_repository(Path(parent) / name, repository)]
    return found


def read_sources(model_dir: Path, root: Path | None = None) -> tuple[ModelSources, list[Problem]]:
    """Parse every model file: the files that parsed, and the problems of those that did not."""
    root = root or model_dir.parent
    links = links_out_of_repository(model_dir, root)
    if links:  # refused before anything is read: a link may point at any file of the machine
        raise ModelError([symlink_problem(display_path(link, root)) for link in links])
    problems: list[Problem] = []
    single: dict[str, YamlDocument] = {}
    for name in SINGLE_FILES:
        path = model_dir / name
        shown = display_path(path, root)
        if not path.is_file():
            problems.append(Problem(Location(shown), "", "this model file is missing"))
            continue
        try:
            single[name] = read_yaml(path, shown)
        except ModelError as error:
            problems.extend(error.problems)
    for name in OPTIONAL_FILES:
        path = model_dir / name
        if path.is_file():
            try:
                single[name] = read_yaml(path, display_path(path, root))
            except ModelError as error:
                problems.extend(error.problems)
    competencies = []
    competency_dir = model_dir / COMPETENCY_DIR
    paths = sorted([*competency_dir.glob("*.yaml"), *competency_dir.glob("*.yml")])
    if not paths:
        problems.append(Problem(Location(display_path(competency_dir, root)), "",
                                "no competency files (*.yaml) found"))
    for path in paths:
        try:
            competencies.append(read_yaml(path, display_path(path, root)))
        except ModelError as error:
            problems.extend(error.problems)
    file_ids = tuple(path.stem for path in paths)
    return ModelSources(model_dir, root, single, tuple(competencies), file_ids), problems


def validate_sources(sources: ModelSources, site_languages: Iterable[str] = (),
                     reserved: Mapping[str, str] | None = None) -> list[Problem]:
    """Every problem in the parsed files: the schema, then what spans files.

    ``reserved`` maps the names that a group id may not take (the site's other pages and folders) to
    what is published there.

    Cross-file checks read only files that follow the schema, so one broken file does not bury the
    others' problems under noise; competencies in broken files still count as existing.
    """
    validators = schema_validators(sources.model_dir)
    problems: list[Problem] = []
    for name, document in sources.single.items():
        problems += _schema_problems(document, validators[SINGLE_FILES.get(name) or OPTIONAL_FILES[name]])
    valid_competencies = []
    for document in sources.competencies:
        found = _schema_problems(document, validators[COMPETENCY_SCHEMA])
        problems += found
        if not found:
            valid_competencies.append(document)
    if problems and any(problem.location.path.endswith((*SINGLE_FILES, *OPTIONAL_FILES)) for problem in problems):
        return problems
    if any(name not in sources.single for name in SINGLE_FILES):
        return problems
    return problems + _cross_file_problems(sources, tuple(valid_competencies), tuple(site_languages), reserved or {})


def _duplicates(entries: Iterable[tuple[Any, YamlDocument, DocumentPath]], what: str,
                shown: Callable[[Any], str] = repr) -> list[Problem]:
    seen: dict[Any, YamlDocument] = {}
    seen_path: dict[Any, DocumentPath] = {}
    problems = []
    for value, document, path in entries:
        if value in seen:
            first = seen[value].location(seen_path[value])
            problems.append(Problem(document.location(path), field_path(path),
                                    f"{what} {shown(value)} is already used at {first}"))
        else:
            seen[value], seen_path[value] = document, path
    return problems


def _cross_file_problems(sources: ModelSources, competencies: tuple[YamlDocument, ...],
                         site_languages: tuple[str, ...], reserved: Mapping[str, str]) -> list[Problem]:
    facts = sources.single["model.yaml"]
    source_language = facts.data["source_language"]
    problems, required = _language_problems(facts, site_languages)
    problems += _date_problems(facts, sources.single["changelog.yaml"])

    groups_doc, levels_doc = sources.single["groups.yaml"], sources.single["levels.yaml"]
    groups = groups_doc.data["groups"]
    levels = levels_doc.data["levels"]
    group_ids = {group["id"] for group in groups}
    level_ids = [level["id"] for level in levels]

    problems += _duplicates(((g["id"], groups_doc, ("groups", i, "id")) for i, g in enumerate(groups)), "the group id")
    problems += _duplicates(((g["order"], groups_doc, ("groups", i, "order")) for i, g in enumerate(groups)), "the order")
    problems += _duplicates(((lv["id"], levels_doc, ("levels", i, "id")) for i, lv in enumerate(levels)), "the level id")
    problems += _duplicates(((lv["order"], levels_doc, ("levels", i, "order")) for i, lv in enumerate(levels)), "the order")
    glossary_doc = sources.single.get("glossary.yaml")
    if glossary_doc is not None:
        problems += _duplicates(((term["id"], glossary_doc, ("terms", i, "id"))
                                 for i, term in enumerate(glossary_doc.data["terms"])), "the term id")

    competency_ids: set[str] = set(sources.competency_file_ids)
    for document in competencies:
        competency_ids.add(document.data["id"])
        problems += _competency_reference_problems(document, group_ids, level_ids)

    # An id that differs from its file name is reported above; only files named after their id can clash
    # (samenwerken.yaml and samenwerken.yml), and blaming the other file for it would point at the wrong one.
    named_after_id = [d for d in competencies if d.data["id"] == d.path.stem]
    problems += _duplicates(((d.data["id"], d, ("id",)) for d in named_after_id), "the competency id")
    problems += _duplicates((((d.data["group"], d.data["order"]), d, ("order",)) for d in competencies),
                            "the order", lambda pair: f"{pair[1]} in group {pair[0]!r}")
    taken = competency_ids | group_ids
    for document in competencies:
        problems += _competency_link_problems(document, taken, competency_ids)
    problems += _duplicates(((former, d, ("former_ids", i)) for d in competencies
                             for i, former in enumerate(d.data.get("former_ids", []))), "the former id")
    problems += _group_former_problems(groups_doc, group_ids)
    problems += _address_problems(groups_doc, competencies, reserved)

    for document in [*sources.single.values(), *competencies]:
        problems += _text_problems(document, source_language, required, site_languages)
    return problems


def _language_problems(facts: YamlDocument, site_languages: tuple[str, ...]) -> tuple[list[Problem], list[str]]:
    """Problems of model.yaml's languages, and the required languages the site has."""
    problems: list[Problem] = []
    source_language = facts.data["source_language"]
    required = facts.data["required_languages"]
    if source_language not in required:
        problems.append(Problem(facts.location(("required_languages",)), "required_languages",
                                f"must include the source language '{source_language}'"))
    for index, language in enumerate(required):
        if site_languages and language not in site_languages:
            problems.append(Problem(facts.location(("required_languages", index)),
                                    field_path(("required_languages", index)),
                                    f"'{language}' is not one of the site's languages in mkdocs.yml "
                                    f"({', '.join(site_languages)})"))
    # A language the site does not have is reported once above, not once for every text.
    return problems, [language for language in required if not site_languages or language in site_languages]


def _date_problems(facts: YamlDocument, changelog_doc: YamlDocument) -> list[Problem]:
    """Dates written YYYY-MM-DD that are not in the calendar (2026-02-30)."""
    problems: list[Problem] = []
    dates: list[tuple[YamlDocument, DocumentPath, str]] = [(facts, ("date",), facts.data["date"])]
    dates += [(changelog_doc, ("changes", index, "date"), entry["date"])
              for index, entry in enumerate(changelog_doc.data["changes"])]
    for document, date_path, written in dates:
        try:
            datetime.date.fromisoformat(written)
        except ValueError:
            problems.append(Problem(document.location(date_path), field_path(date_path),
                                    f"{written!r} is not a date in the calendar (written YYYY-MM-DD)"))
    return problems


def _competency_reference_problems(document: YamlDocument, group_ids: set[str], level_ids: list[str]) -> list[Problem]:
    """A competency's id against its file name, and its group and levels against groups.yaml and levels.yaml."""
    problems: list[Problem] = []
    data = document.data
    if data["id"] != document.path.stem:
        problems.append(Problem(document.location(("id",)), "id",
                                f"the id {data['id']!r} must equal the file name {document.path.stem!r}: "
                                "the id is the page's URL, so rename the file rather than the id"))
    if data["group"] not in group_ids:
        problems.append(Problem(document.location(("group",)), "group",
                                f"no group with id {data['group']!r} in model/groups.yaml "
                                f"(known: {', '.join(sorted(group_ids))})"))
    given = [entry["level"] for entry in data["levels"]]
    for index, level in enumerate(given):
        if level not in level_ids:
            problems.append(Problem(document.location(("levels", index, "level")),
                                    field_path(("levels", index, "level")),
                                    f"no level with id {level!r} in model/levels.yaml "
                                    f"(known: {', '.join(level_ids)})"))
    problems += _duplicates(((level, document, ("levels", i, "level")) for i, level in enumerate(given)),
                            "the level")
    for level in level_ids:
        if level not in given:
            problems.append(Problem(document.location(("levels",)), "levels",
                                    f"the indicators for level {level!r} are missing"))
    return problems


def _competency_link_problems(document: YamlDocument, taken: set[str], competency_ids: set[str]) -> list[Problem]:
    """Former ids that are still in use, and related competencies that do not exist."""
    problems: list[Problem] = []
    for index, former in enumerate(document.data.get("former_ids", [])):
        if former in taken:
            problems.append(Problem(document.location(("former_ids", index)), field_path(("former_ids", index)),
                                    f"{former!r} is the id of a current competency or group; "
                                    "a former id must be free so that it can redirect"))
    for index, related in enumerate(document.data["related"]):
        path = ("related", index)
        if related == document.data["id"]:
            problems.append(Problem(document.location(path), field_path(path),
                                    "a competency cannot be related to itself"))
        elif related not in competency_ids:
            problems.append(Problem(document.location(path), field_path(path),
                                    f"no competency with id {related!r} in model/competencies/"))
    return problems


def _group_former_problems(groups_doc: YamlDocument, group_ids: set[str]) -> list[Problem]:
    """Former group ids that are a current group's id, or given twice."""
    problems: list[Problem] = []
    group_formers: list[tuple[str, YamlDocument, DocumentPath]] = [
        (former, groups_doc, ("groups", g, "former_ids", i))
        for g, group in enumerate(groups_doc.data["groups"]) for i, former in enumerate(group.get("former_ids", []))]
    for former, _, former_path in group_formers:
        if former in group_ids:
            problems.append(Problem(groups_doc.location(former_path), field_path(former_path),
                                    f"{former!r} is the id of a current group; "
                                    "a former id must be free so that it can redirect"))
    return problems + _duplicates(group_formers, "the former group id")


#: A competency's page is ``<group id>/<competency id>``: this id would be the group's own page.
GROUP_PAGE_NAME = "index"


def _address_problems(groups_doc: YamlDocument, competencies: Iterable[YamlDocument],
                      reserved: Mapping[str, str]) -> list[Problem]:
    """Ids whose page would take the address of another page of the site, and replace it in every language."""
    problems = []
    for g, group in enumerate(groups_doc.data["groups"]):
        ids: list[tuple[DocumentPath, str, str]] = [(("groups", g, "id"), group["id"], "page")]
        ids += [(("groups", g, "former_ids", i), former, "redirect") for i, former in enumerate(group.get("former_ids", []))]
        for path, name, what in ids:
            if name in reserved:
                problems.append(Problem(groups_doc.location(path), field_path(path),
                                        f"{name!r} is the address of {reserved[name]}: this group's {what} "
                                        f"(/<language>/{name}/) would replace it in every language; choose another id"))
    for document in competencies:
        if document.data["id"] == GROUP_PAGE_NAME:
            problems.append(Problem(document.location(("id",)), "id",
                                    f"{GROUP_PAGE_NAME!r} is the address of the group's own page: this competency's "
                                    "page would replace it in every language; choose another id (and file name)"))
    return problems


def _translated(value: dict[str, Any]) -> Translated[Any]:
    texts = {key: (tuple(text) if isinstance(text, list) else text)
             for key, text in value.items() if key != TRANSLATED_FROM}
    return Translated(texts, dict(value.get(TRANSLATED_FROM, {})))


def build_model(sources: ModelSources) -> Model:
    """Turn validated sources into the Model; assumes validate_sources found nothing."""
    facts = sources.single["model.yaml"].data
    levels = tuple(sorted(
        (MasteryLevel(lv["id"], lv["order"], _translated(lv["name"]), _translated(lv["description"]))
         for lv in sources.single["levels.yaml"].data["levels"]), key=lambda level: level.order))
    groups = tuple(sorted(
        (Group(g["id"], g["order"], _translated(g["name"]), _translated(g["description"]),
               tuple(g.get("former_ids", ())))
         for g in sources.single["groups.yaml"].data["groups"]), key=lambda group: group.order))
    group_by_id = {group.id: group for group in groups}
    competencies = []
    for document in sources.competencies:
        data = document.data
        development, hr_use = data["development"], data["hr_use"]
        indicators = {entry["level"]: _translated(entry["indicators"]) for entry in data["levels"]}
        competencies.append(Competency(
            id=data["id"],
            group=group_by_id[data["group"]],
            order=data["order"],
            name=_translated(data["name"]),
            definition=_translated(data["definition"]),
            description=_translated(data["description"]),
            key_aspects=_translated(data["key_aspects"]),
            this_means=_translated(data["this_means"]),
            this_does_not_mean=_translated(data["this_does_not_mean"]),
            levels=tuple(LevelIndicators(level, indicators[level.id]) for level in levels),
            digital=_translated(data["digital"]),
            leadership=_translated(data["leadership"]),
            development=Development(*(_translated(development[key]) for key in
                                      ("on_the_job", "with_others", "learning", "reflection_questions"))),
            hr_use=HrUse(_translated(hr_use["selection_questions"]), _translated(hr_use["evaluation_objectives"])),
            related_ids=tuple(data["related"]),
            former_ids=tuple(data.get("former_ids", ())),
            source_file=document.display_path,
        ))
    competencies.sort(key=lambda c: (c.group.order, c.order))
    changelog = tuple(ChangelogEntry(entry["version"], entry["date"], _translated(entry["summary"]))
                      for entry in sources.single["changelog.yaml"].data["changes"])
    glossary_doc = sources.single.get("glossary.yaml")
    glossary = tuple(GlossaryTerm(term["id"], _translated(term["term"]), _translated(term["forms"]),
                                  _translated(term["definition"]))
                     for term in (glossary_doc.data["terms"] if glossary_doc is not None else ()))
    return Model(
        title=_translated(facts["title"]),
        version=facts["version"],
        date=facts["date"],
        source_language=facts["source_language"],
        required_languages=tuple(facts["required_languages"]),
        maintainer=_translated(facts["maintainer"]),
        introduction=_translated(facts["introduction"]) if "introduction" in facts else None,
        groups=groups,
        levels=levels,
        competencies=tuple(competencies),
        changelog=changelog,
        glossary=glossary,
    )


def load_model(model_dir: Path, root: Path | None = None, site_languages: Iterable[str] = ()) -> Model:
    """Read, validate and build the model; raise ModelError listing every problem."""
    sources, problems = read_sources(model_dir, root)
    problems += validate_sources(sources, site_languages)
    if problems:
        raise ModelError(problems)
    return build_model(sources)
