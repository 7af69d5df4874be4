"""Quality of a clustering against known truth: pairwise, exact-cluster and B-cubed.

* pairwise: the record pairs put together, against the pairs that belong together;
* cluster (exact): a predicted cluster counts as right only if it is exactly a true cluster,
  singletons included — precision over predicted clusters, recall over true clusters; the
  ``_dup`` variants count only clusters of two or more records (the duplicated persons);
* B-cubed: per record, the share of its predicted cluster that is truly its own, and vice versa.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Quality:
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    cluster_precision: float
    cluster_recall: float
    cluster_f1: float
    cluster_precision_dup: float
    cluster_recall_dup: float
    cluster_f1_dup: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    records: int
    true_clusters: int
    predicted_clusters: int

    def as_dict(self) -> dict:
        return asdict(self)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _ratio(a: float, b: float) -> float:
    return 1.0 if b == 0 else a / b


def evaluate(predicted: pd.Series, truth: pd.Series) -> Quality:
    """``predicted`` and ``truth``: cluster labels indexed by record id (same index)."""
    import numpy as np
    import pandas as pd

    truth = truth.reindex(predicted.index)
    if truth.isna().any():
        raise ValueError("truth has no label for some predicted records")
    p = pd.factorize(predicted)[0]
    t = pd.factorize(truth)[0]
    both = pd.DataFrame({"p": p, "t": t})
    joint = both.groupby(["p", "t"]).size()
    p_size = np.bincount(p)
    t_size = np.bincount(t)
    pairs = lambda c: c * (c - 1) // 2  # noqa: E731
    tp = int(pairs(joint.to_numpy()).sum())
    pp = int(pairs(p_size).sum())
    tt = int(pairs(t_size).sum())
    pw_p, pw_r = _ratio(tp, pp), _ratio(tp, tt)

    # a predicted cluster is exact when it has one true label and all of that label's records
    j = joint.reset_index(name="n")
    labels_per_p = j.groupby("p").size()
    single = j[j["p"].map(labels_per_p) == 1]
    exact = single[single["n"].to_numpy() == t_size[single["t"].to_numpy()]]
    exact_sizes = exact["n"].to_numpy()
    e_all, e_dup = len(exact), int((exact_sizes >= 2).sum())
    cp, cr = _ratio(e_all, len(p_size)), _ratio(e_all, len(t_size))
    cpd, crd = _ratio(e_dup, int((p_size >= 2).sum())), _ratio(e_dup, int((t_size >= 2).sum()))

    n = j["n"].to_numpy()
    bp = float((n * n / p_size[j["p"].to_numpy()]).sum() / len(p))
    br = float((n * n / t_size[j["t"].to_numpy()]).sum() / len(p))
    return Quality(
        pw_p, pw_r, _f1(pw_p, pw_r), cp, cr, _f1(cp, cr), cpd, crd, _f1(cpd, crd), bp, br, _f1(bp, br),
        len(p), len(t_size), len(p_size),
    )
