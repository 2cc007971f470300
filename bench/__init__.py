"""Benchmarks: `make bench` runs `python -m bench`, which prints one table and writes results.json."""
