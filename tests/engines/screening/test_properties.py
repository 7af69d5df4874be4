"""Property tests (hypothesis) of the screening engine."""

from __future__ import annotations

import copy
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
    answered = draw(st.lists(st.sampled_from(rest), unique=True, max_size=len(rest))) if rest else []
    cut = draw(st.integers(0, len(answered)))
    return fid, present, answered[:cut], answered[cut:]


def signature(outcome):
    return ({d: (r.positive, r.strong, r.medium, r.weak, r.indicators, r.clause)
             for d, r in outcome.dimensions.items()}, outcome.victim)


@settings(max_examples=300, deadline=None)
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


@settings(max_examples=200, deadline=None)
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
    # a framework with a dimension of 30 indicators (three chunks of 12 bits) and the adult rule
    wide = copy.deepcopy(RAW["ilo_adult_labour"])
    wide["id"] = "test_wide"
    wide["default_rule_set"] = "test_wide_rules"
    wide["indicators"] = [
        {**ind, "id": f"W{k:02d}", "dimension": "EX",
         "strength": ("strong", "medium", "weak")[k % 3]}
        for k, ind in enumerate(wide["indicators"][:30])
    ] + [ind for ind in wide["indicators"] if ind["dimension"] != "EX"]
    (directory / "frameworks" / "test_wide.yaml").write_text(yaml.safe_dump(wide, allow_unicode=True))
    adult = yaml.safe_load((DATA_DIR / "rule_sets" / "ilo_2009_adult.yaml").read_text())
    rules = {**adult, "id": "test_wide_rules", "applies_to": ["test_wide"]}
    (directory / "rule_sets" / "test_wide_rules.yaml").write_text(yaml.safe_dump(rules))
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


@pytest.fixture(scope="module")
def general_paths():
    """For each framework a compiled screen forced onto the general path (as for a dimension
    wider than two chunks) and one without the victim table (closure evaluation instead)."""
    out = {}
    for fid in ALL_FRAMEWORKS:
        compiled = [screening.default_registry().compiled(fid)]
        for rule_set in (["ilo_2009_child_recruitment_ex"] if fid in CHILD else []):
            compiled.append(screening.default_registry().compiled(fid, rule_set))
        variants = []
        for base in compiled:
            forced = copy.copy(base)
            forced._wide = True
            closure = copy.copy(base)
            closure._victim_table = None
            variants.append((base, forced, closure))
        out[fid] = variants
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=answer_sets())
def test_general_path_gives_the_same_decision(general_paths, case):
    fid, present, absent, unknown = case
    for base, forced, closure in general_paths[fid]:
        expected = base.screen(present, absent, unknown)
        for other in (forced, closure):
            got = other.screen(present, absent, unknown)
            assert got == expected
            assert got.victim == expected.victim and got.dimensions == expected.dimensions


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_wide_dimension_of_three_chunks(custom_registry, data):
    fw = custom_registry.framework("test_wide")
    ids = [i.id for i in fw.indicators]
    present = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=40))
    outcome = custom_registry.screen("test_wide", present)
    counts = {d.id: [0, 0, 0] for d in fw.dimensions}
    for ind in fw.indicators:
        if ind.id in present:
            counts[ind.dimension][STRENGTH_INDEX[ind.strength]] += 1
    pos = {d: ilo_dimension_positive(*c) for d, c in counts.items()}
    assert custom_registry.compiled("test_wide")._wide
    assert {d: r.positive for d, r in outcome.dimensions.items()} == pos
    assert [outcome.dimensions["EX"].strong, outcome.dimensions["EX"].medium,
            outcome.dimensions["EX"].weak] == counts["EX"]
    assert outcome.victim == ilo_adult_victim(pos)
