"""Estimate speed beside R: point estimate plus a 1,000-replicate bootstrap on each reference table.

Run from the repository root:

    .venv/bin/python -m bench.estimate.speed              # all tables, best of 3 rounds (~1 minute)
    .venv/bin/python -m bench.estimate.speed --rounds 1   # one round
    .venv/bin/python -m bench.estimate.speed --bic        # also the BIC point estimate beside R's

What is timed is what R's reference timing covers: the stepwise point estimate and the BCa
bootstrap with the model selection repeated in 1,000 replicates plus the jackknife (SparseMSE's
``estimatepopulation(zdat, nboot=1000)``), inside one process after the libraries are imported.
R's figures (in expected.json) are CPU seconds of R 4.2.2 on a two-core machine of the same kind.
We give wall-clock seconds (the engine may use two worker processes) and the CPU seconds of this
process and its workers; the ratio is R's CPU seconds over our wall-clock seconds. The machine
is shared with other work, so the load average is printed; rounds take the fastest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "tests" / "engines" / "estimate" / "reference"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn, rounds: int) -> tuple[float, float, object]:
    best_wall, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(rounds):
        c0, w0 = cpu_seconds(), time.perf_counter()
        result = fn()
        wall, cpu = time.perf_counter() - w0, cpu_seconds() - c0
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--bic", action="store_true", help="also time the BIC point estimate")
    parser.add_argument("--only", default=None, help="comma-separated table names")
    args = parser.parse_args()

    from keten.engines import estimate as mse

    expected = json.loads((DATA / "expected.json").read_text())["datasets"]
    names = args.only.split(",") if args.only else list(expected)
    print(f"# estimate speed — {platform.python_version()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    # Warm up: import scipy, statsmodels and fork-safe state once, as R has its packages loaded.
    [warm] = mse.read_table(DATA / "Korea.csv")
    mse.estimate(warm, replicates=20)

    print("\n| table | lists | R CPU s | ours wall s | ours CPU s | R / ours (wall) | BCa 95 % ours | BCa 95 % R |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    worst = float("inf")
    for name in names:
        ref = expected[name]
        [table] = mse.read_table(DATA / f"{name}.csv")
        wall, cpu, result = timed(lambda: mse.estimate(table, replicates=1000, seed=1234), args.rounds)
        r_cpu = ref["stepwise_bootstrap_bca"]["r_cpu_seconds"] + ref["stepwise"]["r_point_cpu_seconds"]
        ratio = r_cpu / wall
        worst = min(worst, ratio)
        r_low, r_high = ref["stepwise_bootstrap_bca"]["ci95"]
        print(f"| {name} | {table.k} | {r_cpu:.2f} | {wall:.2f} | {cpu:.2f} | {ratio:.0f}× | "
              f"{result.ci.low:,.1f}–{result.ci.high:,.1f} | {r_low:,.1f}–{r_high:,.1f} |")
        sys.stdout.flush()
    print(f"\nslowest ratio: {worst:.0f}× (target ≥ 10×)")

    if args.bic:
        print("\n| table | R CPU s (BIC point) | ours wall s | R / ours | models ours / R |")
        print("| --- | --- | --- | --- | --- |")
        for name in names:
            ref = expected[name]["bic"]
            if ref["r_cpu_seconds"] is None:
                continue
            [table] = mse.read_table(DATA / f"{name}.csv")
            wall, _, result = timed(lambda: mse.estimate(table, method="bic", ci="none"), args.rounds)
            print(f"| {name} | {ref['r_cpu_seconds']:.2f} | {wall:.2f} | {ref['r_cpu_seconds'] / wall:.0f}× | "
                  f"{result.details['models_considered']} / {ref['n_models_considered']} |")
    print(f"\nload average {os.getloadavg()[0]:.1f} at end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
