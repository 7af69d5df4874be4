"""The same model on Splink's Spark backend, in local mode: the same keys, levels, pairs and clusters.

One Spark session for the module (local[2], 1 GB driver, no UI, its own temporary warehouse and
checkpoint directory, bound to 127.0.0.1, its Python workers in this interpreter). Skipped only
where there is no Java to run Spark.
"""

import shutil
import sys

import numpy as np
import pandas as pd
import pytest

from keten.engines.linkage import dedupe, evaluate, generate_people, link, validate

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("spark"),
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime and `java` is not on PATH"),
]

PARTNERS_A = ["politie", "kmar", "om", "fiod", "nla"]


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from keten.engines.linkage.spark import spark_session

    base = tmp_path_factory.mktemp("spark")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPARK_LOCAL_IP", "127.0.0.1")  # never bind beyond the loopback address
        patch.setenv("PYSPARK_PYTHON", sys.executable)  # the workers' Python, undone after the module
        session = spark_session(
            "local[2]", driver_memory="1g", shuffle_partitions=2,
            checkpoint_dir=str(base / "checkpoints"), warehouse_dir=str(base / "warehouse"),
            conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
                  "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"},
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


@pytest.fixture(scope="module")
def engine(spark):
    from keten.engines.linkage.spark import SparkEngine

    return SparkEngine(spark, break_lineage_method="persist")  # small data: keep Splink's tables in memory


@pytest.fixture(scope="module")
def records():
    return generate_people(1200, seed=5)


@pytest.fixture(scope="module")
def model(records, fast_training):
    """Trained on DuckDB: the model that both backends then score with."""
    return dedupe(records.drop(columns=["person_id"]), id_column="record_id", ignore=["source"],
                  training=fast_training).model


@pytest.fixture(scope="module")
def on_duckdb(records, model):
    """The dedupe on DuckDB, clustered in this process: what every Spark run is compared with."""
    return dedupe(records.drop(columns=["person_id"]), id_column="record_id", ignore=["source"], model=model)


def _by_pair(pairs: pd.DataFrame) -> pd.DataFrame:
    return pairs.set_index(["id_l", "id_r"]).sort_index()


def _quality(result, records):
    clusters = result.clusters
    return evaluate(pd.Series(clusters["cluster_id"].to_numpy(), index=clusters["id"]),
                    pd.Series(records["person_id"].to_numpy(), index=records["record_id"]))


def _comparable(keys: pd.DataFrame) -> pd.DataFrame:
    keys = keys.sort_values("unique_id", ignore_index=True).astype(object)
    return keys.where(keys.notna(), None)


def test_blocking_keys_are_the_same_on_spark(engine, spark, records):
    from keten.engines.linkage import validate
    from keten.engines.linkage.model import Engine

    prepared = validate(records.drop(columns=["person_id"]), id_column="record_id", ignore=["source"])
    duck = Engine()
    duck.db_api()
    columns = duck.load_records(prepared, "records")
    assert engine.load_records(prepared, "keys_check") == columns
    keys = sorted(c for c in columns if c.startswith("block_"))
    order = ["unique_id", *keys]
    on_duckdb = duck.connection.execute(f"SELECT {', '.join(order)} FROM records").df()
    on_spark = spark.sql(f"SELECT {', '.join(order)} FROM keys_check").toPandas()
    on_duckdb, on_spark = _comparable(on_duckdb), _comparable(on_spark)
    assert on_duckdb["block_last_year"].notna().sum() > 100  # the keys built from list indexes are filled
    pd.testing.assert_frame_equal(on_duckdb, on_spark)


def _reached(column: pd.Series) -> list[bool]:
    """Whether each pair reaches the level: a CASE WHEN takes a NULL condition as not reached."""
    return [False if pd.isna(value) else bool(value) for value in column]


def test_every_comparison_level_decides_the_same_on_spark(engine, spark):
    """Each level's condition on hand-made pairs, including the ones random records seldom reach."""
    import duckdb
    import pyarrow as pa

    from keten.engines.linkage.settings import comparisons
    from keten.engines.linkage.spark_sql import to_spark

    pairs = pd.DataFrame({
        "name_key_l": ["mohamed al hassan", "wang wei", "jansen piet", "anna", "maria ivanova"],
        "name_key_r": ["mohamed hassan", "wei wang", "jansen pieter", "anna", "mariya ivanova"],
        "name_skel_l": ["mhmd l hsn", "wng w", "jnsn pt", "n", "mr vnv"],
        "name_skel_r": ["mhmd hsn", "w wng", "jnsn ptr", "n", "mr vnv"],
        "name_first_l": ["mhmd", "wng", "jnsn", "n", "mr"],
        "name_first_r": ["mhmd", "w", "jnsn", "n", "mr"],
        "name_letters_l": ["aaadehhllmmnnos", "aegiwnw", "aeijnnpst", "aann", "aaaiimnorv"],
        "name_letters_r": ["aadehhmmnnos", "aegiwnw", "aeeijnnprst", "aann", "aaaiimnorvy"],
        "skel_letters_l": ["dhhllmmns", "gnww", "jnnpst", "n", "mnrvv"],
        "skel_letters_r": ["dhhmmns", "gnww", "jnnprst", "n", "mnrvv"],
        "dob_l": ["1990-05-13", "1985-01-01", "2001-12-31", "1990", "1977-03-04"],
        "dob_r": ["1990-05-18", "1985-01-01", "2001-31-12", "1991", "1977-04-03"],
        "dob_md_l": ["1990-05-13", "1985-01-01", "2001-12-31", "1990", "1977-03-04"],
        "dob_md_r": ["1990-05-18", "1985-01-01", "2001-12-31", "1991", "1977-03-04"],
        "dob_year_l": [1990, 1985, 2001, 1990, 1977],
        "dob_year_r": [1990, 1985, 2001, 1991, 1977],
        "dob_month_l": [5, 1, 12, None, 3],
        "dob_month_r": [5, 1, 12, None, 4],
        "dob_day_l": [13, 1, 31, None, 4],
        "dob_day_r": [18, 1, 31, None, 3],
        "document_number_l": ["NX1234567", None, "AB12", "X", "P9"],
        "document_number_r": ["NX1243567", None, "AB21", "Y", "P9"],
        "phone_l": ["+31612345678", "+31600000000", None, "+3161", "+32470"],
        "phone_r": ["+31612345679", "+31700000000", None, "+3161", "+32471"],
    })
    for column in ("dob_year_l", "dob_year_r", "dob_month_l", "dob_month_r", "dob_day_l", "dob_day_r"):
        pairs[column] = pairs[column].astype("Int32")
    levels = [level["sql_condition"] for comparison in comparisons(["name_key", "name_skel", "name_first",
                                                                    "name_letters", "skel_letters", "dob_year",
                                                                    "document_number", "phone"])
              for level in comparison["comparison_levels"] if level["sql_condition"] != "ELSE"]
    levels = [sql for sql in levels if "email" not in sql]
    assert any("hamming" in sql for sql in levels) and any("list_has_all" in sql for sql in levels)

    def select(conditions):
        return ", ".join(f"({sql}) AS c{i}" for i, sql in enumerate(conditions))

    on_duckdb = duckdb.sql(f"SELECT {select(levels)} FROM pairs").df()
    engine.db_api()  # registers Splink's Jaro-Winkler and Damerau-Levenshtein functions, as every run does
    spark.createDataFrame(pa.Table.from_pandas(pairs)).createOrReplaceTempView("level_pairs")
    on_spark = spark.sql(f"SELECT {select([to_spark(sql) for sql in levels])} FROM level_pairs").toPandas()
    for i, sql in enumerate(levels):
        assert _reached(on_duckdb[f"c{i}"]) == _reached(on_spark[f"c{i}"]), sql


def test_dedupe_on_spark_gives_the_same_pairs_and_clusters(engine, records, model, on_duckdb):
    frame = records.drop(columns=["person_id"])
    on_spark = dedupe(frame, id_column="record_id", ignore=["source"], model=model, engine=engine)

    duck_pairs, spark_pairs = _by_pair(on_duckdb.pairs), _by_pair(on_spark.pairs)
    assert len(duck_pairs) > 500
    assert duck_pairs.index.equals(spark_pairs.index)
    gammas = [c for c in duck_pairs.columns if c.startswith("gamma_")]
    pd.testing.assert_frame_equal(duck_pairs[gammas], spark_pairs[gammas])
    np.testing.assert_allclose(spark_pairs["match_probability"], duck_pairs["match_probability"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(spark_pairs["match_weight"], duck_pairs["match_weight"], rtol=0, atol=1e-9)

    pd.testing.assert_frame_equal(on_spark.clusters, on_duckdb.clusters)
    assert on_spark.model == on_duckdb.model
    assert not engine.spark.catalog.tableExists("records")  # freed for the session's next run
    quality = _quality(on_spark, records)
    assert quality == _quality(on_duckdb, records)
    assert quality.cluster_f1 >= 0.9


def test_dedupe_clustered_in_spark_gives_the_same_clusters(spark, records, model, on_duckdb):
    """Components, their completion and average linkage in Spark: the driver's partition and best links."""
    from keten.engines.linkage.spark import SparkEngine

    engine = SparkEngine(spark, break_lineage_method="persist", cluster_in_spark=True)
    frame = records.drop(columns=["person_id"])
    in_spark = dedupe(frame, id_column="record_id", ignore=["source"], model=model, engine=engine)

    pd.testing.assert_frame_equal(in_spark.clusters[["id", "cluster_id"]], on_duckdb.clusters[["id", "cluster_id"]])
    np.testing.assert_allclose(in_spark.clusters["match_probability"], on_duckdb.clusters["match_probability"],
                               rtol=0, atol=1e-9)
    assert in_spark.clusters["cluster_id"].value_counts().max() >= 3  # average linkage had components to cluster
    strong = on_duckdb.pairs[on_duckdb.pairs["match_probability"] >= 0.5]
    assert len(in_spark.pairs) < len(on_duckdb.pairs)  # only the pairs at the threshold came to the driver
    assert _by_pair(in_spark.pairs).index.equals(_by_pair(strong).index)
    assert in_spark.model == on_duckdb.model
    assert not spark.catalog.tableExists("records")
    quality = _quality(in_spark, records)
    assert quality == _quality(on_duckdb, records)
    assert quality.cluster_f1 >= 0.9


def test_average_linkage_in_spark_keeps_apart_what_one_pair_chains(engine):
    """Two people of three records each, chained by one look-alike pair: one component, two clusters."""
    from keten.engines.linkage.cluster import cluster
    from keten.engines.linkage.spark_cluster import cluster_in_spark

    ids = np.array(["b1", "a1", "c1", "a2", "d1", "b2", "a3", "c2", "b3"])
    pairs = pd.DataFrame([
        ("a1", "a2", 0.95), ("a1", "a3", 0.90), ("a2", "a3", 0.92),
        ("b1", "b2", 0.97), ("b1", "b3", 0.93), ("b2", "b3", 0.90),
        ("a3", "b1", 0.80),  # the look-alike pair that chains the two
        ("a1", "b2", 0.20),
        ("c1", "c2", 0.70),
    ], columns=["unique_id_l", "unique_id_r", "match_probability"])
    position = {record: i for i, record in enumerate(ids)}
    left, right = pairs["unique_id_l"].map(position).to_numpy(), pairs["unique_id_r"].map(position).to_numpy()
    prob = pairs["match_probability"].to_numpy()
    chained = cluster(len(ids), left, right, prob, threshold=0.5, cohesion=0.0)  # no cohesion: components
    assert len(set(chained.labels[[1, 3, 6, 0, 5, 8]])) == 1  # connected components make them one person

    on_driver = cluster(len(ids), left, right, prob, threshold=0.5, cohesion=0.3)
    in_spark = cluster_in_spark(engine.db_api(), ids, engine.spark.createDataFrame(pairs), threshold=0.5,
                                cohesion=0.3)

    np.testing.assert_array_equal(in_spark.labels, on_driver.labels)
    np.testing.assert_allclose(in_spark.best, on_driver.best, rtol=0, atol=1e-12)
    assert list(in_spark.labels) == [0, 1, 2, 1, 3, 0, 1, 2, 0]  # b, a apart; c a pair; d alone; by first record
    assert np.isnan(in_spark.best[4]) and in_spark.best[1] == 0.95


def test_prior_reestimated_in_spark_as_on_the_driver(spark):
    from keten.engines.linkage.pipeline import _apply_prior, reestimate_prior
    from keten.engines.linkage.spark_cluster import apply_prior_in_spark, reestimate_prior_in_spark

    weights = np.random.default_rng(3).normal(-4.0, 8.0, 3000)
    pairs = pd.DataFrame({"unique_id_l": [f"l{i}" for i in range(len(weights))],
                          "unique_id_r": [f"r{i}" for i in range(len(weights))],
                          "match_weight": weights, "match_probability": 1 / (1 + np.exp2(-weights))})
    prior, total = 1e-4, 2e6
    on_driver = reestimate_prior(pairs, {"probability_two_random_records_match": prior}, total)
    in_spark = reestimate_prior_in_spark(spark.createDataFrame(pairs), prior, total)
    assert on_driver != prior
    assert in_spark == pytest.approx(on_driver, rel=1e-12)
    shifted = apply_prior_in_spark(spark.createDataFrame(pairs), prior, in_spark).toPandas()
    expected = _apply_prior(pairs, prior, on_driver)
    np.testing.assert_allclose(shifted["match_probability"], expected["match_probability"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(shifted["match_weight"], expected["match_weight"], rtol=0, atol=1e-9)


def test_a_run_frees_the_records_it_cached(spark, records):
    from keten.engines.linkage.spark import SparkEngine

    engine = SparkEngine(spark)
    prepared = validate(records.drop(columns=["person_id"]), id_column="record_id", ignore=["source"])
    engine.load_records(prepared, "release_check")
    engine.load_records(prepared, "release_check")  # loaded again: the first copy is freed at once
    spark.table("release_check").createOrReplaceTempView("release_probe")  # the same plan, kept after
    assert spark.catalog.isCached("release_probe")
    engine.release()
    assert not spark.catalog.isCached("release_probe")
    assert not spark.catalog.tableExists("release_check")
    spark.catalog.dropTempView("release_probe")


def test_link_on_spark_gives_the_same_pairs(engine, records, model):
    frame = records.drop(columns=["person_id"])
    a = frame[frame["source"].isin(PARTNERS_A)].drop(columns=["source"])
    b = frame[~frame["source"].isin(PARTNERS_A)].drop(columns=["source"])
    # (not one-to-one: that keeps the first of pairs with equal probability, in whatever order they came)
    on_duckdb = link(a, b, id_column="record_id", model=model)
    on_spark = link(a, b, id_column="record_id", model=model, engine=engine)
    duck_pairs, spark_pairs = _by_pair(on_duckdb.pairs), _by_pair(on_spark.pairs)
    assert len(duck_pairs) > 100
    assert duck_pairs.index.equals(spark_pairs.index)
    np.testing.assert_allclose(spark_pairs["match_probability"], duck_pairs["match_probability"], rtol=0, atol=1e-9)
