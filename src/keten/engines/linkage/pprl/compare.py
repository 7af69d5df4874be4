"""The linkage unit's side: read encodings, compare them by Dice similarity, cluster.

Only encodings cross organisation lines. The same Fellegi–Sunter machinery as clear-text linkage
runs on them: blocking on keyed blocking keys, comparison levels on the Dice similarity of each
field's Bloom filters (computed in DuckDB with bit operations), u from random pairs, m by EM,
then the same average-linkage clustering. The result names, per source and record id, a cluster
id, and nothing else about the records.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..schema import LinkageInputError
from .encode import BLOCK_KEYS, FORMAT, Encodings

Progress = Callable[[str, float | None], None]

# Dice thresholds per field: the levels of each comparison, strongest first.
LEVELS: dict[str, tuple[float, ...]] = {
    "name": (0.999, 0.85, 0.72, 0.6),
    "date_of_birth": (0.7,),
    "phone": (0.999, 0.85),
    "email": (0.999,),
    "document_number": (0.999, 0.8),
    "sex": (0.999,),
    "nationality": (0.999,),
    "location": (0.95, 0.6, 0.3),
}


def dice(a, b) -> float:
    """Dice similarity of two Bloom filters (bytes or 0/1 arrays): 2|A∩B| / (|A|+|B|)."""
    a = np.frombuffer(a, dtype=np.uint8) if isinstance(a, (bytes, bytearray)) else np.packbits(np.asarray(a, bool))
    b = np.frombuffer(b, dtype=np.uint8) if isinstance(b, (bytes, bytearray)) else np.packbits(np.asarray(b, bool))
    if a.shape != b.shape:
        raise ValueError("filters of different lengths")
    total = int(np.bitwise_count(a).sum() + np.bitwise_count(b).sum())
    return 1.0 if total == 0 else 2.0 * int(np.bitwise_count(a & b).sum()) / total


def read_encodings(path: str | Path) -> Encodings:
    path = Path(path)
    if not path.is_file():
        raise LinkageInputError(f"{path}: no such file")
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
        try:
            header = json.loads(first)["header"]
        except (ValueError, KeyError, TypeError):
            raise LinkageInputError(f"{path}: not an encodings file (made by `keten link encode`)") from None
        if header.get("format") != FORMAT:
            raise LinkageInputError(f"{path}: not an encodings file (made by `keten link encode`)")
        rows: dict[str, list] = {"id": []}
        fields = list(header["fields"])
        for f in fields:
            rows[f"f_{f}"] = []
        for k in BLOCK_KEYS:
            rows[f"k_{k}"] = []
        for number, line in enumerate(handle, start=2):
            try:
                record = json.loads(line)
                rows["id"].append(str(record["id"]))
                for f in fields:
                    value = record["f"].get(f)
                    rows[f"f_{f}"].append(None if value is None else base64.b64decode(value))
                for k in BLOCK_KEYS:
                    rows[f"k_{k}"].append(record["k"].get(k))
            except (ValueError, KeyError, TypeError):
                raise LinkageInputError(f"{path}, line {number}: not a valid encoded record") from None
    if not rows["id"]:
        raise LinkageInputError(f"{path}: no encoded records")
    return Encodings(header=header, records=pd.DataFrame(rows))


def _check(encodings: Sequence[Encodings]) -> list[str]:
    if not encodings:
        raise LinkageInputError("no encodings to link")
    checks = {e.header["key_check"] for e in encodings}
    if len(checks) > 1:
        raise LinkageInputError("the encodings were made with different keys: every partner must use the same key file")
    specs = [e.header["fields"] for e in encodings]
    shared = [f for f in specs[0] if all(f in s and s[f] == specs[0][f] for s in specs)]
    if not shared:
        raise LinkageInputError("the encodings have no field in common")
    return shared


def _comparison(field: str) -> dict:
    dice_sql = (f'2.0 * bit_count("{field}_l" & "{field}_r") / '
                f'(bit_count("{field}_l") + bit_count("{field}_r"))')
    levels = [{"sql_condition": f'"{field}_l" IS NULL OR "{field}_r" IS NULL', "label_for_charts": "missing",
               "is_null_level": True}]
    for i, threshold in enumerate(LEVELS[field]):
        if threshold > 0.99:  # identical filters: written as equality so it can be frequency-adjusted
            level = {"sql_condition": f'"{field}_l" = "{field}_r"', "label_for_charts": "identical encoding"}
        else:
            level = {"sql_condition": f"{dice_sql} >= {threshold}", "label_for_charts": f"Dice >= {threshold}"}
        if i == 0 and field in ("phone", "address"):
            level["tf_adjustment_column"] = field
            level["tf_adjustment_weight"] = 1.0
        levels.append(level)
    levels.append({"sql_condition": "ELSE", "label_for_charts": "different"})
    return {"output_column_name": field, "comparison_levels": levels}


def _dice(field: str) -> str:
    return (f'2.0 * bit_count("{field}_l" & "{field}_r") / '
            f'(bit_count("{field}_l") + bit_count("{field}_r"))')


def _name_comparison(fields: list[str]) -> dict:
    levels = [{"sql_condition": '"name_l" IS NULL OR "name_r" IS NULL', "label_for_charts": "missing",
               "is_null_level": True},
              {"sql_condition": '"name_l" = "name_r"', "label_for_charts": "identical encoding",
               "tf_adjustment_column": "name", "tf_adjustment_weight": 1.0}]
    if "name_skeleton" in fields:
        levels.append({"sql_condition": '"name_skeleton_l" = "name_skeleton_r"',
                       "label_for_charts": "same skeleton (other romanisation)"})
    for threshold in LEVELS["name"][1:]:
        levels.append({"sql_condition": f"{_dice('name')} >= {threshold}", "label_for_charts": f"Dice >= {threshold}"})
    levels.append({"sql_condition": '"k_name_first_l" = "k_name_first_r"', "label_for_charts": "main name part agrees"})
    levels.append({"sql_condition": "ELSE", "label_for_charts": "different"})
    return {"output_column_name": "name", "comparison_levels": levels}


def _dob_comparison(fields: list[str]) -> dict:
    """Dates by their keyed parts (equality only) and the digit filter (one wrong digit)."""
    def eq(key):
        return f'"k_{key}_l" = "k_{key}_r"'

    def either_null(key):
        return f'("k_{key}_l" IS NULL OR "k_{key}_r" IS NULL)'

    levels = [
        {"sql_condition": '"k_dob_y_l" IS NULL OR "k_dob_y_r" IS NULL', "label_for_charts": "missing",
         "is_null_level": True},
        {"sql_condition": eq("dob"), "label_for_charts": "same date"},
        {"sql_condition": eq("dob_md"), "label_for_charts": "day and month swapped"},
        {"sql_condition": f"{eq('dob_ym')} AND {either_null('dob')}", "label_for_charts": "same year and month"},
    ]
    levels.append({"sql_condition": "list_has_any(string_split(\"k_dob_masks_l\", ' '), "
                                    "string_split(\"k_dob_masks_r\", ' '))", "label_for_charts": "one digit differs"})
    levels += [
        {"sql_condition": f"{eq('dob_y')} AND {either_null('dob_ym')}", "label_for_charts": "same year, rest unknown"},
        {"sql_condition": eq("dob_y"), "label_for_charts": "same year, other day"},
    ]
    if "date_of_birth" in fields:
        levels.append({"sql_condition": f"{_dice('date_of_birth')} >= 0.7", "label_for_charts": "similar digits"})
    levels += [
        {"sql_condition": "ELSE", "label_for_charts": "different"},
    ]
    return {"output_column_name": "date_of_birth", "comparison_levels": levels}


def link_encodings(
    encodings: Sequence[Encodings],
    *,
    threshold: float = 0.5,
    cohesion: float = 0.3,
    floor: float = 0.01,
    engine=None,
    training=None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Cluster the encoded records of all partners; one row per record: source, id, cluster_id,
    match_probability (the best link inside its cluster)."""
    from ..model import Engine, TrainingOptions, train
    from ..pipeline import _apply_prior, _cluster_result, adopt_prior, reestimate_prior

    say = progress or (lambda step, fraction: None)
    fields = _check(encodings)
    say("loading encodings", 0.0)
    frames = []
    for number, enc in enumerate(encodings):
        frame = enc.records.copy()
        frame.insert(0, "unique_id", [f"{number}:{i}" for i in frame["id"]])
        for col in [f"f_{f}" for f in fields] + [f"k_{k}" for k in BLOCK_KEYS]:
            if col not in frame:
                frame[col] = None
        frames.append(frame[["unique_id"] + [f"f_{f}" for f in fields] + [f"k_{k}" for k in BLOCK_KEYS]])
    combined = pd.concat(frames, ignore_index=True)
    if combined["unique_id"].duplicated().any():
        raise LinkageInputError("an encodings file repeats record ids")
    engine = engine or Engine()
    try:
        db_api = engine.db_api()
        con = engine.connection
        con.register("encoded_raw", combined)
        casts = ", ".join(f'CAST("f_{f}" AS BIT) AS "{f}"' for f in fields)
        keys = ", ".join(f'"k_{k}"' for k in BLOCK_KEYS)
        con.execute(f"CREATE TABLE encoded AS SELECT unique_id, {casts}, {keys} FROM encoded_raw")
        con.unregister("encoded_raw")
        columns = {"unique_id", *fields, *(f"k_{k}" for k in BLOCK_KEYS)}
        blocking = [f'l."k_{k}" = r."k_{k}"' for k in
                    ("phone", "document_number", "email", "name_year", "skel_year", "skel_daymonth", "skel_postcode",
                     "dob_initial", "first_year",
                     "last_year", "rare_name", "rare_skel", "dob_nationality")]
        training = training or TrainingOptions()
        training.extra = {
            "deterministic_rules": ['l."k_name_dob" = r."k_name_dob"'],
            "training_rules": [['l."k_dob" = r."k_dob"'],
                               [f'l."k_{k}" = r."k_{k}"' for k in ("phone", "document_number", "email",
                                                                    "skel_postcode", "rare_name")]],
        }
        comparisons = [_name_comparison(fields)] if "name" in fields else []
        comparisons.append(_dob_comparison(fields))
        comparisons += [_comparison(f) for f in fields if f not in ("name", "name_skeleton", "date_of_birth")]
        session = train(["encoded"], link_type="dedupe_only", engine=engine, db_api=db_api, columns=columns,
                        training=training, comparisons=comparisons, blocking=blocking, progress=say)
        say("comparing encodings", 0.6)
        pairs = session.predict(floor)
        ids = con.execute("SELECT unique_id FROM encoded").df()
        n = len(ids)
        new = reestimate_prior(pairs, session.model, n * (n - 1) / 2)
        pairs = _apply_prior(pairs, session.model["probability_two_random_records_match"], new)
        adopt_prior(session, new)
        result = _cluster_result(ids, pairs, session, threshold=threshold, cohesion=cohesion, complete=60, say=say)
    finally:
        engine.release()
    clusters = result.clusters
    source_index = clusters["id"].str.split(":", n=1).str[0].astype(int)
    sources = [e.header.get("source", f"source_{i}") for i, e in enumerate(encodings)]
    return pd.DataFrame({
        "source": [sources[i] for i in source_index],
        "id": clusters["id"].str.split(":", n=1).str[1],
        "cluster_id": clusters["cluster_id"],
        "match_probability": clusters["match_probability"],
    })
