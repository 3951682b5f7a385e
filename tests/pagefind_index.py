"""What a language's Pagefind index holds, read back from its files, for tests to check.

Each page's record (its address, metadata, indexed text and headings) is a "fragment": gzip-compressed
JSON after a short signature, the form in which the browser downloads it.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks.build.search import BUNDLE

SIGNATURE = b"pagefind_dcd"


@dataclass(frozen=True)
class IndexedPage:
    url: str
    """The page's address inside its language folder, such as ``/levels/``."""
    meta: dict[str, str]
    content: str
    headings: list[str]


def entry(site: Path, language: str) -> dict[str, Any]:
    """The index's entry file: its Pagefind version and languages."""
    data: dict[str, Any] = json.loads((site / language / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    return data


def indexed_pages(site: Path, language: str, bundle: str = BUNDLE) -> list[IndexedPage]:
    """Every page in the index of ``site/<language>/`` (in one ``bundle``, where it comes in parts)."""
    pages = []
    for fragment in sorted((site / language / bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(SIGNATURE), f"{fragment}: not a Pagefind fragment"
        record = json.loads(data[len(SIGNATURE):])
        pages.append(IndexedPage(record["url"], record["meta"], record["content"],
                                 [anchor["text"] for anchor in record.get("anchors", [])]))
    return sorted(pages, key=lambda page: page.url)
