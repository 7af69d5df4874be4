"""Independent restatements of the rules (written from domain.md, not from the rule-set files) and
helpers to build answer sets."""

from __future__ import annotations

from keten.engines import screening

ILO_FRAMEWORKS = ["ilo_adult_labour", "ilo_adult_sexual", "ilo_child_labour", "ilo_child_sexual"]
NL_FRAMEWORKS = ["nl_labour_exploitation", "nl_sexual_exploitation", "nl_criminal_exploitation"]
ALL_FRAMEWORKS = ILO_FRAMEWORKS + NL_FRAMEWORKS
ILO_DIMS = ("DR", "CR", "VR", "EX", "CD", "VD")


def ilo_dimension_positive(strong: int, medium: int, weak: int) -> bool:
    """domain.md §1.2 step 1, conditions a-d."""
    a = strong >= 2
    b = strong >= 1 and medium + weak >= 1
    c = medium >= 3
    d = medium >= 2 and weak >= 1
    return a or b or c or d


def ilo_adult_victim(pos: dict[str, bool]) -> bool:
    return (pos["DR"] or pos["CR"] or pos["VR"]) and pos["EX"] and (pos["CD"] or pos["VD"])


def ilo_child_act_ex_victim(pos: dict[str, bool], recruitment_present: int) -> bool:
    return pos["EX"] and recruitment_present >= 1


def ilo_child_recruitment_ex_victim(pos: dict[str, bool]) -> bool:
    return (pos["DR"] or pos["CR"] or pos["VR"]) and pos["EX"]


def nl_theme_positive(strong: int, medium: int) -> bool:
    """Keten's own rule (ADR 0034): one strong signal, or two signals, in a theme."""
    return strong >= 1 or strong + medium >= 2


def nl_victim(pos: dict[str, bool], total_present: int) -> bool:
    return any(pos.values()) or total_present >= 3


def by_strength(framework_id: str, dimension: str) -> dict[str, list[str]]:
    fw = screening.load_framework(framework_id)
    out: dict[str, list[str]] = {"strong": [], "medium": [], "weak": []}
    for ind in fw.indicators:
        if ind.dimension == dimension:
            out[ind.strength].append(ind.id)
    return out


def realise(framework_id: str, dimension: str, s: int, m: int, w: int) -> list[str] | None:
    """Ids giving exactly these counts in one dimension, or None when the set is too small."""
    pool = by_strength(framework_id, dimension)
    if s > len(pool["strong"]) or m > len(pool["medium"]) or w > len(pool["weak"]):
        return None
    return pool["strong"][:s] + pool["medium"][:m] + pool["weak"][:w]


def make_positive(framework_id: str, dimension: str) -> list[str]:
    """The smallest answer set that makes one ILO dimension positive."""
    for counts in ((2, 0, 0), (1, 1, 0), (1, 0, 1), (0, 3, 0), (0, 2, 1)):
        ids = realise(framework_id, dimension, *counts)
        if ids is not None:
            return ids
    raise AssertionError(f"{framework_id} {dimension} cannot be made positive")
