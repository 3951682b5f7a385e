"""Write ``translated_from`` fingerprints into model files without disturbing anything else in them.

HR's files carry comments, folded paragraphs, a chosen key order and line widths. Dumping the data
back with PyYAML would lose all of that, so this module edits the text itself: it inserts (or
replaces) one ``translated_from: {fr: "1a2b3c4d"}`` line per translated field, at the position
``hooks.source.yamlsource`` recorded for the field's keys. The result is parsed again and compared with
the expected data before anyone writes it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..problems import ModelError, Problem, field_path
from ..source.texts import TRANSLATED_FROM
from ..source.yamlsource import DocumentPath, YamlDocument, parse_yaml, value_at

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    replacement: str


class _Text:
    """A file's text with the offsets of its lines, to turn YAML marks (line, column) into offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
        first_break = _LINE_BREAK.search(text)
        self.newline = first_break.group(0) if first_break else "\n"

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based (line, column) mark."""
        return self.line_starts[line - 1] + column - 1

    def line(self, index: int) -> str:
        """The 0-based line ``index`` without its line break."""
        start = self.line_starts[index]
        end = self.line_starts[index + 1] if index + 1 < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self.line_starts) if not self.text.endswith(("\n", "\r")) else len(self.line_starts) - 1

    def block_end(self, key_line: int, indent: int) -> int:
        """The 0-based index of the first line after the block value of the key on line ``key_line``.

        A block value goes on while lines are blank, indented deeper than the key, or are items of a
        sequence written at the key's own indentation (``nl:`` followed by ``- item`` lines). Blank
        lines at its end belong to what follows.
        """
        end = key_line + 1
        index = key_line + 1
        while index < self.line_count:
            content = self.line(index)
            stripped = content.strip()
            if stripped:
                depth = len(content) - len(content.lstrip(" "))
                in_value = depth > indent or (depth == indent and (stripped == "-" or stripped.startswith("- ")))
                if not in_value:
                    break
                end = index + 1
            index += 1
        return end

    def flow_end(self, start: int) -> int:
        """The offset just after the flow collection (``{...}`` or ``[...]``) that opens at ``start``."""
        depth = 0
        index = start
        while index < len(self.text):
            char = self.text[index]
            if char in "{[":
                depth += 1
            elif char in "}]":
                depth -= 1
                if depth == 0:
                    return index + 1
            elif char == "'":
                index = self.text.find("'", index + 1)
                while index != -1 and self.text.startswith("''", index):
                    index = self.text.find("'", index + 2)
            elif char == '"':
                index += 1
                while index < len(self.text) and self.text[index] != '"':
                    index += 2 if self.text[index] == "\\" else 1
            elif char == "#" and index > 0 and self.text[index - 1] in " \t\r\n":
                line_break = _LINE_BREAK.search(self.text, index)
                index = line_break.start() if line_break else len(self.text)
            if index == -1:
                break
            index += 1
        raise ValueError(f"no end to the flow collection opened at offset {start}")


def flow_mapping(values: Mapping[str, str]) -> str:
    """``{fr: "1a2b3c4d", de: "..."}``: quoted, so that a fingerprint of digits never reads as a number."""
    return "{" + ", ".join(f'{language}: "{value}"' for language, value in values.items()) + "}"


def _field_edit(document: YamlDocument, text: _Text, path: DocumentPath, field: Mapping[str, Any],
                fingerprints: Mapping[str, str]) -> _Edit:
    """The edit that gives the translated mapping at ``path`` the ``translated_from`` ``fingerprints``."""
    entry = f"{TRANSLATED_FROM}: {flow_mapping(fingerprints)}"
    start = text.offset(*document.value_marks[path])
    mapping_is_flow = text.text.startswith("{", start)
    if TRANSLATED_FROM in field:
        key_line, key_column = document.key_marks[path + (TRANSLATED_FROM,)]
        value_start = text.offset(*document.value_marks[path + (TRANSLATED_FROM,)])
        if text.text.startswith("{", value_start):
            return _Edit(value_start, text.flow_end(value_start), flow_mapping(fingerprints))
        # A block mapping under the key: replace the key and its block with the one-line form.
        end_line = text.block_end(key_line - 1, key_column - 1)
        key_start = text.offset(key_line, key_column)
        end = text.line_starts[end_line] if end_line < len(text.line_starts) else len(text.text)
        return _Edit(key_start, end, entry + text.newline)
    if mapping_is_flow:
        end = text.flow_end(start) - 1  # the closing brace
        before = text.text[start + 1:end].rstrip()
        separator = " " if before.endswith(",") or not before else ", "
        insert_at = start + 1 + len(before)
        return _Edit(insert_at, insert_at, separator + entry)
    last_key = [key for key in field if key != TRANSLATED_FROM][-1]
    key_line, key_column = document.key_marks[path + (last_key,)]
    end_line = text.block_end(key_line - 1, key_column - 1)
    line = " " * (key_column - 1) + entry + text.newline
    if end_line < len(text.line_starts):
        insert_at = text.line_starts[end_line]
    else:  # the field ends the file, which has no line break at its end
        insert_at = len(text.text)
        line = text.newline + line
    return _Edit(insert_at, insert_at, line)


def with_fingerprints(document: YamlDocument, text: str,
                      changes: Mapping[DocumentPath, Mapping[str, str]]) -> str:
    """``text`` (the source of ``document``) with each translated field's ``translated_from`` set.

    ``changes`` maps a field's path to its complete new ``translated_from`` mapping. Raises
    ModelError when the edited text would not read back as exactly the old data plus these mappings,
    so a file is never written in a shape its author did not choose.
    """
    source = _Text(text)
    expected = copy.deepcopy(document.data)
    edits = []
    for path, fingerprints in changes.items():
        field = value_at(document.data, path)
        edits.append(_field_edit(document, source, path, field, fingerprints))
        value_at(expected, path)[TRANSLATED_FROM] = dict(fingerprints)
    edited = text
    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        edited = edited[:edit.start] + edit.replacement + edited[edit.end:]
    try:
        reread = parse_yaml(edited, document.path, document.display_path).data
    except ModelError as error:
        reread = error
    if reread != expected:
        first = next(iter(changes), ())
        raise ModelError([Problem(document.location(first), field_path(first),
                                  "cannot add translated_from here without changing other parts of the file; "
                                  "add it by hand as the last key of the field, for example "
                                  f"{TRANSLATED_FROM}: {flow_mapping(changes[first]) if changes else '{}'}")])
    return edited

