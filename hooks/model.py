"""The competency model as plain, validated data. Built by ``hooks.source.load``; read by everything else."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar, Generic, TypeVar

T = TypeVar("T", str, tuple[str, ...])


@dataclass(frozen=True)
class Translated(Generic[T]):
    """One value in several languages, with the fingerprints of the source text each translation follows."""

    values: Mapping[str, T]
    translated_from: Mapping[str, str] = field(default_factory=dict)

    def language_of(self, language: str, source_language: str) -> str:
        """The language actually shown for ``language``: itself, or the source language as a fallback."""
        return language if self.values.get(language) else source_language

    def in_language(self, language: str, source_language: str) -> T:
        """The value in ``language``, falling back to the source language when it is not translated."""
        return self.values[self.language_of(language, source_language)]


LanguageText = Translated[str]
LanguageList = Translated[tuple[str, ...]]


@dataclass(frozen=True)
class MasteryLevel:
    id: str
    order: int
    name: LanguageText
    description: LanguageText


@dataclass(frozen=True)
class Group:
    id: str
    order: int
    name: LanguageText
    description: LanguageText
    former_ids: tuple[str, ...] = ()
    #: The colour of the group's tile in the model picture (``#rrggbb``); None for a generated one.
    colour: str | None = None


@dataclass(frozen=True)
class LevelIndicators:
    level: MasteryLevel
    indicators: LanguageList
    #: Behaviours that point below this level (the interview kits' "below the level" list); None when not written.
    below_level: LanguageList | None = None


@dataclass(frozen=True)
class Development:
    on_the_job: LanguageList
    with_others: LanguageList
    learning: LanguageList
    reflection_questions: LanguageList


@dataclass(frozen=True)
class FollowUpQuestions:
    """The STAR interview's follow-up questions, one list per step of the candidate's example."""

    situation: LanguageList
    task: LanguageList
    action: LanguageList
    result: LanguageList

    STEPS: ClassVar[tuple[str, ...]] = ("situation", "task", "action", "result")

    def steps(self) -> tuple[tuple[str, LanguageList], ...]:
        """Each step's id with its questions, in the order of the STAR method."""
        return tuple((step, getattr(self, step)) for step in self.STEPS)


@dataclass(frozen=True)
class HrUse:
    selection_questions: LanguageList
    evaluation_objectives: LanguageList
    #: None when the competency has no follow-up questions yet (a model may do without them).
    follow_up_questions: FollowUpQuestions | None = None


@dataclass(frozen=True)
class Competency:
    id: str
    group: Group
    order: int
    name: LanguageText
    definition: LanguageText
    description: LanguageText
    key_aspects: LanguageList
    this_means: LanguageList
    this_does_not_mean: LanguageList
    levels: tuple[LevelIndicators, ...]
    digital: LanguageText
    leadership: LanguageText
    development: Development
    hr_use: HrUse
    related_ids: tuple[str, ...]
    former_ids: tuple[str, ...]
    source_file: str
    """The model file this competency comes from, relative to the project root."""


@dataclass(frozen=True)
class ProfileExpectation:
    """One competency a profile asks, at its expected level."""

    competency: Competency
    level: MasteryLevel


@dataclass(frozen=True)
class Profile:
    """A role profile (model/profiles/<id>.yaml): the competencies a function asks, each at its level."""

    id: str
    order: int
    name: LanguageText
    description: LanguageText
    expectations: tuple[ProfileExpectation, ...]
    source_file: str
    #: True for a profile the model ships as an example for organisations to adapt.
    example: bool = False
    function_level: LanguageText | None = None
    role: LanguageText | None = None

    def expected_level(self, competency: Competency) -> MasteryLevel | None:
        """The level the profile asks of ``competency``, or None when the profile does not ask it."""
        return next((e.level for e in self.expectations if e.competency.id == competency.id), None)


@dataclass(frozen=True)
class ChangelogEntry:
    version: str
    date: str
    summary: LanguageList


@dataclass(frozen=True)
class GlossaryTerm:
    """A federal term the site explains: its page anchor, name, the word forms that link to it, and meaning."""

    id: str
    term: LanguageText
    forms: LanguageList
    definition: LanguageText


@dataclass(frozen=True)
class Model:
    title: LanguageText
    version: str
    date: str
    source_language: str
    required_languages: tuple[str, ...]
    maintainer: LanguageText
    introduction: LanguageText | None
    groups: tuple[Group, ...]
    levels: tuple[MasteryLevel, ...]
    competencies: tuple[Competency, ...]
    changelog: tuple[ChangelogEntry, ...]
    glossary: tuple[GlossaryTerm, ...] = ()
    profiles: tuple[Profile, ...] = ()

    def competencies_in(self, group: Group) -> tuple[Competency, ...]:
        """The group's competencies, in their order."""
        return self._competencies_by_group.get(group.id, ())

    def competency(self, competency_id: str) -> Competency:
        return self._competencies_by_id[competency_id]

    # Every page asks for a group's competencies or a related competency: indexes built once keep a
    # large model's build linear. cached_property writes to the instance, so a frozen dataclass allows it.
    @cached_property
    def _competencies_by_group(self) -> dict[str, tuple[Competency, ...]]:
        by_group: dict[str, list[Competency]] = {}
        for competency in self.competencies:
            by_group.setdefault(competency.group.id, []).append(competency)
        return {group_id: tuple(members) for group_id, members in by_group.items()}

    @cached_property
    def _competencies_by_id(self) -> dict[str, Competency]:
        by_id: dict[str, Competency] = {}
        for competency in self.competencies:
            by_id.setdefault(competency.id, competency)  # the first one, as the linear search found
        return by_id

    def related(self, competency: Competency) -> tuple[Competency, ...]:
        return tuple(self.competency(related_id) for related_id in competency.related_ids)
