"""Tier 3: a broken model under `mkdocs build` and `mkdocs serve`, as HR meets it.

`mkdocs build` must stop before it cleans the site folder, so that the last good site stays; `mkdocs
serve` must print the problems, keep running, and show the fixed text once the file is saved again.
Both run on a copy of the project in a temporary folder, never on the working tree.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import build_site
from hooks.source.load import load_model

PROJECT = Path(__file__).resolve().parents[1]
COMPETENCY = "model/competencies/samenwerken.yaml"
COMPETENCY_ID = "samenwerken"
# What a site build needs is everything but the tools' own folders and what the tests produce.
NOT_COPIED = {".git", "site", "tests", "benchmarks", "node_modules"}
TIMEOUT = 60.0


def copy_site_project(target: Path) -> Path:
    """A copy of the project that builds on its own: mkdocs.yml, docs/, model/, hooks/, overrides/ ..."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        ignored = {name for name in names if name == "__pycache__" or (name.startswith(".") and name != ".github")}
        if Path(folder).resolve() == PROJECT:
            ignored |= {name for name in names if name in NOT_COPIED}
        return ignored
    shutil.copytree(PROJECT, target, ignore=ignore)
    return target


def competency_folder(project: Path) -> str:
    """The competency page's folder inside a language folder: <group-id>/<competency-id>."""
    model = load_model(project / "model", project)
    return f"{model.competency(COMPETENCY_ID).group.id}/{COMPETENCY_ID}"


def replace_once(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(re.findall(pattern, text, flags=re.MULTILINE)) == 1, pattern
    path.write_text(re.sub(pattern, replacement, text, flags=re.MULTILINE), encoding="utf-8")


# ---------------------------------------------------------------------------------------------------
# mkdocs build


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory, real_site: Path) -> tuple[Path, Path]:
    """A project copy and its site (the session's build of the same project); each test works on copies of both."""
    return copy_site_project(tmp_path_factory.mktemp("built") / "project"), real_site


BREAKAGES = {
    "a YAML syntax error": (COMPETENCY, r"^(name:\n  nl: ).*$", r"\1Samen: werken",
                            rf"{re.escape(COMPETENCY)}:\d+:\d+: YAML syntax error: mapping values are not allowed"),
    "an unknown group": (COMPETENCY, r"^group: .*$", "group: onbekend",
                         rf"{re.escape(COMPETENCY)}:3:8: group: no group with id 'onbekend'"),
    "a missing French text": (COMPETENCY, r"^(name:\n  nl: .*\n)  fr: .*\n", r"\1",
                              rf"{re.escape(COMPETENCY)}:\d+:\d+: name\.fr: the text in required language 'fr' is missing"),
    "a missing label": ("docs/fr/labels.yml", r"^key_aspects: .*\n", "",
                        r"docs/fr/labels\.yml: key_aspects: the label is missing"),
    # Found before the folder is cleaned, at the line an editor sees: the front matter counts.
    "an unknown placeholder in a handwritten page": (
        "docs/fr/faq.md", r"^(# Questions fréquentes)$", r"\1 {{ contact.nope }}",
        r"docs/fr/faq\.md:5:24: contact\.nope: no such value under 'extra' in mkdocs\.yml"),
    "an extra value missing": (
        "mkdocs.yml", r"^    statement_date: .*\n", "",
        r"docs/fr/accessibility\.md:\d+:\d+: accessibility\.statement_date: no such value under 'extra' in mkdocs\.yml"),
    "a markup label": ("docs/nl/labels.yml", r"^(key_aspects: ).*$", r"\1'<script>alert(1)</script>'",
                       r"docs/nl/labels\.yml:\d+:\d+: key_aspects: labels are plain text"),
}


def site_files(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_size for path in site.rglob("*") if path.is_file()}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_model_stops_the_build_before_the_last_good_site_is_cleaned(
        built_project: tuple[Path, Path], tmp_path: Path, breakage: str) -> None:
    file, pattern, replacement, expected = BREAKAGES[breakage]
    project = tmp_path / "project"
    site = tmp_path / "site"
    shutil.copytree(built_project[0], project)
    shutil.copytree(built_project[1], site)
    page = site / "nl" / competency_folder(project) / "index.html"
    good_page = page.read_text(encoding="utf-8")
    good_files = site_files(site)
    assert len(good_files) > 50

    replace_once(project / file, pattern, replacement)
    result = build_site(project / "mkdocs.yml", site)

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(expected, output), output
    # The summary names what the problem is in: the model, the labels or a page.
    subject = "the labels" if "labels" in expected else "the pages" if r"\.md:" in expected else "the competency model"
    assert re.search(rf"\d+ problems? found in {subject}\.", output), output
    assert "Traceback" not in output
    assert site_files(site) == good_files
    assert page.read_text(encoding="utf-8") == good_page


def test_a_problem_found_only_while_building_keeps_the_last_good_site(
        built_project: tuple[Path, Path], tmp_path: Path) -> None:
    """A broken link is found by MkDocs after it has written pages: the build wrote them beside the site."""
    project = tmp_path / "project"
    site = tmp_path / "site"
    shutil.copytree(built_project[0], project)
    shutil.copytree(built_project[1], site)
    good_files = site_files(site)
    with (project / "docs" / "nl" / "faq.md").open("a", encoding="utf-8") as page:
        page.write("\n[kapot](bestaat-niet.md)\n")

    result = build_site(project / "mkdocs.yml", site)

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "contains a link 'bestaat-niet.md'" in output and "Aborted with 1 warnings in strict mode" in output
    assert site_files(site) == good_files
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"], "no staging folder left"


def test_a_good_build_replaces_the_whole_site(built_project: tuple[Path, Path], tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_project[1], site)
    (site / "nl" / "stale.html").write_text("from an older build", encoding="utf-8")

    result = build_site(built_project[0] / "mkdocs.yml", site)

    assert result.returncode == 0, result.stderr
    assert not (site / "nl" / "stale.html").exists()
    assert site_files(site) == site_files(built_project[1])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"], "no staging or previous folder left"


# ---------------------------------------------------------------------------------------------------
# mkdocs serve


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 5.0) -> tuple[int, str]:
    """Status and body of a URL; (0, reason) when the server does not answer in time."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return int(error.code), ""
    except (urllib.error.URLError, OSError) as error:
        return 0, str(error)


def wait_until(condition: Callable[[], bool], what: str, output: Callable[[], str], timeout: float = TIMEOUT) -> None:
    """Poll until ``condition`` holds; fail with the server's output after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail(f"waited {timeout:.0f} s for {what}; the server printed:\n{output()}")


class Server:
    """`mkdocs serve` in a subprocess, its output collected as it comes."""

    def __init__(self, project: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", "-f", str(project / "mkdocs.yml")],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
        self._lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.append(line)

    def output(self) -> str:
        return "".join(self._lines)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    project = copy_site_project(tmp_path / "project")
    running = Server(project)
    try:
        yield running, project
    finally:
        running.stop()


def test_serve_prints_a_bad_edit_keeps_running_and_shows_the_fix(server: tuple[Server, Path]) -> None:
    running, project = server
    page_url = f"{running.url}nl/{competency_folder(project)}/"
    competency_file = project / COMPETENCY
    good = competency_file.read_text(encoding="utf-8")
    name = re.search(r"^name:\n  nl: (.*)$", good, flags=re.MULTILINE)
    assert name is not None
    wait_until(lambda: name[1] in fetch(page_url)[1], "the competency page", running.output)

    competency_file.write_text(re.sub(r"^group: .*$", "group: onbekend", good, count=1, flags=re.MULTILINE),
                               encoding="utf-8")
    wait_until(lambda: "group: no group with id 'onbekend'" in running.output(), "the problem", running.output)
    assert re.search(rf"{re.escape(COMPETENCY)}:3:8: group: no group with id 'onbekend'", running.output())
    assert "Traceback" not in running.output()
    assert running.process.poll() is None, running.output()
    # The server still answers. (MkDocs holds page requests until a build succeeds again, so that it never
    # serves a half-built site; its live-reload endpoint, which browsers poll, answers at once.)
    status, epoch = fetch(f"{running.url}livereload/0/0")
    assert status == 200 and epoch.strip().isdigit(), (status, epoch)

    fixed_name = f"{name[1]} in het team"
    competency_file.write_text(good.replace(f"  nl: {name[1]}\n", f"  nl: {fixed_name}\n", 1), encoding="utf-8")
    wait_until(lambda: fixed_name in fetch(page_url)[1], "the fixed page", running.output)
    assert running.process.poll() is None
    assert "Traceback" not in running.output()
