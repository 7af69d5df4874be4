"""Record linkage: is this the same person? — across partners, and without sharing names.

Public facade (plain data in and out; Splink and DuckDB load only when linkage runs)::

    dedupe(frame, id_column=…, mapping=…, threshold=…) -> LinkageResult
    link(left, right, id_column=…, one_to_one=…) -> LinkageResult
    explain(result, id_a, id_b) -> DataFrame           # waterfall of match weights
    validate(frame, id_column=…, mapping=…) -> DataFrame  # checks and normalises, raises early
    evaluate(predicted, truth) -> Quality              # pairwise, exact-cluster and B-cubed
    generate_people(n_records, seed=…) -> DataFrame    # synthetic records with known truth

    # privacy-preserving linkage (Bloom-filter encodings; see docs/linkage.md)
    new_key() -> bytes;  read_key(path) -> bytes
    encode(frame, key=…, id_column=…, source=…) -> Encodings
    link_encodings([Encodings, …], threshold=…) -> DataFrame   # source, id, cluster_id, …
    dice(a, b) -> float

Training options (sample sizes, a seed, optional labelled pairs) go in ``TrainingOptions``; where
the SQL runs in ``engine=``: ``Engine`` (DuckDB in this process: memory limit, threads; the
default) or ``SparkEngine(spark_session)`` (Splink's Spark backend: ``pip install keten[spark]``;
pyspark is imported only then). Errors in the input raise :class:`LinkageInputError` with a
message that names the problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .metrics import Quality, evaluate
from .schema import FIELDS, LinkageInputError, parse_mapping

if TYPE_CHECKING:
    import pandas as pd

    from .pipeline import LinkageResult

__all__ = [
    "FIELDS", "Engine", "LinkageInputError", "LinkageResult", "Quality", "SparkEngine", "TrainingOptions", "dedupe",
    "dice",
    "encode", "evaluate",
    "explain", "generate_people", "link", "link_encodings", "new_key", "parse_mapping", "read_key",
    "validate",
]


def __getattr__(name: str):
    if name in ("TrainingOptions", "Engine"):
        from . import model

        return getattr(model, name)
    if name == "SparkEngine":
        from .spark import SparkEngine

        return SparkEngine
    if name == "LinkageResult":
        from .pipeline import LinkageResult

        return LinkageResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def dedupe(frame: pd.DataFrame, **options) -> LinkageResult:
    from .pipeline import dedupe as run

    return run(frame, **options)


def link(left: pd.DataFrame, right: pd.DataFrame, **options) -> LinkageResult:
    from .pipeline import link as run

    return run(left, right, **options)


def validate(frame: pd.DataFrame, **options) -> pd.DataFrame:
    from .pipeline import validate as run

    return run(frame, **options)


def explain(result: LinkageResult, id_a: str, id_b: str) -> pd.DataFrame:
    """The waterfall for a scored pair of ``result``; KeyError if the pair was never scored."""
    from .explain import waterfall

    pairs = result.pairs
    hit = pairs[((pairs["id_l"] == id_a) & (pairs["id_r"] == id_b)) | ((pairs["id_l"] == id_b) & (pairs["id_r"] == id_a))]
    if hit.empty:
        raise KeyError(f"the pair {id_a}, {id_b} was not scored (not blocked together, or below the floor)")
    return waterfall(hit.iloc[0], result.model)


def generate_people(n_records: int, *, seed: int = 0, **options) -> pd.DataFrame:
    from .synthetic import generate_people as run

    return run(n_records, seed=seed, **options)


def new_key() -> bytes:
    from .pprl.encode import new_key as run

    return run()


def read_key(path) -> bytes:
    from .pprl.encode import read_key as run

    return run(path)


def encode(frame: pd.DataFrame, **options):
    from .pprl.encode import encode as run

    return run(frame, **options)


def link_encodings(encodings, **options) -> pd.DataFrame:
    from .pprl.compare import link_encodings as run

    return run(encodings, **options)


def dice(a, b) -> float:
    from .pprl.compare import dice as run

    return run(a, b)
