"""Fixtures for the estimate engine tests: the reference tables and the R results on them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

DATA = Path(os.environ.get("KETEN_MSE_DATA", "/work/shared/data/mse"))


def reference_names() -> list[str]:
    if not (DATA / "expected.json").exists():
        return []
    return sorted(json.loads((DATA / "expected.json").read_text())["datasets"])


@pytest.fixture(scope="session")
def expected() -> dict:
    path = DATA / "expected.json"
    if not path.exists():
        pytest.skip(f"reference data not found at {DATA} (set KETEN_MSE_DATA to its folder)")
    return json.loads(path.read_text())["datasets"]


@pytest.fixture(scope="session")
def load():
    from keten.engines import estimate as mse

    def _load(name: str):
        path = DATA / f"{name}.csv"
        if not path.exists():
            pytest.skip(f"reference table {path} not found (set KETEN_MSE_DATA)")
        [table] = mse.read_table(path)
        return table

    return _load
