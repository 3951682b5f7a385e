"""What search costs a reader, in Chromium: ``python -m benchmarks.search_browser``.

For each size it builds a synthetic model's site (benchmarks/synthetic.py), serves it on 127.0.0.1
and measures, in headless Chromium (Playwright, Debian's /usr/bin/chromium), each time in a fresh
browser context with an empty cache:

- what a competency page view transfers when the reader does not search, against the same page with
  search switched off (the page without the search template and script, written beside it);
- for a few queries: the time from the last key typed to the first results shown, and everything
  the search transfers from the moment it is opened (Pagefind's interface, its index, the fragments
  of the results shown).

Prints a table and PASS/FAIL lines for the targets in benchmarks/README.md. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import functools
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from hooks.build.search import PART_PAGES, index_language

from .build import HUGE_SIZE, progress
from .synthetic import REAL_PROJECT, write_site

SIZES = (12, 1200)
#: Queries typed, per language: a plain word and an inflected one that only stemming finds as it is.
QUERIES = (("nl", "samenwerken"), ("nl", "beslissingen"), ("fr", "décisions"))
REPEAT = 3
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"]

PAGE_VIEW_RATIO = 1.2
FIRST_RESULTS_SECONDS = 0.5
QUERY_BYTES = 1024 ** 2
HUGE_QUERY_RATIO = 1.5

#: What search adds to a page (overrides/main.html): removed to get the same page with search off.
SEARCH_MARKUP = re.compile(r'<template id="cm-search".*?</template>\s*<script src="[^"]*search\.js"[^>]*></script>',
                           re.DOTALL)

#: Records, in the page, when the last key went into the search field and when the first result of the
#: whole query showed (the results of the words typed so far do not count).
TIMING_SCRIPT = """query => {
  window.__search = {lastKey: 0, firstResult: 0};
  const shown = () => {
    const message = document.querySelector(".pagefind-ui__message");
    return message && message.textContent.includes(query) && document.querySelector(".pagefind-ui__result-link");
  };
  document.addEventListener("keydown", event => {
    if (event.target.matches && event.target.matches(".pagefind-ui__search-input")) {
      window.__search.lastKey = performance.now();
      window.__search.firstResult = 0;
    }
  }, true);
  new MutationObserver(() => {
    if (!window.__search.firstResult && window.__search.lastKey && shown()) {
      window.__search.firstResult = performance.now();
    }
  }).observe(document.body, {childList: true, subtree: true});
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class PageView:
    with_search: int
    search_off: int
    search_requests: int
    """Requests for anything under pagefind/ during the view without searching: should be none."""

    @property
    def ratio(self) -> float:
        return self.with_search / self.search_off


#: What a query loads under pagefind/ (or a part's pagefind-2/ …), by kind: the first pattern that matches.
LOADED_KINDS = (("interface", re.compile(r"/pagefind-ui\.")),
                ("metadata", re.compile(r"/pagefind-entry\.json|\.pf_meta$|/parts\.json$")),
                ("chunks", re.compile(r"/index/[^/]*\.pf_index$")),
                ("fragments", re.compile(r"/fragment/[^/]*\.pf_fragment$")),
                ("loader", re.compile(r".")))  # pagefind.js, its worker and the WebAssembly


@dataclass(frozen=True)
class Query:
    language: str
    text: str
    first_results_seconds: float
    """Median, from the last key typed to the first result shown."""
    transferred: int
    """Median bytes transferred from opening the search to the results shown."""
    index_bytes: int
    """Of those, the index (everything but Pagefind's interface script and stylesheet)."""
    kinds: dict[str, int]
    """The bytes of the median query (by bytes transferred), by kind (``LOADED_KINDS``)."""


def _transfer_counter(page: Any) -> dict[str, int]:
    counts = {"all": 0, "index": 0, "search_requests": 0, **{kind: 0 for kind, _ in LOADED_KINDS}}

    def finished(request: Any) -> None:
        sizes = request.sizes()
        size = int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])
        counts["all"] += size
        path = request.url.split("?", 1)[0]
        if "/pagefind/" in path or "/pagefind-" in path:  # an index in parts: pagefind-2/ …
            counts["search_requests"] += 1
            if "/pagefind-ui." not in path:
                counts["index"] += size
            counts[next(kind for kind, pattern in LOADED_KINDS if pattern.search(path))] += size

    page.on("requestfinished", finished)
    return counts


def page_transfer(browser: Any, url: str) -> tuple[int, int]:
    """Bytes a fresh browser transfers to show ``url``, and its requests under pagefind/."""
    context = browser.new_context()
    try:
        page = context.new_page()
        counts = _transfer_counter(page)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)
        return counts["all"], counts["search_requests"]
    finally:
        context.close()


def measure_page_view(browser: Any, site: Path, site_url: str, competency_page: str) -> PageView:
    page_file = site / competency_page / "index.html"
    html = page_file.read_text(encoding="utf-8")
    stripped, found = SEARCH_MARKUP.subn("", html)
    if found != 1:
        raise SystemExit(f"{page_file}: the search template and script were not found once ({found})")
    (page_file.parent / "search-off.html").write_text(stripped, encoding="utf-8")
    with_search = [page_transfer(browser, f"{site_url}{competency_page}") for _ in range(REPEAT)]
    search_off = [page_transfer(browser, f"{site_url}{competency_page}search-off.html") for _ in range(REPEAT)]
    return PageView(int(statistics.median(size for size, _ in with_search)),
                    int(statistics.median(size for size, _ in search_off)),
                    max(requests for _, requests in with_search))


def query_once(browser: Any, url: str, text: str) -> tuple[float, dict[str, int]]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.evaluate(TIMING_SCRIPT, text)
        counts = _transfer_counter(page)
        page.keyboard.press("/")
        page.locator(".pagefind-ui__search-input").wait_for()
        page.wait_for_function("() => document.activeElement.matches('.pagefind-ui__search-input')")
        page.keyboard.type(text, delay=60)
        page.wait_for_function("() => window.__search.firstResult > 0", timeout=30_000)
        page.locator(".pagefind-ui__message", has_text=text).wait_for(timeout=30_000)
        page.wait_for_timeout(1000)  # the fragments of the results shown
        timing = page.evaluate("() => window.__search")
        return (timing["firstResult"] - timing["lastKey"]) / 1000, counts
    finally:
        context.close()


def measure_query(browser: Any, site_url: str, competency_page: str, language: str, text: str) -> Query:
    url = f"{site_url}{competency_page.replace('nl/', f'{language}/', 1)}"
    runs = [query_once(browser, url, text) for _ in range(REPEAT)]
    median = sorted(runs, key=lambda run: run[1]["all"])[len(runs) // 2][1]
    return Query(language, text, statistics.median(run[0] for run in runs),
                 int(statistics.median(run[1]["all"] for run in runs)), int(statistics.median(run[1]["index"] for run in runs)),
                 {kind: median[kind] for kind, _ in LOADED_KINDS})


def build(competencies: int, work: Path) -> tuple[Path, str]:
    """The built site of a synthetic model, and the path of its first competency page (Dutch)."""
    folder = work / str(competencies)
    site = folder / "site"
    if not (site / "nl" / "pagefind" / "pagefind-entry.json").is_file():
        if folder.exists():
            shutil.rmtree(folder)
        progress(f"{competencies} competencies: writing and building the site")
        config = write_site(folder / "project", competencies)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                                 "-d", str(site)], cwd=REAL_PROJECT, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"building {config} failed:\n{result.stdout}\n{result.stderr}")
    first = sorted((folder / "project" / "model" / "competencies").glob("*.yaml"))[0]
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    return site, f"nl/{data['group']}/{data['id']}/"


def reindex(site: Path, part_pages: int) -> None:
    """Index every language of a built site again, in parts of at most ``part_pages`` pages."""
    for language in sorted(path.name for path in site.iterdir() if (path / "pagefind").is_dir()):
        progress(f"{site}: indexing '{language}' again in parts of at most {part_pages:,} pages")
        run = index_language(site, language, part_pages)
        progress(f"{language}: {run.parts} part{'s' if run.parts != 1 else ''} in {run.seconds:.0f} s, "
                 f"Pagefind's peak {run.peak_bytes / 1024 ** 2:,.0f} MB")


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_browser", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="competency counts, comma-separated (default: %(default)s)")
    parser.add_argument("--huge", action="store_true", help=f"add {HUGE_SIZE:,} competencies (a long build)")
    parser.add_argument("--work-dir", type=Path, help="build the sites here and keep them; a site already built "
                                                      "there is reused")
    parser.add_argument("--part-pages", type=int, metavar="N",
                        help="index each site's languages again, in parts of at most N pages, before measuring "
                             f"(default: as the build indexed them, {PART_PAGES:,})")
    arguments = parser.parse_args(argv)
    sizes = sorted({int(size) for size in arguments.sizes.split(",")} | ({HUGE_SIZE} if arguments.huge else set()))
    work = arguments.work_dir.resolve() if arguments.work_dir else Path(tempfile.mkdtemp(prefix="search-benchmark-"))
    from playwright.sync_api import sync_playwright

    views: dict[int, PageView] = {}
    queries: dict[int, list[Query]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
            for competencies in sizes:
                site, competency_page = build(competencies, work)
                if arguments.part_pages:
                    reindex(site, arguments.part_pages)
                with served(site) as site_url:
                    progress(f"{competencies} competencies: page views with and without search")
                    views[competencies] = measure_page_view(browser, site, site_url, competency_page)
                    queries[competencies] = []
                    for language, text in QUERIES:
                        progress(f"{competencies} competencies: searching {text!r} ({language})")
                        queries[competencies].append(measure_query(browser, site_url, competency_page, language, text))
            browser.close()
    finally:
        if arguments.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)

    print("| competencies | page view, search off KB | page view, with search KB | ratio | search files loaded |")
    print("|---:|---:|---:|---:|---:|")
    for competencies, view in views.items():
        print(f"| {competencies:,} | {_kb(view.search_off)} | {_kb(view.with_search)} | {view.ratio:.3f}× "
              f"| {view.search_requests} |")
    print("\n| competencies | query | first results s | loaded KB | of which index KB |")
    print("|---:|---|---:|---:|---:|")
    for competencies, measured in queries.items():
        for query in measured:
            print(f"| {competencies:,} | {query.text} ({query.language}) | {query.first_results_seconds:.2f} "
                  f"| {_kb(query.transferred)} | {_kb(query.index_bytes)} |")
    print("\nWhat the median query loaded under pagefind/, by kind (KB):\n")
    print(f"| competencies | query | {' | '.join(kind for kind, _ in LOADED_KINDS)} |")
    print(f"|---:|---|{'---:|' * len(LOADED_KINDS)}")
    for competencies, measured in queries.items():
        for query in measured:
            print(f"| {competencies:,} | {query.text} ({query.language}) | "
                  f"{' | '.join(_kb(query.kinds[kind]) for kind, _ in LOADED_KINDS)} |")
    print()
    checks: list[tuple[bool, str]] = []
    for competencies, view in views.items():
        if competencies != HUGE_SIZE:
            checks.append((view.ratio <= PAGE_VIEW_RATIO and view.search_requests == 0,
                           f"a competency page view at {competencies:,} competencies transfers {view.ratio:.3f}× "
                           f"the page with search off, and loads {view.search_requests} search files "
                           f"(target ≤ {PAGE_VIEW_RATIO}×, none)"))
    if 1200 in queries:
        slowest = max(query.first_results_seconds for query in queries[1200])
        heaviest = max(query.transferred for query in queries[1200])
        checks.append((slowest <= FIRST_RESULTS_SECONDS, f"at 1,200 competencies the first results show within "
                       f"{slowest:.2f} s of the last key (target ≤ {FIRST_RESULTS_SECONDS} s)"))
        checks.append((heaviest <= QUERY_BYTES, f"at 1,200 competencies a query loads at most "
                       f"{heaviest / 1024:,.0f} KB (target ≤ 1 MB)"))
        if HUGE_SIZE in queries:
            huge = max(query.transferred for query in queries[HUGE_SIZE])
            checks.append((huge <= HUGE_QUERY_RATIO * heaviest, f"at {HUGE_SIZE:,} competencies a query loads "
                           f"{huge / heaviest:.2f}× what it loads at 1,200 (target ≤ {HUGE_QUERY_RATIO}×)"))
    for passed, text in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {text}")
    return 0 if all(passed for passed, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
