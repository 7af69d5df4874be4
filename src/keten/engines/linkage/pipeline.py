"""The linkage runs behind the facade: dedupe one table, link two tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .cluster import Clusters, cluster
from .model import Engine, Session, TrainingOptions, train
from .prepare import prepare_records
from .schema import to_schema

if TYPE_CHECKING:
    from .spark import SparkEngine

Progress = Callable[[str, float | None], None]


@dataclass
class LinkageResult:
    """Plain results: per-record clusters, scored pairs (with their explanation), the model."""

    clusters: pd.DataFrame  # id, cluster_id, match_probability (best link in its cluster; NaN alone)
    pairs: pd.DataFrame  # id_l, id_r, match_probability, match_weight, gamma_*, bf_*
    model: dict  # Splink settings with trained parameters (JSON-serialisable)
    records: pd.DataFrame = field(repr=False)  # the normalised comparison columns, by unique_id


def _prepare(frame: pd.DataFrame, *, id_column: str, mapping, ignore, lenient_dates: bool, what: str):
    schema = to_schema(frame, id_column=id_column, mapping=mapping, ignore=ignore, what=what)
    return prepare_records(schema, lenient_dates=lenient_dates, what=what)


def validate(frame: pd.DataFrame, *, id_column: str, mapping: Mapping[str, str] | None = None,
             ignore: Iterable[str] = (), lenient_dates: bool = False, what: str = "the input") -> pd.DataFrame:
    """Check and normalise ``frame``; raises LinkageInputError before any linkage work."""
    return _prepare(frame, id_column=id_column, mapping=mapping, ignore=ignore, lenient_dates=lenient_dates,
                    what=what)


def reestimate_prior(pairs: pd.DataFrame, model: dict, total_pairs: float, iterations: int = 20) -> float:
    """The prior that agrees with the scores: expected matches among scored pairs / all pairs.

    The deterministic-rule estimate of the prior only guesses the rules' recall; with m and u
    fixed, this is the EM update of the prior alone, iterated to its fixed point. Pairs never
    scored (not blocked, or below the floor) count as non-matches, so it errs low, not high.
    """
    prior = model["probability_two_random_records_match"]
    if not len(pairs) or total_pairs <= 0:
        return prior
    evidence = pairs["match_weight"].to_numpy() - log_odds(prior)

    def expected_matches(lam: float) -> float:
        return float((1.0 / (1.0 + np.exp2(-(evidence + log_odds(lam))))).sum())

    return prior_fixed_point(prior, expected_matches, total_pairs, iterations)


def prior_fixed_point(prior: float, expected_matches: Callable[[float], float], total_pairs: float,
                      iterations: int = 20) -> float:
    """Iterate prior = expected matches (the scores' sum under that prior) / all pairs to its fixed point.

    ``expected_matches`` sums the pairs' match probabilities with the prior shifted to the one
    given: in numpy here, in Spark for pairs kept there (``spark_cluster``).
    """
    lam = prior
    for _ in range(iterations):
        new = min(max(expected_matches(lam) / total_pairs, 1e-12), 0.5)
        if abs(new - lam) < 1e-4 * lam:
            return new
        lam = new
    return lam


def log_odds(probability: float) -> float:
    """A probability as log2 odds, the scale of match weights."""
    return float(np.log2(probability / (1 - probability)))


def weight_shift(old: float, new: float) -> float:
    """What changing the prior from ``old`` to ``new`` adds to every match weight."""
    return log_odds(new) - log_odds(old)


def _apply_prior(pairs: pd.DataFrame, old: float, new: float) -> pd.DataFrame:
    weight = pairs["match_weight"].to_numpy() + weight_shift(old, new)
    return pairs.assign(match_weight=weight, match_probability=1.0 / (1.0 + np.exp2(-weight)))


def adopt_prior(session: Session, new: float) -> None:
    """Score with the re-estimated prior from now on, and remember the shift for later pairs."""
    old = session.model["probability_two_random_records_match"]
    session.prior_shift = (old, new)
    session.model = dict(session.model, probability_two_random_records_match=new)


def _missing_pairs(n: int, left: np.ndarray, right: np.ndarray, prob: np.ndarray, threshold: float,
                   max_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs inside components (at ``threshold``) of 3..max_size nodes that were not scored."""
    from .cluster import _components

    strong = prob >= threshold
    comp = _components(n, left[strong], right[strong])
    sizes = np.bincount(comp)
    out_l, out_r = [], []
    for size in range(3, max_size + 1):
        comps = np.flatnonzero(sizes == size)
        if len(comps) == 0:
            continue
        members = np.flatnonzero(np.isin(comp, comps))
        members = members[np.argsort(comp[members], kind="stable")].reshape(len(comps), size)
        iu, ju = np.triu_indices(size, 1)
        out_l.append(members[:, iu].ravel())
        out_r.append(members[:, ju].ravel())
    if not out_l:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    cand_l, cand_r = np.concatenate(out_l), np.concatenate(out_r)
    lo, hi = np.minimum(cand_l, cand_r), np.maximum(cand_l, cand_r)
    known = np.minimum(left, right) * n + np.maximum(left, right)
    new = ~np.isin(lo * n + hi, known)
    return lo[new], hi[new]


def dedupe(
    frame: pd.DataFrame | None,
    *,
    id_column: str = "id",
    mapping: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    threshold: float = 0.5,
    cohesion: float = 0.3,
    floor: float = 0.01,
    lenient_dates: bool = False,
    model: dict | None = None,
    training: TrainingOptions | None = None,
    engine: Engine | SparkEngine | None = None,
    complete_components: int = 60,
    records: pd.DataFrame | None = None,
    progress: Progress | None = None,
) -> LinkageResult:
    """Find the records of one table that belong to the same person.

    Pairs are scored by a model trained on the table itself (or ``model``); clusters are formed
    by average linkage (groups merge at mean probability ``cohesion``) inside the components of
    pairs at ``threshold``, after scoring every pair inside components of up to
    ``complete_components`` records (see ``cluster``). ``records`` (from
    ``validate``) skips reading ``frame`` again.

    ``engine`` says where the pairs are scored: DuckDB here (``Engine``, the default) or Spark
    (``spark.SparkEngine``); the same call and model give the same pairs and clusters on both.
    On Spark the pairs above ``floor`` are collected to this process and clustered here, unless
    the engine has ``cluster_in_spark``: then they are completed and clustered in Spark, one
    component at a time, and only the clusters (one row per record) and the pairs at or above
    ``threshold`` come back; ``pairs`` then holds only those.
    """
    say = progress or (lambda step, fraction: None)
    say("normalising", 0.0)
    if records is None:
        records = _prepare(frame, id_column=id_column, mapping=mapping, ignore=ignore,
                           lenient_dates=lenient_dates, what="the input")
    engine = engine or Engine()
    try:
        db_api = engine.db_api()
        columns = engine.load_records(records, "records")
        session = train(["records"], link_type="dedupe_only", engine=engine, db_api=db_api, columns=columns,
                        training=training, model=model, progress=say)
        if getattr(engine, "cluster_in_spark", False):
            from .spark_cluster import dedupe_in_spark

            return dedupe_in_spark(records, session, db_api, floor=floor, threshold=threshold, cohesion=cohesion,
                                   complete=complete_components, reestimate=model is None, say=say)
        say("scoring pairs", 0.6)
        pairs = session.predict(floor)
        if model is None:
            n = len(records)
            new = reestimate_prior(pairs, session.model, n * (n - 1) / 2)
            pairs = _apply_prior(pairs, session.model["probability_two_random_records_match"], new)
            adopt_prior(session, new)
        return _cluster_result(records, pairs, session, threshold=threshold, cohesion=cohesion,
                               complete=complete_components, say=say)
    finally:
        engine.release()


def _cluster_result(records: pd.DataFrame, pairs: pd.DataFrame, session: Session, *, threshold: float,
                    cohesion: float, complete: int, say: Progress) -> LinkageResult:
    ids = records["unique_id"].to_numpy()
    position = pd.Series(np.arange(len(ids)), index=ids)
    left = position.reindex(pairs["unique_id_l"]).to_numpy()
    right = position.reindex(pairs["unique_id_r"]).to_numpy()
    prob = pairs["match_probability"].to_numpy()
    if complete >= 3 and len(pairs):
        say("scoring pairs inside candidate clusters", 0.8)
        extra_l, extra_r = _missing_pairs(len(ids), left, right, prob, threshold, complete)
        if len(extra_l):
            extra = session.score(ids[extra_l], ids[extra_r])
            if session.prior_shift:
                extra = _apply_prior(extra, *session.prior_shift)
            pairs = pd.concat([pairs, extra], ignore_index=True)
            left = position.reindex(pairs["unique_id_l"]).to_numpy()
            right = position.reindex(pairs["unique_id_r"]).to_numpy()
            prob = pairs["match_probability"].to_numpy()
    say("clustering", 0.9)
    result = cluster(len(ids), left, right, prob, threshold=threshold, cohesion=cohesion)
    say("done", 1.0)
    return LinkageResult(clusters=clusters_frame(ids, result), pairs=pairs_frame(pairs), model=session.model,
                         records=records)


def clusters_frame(ids: np.ndarray, result: Clusters) -> pd.DataFrame:
    """One row per record: its cluster (numbered by first record in the input) and best link there."""
    return pd.DataFrame({
        "id": ids,
        "cluster_id": [f"C{label:07d}" for label in result.labels],
        "match_probability": result.best,
    })


def pairs_frame(pairs: pd.DataFrame) -> pd.DataFrame:
    """Scored pairs as the result gives them: ``id_l``, ``id_r``, the most likely first."""
    pairs = pairs.rename(columns={"unique_id_l": "id_l", "unique_id_r": "id_r"})
    return pairs.sort_values("match_probability", ascending=False, kind="stable").reset_index(drop=True)


def link(
    left: pd.DataFrame | None,
    right: pd.DataFrame | None,
    *,
    id_column: str = "id",
    mapping: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    threshold: float = 0.5,
    one_to_one: bool = False,
    lenient_dates: bool = False,
    model: dict | None = None,
    training: TrainingOptions | None = None,
    engine: Engine | SparkEngine | None = None,
    records: tuple[pd.DataFrame, pd.DataFrame] | None = None,
    progress: Progress | None = None,
) -> LinkageResult:
    """Pairs of records, one from each table, that belong to the same person.

    With ``one_to_one`` each record is linked at most once (best pairs first): right when
    neither table holds duplicates, as when two registers are each already deduplicated.
    """
    say = progress or (lambda step, fraction: None)
    say("normalising", 0.0)
    if records is not None:
        a, b = records
    else:
        a = _prepare(left, id_column=id_column, mapping=mapping, ignore=ignore, lenient_dates=lenient_dates,
                     what="the first file")
        b = _prepare(right, id_column=id_column, mapping=mapping, ignore=ignore, lenient_dates=lenient_dates,
                     what="the second file")
    shared = [c for c in a.columns if c in b.columns]
    a, b = a[shared], b[shared]
    engine = engine or Engine()
    try:
        db_api = engine.db_api()
        columns = engine.load_records(a, "records_a")
        engine.load_records(b, "records_b")
        session = train(["records_a", "records_b"], link_type="link_only", engine=engine, db_api=db_api,
                        columns=columns, training=training, model=model, progress=say)
        say("scoring pairs", 0.6)
        pairs = session.predict(min(threshold, 0.5))
        pairs = pairs[pairs["match_probability"] >= threshold]
        if "source_dataset_l" in pairs and len(pairs):
            swap = pairs["source_dataset_l"].to_numpy() > pairs["source_dataset_r"].to_numpy()
            if swap.any():
                l_ids = pairs["unique_id_l"].where(~swap, pairs["unique_id_r"])
                r_ids = pairs["unique_id_r"].where(~swap, pairs["unique_id_l"])
                pairs = pairs.assign(unique_id_l=l_ids, unique_id_r=r_ids)
        pairs = pairs.sort_values("match_probability", ascending=False, kind="stable")
        if one_to_one:
            pairs = _one_to_one(pairs)
        pairs = pairs.rename(columns={"unique_id_l": "id_l", "unique_id_r": "id_r"}).drop(
            columns=[c for c in ("source_dataset_l", "source_dataset_r") if c in pairs.columns]
        ).reset_index(drop=True)
        clusters = pd.DataFrame(columns=["id", "cluster_id", "match_probability"])
        say("done", 1.0)
        return LinkageResult(clusters=clusters, pairs=pairs, model=session.model, records=pd.concat([a, b]))
    finally:
        engine.release()


def _one_to_one(pairs: pd.DataFrame) -> pd.DataFrame:
    """Greedy best-first matching: keep a pair only if neither record is already taken."""
    used_l: set = set()
    used_r: set = set()
    keep = []
    for i, (x, y) in enumerate(zip(pairs["unique_id_l"].to_numpy(), pairs["unique_id_r"].to_numpy())):
        if x in used_l or y in used_r:
            continue
        used_l.add(x)
        used_r.add(y)
        keep.append(i)
    return pairs.iloc[keep]
