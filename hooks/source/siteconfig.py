"""What the commands need from mkdocs.yml, read without importing MkDocs.

mkdocs.yml is the one place that names the site's languages (the i18n plugin's ``languages``);
the command-line tools read it from there rather than keeping a second list.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..problems import Location, ModelError, Problem
from .schema import language_code


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    name: str
    default: bool


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml while leaving MkDocs' own tags (!ENV, !!python/name) as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        return os.environ.get(str(value)) if suffix == "ENV" else value
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        # !ENV [NAME, default]: the variable when it is set, as MkDocs reads it; else the default.
        if suffix == "ENV" and values:
            return os.environ.get(str(values[0]), values[-1] if len(values) > 1 else None)
        return values
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)
#: The loader, for readers that also need the nodes' positions (``hooks.source.publishing``).
TolerantLoader = _TolerantLoader


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    """The raw settings of mkdocs.yml, merged over the file it names in ``INHERIT`` as MkDocs merges them."""
    settings = _read_one_file(path)
    parent = settings.pop("INHERIT", None)
    if not isinstance(parent, str):
        return settings
    return _merged(read_mkdocs_yml(path.parent / parent), settings)


def _merged(parent: dict[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT: mappings are merged key by key, every other value of the child replaces the parent's."""
    merged = dict(parent)
    for key, value in child.items():
        inherited = merged.get(key)
        merged[key] = _merged(inherited, value) if isinstance(inherited, dict) and isinstance(value, dict) else value
    return merged


def _read_one_file(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except OSError as error:
        raise ModelError([Problem(Location(path.name), "", f"cannot read: {error.strerror}")]) from None
    except UnicodeDecodeError as error:
        raise ModelError([Problem(Location(path.name), "", f"the file is not saved as UTF-8 (byte {error.start} "
                                  "is not UTF-8): save it again with the encoding UTF-8")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = Location(path.name, mark.line + 1, mark.column + 1) if mark is not None else Location(path.name)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ModelError([Problem(where, "", f"YAML error: {reason}")]) from None
    return data if isinstance(data, dict) else {}


def read_site_config(config: Path) -> tuple[dict[str, Any], list[SiteLanguage]]:
    """The settings and languages of mkdocs.yml; a file that cannot give them is a ModelError, not a traceback."""
    settings = read_mkdocs_yml(config)
    try:
        languages = i18n_languages(settings)
    except (AttributeError, TypeError):
        languages = []
    if not languages:
        raise ModelError([Problem(Location(config.name), "plugins.i18n.languages",
                                  "no languages found: the i18n plugin (mkdocs-static-i18n) must list the "
                                  "site's languages")])
    return settings, languages


def i18n_languages(settings: Mapping[str, Any]) -> list[SiteLanguage]:
    """The languages configured for mkdocs-static-i18n in raw mkdocs.yml settings."""
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return languages_from(plugin["i18n"].get("languages") or [])
    return []


LANGUAGES_FIELD = "plugins.i18n.languages"


def language_problems(languages: list[SiteLanguage], where: str = "mkdocs.yml") -> list[Problem]:
    """What is wrong with the site's languages, found before anything is built."""
    if not languages:
        return [Problem(Location(where), LANGUAGES_FIELD, "no language is built: list the site's languages, "
                                                         "each with build: true")]
    problems = []
    defaults = [language.code for language in languages if language.default]
    if len(defaults) != 1:
        problems.append(Problem(Location(where), LANGUAGES_FIELD,
                                f"exactly one language must have default: true (the source language of the pages), "
                                f"found {len(defaults)}{': ' + ', '.join(defaults) if defaults else ''}"))
    seen: set[str] = set()
    for language in languages:
        if language.code in seen:
            problems.append(Problem(Location(where), f"{LANGUAGES_FIELD}[{language.code}]",
                                    "this language is listed twice: keep one entry"))
        seen.add(language.code)
        if not language_code().match(language.code):
            problems.append(Problem(Location(where), f"{LANGUAGES_FIELD}[{language.code}].locale",
                                    f"{language.code!r} is not a language code such as nl, fr or de; it names the "
                                    "language folder in docs/ and the texts in the model files"))
    return problems


def _attribute(entry: Any, key: str, default: Any = None) -> Any:
    return getattr(entry, key, default)


def languages_from(entries: Iterable[Any]) -> list[SiteLanguage]:
    """SiteLanguage objects from i18n language entries (raw mappings or the plugin's config objects)."""
    languages = []
    for entry in entries:
        get = entry.get if isinstance(entry, dict) else functools.partial(_attribute, entry)
        if get("build", True) is False:
            continue
        languages.append(SiteLanguage(str(get("locale")), str(get("name") or get("locale")),
                                      bool(get("default", False))))
    return languages
