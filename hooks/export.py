"""The model as data for other tools: one JSON document with its schema, and a CSV per language."""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from .labels import Labels
from .load import SCHEMA_DIR, ModelSources
from .model import Model
from .siteconfig import SiteLanguage

JSON_FILE = "competency-model.json"
SCHEMA_FILE = "export.schema.json"
#: Excel on a Belgian Windows machine expects ";" between columns (the list separator of the nl-BE
#: and fr-BE regional settings, where "," is the decimal mark) and only reads UTF-8 when the file
#: starts with a byte order mark. Without both, accents break and everything lands in column A.
CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"


def csv_file_name(language: str) -> str:
    return f"competency-model-{language}.csv"


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
    return {
        "model": sources.single["model.yaml"].data,
        "groups": sources.single["groups.yaml"].data["groups"],
        "levels": sources.single["levels.yaml"].data["levels"],
        "competencies": [document.data for document in sources.competencies],
        "changelog": sources.single["changelog.yaml"].data["changes"],
    }


def model_json(sources: ModelSources) -> bytes:
    return (json.dumps(model_document(sources), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def competency_rows(model: Model, language: str, labels: Labels) -> list[list[str]]:
    """One row per competency and level, with a header row in the language's labels."""
    source = model.source_language
    rows = [[labels.csv_group, labels.csv_competency_id, labels.competency, labels.csv_definition,
             labels.csv_level_number, labels.csv_level, labels.indicators]]
    for competency in model.competencies:
        for number, entry in enumerate(competency.levels, start=1):
            rows.append([
                competency.group.name.in_language(language, source),
                competency.id,
                competency.name.in_language(language, source),
                competency.definition.in_language(language, source),
                str(number),
                entry.level.name.in_language(language, source),
                "\n".join(entry.indicators.in_language(language, source)),
            ])
    return rows


def competencies_csv(model: Model, language: str, labels: Labels) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(competency_rows(model, language, labels))
    return buffer.getvalue().encode(CSV_ENCODING)


def download_files(sources: ModelSources, model: Model, languages: list[SiteLanguage],
                   labels: dict[str, Labels]) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """Every download (the same files in every language's folder): its name, and how to make it.

    A file is made when it is needed and let go once written: on a large model, the JSON document
    alone is hundreds of megabytes.
    """
    yield JSON_FILE, lambda: model_json(sources)
    yield from ((name, lambda content=content: content) for name, content in schema_files(sources).items())
    for language in languages:
        yield csv_file_name(language.code), functools.partial(competencies_csv, model, language.code,
                                                              labels[language.code])


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
    return files


def schema_files(sources: ModelSources) -> dict[str, bytes]:
    """The export schema and the schema files it refers to, published together so its $refs resolve."""
    return {path.name: path.read_bytes() for path in sorted((sources.model_dir / SCHEMA_DIR).glob("*.schema.json"))}


def write_download(folders: Iterable[Path], name: str, content: bytes) -> None:
    """Write one download into each language's downloads folder, only where its content changed."""
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        if not target.is_file() or target.stat().st_size != len(content) or target.read_bytes() != content:
            target.write_bytes(content)
