"""How far cluster precision could rise on a run's scores: ceilings checked against the truth.

    .venv/bin/python -m bench.linkage.dedupe --records 200000 --keep-pairs
    .venv/bin/python -m bench.linkage.ceiling --records 200000

Each line clusters the same records with knowledge no linkage has, to see where the errors
come from: connected components over the *true* pairs among those scored (all of them, or
only those at a probability floor: no false link at all), the model's pairs recalibrated per
comparison pattern and weight from the truth, and every record left alone attached to the
candidate cluster that holds its person (and no other).
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from keten.engines.linkage.cluster import _components, cluster
from keten.engines.linkage.metrics import evaluate

from .common import OUT, people_file


def _line(name: str, labels, ids, truth) -> None:
    q = evaluate(pd.Series(labels, index=ids), truth)
    print(f"{name:58s} cluster P {q.cluster_precision:.4f} R {q.cluster_recall:.4f} F1 {q.cluster_f1:.4f}",
          flush=True)


def _attach_oracle(clusters: pd.DataFrame, pairs: pd.DataFrame, truth: pd.Series) -> pd.Series:
    """Each record left alone joins the cluster it has a scored pair with that holds its person."""
    labels = pd.Series(clusters["cluster_id"].to_numpy(), index=clusters["id"].to_numpy())
    alone = labels.map(labels.value_counts()) == 1
    both = pd.concat([pairs[["id_l", "id_r"]].set_axis(["a", "b"], axis=1),
                      pairs[["id_r", "id_l"]].set_axis(["a", "b"], axis=1)], ignore_index=True)
    both = both[alone.reindex(both["a"]).to_numpy()]
    both["cluster"] = labels.reindex(both["b"]).to_numpy()
    majority = truth.groupby(labels.reindex(truth.index).to_numpy()).agg(lambda s: s.mode().iloc[0])
    right = majority.reindex(both["cluster"]).to_numpy() == truth.reindex(both["a"]).to_numpy()
    chosen = both[right].drop_duplicates("a")
    labels[chosen["a"].to_numpy()] = chosen["cluster"].to_numpy()
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=200000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    stem = f"{args.records}_{args.seed}"
    people = pd.read_parquet(people_file(args.records, args.seed), columns=["record_id", "person_id"])
    pairs = pd.read_parquet(OUT / f"pairs_{stem}.parquet")
    clusters = pd.read_parquet(OUT / f"clusters_{stem}.parquet")
    ids = clusters["id"].to_numpy()
    truth = pd.Series(people["person_id"].to_numpy(), index=people["record_id"].to_numpy()).reindex(ids)
    position = pd.Series(np.arange(len(ids)), index=ids)
    left, right = position[pairs["id_l"]].to_numpy(), position[pairs["id_r"]].to_numpy()
    prob = pairs["match_probability"].to_numpy()
    same = truth.to_numpy()[left] == truth.to_numpy()[right]

    _line("this run", clusters["cluster_id"].to_numpy(), ids, truth)
    _line("true pairs among those scored (blocking and floor)", _components(len(ids), left[same], right[same]),
          ids, truth)
    for floor in (0.5, 0.3, 0.1):
        keep = same & (prob >= floor)
        _line(f"true pairs scored >= {floor}, no false link", _components(len(ids), left[keep], right[keep]),
              ids, truth)
    gammas = [c for c in pairs.columns if c.startswith("gamma_")]
    pattern = pd.util.hash_pandas_object(pairs[gammas], index=False).to_numpy()
    calibrated = pd.DataFrame({"pattern": pattern, "weight": np.floor(pairs["match_weight"].to_numpy()),
                               "same": same}).groupby(["pattern", "weight"])["same"].transform("mean")
    _line("scores recalibrated from the truth (pattern, weight)",
          cluster(len(ids), left, right, calibrated.to_numpy()).labels, ids, truth)
    _line("records left alone attached to their person's cluster",
          _attach_oracle(clusters, pairs, truth).to_numpy(), ids, truth)


if __name__ == "__main__":
    main()
