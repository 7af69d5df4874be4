"""The four methods, each from a validated table to an :class:`Estimate`."""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

from . import _advice as advice
from ._bic import DEFAULT_ORDER, MAX_LISTS as BIC_MAX_LISTS, best_totals, rank_models, top_models
from ._bootstrap import bca_interval, jackknife_tables, resample, run_chunks
from ._design import Model, term_name
from ._existence import ExistenceChecker
from ._fit import fit_model
from ._r_random import r_multinomial_replicates
from ._result import Checks, Estimate, Interval
from ._stepwise import select_stepwise
from ._table import CaptureTable, InputError

Progress = Callable[[int, int], None]  # (units just finished, total units)


class StepwiseTotals:
    """Totals from the stepwise selection; a class so worker processes can receive it."""

    def __init__(self, k: int, pthresh: float) -> None:
        self.k, self.pthresh = k, pthresh

    def __call__(self, tables: np.ndarray) -> np.ndarray:
        return tables.sum(axis=1) + select_stepwise(tables, self.k, self.pthresh).hidden


class BicTotals:
    def __init__(self, k: int, models: list[Model], max_order: int) -> None:
        self.k, self.models, self.max_order = k, models, max_order

    def __call__(self, tables: np.ndarray) -> np.ndarray:
        return best_totals(tables, self.k, self.models, self.max_order)


def run_stepwise(table: CaptureTable, *, pthresh: float, ci: str, replicates: int, seed: int, level: float,
                 rng: str, workers: int | None, progress: Progress | None) -> Estimate:
    k = table.k
    checker = ExistenceChecker(k)
    chosen = select_stepwise(table.counts[None], k, pthresh, checker).models[0]
    model = tuple(sorted(chosen))
    verdict = checker.check(table.counts, model)
    names = [term_name(t, table.lists) for t in chosen]
    sparse = [term_name(t, table.lists) for t in verdict.sparse]
    warnings = advice.table_warnings(table) + advice.selection_warnings(names, sparse)
    details: dict = {"pthresh": pthresh, "fixed_at_minus_infinity": sparse}
    if not verdict.ok:
        warnings.append(advice.no_estimate_warning(verdict.exists, verdict.identifiable))
        return _estimate(table, "stepwise", names, None, None, verdict.exists, verdict.identifiable, warnings, details)
    fit = fit_model(table.counts, k, model, verdict)
    low, high = fit.model_interval(table.observed, level)
    details["model_conditional_ci"] = [low, high]
    interval = None
    if ci == "model":
        interval = Interval(level, low, high, "model")
    elif ci == "bca":
        interval = _bootstrap(table, StepwiseTotals(k, pthresh), table.observed + fit.hidden, replicates, seed,
                              level, rng, workers, progress, warnings, details)
    warnings += advice.size_warnings(table.observed, fit.hidden)
    return _estimate(table, "stepwise", names, fit.hidden, interval, True, True, warnings, details)


def run_bic(table: CaptureTable, *, ci: str, replicates: int, seed: int, level: float, rng: str,
            workers: int | None, progress: Progress | None) -> Estimate:
    k = table.k
    if k > BIC_MAX_LISTS:
        raise InputError(
            f"the bic method covers at most {BIC_MAX_LISTS} lists (this table has {k}); use --method stepwise"
        )
    ranking = rank_models(table.counts, k)
    warnings = advice.table_warnings(table)
    details: dict = {"max_order": DEFAULT_ORDER[k], "models_considered": ranking.considered}
    if not ranking.models:
        warnings.append("No hierarchical model has a finite, identifiable estimate for this table. No number is given.")
        return _estimate(table, "bic", [], None, None, False, False, warnings, details)
    best = ranking.models[0]
    verdict = ExistenceChecker(k, sparse_main_effects=True).check(table.counts, best)
    fit = fit_model(table.counts, k, best, verdict)
    names = [term_name(t, table.lists) for t in best]
    details.update(bic=float(ranking.bic[0]),
                   fixed_at_minus_infinity=[term_name(t, table.lists) for t in verdict.sparse])
    low, high = fit.model_interval(table.observed, level)
    details["model_conditional_ci"] = [low, high]
    interval = None
    if ci == "model":
        interval = Interval(level, low, high, "model")
    elif ci == "bca":
        tops = top_models(ranking, k)
        details["bootstrap_models"] = len(tops)
        interval = _bootstrap(table, BicTotals(k, tops, DEFAULT_ORDER[k]), float(ranking.totals[0]), replicates,
                              seed, level, rng, workers, progress, warnings, details)
    warnings += advice.size_warnings(table.observed, fit.hidden)
    return _estimate(table, "bic", names, fit.hidden, interval, True, True, warnings, details)


def run_lcmcr(table: CaptureTable, *, ci: str, seed: int, level: float, workers: int | None,
              progress: Progress | None, settings: dict | None) -> Estimate:
    from ._lcmcr import sample_lcmcr

    settings = dict(settings or {})
    total_sweeps = settings.get("burn_in", 10_000) + settings.get("samples", 1_000) * settings.get("thinning", 20)
    tick = (lambda n: progress(n, total_sweeps)) if progress else None
    result = sample_lcmcr(table, seed=seed, workers=workers or 2, progress=tick, **settings)
    main = ExistenceChecker(table.k).check(table.counts, ())
    warnings = advice.table_warnings(table) + advice.convergence_warnings(result.rhat, result.ess)
    hidden = result.median - table.observed
    interval = Interval(level, *result.interval(level), "posterior") if ci != "none" else None
    warnings += advice.size_warnings(table.observed, hidden)
    details = {"rhat": result.rhat, "effective_draws": result.ess, "chains": int(result.draws.shape[0]),
               "draws_per_chain": int(result.draws.shape[1]), "seed": seed, **settings}
    return _estimate(table, "lcmcr", [], hidden, interval, main.exists, main.identifiable, warnings, details)


def run_chapman(table: CaptureTable, *, ci: str, level: float) -> Estimate:
    if table.k != 2:
        raise InputError(f"the chapman method needs exactly two lists; this table has {table.k}")
    from scipy.stats import norm

    n1, n2 = (int(v) for v in table.list_totals())
    m = table.overlap(0, 1)
    total = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    variance = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    z = float(norm.ppf((1 + level) / 2))
    low, high = max(table.observed, total - z * math.sqrt(variance)), total + z * math.sqrt(variance)
    interval = Interval(level, low, high, "normal") if ci != "none" else None
    warnings = advice.table_warnings(table) + advice.chapman_warnings(m)
    hidden = total - table.observed
    warnings += advice.size_warnings(table.observed, hidden)
    details = {"on_first": n1, "on_second": n2, "on_both": m, "variance": variance}
    return _estimate(table, "chapman", [], hidden, interval, m > 0, True, warnings, details)


def _bootstrap(table: CaptureTable, totals: Callable[[np.ndarray], np.ndarray], point: float, replicates: int,
               seed: int, level: float, rng: str, workers: int | None, progress: Progress | None,
               warnings: list[str], details: dict) -> Interval:
    if rng == "r":
        rows = table.rows()
        boot = np.zeros((replicates, table.counts.size), dtype=np.int64)
        boot[:, rows] = r_multinomial_replicates(table.counts[rows], replicates, seed)
    else:
        boot = resample(table.counts, replicates, np.random.default_rng(seed))
    jack, weights = jackknife_tables(table.counts)
    tables = np.vstack([boot, jack])
    if workers is None:
        workers = 2 if replicates * table.counts.size >= 30_000 else 1
    tick = (lambda n: progress(n, len(tables))) if progress else None
    chunk = max(100, -(-len(tables) // 8))
    values = run_chunks(totals, tables, workers=workers, progress=tick, chunk=chunk)
    result = bca_interval(values[:replicates], point, values[replicates:], weights, level)
    details["bootstrap"] = {"replicates": replicates, "seed": seed, "rng": rng, "failed": result.failed,
                            "bias_z0": result.bias_z0, "acceleration": result.acceleration,
                            "bca_quantiles": {str(a): v for a, v in (result.quantiles or {}).items()}}
    warnings += advice.interval_warnings(result.low, result.high, result.failed, replicates, result.bias_z0,
                                         result.acceleration, level)
    return Interval(level, result.low, result.high, "bca")


def _estimate(table: CaptureTable, method: str, model: list[str], hidden: float | None, interval: Interval | None,
              exists: bool, identifiable: bool, warnings: list[str], details: dict) -> Estimate:
    total = None if hidden is None else table.observed + hidden
    return Estimate(
        observed=table.observed, lists=list(table.lists), method=method, model=model, hidden=hidden, total=total,
        ci=interval, checks=Checks(bool(exists), bool(identifiable)), warnings=warnings,
        stratum=dict(table.stratum) if table.stratum else None, details=details,
    )
