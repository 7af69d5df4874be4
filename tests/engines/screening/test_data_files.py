"""The shipped data files: they validate, and their content matches domain.md."""

from __future__ import annotations

import pytest
import yaml

from keten.engines import screening
from keten.engines.screening import DATA_DIR, schema

from .helpers import ALL_FRAMEWORKS, ILO_FRAMEWORKS, NL_FRAMEWORKS

# domain.md §1.3, one letter per indicator in id order: strengths for adults (A·L) and children
# (C·L), labour exploitation; "-" = not in the set.
LABOUR_TABLE = {
    "DR": ("SMMMMMMMMW", "SMMMMMMMMS"),
    "CR": ("SMMMMMMMMM", "SSMSMMSMMM"),
    "VR": ("MMMMMMMMMMMMMMWW", "MMMMMM-MMMMMMMMM"),
    "EX": ("SMMMMMMMW", "SMMMM-MMM"),
    "CD": ("SSSSMMMMMMMMMMW", "SSSSSSMMMMSSMMM"),
    "VD": ("MMMMMWW", "MMMMMMM"),
}
LETTER = {"strong": "S", "medium": "M", "weak": "W"}


def test_all_shipped_data_validates():
    assert screening.validate_data() == []


@pytest.mark.parametrize("path", sorted((DATA_DIR / "frameworks").glob("*.yaml")), ids=lambda p: p.name)
def test_every_framework_file_validates_on_its_own(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert schema.check_framework(raw, path.name) == []
    assert raw["id"] == path.stem
    for item in raw["indicators"]:  # reliability is kept per item, not only per file
        assert {"reliability", "verified", "source", "text", "strength", "dimension"} <= set(item)
        assert item["verified"] == (item["reliability"] != "R")


@pytest.mark.parametrize("path", sorted((DATA_DIR / "rule_sets").glob("*.yaml")), ids=lambda p: p.name)
def test_every_rule_set_file_validates_on_its_own(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert schema.check_rule_set(raw, path.name)[0] == []
    assert raw["id"] == path.stem


def test_framework_list_is_complete():
    assert sorted(f.id for f in screening.list_frameworks()) == sorted(ALL_FRAMEWORKS)


@pytest.mark.parametrize(("framework_id", "column", "total"),
                         [("ilo_adult_labour", 0, 67), ("ilo_child_labour", 1, 65)])
def test_labour_sets_match_the_domain_table(framework_id, column, total):
    fw = screening.load_framework(framework_id)
    assert len(fw.indicators) == total
    for dim, columns in LABOUR_TABLE.items():
        expected = {f"{dim}{n:02d}": letter for n, letter in enumerate(columns[column], 1) if letter != "-"}
        got = {i.id: LETTER[i.strength] for i in fw.indicators if i.dimension == dim}
        assert got == expected, dim
    assert fw.verified and all(i.reliability == "S" for i in fw.indicators)


def test_adult_labour_facts_worth_testing():
    fw = screening.load_framework("ilo_adult_labour")
    assert not any(i.strength == "strong" for i in fw.indicators if i.dimension == "VR")
    assert fw.by_id["CR03"].strength == "medium" and fw.by_id["CD01"].strength == "strong"
    child = screening.load_framework("ilo_child_labour")
    assert not any(i.strength == "weak" for i in child.indicators)
    assert "VR07" not in child.by_id and "EX06" not in child.by_id


def test_sexual_sets_are_marked_reconstructed():
    adult = screening.load_framework("ilo_adult_sexual")
    child = screening.load_framework("ilo_child_sexual")
    for fw in (adult, child):
        assert not fw.verified and fw.reliability == "R"
        assert fw.by_id["CD06"].strength == "strong" and fw.by_id["CD06"].reliability == "S"
        assert sum(not i.verified for i in fw.indicators) >= len(fw.indicators) - 2
    assert not any(i.strength == "strong" for i in adult.indicators if i.dimension == "EX")
    assert child.by_id["EX03"].strength == "strong" and child.by_id["EX03"].reliability == "S"


@pytest.mark.parametrize("framework_id", ILO_FRAMEWORKS)
def test_ilo_sets_have_six_dimensions_and_both_languages(framework_id):
    fw = screening.load_framework(framework_id)
    assert [d.id for d in fw.dimensions] == ["DR", "CR", "VR", "EX", "CD", "VD"]
    assert fw.strength_basis == "published"
    for ind in fw.indicators:
        assert ind.text.nl and ind.text.en
        assert ind.source


@pytest.mark.parametrize("framework_id", NL_FRAMEWORKS)
def test_dutch_lists_use_keten_s_own_rule_and_strengths(framework_id):
    fw = screening.load_framework(framework_id)
    assert fw.strength_basis == "keten"
    assert {i.strength for i in fw.indicators} == {"strong", "medium"}
    rule_set = screening.load_rule_set(fw.default_rule_set)
    assert rule_set.id == "keten_nl_signals"
    assert rule_set.authority == "keten" and not rule_set.published and not rule_set.verified


def test_forced_services_theme_is_reconstructed():
    fw = screening.load_framework("nl_criminal_exploitation")
    fs = [i for i in fw.indicators if i.dimension == "FS"]
    assert fs and all(i.reliability == "R" and not i.verified for i in fs)
    assert not fw.verified
    assert "forced_services" in fw.exploitation


def test_rule_sets_and_their_defaults():
    adult = screening.load_rule_set("ilo_2009_adult")
    assert [c.id for c in adult.clauses] == ["a", "b", "c", "d"]
    assert adult.dimension_rule_reliability == "S" and adult.victim_rule_reliability == "R"
    assert not adult.verified
    for fid in ("ilo_child_labour", "ilo_child_sexual"):
        assert screening.load_framework(fid).default_rule_set == "ilo_2009_child_act_ex"
        assert fid in screening.load_rule_set("ilo_2009_child_recruitment_ex").applies_to
    for fid in ("ilo_adult_labour", "ilo_adult_sexual"):
        assert screening.load_framework(fid).default_rule_set == "ilo_2009_adult"


def test_vignettes_cover_forms_ages_and_sexes():
    items = screening.vignettes()
    assert len(items) >= 12
    assert {v.form for v in items} == {"labour", "sexual", "criminal", "forced_services"}
    assert any(v.minor for v in items) and any(not v.minor for v in items)
    assert {v.sex for v in items} >= {"female", "male"}
    for form in ("labour", "sexual", "criminal"):
        assert {v.minor for v in items if v.form == form} == {True, False}, form
    assert any(v.expected_victim for v in items) and any(not v.expected_victim for v in items)
    assert len({v.framework for v in items}) >= 6


def test_vignettes_expected_outcomes_hold():
    for v in screening.vignettes():
        outcome = screening.screen(v.framework, v.expert_present, v.expert_absent)
        assert outcome.victim == v.expected_victim, v.id
        assert set(outcome.positive_dimensions) == set(v.expected_positive), v.id
        for rule_set, expected in v.expected_by_rule_set.items():
            assert screening.screen(v.framework, v.expert_present, rule_set=rule_set).victim == expected


def test_vignettes_are_marked_fictional():
    raw = yaml.safe_load((DATA_DIR / "vignettes.yaml").read_text(encoding="utf-8"))
    assert all(v["fictional"] is True for v in raw["vignettes"])
    assert "FICTIONAL" in (DATA_DIR / "vignettes.yaml").read_text(encoding="utf-8").split("\n", 1)[0]


def test_guidance_steps_carry_source_and_reliability():
    raw = yaml.safe_load((DATA_DIR / "guidance.yaml").read_text(encoding="utf-8"))
    steps = raw["common_steps"] + [s for group in raw["steps"].values() for s in group]
    assert steps
    for step in steps:
        assert step["source"] in raw["sources"]
        assert step["verified"] == (step["reliability"] != "R")
        assert step["text"]["nl"] and step["text"]["en"]
