"""CONTRIBUTING.md's "Adding a language", followed literally on a copy of the repository, gives a site that builds.

The steps are read from the file itself, so that the document and this test cannot drift apart: each
YAML block goes at the end of the mkdocs.yml key named in its first line, each shell block runs as it
is written, in the copy, with this environment's Python and MkDocs first on the PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hooks.source.siteconfig import TolerantLoader

PROJECT = Path(__file__).resolve().parents[1]
SECTION = re.compile(r"^## Adding a language\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
BLOCK = re.compile(r"^( *)```(yaml|sh)\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)


def contributing_steps() -> list[tuple[str, str]]:
    """The fenced blocks of the section, in order: (kind, text without the list's indentation)."""
    section = SECTION.search((PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert section is not None, "CONTRIBUTING.md has no section '## Adding a language'"
    steps = []
    for indent, kind, body in BLOCK.findall(section.group(1)):
        lines = [line.removeprefix(indent) for line in body.splitlines()]
        steps.append((kind, "\n".join(lines)))
    return steps


def fresh_copy(target: Path) -> Path:
    """The repository's files as git has them, without anything built or installed."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = PROJECT / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)
    return target


def _find(root: yaml.Node, path: list[str]) -> yaml.Node:
    """The node of a dotted key path; through a list, the entry that holds the next key (plugins: - i18n)."""
    node = root
    for key in path:
        if isinstance(node, yaml.SequenceNode):
            node = next(item for item in node.value if isinstance(item, yaml.MappingNode)
                        and any(getattr(name, "value", None) == key for name, _ in item.value))
        assert isinstance(node, yaml.MappingNode), f"{'.'.join(path)}: no mapping at {key!r}"
        node = next(value for name, value in node.value if getattr(name, "value", None) == key)
    return node


def insert_at_end_of(config: Path, key_path: str, block: str) -> None:
    """Write ``block`` as the last entry of the mapping or list at ``key_path``, at its indentation."""
    text = config.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=TolerantLoader)
    assert root is not None, "mkdocs.yml is empty"
    node = _find(root, key_path.split("."))
    assert isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.flow_style is False, key_path
    lines = text.splitlines(keepends=True)
    mark = node.end_mark  # where the next token starts: the next key's line, or the end of the last value's line
    end = mark.line if mark.line >= len(lines) or not lines[mark.line][:mark.column].strip() else mark.line + 1
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # the blank lines and comments before the next key stay with that key
    indent = " " * node.start_mark.column
    added = "".join(f"{indent}{line}\n" if line else "\n" for line in block.splitlines())
    config.write_text("".join(lines[:end]) + added + "".join(lines[end:]), encoding="utf-8")


def test_contributing_describes_the_steps_this_test_follows() -> None:
    kinds = [kind for kind, _ in contributing_steps()]
    assert kinds.count("yaml") >= 4 and kinds[-2:] == ["sh", "sh"], kinds


def test_adding_a_language_as_contributing_says_gives_a_site_that_builds(tmp_path: Path) -> None:
    project = fresh_copy(tmp_path / "clone")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1",
                       PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    for kind, text in contributing_steps():
        if kind == "yaml":
            target, _, block = text.partition("\n")
            assert target.startswith("# "), f"a YAML step must name its key in its first line: {target!r}"
            insert_at_end_of(project / "mkdocs.yml", target.removeprefix("# "), block)
            continue
        for command in text.splitlines():
            result = subprocess.run(command, shell=True, cwd=project, env=environment, capture_output=True,
                                    text=True, check=False)
            assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    page = (project / "site" / "de" / "index.html").read_text(encoding="utf-8")
    # The German pages speak German where the steps gave German, and mark the Dutch they fall back to.
    assert '<html lang="de"' in page
    # The home page is not translated yet: its title is Dutch, marked as such, followed by the German site name.
    assert re.search(r'<title lang="nl">[^<]* - Föderales Kompetenzmodell</title>', page), page[:2000]
    assert "Dunkles Design" in page and "Thème sombre" not in page and "Donker thema" not in page
    assert "Föderale Verwaltung" in page and "Administration fédérale" not in page
    assert '<div lang="nl">' in page  # the home page is not translated yet: Dutch, marked as such


def apply_steps(project: Path, skipped: int) -> None:
    """Every YAML step and the copy of the labels, except step number ``skipped``; nothing is built."""
    for number, (kind, text) in enumerate(contributing_steps()):
        if number == skipped or (kind == "sh" and "cp " not in text):
            continue
        if kind == "yaml":
            target, _, block = text.partition("\n")
            insert_at_end_of(project / "mkdocs.yml", target.removeprefix("# "), block)
        else:
            subprocess.run(text, shell=True, cwd=project, check=True)


#: The steps after the first, which adds the language itself (tests/test_languages.py checks each of its keys).
SKIPPED = [(number, kind, text.partition("\n")[0]) for number, (kind, text) in enumerate(contributing_steps())
           if number > 0 and (kind == "yaml" or "cp " in text)]


@pytest.mark.parametrize(("number", "kind", "first_line"), SKIPPED, ids=[first for _, _, first in SKIPPED])
def test_the_check_names_a_step_left_out_with_its_file_line_and_key(
        tmp_path: Path, number: int, kind: str, first_line: str) -> None:
    project = fresh_copy(tmp_path / "clone")
    apply_steps(project, skipped=number)
    result = subprocess.run([sys.executable, "-m", "hooks.check"], cwd=project, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    if kind == "sh":
        assert lines == ["docs/de/labels.yml: the labels file for this language is missing"]
        assert result.stderr.strip() == "1 problem found in the labels."
        return
    key = first_line.removeprefix("# ")
    expected = f"{key}.de"
    assert lines and all(re.match(r"^mkdocs\.yml:\d+:\d+: ", line) for line in lines), lines
    assert all(expected in line for line in lines), lines
    assert "in the configuration (mkdocs.yml)" in result.stderr
