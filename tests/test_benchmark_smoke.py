"""The benchmark's parts, small and untimed: its synthetic model validates and builds, with and without hooks.

The benchmark itself (``python -m benchmarks.build``) is not run by the tests; its speed targets are
checked by the benchmark. Also here: the two performance changes it led to that a small site does not
exercise (the libyaml path of the YAML reader, and the nesting of many groups in the navigation).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

import hooks.source.yamlsource as yamlsource
from benchmarks.build import built_pages, largest_competency_page, measure_validation
from benchmarks.synthetic import GROUP_SIZE, group_sizes, read_real_model, write_prerendered_site, write_site
from conftest import build_site
from hooks.site.render import competency_path, nest_sections, profile_path
from hooks.source.load import load_model

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr")


def test_synthetic_model_validates_and_builds_with_and_without_hooks(tmp_path: Path) -> None:
    config = write_site(tmp_path / "hooks", 27)
    model = load_model(config.parent / "model", config.parent, LANGUAGES)
    assert len(model.competencies) == 27 and 2 <= len(model.groups) <= 3
    real = read_real_model().competencies
    for synthetic in model.competencies:
        # The n-th competency has the shape and text lengths of the n-th real file, in other words.
        template = real[(int(synthetic.id.rsplit("-", 1)[1]) - 1) % len(real)]
        assert len(synthetic.levels) == len(template["levels"])
        assert len(synthetic.key_aspects.values["fr"]) == len(template["key_aspects"]["fr"])
        for language in LANGUAGES:
            text, real_text = synthetic.description.values[language], template["description"][language]
            assert len(text.split()) == len(real_text.split()) and text != real_text
    # One role profile per ten competencies, each asking eight of them.
    assert len(model.profiles) == 2 and all(len(profile.expectations) == 8 for profile in model.profiles)
    validation, validated = measure_validation(config.parent, repeat=1)
    assert validated == model and validation.safe_load_seconds > 0

    site, plain_site = tmp_path / "site", tmp_path / "plain-site"
    result = build_site(config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    plain_config = write_prerendered_site(config.parent, tmp_path / "prewritten")
    assert "mkdocs_hooks.py" not in plain_config.read_text(encoding="utf-8")
    result = build_site(plain_config, plain_site)
    assert result.returncode == 0, result.stdout + result.stderr

    assert built_pages(site, LANGUAGES) == built_pages(plain_site, LANGUAGES) >= 2 * (27 + len(model.groups))
    for language in LANGUAGES:
        for competency in model.competencies:
            page = Path(language, competency_path(competency).removesuffix(".md"), "index.html")
            for built in (site / page, plain_site / page):
                assert competency.definition.values[language].split()[-1] in built.read_text(encoding="utf-8")
    for language in LANGUAGES:
        for profile in model.profiles:
            page = Path(language, profile_path(profile).removesuffix(".md"), "index.html")
            assert (site / page).is_file() and (plain_site / page).is_file()
    assert largest_competency_page(site, model, LANGUAGES) > 10_000


def test_groups_hold_ten_to_fifteen_competencies() -> None:
    rng = random.Random(1)
    for competencies in (12, 120, 1200, 14_000):
        sizes = group_sizes(competencies, rng)
        assert sum(sizes) == competencies
        assert all(GROUP_SIZE[0] <= size <= GROUP_SIZE[1] for size in sizes[:-1]) and sizes[-1] <= GROUP_SIZE[1]


def _levels(entries: list[dict[str, Any]]) -> tuple[list[int], list[dict[str, Any]]]:
    """The number of entries side by side on each level of nested sections, and the innermost entries."""
    widths: list[int] = []
    while isinstance(next(iter(entries[0].values()))[0], dict):
        widths += [len(entries)]
        entries = [child for entry in entries for child in next(iter(entry.values()))]
    return widths + [len(entries)], entries


def test_many_groups_are_nested_so_that_no_navigation_level_lists_more_than_the_limit() -> None:
    few = [(f"Groep {number}", [f"g{number}/index.md"]) for number in range(1, 13)]
    assert nest_sections(few, limit=12) == [{title: children} for title, children in few]

    many = [(f"Groep {number}", [f"g{number}/index.md"]) for number in range(1, 1001)]
    nested = nest_sections(many, limit=12)
    widths, innermost = _levels(nested)
    assert innermost == [{title: children} for title, children in many]
    assert len(widths) == 3 and widths[0] <= 12
    for outer in nested:
        (inner,) = outer.values()
        assert len(inner) <= 12 and all(len(next(iter(section.values()))) <= 12 for section in inner)
    assert next(iter(nested[0])).startswith("Groep 1 – ") and next(iter(nested[-1])).endswith(" – Groep 1000")


def test_the_libyaml_path_reads_model_files_exactly_as_the_checked_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if yamlsource._LIBYAML_LOADER is None:
        pytest.skip("this PyYAML has no libyaml: only the checked path exists")
    write_site(tmp_path, 14)
    paths = [*sorted((PROJECT / "model").rglob("*.yaml")), *sorted((tmp_path / "model").rglob("*.yaml")),
             *sorted((PROJECT / "docs").rglob("labels.yml"))]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    texts += [text.replace("\n", "\r\n") for text in texts[:5]]  # as an editor on Windows saves them
    fast = [yamlsource.parse_yaml(text, Path("f.yaml"), "f.yaml") for text in texts]
    fast_marks = [(one.value_marks, one.key_marks) for one in fast]  # worked out now, with libyaml
    monkeypatch.setattr(yamlsource, "_LIBYAML_LOADER", None)
    checked = [yamlsource.parse_yaml(text, Path("f.yaml"), "f.yaml") for text in texts]
    for one, marks, other in zip(fast, fast_marks, checked):
        assert (one.data, marks) == (other.data, (other.value_marks, other.key_marks))


def test_the_search_benchmark_strips_exactly_what_search_adds_to_a_page(real_site: Path) -> None:
    from benchmarks.search_browser import SEARCH_MARKUP

    html = next((real_site / "nl").glob("*/*/index.html")).read_text(encoding="utf-8")
    stripped, found = SEARCH_MARKUP.subn("", html)
    assert found == 1
    assert 'id="cm-search"' not in stripped and "search.js" not in stripped
    assert len(html) - len(stripped) < 3_000  # the template and the script tag, nothing of the page
