"""Tier 1: hooks.source.yamlsource reads YAML strictly, reports every problem with its place, and remembers positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.problems import Location, ModelError
from hooks.source import yamlsource
from hooks.source.yamlsource import YamlDocument, parse_yaml, read_yaml

PROJECT = Path(__file__).resolve().parents[1]

DOCUMENT = """\
# A comment line first, as in every model file.
id: voorbeeld
name:
  nl: Naam
  fr: "Nom"
levels:
  - level: basis
    indicators:
      nl:
        - Een
        - Twee
text: >-
  folded
  text
related: [een, twee]
"""


def parse(text: str) -> YamlDocument:
    return parse_yaml(text, Path("voorbeeld.yaml"), "model/voorbeeld.yaml")


def problems(text: str) -> list[str]:
    with pytest.raises(ModelError) as raised:
        parse(text)
    return [str(problem) for problem in raised.value.problems]


# ---------------------------------------------------------------------------------------------------
# Positions


def test_values_are_plain_python() -> None:
    assert parse(DOCUMENT).data == {
        "id": "voorbeeld", "name": {"nl": "Naam", "fr": "Nom"},
        "levels": [{"level": "basis", "indicators": {"nl": ["Een", "Twee"]}}],
        "text": "folded text", "related": ["een", "twee"],
    }


@pytest.mark.parametrize(("path", "key", "line", "column"), [
    ((), False, 2, 1),
    (("id",), False, 2, 5),
    (("id",), True, 2, 1),
    (("name",), False, 4, 3),
    (("name", "fr"), False, 5, 7),
    (("name", "fr"), True, 5, 3),
    (("levels",), False, 7, 3),
    (("levels", 0), False, 7, 5),
    (("levels", 0, "level"), False, 7, 12),
    (("levels", 0, "indicators"), True, 8, 5),
    (("levels", 0, "indicators", "nl"), False, 10, 9),
    (("levels", 0, "indicators", "nl", 1), False, 11, 11),
    (("text",), False, 12, 7),
    (("related", 1), False, 15, 16),
    # A path that is not in the file points at its nearest parent: where the missing thing belongs.
    (("name", "de"), False, 4, 3),
    (("name", "de"), True, 3, 1),
    (("levels", 0, "indicators", "fr"), False, 9, 7),
    (("levels", 3, "level"), False, 7, 3),
], ids=lambda value: str(value))
def test_every_value_and_key_knows_its_line_and_column(
        path: tuple[str | int, ...], key: bool, line: int, column: int) -> None:
    assert parse(DOCUMENT).location(path, key=key) == Location("model/voorbeeld.yaml", line, column)


def test_positions_are_the_same_with_or_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path (libyaml) and the checked path give the same data and positions for every model file."""
    files = sorted(PROJECT.glob("model/**/*.yaml"))
    fast = [read_yaml(path, path.name) for path in files]
    fast_marks = [(one.value_marks, one.key_marks) for one in fast]  # worked out now, with libyaml
    monkeypatch.setattr(yamlsource, "_LIBYAML_LOADER", None)
    checked = [read_yaml(path, path.name) for path in files]
    for one, marks, other in zip(fast, fast_marks, checked):
        assert one.data == other.data, one.display_path
        assert marks == (other.value_marks, other.key_marks), one.display_path


def test_positions_are_worked_out_only_when_a_problem_needs_them() -> None:
    """A valid model keeps no positions in memory; asked for later, they are those of the text read."""
    document = parse(DOCUMENT)
    assert document._marks is None
    assert document.location(("levels", 0, "indicators", "nl", 1)) == Location("model/voorbeeld.yaml", 11, 11)
    assert document._marks is not None
    assert parse(DOCUMENT.replace("\n", "\r\n")).location(("related", 1)) == Location("model/voorbeeld.yaml", 15, 16)


# ---------------------------------------------------------------------------------------------------
# What is refused, and how it is said


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\na: 2\n", ["model/voorbeeld.yaml:2:1: a: duplicate key 'a' (first written on line 1); "
                      "YAML would silently keep only the last one, so remove or rename one of them"]),
    ("name:\n  nl: x\n  nl: y\n", ["model/voorbeeld.yaml:3:3: name.nl: duplicate key 'nl' (first written on line 2)"]),
    ("a: &x tekst\nb: *x\n", ["model/voorbeeld.yaml:1:4: a: anchors (&x) are not allowed",
                              "model/voorbeeld.yaml:2:4: b: aliases (*x) are not allowed"]),
    ("a: *nergens\n", ["model/voorbeeld.yaml:1:4: a: aliases (*nergens) are not allowed"]),
    ("a: &x 1\nb: &x 2\n", ["model/voorbeeld.yaml:1:4: a: anchors (&x)", "model/voorbeeld.yaml:2:4: b: anchors (&x)"]),
    ("a:\n  <<: {b: 1}\n", ["model/voorbeeld.yaml:2:3: a.<<: merge keys (<<) are not allowed"]),
    ("a: !!python/object:os.system {}\n", ["model/voorbeeld.yaml:1:4: a: the tag !!python/object:os.system "
                                           "is not allowed: write plain text, numbers, true/false, lists and "
                                           "mappings only"]),
    ("a: !!python/name:os.system\n", ["model/voorbeeld.yaml:1:4: a: the tag !!python/name:os.system is not allowed"]),
    ("- !!binary aGFsbG8=\n", ["model/voorbeeld.yaml:1:3: [0]: the tag !!binary is not allowed"]),
    ("a: !!set {x: null}\n", ["model/voorbeeld.yaml:1:4: a: the tag !!set is not allowed"]),
    ("a: !!omap [x: 1]\n", ["model/voorbeeld.yaml:1:4: a: the tag !!omap is not allowed"]),
    ("a: !eigen x\n", ["model/voorbeeld.yaml:1:4: a: the tag !eigen is not allowed"]),
    ("!!python/name:os.system : 1\n", ["model/voorbeeld.yaml:1:1: the tag !!python/name:os.system is not allowed"]),
    ("[a]: 1\n", ["model/voorbeeld.yaml:1:1: a key must be a plain word, not a list or mapping"]),
    ("a: !!bool misschien\n", ["model/voorbeeld.yaml:1:4: a: cannot read this value as !!bool"]),
    ("a: !!int ''\n", ["model/voorbeeld.yaml:1:4: a: cannot read this value as !!int"]),
    ("", ["model/voorbeeld.yaml:1:1: the file is empty"]),
    ("# only a comment\n", ["model/voorbeeld.yaml:1:1: the file is empty"]),
    ("a: 1\n---\nb: 2\n", ["model/voorbeeld.yaml:2:1: YAML syntax error: expected a single document in the stream "
                           "but found another document (a file holds one document"]),
    ("a: b: c\n", ["model/voorbeeld.yaml:1:5: YAML syntax error: mapping values are not allowed here (a text that "
                   "contains ': ' must be put in quotes"]),
    ("a:\n\t- b\n", ["model/voorbeeld.yaml:2:1: YAML syntax error: while scanning for the next token found character "
                     "'\\t' that cannot start any token (indent with spaces, not tabs)"]),
    ("a: [1, 2\n", ["model/voorbeeld.yaml:2:1: YAML syntax error: while parsing a flow sequence expected ',' or ']'"]),
    ('a: 1\nb: "open\n', ["model/voorbeeld.yaml:2:4: YAML syntax error: while scanning a quoted scalar found "
                          "unexpected end of stream (a quote is opened here but never closed)"]),
    ('a: "open\nb: "x"\nc: 1\n', ["model/voorbeeld.yaml:1:4: YAML syntax error: the quoted text that starts here "
                                  "runs on to line 2: is its closing quote missing?"]),
    ("a: x\x07y\n", ["model/voorbeeld.yaml:1:5: the invisible character U+0007 is not allowed in YAML"]),
    ("a:\n  b: \x00\n", ["model/voorbeeld.yaml:2:6: the invisible character U+0000 is not allowed in YAML"]),
    ("[" * 3000 + "]" * 3000, ["model/voorbeeld.yaml: the YAML is nested too deeply"]),
], ids=lambda value: repr(value)[:40] if isinstance(value, str) else "")
def test_refused_yaml_is_reported_where_it_is(text: str, expected: list[str]) -> None:
    found = problems(text)
    assert len(found) == len(expected), found
    for line, start in zip(found, expected):
        assert line.startswith(start), (line, start)


def test_every_problem_in_a_file_is_reported_in_order() -> None:
    found = problems("a: 1\nb: !!binary eA==\na: 2\nc:\n  d: *x\n  d: 3\n")
    assert [line.split(": ")[0] for line in found] == [
        "model/voorbeeld.yaml:2:4", "model/voorbeeld.yaml:3:1", "model/voorbeeld.yaml:5:6", "model/voorbeeld.yaml:6:3"]


@pytest.mark.parametrize(("text", "data"), [
    ("no: Noors\n~: niets\n1: een\nyes: ja\n", {"no": "Noors", "~": "niets", "1": "een", "yes": "ja"}),
    ("'<<': tekst\n", {"<<": "tekst"}),
    ("date: 2026-11-28\nstamp: 2026-11-28 10:00:00\n", {"date": "2026-11-28", "stamp": "2026-11-28 10:00:00"}),
    ("a: {nl: x, fr: 'y'}\nb: [1, 1.5, true, null]\n", {"a": {"nl": "x", "fr": "y"}, "b": [1, 1.5, True, None]}),
    ("\ufeffa: met BOM\n", {"a": "met BOM"}),
    ("a: R&D en *sterren*\n", {"a": "R&D en *sterren*"}),
    ("a: |\n  regel 1\n  regel 2\n", {"a": "regel 1\nregel 2\n"}),
], ids=["keys as written", "quoted <<", "dates stay text", "flow style", "byte order mark", "& and * in text",
        "literal block"])
def test_accepted_yaml(text: str, data: object) -> None:
    assert parse(text).data == data


# ---------------------------------------------------------------------------------------------------
# Files


def test_a_file_not_in_utf8_points_at_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("a: één\nb: ".encode() + "Coopérer\n".encode("latin-1"))
    with pytest.raises(ModelError) as raised:
        read_yaml(path, "model/f.yaml")
    assert [str(problem) for problem in raised.value.problems] == [
        "model/f.yaml:2:8: the file is not saved as UTF-8 (the byte 0xE9 here is not UTF-8): "
        "save it again with the encoding UTF-8"]


def test_a_utf16_file_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("a: b\n".encode("utf-16"))
    with pytest.raises(ModelError) as raised:
        read_yaml(path, "model/f.yaml")
    assert str(raised.value.problems[0]).startswith("model/f.yaml:1:1: the file is not saved as UTF-8")


def test_a_missing_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as raised:
        read_yaml(tmp_path / "missing.yaml", "model/missing.yaml")
    assert str(raised.value.problems[0]) == "model/missing.yaml: cannot read the file: No such file or directory"


def test_a_file_too_large_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 100)
    assert parse("a: " + "x" * 90).data == {"a": "x" * 90}
    assert problems("a: " + "x" * 100) == ["model/voorbeeld.yaml: the file is larger than 100 bytes"]


def test_a_valid_model_is_read_and_checked_without_working_out_positions() -> None:
    from hooks.source.load import read_sources, validate_sources

    sources, problems = read_sources(PROJECT / "model", PROJECT)
    assert not problems and not validate_sources(sources, ["nl", "fr"])
    assert [document.display_path for document in sources.documents() if document._marks is not None] == []
