"""Deduplicate synthetic multi-agency person records of known truth and report quality and cost.

    .venv/bin/python -m bench.linkage.dedupe --records 20000 200000 1000000 [--seed 1] [--baseline] [--keep-pairs]

For each size: generate (once, cached in bench/linkage/out/), then in a fresh process read the
Parquet file, normalise, train, score, cluster and write the CSV, as ``keten link dedupe`` does;
report wall time, the process's peak memory, and pairwise / exact-cluster / B-cubed quality.
``--baseline`` also clusters the same scored pairs by plain connected components at the
threshold, for comparison; ``--keep-pairs`` keeps the scored pairs and clusters in out/ for
``bench.linkage.ceiling``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from .common import OUT, people_file, quality, record, run_child


def child(path: str, threshold: float, baseline: bool, keep_pairs: bool) -> None:
    import numpy as np
    import pandas as pd

    from keten.engines.linkage.io import read_table, write_csv
    from keten.engines.linkage.pipeline import dedupe, validate

    steps: dict[str, float] = {}
    started = time.perf_counter()
    last = [started]

    def progress(step: str, fraction) -> None:
        now = time.perf_counter()
        steps[step] = round(now - started, 1)
        last[0] = now

    frame = read_table(path)  # as `keten link dedupe FILE --id-column record_id --ignore person_id source`
    truth = frame[["record_id", "person_id"]].copy()
    records = validate(frame, id_column="record_id", ignore=["person_id", "source"])
    del frame
    result = dedupe(None, records=records, threshold=threshold, progress=progress)
    out = OUT / "clusters.csv"
    write_csv(result.clusters, out)
    wall = time.perf_counter() - started
    if keep_pairs:
        stem = path.rsplit("/", 1)[-1].replace("people_", "").replace(".parquet", "")
        result.pairs.to_parquet(OUT / f"pairs_{stem}.parquet")
        result.clusters.to_parquet(OUT / f"clusters_{stem}.parquet")
    report = {"wall_seconds": round(wall, 1), "steps": steps, "pairs_scored": len(result.pairs)}
    report.update(quality(result.clusters, truth))
    if baseline:
        from keten.engines.linkage.cluster import _components

        ids = result.clusters["id"].to_numpy()
        position = pd.Series(np.arange(len(ids)), index=ids)
        strong = result.pairs[result.pairs["match_probability"] >= threshold]
        comp = _components(len(ids), position[strong["id_l"]].to_numpy(), position[strong["id_r"]].to_numpy())
        cc = pd.DataFrame({"id": ids, "cluster_id": comp})
        report["connected_components"] = {k: v for k, v in quality(cc, truth).items()
                                          if k.startswith(("pairwise", "cluster", "bcubed"))}
    print(json.dumps(report))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, nargs="+", default=[20000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--keep-pairs", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.threshold, args.baseline, args.keep_pairs)
        return
    for records in args.records:
        path = people_file(records, args.seed)
        extra = (["--baseline"] if args.baseline else []) + (["--keep-pairs"] if args.keep_pairs else [])
        result = run_child("bench.linkage.dedupe", "--child", str(path), "--threshold", str(args.threshold), *extra)
        record("dedupe", {"records": records, "seed": args.seed, "threshold": args.threshold, **result})
        sys.stdout.flush()


if __name__ == "__main__":
    main()
