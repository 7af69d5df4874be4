"""Training and scoring with Splink on DuckDB or Spark (imported lazily: importing the engine stays light).

Training is unsupervised: the prior from deterministic rules, ``u`` from random pairs, ``m`` by
expectation maximisation on blocked pairs (sampled to a bounded number of pairs), optionally
refined from labelled pairs. Scoring returns the blocked pairs above a floor probability with the
comparison levels and Bayes factors that explain each score.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from . import settings as model_settings
from .schema import LinkageInputError

Progress = Callable[[str, float | None], None]


@dataclass
class Engine:
    """Where the SQL runs: DuckDB in this process, bounded in memory and threads."""

    memory_limit: str = "2GB"
    threads: int | None = None
    temp_directory: str | None = None

    def db_api(self):
        """A fresh DuckDB connection wrapped for Splink; kept as ``self.connection``."""
        import duckdb
        from splink import DuckDBAPI

        con = duckdb.connect()
        self.connection = con
        con.execute(f"SET memory_limit = '{self.memory_limit}'")
        if self.threads:
            con.execute(f"SET threads = {int(self.threads)}")
        if self.temp_directory:
            con.execute(f"SET temp_directory = '{self.temp_directory}'")
        con.execute("SET preserve_insertion_order = false")
        return DuckDBAPI(connection=con)

    def load_records(self, frame: pd.DataFrame, name: str) -> set[str]:
        """Load prepared records as table ``name`` with their blocking keys; return its columns."""
        from .blocking import create_table_with_keys

        return create_table_with_keys(self.connection, frame, name)

    def release(self) -> None:
        """Close the run's connection: its tables (records, blocked pairs) can take gigabytes."""
        connection = getattr(self, "connection", None)
        if connection is not None:
            connection.close()
            self.connection = None

    def in_dialect(self, settings: dict) -> dict:
        """The settings as this backend's SQL: the model is written for DuckDB, so as they are."""
        return settings

    def sql_in_dialect(self, sql: str) -> str:
        return sql

    def as_written(self, trained: dict, written: dict) -> dict:
        """The trained model with its SQL as written (see ``SparkEngine``); here it already is."""
        return trained

    def fetch(self, predictions, wanted: Callable[[str], bool]) -> pd.DataFrame:
        """The wanted columns of a Splink result table, read straight from DuckDB."""
        relation = predictions.as_duckdbpyrelation()
        return relation.select(*[c for c in relation.columns if wanted(c)]).df()


@dataclass
class TrainingOptions:
    u_max_pairs: float = 1e6
    em_max_pairs: float = 5e5
    prior_recall: float = 0.7
    seed: int = 42
    labels: pd.DataFrame | None = None  # unique_id_l, unique_id_r, clerical_match_score (0..1)
    extra: dict = field(default_factory=dict)


def _quiet() -> None:
    for name in ("splink", "splink.internals"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _frames_to_sdfs(db_api, frames: Sequence[pd.DataFrame], names: Sequence[str]):
    return [db_api.register(frame, dataset_display_name=name) for frame, name in zip(frames, names)]


class Session:
    """A trained model bound to its data: scores the blocked pairs, and any pairs asked for."""

    def __init__(self, linker, db_api, model: dict, engine: Engine | None = None):
        self._linker = linker
        self._db_api = db_api
        self._engine = engine or Engine()
        self.model = model
        self.prior_shift: tuple[float, float] | None = None  # (trained, re-estimated) prior
        self._n = 0

    def predict(self, floor: float) -> pd.DataFrame:
        predictions = self._linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
        return self._fetch(predictions)

    def predict_table(self, floor: float):
        """The blocked pairs above ``floor`` left where they were scored (a Spark DataFrame on Spark)."""
        predictions = self._linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
        return self._engine.table(predictions, _keep)

    def score(self, left: Sequence[str], right: Sequence[str]) -> pd.DataFrame:
        """Score the given pairs of unique ids (dedupe only), whatever the blocking rules."""
        if len(left) == 0:
            return pd.DataFrame(columns=["unique_id_l", "unique_id_r", "match_probability"])
        lo = [min(a, b) for a, b in zip(left, right)]
        hi = [max(a, b) for a, b in zip(left, right)]
        table = pd.DataFrame({"match_key": "0", "join_key_l": lo, "join_key_r": hi})
        return self._predict_blocked(table, self._fetch)

    def score_table(self, blocked):
        """Score the pairs of a table of the backend (a Spark DataFrame on Spark), left there.

        ``blocked`` is in the form Splink takes blocked pairs: ``match_key`` ("0"), and the unique
        ids ``join_key_l`` < ``join_key_r`` (dedupe only).
        """
        return self._predict_blocked(blocked, lambda predictions: self._engine.table(predictions, _keep))

    def _predict_blocked(self, table, take: Callable):
        self._n += 1
        registered = self._db_api.register(table, dataset_display_name=f"asked_pairs_{self._n}")
        self._linker.table_management.register_blocked_pairs_for_predict(registered)
        try:
            predictions = self._linker.inference.predict(warning_mode="never")
            return take(predictions)
        finally:
            self._linker.table_management.invalidate_cache()
            # a Spark session outlives this one: free the name for the next run in it
            self._db_api.delete_table_from_database(registered.physical_name)

    def _fetch(self, predictions) -> pd.DataFrame:
        pairs = compact(self._engine.fetch(predictions, _keep))
        predictions.drop_table_from_database_and_remove_from_cache()
        return pairs


def train(
    frames: Sequence[pd.DataFrame | str],
    *,
    link_type: str,
    engine: Engine | None = None,
    db_api=None,
    columns: set[str] | None = None,
    training: TrainingOptions | None = None,
    model: dict | None = None,
    comparisons: list[dict] | None = None,
    blocking: list[str] | None = None,
    progress: Progress | None = None,
) -> Session:
    """Train a model on ``frames`` (or reuse ``model``) and return a scoring session.

    ``comparisons``/``blocking`` replace the person-record defaults (the privacy-preserving
    path brings its own, with its rules in ``training.extra``). A frame may also be the name of a
    table already in ``db_api``'s connection (then give ``columns``). The SQL is written for
    DuckDB; ``engine`` puts it in its own dialect, and the returned model holds it as written.
    """
    from splink import Linker

    _quiet()
    engine = engine or Engine()
    training = training or TrainingOptions()
    say = progress or (lambda step, fraction: None)
    db_api = db_api or engine.db_api()
    names = [f"input_{i}" for i in range(len(frames))]
    sdfs = _frames_to_sdfs(db_api, frames, names)
    inputs = sdfs if len(sdfs) > 1 else sdfs[0]
    columns = columns or set(frames[0].columns)

    if model is None:
        settings = model_settings.settings_dict(columns, link_type=link_type)
        if comparisons is not None:
            settings["comparisons"] = comparisons
        if blocking is not None:
            settings["blocking_rules_to_generate_predictions"] = blocking
    else:
        settings = dict(model)
        settings["link_type"] = link_type
    written = settings
    linker = Linker(inputs, engine.in_dialect(settings), log_level=logging.ERROR)
    _quiet()

    if model is None:
        say("training: prior", 0.05)
        if comparisons is None:
            rules = model_settings.deterministic_rules(columns)
            em_rules = model_settings.training_rules(columns)
        else:
            rules = training.extra.get("deterministic_rules", [])
            em_rules = training.extra.get("training_rules", [])
        rules = [engine.sql_in_dialect(rule) for rule in rules]
        if rules:
            linker.training.estimate_probability_two_random_records_match(rules, recall=training.prior_recall)
        say("training: u from random pairs", 0.15)
        linker.training.estimate_u_using_random_sampling(max_pairs=training.u_max_pairs, seed=training.seed)
        trained = 0
        for i, alternatives in enumerate(em_rules):
            say(f"training: m by EM ({i + 1}/{len(em_rules)})", 0.3 + 0.3 * i / max(1, len(em_rules)))
            trained += _em_round(linker, [engine.sql_in_dialect(rule) for rule in alternatives], training)
        if em_rules and not trained and training.labels is None:
            raise LinkageInputError(
                "no two records agree on a date of birth, phone number, document number, e-mail address or "
                "name, so there is nothing to learn from: link more records at once, or reuse a trained model"
            )
        if training.labels is not None and len(training.labels):
            labels = db_api.register(training.labels, dataset_display_name="labels")
            linker.training.estimate_m_from_pairwise_labels(labels.physical_name)
        model = model_settings.sanitise(engine.as_written(linker.misc.save_model_to_json(), written))
    model = dict(model, link_type=link_type, retain_intermediate_calculation_columns=True,
                 retain_matching_columns=True)
    linker = Linker(inputs, engine.in_dialect(model), log_level=logging.ERROR)
    _quiet()
    register_term_frequencies(linker, db_api, [sdf.physical_name for sdf in sdfs], model,
                              in_dialect=engine.sql_in_dialect)
    return Session(linker, db_api, model, engine)


def _em_round(linker, alternatives: Sequence[str], training: TrainingOptions) -> int:
    """One EM round on the first rule that finds pairs; 1 if one did, 0 if none."""
    from splink.internals.exceptions import EMTrainingException

    for rule in alternatives:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=training.em_max_pairs, estimate_without_term_frequencies=True
            )
        except EMTrainingException:  # no two records agree on it (a column there, but empty)
            continue
        return 1
    return 0


def _tf_columns(model: dict) -> list[str]:
    columns = {level["tf_adjustment_column"] for comparison in model["comparisons"]
               for level in comparison["comparison_levels"] if level.get("tf_adjustment_column")}
    return sorted(columns)


def register_term_frequencies(linker, db_api, tables: Sequence[str], model: dict, *,
                              in_dialect: Callable[[str], str] = lambda sql: sql) -> None:
    """Term frequencies that leave the record itself out: (count - 1) / records with a value.

    Splink's own table divides the count by the number of records, the record being compared
    included; for a value that few records share that overstates how often *another* record has
    it (a name held by two records: twice the chance), so agreement on a rare value counted too
    little. With the record left out the frequency is what a non-matching record's chance of
    agreeing is; a value held by one record keeps 1 / records.
    """
    for column in _tf_columns(model):
        values = " UNION ALL ".join(f'SELECT "{column}" AS v FROM {table}' for table in tables)
        sql = (f'SELECT v AS "{column}", CAST(greatest(count(*) - 1, 1) AS DOUBLE) / '
               f'(SELECT count(v) FROM ({values}) AS a) AS "tf_{column}" '
               f"FROM ({values}) AS b WHERE v IS NOT NULL GROUP BY v")
        table = db_api.query_sql(in_dialect(sql))
        linker.table_management.register_term_frequency_lookup(table, column)


def compact(pairs: pd.DataFrame) -> pd.DataFrame:
    """Scored pairs in small types: comparison levels as int8, per-comparison weights as float32."""
    for col in pairs.columns:
        if col.startswith("gamma_"):
            pairs[col] = pairs[col].astype("int8")
        elif col.startswith("mw_"):
            pairs[col] = pairs[col].astype("float32")
    return pairs


def _keep(col: str) -> bool:
    return col in ("unique_id_l", "unique_id_r", "source_dataset_l", "source_dataset_r", "match_weight",
                   "match_probability") or col.startswith(("gamma_", "mw_"))
