"""Benchmarks of the linkage engine; run as ``python -m bench.linkage.<name>`` (see RESULTS.md)."""
