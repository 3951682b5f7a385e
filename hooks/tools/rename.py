"""Rename a competency: its file, its ``id``, its ``former_ids``, every ``related:`` list and every role profile that names it.

The files are edited as text, at the positions ``hooks.source.yamlsource`` recorded, so that comments,
folded paragraphs and key order stay as HR wrote them; each edited text is parsed again and must give
exactly the data expected, or nothing is written (as ``hooks.tools.yamledit`` does for fingerprints).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import Location, ModelError, Problem
from ..source.load import ModelSources
from ..source.schema import id_pattern
from ..source.yamlsource import DocumentPath, YamlDocument, parse_yaml

_PLAIN_SCALAR = re.compile(r"[^\s,\[\]{}#'\"]+")


@dataclass(frozen=True)
class RenamedFile:
    """A file the rename changed: where it was, where it is, its new text and what changed in it."""

    old_path: Path
    new_path: Path
    text: str
    changes: tuple[str, ...]


def _offset(text: str, line: int, column: int) -> int:
    lines = text.splitlines(keepends=True)
    return sum(len(before) for before in lines[:line - 1]) + column - 1


def _scalar_span(text: str, start: int) -> tuple[int, int]:
    """Where the scalar that starts at ``start`` ends (a plain, single- or double-quoted id)."""
    if text[start] in "'\"":
        return start, text.index(text[start], start + 1) + 1
    match = _PLAIN_SCALAR.match(text, start)
    return start, match.end() if match else start


def _edited(document: YamlDocument, text: str, replacements: dict[DocumentPath, str]) -> str:
    """The text with the scalar at each path replaced by the new id (from the end, so offsets hold)."""
    spans = []
    for path, new in replacements.items():
        location = document.location(path)
        spans.append((*_scalar_span(text, _offset(text, location.line, location.column)), new))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _with_former_id(document: YamlDocument, text: str, old: str) -> str:
    """The text with ``old`` added to ``former_ids`` (a new ``former_ids: [old]`` line after ``id:`` if none)."""
    formers = document.data.get("former_ids")
    if not formers:
        location = document.location(("id",), key=True)
        line_end = text.index("\n", _offset(text, location.line, location.column)) + 1
        return text[:line_end] + " " * (location.column - 1) + f"former_ids: [{old}]\n" + text[line_end:]
    last = document.location(("former_ids", len(formers) - 1))
    _, end = _scalar_span(text, _offset(text, last.line, last.column))
    flow = text[_offset(text, document.location(("former_ids",)).line,
                        document.location(("former_ids",)).column)] == "["
    if flow:
        return text[:end] + f", {old}" + text[end:]
    line_start = text.rfind("\n", 0, end) + 1
    indent = text[line_start:_offset(text, last.line, last.column)]
    return text[:end] + "\n" + indent + old + text[end:]


def _checked(document: YamlDocument, text: str, expected: Any) -> str:
    """``text`` if it parses to ``expected``; a ModelError otherwise (the file is then left as it was)."""
    parsed = parse_yaml(text, document.path, document.display_path)
    if parsed.data != expected:
        raise ModelError([Problem(Location(document.display_path), "",
                                  "the rename could not edit this file safely (its layout is unusual); nothing was "
                                  "changed: edit it by hand")])
    return text


def rename_competency(sources: ModelSources, old: str, new: str) -> list[RenamedFile]:
    """Every file edit that renames competency ``old`` to ``new``; a ModelError says why it cannot."""
    documents = {document.data["id"]: document for document in sources.competencies}
    problems = []
    if old not in documents:
        problems.append(Problem(Location("model/competencies"), "", f"no competency with id {old!r} (known: "
                                f"{', '.join(sorted(documents))})"))
    if not id_pattern().match(new):
        problems.append(Problem(Location("model/competencies"), "", f"{new!r} is not a usable id: lowercase letters and "
                                "digits, in words joined by single dashes (such as 'kritisch-denken')"))
    taken = {*documents, *(former for d in documents.values() for former in d.data.get("former_ids", []))}
    if new in taken or new in {group["id"] for group in sources.single["groups.yaml"].data["groups"]}:
        problems.append(Problem(Location("model/competencies"), "", f"{new!r} is already the id (or a former id) of "
                                "a competency or group: choose another"))
    if problems:
        raise ModelError(problems)
    renamed: list[RenamedFile] = []
    for document in sources.competencies:
        text = document.path.read_text(encoding="utf-8")
        expected = copy.deepcopy(document.data)
        changes: list[str] = []
        references: dict[DocumentPath, str] = {
            ("related", index): new for index, related in enumerate(document.data["related"]) if related == old}
        if references:
            expected["related"] = [new if related == old else related for related in expected["related"]]
            changes.append(f"related: {old} → {new}")
        if document.data["id"] == old:
            expected["id"] = new
            expected["former_ids"] = [*document.data.get("former_ids", []), old]
            text = _with_former_id(document, _edited(document, text, {**references, ("id",): new}), old)
            changes[:0] = [f"id: {old} → {new}", f"former_ids: + {old}"]
            target = document.path.with_name(new + document.path.suffix)
        elif references:
            text = _edited(document, text, references)
            target = document.path
        else:
            continue
        renamed.append(RenamedFile(document.path, target, _checked(document, text, expected), tuple(changes)))
    for document in sources.profiles:
        asked = [index for index, entry in enumerate(document.data["competencies"]) if entry["competency"] == old]
        if not asked:
            continue
        expected = copy.deepcopy(document.data)
        for index in asked:
            expected["competencies"][index]["competency"] = new
        text = _edited(document, document.path.read_text(encoding="utf-8"),
                       {("competencies", index, "competency"): new for index in asked})
        renamed.append(RenamedFile(document.path, document.path, _checked(document, text, expected),
                                   (f"competencies: {old} → {new}",)))
    return renamed


def write_renamed(files: list[RenamedFile]) -> None:
    """Write the edits, and move the renamed competency's file to its new name."""
    for file in files:
        file.new_path.write_text(file.text, encoding="utf-8")
        if file.new_path != file.old_path:
            file.old_path.unlink()

