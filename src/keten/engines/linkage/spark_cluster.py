"""A dedupe's scored pairs completed and clustered in Spark: one row per record comes back.

The steps of ``pipeline._cluster_result``, each run where the pairs are:

1. The blocked pairs above the floor stay a Spark DataFrame. The prior is re-estimated as
   ``pipeline.reestimate_prior`` does, with one Spark aggregate per iteration, and the shift of
   the match weights is applied in Spark.
2. Splink finds the connected components of the pairs at the threshold
   (``splink.clustering.cluster_pairwise_predictions_at_threshold``).
3. Inside components of 3 to ``complete`` records, the pairs never scored (a self-join on the
   component, less the pairs scored) are scored by the same model through Splink.
4. Average linkage runs per component in ``applyInPandas`` with ``cluster.cluster``, the code the
   driver runs on all components at once. It gets the component's records in input order, as
   the driver path does, so ties between equal probabilities are broken in the same way. A
   component of two records is a cluster as it is.

The driver receives one row per record (its component, its part of it, its best link there)
and numbers the clusters by their first record in the input, as ``cluster.cluster`` does.
See docs/linkage.md ("Running on Spark").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .cluster import Clusters, cluster
from .model import Session, compact
from .pipeline import (
    LinkageResult,
    Progress,
    adopt_prior,
    clusters_frame,
    log_odds,
    pairs_frame,
    prior_fixed_point,
    weight_shift,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

_PARTS = "position long, part long, best double"


def dedupe_in_spark(records: pd.DataFrame, session: Session, db_api, *, floor: float, threshold: float,
                    cohesion: float, complete: int, reestimate: bool, say: Progress) -> LinkageResult:
    """Score, complete and cluster a dedupe in Spark; ``pairs`` holds the pairs at ``threshold`` or above."""
    from pyspark.sql import functions as F

    ids = records["unique_id"].to_numpy()
    say("scoring pairs", 0.6)
    pairs = _cut_lineage(session.predict_table(floor))
    if reestimate:
        prior = session.model["probability_two_random_records_match"]
        new = reestimate_prior_in_spark(pairs, prior, len(ids) * (len(ids) - 1) / 2)
        pairs = apply_prior_in_spark(pairs, prior, new)
        adopt_prior(session, new)
    members = connected_components(db_api, ids, pairs, threshold)
    try:
        if complete >= 3:
            say("scoring pairs inside candidate clusters", 0.8)
            pairs = _with_missing_pairs(session, members, pairs, complete)
        say("clustering", 0.9)
        result = cluster_components(members, pairs, len(ids), threshold=threshold, cohesion=cohesion)
        strong = compact(pairs.where(F.col("match_probability") >= threshold).toPandas())
    finally:
        members.unpersist()
    say("done", 1.0)
    return LinkageResult(clusters=clusters_frame(ids, result), pairs=pairs_frame(strong), model=session.model,
                         records=records)


def cluster_in_spark(db_api, ids: np.ndarray, pairs: DataFrame, *, threshold: float = 0.5,
                     cohesion: float | None = 0.3) -> Clusters:
    """``cluster.cluster`` for pairs in Spark (``unique_id_l``, ``unique_id_r``, ``match_probability``).

    ``ids`` are the records' unique ids in input order; the pairs are taken as they are (no
    completion), pairs never scored counting as 0.
    """
    members = connected_components(db_api, ids, pairs, threshold)
    try:
        return cluster_components(members, pairs, len(ids), threshold=threshold, cohesion=cohesion)
    finally:
        members.unpersist()


def reestimate_prior_in_spark(pairs: DataFrame, prior: float, total_pairs: float, iterations: int = 20) -> float:
    """``pipeline.reestimate_prior`` for pairs in Spark: one sum over the pairs per iteration."""
    from pyspark.sql import functions as F

    if total_pairs <= 0 or pairs.isEmpty():
        return prior
    evidence = F.col("match_weight") - F.lit(log_odds(prior))

    def expected_matches(lam: float) -> float:
        probability = 1.0 / (1.0 + F.pow(F.lit(2.0), -(evidence + F.lit(log_odds(lam)))))
        return float(pairs.agg(F.sum(probability)).first()[0])

    return prior_fixed_point(prior, expected_matches, total_pairs, iterations)


def apply_prior_in_spark(pairs: DataFrame, old: float, new: float) -> DataFrame:
    """The pairs' weights and probabilities with the prior ``new`` instead of ``old``."""
    from pyspark.sql import functions as F

    weight = F.col("match_weight") + F.lit(weight_shift(old, new))
    return pairs.withColumn("match_weight", weight).withColumn(
        "match_probability", 1.0 / (1.0 + F.pow(F.lit(2.0), -F.col("match_weight")))
    )


def connected_components(db_api, ids: np.ndarray, pairs: DataFrame, threshold: float) -> DataFrame:
    """Each record's component at ``threshold``, cached: ``unique_id``, ``position`` (in the input),
    ``component`` (its smallest unique id) and ``size``."""
    import pyarrow as pa
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from splink.clustering import cluster_pairwise_predictions_at_threshold

    nodes = db_api.spark.createDataFrame(pa.table({"unique_id": pa.array(ids, pa.string()),
                                                   "position": np.arange(len(ids), dtype=np.int64)}))
    strong = pairs.where(F.col("match_probability") >= threshold)
    found = cluster_pairwise_predictions_at_threshold(
        nodes.select("unique_id"), strong.select("unique_id_l", "unique_id_r", "match_probability"),
        _writing_api(db_api), node_id_column_name="unique_id", threshold_match_probability=threshold,
    )
    members = (
        nodes.join(found.as_spark_dataframe().withColumnRenamed("cluster_id", "component"), "unique_id")
        .withColumn("size", F.count("*").over(Window.partitionBy("component")))
        .cache()
    )
    members.count()
    return members


def _writing_api(db_api):
    """Splink's database API with its tables written out as Parquet, for connected components.

    Its label propagation runs one round per step of the longest path in a component, each
    round's tables built on the last. Persisted tables keep the whole query plan, which Spark
    4.1's optimiser fails on after a round or two; checkpointed ones grow plans that take
    minutes to optimise after a dozen rounds. Parquet in the checkpoint directory (Splink's
    default, and Delta tables on Databricks) keeps every round small.
    """
    if db_api.break_lineage_method in ("parquet", "delta_lake_table"):
        return db_api
    from splink import SparkAPI

    return SparkAPI(spark_session=db_api.spark, break_lineage_method="parquet",
                    num_partitions_on_repartition=db_api.num_partitions_on_repartition)


def _cut_lineage(frame: DataFrame) -> DataFrame:
    """A frame taken from one of Splink's tables, written to the checkpoint directory to start there.

    Persisted, a Splink table keeps the plan of the pipeline that made it: every query built on
    it then spends seconds matching that plan against the cached tables, and handed back to
    Splink it puts one pipeline (common table expressions) inside another, which Spark 4.1's
    optimiser fails on (NoSuchElementException in PushdownPredicatesAndPruneColumnsForCTEDef).
    """
    return frame.checkpoint()


def _with_missing_pairs(session: Session, members: DataFrame, pairs: DataFrame, largest: int) -> DataFrame:
    missing = _missing_pairs(members, pairs, largest)
    if missing.isEmpty():
        return pairs
    extra = _cut_lineage(session.score_table(missing))
    if session.prior_shift:
        extra = apply_prior_in_spark(extra, *session.prior_shift)
    return pairs.unionByName(extra)


def _missing_pairs(members: DataFrame, pairs: DataFrame, largest: int) -> DataFrame:
    """The pairs inside components of 3..``largest`` records never scored, as Splink takes blocked pairs."""
    from pyspark.sql import functions as F

    small = members.where(F.col("size").between(3, largest)).select("unique_id", "component")
    left, right = small.alias("l"), small.alias("r")
    inside = left.join(
        right, (F.col("l.component") == F.col("r.component")) & (F.col("l.unique_id") < F.col("r.unique_id"))
    ).select(F.col("l.unique_id").alias("join_key_l"), F.col("r.unique_id").alias("join_key_r"))
    scored = pairs.select(F.least("unique_id_l", "unique_id_r").alias("join_key_l"),
                          F.greatest("unique_id_l", "unique_id_r").alias("join_key_r"))
    return inside.join(scored, ["join_key_l", "join_key_r"], "left_anti").withColumn("match_key", F.lit("0"))


def cluster_components(members: DataFrame, pairs: DataFrame, n_records: int, *, threshold: float,
                       cohesion: float | None) -> Clusters:
    """Average linkage inside each component of three or more records, then numbered on the driver."""
    from pyspark.sql import functions as F

    def cluster_one(edges: pd.DataFrame) -> pd.DataFrame:
        return _cluster_component(edges, threshold=threshold, cohesion=cohesion)

    edges = _edges_inside_components(members, pairs)
    parts = (
        edges.where(F.col("size") >= 3)
        .select("component", "position_l", "position_r", "match_probability")
        .groupBy("component")
        .applyInPandas(cluster_one, schema=_PARTS)
    )
    assigned = parts.unionByName(_two_record_clusters(edges))
    rows = members.join(assigned, "position", "left").select("position", "component", "part", "best")
    return _numbered(rows.toPandas(), n_records)


def _two_record_clusters(edges: DataFrame) -> DataFrame:
    """Both records of each two-record component: one cluster, their pair's probability the best link."""
    from pyspark.sql import functions as F

    pair = edges.where(F.col("size") == 2)
    return pair.select(F.col("position_l").alias("position"), F.lit(0).cast("long").alias("part"),
                       F.col("match_probability").alias("best")).unionByName(
        pair.select(F.col("position_r").alias("position"), F.lit(0).cast("long").alias("part"),
                    F.col("match_probability").alias("best")))


def _edges_inside_components(members: DataFrame, pairs: DataFrame) -> DataFrame:
    """The pairs whose records share a component of two or more, with the records' positions."""
    from pyspark.sql import functions as F

    left = members.select(F.col("unique_id").alias("unique_id_l"), F.col("position").alias("position_l"),
                          "component", "size")
    right = members.select(F.col("unique_id").alias("unique_id_r"), F.col("position").alias("position_r"),
                           F.col("component").alias("component_r"))
    return (
        pairs.select("unique_id_l", "unique_id_r", "match_probability")
        .join(left, "unique_id_l")
        .join(right, "unique_id_r")
        .where((F.col("component") == F.col("component_r")) & (F.col("size") >= 2))
    )


def _cluster_component(edges: pd.DataFrame, *, threshold: float, cohesion: float | None) -> pd.DataFrame:
    """One component's records (by position), their part of it and best link inside that part."""
    ends = np.concatenate([edges["position_l"].to_numpy(), edges["position_r"].to_numpy()])
    nodes, node = np.unique(ends, return_inverse=True)  # sorted positions: the driver's order of nodes
    result = cluster(len(nodes), node[:len(edges)], node[len(edges):], edges["match_probability"].to_numpy(),
                     threshold=threshold, cohesion=cohesion)
    return pd.DataFrame({"position": nodes, "part": result.labels, "best": result.best})


def _numbered(rows: pd.DataFrame, n_records: int) -> Clusters:
    """Clusters numbered by their first record in the input, as ``cluster.cluster`` numbers them."""
    rows = rows.sort_values("position").assign(part=lambda frame: frame["part"].fillna(0))
    if not np.array_equal(rows["position"].to_numpy(), np.arange(n_records)):
        raise RuntimeError("clustering in Spark did not give every record exactly one cluster")
    labels = rows.groupby(["component", "part"], sort=False).ngroup().to_numpy(dtype=np.int64)
    return Clusters(labels=labels, best=rows["best"].to_numpy(dtype=np.float64))
