"""Read YAML the way HR needs it read: safely, strictly, and remembering where every value stands.

PyYAML alone keeps the last of two duplicate keys without a word, which silently loses text, and it
forgets line numbers once a document is built. This module composes the node tree with PyYAML's safe
composer, then builds plain Python values itself so that it can refuse duplicate keys, anchors and
aliases, merge keys and unknown tags, and keep the line and column of every key and value.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Location, ModelError, Problem, field_path

DocumentPath = tuple[str | int, ...]


def value_at(data: Any, path: DocumentPath) -> Any:
    """The value at ``path`` in parsed data (a KeyError or IndexError if there is none)."""
    for part in path:
        data = data[part]
    return data

# Files larger than this are not HR's model files; refusing them bounds memory and time.
MAX_FILE_BYTES = 2_000_000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {_CORE + "map", _CORE + "seq"}


@dataclass
class YamlDocument:
    """A parsed YAML file: its plain data, and where each value and key stands in the file.

    The positions are needed only to report a problem, and on a large model they took more memory
    than the texts themselves. They are therefore worked out again from the file's text, kept
    compressed, the first time they are asked for.
    """

    path: Path
    display_path: str
    data: Any
    _text: bytes = field(default=b"", repr=False, compare=False)
    """The text the data was read from, compressed with zlib."""
    _marks: tuple[dict[DocumentPath, tuple[int, int]], dict[DocumentPath, tuple[int, int]]] | None = field(
        default=None, repr=False, compare=False)

    @property
    def value_marks(self) -> dict[DocumentPath, tuple[int, int]]:
        """(line, column) of each value, by its path in the data."""
        return self._positions()[0]

    @property
    def key_marks(self) -> dict[DocumentPath, tuple[int, int]]:
        """(line, column) of each mapping key, by the path of its value."""
        return self._positions()[1]

    def _positions(self) -> tuple[dict[DocumentPath, tuple[int, int]], dict[DocumentPath, tuple[int, int]]]:
        if self._marks is None:
            root, anchor_names = _compose(zlib.decompress(self._text).decode("utf-8", "surrogatepass"))
            builder = _Builder(self.display_path, anchor_names, with_marks=True)
            if root is not None:
                builder.build(root, ())
            self._marks = (builder.value_marks, builder.key_marks)
        return self._marks

    def source_lines(self) -> list[str]:
        """The lines of the text the data was read from."""
        return zlib.decompress(self._text).decode("utf-8", "surrogatepass").split("\n")

    def location(self, path: DocumentPath, *, key: bool = False) -> Location:
        """The closest known place for ``path``: the value (or its key), else its nearest parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while probe not in marks and probe:
            probe = probe[:-1]
        line, column = marks.get(probe, self.value_marks.get((), (1, 1)))
        return Location(self.display_path, line, column)


# The tag of the placeholder node that stands for an alias (*name): the builder reports it with its field.
_ALIAS_TAG = "!alias"


class _StrictComposer(yaml.SafeLoader):
    """The safe loader, noting anchors and replacing aliases before they are expanded (no alias bombs).

    An alias becomes a placeholder node, and an anchor is dropped after it is noted, so that the
    builder can report each of them with its field path, all in one run.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.anchor_names: dict[int, str] = {}
        """The anchor (&name) written on a node, keyed by ``id(node)``."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            self.get_event()  # type: ignore[no-untyped-call]
            marks: Any = (event.start_mark, event.end_mark)  # PyYAML's marks; the stubs type them loosely
            return ScalarNode(_ALIAS_TAG, event.anchor, *marks)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            event.anchor = None  # never registered, so a repeated name is not a second error
        node = super().compose_node(parent, index)
        if anchor is not None and node is not None:
            self.anchor_names[id(node)] = anchor
        return node


def _short_tag(tag: str) -> str:
    """Show a tag the way it is written in the file: ``!!python/object`` rather than its full URI."""
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_SYNTAX_HINTS = (
    ("'\\t' that cannot start any token", "indent with spaces, not tabs"),
    ("mapping values are not allowed here",
     "a text that contains ': ' must be put in quotes, or check the indentation of this line"),
    ("could not find expected ':'", "a key is missing its ':', or a text runs on without quotes"),
    ("expected <block end>", "check the indentation of this line against the lines above it"),
    ("while scanning a quoted scalar", "a quote is opened here but never closed"),
    ("expected a single document", "a file holds one document: remove the '---' line and what follows"),
)


def _syntax_message(reason: str) -> str:
    """PyYAML's wording of a syntax error, with a hint in an editor's words where one is known."""
    hints = [hint for known, hint in _SYNTAX_HINTS if known in reason]
    return f"YAML syntax error: {reason}" + (f" ({hints[0]})" if hints else "")


def _runaway_quote(text: str, error_line: int) -> tuple[int, int, int] | None:
    """A quoted text that runs over several lines and ends on the error's line: (line, column, last line)."""
    # A missing closing quote makes YAML read on to the next quote, often lines further, and fail there
    # with a message about something else; the quote that was not closed is what HR has to fix.
    runaway = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 > error_line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
                    and token.start_mark.line < token.end_mark.line == error_line - 1):
                runaway = (token.start_mark.line + 1, token.start_mark.column + 1, token.end_mark.line + 1)
    except yaml.YAMLError:
        pass
    return runaway


class _Builder:
    """Turns a composed node tree into plain values, collecting every problem on the way."""

    def __init__(self, display_path: str, anchor_names: dict[int, str] | None = None, *,
                 with_marks: bool = False) -> None:
        self.display_path = display_path
        self.with_marks = with_marks
        self.value_marks: dict[DocumentPath, tuple[int, int]] = {}
        self.key_marks: dict[DocumentPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._scalars = SafeConstructor()
        self._anchor_names = anchor_names or {}

    def problem(self, node: Node, path: DocumentPath, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(
            Problem(Location(self.display_path, line, column), field_path(path), message)
        )

    def _refused_tag(self, node: Node, path: DocumentPath) -> None:
        self.problem(node, path, f"the tag {_short_tag(node.tag)} is not allowed: write plain text, "
                                 "numbers, true/false, lists and mappings only")

    def _check_anchor(self, node: Node, path: DocumentPath) -> None:
        anchor = self._anchor_names.get(id(node))
        if anchor is not None:
            self.problem(node, path, f"anchors (&{anchor}) are not allowed: remove '&{anchor}' "
                                     "and write every text out where it belongs")

    def build(self, node: Node, path: DocumentPath) -> Any:
        if self.with_marks:
            self.value_marks[path] = _mark(node)
        self._check_anchor(node, path)
        if node.tag == _ALIAS_TAG:
            self.problem(node, path, f"aliases (*{node.value}) are not allowed: write the text out in full "
                                     "instead of repeating another one")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag not in _COLLECTION_TAGS:
                self._refused_tag(node, path)
                return None
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: Node, path: DocumentPath) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self._refused_tag(node, path)
            return None
        if node.tag == _CORE + "timestamp":
            # Dates stay text: the schema checks their form, and text survives a round trip.
            return str(node.value)
        try:
            return self._scalars.construct_object(node, deep=True)
        except Exception as error:
            self.problem(node, path, f"cannot read this value as {_short_tag(node.tag)}: {error}")
            return None

    def _mapping(self, node: MappingNode, path: DocumentPath) -> dict[str, Any] | None:
        if node.tag not in _COLLECTION_TAGS:
            self._refused_tag(node, path)
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                self.problem(key_node, path + ("<<",), "merge keys (<<) are not allowed: write the fields out in full")
                continue
            if key_node.tag == _ALIAS_TAG:
                self.build(key_node, path)
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, path, "a key must be a plain word, not a list or mapping")
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self._refused_tag(key_node, path)
                continue
            self._check_anchor(key_node, path)
            # The key as written: `no:` (Norwegian) stays 'no' and `~:` stays '~', never False or 'None'.
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in first_seen:
                self.problem(
                    key_node, path + (key,),
                    f"duplicate key '{key}' (first written on line {first_seen[key]}); "
                    "YAML would silently keep only the last one, so remove or rename one of them",
                )
                continue
            first_seen[key] = key_line
            if self.with_marks:
                self.key_marks[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


# PyYAML's C extension (libyaml) composes a file about ten times faster than its pure-Python composer,
# which was most of what the hooks add to a build. It is used only when it gives the same node tree as
# the checked path below: on any error, an alias or an empty file, the pure-Python composer runs again,
# so every message HR sees comes from one place. libyaml accepts tabs inside texts and places a byte
# order mark differently, so files with either take the checked path too. What still differs is exotic
# syntax that libyaml reads as the YAML spec says (a '?' inside a [flow, list], a comment glued to a '>'
# or '|' indicator, a bare '!' tag); such files fail the schema or the text checks instead.
_LIBYAML_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _compose_with_libyaml(text: str) -> Node | None:
    """The file's node tree composed by libyaml, or None when the checked pure-Python path must do it."""
    if _LIBYAML_LOADER is None or "&" in text or "\t" in text or "\ufeff" in text:
        return None  # '&': libyaml's nodes do not keep anchors (&name), which the checked path reports
    loader = _LIBYAML_LOADER(text)
    try:
        root: Node | None = loader.get_single_node()
    except Exception:
        return None
    finally:
        loader.dispose()
    return root if root is not None and not _has_shared_nodes(root) else None


def _has_shared_nodes(root: Node) -> bool:
    """Whether one node occurs twice in the tree, which only an alias (*name) makes happen."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                pending += (key_node, value_node)
    return False


def _compose(text: str) -> tuple[Node | None, dict[int, str]]:
    """The file's node tree and the anchors written on its nodes; PyYAML's errors pass through."""
    root = _compose_with_libyaml(text)
    if root is not None:
        return root, {}
    # PyYAML's reader refuses control characters as soon as it is created: the caller catches that too.
    loader = _StrictComposer(text)
    try:
        return loader.get_single_node(), loader.anchor_names
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path, display_path: str) -> YamlDocument:
    """Parse one YAML document; raise ModelError listing every problem in it."""
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_FILE_BYTES:
        raise ModelError([Problem(Location(display_path), "",
                                  f"the file is larger than {MAX_FILE_BYTES:,} bytes")])
    try:
        root, anchor_names = _compose(text)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote is found at the end of the file; where it was opened is what helps.
        unclosed = bool(error.context and "quoted scalar" in error.context)
        mark = (error.context_mark if unclosed else None) or error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = " ".join(part for part in (error.context, error.problem) if part)
        message = _syntax_message(reason)
        runaway = None if unclosed else _runaway_quote(text, line)
        if runaway is not None:
            line, column, last_line = runaway
            message = (f"YAML syntax error: the quoted text that starts here runs on to line {last_line}: "
                       f"is its closing quote missing? (YAML then stops at line {mark.line + 1 if mark else 0}: "
                       f"{reason})")
        raise ModelError([Problem(Location(display_path, line, column), "", message)]) from None
    except yaml.reader.ReaderError as error:
        line, column = _text_position(text, error.position)
        raise ModelError([Problem(Location(display_path, line, column), "",
                                  f"the invisible character U+{error.character:04X} is not allowed in YAML: "
                                  "delete it (it often comes with text pasted from another program)")]) from None
    except yaml.YAMLError as error:
        raise ModelError([Problem(Location(display_path), "", f"YAML error: {error}")]) from None
    except RecursionError:
        raise ModelError([Problem(Location(display_path), "", "the YAML is nested too deeply")]) from None
    if root is None:
        raise ModelError([Problem(Location(display_path, 1, 1), "", "the file is empty")])
    builder = _Builder(display_path, anchor_names)
    try:
        data = builder.build(root, ())
    except RecursionError:
        raise ModelError([Problem(Location(display_path), "", "the YAML is nested too deeply")]) from None
    if builder.problems:
        raise ModelError(builder.problems)
    # Level 1: about as small as the best level for such texts, and several times faster.
    return YamlDocument(path, display_path, data, zlib.compress(encoded, 1))


def _text_position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of a character index, as an editor shows them."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def read_yaml(path: Path, display_path: str) -> YamlDocument:
    """Read and parse a YAML file; unreadable or non-UTF-8 files become a ModelError."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ModelError([Problem(Location(display_path), "",
                                  f"cannot read the file: {error.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        # Point at the first byte that is not UTF-8, counting columns in the characters before it.
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start:error.start].decode("utf-8", "replace")) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        raise ModelError([Problem(Location(display_path, line, column), "",
                                  f"the file is not saved as UTF-8 (the byte 0x{raw[error.start]:02X} here is not "
                                  "UTF-8): save it again with the encoding UTF-8")]) from None
    return parse_yaml(text, path, display_path)
