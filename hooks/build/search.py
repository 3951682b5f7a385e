"""Search: one Pagefind index per language, made from the built site.

Pagefind (the ``pagefind[extended]`` package ships its binary; "extended" stems Dutch and French)
reads one language folder of the built site and writes ``<lang>/pagefind/`` into it: the index, cut
into fragments that the browser loads only for the words a reader types, and the scripts that load
them (``overrides/assets/javascripts/search.js`` opens them on the reader's first search). Pages mark
what is indexed: only their article (``data-pagefind-body``, overrides/main.html), without the
sections that the dictionary and the overview table repeat (``data-pagefind-ignore``).

Each language is indexed by itself, as that language (whatever a page's ``lang`` says), and one
after the other: a Dutch search finds Dutch pages only, and indexing holds one language at a time.
Pagefind's memory grows with the pages it indexes (about 0.4 MB a page), so a language of more than
``PART_PAGES`` pages is indexed in parts, each a bundle of its own (``pagefind``, ``pagefind-2`` …)
listed in ``pagefind/parts.json``, which the browser searches together.

``python -m hooks.build.search SITE_DIR LANGUAGE...`` indexes an already built site again.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The folder, inside each language folder, that Pagefind writes and the pages load search from.
BUNDLE = "pagefind"
#: Never indexed, on any page: the sign after each heading that links to it.
EXCLUDED_SELECTORS = (".headerlink",)
#: The most pages one Pagefind run indexes: about 1.2 GB of its memory.
PART_PAGES = 3000
#: In the first bundle: the folders of the other parts' bundles, for the browser to search them too.
PARTS_FILE = "parts.json"
#: What marks the part of a page that Pagefind indexes (overrides/main.html); where no page has it, it
#: indexes every page whole.
BODY_MARK = b"data-pagefind-body"


class SearchIndexError(Exception):
    """Indexing a language failed; the message says which and what Pagefind printed."""


@dataclass(frozen=True)
class IndexRun:
    """Pagefind's run over one language folder."""

    language: str
    seconds: float
    """Wall-clock time of the run."""
    peak_bytes: int
    """Peak resident memory of the Pagefind process (0 where the system does not report it)."""
    output: str
    """What Pagefind printed: its warnings (it runs quietly)."""
    parts: int = 1
    """Pagefind runs, each over a part of the language's pages (the peak is the largest run's)."""


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the pinned ``pagefind[extended]`` package."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None or not executable.is_file():
        raise SearchIndexError("the Pagefind binary is missing: install the site's requirements "
                               "(`pip install -r requirements.txt`, which pins pagefind[extended])")
    return executable


def index_command(folder: Path, language: str, bundle: str = BUNDLE, glob: str | None = None) -> list[str]:
    """The Pagefind command that indexes one language folder of the built site (or the pages of it that
    ``glob`` matches) as that language, into ``bundle``."""
    command = [str(pagefind_executable()), "--site", str(folder), "--output-subdir", bundle,
               "--force-language", language, "--quiet"]
    if glob is not None:
        command += ["--glob", glob]
    for selector in EXCLUDED_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def _marked(page: Path) -> bool:
    return BODY_MARK in page.read_bytes()


def index_parts(folder: Path, part_pages: int = PART_PAGES) -> list[list[str]]:
    """The language folder's pages in parts of at most ``part_pages`` indexed pages, as glob patterns: its
    top-level pages and folders in order, a folder whole (one larger than a part is a part). Only the
    pages Pagefind indexes count: those marked ``data-pagefind-body`` where any page is (the interview
    kits are not), every page where none is."""
    entries: list[tuple[str, list[Path]]] = []
    for entry in sorted(folder.iterdir()):
        if entry.name == BUNDLE or entry.name.startswith(f"{BUNDLE}-"):
            continue
        if entry.is_dir():
            entries.append((f"{entry.name}/**/*.html", sorted(entry.rglob("*.html"))))
        elif entry.suffix == ".html":
            entries.append((entry.name, [entry]))
    marked = {pattern: sum(map(_marked, pages)) for pattern, pages in entries}
    anything_marked = any(marked.values())
    parts: list[list[str]] = [[]]
    count = 0
    for pattern, found in entries:
        pages = marked[pattern] if anything_marked else len(found)
        if not pages:
            continue
        if count and count + pages > part_pages:
            parts.append([])
            count = 0
        parts[-1].append(pattern)
        count += pages
    return parts


def _run(command: list[str], folder: Path, language: str) -> IndexRun:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               encoding="utf-8", errors="replace")
    assert process.stdout is not None
    output = process.stdout.read()
    process.stdout.close()
    peak_bytes = 0
    if hasattr(os, "wait4"):
        # wait4 reports this child's own peak memory; Linux counts it in kilobytes, macOS in bytes.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        peak_bytes = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    else:
        process.wait()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SearchIndexError(f"{folder}: Pagefind could not index the '{language}' pages "
                               f"(exit status {process.returncode}):\n{output.strip()}")
    return IndexRun(language, seconds, peak_bytes, output.strip())


def index_language(site_dir: Path, language: str, part_pages: int = PART_PAGES) -> IndexRun:
    """Index ``site_dir/<language>/`` into its ``pagefind/`` folder (and more, in parts), and measure it."""
    folder = site_dir / language
    if not folder.is_dir():
        raise SearchIndexError(f"{folder}: no such folder to index for language '{language}'")
    for stale in folder.glob(f"{BUNDLE}-*"):  # the parts of an earlier, larger index
        shutil.rmtree(stale)
    parts = index_parts(folder, part_pages)
    bundles = [BUNDLE] + [f"{BUNDLE}-{number}" for number in range(2, len(parts) + 1)]
    runs = [_run(index_command(folder, language, bundle, None if len(parts) == 1 else "{" + ",".join(part) + "}"),
                 folder, language) for bundle, part in zip(bundles, parts)]
    (folder / BUNDLE / PARTS_FILE).write_text(json.dumps(bundles[1:]), encoding="utf-8")
    return IndexRun(language, sum(run.seconds for run in runs), max(run.peak_bytes for run in runs),
                    "\n".join(run.output for run in runs if run.output), len(runs))


def index_site(site_dir: Path, languages: Iterable[str]) -> list[IndexRun]:
    """Index every language folder of a built site, one after the other."""
    return [index_language(site_dir, language) for language in languages]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.build.search", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the built site (mkdocs build's site folder)")
    parser.add_argument("languages", nargs="+", help="the language folders to index, for example nl fr")
    arguments = parser.parse_args(argv)
    try:
        runs = index_site(arguments.site_dir, arguments.languages)
    except SearchIndexError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for run in runs:
        print(f"{run.language}: indexed in {run.seconds:.2f} s ({run.parts} part{'s' if run.parts > 1 else ''}), "
              f"peak {run.peak_bytes / 1024 ** 2:.0f} MB")
        if run.output:
            print(run.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
