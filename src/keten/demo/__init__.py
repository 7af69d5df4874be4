"""Deterministic synthetic data for `keten demo-data` and for tests. No real persons."""
