"""Exhaustive checks of the decision rules against independent restatements (domain.md §1.2)."""

from __future__ import annotations

from itertools import product

import pytest

from keten.engines import screening
from keten.engines.screening.rules import ClauseTable

from .helpers import (ILO_DIMS, ILO_FRAMEWORKS, NL_FRAMEWORKS, by_strength, ilo_adult_victim,
                      ilo_child_act_ex_victim, ilo_child_recruitment_ex_victim,
                      ilo_dimension_positive, make_positive, nl_theme_positive, nl_victim, realise)

ILO_RULE_SETS = ["ilo_2009_adult", "ilo_2009_child_act_ex", "ilo_2009_child_recruitment_ex"]


@pytest.mark.parametrize("rule_set_id", ILO_RULE_SETS)
def test_dimension_rule_for_every_count_combination_0_to_4(rule_set_id):
    table = ClauseTable(screening.load_rule_set(rule_set_id).clauses, 4, 4, 4)
    checked = 0
    for s, m, w in product(range(5), repeat=3):
        assert (table.lookup(s, m, w) is not None) == ilo_dimension_positive(s, m, w), (s, m, w)
        checked += 1
    assert checked == 125


@pytest.mark.parametrize(("counts", "positive", "clause"), [
    ((1, 0, 0), False, None),  # one strong indicator alone is not enough
    ((0, 2, 0), False, None),  # two medium alone are not enough
    ((0, 1, 2), False, None),  # one medium and two weak are not enough
    ((0, 0, 4), False, None),  # weak indicators alone never are
    ((2, 0, 0), True, "a"),
    ((1, 1, 0), True, "b"),
    ((1, 0, 1), True, "b"),
    ((0, 3, 0), True, "c"),
    ((0, 2, 1), True, "d"),
    ((3, 3, 3), True, "a"),  # the first clause that holds is named
])
def test_named_consequences_of_the_rule(counts, positive, clause):
    rule_set = screening.load_rule_set("ilo_2009_adult")
    table = ClauseTable(rule_set.clauses, 4, 4, 4)
    assert table.lookup(*counts) == clause
    assert (clause is not None) == positive


@pytest.mark.parametrize("framework_id", ILO_FRAMEWORKS)
def test_every_reachable_count_through_screen(framework_id):
    """Every (strong, medium, weak) in 0..4 that the dimension's indicators can reach, screened
    for real: counts, positivity and the indicator list must match."""
    fw = screening.load_framework(framework_id)
    checked = expected = 0
    for dim in fw.dimensions:
        pool = by_strength(framework_id, dim.id)
        reach = [min(4, len(pool[k])) + 1 for k in ("strong", "medium", "weak")]
        expected += reach[0] * reach[1] * reach[2]
        for s, m, w in product(range(5), repeat=3):
            ids = realise(framework_id, dim.id, s, m, w)
            if ids is None:
                continue
            outcome = screening.screen(framework_id, ids)
            r = outcome.dimensions[dim.id]
            assert (r.strong, r.medium, r.weak) == (s, m, w)
            assert r.positive == ilo_dimension_positive(s, m, w), (dim.id, s, m, w)
            assert set(r.indicators) == set(ids)
            assert outcome.positive_dimensions == ((dim.id,) if r.positive else ())
            checked += 1
    assert checked == expected


def _pattern_answers(framework_id: str, pattern: dict[str, bool]) -> list[str]:
    return [i for d, on in pattern.items() if on for i in make_positive(framework_id, d)]


@pytest.mark.parametrize("framework_id", ["ilo_adult_labour", "ilo_adult_sexual"])
def test_adult_combination_for_all_64_patterns(framework_id):
    for bits in product((False, True), repeat=6):
        pattern = dict(zip(ILO_DIMS, bits))
        outcome = screening.screen(framework_id, _pattern_answers(framework_id, pattern))
        assert {d: outcome.dimensions[d].positive for d in ILO_DIMS} == pattern
        assert outcome.victim == ilo_adult_victim(pattern), pattern


@pytest.mark.parametrize("framework_id", ["ilo_child_labour", "ilo_child_sexual"])
@pytest.mark.parametrize("act", [False, True])
def test_child_rules_for_all_64_patterns(framework_id, act):
    """With ``act`` one extra single recruitment indicator is present in a dimension that stays
    negative (the act without a positive recruitment dimension)."""
    for bits in product((False, True), repeat=6):
        pattern = dict(zip(ILO_DIMS, bits))
        present = _pattern_answers(framework_id, pattern)
        if act:
            free = [d for d in ("DR", "CR", "VR") if not pattern[d]]
            if not free:
                continue
            present.append(by_strength(framework_id, free[0])["medium"][0])
        recruitment_present = sum(i[:2] in ("DR", "CR", "VR") for i in present)
        default = screening.screen(framework_id, present)
        strict = screening.screen(framework_id, present, rule_set="ilo_2009_child_recruitment_ex")
        assert {d: default.dimensions[d].positive for d in ILO_DIMS} == pattern
        assert default.rule_set == "ilo_2009_child_act_ex"
        assert default.victim == ilo_child_act_ex_victim(pattern, recruitment_present), pattern
        assert strict.victim == ilo_child_recruitment_ex_victim(pattern), pattern


@pytest.mark.parametrize("framework_id", NL_FRAMEWORKS)
def test_dutch_theme_rule_for_every_reachable_count(framework_id):
    fw = screening.load_framework(framework_id)
    for dim in fw.dimensions:
        pool = by_strength(framework_id, dim.id)
        assert not pool["weak"], "the Dutch lists have no weak signals"
        for s, m in product(range(5), repeat=2):
            if s > len(pool["strong"]) or m > len(pool["medium"]):
                continue
            ids = pool["strong"][:s] + pool["medium"][:m]
            outcome = screening.screen(framework_id, ids)
            positive = nl_theme_positive(s, m)
            assert outcome.dimensions[dim.id].positive == positive, (dim.id, s, m)
            assert outcome.victim == nl_victim({dim.id: positive}, s + m), (dim.id, s, m)


@pytest.mark.parametrize("framework_id", NL_FRAMEWORKS)
def test_dutch_rule_three_ordinary_signals_in_three_themes(framework_id):
    fw = screening.load_framework(framework_id)
    mediums = []
    for dim in fw.dimensions:
        pool = by_strength(framework_id, dim.id)["medium"]
        if pool:
            mediums.append(pool[0])
    assert len(mediums) >= 3
    assert not screening.screen(framework_id, mediums[:2]).victim
    three = screening.screen(framework_id, mediums[:3])
    assert three.positive_dimensions == ()
    assert three.victim
