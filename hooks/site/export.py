"""The model as data for other tools: one JSON document with its schema, and a CSV per language."""

from __future__ import annotations

import csv
import functools
import io
import json
import shutil
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..model import FollowUpQuestions, Model, Translated
from ..source.labels import Labels
from ..source.load import ModelSources
from ..source.schema import SCHEMA_DIR
from ..source.siteconfig import SiteLanguage

JSON_FILE = "competency-model.json"
SCHEMA_FILE = "export.schema.json"
#: Excel on a Belgian Windows machine expects ";" between columns (the list separator of the nl-BE
#: and fr-BE regional settings, where "," is the decimal mark) and only reads UTF-8 when the file
#: starts with a byte order mark. Without both, accents break and everything lands in column A.
CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"


def csv_file_name(language: str) -> str:
    return f"competency-model-{language}.csv"


def profiles_csv_file_name(language: str) -> str:
    return f"competency-profiles-{language}.csv"


@dataclass(frozen=True)
class Download:
    """A file offered on a downloads page, described in the page's language."""

    file_name: str
    size: int
    format: str
    title: str
    description: str


def model_document(sources: ModelSources) -> dict[str, object]:
    """The whole model as one document, each part exactly as its file has it (see export.schema.json)."""
    document: dict[str, object] = {
        "model": sources.single["model.yaml"].data,
        "groups": sources.single["groups.yaml"].data["groups"],
        "levels": sources.single["levels.yaml"].data["levels"],
        "competencies": [document.data for document in sources.competencies],
        "changelog": sources.single["changelog.yaml"].data["changes"],
    }
    if sources.profiles:
        document["profiles"] = [profile.data for profile in
                                sorted(sources.profiles, key=lambda profile: (profile.data["order"], profile.data["id"]))]
    return document


def write_model_json(stream: BinaryIO, sources: ModelSources) -> None:
    """``model_document`` as indented JSON, written part by part.

    The bytes are those of ``json.dumps(model_document(sources), indent=2)``, but a large model's
    document (hundreds of megabytes) is never held in memory as one string: each item of a list is
    encoded on its own and indented into place.
    """
    stream.write(b"{")
    for index, (key, value) in enumerate(model_document(sources).items()):
        stream.write(f"{',' if index else ''}\n  {json.dumps(key)}: ".encode())
        if isinstance(value, list) and value:
            stream.write(b"[")
            for position, item in enumerate(value):
                stream.write(((",\n" if position else "\n") + _json_at_depth(item, 2)).encode("utf-8"))
            stream.write(b"\n  ]")
        else:
            stream.write(_json_at_depth(value, 1).lstrip(" ").encode("utf-8"))
    stream.write(b"\n}\n")


def _json_at_depth(value: object, depth: int) -> str:
    """``value`` as indented JSON, every line indented as it would be ``depth`` levels down a document."""
    return textwrap.indent(json.dumps(value, ensure_ascii=False, indent=2), "  " * depth)


#: The first characters that make a spreadsheet read a cell as a formula (=HYPERLINK(...), @SUM(1),
#: +cmd|...) or that some of them drop before doing so: tab and carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(cell: str) -> str:
    """A cell that Excel, LibreOffice and Google Sheets show as text, never run as a formula.

    As OWASP's "CSV Injection" page recommends: a cell that starts like a formula gets a single quote
    in front, which spreadsheets read as "this is text". The csv module quotes the cell as a whole.
    """
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


#: A cell of a CSV row before it is written: a model text (one or a list, taken in the row's language),
#: text of its own (an id, a number), or None for a text the model does not have (an empty cell).
Cell = Translated[Any] | str | None


def competency_header(labels: Labels) -> list[str]:
    """The columns of the competencies' CSV, in the language's labels (see ``competency_rows``)."""
    return [labels.csv_group, labels.csv_competency_id, labels.competency, labels.csv_definition,
            labels.csv_level_number, labels.csv_level, labels.indicators, labels.csv_below_level,
            labels.selection_questions, *(labels[f"csv_follow_up_{step}"] for step in FollowUpQuestions.STEPS),
            labels.evaluation_objectives]


def _competency_cells(model: Model) -> Iterator[list[Cell]]:
    for competency in model.competencies:
        hr_use = competency.hr_use
        follow_up: list[Cell] = [questions for _, questions in hr_use.follow_up_questions.steps()] \
            if hr_use.follow_up_questions is not None else [None] * len(FollowUpQuestions.STEPS)
        for number, entry in enumerate(competency.levels, start=1):
            yield [competency.group.name, competency.id, competency.name, competency.definition, str(number),
                   entry.level.name, entry.indicators, entry.below_level, hr_use.selection_questions,
                   *follow_up, hr_use.evaluation_objectives]


def competency_rows(model: Model, language: str, labels: Labels) -> Iterator[list[str]]:
    """One row per competency and level, after a header row in the language's labels.

    Next to the level's indicators and the behaviours that point below it, a row holds the texts that
    belong to the competency as a whole: the selection questions, the follow-up questions of each STAR
    step and the example objectives. They repeat on each of the competency's rows, so that the rows of
    one level, filtered in a spreadsheet, hold everything an interview or an evaluation at that level
    needs. A list of texts is one cell, an item per line; a text the model does not have is an empty cell.
    """
    yield from _rows(competency_header(labels), _competency_cells, model, language, labels)


def profile_header(labels: Labels) -> list[str]:
    """The columns of the role profiles' CSV, in the language's labels (see ``profile_rows``)."""
    return [labels.csv_profile_id, labels.profile_column, labels.profile_role, labels.profile_function_level,
            labels.csv_competency_id, labels.competency, labels.csv_level_number, labels.csv_level]


def _profile_cells(model: Model) -> Iterator[list[Cell]]:
    for profile in model.profiles:
        for expectation in profile.expectations:
            yield [profile.id, profile.name, profile.role, profile.function_level, expectation.competency.id,
                   expectation.competency.name, str(model.levels.index(expectation.level) + 1),
                   expectation.level.name]


def profile_rows(model: Model, language: str, labels: Labels) -> Iterator[list[str]]:
    """One row per role profile and competency it asks, with the expected level, after a header row.

    A file of its own: its rows are profiles' choices, not the competencies' texts, and in one file
    most of either kind's columns would stay empty.
    """
    yield from _rows(profile_header(labels), _profile_cells, model, language, labels)


def _rows(header: list[str], cells: Callable[[Model], Iterable[list[Cell]]], model: Model, language: str,
          labels: Labels) -> Iterator[list[str]]:
    """The header and the rows that ``cells`` makes of the model, as text in ``language``.

    A text not yet translated into ``language`` is given in the source language. Where the language
    has any such text, a last column names, on each row, the columns that hold one (as pages mark
    them with their ``lang``), so that a spreadsheet never passes Dutch off as German. The rows are
    made twice (to look for such a text, then to write them), never held all at once.
    """
    source = model.source_language
    marked = language != source and any(_falls_back(cell, language, source) for row in cells(model) for cell in row)
    yield header + ([labels.csv_untranslated] if marked else [])
    for row_cells in cells(model):
        row = [_cell_text(cell, language, source) for cell in row_cells]
        if marked:
            row.append(", ".join(header[column] for column, cell in enumerate(row_cells)
                                 if _falls_back(cell, language, source)))
        yield row


def _falls_back(cell: Cell, language: str, source: str) -> bool:
    return isinstance(cell, Translated) and cell.language_of(language, source) != language


def _cell_text(cell: Cell, language: str, source: str) -> str:
    if cell is None or isinstance(cell, str):
        return cell or ""
    value = cell.in_language(language, source)
    return "\n".join(value) if isinstance(value, tuple) else str(value)


def write_competencies_csv(stream: BinaryIO, model: Model, language: str, labels: Labels) -> None:
    """The competencies' CSV of ``language``, written row by row."""
    write_csv(stream, competency_rows(model, language, labels))


def write_profiles_csv(stream: BinaryIO, model: Model, language: str, labels: Labels) -> None:
    """The role profiles' CSV of ``language``, written row by row."""
    write_csv(stream, profile_rows(model, language, labels))


def write_csv(stream: BinaryIO, rows: Iterable[list[str]]) -> None:
    """Rows as a CSV that spreadsheets open as they are (``CSV_DELIMITER``, ``CSV_ENCODING``, ``spreadsheet_text``)."""
    text = io.TextIOWrapper(stream, encoding=CSV_ENCODING, newline="", write_through=True)
    try:
        writer = csv.writer(text, delimiter=CSV_DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerows([spreadsheet_text(cell) for cell in row] for row in rows)
        text.flush()
    finally:
        text.detach()  # the caller closes its stream


#: Writes one download into a binary stream.
DownloadWriter = Callable[[BinaryIO], None]


def download_files(sources: ModelSources, model: Model, languages: list[SiteLanguage],
                   labels: dict[str, Labels]) -> Iterator[tuple[str, DownloadWriter]]:
    """Every download (the same files in every language's folder): its name, and how to write it.

    Each file is written straight to its stream: on a large model the JSON document alone is
    hundreds of megabytes, and the build never holds it whole.
    """
    yield JSON_FILE, functools.partial(write_model_json, sources=sources)
    for name, content in schema_files(sources).items():
        yield name, functools.partial(_write_bytes, content=content)
    for language in languages:
        yield csv_file_name(language.code), functools.partial(write_competencies_csv, model=model,
                                                              language=language.code, labels=labels[language.code])
    if model.profiles:
        for language in languages:
            yield profiles_csv_file_name(language.code), functools.partial(
                write_profiles_csv, model=model, language=language.code, labels=labels[language.code])


def _write_bytes(stream: BinaryIO, content: bytes) -> None:
    stream.write(content)


class _ByteCounter(io.RawIOBase):
    """A stream that keeps nothing and counts what is written to it."""

    def __init__(self) -> None:
        self.count = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.count += len(data)
        return len(data)


def download_size(write: DownloadWriter) -> int:
    """The size in bytes of a download, without keeping or writing it anywhere."""
    counter = _ByteCounter()
    stream = io.BufferedWriter(counter)
    write(stream)
    stream.flush()
    return counter.count


def describe_downloads(language: str, languages: list[SiteLanguage], labels: dict[str, Labels],
                       sizes: Mapping[str, int]) -> list[Download]:
    """The downloads listed on ``language``'s downloads page, described in that language.

    The other schema files are published beside the export schema, so that its $refs resolve, but
    not listed: the export schema's description says where they are.
    """
    own = labels[language]
    files = [
        Download(JSON_FILE, sizes[JSON_FILE], "JSON", own.download_json_title, own.download_json_help),
        Download(SCHEMA_FILE, sizes[SCHEMA_FILE], "JSON Schema", own.download_schema_title, own.download_schema_help),
    ]
    for other in languages:
        name = csv_file_name(other.code)
        files.append(Download(name, sizes[name], "CSV", own.format("download_csv_title", language=other.name),
                              own.download_csv_help))
    for other in languages:  # only a model with role profiles has their CSV
        name = profiles_csv_file_name(other.code)
        if name in sizes:
            files.append(Download(name, sizes[name], "CSV", own.format("download_profiles_csv_title",
                                                                       language=other.name),
                                  own.download_profiles_csv_help))
    return files


def schema_files(sources: ModelSources) -> dict[str, bytes]:
    """The export schema and the schema files it refers to, published together so its $refs resolve.

    Schemas of files outside the export (the content check's terms, the glossary) are left out.
    """
    folder = sources.model_dir / SCHEMA_DIR
    found: dict[str, bytes] = {}
    pending = [SCHEMA_FILE]
    while pending:
        name = pending.pop()
        if name in found or not (folder / name).is_file():
            continue
        found[name] = (folder / name).read_bytes()
        pending += [ref for ref in _schema_references(json.loads(found[name])) if ref]
    return dict(sorted(found.items()))


def _schema_references(schema: Any) -> Iterator[str]:
    """The files a schema's ``$ref``s point to (the part before ``#``)."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "$ref" and isinstance(value, str):
                yield value.partition("#")[0]
            else:
                yield from _schema_references(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _schema_references(value)


def publish_download(folders: list[Path], name: str, write: DownloadWriter) -> int:
    """Write one download into the first folder and copy it into the others; its size in bytes."""
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    first = folders[0] / name
    with first.open("wb") as stream:
        write(stream)
    for folder in folders[1:]:
        shutil.copyfile(first, folder / name)
    return first.stat().st_size
