"""Shared fixtures: the real site and the five-groups fixture site, each built once per test run."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hooks.model import Model
from hooks.site.export import write_competencies_csv, write_model_json
from hooks.source.labels import Labels
from hooks.source.load import ModelSources

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"

#: The browser fixtures (``browser``, ``site_url``, ``session``), registered once for the whole run, so
#: that every test module shares one Chromium; pytest puts this folder on sys.path before reading this.
pytest_plugins = ["browser_support"]


#: Fixtures that build a site; a test that uses one, directly or through another fixture, is a build test.
BUILD_FIXTURES = frozenset({"real_site", "five_groups_site", "site_url", "two_versions"})


def _builds(function: Any, namespace: dict[str, Any], seen: set[int]) -> bool:
    """Whether a function calls build_site or runs MkDocs, itself or through a function of its module."""
    code = getattr(function, "__code__", None)
    if code is None or id(code) in seen:
        return False
    seen.add(id(code))
    if "build_site" in code.co_names or "mkdocs" in code.co_consts:
        return True
    return any(_builds(namespace.get(name), namespace, seen) for name in code.co_names if callable(namespace.get(name)))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give every test its tier: browser (marked in its module), build, or unit (the rest)."""
    for item in items:
        if item.get_closest_marker("browser"):
            continue
        function = getattr(item, "function", None)
        namespace = vars(item.module) if isinstance(item, pytest.Function) and item.module else {}
        fixtures = getattr(item, "_fixtureinfo", None)
        definitions = [d for defs in (fixtures.name2fixturedefs.values() if fixtures else ()) for d in defs]
        builds = bool(BUILD_FIXTURES & set(getattr(item, "fixturenames", ()))) or any(
            _builds(f, namespace, set()) for f in [function, *(d.func for d in definitions)])
        item.add_marker(pytest.mark.build if builds else pytest.mark.unit)


def model_json(sources: ModelSources) -> bytes:
    """The JSON download of a model, as the site writes it."""
    stream = io.BytesIO()
    write_model_json(stream, sources)
    return stream.getvalue()


def competencies_csv(model: Model, language: str, labels: Labels) -> bytes:
    """The CSV download of one language, as the site writes it."""
    stream = io.BytesIO()
    write_competencies_csv(stream, model, language, labels)
    return stream.getvalue()


def document_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into parsed YAML or JSON data (keys and list positions), its root included."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += document_paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += document_paths(value, path + (index,))
    return found


def build_site(config: Path, site_dir: Path, tool: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """Build a site the way a person does, with --strict, and return the finished process."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env=environment, check=False,
    )


def _built(config: Path, site_dir: Path) -> Path:
    result = build_site(config, site_dir)
    if result.returncode != 0:
        pytest.fail(f"building {config} failed:\n{result.stdout}\n{result.stderr}")
    return site_dir


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real model's site, built into a temporary folder."""
    return _built(PROJECT / "mkdocs.yml", tmp_path_factory.mktemp("real-site"))


@pytest.fixture(scope="session")
def five_groups_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with 5 groups, 21 competencies, 8 levels and a partly translated third language."""
    return _built(FIXTURES / "five-groups" / "mkdocs.yml", tmp_path_factory.mktemp("five-groups-site"))
