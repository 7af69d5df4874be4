"""Property tests (hypothesis) of the screening engine."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keten.engines import screening
from keten.engines.screening import DATA_DIR, Registry

from .helpers import (ALL_FRAMEWORKS, ilo_adult_victim, ilo_child_act_ex_victim,
                      ilo_child_recruitment_ex_victim, ilo_dimension_positive, nl_theme_positive,
                      nl_victim)

STRENGTH_INDEX = {"strong": 0, "medium": 1, "weak": 2}
RAW = {fid: yaml.safe_load((DATA_DIR / "frameworks" / f"{fid}.yaml").read_text(encoding="utf-8"))
       for fid in ALL_FRAMEWORKS}
IDS = {fid: [i["id"] for i in raw["indicators"]] for fid, raw in RAW.items()}
CHILD = ["ilo_child_labour", "ilo_child_sexual"]


def reference(fid: str, present: set[str], strict_child: bool = False):
    """Counts, positive dimensions and victim straight from the raw YAML and domain.md's rules."""
    raw = RAW[fid]
    counts = {d["id"]: [0, 0, 0] for d in raw["dimensions"]}
    for ind in raw["indicators"]:
        if ind["id"] in present:
            counts[ind["dimension"]][STRENGTH_INDEX[ind["strength"]]] += 1
    if fid.startswith("ilo_"):
        pos = {d: ilo_dimension_positive(*c) for d, c in counts.items()}
        if "_adult_" in fid:
            victim = ilo_adult_victim(pos)
        elif strict_child:
            victim = ilo_child_recruitment_ex_victim(pos)
        else:
            victim = ilo_child_act_ex_victim(pos, sum(sum(counts[d]) for d in ("DR", "CR", "VR")))
    else:
        pos = {d: nl_theme_positive(c[0], c[1]) for d, c in counts.items()}
        victim = nl_victim(pos, sum(sum(c) for c in counts.values()))
    return counts, pos, victim


@st.composite
def answer_sets(draw, frameworks=tuple(ALL_FRAMEWORKS)):
    fid = draw(st.sampled_from(frameworks))
    ids = IDS[fid]
    present = draw(st.lists(st.sampled_from(ids), unique=True, max_size=draw(st.integers(0, 24))))
    rest = [i for i in ids if i not in present]
    kinds = draw(st.lists(st.sampled_from(["absent", "unknown", "none"]),
                          min_size=len(rest), max_size=len(rest)))
    absent = [i for i, k in zip(rest, kinds) if k == "absent"]
    unknown = [i for i, k in zip(rest, kinds) if k == "unknown"]
    return fid, present, absent, unknown


def signature(outcome):
    return ({d: (r.positive, r.strong, r.medium, r.weak, r.indicators, r.clause)
             for d, r in outcome.dimensions.items()}, outcome.victim)


@settings(max_examples=400, deadline=None)
@given(answer_sets())
def test_engine_agrees_with_the_restated_rules(case):
    fid, present, absent, unknown = case
    outcome = screening.screen(fid, present, absent, unknown)
    counts, pos, victim = reference(fid, set(present))
    for d, result in outcome.dimensions.items():
        assert [result.strong, result.medium, result.weak] == counts[d]
        assert result.positive == pos[d]
    assert outcome.victim == victim
    assert outcome.unanswered == len(IDS[fid]) - len(present) - len(absent) - len(unknown)


@settings(max_examples=300, deadline=None)
@given(answer_sets(), st.data())
def test_adding_a_present_indicator_never_turns_a_positive_negative(case, data):
    fid, present, absent, unknown = case
    rest = [i for i in IDS[fid] if i not in present]
    if not rest:
        return
    extra = data.draw(st.sampled_from(rest))
    rule_sets = [None] + (["ilo_2009_child_recruitment_ex"] if fid in CHILD else [])
    for rule_set in rule_sets:
        before = screening.screen(fid, present, absent, unknown, rule_set=rule_set)
        after = screening.screen(fid, present + [extra], [i for i in absent if i != extra],
                                 [i for i in unknown if i != extra], rule_set=rule_set)
        for d in before.dimensions:
            assert not before.dimensions[d].positive or after.dimensions[d].positive
        assert not before.victim or after.victim


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_unknown_and_unanswered_change_nothing_versus_absent(case):
    fid, present, absent, unknown = case
    not_present = [i for i in IDS[fid] if i not in present]
    variants = [
        screening.screen(fid, present, absent, unknown),
        screening.screen(fid, present),                        # nothing else answered
        screening.screen(fid, present, absent=not_present),    # everything else absent
        screening.screen(fid, present, unknown=not_present),   # everything else unknown
    ]
    assert len({repr(signature(v)) for v in variants}) == 1


@settings(max_examples=200, deadline=None)
@given(answer_sets(), st.randoms(use_true_random=False))
def test_order_and_repetition_of_answers_do_not_matter(case, rnd):
    fid, present, absent, unknown = case
    shuffled = present + present[: len(present) // 2]
    rnd.shuffle(shuffled)
    assert signature(screening.screen(fid, shuffled, absent, unknown)) == \
        signature(screening.screen(fid, present, absent, unknown))


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_explanation_names_positive_dimensions_and_says_it_is_a_screening(case):
    fid, present, absent, unknown = case
    outcome = screening.screen(fid, present, absent, unknown)
    for d in outcome.positive_dimensions:
        assert f"({d})" in outcome.explanation["en"] and f"({d})" in outcome.explanation["nl"]
    assert "not a legal finding" in outcome.explanation["en"]
    assert "geen juridische vaststelling" in outcome.explanation["nl"]
    assert f"version {outcome.rule_set_version}" in outcome.explanation["en"]


@settings(max_examples=300, deadline=None)
@given(answer_sets(frameworks=tuple(CHILD)))
def test_child_rules_differ_only_as_stated(case):
    fid, present, absent, unknown = case
    default = screening.screen(fid, present, absent, unknown)
    strict = screening.screen(fid, present, absent, unknown, rule_set="ilo_2009_child_recruitment_ex")
    assert signature(default)[0] == signature(strict)[0]  # same dimension rule
    assert not strict.victim or default.victim            # the alternative is stricter
    _, pos, _ = reference(fid, set(present), strict_child=True)
    assert strict.victim == ilo_child_recruitment_ex_victim(pos)


@pytest.fixture(scope="module")
def custom_registry(tmp_path_factory):
    """The shipped data plus two child rule sets written here: the child rule is data."""
    directory = tmp_path_factory.mktemp("screening-data") / "data"
    shutil.copytree(DATA_DIR, directory)
    base = yaml.safe_load((DATA_DIR / "rule_sets" / "ilo_2009_child_act_ex.yaml").read_text())
    for rid, version, expr in [
        ("test_child_ex_only", "1.0.0", "EX"),
        ("test_child_ex_only", "2.0.0", {"all_of": ["EX", {"any_of": ["CD", "VD"]}]}),
    ]:
        doc = {**base, "id": rid, "version": version, "authority": "keten", "published": False}
        doc["victim_rule"] = {**base["victim_rule"], "expression": expr}
        (directory / "rule_sets" / f"{rid}-{version}.yaml").write_text(yaml.safe_dump(doc))
    return Registry(directory)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=answer_sets(frameworks=tuple(CHILD)))
def test_child_rule_is_configurable_in_data(custom_registry, case):
    fid, present, absent, unknown = case
    latest = custom_registry.screen(fid, present, absent, unknown, rule_set="test_child_ex_only")
    first = custom_registry.screen(fid, present, absent, unknown, rule_set="test_child_ex_only@1.0.0")
    _, pos, _ = reference(fid, set(present))
    assert (first.rule_set_version, latest.rule_set_version) == ("1.0.0", "2.0.0")
    assert first.victim == pos["EX"]
    assert latest.victim == (pos["EX"] and (pos["CD"] or pos["VD"]))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ALL_FRAMEWORKS), st.data())
def test_screen_matrix_agrees_with_screen(fid, data):
    ids = IDS[fid]
    rows = data.draw(st.lists(st.lists(st.booleans(), min_size=len(ids), max_size=len(ids)),
                              min_size=1, max_size=20))
    rule_sets = [None] + (["ilo_2009_child_recruitment_ex"] if fid in CHILD else [])
    for rule_set in rule_sets:
        result = screening.screen_matrix(fid, np.array(rows, dtype=bool), rule_set=rule_set)
        for n, row in enumerate(rows):
            one = screening.screen(fid, [i for i, on in zip(ids, row) if on], rule_set=rule_set)
            assert bool(result["victim"][n]) == one.victim
            for d, r in one.dimensions.items():
                assert bool(result["positive"][d][n]) == r.positive
