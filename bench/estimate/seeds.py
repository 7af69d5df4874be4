"""How far bootstrap interval ends move between random streams, at 1,000 replicates.

Run from the repository root:

    .venv/bin/python -m bench.estimate.seeds                  # 20 numpy seeds per table (~2 minutes)
    .venv/bin/python -m bench.estimate.seeds --seeds 10 --only Korea,HIV_Rome

For each reference table: the BCa 95 % ends with R's stream and seed 1234 (the reference's
setting), and the spread of the ends over independent numpy seeds — the Monte Carlo noise any
implementation drawing different replicates would show against R's single run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "tests" / "engines" / "estimate" / "reference"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    from keten.engines import estimate as mse

    expected = json.loads((DATA / "expected.json").read_text())["datasets"]
    names = args.only.split(",") if args.only else list(expected)
    print(f"# spread of BCa 95 % ends over {args.seeds} numpy seeds (1,000 replicates each)\n")
    print("| table | R | ours, R stream, seed 1234 | numpy seeds: lower end min–max | upper end min–max | "
          "share of numpy runs within 5 % of R at both ends |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in names:
        [table] = mse.read_table(DATA / f"{name}.csv")
        low_r, high_r = expected[name]["stepwise_bootstrap_bca"]["ci95"]
        same = mse.estimate(table, seed=1234, rng="r").ci
        ends = np.array([[c.low, c.high] for c in
                         (mse.estimate(table, seed=s, rng="numpy").ci for s in range(1, args.seeds + 1))])
        within = np.mean((np.abs(ends[:, 0] / low_r - 1) <= 0.05) & (np.abs(ends[:, 1] / high_r - 1) <= 0.05))
        lo_pct = 100 * (ends[:, 0] / low_r - 1)
        hi_pct = 100 * (ends[:, 1] / high_r - 1)
        print(f"| {name} | {low_r:,.1f}–{high_r:,.1f} | {same.low:,.1f}–{same.high:,.1f} | "
              f"{lo_pct.min():+.0f} % to {lo_pct.max():+.0f} % | {hi_pct.min():+.0f} % to {hi_pct.max():+.0f} % | "
              f"{100 * within:.0f} % |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
