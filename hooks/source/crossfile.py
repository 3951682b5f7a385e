"""What a schema cannot express: references between files, unique ids and orders, languages, addresses."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..problems import PYTHON, Problem, field_path
from .colours import group_colour_problems
from .texts import text_problems
from .yamlsource import DocumentPath, YamlDocument

if TYPE_CHECKING:
    from .load import ModelSources


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


def cross_file_problems(sources: ModelSources, competencies: tuple[YamlDocument, ...],
                         site_languages: tuple[str, ...], reserved: Mapping[str, str],
                         profiles: tuple[YamlDocument, ...] = ()) -> list[Problem]:
    facts = sources.single["model.yaml"]
    problems, required = _language_problems(facts, site_languages)
    problems += _date_problems(facts, sources.single["changelog.yaml"])

    groups_doc, levels_doc = sources.single["groups.yaml"], sources.single["levels.yaml"]
    groups = groups_doc.data["groups"]
    levels = levels_doc.data["levels"]
    group_ids = {group["id"] for group in groups}
    level_ids = [level["id"] for level in levels]

    problems += _duplicates(((g["id"], groups_doc, ("groups", i, "id")) for i, g in enumerate(groups)), "the group id")
    problems += group_colour_problems(groups_doc)
    problems += _duplicates(((g["order"], groups_doc, ("groups", i, "order")) for i, g in enumerate(groups)), "the order")
    problems += _duplicates(((lv["id"], levels_doc, ("levels", i, "id")) for i, lv in enumerate(levels)), "the level id")
    problems += _duplicates(((lv["order"], levels_doc, ("levels", i, "order")) for i, lv in enumerate(levels)), "the order")
    glossary_doc = sources.single.get("glossary.yaml")
    if glossary_doc is not None:
        problems += _duplicates(((term["id"], glossary_doc, ("terms", i, "id"))
                                 for i, term in enumerate(glossary_doc.data["terms"])), "the term id")

    competency_ids: set[str] = set(sources.competency_file_ids)
    group_renamed = {former: group["id"] for group in groups for former in group.get("former_ids", [])}
    for document in competencies:
        competency_ids.add(document.data["id"])
        problems += _competency_reference_problems(document, group_ids, level_ids, group_renamed)

    # An id that differs from its file name is reported above; only files named after their id can clash
    # (samenwerken.yaml and samenwerken.yml), and blaming the other file for it would point at the wrong one.
    named_after_id = [d for d in competencies if d.data["id"] == d.path.stem]
    problems += _duplicates(((d.data["id"], d, ("id",)) for d in named_after_id), "the competency id")
    problems += _duplicates((((d.data["group"], d.data["order"]), d, ("order",)) for d in competencies),
                            "the order", lambda pair: f"{pair[1]} in group {pair[0]!r}")
    taken = competency_ids | group_ids
    renamed = {former: (d.data["id"], d.display_path) for d in competencies for former in d.data.get("former_ids", [])}
    for document in competencies:
        problems += _competency_link_problems(document, taken, competency_ids, renamed)
    problems += _duplicates(((former, d, ("former_ids", i)) for d in competencies
                             for i, former in enumerate(d.data.get("former_ids", []))), "the former id")
    problems += _group_former_problems(groups_doc, group_ids)
    problems += _address_problems(groups_doc, competencies, reserved)

    # Without any competency file, every reference of a profile would be reported: the one missing folder says it.
    for document in profiles if competency_ids else ():
        problems += _profile_problems(document, competency_ids, level_ids, renamed)
    problems += _duplicates(((d.data["order"], d, ("order",)) for d in profiles), "the order")

    for document in [*sources.single.values(), *competencies, *profiles]:
        problems += text_problems(document, required, site_languages)
    return problems


def _profile_problems(document: YamlDocument, competency_ids: set[str], level_ids: list[str],
                      renamed: Mapping[str, tuple[str, str]]) -> list[Problem]:
    """A profile's id against its file name, and its competencies and levels against the model."""
    problems: list[Problem] = []
    data = document.data
    if data["id"] != document.path.stem:
        problems.append(Problem(document.location(("id",)), "id",
                                f"the id {data['id']!r} must equal the file name {document.path.stem!r}: "
                                "the id is the page's URL, so rename the file rather than the id"))
    for index, entry in enumerate(data["competencies"]):
        path: DocumentPath = ("competencies", index, "competency")
        problems += _reference_problems(document, path, entry["competency"], competency_ids, renamed)
        level_path: DocumentPath = ("competencies", index, "level")
        if entry["level"] not in level_ids:
            problems.append(Problem(document.location(level_path), field_path(level_path),
                                    f"no level with id {entry['level']!r} in model/levels.yaml "
                                    f"(known: {', '.join(level_ids)})"))
    return problems + _duplicates(((entry["competency"], document, ("competencies", i, "competency"))
                                   for i, entry in enumerate(data["competencies"])),
                                  "the competency")


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


def _competency_reference_problems(document: YamlDocument, group_ids: set[str], level_ids: list[str],
                                   group_renamed: Mapping[str, str]) -> list[Problem]:
    """A competency's id against its file name, and its group and levels against groups.yaml and levels.yaml."""
    problems: list[Problem] = []
    data = document.data
    if data["id"] != document.path.stem:
        problems.append(Problem(document.location(("id",)), "id",
                                f"the id {data['id']!r} must equal the file name {document.path.stem!r}: "
                                "the id is the page's URL, so rename the file rather than the id"))
    if data["group"] not in group_ids and data["group"] in group_renamed:
        problems.append(Problem(document.location(("group",)), "group",
                                f"{data['group']!r} is a former id of the group {group_renamed[data['group']]!r} "
                                f"(model/groups.yaml): write {group_renamed[data['group']]!r}"))
    elif data["group"] not in group_ids:
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


def _competency_link_problems(document: YamlDocument, taken: set[str], competency_ids: set[str],
                              renamed: dict[str, tuple[str, str]]) -> list[Problem]:
    """Former ids that are still in use, and related competencies that do not exist (or were renamed)."""
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
        else:
            problems += _reference_problems(document, path, related, competency_ids, renamed)
    return problems


def _reference_problems(document: YamlDocument, path: DocumentPath, competency: str, competency_ids: set[str],
                        renamed: Mapping[str, tuple[str, str]]) -> list[Problem]:
    """A reference to a competency that does not exist: renamed (with the new id), or unknown."""
    if competency in competency_ids:
        return []
    if competency in renamed:
        new_id, where = renamed[competency]
        return [Problem(document.location(path), field_path(path),
                        f"{competency!r} is a former id of {new_id!r} ({where}): write {new_id!r}; "
                        f"{PYTHON} -m hooks.rename OLD NEW renames a competency and updates every reference at once")]
    return [Problem(document.location(path), field_path(path),
                    f"no competency with id {competency!r} in model/competencies/")]


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
