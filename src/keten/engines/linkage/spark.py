"""Training, scoring and, on request, clustering on Spark: the same model, run by Splink's SparkAPI.

Pass ``engine=SparkEngine(spark)`` to ``dedupe`` or ``link``. pyspark is imported only here and
in ``spark_cluster``, and only when a session is made or used (``pip install keten[spark]``).
Records are loaded as Spark temporary views with the same blocking keys as on DuckDB; the model's
SQL is translated by ``spark_sql``; training and scoring run in Spark.

What a dedupe does with the scored pairs depends on ``cluster_in_spark``:

- off (the default): the pairs above the floor are collected to the driver (pandas) and
  clustered there by the same code as on DuckDB; the driver holds every one of them.
- on: they stay in Spark (``spark_cluster``): the prior is re-estimated there, Splink finds the
  connected components at the threshold, the unscored pairs inside small components are scored,
  and average linkage runs per component in ``applyInPandas``; the driver receives one row per
  record and the pairs at or above the threshold. The executors then run Python: they need the
  same Python with Keten installed (a local master uses this interpreter, see ``spark_session``).

``link`` always collects its pairs at the threshold to the driver. See docs/linkage.md.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .blocking import blocking_key_columns
from .spark_sql import restore_written_sql, settings_to_spark, to_spark


def spark_session(master: str = "local[2]", *, driver_memory: str = "1g", shuffle_partitions: int = 8,
                  checkpoint_dir: str | None = None, warehouse_dir: str | None = None,
                  app_name: str = "keten-linkage", conf: dict[str, str] | None = None,
                  python: str | None = None):
    """A Spark session with Splink's similarity functions (Jaro–Winkler, Damerau–Levenshtein).

    ``master`` is ``local[N]`` on one machine, ``spark://host:7077`` for a standalone cluster or
    ``yarn``. On Databricks use the session there is: Splink registers its functions itself.
    The checkpoint directory is where Splink breaks long query plans; on a cluster it must be
    on storage every executor reaches (HDFS, S3, DBFS).

    ``python`` is the interpreter the executors run Python in (clustering in Spark needs Keten
    there). With a local master it is this interpreter unless ``PYSPARK_PYTHON`` says otherwise:
    Spark would start ``python3`` from the PATH, which may not have Keten. pyspark reads it from
    the environment when the session starts, so it is set there (and counts only if this call
    starts the session). On a cluster, install Keten in the executors' Python and name it here
    or in ``PYSPARK_PYTHON``.
    """
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    if python:
        os.environ["PYSPARK_PYTHON"] = python
    elif master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.default.parallelism", str(shuffle_partitions))
        # each blocking rule's join excludes the pairs of the rules before it; inferring
        # constraints from that growing OR costs the optimiser far more than it saves
        .config("spark.sql.constraintPropagation.enabled", "false")
    )
    if warehouse_dir:
        builder = builder.config("spark.sql.warehouse.dir", warehouse_dir)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    if checkpoint_dir:
        session.sparkContext.setCheckpointDir(checkpoint_dir)
    return session


def _to_arrow(frame: pd.DataFrame):
    """Arrow keeps the nullable integer columns (birth year, month, day) as integers with NULLs."""
    import pyarrow as pa

    return pa.Table.from_pandas(frame, preserve_index=False)


@dataclass
class SparkEngine:
    """Where the SQL runs: a Spark session, local or on a cluster, through Splink's SparkAPI.

    ``num_partitions``: how many partitions Splink repartitions its large tables into (blocked
    pairs, comparison vectors, predictions); by default half of ``spark.sql.shuffle.partitions``.
    ``break_lineage_method``: Splink's way of cutting long query plans ("parquet", "persist",
    "checkpoint", …); by default Splink's choice for the session.
    ``cluster_in_spark``: a dedupe keeps its scored pairs in Spark and clusters them there, per
    connected component (``spark_cluster``), instead of collecting them to the driver; off by
    default, because the executors then need Python with Keten installed.
    """

    spark: Any  # pyspark.sql.SparkSession
    num_partitions: int | None = None
    break_lineage_method: str | None = None
    cluster_in_spark: bool = False
    _cached: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def db_api(self):
        from splink import SparkAPI

        if self.cluster_in_spark and self.spark.sparkContext.getCheckpointDir() is None:
            raise ValueError("clustering in Spark writes its intermediate tables to the checkpoint directory, and "
                             "this session has none: pass checkpoint_dir to spark_session, or call "
                             "spark.sparkContext.setCheckpointDir(…)")
        return SparkAPI(spark_session=self.spark, num_partitions_on_repartition=self.num_partitions,
                        break_lineage_method=self.break_lineage_method)

    def load_records(self, frame: pd.DataFrame, name: str, *, max_block: int = 15) -> set[str]:
        """Prepared records as temporary view ``name`` with the same blocking keys as on DuckDB."""
        raw = f"{name}_raw"
        self.spark.createDataFrame(_to_arrow(frame)).createOrReplaceTempView(raw)
        keys = blocking_key_columns(frame.columns, max_block=max_block)
        extra = "".join(f", {to_spark(sql)} AS {key}" for key, sql in keys.items())
        self._uncache(name)  # first: Spark shares one cache entry between equal plans
        # materialised once: the window counts behind the rare-name keys are not recomputed per rule
        table = self.spark.sql(f"SELECT *{extra} FROM {raw}").cache()
        table.count()
        table.createOrReplaceTempView(name)
        self._cached[name] = table
        self.spark.catalog.dropTempView(raw)
        return set(frame.columns) | set(keys)

    def release(self) -> None:
        """Free the executors' memory held by the cached records; the session outlives the run."""
        for name in list(self._cached):
            self._uncache(name)
            self.spark.catalog.dropTempView(name)

    def _uncache(self, name: str) -> None:
        table = self._cached.pop(name, None)
        if table is not None:
            table.unpersist()

    def in_dialect(self, settings: dict) -> dict:
        return settings_to_spark(settings)

    def sql_in_dialect(self, sql: str) -> str:
        return to_spark(sql)

    def as_written(self, trained: dict, written: dict) -> dict:
        """The trained model with the SQL as written for DuckDB, so it runs on either backend."""
        return restore_written_sql(trained, written)

    def fetch(self, predictions, wanted: Callable[[str], bool]) -> pd.DataFrame:
        """The wanted columns of a Splink result table, collected to the driver."""
        return self.table(predictions, wanted).toPandas()

    def table(self, predictions, wanted: Callable[[str], bool]):
        """The wanted columns of a Splink result table as a Spark DataFrame, left in Spark.

        The table is not dropped: the frame reads it where Splink keeps it (persisted, or written
        out by its ``break_lineage_method``).
        """
        frame = predictions.as_spark_dataframe()
        return frame.select(*[c for c in frame.columns if wanted(c)])
