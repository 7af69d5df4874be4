"""Fit one chosen log-linear model with statsmodels, for the numbers reported to the reader.

The batched fitter in ``_irls.py`` serves the model search and the bootstrap; the model finally
reported is refitted here with statsmodels' Poisson GLM, which also gives the standard error of
the intercept for the model-conditional interval (as SparseMSE's ``estimatepopulation.0``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._design import Model, design, kept_cells, model_terms
from ._existence import Verdict


@dataclass(frozen=True)
class ModelFit:
    hidden: float
    intercept: float
    intercept_se: float
    converged: bool
    deviance: float
    loglik: float
    parameters: int  # all parameters of the model, those fixed at minus infinity included

    def model_interval(self, observed: int, level: float = 0.95) -> tuple[float, float]:
        """Interval for the total that takes the model as given (no selection uncertainty)."""
        from scipy.stats import norm

        q = np.array([(1 - level) / 2, (1 + level) / 2])
        low, high = observed + np.exp(norm.ppf(q, self.intercept, self.intercept_se))
        return float(low), float(high)


def fit_model(counts: np.ndarray, k: int, model: Model, verdict: Verdict) -> ModelFit:
    """Fit ``model`` with the terms the verdict found sparse fixed at minus infinity."""
    import warnings

    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

    terms = model_terms(k, model)
    active = [t for t in terms if t not in verdict.sparse]
    keep = kept_cells(k, verdict.sparse)
    x = design(k, active)[keep]
    y = np.asarray(counts, dtype=np.float64)[keep]
    # A log-linear model that reproduces the data exactly looks like "perfect prediction" to
    # statsmodels; existence was already settled by the linear programme, so that note is noise.
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        result = sm.GLM(y, x, family=sm.families.Poisson()).fit(tol=1e-10, maxiter=100)
    converged = bool(getattr(result, "converged", True))
    return ModelFit(
        hidden=float(np.exp(result.params[0])),
        intercept=float(result.params[0]),
        intercept_se=float(result.bse[0]),
        converged=converged,
        deviance=float(result.deviance),
        loglik=float(result.llf),
        parameters=len(terms),
    )
