"""Privacy-preserving linkage against clear text on the same synthetic records.

    .venv/bin/python -m bench.linkage.pprl --records 20000 200000 [--seed 1]

The records are split over two partners by the agency that registered them; each partner encodes
its part (Bloom filters under a shared key), the linkage unit links the encodings, and the result
is compared with clear-text deduplication of the same records.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import pandas as pd

from .common import people_file, quality, record, run_child

POLICE = ["politie", "kmar", "om", "fiod", "nla"]


def child(path: str) -> None:
    from keten.engines.linkage import dedupe, encode, link_encodings

    frame = pd.read_parquet(path)
    truth = frame[["record_id", "person_id"]]
    key = bytes(range(32))
    started = time.perf_counter()
    encodings = []
    for name, part in (("police", frame[frame["source"].isin(POLICE)]), ("care", frame[~frame["source"].isin(POLICE)])):
        encodings.append(encode(part.drop(columns=["person_id", "source"]), key=key, id_column="record_id",
                                source=name))
    encode_seconds = time.perf_counter() - started
    fill = {f[2:]: round(float(np.mean([np.unpackbits(np.frombuffer(b, np.uint8)).mean()
                                        for b in encodings[0].records[f].dropna().head(2000)])), 3)
            for f in encodings[0].records.columns if f.startswith("f_")}
    started = time.perf_counter()
    encoded = link_encodings(encodings)
    pprl_seconds = time.perf_counter() - started
    started = time.perf_counter()
    clear = dedupe(frame.drop(columns=["person_id", "source"]), id_column="record_id")
    clear_seconds = time.perf_counter() - started
    q_pprl, q_clear = quality(encoded, truth), quality(clear.clusters, truth)
    keys = ("pairwise_precision", "pairwise_recall", "pairwise_f1", "cluster_precision", "cluster_recall",
            "cluster_f1", "bcubed_f1")
    print(json.dumps({
        "encode_seconds": round(encode_seconds, 1), "pprl_seconds": round(pprl_seconds, 1),
        "clear_seconds": round(clear_seconds, 1), "filter_fill": fill,
        "pprl": {k: q_pprl[k] for k in keys}, "clear": {k: q_clear[k] for k in keys},
        "f1_cost": {k: round(q_clear[k] - q_pprl[k], 4) for k in ("pairwise_f1", "cluster_f1", "bcubed_f1")},
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, nargs="+", default=[20000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    for records in args.records:
        result = run_child("bench.linkage.pprl", "--child", str(people_file(records, args.seed)))
        record("pprl", {"records": records, "seed": args.seed, **result})


if __name__ == "__main__":
    main()
