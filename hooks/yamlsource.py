"""Read YAML the way HR needs it read: safely, strictly, and remembering where every value stands.

PyYAML alone keeps the last of two duplicate keys without a word, which silently loses text, and it
forgets line numbers once a document is built. This module composes the node tree with PyYAML's safe
composer, then builds plain Python values itself so that it can refuse duplicate keys, aliases and
unknown tags, and keep the line and column of every key and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Location, ModelError, Problem, field_path

DocumentPath = tuple[str | int, ...]

# Files larger than this are not HR's model files; refusing them bounds memory and time.
MAX_FILE_BYTES = 2_000_000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {_CORE + "map", _CORE + "seq"}


@dataclass
class YamlDocument:
    """A parsed YAML file: its plain data, and where each value and key stands in the file."""

    path: Path
    display_path: str
    data: Any
    value_marks: dict[DocumentPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[DocumentPath, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: DocumentPath, *, key: bool = False) -> Location:
        """The closest known place for ``path``: the value (or its key), else its nearest parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while probe not in marks and probe:
            probe = probe[:-1]
        line, column = marks.get(probe, self.value_marks.get((), (1, 1)))
        return Location(self.display_path, line, column)


class _StrictComposer(yaml.SafeLoader):
    """The safe loader, refusing aliases before they are expanded (no alias bombs, no shared nodes)."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None,
                "aliases (*name) are not allowed: write the text out in full",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _short_tag(tag: str) -> str:
    """Show a tag the way it is written in the file: ``!!python/object`` rather than its full URI."""
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed node tree into plain values, collecting every problem on the way."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self._scalars = SafeConstructor()

    def problem(self, node: Node, path: DocumentPath, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(
            Problem(Location(self.document.display_path, line, column), field_path(path), message)
        )

    def build(self, node: Node, path: DocumentPath) -> Any:
        self.document.value_marks[path] = _mark(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag not in _COLLECTION_TAGS:
                self.problem(node, path, f"the tag {_short_tag(node.tag)} is not allowed here")
                return None
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: Node, path: DocumentPath) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, path, f"the tag {_short_tag(node.tag)} is not allowed: only plain text, "
                                     "numbers, true/false, lists and mappings")
            return None
        if node.tag == _CORE + "timestamp":
            # Dates stay text: the schema checks their form, and text survives a round trip.
            return str(node.value)
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as error:
            self.problem(node, path, f"cannot read this value: {error}")
            return None

    def _mapping(self, node: MappingNode, path: DocumentPath) -> dict[str, Any] | None:
        if node.tag not in _COLLECTION_TAGS:
            self.problem(node, path, f"the tag {_short_tag(node.tag)} is not allowed here")
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                self.problem(key_node, path, "a key must be a plain word, not a list or mapping")
                continue
            if key_node.tag == _CORE + "str" and key_node.value == "<<":
                self.problem(key_node, path, "merge keys (<<) are not allowed: write the fields out")
                continue
            key = str(self._scalar(key_node, path))
            key_line = key_node.start_mark.line + 1
            if key in first_seen:
                self.problem(
                    key_node, path + (key,),
                    f"duplicate key '{key}' (first written on line {first_seen[key]}); "
                    "YAML would silently keep only the last one, so remove or rename one of them",
                )
                continue
            first_seen[key] = key_line
            self.document.key_marks[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


def parse_yaml(text: str, path: Path, display_path: str) -> YamlDocument:
    """Parse one YAML document; raise ModelError listing every problem in it."""
    document = YamlDocument(path=path, display_path=display_path, data=None)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise ModelError([Problem(Location(display_path), "",
                                  f"the file is larger than {MAX_FILE_BYTES:,} bytes")])
    loader = _StrictComposer(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = " ".join(part for part in (error.context, error.problem) if part)
        raise ModelError([Problem(Location(display_path, line, column), "",
                                  f"YAML syntax error: {reason}")]) from None
    except yaml.YAMLError as error:
        raise ModelError([Problem(Location(display_path), "", f"YAML error: {error}")]) from None
    except RecursionError:
        raise ModelError([Problem(Location(display_path), "", "the YAML is nested too deeply")]) from None
    finally:
        loader.dispose()
    if root is None:
        raise ModelError([Problem(Location(display_path, 1, 1), "", "the file is empty")])
    builder = _Builder(document)
    try:
        document.data = builder.build(root, ())
    except RecursionError:
        raise ModelError([Problem(Location(display_path), "", "the YAML is nested too deeply")]) from None
    if builder.problems:
        raise ModelError(builder.problems)
    return document


def read_yaml(path: Path, display_path: str) -> YamlDocument:
    """Read and parse a YAML file; unreadable or non-UTF-8 files become a ModelError."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ModelError([Problem(Location(display_path), "",
                                  f"the file is not UTF-8 text (byte {error.start})")]) from None
    except OSError as error:
        raise ModelError([Problem(Location(display_path), "",
                                  f"cannot read the file: {error.strerror}")]) from None
    return parse_yaml(text, path, display_path)
