"""Load the model files, validate them against the JSON Schema and across files, and build a Model.

The JSON Schema in model/schema/ is the only description of the files' structure: this module applies
it with ``jsonschema`` and then checks only what a schema cannot express (references between files,
unique ids and orders, required languages, text hygiene).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import (
    ChangelogEntry,
    Competency,
    Development,
    FollowUpQuestions,
    GlossaryTerm,
    Group,
    HrUse,
    LevelIndicators,
    MasteryLevel,
    Model,
    Profile,
    ProfileExpectation,
    Translated,
)
from ..problems import Location, ModelError, Problem, display_path
from .crossfile import cross_file_problems
from .repository import leaves_repository, repository_of, symlink_problem
from .schema import SchemaCheck, schema_problems, schema_validators
from .texts import TRANSLATED_FROM
from .yamlsource import YamlDocument, read_yaml

if TYPE_CHECKING:
    pass

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
#: Role profiles: a folder a model may do without, one file per profile.
PROFILE_DIR = "profiles"
PROFILE_SCHEMA = "profile.schema.json"


@dataclass(frozen=True)
class ModelSources:
    """The parsed model files, before they become a Model: what the tools that edit files work on."""

    model_dir: Path
    root: Path
    single: dict[str, YamlDocument]
    competencies: tuple[YamlDocument, ...]
    competency_file_ids: tuple[str, ...] = ()
    """The ids (file names) of every competency file, including those that did not parse."""
    profiles: tuple[YamlDocument, ...] = ()

    def documents(self) -> Iterator[YamlDocument]:
        yield from self.single.values()
        yield from self.competencies
        yield from self.profiles


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
    if not model_dir.is_dir():  # one line, not one per missing file: most often a run from another folder
        raise ModelError([Problem(Location(display_path(model_dir, root)), "",
                                  "the model folder is missing: run the command in the project folder (the one "
                                  "with mkdocs.yml and model/), or give --config")])
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
    competency_dir = model_dir / COMPETENCY_DIR
    paths = _yaml_files(competency_dir)
    if not paths:
        problems.append(Problem(Location(display_path(competency_dir, root)), "",
                                "no competency files (*.yaml) found"))
    competencies = _read_all(paths, root, problems)
    profiles = _read_all(_yaml_files(model_dir / PROFILE_DIR), root, problems)
    file_ids = tuple(path.stem for path in paths)
    return ModelSources(model_dir, root, single, competencies, file_ids, profiles), problems


def _yaml_files(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def _read_all(paths: Iterable[Path], root: Path, problems: list[Problem]) -> tuple[YamlDocument, ...]:
    """Parse each file; the problems of those that do not parse go into ``problems``."""
    documents = []
    for path in paths:
        try:
            documents.append(read_yaml(path, display_path(path, root)))
        except ModelError as error:
            problems.extend(error.problems)
    return tuple(documents)


def _schema_valid(documents: Iterable[YamlDocument], validator: SchemaCheck, problems: list[Problem]) -> list[YamlDocument]:
    """The documents that follow their schema; the problems of the others go into ``problems``."""
    valid = []
    for document in documents:
        found = schema_problems(document, validator)
        problems += found
        if not found:
            valid.append(document)
    return valid


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
        problems += schema_problems(document, validators[SINGLE_FILES.get(name) or OPTIONAL_FILES[name]])
    valid_competencies = _schema_valid(sources.competencies, validators[COMPETENCY_SCHEMA], problems)
    valid_profiles = _schema_valid(sources.profiles, validators[PROFILE_SCHEMA], problems)
    if problems and any(problem.location.path.endswith((*SINGLE_FILES, *OPTIONAL_FILES)) for problem in problems):
        return problems
    if any(name not in sources.single for name in SINGLE_FILES):
        return problems
    return problems + cross_file_problems(sources, tuple(valid_competencies), tuple(site_languages), reserved or {},
                                          tuple(valid_profiles))


def _translated(value: dict[str, Any]) -> Translated[Any]:
    texts = {key: (tuple(text) if isinstance(text, list) else text)
             for key, text in value.items() if key != TRANSLATED_FROM}
    return Translated(texts, dict(value.get(TRANSLATED_FROM, {})))


def _optional(data: Mapping[str, Any], key: str) -> Translated[Any] | None:
    return _translated(data[key]) if key in data else None


def _follow_up(data: Mapping[str, Any] | None) -> FollowUpQuestions | None:
    if data is None:
        return None
    return FollowUpQuestions(*(_translated(data[step]) for step in FollowUpQuestions.STEPS))


def _profiles(sources: ModelSources, levels: tuple[MasteryLevel, ...],
              competencies: Mapping[str, Competency]) -> tuple[Profile, ...]:
    level_by_id = {level.id: level for level in levels}
    profiles = [
        Profile(id=data["id"], order=data["order"], name=_translated(data["name"]),
                description=_translated(data["description"]),
                expectations=tuple(ProfileExpectation(competencies[entry["competency"]], level_by_id[entry["level"]])
                                   for entry in data["competencies"]),
                source_file=document.display_path, example=data.get("example", False),
                function_level=_optional(data, "function_level"), role=_optional(data, "role"))
        for document in sources.profiles for data in [document.data]]
    return tuple(sorted(profiles, key=lambda profile: (profile.order, profile.id)))


def build_model(sources: ModelSources) -> Model:
    """Turn validated sources into the Model; assumes validate_sources found nothing."""
    facts = sources.single["model.yaml"].data
    levels = tuple(sorted(
        (MasteryLevel(lv["id"], lv["order"], _translated(lv["name"]), _translated(lv["description"]))
         for lv in sources.single["levels.yaml"].data["levels"]), key=lambda level: level.order))
    groups = tuple(sorted(
        (Group(g["id"], g["order"], _translated(g["name"]), _translated(g["description"]),
               tuple(g.get("former_ids", ())), g.get("colour"))
         for g in sources.single["groups.yaml"].data["groups"]), key=lambda group: group.order))
    group_by_id = {group.id: group for group in groups}
    competencies = []
    for document in sources.competencies:
        data = document.data
        development, hr_use = data["development"], data["hr_use"]
        by_level = {entry["level"]: entry for entry in data["levels"]}
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
            levels=tuple(LevelIndicators(level, _translated(by_level[level.id]["indicators"]),
                                         _optional(by_level[level.id], "below_level")) for level in levels),
            digital=_translated(data["digital"]),
            leadership=_translated(data["leadership"]),
            development=Development(*(_translated(development[key]) for key in
                                      ("on_the_job", "with_others", "learning", "reflection_questions"))),
            hr_use=HrUse(_translated(hr_use["selection_questions"]), _translated(hr_use["evaluation_objectives"]),
                         _follow_up(hr_use.get("follow_up_questions"))),
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
        profiles=_profiles(sources, levels, {competency.id: competency for competency in competencies}),
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
