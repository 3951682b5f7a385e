"""The JSON Schema applied to the model files, and its errors worded for the person who edits them."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ..problems import Problem, field_path
from .yamlsource import DocumentPath, YamlDocument

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


SCHEMA_DIR = "schema"
#: The project's own schemas: the one description of what a language code looks like, also for the
#: checks that are not about a model file (mkdocs.yml's languages, the keys of a translated text).
PROJECT_SCHEMAS = Path(__file__).resolve().parents[2] / "model" / SCHEMA_DIR


@functools.cache
def _common_definitions() -> dict[str, Any]:
    """The ``$defs`` of common.schema.json."""
    common = json.loads((PROJECT_SCHEMAS / "common.schema.json").read_text(encoding="utf-8"))
    definitions: dict[str, Any] = common["$defs"]
    return definitions


@functools.cache
def id_pattern() -> re.Pattern[str]:
    """The pattern of ``$defs/id`` in common.schema.json: what an id of a competency, group or level may be."""
    return re.compile(_common_definitions()["id"]["pattern"])


@functools.cache
def language_code() -> re.Pattern[str]:
    """The pattern of ``$defs/languageCode`` in common.schema.json."""
    return re.compile(_common_definitions()["languageCode"]["pattern"])


@functools.cache
def fingerprint_pattern() -> re.Pattern[str]:
    """The pattern of a fingerprint in ``translated_from``: ``$defs/translatedFrom``'s values in common.schema.json."""
    return re.compile(_common_definitions()["translatedFrom"]["additionalProperties"]["pattern"])

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


#: What a value that does not match a definition's pattern should look like, keyed by the definition's
#: name in the schemas' ``$defs``: the schema stays the only place that says what the pattern is.
_PATTERN_HINTS = {
    "id": "is not a valid id: use lower-case letters, digits and single hyphens, for example 'kritisch-denken'",
    "date": "is not a date written as YYYY-MM-DD",
}


def _definition_name(subschema: Any, schemas: Mapping[str, Any]) -> str | None:
    """The name under ``$defs`` of the definition that a failed keyword belongs to, if it is one."""
    for schema in schemas.values():
        for name, definition in schema.get("$defs", {}).items():
            if definition is subschema:
                return str(name)
    return None


def _pattern_message(expected: Any, instance: Any, definition: str | None) -> str:
    hint = _PATTERN_HINTS.get(definition or "")
    return f"{instance!r} {hint}" if hint else f"{instance!r} does not have the expected form ({expected})"


def _count_message(schema: Mapping[str, Any], instance: list[Any]) -> str:
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low is not None and high is not None:
        wanted = str(low) if low == high else f"{low} to {high}"
    else:
        wanted = f"at least {low}" if low is not None else f"at most {high}"
    return f"expected {wanted} items, found {len(instance)}"


def _schema_message(error: ValidationError, schemas: Mapping[str, Any]) -> tuple[DocumentPath, bool, str]:
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
        return path, False, _pattern_message(expected, instance, _definition_name(error.schema, schemas))
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
    problems = []
    for error in validator.iter_errors(document.data):
        path, at_key, message = _schema_message(error, validator.schemas)
        problems.append(Problem(document.location(path, key=at_key), field_path(path), message))
    return problems
