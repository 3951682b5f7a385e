"""What the dictionary's PDFs add to the build: ``python -m benchmarks.pdf [--sizes 12,120,1200]``.

For each size, a synthetic site project (benchmarks/synthetic.py, as the build benchmark writes it) has
its PDFs made in a process of its own, exactly as ``mkdocs build`` makes them after the downloads
(``SiteState.publish_dictionary_pdfs``, hooks/site/pdf.py): every language, one PDF per group above
``WHOLE_MODEL_LIMIT``. The build benchmark (benchmarks/build.py) builds with ``dictionary_pdf: false``,
so its figures and these add up to the build with PDFs. Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

DEFAULT_SIZES = (12, 120, 1200)


def make_pdfs(config: Path, site_dir: Path) -> dict[str, float]:
    """Make the PDFs of the project of ``config`` into ``site_dir``, as the build does; what it took."""
    from pypdf import PdfReader

    from hooks.site.pdf import MarkdownSettings
    from hooks.site.state import load_site
    from hooks.source.siteconfig import read_site_config

    settings, languages = read_site_config(config)
    project = config.resolve().parent
    site = load_site(project, project / "docs", languages)
    extensions = [name if isinstance(name, str) else next(iter(name)) for name in settings.get("markdown_extensions", [])]
    configs = {next(iter(name)): value for name in settings.get("markdown_extensions", []) if isinstance(name, dict)
               for value in name.values()}
    start, cpu_start = time.perf_counter(), time.process_time()
    # What MkDocs adds to every site's extensions, then the site's own, each once.
    names = list(dict.fromkeys(["toc", "tables", "fenced_code", *extensions]))
    site.publish_dictionary_pdfs(site_dir, MarkdownSettings(names, configs),
                                 str(settings.get("site_url") or ""), settings.get("extra") or {})
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    files = sorted(site_dir.rglob("*.pdf"))
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "files": len(files),
            "pages": sum(len(PdfReader(path).pages) for path in files),
            "bytes": sum(path.stat().st_size for path in files), "groups": len(site.model.groups)}


def measure(competencies: int, work: Path) -> dict[str, float]:
    """One size, in a process of its own: its peak memory is that of the PDFs alone."""
    from benchmarks.synthetic import write_site

    config = write_site(work / str(competencies), competencies)
    result = work / f"pdf-{competencies}.json"
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.pdf", "--one", str(config),
                                str(work / f"site-{competencies}"), str(result)])
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"making the PDFs of {competencies} competencies failed")
    measured: dict[str, float] = json.loads(result.read_text(encoding="utf-8"))
    measured["peak_bytes"] = usage.ru_maxrss * 1024
    return measured


def table(results: dict[int, dict[str, float]]) -> str:
    rows = ["| competencies | groups | PDFs | PDF pages | PDF MB | s | CPU s | CPU ms per PDF page | peak MB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for competencies, r in results.items():
        rows.append(f"| {competencies:,} | {r['groups']:,.0f} | {r['files']:,.0f} | {r['pages']:,.0f} "
                    f"| {r['bytes'] / 1e6:,.1f} | {r['seconds']:,.1f} | {r['cpu_seconds']:,.1f} "
                    f"| {r['cpu_seconds'] * 1000 / r['pages']:,.0f} | {r['peak_bytes'] / 1024 ** 2:,.0f} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated model sizes")
    parser.add_argument("--one", nargs=3, metavar=("CONFIG", "SITE_DIR", "RESULT"), help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.one:
        config, site_dir, result = map(Path, arguments.one)
        result.write_text(json.dumps(make_pdfs(config, site_dir)), encoding="utf-8")
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for competencies in (int(size.replace(",", "").replace("_", "")) for size in arguments.sizes.split(",")):
            print(f"{competencies} competencies: making the PDFs", file=sys.stderr, flush=True)
            results[competencies] = measure(competencies, Path(folder))
            print(f"  {results[competencies]['cpu_seconds']:.1f} s CPU", file=sys.stderr, flush=True)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
