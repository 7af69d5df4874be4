"""Fixtures for the estimate engine tests: the reference tables and the R results on them
(reference/, with their sources in reference/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "reference"


def reference_names() -> list[str]:
    return sorted(json.loads((DATA / "expected.json").read_text())["datasets"])


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((DATA / "expected.json").read_text())["datasets"]


@pytest.fixture(scope="session")
def load():
    from keten.engines import estimate as mse

    def _load(name: str):
        [table] = mse.read_table(DATA / f"{name}.csv")
        return table

    return _load
