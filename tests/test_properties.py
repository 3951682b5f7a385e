"""Property-based tests: whatever HR (or a broken editor) writes, the loader answers with a ModelError or a model.

No input may make the YAML reader, the validator, the site loader or the page renderer fail with any
other exception: that would be a traceback in HR's terminal instead of a message naming file, line
and field. A model the validator accepts must also render every page in every language.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import document_paths
from hooks.problems import ModelError
from hooks.site.state import SiteState, load_site
from hooks.source.siteconfig import SiteLanguage, i18n_languages, read_mkdocs_yml
from hooks.source.yamlsource import parse_yaml

PROJECT = Path(__file__).resolve().parents[1]
COMPETENCY = "model/competencies/samenwerken.yaml"
EDITABLE = (COMPETENCY, "model/model.yaml", "model/groups.yaml", "model/levels.yaml", "model/changelog.yaml",
            "docs/fr/labels.yml")

FAST = settings(max_examples=200, deadline=None)
"""For the YAML reader alone, which takes a millisecond per example."""
DEEP = settings(max_examples=25, deadline=None)
"""For nesting thousands of levels deep, which takes a few tenths of a second per example."""
LOADER = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""For the whole loader and renderer, which take a few tenths of a second per example."""


# ---------------------------------------------------------------------------------------------------
# Strategies

YAML_TOKENS = [
    "\n", " ", "  ", "    ", "\t", "-", "- ", ": ", ":", "?", "? ", ",", "[", "]", "{", "}", "#", "'", '"', "|", ">",
    ">-", "|+", "---", "...", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "&a ", "*a", "&b ", "*b", "<<: ", "!", "!!str ",
    "!!int ", "!!bool ", "!!float ", "!!null ", "!!timestamp ", "!!binary ", "!!set ", "!!omap ", "!!python/object:os.system ",
    "!!python/name:os.system ", "!!python/object/apply:os.system ", "!ENV ", "!local ", "nl", "fr", "id", "name",
    "levels", "level", "related", "~", "null", "yes", "no", "on", "1", "-1", "0x1F", "0o17", "1e400", ".nan",
    "2026-11-28", "2026-13-45", "9" * 50, "\\", "\\x", "\\u00", "é", "\u2028", "\x85", "\ufeff", "\x00", "\x07",
    "<script>", "[x](javascript:y)", "%", "@", "`",
]

yaml_like_text = st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=6)), max_size=60).map("".join)


@st.composite
def deeply_nested(draw: st.DrawFn) -> str:
    depth = draw(st.integers(min_value=1, max_value=5000))
    style = draw(st.sampled_from(["flow-list", "flow-map", "block-list", "block-map", "mixed"]))
    if style == "flow-list":
        return "[" * depth + "x" + "]" * depth
    if style == "flow-map":
        return "{a: " * depth + "x" + "}" * depth
    if style == "block-list":
        return "- " * depth + "x\n"
    if style == "block-map":
        return "".join(" " * index + "a:\n" for index in range(min(depth, 400))) + " " * min(depth, 400) + "x\n"
    return "a: " + "[{b: " * depth + "x" + "}]" * depth


TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!set", "!!omap", "!!pairs",
        "!!map", "!!seq", "!!merge", "!!value", "!!python/object:os.system", "!!python/name:os.system",
        "!!python/object/apply:os.system", "!!python/tuple", "!ENV", "!", "!x", "!<tag:yaml.org,2002:str>",
        "!<tag:example.org,2000:x>"]


@st.composite
def tagged(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(TAGS))
    value = draw(st.sampled_from(["", "x", "1", "maybe", "''", "[1, 2]", "{a: 1}", "aGVsbG8=", "2026-11-28",
                                  "[x: 1]", "\n  - a\n  - b", "\n  a: 1"]))
    return draw(st.sampled_from([f"a: {tag} {value}\n", f"- {tag} {value}\n", f"{tag} {value}\n",
                                 f"{tag} k: v\n", f"a:\n  b: {tag} {value}\n"]))


plain_values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
python_structures = st.recursive(
    plain_values,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(st.text(max_size=8), children, max_size=5)),
    max_leaves=30,
)


# ---------------------------------------------------------------------------------------------------
# The YAML reader


def parse_or_model_error(text: str) -> Any:
    try:
        return parse_yaml(text, Path("f.yaml"), "model/f.yaml").data
    except ModelError as error:
        assert error.problems, "a ModelError always names at least one problem"
        for problem in error.problems:
            assert problem.location.path == "model/f.yaml"
        return error


@FAST
@given(st.one_of(st.text(max_size=200), yaml_like_text))
def test_any_text_parses_or_is_a_model_error(text: str) -> None:
    parse_or_model_error(text)


@DEEP
@given(deeply_nested())
def test_deep_nesting_parses_or_is_a_model_error(text: str) -> None:
    parse_or_model_error(text)


@FAST
@given(tagged())
def test_tags_other_than_plain_values_are_refused(text: str) -> None:
    result = parse_or_model_error(text)
    if not isinstance(result, ModelError):
        # Only the core scalar and collection tags may pass, and only where they read as plain data.
        assert not any(tag in text for tag in ("python", "!binary", "!set", "!omap", "!pairs", "!ENV", "!x", "example.org"))


@FAST
@given(python_structures, st.booleans())
def test_any_plain_structure_dumped_to_yaml_reads_back_as_pyyaml_reads_it(structure: Any, flow: bool) -> None:
    text = yaml.safe_dump(structure, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    result = parse_or_model_error(text)
    assert not isinstance(result, ModelError), (text, result)
    assert result == yaml.safe_load(text)


# ---------------------------------------------------------------------------------------------------
# The whole loader, on a copy of the project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(PROJECT / "model", root / "model")
    for labels in PROJECT.glob("docs/*/labels.yml"):
        copy_path = root / labels.relative_to(PROJECT)
        copy_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(labels, copy_path)
    return root


@pytest.fixture(scope="module")
def languages() -> list[SiteLanguage]:
    return i18n_languages(read_mkdocs_yml(PROJECT / "mkdocs.yml"))


def load_and_render(project: Path, languages: list[SiteLanguage], file: str, content: str | bytes) -> None:
    """Write one file of the project copy, load the site, render every page; restore the file afterwards."""
    path = project / file
    original = path.read_bytes()
    try:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        try:
            state = load_site(project, project / "docs", languages)
        except ModelError as error:
            assert error.problems
            return
        render_every_page(state, languages)
    finally:
        path.write_bytes(original)


def render_every_page(state: SiteState, languages: list[SiteLanguage]) -> None:
    for language in languages:
        for page in state.pages:
            try:
                state.render(language.code, page, "https://example.org/edit/")
            except ModelError as error:
                assert error.problems


@LOADER
@given(st.one_of(yaml_like_text, deeply_nested(), tagged(), st.text(max_size=300)))
def test_any_text_as_a_competency_file_loads_or_is_a_model_error(
        project: Path, languages: list[SiteLanguage], text: str) -> None:
    load_and_render(project, languages, COMPETENCY, text)


@LOADER
@given(python_structures)
def test_any_structure_as_a_competency_file_loads_or_is_a_model_error(
        project: Path, languages: list[SiteLanguage], structure: Any) -> None:
    load_and_render(project, languages, COMPETENCY, yaml.safe_dump(structure, allow_unicode=True))


def _model_ids() -> list[str]:
    words = []
    for path in PROJECT.glob("model/*.yaml"):
        words += [line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
                  if line.strip().startswith(("- id:", "id:"))]
    return words + [path.stem for path in PROJECT.glob("model/competencies/*.yaml")]


# Values that are almost right: the mistakes people make, and the values that reach the deepest checks.
near_misses = st.one_of(
    st.sampled_from(_model_ids() + ["nl", "fr", "de", "xx", "", " ", "\n", "0", "1.0", "2026-02-30", "2026-11-28",
                                    "<b>x</b>", "[x](javascript:y)", "[x](https://example.org)", "<hr@example.org>",
                                    "{number}", "{", "Niveau {number}: {name}", "translated_from"]),
    st.integers(min_value=-2, max_value=6),
    st.sampled_from([None, True, False, 10 ** 30, 1.5, [], {}]),
    st.dictionaries(st.sampled_from(["nl", "fr", "de", "xx", "translated_from", "NL"]),
                    st.one_of(st.text(max_size=12), st.lists(st.text(max_size=12), max_size=6),
                              st.dictionaries(st.sampled_from(["fr", "nl"]), st.text(max_size=10))),
                    max_size=4),
    python_structures,
)


@st.composite
def mutated_file(draw: st.DrawFn) -> tuple[str, str]:
    """A real model or labels file with one to three random edits: a value replaced, removed or added."""
    # Only files whose top level is a mapping; every model and labels file is one.
    file = draw(st.sampled_from(EDITABLE))
    data = copy.deepcopy(yaml.safe_load((PROJECT / file).read_text(encoding="utf-8")))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        action = draw(st.sampled_from(["replace", "replace", "remove", "add", "remove a text"]))
        paths = document_paths(data)
        if action == "remove a text":
            # A text missing in one language reaches the renderer's fallbacks when the check lets it through.
            paths = [path for path in paths if path and path[-1] in ("nl", "fr")] or paths
            action = "remove"
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if action == "replace":
            parent[path[-1]] = draw(near_misses)
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["nl", "fr", "xx", "note", "id", "order", "former_ids"]))] = draw(near_misses)
        else:
            parent.insert(draw(st.integers(min_value=0, max_value=len(parent))), draw(near_misses))
    return file, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_file())
def test_a_real_file_with_random_edits_loads_and_renders_or_is_a_model_error(
        project: Path, languages: list[SiteLanguage], edit: tuple[str, str]) -> None:
    file, content = edit
    load_and_render(project, languages, file, content)


def test_the_project_copy_is_valid_between_examples(project: Path, languages: list[SiteLanguage]) -> None:
    """The examples restore every file they change, so each starts from the valid model."""
    render_every_page(load_site(project, project / "docs", languages), languages)
