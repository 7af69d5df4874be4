"""Why two records were (or were not) linked: a waterfall of match weights, as data.

The prior (how likely any two records are the same person) is the first step; each comparison
then adds the weight of the level it reached, log2(m/u), and, where the level is adjusted for how
common the value is, a term-frequency step (a shared common name counts less than a rare one).
The last cumulative probability is the pair's match probability.
"""

from __future__ import annotations

import math

import pandas as pd


def _probability(weight: float) -> float:
    odds = 2.0 ** weight
    return odds / (1.0 + odds)


def waterfall(pair: pd.Series | dict, model: dict) -> pd.DataFrame:
    """One row per step for a scored pair (a row of ``LinkageResult.pairs``)."""
    pair = dict(pair)
    prior = model["probability_two_random_records_match"]
    weight = math.log2(prior / (1 - prior))
    rows = [{"field": "prior", "level": "any two records", "bayes_factor": prior / (1 - prior),
             "match_weight": weight, "cumulative_weight": weight, "cumulative_probability": _probability(weight)}]
    for comparison in model["comparisons"]:
        name = comparison["output_column_name"]
        gamma = pair.get(f"gamma_{name}")
        if gamma is None:
            continue
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        label = "missing" if gamma < 0 else levels[len(levels) - 1 - int(gamma)]["label_for_charts"]
        step = float(pair.get(f"mw_{name}", 0.0))
        weight += step
        rows.append({"field": name, "level": label, "bayes_factor": 2.0 ** step, "match_weight": step,
                     "cumulative_weight": weight, "cumulative_probability": _probability(weight)})
        tf = pair.get(f"mw_tf_adj_{name}")
        if tf is not None and not pd.isna(tf) and float(tf) != 0.0:
            step = float(tf)
            weight += step
            rows.append({"field": name, "level": f"{label}: adjusted for how common the value is",
                         "bayes_factor": 2.0 ** step, "match_weight": step, "cumulative_weight": weight,
                         "cumulative_probability": _probability(weight)})
    return pd.DataFrame(rows)
