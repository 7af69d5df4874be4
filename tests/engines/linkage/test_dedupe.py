"""End to end on generated records with known truth: cluster quality, explanations, clustering."""

import numpy as np
import pandas as pd
import pytest

from keten.engines.linkage import LinkageInputError, dedupe, evaluate, explain, generate_people, link
from keten.engines.linkage.cluster import cluster


@pytest.fixture(scope="module")
def result(people, fast_training):
    return dedupe(people.drop(columns=["person_id"]), id_column="record_id", ignore=["source"], training=fast_training)


def test_generator_is_deterministic_and_has_known_truth():
    a, b = generate_people(300, seed=3), generate_people(300, seed=3)
    pd.testing.assert_frame_equal(a, b)
    sizes = a.groupby("person_id").size()
    assert sizes.max() <= 10 and (sizes == 1).sum() > len(sizes) / 2
    assert a["given_name"].dropna().map(lambda s: not s.isascii()).any()  # other scripts present


def test_dedupe_finds_persons_with_high_cluster_quality(result, people):
    clusters = result.clusters
    assert list(clusters.columns) == ["id", "cluster_id", "match_probability"]
    assert len(clusters) == len(people)
    singletons = clusters.groupby("cluster_id")["id"].transform("size") == 1
    assert clusters.loc[singletons, "match_probability"].isna().all()
    assert clusters.loc[~singletons, "match_probability"].between(0.5, 1).all()
    quality = evaluate(pd.Series(clusters["cluster_id"].to_numpy(), index=clusters["id"]),
                       pd.Series(people["person_id"].to_numpy(), index=people["record_id"]))
    assert quality.pairwise_precision >= 0.97
    assert quality.cluster_precision >= 0.85
    assert quality.cluster_recall >= 0.88
    assert quality.bcubed_f1 >= 0.95


def test_every_link_is_explained(result):
    top = result.pairs.iloc[0]
    steps = explain(result, top["id_l"], top["id_r"])
    assert steps["field"].iloc[0] == "prior"
    assert steps["cumulative_probability"].iloc[-1] == pytest.approx(top["match_probability"], abs=1e-4)
    assert {"name", "date_of_birth"} <= set(steps["field"])
    with pytest.raises(KeyError):
        explain(result, "no-such", "record")


def test_model_is_reusable(result, people):
    again = dedupe(people.drop(columns=["person_id"]).head(400), id_column="record_id", ignore=["source"],
                   model=result.model)
    assert len(again.clusters) == 400


def test_average_linkage_does_not_chain():
    # 0-1-2 strongly linked, 3-4 strongly linked, one bridge 2-3: two clusters, not one
    left = np.array([0, 0, 1, 3, 2])
    right = np.array([1, 2, 2, 4, 3])
    prob = np.array([0.99, 0.98, 0.97, 0.99, 0.9])
    labels = cluster(5, left, right, prob, threshold=0.5).labels
    assert labels[0] == labels[1] == labels[2] and labels[3] == labels[4] and labels[2] != labels[3]


def test_link_one_to_one(people, fast_training):
    a = people[people["source"].isin(["politie", "kmar", "om", "fiod", "nla"])].drop(columns=["person_id", "source"])
    b = people[~people["source"].isin(["politie", "kmar", "om", "fiod", "nla"])].drop(columns=["person_id", "source"])
    result = link(a, b, id_column="record_id", one_to_one=True, training=fast_training)
    pairs = result.pairs
    assert not pairs["id_l"].duplicated().any() and not pairs["id_r"].duplicated().any()
    assert set(pairs["id_l"]) <= set(a["record_id"]) and set(pairs["id_r"]) <= set(b["record_id"])
    truth = people.set_index("record_id")["person_id"]
    right = (truth[pairs["id_l"]].to_numpy() == truth[pairs["id_r"]].to_numpy()).mean()
    assert right >= 0.97


def test_labelled_pairs_refine_the_model():
    from keten.engines.linkage import TrainingOptions

    people = generate_people(1500, seed=11)
    groups = [ids for ids in people.groupby("person_id")["record_id"].apply(list) if len(ids) > 1][:80]
    same = pd.DataFrame({"unique_id_l": [g[0] for g in groups], "unique_id_r": [g[1] for g in groups],
                         "clerical_match_score": 1.0})
    other = pd.DataFrame({"unique_id_l": people["record_id"][:80].to_numpy(),
                          "unique_id_r": people["record_id"][80:160].to_numpy(), "clerical_match_score": 0.0})
    labels = pd.concat([same, other], ignore_index=True)
    result = dedupe(people.drop(columns=["person_id", "source"]), id_column="record_id",
                    training=TrainingOptions(labels=labels, u_max_pairs=2e5, em_max_pairs=2e5))
    quality = evaluate(pd.Series(result.clusters["cluster_id"].to_numpy(), index=result.clusters["id"]),
                       pd.Series(people["person_id"].to_numpy(), index=people["record_id"]))
    assert quality.pairwise_f1 >= 0.9


def test_an_empty_identifier_column_is_as_if_it_were_not_there(people, fast_training):
    # no two records share a phone: EM learns the date of birth from the next identifier instead
    records = people.drop(columns=["person_id", "source"]).head(800)
    without = dedupe(records.drop(columns=["phone"]), id_column="record_id", training=fast_training)
    empty = dedupe(records.assign(phone=None), id_column="record_id", training=fast_training)
    pd.testing.assert_series_equal(empty.clusters["cluster_id"], without.clusters["cluster_id"])
    # EM's last digits differ with one comparison more (always missing); the evidence does not
    np.testing.assert_allclose(empty.clusters["match_probability"], without.clusters["match_probability"], rtol=1e-3)


def test_records_that_agree_on_nothing_are_refused_with_a_reason():
    records = pd.DataFrame({
        "id": ["a", "b", "c", "d"], "given_name": ["Anna", "Piet", "Klaas", "Mo"],
        "family_name": ["Jansen", "de Vries", "Bakker", "Ali"],
        "date_of_birth": ["01-02-1990", "03-04-1985", "05-06-1970", "07-08-2000"],
    })
    with pytest.raises(LinkageInputError, match="nothing to learn from"):
        dedupe(records, id_column="id")
