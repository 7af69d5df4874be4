"""Poisson log-linear fits for many count vectors at once (iteratively reweighted least squares).

Written by hand because the bootstrap needs tens of thousands of small Poisson fits and
statsmodels fits one model per call: its per-call overhead alone would exceed the time budget.
Here every fit in a batch shares one full design matrix; each fit switches columns (terms) and
rows (patterns) off with masks, so replicates that selected different models still go through
the same array operations. A switched-off column gets an identity row in the normal equations
and so a zero coefficient; a switched-off row gets zero weight and expected count zero.

The iteration follows R's ``glm.fit`` for the Poisson family — start at ``y + 0.1``, stop when
the relative change in deviance is below 1e-8 or after 25 iterations — so that replicates
whose estimate runs off to infinity stop where the reference implementation stops. The point
estimate reported to users is refitted with statsmodels and compared (see ``_fit.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOLERANCE = 1e-8
MAX_ITERATIONS = 25


@dataclass
class BatchFit:
    coef: np.ndarray  # (B, p); zero where a column is switched off
    mu: np.ndarray  # (B, C); zero on switched-off patterns
    deviance: np.ndarray  # (B,)
    converged: np.ndarray  # (B,) bool

    @property
    def hidden(self) -> np.ndarray:
        """Expected number of people on no list: exp(intercept)."""
        return np.exp(self.coef[:, 0])


def fit_batch(
    x: np.ndarray,
    y: np.ndarray,
    columns: np.ndarray | None = None,
    cells: np.ndarray | None = None,
) -> BatchFit:
    """Fit ``log E[y] = x @ beta`` for every row of ``y``.

    x: (C, p) design shared by all fits. y: (B, C) counts. columns: (B, p) bool, which terms each
    fit uses (default all). cells: (B, C) bool, which patterns each fit models (default all).
    """
    y = np.asarray(y, dtype=np.float64)
    b, c = y.shape
    p = x.shape[1]
    columns = np.ones((b, p), dtype=bool) if columns is None else columns
    cells = np.ones((b, c), dtype=bool) if cells is None else cells
    live = cells.astype(np.float64)
    y = y * live
    colf = columns.astype(np.float64)
    diag = np.arange(p)

    # X' W X for every fit at once as one matrix product: (B, C) weights times the (C, p*p)
    # outer products of the design rows, when that table is small enough to hold.
    outer = (x[:, :, None] * x[:, None, :]).reshape(c, p * p) if c * p * p <= 2_000_000 else None

    mu = (y + 0.1) * live
    eta = np.log(y + 0.1)
    coef = np.zeros((b, p))
    dev_old = _deviance(y, mu, live)
    converged = np.zeros(b, dtype=bool)
    todo = np.arange(b)
    for _ in range(MAX_ITERATIONS):
        if todo.size == 0:
            break
        yt, mt, et, lt = y[todo], mu[todo], eta[todo], live[todo]
        w = mt * lt
        z = et + np.where(lt > 0, (yt - mt) / np.where(mt > 0, mt, 1.0), 0.0)
        if outer is not None:
            h = (w @ outer).reshape(-1, p, p)
        else:
            h = (x.T[None, :, :] * w[:, None, :]) @ x
        rhs = (w * z) @ x
        ct = colf[todo]
        h *= ct[:, :, None]
        h *= ct[:, None, :]
        rhs *= ct
        # A tiny ridge keeps the solve defined when a fitted count runs to zero (no finite MLE);
        # a switched-off column gets 1 on the diagonal and so a zero coefficient.
        scale = np.maximum(np.abs(h[:, diag, diag]).max(axis=1), 1.0)
        h[:, diag, diag] += (1.0 - ct) + (1e-13 * scale)[:, None]
        beta = np.linalg.solve(h, rhs[:, :, None])[:, :, 0]
        et = beta @ x.T
        mt = np.exp(np.minimum(et, 700.0)) * lt
        dev = _deviance(yt, mt, lt)
        done = np.abs(dev - dev_old[todo]) / (np.abs(dev) + 0.1) < TOLERANCE
        coef[todo], mu[todo], eta[todo], dev_old[todo] = beta, mt, et, dev
        converged[todo[done]] = True
        todo = todo[~done]
    return BatchFit(coef=coef, mu=mu, deviance=dev_old, converged=converged)


def _deviance(y: np.ndarray, mu: np.ndarray, live: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(y / np.where(mu > 0, mu, 1e-300)), 0.0) - (y - mu)
    return 2.0 * (term * live).sum(axis=1)


def fit_batch_chunked(
    x: np.ndarray,
    y: np.ndarray,
    columns: np.ndarray | None = None,
    cells: np.ndarray | None = None,
    max_elements: int = 4_000_000,
) -> BatchFit:
    """``fit_batch`` in slices small enough to keep the (B, p, C) work array in memory."""
    b = y.shape[0]
    step = max(1, max_elements // (x.shape[0] * x.shape[1]))
    if b <= step:
        return fit_batch(x, y, columns, cells)
    parts = [
        fit_batch(
            x,
            y[i : i + step],
            None if columns is None else columns[i : i + step],
            None if cells is None else cells[i : i + step],
        )
        for i in range(0, b, step)
    ]
    return BatchFit(
        coef=np.concatenate([f.coef for f in parts]),
        mu=np.concatenate([f.mu for f in parts]),
        deviance=np.concatenate([f.deviance for f in parts]),
        converged=np.concatenate([f.converged for f in parts]),
    )
