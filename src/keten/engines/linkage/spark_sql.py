"""The model's SQL, written for DuckDB, rewritten for Spark SQL.

Comparison levels, blocking rules and blocking keys are written once, in DuckDB's SQL, and a
trained model keeps them so: a model trained on one backend scores on the other. sqlglot
translates the grammar (quoted identifiers, casts, ``strpos``, ``string_split``); the DuckDB
functions that it leaves as they are, or maps to what Spark lacks, are spelled out here, each
with the same result on every value the model compares:

========================== =========================================================
DuckDB                     Spark
========================== =========================================================
list_has_all(a, b)         size(array_except(b, a)) = 0
list_has_any(a, b)         arrays_overlap(a, b)
list[i] (1-based, -1 last) try_element_at(list, i) (the same, NULL when out of range)
hamming(a, b)              the count of positions whose characters differ
jaro_winkler_similarity    jaro_winkler (Splink's Scala UDF, registered by SparkAPI)
damerau_levenshtein        damerau_levenshtein (Splink's Scala UDF)
========================== =========================================================

See docs/adr/0045-linkage-on-spark.md.
"""

from __future__ import annotations

import copy
from functools import lru_cache

import sqlglot
from sqlglot import exp
from sqlglot.dialects.duckdb import DuckDB
from sqlglot.dialects.spark import Spark


class _DuckDBAsWritten(DuckDB):
    # keep list indexes as written (1-based, negative from the end): try_element_at counts the same way
    INDEX_OFFSET = 0


def _call(name: str):
    """Generate a two-argument sqlglot node as the Spark function ``name``."""
    return lambda self, e: f"{name}({self.sql(e, 'this')}, {self.sql(e, 'expression')})"


def _hamming(a: str, b: str) -> str:
    return f"size(filter(sequence(1, length({a})), i -> substr({a}, i, 1) <> substr({b}, i, 1)))"


class _SparkForTheModel(Spark):
    class Generator(Spark.Generator):
        TRANSFORMS = {
            **Spark.Generator.TRANSFORMS,
            # sqlglot writes these as `a && b` and JAROWINKLER_SIMILARITY, which Spark does not know
            exp.ArrayOverlaps: _call("arrays_overlap"),
            exp.JarowinklerSimilarity: _call("jaro_winkler"),
            exp.Bracket: lambda self, e: f"try_element_at({self.sql(e, 'this')}, {self.sql(e.expressions[0])})",
        }

        def anonymous_sql(self, expression: exp.Anonymous) -> str:
            name = expression.name.lower()
            args = [self.sql(arg) for arg in expression.expressions]
            if name == "list_has_all":
                return f"(size(array_except({args[1]}, {args[0]})) = 0)"
            if name == "hamming":
                return _hamming(*args)
            return super().anonymous_sql(expression)


@lru_cache(maxsize=512)
def to_spark(sql: str) -> str:
    """One SQL expression or condition of the model (DuckDB) as Spark SQL."""
    if sql.strip().upper() == "ELSE":
        return sql
    tree = sqlglot.parse_one(sql, read=_DuckDBAsWritten)
    return tree.sql(dialect=_SparkForTheModel)


def _rule_sql(rule) -> str:
    return rule if isinstance(rule, str) else rule["blocking_rule"]


def settings_to_spark(settings: dict) -> dict:
    """A copy of Splink settings (or a trained model) with every piece of SQL in Spark's dialect."""
    out = copy.deepcopy(settings)
    for comparison in out["comparisons"]:
        for level in comparison["comparison_levels"]:
            level["sql_condition"] = to_spark(level["sql_condition"])
    out["blocking_rules_to_generate_predictions"] = [
        to_spark(_rule_sql(rule)) for rule in out.get("blocking_rules_to_generate_predictions", [])
    ]
    out["sql_dialect"] = "spark"
    return out


def restore_written_sql(trained: dict, written: dict) -> dict:
    """The model trained on Spark with the SQL put back as written (DuckDB), as DuckDB saves it.

    Splink keeps the comparisons and their levels in the order given, so level i of comparison j
    is the one that was written there.
    """
    out = copy.deepcopy(trained)
    for comparison, original in zip(out["comparisons"], written["comparisons"], strict=True):
        for level, level_written in zip(comparison["comparison_levels"], original["comparison_levels"], strict=True):
            level["sql_condition"] = level_written["sql_condition"]
    out["blocking_rules_to_generate_predictions"] = [
        {"blocking_rule": _rule_sql(rule), "sql_dialect": "duckdb"}
        for rule in written.get("blocking_rules_to_generate_predictions", [])
    ]
    out["sql_dialect"] = "duckdb"
    return out
