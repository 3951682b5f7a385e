"""How the site build scales with the size of the model: ``python -m benchmarks.build``.

For each size it writes a synthetic model (benchmarks/synthetic.py) into a temporary site project,
builds it with the real hooks, builds the same pages again from pre-written Markdown without them,
and prints a table and PASS/FAIL lines for the project's targets. It also times validation against
plain YAML parsing, and the time from saving a competency file to the rebuilt page under
``mkdocs serve``. Progress goes to stderr, results to stdout. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import yaml

from hooks.build.search import BUNDLE, IndexRun, SearchIndexError, index_site
from hooks.model import Model
from hooks.site.render import competency_path
from hooks.source.load import build_model, read_sources, validate_sources
from hooks.source.siteconfig import i18n_languages, read_mkdocs_yml

from .synthetic import REAL_PROJECT, write_prerendered_site, write_site, write_yaml

DEFAULT_SIZES = (12, 120, 1200)
HUGE_SIZE = 14_000
#: Sizes above this are built once whatever --repeat says: one build takes many minutes.
REPEAT_LIMIT = 5_000
SERVE_SIZE = 12
SERVE_EDITS = 3
SERVE_TIMEOUT = 120.0

# The targets (see the README): checked here, never in timed tests.
PAGE_COST_RATIO = 1.3
PAGE_SIZE_RATIO = 1.2
HOOK_SHARE = 0.10
VALIDATION_RATIO = 1.5
HUGE_MEMORY = 2 * 1024 ** 3
SEARCH_INDEX_MEMORY = 2 * 1024 ** 3


class BenchmarkError(Exception):
    """A build or a step of the benchmark failed; the message says where to look."""


def progress(message: str) -> None:
    print(f"[benchmark {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class BuildRun:
    """One ``mkdocs build --strict`` in its own process."""

    seconds: float
    """Wall-clock time of the build, from reading mkdocs.yml to the last file written."""
    cpu_seconds: float
    """Processor time of the same span: what the build costs, whatever else the machine runs."""
    peak_bytes: int
    """Peak resident memory of the build process itself (Pagefind's runs, its children, are measured apart)."""


@dataclass(frozen=True)
class Validation:
    """Reading and validating the model against parsing the same files with ``yaml.safe_load``."""

    read_seconds: float
    validate_seconds: float
    safe_load_seconds: float

    @property
    def ratio(self) -> float:
        return (self.read_seconds + self.validate_seconds) / self.safe_load_seconds


@dataclass(frozen=True)
class SearchIndex:
    """Pagefind indexing the built site, one language after the other (hooks/build/search.py)."""

    runs: list[IndexRun]
    pages: int
    """Pages in the index of each language."""
    bytes_per_language: int
    """The largest language's pagefind/ folders (more than one when indexed in parts): index, fragments
    and Pagefind's scripts."""

    @property
    def seconds(self) -> float:
        return sum(run.seconds for run in self.runs)

    @property
    def peak_bytes(self) -> int:
        return max(run.peak_bytes for run in self.runs)


@dataclass(frozen=True)
class SizeResult:
    competencies: int
    groups: int
    pages: int
    hooks: BuildRun
    prewritten: BuildRun
    largest_competency_page: int
    validation: Validation
    search: SearchIndex

    @property
    def cpu_per_page(self) -> float:
        return self.hooks.cpu_seconds / self.pages

    @property
    def hook_share(self) -> float:
        """What the hooks add, as a share of building the same pre-written Markdown."""
        return (self.hooks.cpu_seconds - self.prewritten.cpu_seconds) / self.prewritten.cpu_seconds


# --------------------------------------------------------------------------------------------------
# Measuring


def timed_build(config: Path, site_dir: Path, log: Path, profile: Path | None = None) -> BuildRun:
    """Build a site in a child process (benchmarks/timed_build.py) and measure it."""
    result = site_dir.parent / f"{site_dir.name}.json"
    command = [sys.executable, "-m", "benchmarks.timed_build", str(config), str(site_dir), str(result)]
    if profile is not None:
        command += ["--profile", str(profile)]
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REAL_PROJECT))
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=REAL_PROJECT,
                                   env=environment)
        try:
            process.wait()
        except BaseException:  # interrupted: stop the build this run started
            process.kill()
            process.wait()
            raise
    if process.returncode != 0:
        raise BenchmarkError(f"building {config} failed (exit {process.returncode}); see {log}")
    measured = json.loads(result.read_text(encoding="utf-8"))
    return BuildRun(measured["seconds"], measured["cpu_seconds"], measured["peak_bytes"])


def best_of(runs: list[BuildRun]) -> BuildRun:
    """The least disturbed of several builds of the same site."""
    return min(runs, key=lambda run: run.cpu_seconds)


T = TypeVar("T")


def _best_time(action: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The shortest of ``repeat`` runs of ``action``, and what its last run returned."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure_validation(project: Path, repeat: int) -> tuple[Validation, Model]:
    """Time hooks.source.load (read with positions, then validate) against yaml.safe_load of the same files."""
    model_dir = project / "model"
    files = sorted(model_dir.glob("*.yaml")) + sorted((model_dir / "competencies").glob("*.yaml"))
    codes = [language.code for language in i18n_languages(read_mkdocs_yml(project / "mkdocs.yml"))]
    safe_load, _ = _best_time(lambda: [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files], repeat)
    read, (sources, problems) = _best_time(lambda: read_sources(model_dir, project), repeat)
    validate, schema_problems = _best_time(lambda: validate_sources(sources, codes), repeat)
    problems += schema_problems
    if problems:
        raise BenchmarkError(f"the synthetic model in {model_dir} is not valid:\n"
                             + "\n".join(map(str, problems[:20])))
    return Validation(read, validate, safe_load), build_model(sources)


def built_pages(site_dir: Path, languages: Sequence[str]) -> int:
    """The pages MkDocs built: every HTML file in the language folders but the 404 page."""
    return sum(1 for language in languages for page in (site_dir / language).rglob("*.html")
               if page.name != "404.html")


def largest_competency_page(site_dir: Path, model: Model, languages: Sequence[str]) -> int:
    sizes = [(site_dir / language / competency_path(competency).removesuffix(".md") / "index.html").stat().st_size
             for language in languages for competency in model.competencies]
    return max(sizes)


def measure_search_index(site_dir: Path, languages: Sequence[str]) -> SearchIndex:
    """Index the built site again, as its build did, and measure each language's Pagefind runs."""
    runs = index_site(site_dir, languages)
    bundles = [folder for folder in (site_dir / languages[0]).iterdir()
               if folder.name == BUNDLE or folder.name.startswith(f"{BUNDLE}-")]
    pages = sum(language["page_count"] for bundle in bundles for language in
                json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"].values())
    size = max(sum(path.stat().st_size for path in (site_dir / language).glob(f"{BUNDLE}*/**/*") if path.is_file())
               for language in languages)
    return SearchIndex(runs, pages, size)


def measure_size(competencies: int, work: Path, repeat: int, profile: bool) -> SizeResult:
    """Generate, validate and build one size of model, with and without the hooks."""
    folder = work / str(competencies)
    if folder.exists():
        shutil.rmtree(folder)
    progress(f"{competencies} competencies: writing the synthetic model and site")
    config = write_site(folder / "hooks", competencies, pdf=False)  # the PDFs: benchmarks/pdf.py
    progress(f"{competencies} competencies: timing validation against yaml.safe_load")
    validation, model = measure_validation(config.parent, 1 if competencies > REPEAT_LIMIT else repeat)
    progress(f"{competencies} competencies: writing the same pages as Markdown for the build without hooks")
    plain_config = write_prerendered_site(config.parent, folder / "prewritten")
    languages = [language.code for language in i18n_languages(read_mkdocs_yml(config))]
    hook_runs: list[BuildRun] = []
    plain_runs: list[BuildRun] = []
    builds = 1 if competencies > REPEAT_LIMIT else repeat
    for attempt in range(1, builds + 1):
        # Alternating the two builds spreads any disturbance of the machine over both.
        for kind, site_config, runs in (("hooks", config, hook_runs), ("pre-written", plain_config, plain_runs)):
            progress(f"{competencies} competencies: build {attempt}/{builds} with {kind}")
            site = folder / f"site-{kind}"
            if site.exists():
                shutil.rmtree(site)
            runs.append(timed_build(site_config, site, folder / f"build-{kind}-{attempt}.log"))
            progress(f"  {runs[-1].seconds:.1f} s, {runs[-1].cpu_seconds:.1f} s CPU, "
                     f"{runs[-1].peak_bytes / 1024 ** 2:.0f} MB")
    site = folder / "site-hooks"
    pages = built_pages(site, languages)
    plain_pages = built_pages(folder / "site-pre-written", languages)
    if plain_pages != pages:
        raise BenchmarkError(f"the build without hooks made {plain_pages} pages, the real one {pages}")
    largest = largest_competency_page(site, model, languages)
    progress(f"{competencies} competencies: indexing the built site for search again, measured")
    search = measure_search_index(site, languages)
    progress(f"  {search.seconds:.1f} s, peak {search.peak_bytes / 1024 ** 2:.0f} MB")
    if profile:
        progress(f"{competencies} competencies: one more build with hooks, under cProfile")
        profiled = folder / "profile-site"
        timed_build(config, profiled, folder / "build-profile.log", work / f"profile-{competencies}.prof")
        shutil.rmtree(profiled)
    for kind in ("hooks", "pre-written"):
        shutil.rmtree(folder / f"site-{kind}")  # a 14,000-competency site takes gigabytes
    return SizeResult(competencies, len(model.groups), pages, best_of(hook_runs), best_of(plain_runs), largest,
                      validation, search)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, found: Callable[[str], bool], deadline: float, server: subprocess.Popen[bytes]) -> bool:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchmarkError(f"mkdocs serve stopped (exit {server.returncode})")
        body = _fetch(url)
        if body is not None and found(body):
            return True
        time.sleep(0.05)
    return False


def _containing(marker: str) -> Callable[[str], bool]:
    """Whether a page shows this edit's marker (a function of its own, so that each edit keeps its marker)."""
    return lambda body: marker in body


def measure_serve(work: Path) -> list[float]:
    """Seconds from saving a competency file to its rebuilt page being served, for a few edits."""
    folder = work / "serve"
    if folder.exists():
        shutil.rmtree(folder)
    config = write_site(folder, SERVE_SIZE)
    competency_file = sorted((folder / "model" / "competencies").glob("*.yaml"))[0]
    data = yaml.safe_load(competency_file.read_text(encoding="utf-8"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}/nl/{data['group']}/{data['id']}/"
    log = folder / "serve.log"
    progress(f"mkdocs serve of the {SERVE_SIZE}-competency model on 127.0.0.1:{port}")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a",
                                   f"127.0.0.1:{port}"], stdout=output, stderr=subprocess.STDOUT,
                                  cwd=folder, env=environment)
    latencies = []
    try:
        if not _wait_for(url, lambda body: True, time.monotonic() + SERVE_TIMEOUT, server):
            raise BenchmarkError(f"mkdocs serve did not serve {url} in {SERVE_TIMEOUT:.0f} s; see {log}")
        for edit in range(1, SERVE_EDITS + 1):
            marker = f"Bewerking{edit}x{port}"
            data["definition"]["nl"] = f"{marker} {data['definition']['nl']}"
            write_yaml(competency_file, "../schema/competency.schema.json", data)
            saved = time.perf_counter()
            if not _wait_for(url, _containing(marker), time.monotonic() + SERVE_TIMEOUT, server):
                raise BenchmarkError(f"the edit of {competency_file.name} did not reach {url} in "
                                     f"{SERVE_TIMEOUT:.0f} s; see {log}")
            latencies.append(time.perf_counter() - saved)
            progress(f"  edit {edit}: the page showed it after {latencies[-1]:.2f} s")
            time.sleep(1.0)  # let the watcher settle before the next save
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return latencies


# --------------------------------------------------------------------------------------------------
# Reporting


@dataclass(frozen=True)
class TargetCheck:
    passed: bool | None
    """None: not measured in this run (the sizes it needs were not built)."""
    text: str

    def line(self) -> str:
        verdict = {True: "PASS", False: "FAIL", None: "SKIP"}[self.passed]
        return f"{verdict}  {self.text}"


def _size(results: dict[int, SizeResult], competencies: int) -> SizeResult | None:
    return results.get(competencies)


def check_targets(results: dict[int, SizeResult]) -> list[TargetCheck]:
    checks = []
    small, large = _size(results, 120), _size(results, 1200)
    if small and large:
        ratio = large.cpu_per_page / small.cpu_per_page
        checks.append(TargetCheck(ratio <= PAGE_COST_RATIO,
                                  f"build cost per page at 1,200 competencies is {ratio:.2f}× the cost at 120 "
                                  f"(target ≤ {PAGE_COST_RATIO}×)"))
        ratio = large.largest_competency_page / small.largest_competency_page
        checks.append(TargetCheck(ratio <= PAGE_SIZE_RATIO,
                                  f"the largest competency page at 1,200 competencies is {ratio:.2f}× its size "
                                  f"at 120 (target ≤ {PAGE_SIZE_RATIO}×)"))
    else:
        checks.append(TargetCheck(None, "per-page cost and page size at 1,200 against 120: build both sizes"))
    for result in results.values():
        checks.append(TargetCheck(result.hook_share <= HOOK_SHARE,
                                  f"the hooks add {result.hook_share:.0%} to building the same pre-written "
                                  f"Markdown at {result.competencies:,} competencies (target ≤ {HOOK_SHARE:.0%})"))
    for result in results.values():
        ratio = result.validation.ratio
        checks.append(TargetCheck(ratio <= VALIDATION_RATIO,
                                  f"reading and validating {result.competencies:,} competencies costs {ratio:.2f}× "
                                  f"parsing the same files with yaml.safe_load (target ≤ {VALIDATION_RATIO}×)"))
    for result in results.values():
        peak = result.search.peak_bytes
        checks.append(TargetCheck(peak < SEARCH_INDEX_MEMORY,
                                  f"indexing {result.competencies:,} competencies for search peaked at "
                                  f"{peak / 1024 ** 2:,.0f} MB per language (target < 2 GB)"))
    huge = _size(results, HUGE_SIZE)
    if huge:
        checks.append(TargetCheck(huge.hooks.peak_bytes < HUGE_MEMORY,
                                  f"the {HUGE_SIZE:,}-competency build completed with a peak of "
                                  f"{huge.hooks.peak_bytes / 1024 ** 3:.2f} GB (target < 2 GB)"))
    else:
        checks.append(TargetCheck(None, f"peak memory of the {HUGE_SIZE:,}-competency build: run with --huge"))
    return checks


def _megabytes(size: int) -> str:
    return f"{size / 1024 ** 2:,.0f}"


def results_table(results: Sequence[SizeResult]) -> str:
    rows = ["| competencies | groups | pages built | build s | CPU s | CPU ms per page | peak MB "
            "| largest competency page KB | pre-written CPU s | hooks add |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for result in results:
        rows.append(f"| {result.competencies:,} | {result.groups:,} | {result.pages:,} | {result.hooks.seconds:,.1f} "
                    f"| {result.hooks.cpu_seconds:,.1f} | {result.cpu_per_page * 1000:,.1f} "
                    f"| {_megabytes(result.hooks.peak_bytes)} | {result.largest_competency_page / 1024:,.1f} "
                    f"| {result.prewritten.cpu_seconds:,.1f} | {result.hook_share:+.0%} |")
    return "\n".join(rows)


def validation_table(results: Sequence[SizeResult]) -> str:
    rows = ["| competencies | yaml.safe_load s | read (hooks.source.load) s | validate s | (read + validate) / safe_load |",
            "|---:|---:|---:|---:|---:|"]
    for result in results:
        timing = result.validation
        rows.append(f"| {result.competencies:,} | {timing.safe_load_seconds:.2f} | {timing.read_seconds:.2f} "
                    f"| {timing.validate_seconds:.2f} | {timing.ratio:.2f}× |")
    return "\n".join(rows)


def search_table(results: Sequence[SizeResult]) -> str:
    rows = ["| competencies | pages per language | parts per language | Pagefind s (all languages) "
            "| Pagefind peak MB | pagefind/ MB per language |",
            "|---:|---:|---:|---:|---:|---:|"]
    for result in results:
        rows.append(f"| {result.competencies:,} | {result.search.pages:,} | {result.search.runs[0].parts} "
                    f"| {result.search.seconds:.1f} | {_megabytes(result.search.peak_bytes)} "
                    f"| {result.search.bytes_per_language / 1024 ** 2:,.1f} |")
    return "\n".join(rows)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_description() -> str:
    try:
        memory = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1024 ** 3:.0f} GB RAM"
    except (ValueError, OSError, AttributeError):
        memory = "RAM unknown"
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in
                         ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "PyYAML", "jsonschema",
                          "jsonschema-rs", "pagefind"))
    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "without libyaml"
    return (f"{_cpu_model()}, {os.cpu_count()} cores, {memory}; Python {platform.python_version()}; "
            f"{platform.platform()}; {versions} ({libyaml})")


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes such as 12,120,1200, found {text!r}") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError(f"expected positive sizes, found {text!r}")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=list(DEFAULT_SIZES),
                        help="competency counts to build, comma-separated (default: %(default)s)")
    parser.add_argument("--huge", action="store_true", help=f"add a {HUGE_SIZE:,}-competency run (many minutes)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="builds of each site, the least disturbed one counts (default: %(default)s; "
                             f"sizes above {REPEAT_LIMIT:,} are built once)")
    parser.add_argument("--no-serve", dest="serve", action="store_false",
                        help="skip the mkdocs serve edit-to-page measurement")
    parser.add_argument("--profile", action="store_true",
                        help="also build each size once under cProfile; writes profile-<size>.prof to the work folder")
    parser.add_argument("--work-dir", type=Path,
                        help="where the synthetic sites are written (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (sites are removed after measuring)")
    arguments = parser.parse_args(argv)
    sizes = sorted(set(arguments.sizes) | ({HUGE_SIZE} if arguments.huge else set()))
    work = (arguments.work_dir.resolve() if arguments.work_dir
            else Path(tempfile.mkdtemp(prefix="competency-benchmark-")))
    work.mkdir(parents=True, exist_ok=True)
    keep = arguments.keep or arguments.profile or arguments.work_dir is not None
    progress(f"working in {work}")
    results: dict[int, SizeResult] = {}
    latencies: list[float] = []
    started = time.monotonic()
    failure: str | None = None
    try:
        for competencies in sizes:
            result = measure_size(competencies, work, max(1, arguments.repeat), arguments.profile)
            results[competencies] = result
            # The row now, so that a long run that is cut short still shows what it measured.
            progress("\n".join(["results so far:", results_table([result]).splitlines()[-1],
                                 validation_table([result]).splitlines()[-1], search_table([result]).splitlines()[-1]]))
        if arguments.serve:
            latencies = measure_serve(work)
    except (BenchmarkError, SearchIndexError, KeyboardInterrupt) as error:
        failure = str(error) or type(error).__name__
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    progress(f"{'stopped' if failure else 'done'} after {time.monotonic() - started:,.0f} s")

    print(f"Machine: {machine_description()}\n")
    print(results_table(list(results.values())))
    print("\nValidation against parsing alone (best of the repeats):\n")
    print(validation_table(list(results.values())))
    print("\nIndexing the built site for search (Pagefind, one language after the other):\n")
    print(search_table(list(results.values())))
    if latencies:
        print(f"\nSaving a competency file to its rebuilt page under mkdocs serve ({SERVE_SIZE} competencies): "
              f"median {statistics.median(latencies):.2f} s "
              f"({', '.join(f'{latency:.2f}' for latency in latencies)} s)")
    print()
    checks = check_targets(results)
    for check in checks:
        print(check.line())
    if arguments.profile:
        print(f"\ncProfile statistics: {work}/profile-<size>.prof (python -m pstats FILE)")
    if failure:
        print(f"\nbenchmark failed: {failure}", file=sys.stderr)
        return 2
    return 1 if any(check.passed is False for check in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
