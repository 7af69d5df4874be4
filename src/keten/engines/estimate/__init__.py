"""Multiple systems estimation of the hidden number of victims.

Plain data in, plain data out::

    from keten.engines import estimate as mse

    [table] = mse.read_table("lists.csv")            # one 0/1 column per list and a count column
    result = mse.estimate(table, method="stepwise")  # or "bic", "lcmcr", "chapman"
    result.total, result.ci, result.warnings, result.to_dict()

    mse.check(table, ["A:B", "C:D"])                 # does this model have a finite estimate?

Methods: ``stepwise`` (SparseMSE, Chan, Silverman & Vincent 2021), ``bic`` (hierarchical models by
BIC, Silverman, Chan & Vincent 2024), ``lcmcr`` (Bayesian latent classes, Manrique-Vallier 2016)
and ``chapman`` (two lists). Bad input raises :class:`InputError` before anything is fitted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from ._design import hierarchical_closure, parse_term, term_name
from ._existence import ExistenceChecker
from ._existence import count_triples as _count_triples
from ._existence import models_without_finite_estimate as _models_without
from ._result import Checks, Estimate, Interval, ModelCheck
from ._table import COUNT_COLUMN, CaptureTable, InputError, check_estimable, table_from_frame, table_from_records

METHODS = ("stepwise", "bic", "lcmcr", "chapman")
INTERVALS = ("bca", "model", "none")

__all__ = [
    "METHODS",
    "INTERVALS",
    "CaptureTable",
    "Checks",
    "Estimate",
    "InputError",
    "Interval",
    "ModelCheck",
    "check",
    "count_triples",
    "estimate",
    "estimate_all",
    "models_without_finite_estimate",
    "read_table",
]


def read_table(
    source: str | Path | pd.DataFrame,
    strata: Sequence[str] = (),
    id_column: str | None = None,
    list_column: str | None = None,
) -> list[CaptureTable]:
    """Read a capture-history table, or individual records, into one table per stratum.

    A ``count`` column means a table (one row per capture pattern). Without it, each row is one
    person with a 0/1 column per list; with ``id_column`` and ``list_column``, each row is one
    (person, list) membership.
    """
    frame = source if isinstance(source, pd.DataFrame) else _read_csv(source)
    frame.columns = [str(c).strip() for c in frame.columns]
    if id_column or list_column:
        return table_from_records(frame, strata, id_column, list_column)
    if COUNT_COLUMN in frame.columns:
        return table_from_frame(frame, strata)
    return table_from_records(frame, strata)


def estimate(
    table: CaptureTable,
    method: str = "stepwise",
    *,
    pthresh: float = 0.02,
    ci: str = "bca",
    replicates: int = 1000,
    seed: int = 1234,
    level: float = 0.95,
    rng: str = "r",
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    lcmcr: dict | None = None,
) -> Estimate:
    """Estimate the hidden number from one table.

    ``ci`` is ``"bca"`` (bootstrap with the model choice repeated in each replicate; for
    ``lcmcr`` the posterior interval, for ``chapman`` the classical one), ``"model"`` (the
    interval given the chosen model) or ``"none"``. ``rng="r"`` draws the bootstrap replicates
    exactly as R does after ``set.seed(seed)``; ``"numpy"`` uses numpy's generator.
    ``progress(done, total)`` is called as bootstrap replicates or sampler sweeps finish.
    """
    from ._threads import single_threaded_blas

    _check_options(method, ci, pthresh, replicates, level, rng)
    table, dropped = _drop_empty_lists(table)
    check_estimable(table)
    with single_threaded_blas():
        result = _run(table, method, pthresh, ci, replicates, seed, level, rng, workers, progress, lcmcr)
    if dropped:
        from ._advice import empty_list_warning

        result.warnings.insert(0, empty_list_warning(dropped))
    return result


def _run(table, method, pthresh, ci, replicates, seed, level, rng, workers, progress, lcmcr) -> Estimate:
    from . import _methods

    if method == "stepwise":
        result = _methods.run_stepwise(table, pthresh=pthresh, ci=ci, replicates=replicates, seed=seed, level=level,
                                       rng=rng, workers=workers, progress=progress)
    elif method == "bic":
        result = _methods.run_bic(table, ci=ci, replicates=replicates, seed=seed, level=level, rng=rng,
                                  workers=workers, progress=progress)
    elif method == "lcmcr":
        result = _methods.run_lcmcr(table, ci=ci, seed=seed, level=level, workers=workers, progress=progress,
                                    settings=lcmcr)
    else:
        result = _methods.run_chapman(table, ci=ci, level=level)
    return result


def estimate_all(tables: Sequence[CaptureTable], method: str = "stepwise", **options) -> list[Estimate]:
    """Estimate every stratum. A stratum whose data cannot carry an estimate gets no number and a
    warning saying why, instead of stopping the others."""
    results = []
    for table in tables:
        try:
            results.append(estimate(table, method, **options))
        except InputError as error:
            if len(tables) == 1 or not table.stratum:
                raise
            results.append(_refused(table, method, str(error)))
    return results


def check(table: CaptureTable, model: Sequence[str] | str) -> ModelCheck:
    """Existence and identifiability of the maximum likelihood estimate of one model.

    ``model`` lists interaction terms ("A:B", "A:B:C"); main effects are always in, and a
    higher-order term brings its lower-order terms with it.
    """
    if isinstance(model, str):
        model = [part for part in model.replace(" ", "").split(",") if part]
    try:
        terms = hierarchical_closure([parse_term(t, table.lists) for t in model])
    except ValueError as error:
        raise InputError(str(error)) from None
    verdict = ExistenceChecker(table.k).check(table.counts, terms)
    from ._advice import no_estimate_warning

    warnings = [] if verdict.ok else [no_estimate_warning(verdict.exists, verdict.identifiable)]
    return ModelCheck(
        lists=list(table.lists),
        model=[term_name(t, table.lists) for t in terms],
        exists=verdict.exists,
        identifiable=verdict.identifiable,
        fixed_at_minus_infinity=[term_name(t, table.lists) for t in verdict.sparse],
        warnings=warnings,
        stratum=dict(table.stratum) if table.stratum else None,
    )


def models_without_finite_estimate(table: CaptureTable) -> list[list[str]]:
    """Every two-list model whose extended maximum likelihood estimate does not exist (as SparseMSE's
    ``checkallmodels``)."""
    return [[term_name(t, table.lists) for t in m] for m in _models_without(table.counts, table.k)]


def count_triples(table: CaptureTable) -> int:
    """Triples of lists in which every pair overlaps (zero: the all-pairs model is not identifiable)."""
    return _count_triples(table.counts, table.k)


def _read_csv(path: str | Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, skipinitialspace=True)
    except FileNotFoundError:
        raise InputError(f"file not found: {path}") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path} as CSV: {error}") from None


def _check_options(method: str, ci: str, pthresh: float, replicates: int, level: float, rng: str) -> None:
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if ci not in INTERVALS:
        raise InputError(f"unknown interval {ci!r}; choose one of {', '.join(INTERVALS)}")
    if not 0 <= pthresh <= 1:
        raise InputError("the p-value threshold must lie between 0 and 1")
    if ci == "bca" and method in ("stepwise", "bic") and replicates < 10:
        raise InputError("a bootstrap interval needs at least 10 replicates")
    if not 0 < level < 1:
        raise InputError("the interval level must lie between 0 and 1")
    if rng not in ("r", "numpy"):
        raise InputError("rng must be 'r' or 'numpy'")


def _drop_empty_lists(table: CaptureTable) -> tuple[CaptureTable, list[str]]:
    totals = table.list_totals()
    empty = [table.lists[j] for j in range(table.k) if totals[j] == 0]
    if not empty or table.observed == 0:
        return table, []
    keep = [j for j in range(table.k) if totals[j] > 0]
    if len(keep) < 2:
        raise InputError(f"only {len(keep)} list has anybody on it{_where(table)}; at least two are needed")
    return table.drop_lists(keep), empty


def _where(table: CaptureTable) -> str:
    return "" if not table.stratum else " in stratum " + ", ".join(f"{k}={v}" for k, v in table.stratum)


def _refused(table: CaptureTable, method: str, reason: str) -> Estimate:
    return Estimate(
        observed=table.observed, lists=list(table.lists), method=method, model=[], hidden=None, total=None, ci=None,
        checks=Checks(False, False), warnings=[f"No estimate for this stratum: {reason}."],
        stratum=dict(table.stratum), details={},
    )
