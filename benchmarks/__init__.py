"""Benchmarks of the site build: ``python -m benchmarks.build`` (see benchmarks/README.md).

Not run by CI: the tests only run the generator once, small (tests/test_benchmark_smoke.py).
"""
