"""Bootstrap intervals with the model selection repeated in every replicate.

Resampling follows SparseMSE's ``estimatepopulation``: multinomial draws of the observed number
of people over the observed patterns, the whole selection rerun on each, and a BCa interval
(DiCiccio & Efron 1996) whose acceleration comes from a delete-one-person jackknife, each
pattern weighted by its count. Quantiles use R's type 8, as the reference does.

Replicates are split into chunks; with more than one worker the chunks run in forked worker
processes (each pays nothing to start: the parent's imported modules are shared).
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Callable

import numpy as np

Estimator = Callable[[np.ndarray], np.ndarray]  # (B, C) counts -> (B,) totals
Progress = Callable[[int], None]  # called with the number of replicates just finished


@dataclass
class BootstrapResult:
    low: float | None
    high: float | None
    replicates: np.ndarray  # bootstrap totals (finite ones)
    failed: int  # replicates without a finite estimate
    bias_z0: float
    acceleration: float
    quantiles: dict[float, float] | None = None  # BCa ends at SparseMSE's standard levels


def resample(counts: np.ndarray, replicates: int, rng: np.random.Generator) -> np.ndarray:
    counts = np.asarray(counts, dtype=np.int64)
    n = int(counts.sum())
    return rng.multinomial(n, counts / n, size=replicates).astype(np.int64)


def jackknife_tables(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One table per observed pattern with one person of that pattern removed, and the weights."""
    cells = np.flatnonzero(counts > 0)
    tables = np.repeat(counts[None, :], cells.size, axis=0)
    tables[np.arange(cells.size), cells] -= 1
    return tables, counts[cells].astype(np.float64)


def run_chunks(
    estimator: Estimator, tables: np.ndarray, workers: int = 1, progress: Progress | None = None, chunk: int = 250
) -> np.ndarray:
    """Apply the estimator to all tables, in chunks, on up to ``workers`` processes."""
    pieces = [tables[i : i + chunk] for i in range(0, len(tables), chunk)]
    out: list[np.ndarray] = []

    def done(piece: np.ndarray, totals: np.ndarray) -> None:
        out.append(totals)
        if progress:
            progress(len(piece))

    if workers > 1 and len(pieces) > 1:
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
                futures = [pool.submit(estimator, piece) for piece in pieces]
                for piece, future in zip(pieces, futures):
                    done(piece, future.result())
        except BrokenProcessPool:
            # A forked worker can die where the parent runs threads (a web server, a database
            # driver); the pieces are independent, so what is left is worked out here instead.
            pass
    for piece in pieces[len(out):]:
        done(piece, estimator(piece))
    return np.concatenate(out) if out else np.empty(0)


def bca_interval(
    replicates: np.ndarray, estimate: float, jackknife: np.ndarray, weights: np.ndarray, level: float = 0.95
) -> BootstrapResult:
    finite = np.isfinite(replicates)
    reps = replicates[finite]
    failed = int((~finite).sum())
    if reps.size == 0 or not np.isfinite(estimate):
        return BootstrapResult(None, None, reps, failed, float("nan"), float("nan"))
    from scipy.stats import norm

    jack = jackknife[np.isfinite(jackknife)]
    w = weights[np.isfinite(jackknife)]
    spread = np.average(jack, weights=w) - jack
    denom = (w * spread**2).sum()
    acceleration = float((w * spread**3).sum() / (6.0 * denom**1.5)) if denom > 0 else 0.0
    # A replicate equal to the estimate up to rounding is not "below" it: exact arithmetic would
    # say so, and otherwise the last bits of a fit decide the bias correction.
    z0 = float(norm.ppf(np.mean(reps < estimate * (1 - 1e-9))))
    ends = _bca_ends(reps, z0, acceleration, np.array([(1 - level) / 2, 1 - (1 - level) / 2]))
    quantiles = dict(zip(STANDARD_LEVELS, _bca_ends(reps, z0, acceleration, np.array(STANDARD_LEVELS)).tolist()))
    return BootstrapResult(float(ends[0]), float(ends[1]), reps, failed, z0, acceleration, quantiles)


STANDARD_LEVELS = (0.025, 0.05, 0.1, 0.16, 0.84, 0.9, 0.95, 0.975)


def _bca_ends(reps: np.ndarray, z0: float, acceleration: float, alpha: np.ndarray) -> np.ndarray:
    from scipy.stats import norm

    shifted = norm.ppf(alpha) + z0
    with np.errstate(invalid="ignore", divide="ignore"):
        probs = norm.cdf(z0 + shifted / (1 - acceleration * shifted))
    probs = np.nan_to_num(probs, nan=0.5, posinf=1.0, neginf=0.0)
    return np.quantile(reps, probs, method="median_unbiased")  # R's quantile type 8
