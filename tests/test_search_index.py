"""Each language's search index: written entry by entry during the build, or split from the merged one."""

from __future__ import annotations

import json
from pathlib import Path

from hooks.site import SearchIndexWriter, search_config, split_search_index

MATERIAL_CONFIG = {"lang": ["nl", "fr"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"], "fields": {}}
ENTRIES = [
    {"location": "nl/groep/samenwerken/", "title": "Samenwerken", "text": "Je werkt \"samen\" é"},
    {"location": "fr/groep/samenwerken/#niveau", "title": "Collaborer", "text": "Vous collaborez"},
    {"location": "nl/levels/", "title": "Niveaus", "text": ""},
]


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_writer_keeps_its_languages_entries_with_locations_inside_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "nl" / "search" / "search_index.json"
    writer = SearchIndexWriter(target, search_config(MATERIAL_CONFIG, "nl"), "nl/")
    writer.add(ENTRIES[:2])
    writer.add([])
    writer.add(ENTRIES[2:])
    writer.close()
    index = read(target)
    assert index["config"] == {"lang": ["nl"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"], "fields": {}}
    assert index["docs"] == [dict(ENTRIES[0], location="groep/samenwerken/"), dict(ENTRIES[2], location="levels/")]


def test_a_language_lunr_cannot_stem_is_searched_with_english_stemming() -> None:
    assert search_config(MATERIAL_CONFIG, "lb")["lang"] == ["en"]


def test_a_merged_index_is_split_per_language_and_removed(tmp_path: Path) -> None:
    combined = tmp_path / "search" / "search_index.json"
    combined.parent.mkdir()
    combined.write_text(json.dumps({"config": MATERIAL_CONFIG, "docs": ENTRIES}), encoding="utf-8")
    split_search_index(tmp_path, ["nl", "fr"])
    assert not (tmp_path / "search").exists()
    assert [doc["location"] for doc in read(tmp_path / "nl" / "search" / "search_index.json")["docs"]] == [
        "groep/samenwerken/", "levels/"]
    assert [doc["location"] for doc in read(tmp_path / "fr" / "search" / "search_index.json")["docs"]] == [
        "groep/samenwerken/#niveau"]


def test_an_empty_merged_index_leaves_the_written_indexes_alone(tmp_path: Path) -> None:
    written = tmp_path / "nl" / "search" / "search_index.json"
    writer = SearchIndexWriter(written, search_config(MATERIAL_CONFIG, "nl"), "nl/")
    writer.add(ENTRIES)
    writer.close()
    combined = tmp_path / "search" / "search_index.json"
    combined.parent.mkdir()
    combined.write_text(json.dumps({"config": MATERIAL_CONFIG, "docs": []}), encoding="utf-8")
    split_search_index(tmp_path, ["nl", "fr"])
    assert len(read(written)["docs"]) == 2
    # A language none of whose pages had an entry still gets an index for its search box to load.
    assert read(tmp_path / "fr" / "search" / "search_index.json") == {
        "config": search_config(MATERIAL_CONFIG, "fr"), "docs": []}
    assert not combined.exists()
