"""The commands from any folder of the repository: the nearest mkdocs.yml, and the project installed editable."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from hooks.cli import nearest_config

PROJECT = Path(__file__).resolve().parents[1]


def test_the_nearest_mkdocs_yml_is_found_from_a_subfolder() -> None:
    assert nearest_config(PROJECT / "model" / "competencies") == PROJECT / "mkdocs.yml"
    assert nearest_config(PROJECT) == PROJECT / "mkdocs.yml"


def test_outside_a_project_the_default_stays_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert nearest_config(tmp_path / "a") == Path("mkdocs.yml")


def test_check_and_translations_run_from_a_model_folder() -> None:
    # The package is found as the editable install finds it (requirements.txt: -e .); here through PYTHONPATH,
    # so that the test does not install anything into the environment.
    environment = {**os.environ, "PYTHONPATH": str(PROJECT)}
    folder = PROJECT / "model" / "competencies"
    for command in (["hooks.check"], ["hooks.translations", "--strict", "--no-history"]):
        result = subprocess.run([sys.executable, "-m", *command], cwd=folder, env=environment, capture_output=True,
                                text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_requirements_install_the_project_itself() -> None:
    lines = (PROJECT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-e ." in lines
    settings = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    assert settings["tool"]["setuptools"]["packages"]["find"]["include"] == ["hooks*"]
    assert settings["build-system"]["build-backend"] == "setuptools.build_meta"
