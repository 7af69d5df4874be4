"""Warnings in plain words: when not to trust a number.

Each function returns sentences a policy reader can act on. They are kept apart from the
statistics so the wording can be reviewed (and translated) in one place: every warning is an
``Advice``, plain English text that also carries a ``code`` and the ``params`` it was written
from, so a page can say it in the reader's language and name the lists as the reader knows them.
"""

from __future__ import annotations

import numpy as np

from ._table import CaptureTable


class Advice(str):
    """A warning: English text (it is a ``str``), with what it says as ``code`` and ``params``.

    Lists are named by their codes in ``params`` (``lists``, ``pairs``, ``terms``), never by labels.
    """

    code: str
    params: dict

    def __new__(cls, text: str, code: str = "", **params):
        advice = super().__new__(cls, text)
        advice.code, advice.params = code, params
        return advice

FEW_PEOPLE = 50
FEW_OVERLAPS = 10
LARGE_RATIO = 10.0
WIDE_RATIO = 4.0


def table_warnings(table: CaptureTable) -> list[str]:
    out: list[str] = []
    names = table.lists
    pairs = table.nonoverlapping_pairs()
    if pairs:
        shown = ", ".join(f"{names[i]} and {names[j]}" for i, j in pairs[:6])
        more = f" (and {len(pairs) - 6} more pairs)" if len(pairs) > 6 else ""
        out.append(Advice(
            f"Some lists never share a person: {shown}{more}. The estimate cannot tell whether such "
            "lists avoid each other or just happen not to overlap, so it leans on the model's assumptions there.",
            "lists_never_share", pairs=[(names[i], names[j]) for i, j in pairs[:6]], more=max(0, len(pairs) - 6),
        ))
    for j in range(table.k):
        others = [i for i in range(table.k) if i != j]
        if all(table.overlap(min(i, j), max(i, j)) == 0 for i in others) and table.list_totals()[j] > 0:
            out.append(Advice(
                f"Nobody on list {names[j]} is on any other list. Its people are counted, but it says "
                "nothing about how many people all lists miss.",
                "list_alone", lists=[names[j]],
            ))
    if table.observed < FEW_PEOPLE:
        out.append(Advice(
            f"Only {table.observed} people were seen in total. With so few, any estimate of the hidden "
            "number is very uncertain.",
            "few_people", n=int(table.observed),
        ))
    several = int(table.counts[table.patterns.sum(axis=1) >= 2].sum())
    if several < FEW_OVERLAPS:
        out.append(Advice(
            f"Only {several} people appear on more than one list. The estimate rests on these few "
            "overlaps; one person more or less can move it a lot.",
            "few_overlaps", n=several,
        ))
    return out


def empty_list_warning(names: list[str]) -> str:
    return Advice(
        f"List(s) {', '.join(names)} contain nobody here and were left out; the estimate uses the other lists.",
        "empty_lists", lists=list(names),
    )


def no_estimate_warning(exists: bool, identifiable: bool) -> str:
    if not exists:
        return Advice(
            "The chosen model has no finite estimate for this table: the pattern of empty cells lets the "
            "hidden number run off to zero or infinity. No number is given.",
            "no_finite_estimate",
        )
    return Advice(
        "The chosen model is not identifiable from this table: different hidden numbers fit the data "
        "equally well. No number is given.",
        "not_identifiable",
    )


def size_warnings(observed: int, hidden: float | None) -> list[str]:
    if hidden is None or not np.isfinite(hidden):
        return []
    if hidden > LARGE_RATIO * observed:
        return [Advice(
            f"The estimate says more than {LARGE_RATIO:.0f} times as many people are missed as are seen. "
            "Estimates this far beyond the data are fragile; check whether the lists reach the same population.",
            "far_beyond_data", ratio=LARGE_RATIO,
        )]
    return []


def interval_warnings(low: float | None, high: float | None, failed: int, replicates: int, z0: float,
                      acceleration: float, level: float) -> list[str]:
    out: list[str] = []
    if failed:
        out.append(Advice(
            f"{failed} of {replicates} bootstrap replicates gave no finite estimate and were left out of the interval.",
            "failed_replicates", failed=failed, replicates=replicates,
        ))
    if low is None or high is None:
        out.append(Advice("No interval could be computed.", "no_interval"))
        return out
    if not np.isfinite(z0) or abs(z0) > 1.5:
        out.append(Advice(
            "The bootstrap values lie mostly on one side of the estimate, so the interval is at the edge "
            "of what the bootstrap can tell; read its ends as rough.",
            "one_sided_bootstrap",
        ))
    if low > 0 and high / low > WIDE_RATIO:
        out.append(Advice(
            f"The {level:.0%} interval is very wide (its upper end is more than {WIDE_RATIO:.0f} times its lower "
            "end): the data cannot pin the number down.",
            "wide_interval", level=level, ratio=WIDE_RATIO,
        ))
    return out


def convergence_warnings(rhat: float, ess: float) -> list[str]:
    out = []
    if not np.isfinite(rhat) or rhat > 1.1:
        out.append(Advice(
            f"The sampler's chains disagree (R-hat {rhat:.2f}); the posterior has not settled. Run more "
            "sweeps (a longer burn-in and more thinning) before using this number.",
            "chains_disagree", rhat=rhat,
        ))
    if ess < 200:
        out.append(Advice(
            f"Only about {ess:.0f} effectively independent draws; the interval ends are imprecise. Run more sweeps.",
            "few_draws", ess=ess,
        ))
    return out


def chapman_warnings(overlap: int) -> list[str]:
    if overlap < 7:
        return [Advice(
            f"Only {overlap} people are on both lists. Chapman's estimate is unreliable with fewer than 7.",
            "few_on_both", n=overlap,
        )]
    return []


def selection_warnings(model_terms: list[str], sparse_terms: list[str]) -> list[str]:
    if not sparse_terms:
        return []
    return [Advice(
        f"The model includes {', '.join(sparse_terms)}, lists that share nobody; the estimate treats them "
        "as never overlapping, which the data cannot confirm.",
        "sparse_terms", terms=[term.split(":") for term in sparse_terms],
    )]
