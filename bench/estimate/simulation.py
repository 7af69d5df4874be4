"""Simulation study: how close the estimate comes to a known population, and how often its interval covers it.

Run from the repository root:

    .venv/bin/python -m bench.estimate.simulation                     # 200 populations per scenario (~5 minutes)
    .venv/bin/python -m bench.estimate.simulation --populations 50    # a quicker look
    .venv/bin/python -m bench.estimate.simulation --only heterogeneous

Each scenario draws populations of known size N; every person is on each list with a
probability that may differ between hidden groups of people (heterogeneity) and may depend on
being on an earlier list (list dependence, as an odds ratio). The lists seen are turned into a
capture-history table and estimated with the engine's stepwise method and its bootstrap BCa
interval (1,000 replicates by default), or with Chapman's estimate for two lists. Reported per
scenario: bias (mean estimate minus N, as % of N), median relative error |estimate - N| / N,
the share of 95 % intervals that contain N, and the same for the interval that takes the chosen
model as given. Two worker processes share the populations.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

import numpy as np


@dataclass(frozen=True)
class Scenario:
    name: str
    what: str
    size: int
    groups: list[tuple[float, tuple[float, ...]]]  # (share of people, capture probability per list)
    odds: dict[tuple[int, int], float] = field(default_factory=dict)  # (earlier list, later list) -> odds ratio
    method: str = "stepwise"
    options: dict = field(default_factory=dict)


SCENARIOS = [
    Scenario("independent", "4 lists, everyone alike, lists independent: the model's assumptions hold",
             2000, [(1.0, (0.10, 0.15, 0.20, 0.08))]),
    Scenario("dependent", "4 lists; list 1 refers to list 2 (odds ×4), lists 3 and 4 avoid each other (odds ×0.3)",
             2000, [(1.0, (0.10, 0.15, 0.20, 0.08))], {(0, 1): 4.0, (2, 3): 0.3}),
    Scenario("heterogeneous", "4 lists; 30 % of people are easy to find (p 0.20–0.35), 70 % hard (p 0.03–0.08)",
             2000, [(0.3, (0.25, 0.30, 0.35, 0.20)), (0.7, (0.04, 0.06, 0.08, 0.03))]),
    Scenario("sparse", "5 small lists (p 0.02–0.12) with one referral link (odds ×3): sparse, like trafficking data",
             1500, [(1.0, (0.02, 0.05, 0.08, 0.03, 0.12))], {(1, 2): 3.0}),
    Scenario("heterogeneous-lcmcr", "the heterogeneous populations, estimated with the latent-class model "
             "(4 chains, 3,000 sweeps burn-in, 500 draws each)",
             2000, [(0.3, (0.25, 0.30, 0.35, 0.20)), (0.7, (0.04, 0.06, 0.08, 0.03))], method="lcmcr",
             options={"lcmcr": {"burn_in": 3000, "samples": 500, "thinning": 5}}),
    Scenario("two lists", "2 independent lists, Chapman's estimate and its classical interval",
             1000, [(1.0, (0.20, 0.30))], method="chapman"),
]


def draw_table(s: Scenario, rng: np.random.Generator) -> np.ndarray:
    k = len(s.groups[0][1])
    shares = np.array([g[0] for g in s.groups])
    group = rng.choice(len(s.groups), size=s.size, p=shares / shares.sum())
    base = np.array([g[1] for g in s.groups])[group]  # (N, k)
    seen = np.zeros((s.size, k), dtype=np.int64)
    for j in range(k):
        logit = np.log(base[:, j] / (1 - base[:, j]))
        for (i, later), ratio in s.odds.items():
            if later == j:
                logit = logit + np.log(ratio) * seen[:, i]
        seen[:, j] = rng.random(s.size) < 1 / (1 + np.exp(-logit))
    masks = seen @ (1 << np.arange(k))
    return np.bincount(masks, minlength=2**k)[1:]


def one_population(args: tuple[Scenario, int, int]) -> dict:
    from keten.engines import estimate as mse

    scenario, index, replicates = args
    # Seeded by the population's design, so scenarios that differ only in method see the same people.
    design = int(1000 * sum(sum(g[1]) for g in scenario.groups)) + scenario.size + len(scenario.odds)
    rng = np.random.default_rng([index, design])
    counts = draw_table(scenario, rng)
    k = len(scenario.groups[0][1])
    names = [chr(ord("A") + j) for j in range(k)]
    table = mse.CaptureTable(tuple(names), counts)
    try:
        result = mse.estimate(table, scenario.method, replicates=replicates, seed=index, workers=1, **scenario.options)
    except mse.InputError:
        return {"observed": int(counts.sum()), "total": None}
    model_ci = result.details.get("model_conditional_ci")
    return {
        "observed": result.observed,
        "total": result.total,
        "low": result.ci.low if result.ci else None,
        "high": result.ci.high if result.ci else None,
        "model_low": model_ci[0] if model_ci else None,
        "model_high": model_ci[1] if model_ci else None,
        "terms": len(result.model),
    }


def summarise(s: Scenario, rows: list[dict]) -> str:
    n = s.size
    usable = [r for r in rows if r["total"] is not None]
    totals = np.array([r["total"] for r in usable])
    bias = 100 * (totals.mean() - n) / n
    rel = 100 * np.median(np.abs(totals - n) / n)
    covered = np.mean([r["low"] <= n <= r["high"] for r in usable if r["low"] is not None])
    model = [r for r in usable if r.get("model_low") is not None]
    model_cov = f"{100 * np.mean([r['model_low'] <= n <= r['model_high'] for r in model]):.0f} %" if model else "—"
    width = np.median([(r["high"] - r["low"]) / n for r in usable if r["low"] is not None]) * 100
    seen = np.mean([r["observed"] for r in rows])
    return (f"| {s.name} | {n:,} | {seen:,.0f} | {len(usable)}/{len(rows)} | {bias:+.1f} % | {rel:.1f} % | "
            f"{100 * covered:.0f} % | {model_cov} | {width:.0f} % |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--populations", type=int, default=200)
    parser.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates per estimate")
    parser.add_argument("--only", default=None, help="comma-separated scenario names")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    chosen = [s for s in SCENARIOS if not args.only or s.name in args.only.split(",")]
    print(f"# estimate simulation — {args.populations} populations per scenario, {args.replicates} bootstrap "
          f"replicates, load average {os.getloadavg()[0]:.1f}\n")
    for s in chosen:
        print(f"- **{s.name}**: {s.what} (N = {s.size:,}; method {s.method})")
    print("\n| scenario | N | mean seen | estimated | bias | median rel. error | 95 % interval covers N | "
          "model-conditional covers N | median interval width (% of N) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with ProcessPoolExecutor(args.workers, mp_context=get_context("fork")) as pool:
        for s in chosen:
            start = time.perf_counter()
            rows = list(pool.map(one_population, [(s, i, args.replicates) for i in range(args.populations)],
                                 chunksize=4))
            print(summarise(s, rows) + f"  <!-- {time.perf_counter() - start:.0f} s -->", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
