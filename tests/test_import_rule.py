"""The one rule between hooks' folders: only hooks/build/ and the hook file know MkDocs (hooks/__init__.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
HOOKS = PROJECT / "hooks"


def engine_free_modules() -> list[str]:
    """Every module of the package outside hooks/build/ and the hook file, as a dotted name."""
    names = []
    for path in sorted(HOOKS.rglob("*.py")):
        parts = path.relative_to(PROJECT).with_suffix("").parts
        if parts[1] == "build" or parts[-1] == "mkdocs_hooks":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_only_the_build_folder_imports_mkdocs_or_material() -> None:
    modules = engine_free_modules()
    assert "hooks.source.load" in modules and "hooks.site.render" in modules and "hooks.check" in modules
    program = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0].startswith(('mkdocs', 'material')))))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [], "an engine-free module loaded MkDocs or Material"


def test_the_hook_file_only_delegates() -> None:
    assert len((HOOKS / "mkdocs_hooks.py").read_text(encoding="utf-8").splitlines()) < 150


def test_the_folders_depend_one_way() -> None:
    """source/ reads files and knows no page; site/ turns the model into pages and knows no command."""
    import ast

    forbidden = {"source": ("site", "build", "tools"), "site": ("build", "tools")}
    found = []
    for folder, others in forbidden.items():
        for path in sorted((HOOKS / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level == 2 and (node.module or "").split(".")[0] in others:
                    found.append(f"{path.relative_to(PROJECT)}:{node.lineno}: imports ..{node.module}")
    assert found == []
