"""Bayesian non-parametric latent-class model (Manrique-Vallier 2016, R package LCMCR).

People fall in up to K latent classes with stick-breaking weights (a truncated Dirichlet
process with concentration alpha ~ Gamma(a, b)); within a class, being on each list is an
independent coin with its own Beta(1, 1) probability. Heterogeneity between classes induces
dependence between lists. The hidden number is imputed: with the prior p(N) ∝ 1/N it is
negative binomial given the chance of being on no list.

Written by hand (no Python library implements it). The Gibbs sampler works on pattern counts,
not individuals: given the parameters, the class counts within a capture pattern are
multinomial, which makes each sweep cost O(patterns × K) instead of O(people × K). Several
chains run side by side in the same arrays; their agreement (split R-hat) and the effective
sample size of N are the convergence diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._table import CaptureTable

_WARM_UP = 500


@dataclass
class LcmcrResult:
    draws: np.ndarray  # (chains, samples) posterior draws of the total N
    rhat: float
    ess: float

    @property
    def median(self) -> float:
        return float(np.median(self.draws))

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        low, high = np.quantile(self.draws, [(1 - level) / 2, (1 + level) / 2])
        return float(low), float(high)


def sample_lcmcr(
    table: CaptureTable,
    *,
    classes: int = 10,
    a_alpha: float = 0.25,
    b_alpha: float = 0.25,
    burn_in: int = 10_000,
    samples: int = 1_000,
    thinning: int = 20,
    chains: int = 4,
    seed: int = 1234,
    workers: int = 1,
    progress=None,
) -> LcmcrResult:
    """Posterior draws of the total, ``samples`` per chain after ``burn_in`` sweeps."""
    settings = dict(classes=classes, a_alpha=a_alpha, b_alpha=b_alpha, burn_in=burn_in, samples=samples,
                    thinning=thinning)
    streams = np.random.SeedSequence(seed).spawn(max(1, min(workers, chains)))
    sizes = [len(part) for part in np.array_split(np.arange(chains), len(streams))]
    if len(streams) == 1:
        draws = _run_chains(table, chains=chains, seed=streams[0], progress=progress, **settings)
    else:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        with ProcessPoolExecutor(len(streams), mp_context=get_context("fork")) as pool:
            futures = [pool.submit(_run_chains, table, chains=size, seed=stream, **settings)
                       for size, stream in zip(sizes, streams)]
            draws = np.vstack([f.result() for f in futures])
        if progress:
            progress(burn_in + samples * thinning)
    return LcmcrResult(draws=draws, rhat=split_rhat(draws), ess=effective_sample_size(draws))


def _run_chains(
    table: CaptureTable, *, classes: int, a_alpha: float, b_alpha: float, burn_in: int, samples: int,
    thinning: int, chains: int, seed: np.random.SeedSequence, progress=None,
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    observed = np.flatnonzero(table.counts > 0)
    x = table.patterns[observed].astype(np.float64)  # (M, J)
    freq = table.counts[observed]
    n = int(freq.sum())
    m_cells, j_lists = x.shape
    k = classes
    c = chains

    # Start as LCMCR does: list probabilities at their observed frequencies, most weight on four
    # classes, a small concentration; the chains then differ only by their random streams.
    marginal = (freq @ x) / n
    lam = np.broadcast_to(marginal[None, :, None], (c, j_lists, k)).copy()
    nu = np.full((c, k), 0.1 / max(k - 4, 1))
    nu[:, : min(4, k)] = 0.225
    nu /= nu.sum(axis=1, keepdims=True)
    alpha = np.full(c, 0.3 / k)
    count0 = np.zeros((c, k), dtype=np.int64)
    n0 = np.zeros(c, dtype=np.int64)
    xt, not_x = x.T.copy(), 1.0 - x

    total_iterations = burn_in + samples * thinning
    draws = np.empty((c, samples))
    stored = 0
    freq_c = np.ascontiguousarray(np.broadcast_to(freq, (c, m_cells)))
    # Every Beta and Gamma draw of a sweep comes from one standard_gamma call (numpy's per-call
    # argument checks cost more than the draws): Beta(a, b) = Ga / (Ga + Gb); the negative
    # binomial is Poisson with a Gamma(n) mean; the concentration is a scaled Gamma.
    n_lam, n_v = c * j_lists * k, c * (k - 1)
    tail_shapes = np.concatenate([np.full(c, float(n)), np.full(c, a_alpha + k - 1.0)])
    for it in range(total_iterations):
        log_lam, log_not = np.log(lam), np.log1p(-lam)
        # 1. classes of the observed people, per pattern: multinomial given the parameters.
        logp = np.log(nu)[:, None, :] + x @ log_lam + not_x @ log_not
        counts_mk = rng.multinomial(freq_c, _normalise(logp))
        # 2-3. list probabilities per class and stick-breaking weights, from observed and imputed people.
        ones = xt @ counts_mk
        size_k = counts_mk.sum(axis=1) + count0  # (c, K)
        tail = n + n0[:, None] - np.cumsum(size_k, axis=1)
        shapes = np.concatenate([
            (1.0 + ones).ravel(), (1.0 + size_k[:, None, :] - ones).ravel(),
            (1.0 + size_k[:, :-1]).ravel(), (alpha[:, None] + tail[:, :-1]).ravel(), tail_shapes,
        ])
        g = rng.standard_gamma(shapes)
        g1, g2 = g[:n_lam], g[n_lam : 2 * n_lam]
        lam = np.minimum(np.maximum((g1 / (g1 + g2)).reshape(c, j_lists, k), 1e-12), 1 - 1e-12)
        v1, v2 = g[2 * n_lam : 2 * n_lam + n_v], g[2 * n_lam + n_v : 2 * n_lam + 2 * n_v]
        v = np.minimum(np.maximum((v1 / (v1 + v2)).reshape(c, k - 1), 1e-300), 1 - 1e-16)
        log_rest = np.concatenate([np.zeros((c, 1)), np.cumsum(np.log1p(-v), axis=1)], axis=1)
        nu = np.exp(log_rest + np.concatenate([np.log(v), np.zeros((c, 1))], axis=1))
        # 4. the hidden people: how many (negative binomial given the chance of no list), then their classes.
        zero_k = nu * np.exp(np.log1p(-lam).sum(axis=1))  # (c, K)
        p_zero = np.minimum(zero_k.sum(axis=1), 1 - 1e-12)
        n0 = rng.poisson(g[-2 * c : -c] * p_zero / (1.0 - p_zero))
        count0 = rng.multinomial(n0, zero_k / zero_k.sum(axis=1, keepdims=True))
        # 5. the concentration (held during the first warm-up sweeps, as LCMCR does).
        if it >= _WARM_UP:
            alpha = g[-c:] / (b_alpha - log_rest[:, -1])
        if it >= burn_in and (it - burn_in + 1) % thinning == 0:
            draws[:, stored] = n + n0
            stored += 1
        if progress and (it + 1) % 1000 == 0:
            progress(1000)
    return draws


def _normalise(logp: np.ndarray) -> np.ndarray:
    p = np.exp(logp - logp.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    return p


def split_rhat(draws: np.ndarray) -> float:
    """Gelman-Rubin potential scale reduction on half-chains (Gelman et al. 2013, ch. 11)."""
    c, s = draws.shape
    half = s // 2
    if half < 2:
        return float("nan")
    chains = np.vstack([draws[:, :half], draws[:, half : 2 * half]]).astype(np.float64)
    means = chains.mean(axis=1)
    within = chains.var(axis=1, ddof=1).mean()
    between = half * means.var(ddof=1)
    if within == 0:
        return 1.0 if between == 0 else float("inf")
    var_plus = (half - 1) / half * within + between / half
    return float(np.sqrt(var_plus / within))


def effective_sample_size(draws: np.ndarray) -> float:
    """Effective number of independent draws of N over all chains (Geyer's initial positive sequence)."""
    c, s = draws.shape
    centred = draws - draws.mean(axis=1, keepdims=True)
    variance = (centred**2).mean()
    if variance == 0:
        return float(c * s)
    spectrum = np.fft.rfft(centred, n=2 * s, axis=1)
    acov = np.fft.irfft(spectrum * np.conj(spectrum), axis=1)[:, :s].mean(axis=0) / s
    rho = acov / acov[0]
    total = 0.0
    for t in range(1, s - 1, 2):
        pair = rho[t] + rho[t + 1]
        if pair <= 0:
            break
        total += pair
    tau = -1.0 + 2.0 * (1.0 + total) if total > 0 else 1.0
    return float(c * s / max(tau, 1e-9))
