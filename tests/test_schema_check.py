"""The fast schema check (jsonschema_rs) and the explaining one (jsonschema) must agree on every file.

hooks.source.load checks each file with jsonschema_rs first and asks jsonschema only about the files it
refuses. Were the fast check to accept a file that jsonschema refuses, an error would reach the site
unreported; these tests look for such a file among the real model's files and many broken variants.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import document_paths
from hooks.source.load import COMPETENCY_SCHEMA, OPTIONAL_FILES, SINGLE_FILES, read_sources, validate_sources
from hooks.source.schema import schema_validators

PROJECT = Path(__file__).resolve().parents[1]
MODEL = PROJECT / "model"

SOURCES, _ = read_sources(MODEL, PROJECT)
VALIDATORS = schema_validators(MODEL)
#: Every real file with the schema it follows.
DOCUMENTS = [(document.data, {**SINGLE_FILES, **OPTIONAL_FILES}[name]) for name, document in SOURCES.single.items()] + [
    (document.data, COMPETENCY_SCHEMA) for document in SOURCES.competencies]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", " ", "nl", "fr", "xx-YY", "Nl", "kritisch-denken", "Kritisch", "a--b", "-a", "2026-11-28",
                       "2026-1-1", "1.0.0", "v1", "basis", "expert", "onbekend", "samenwerken", "x" * 3000]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["nl", "fr", "de", "id", "name", "order", "extra", "NL", "n l", ""]), children, max_size=3),
    max_leaves=6,
)


@st.composite
def broken_documents(draw: st.DrawFn) -> tuple[Any, str]:
    """A real file with one to three edits: a value replaced, a key or item removed, or one added."""
    data, schema = draw(st.sampled_from(DOCUMENTS))
    document = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(document_paths(document)))
        if not path:
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "remove", "add", "duplicate"]))
        if action == "replace":
            parent[path[-1]] = draw(json_values)
        elif action == "remove":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["nl", "fr", "de", "extra", "translated_from", "former_ids"]))] = draw(json_values)
        elif action == "add":
            parent.append(draw(json_values))
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return document, schema


@pytest.mark.parametrize("index", range(len(DOCUMENTS)))
def test_both_checks_accept_every_real_file(index: int) -> None:
    data, schema = DOCUMENTS[index]
    check = VALIDATORS[schema]
    assert check.fast.is_valid(data)
    assert check.full.is_valid(data)


@settings(max_examples=400, deadline=None)
@given(broken_documents())
def test_the_fast_check_never_accepts_what_jsonschema_refuses(case: tuple[Any, str]) -> None:
    document, schema = case
    check = VALIDATORS[schema]
    assert check.fast.is_valid(document) == check.full.is_valid(document)


def test_a_refused_file_is_explained_by_jsonschema() -> None:
    sources, _ = read_sources(MODEL, PROJECT)
    broken = sources.competencies[0]
    broken.data = dict(broken.data, order="first")
    problems = validate_sources(sources)
    assert [(problem.field, problem.message) for problem in problems] == [
        ("order", "expected a whole number, found the text 'first'")]
