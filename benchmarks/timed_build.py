"""One timed ``mkdocs build --strict``, run by the benchmark in a process of its own.

``python -m benchmarks.timed_build CONFIG SITE_DIR RESULT [--profile FILE]`` builds the site as the
command line does and writes the seconds the build took (configuration, build and every language) to
RESULT as JSON, in wall-clock and processor time, with the peak memory of this process alone. Starting
Python and importing MkDocs' command line are not counted. The peak the parent reads with ``os.wait4``
would not do: on Linux it is the largest of this process and every child it waited for, Pagefind's
indexing among them (measured by itself, ``hooks.build.search``). With
``--profile``, cProfile statistics of the build are written to FILE (open them with
``python -m pstats FILE``); the time then includes cProfile's overhead.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from mkdocs.__main__ import cli


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.timed_build", description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--profile", type=Path, help="write cProfile statistics of the build to this file")
    arguments = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = ["build", "--strict", "-f", str(arguments.config), "-d", str(arguments.site_dir.resolve())]
    profiler = cProfile.Profile() if arguments.profile else None
    start, cpu_start = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    try:
        cli.main(args=command, prog_name="mkdocs", standalone_mode=False)
    finally:
        if profiler is not None:
            profiler.disable()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    if profiler is not None:
        profiler.dump_stats(str(arguments.profile))
    # Linux reports ru_maxrss in kilobytes, macOS in bytes.
    peak_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    arguments.result.write_text(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_bytes": peak_bytes}),
                                encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
