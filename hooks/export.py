"""The model as data for other tools: one JSON document with its schema, and a CSV per language."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

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
    file_name: str
    content: bytes
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


def downloads(sources: ModelSources, model: Model, language: str, languages: list[SiteLanguage],
              labels: dict[str, Labels]) -> list[Download]:
    """Every download offered on ``language``'s downloads page, described in that language."""
    own = labels[language]
    files = [
        Download(JSON_FILE, model_json(sources), "JSON", own.download_json_title, own.download_json_help),
        Download(SCHEMA_FILE, (sources.model_dir / SCHEMA_DIR / SCHEMA_FILE).read_bytes(), "JSON Schema",
                 own.download_schema_title, own.download_schema_help),
    ]
    for other in languages:
        files.append(Download(csv_file_name(other.code), competencies_csv(model, other.code, labels[other.code]),
                              "CSV", own.format("download_csv_title", language=other.name), own.download_csv_help))
    return files


def schema_files(sources: ModelSources) -> dict[str, bytes]:
    """The schema files that the export schema refers to; published beside it so its $refs resolve."""
    return {path.name: path.read_bytes() for path in sorted((sources.model_dir / SCHEMA_DIR).glob("*.schema.json"))}


def write_downloads(folder: Path, files: list[Download], schemas: dict[str, bytes]) -> None:
    """Write the downloads into a built language folder, only where their content changed."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in [*((f.file_name, f.content) for f in files), *schemas.items()]:
        target = folder / name
        if not target.is_file() or target.read_bytes() != content:
            target.write_bytes(content)
