"""The validator rejects broken data files with messages that name the file, the place and why."""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml

from keten.engines import screening
from keten.engines.screening import DATA_DIR, DataFileError, Registry, schema


def load(relative: str) -> dict:
    return yaml.safe_load((DATA_DIR / relative).read_text(encoding="utf-8"))


FRAMEWORK = load("frameworks/ilo_adult_labour.yaml")
RULE_SET = load("rule_sets/ilo_2009_adult.yaml")


def framework_with(change) -> list[str]:
    raw = copy.deepcopy(FRAMEWORK)
    change(raw)
    return schema.check_framework(raw, "frameworks/x.yaml")


def rule_set_with(change) -> list[str]:
    raw = copy.deepcopy(RULE_SET)
    change(raw)
    return schema.check_rule_set(raw, "rule_sets/x.yaml")[0]


def one(problems: list[str], *fragments: str) -> None:
    assert len(problems) >= 1, "expected a problem"
    assert any(all(f in p for f in fragments) for p in problems), problems


def test_bad_strength_is_named_with_the_allowed_values():
    problems = framework_with(lambda r: r["indicators"][3].update(strength="strng"))
    one(problems, "frameworks/x.yaml", "indicators[3] (DR04).strength", "'strng'", "strong, medium, weak")


def test_duplicate_indicator_id():
    problems = framework_with(lambda r: r["indicators"][1].update(id="DR01"))
    one(problems, "duplicate indicator id 'DR01'")


def test_unknown_dimension():
    problems = framework_with(lambda r: r["indicators"][0].update(dimension="XX"))
    one(problems, "indicators[0] (DR01).dimension", "'XX' is not a dimension")


def test_reconstructed_item_must_be_unverified():
    problems = framework_with(lambda r: r["indicators"][0].update(reliability="R", verified=True))
    one(problems, "indicators[0] (DR01)", "reliability R", "verified: false")


def test_verified_framework_with_unverified_items_is_rejected():
    problems = framework_with(lambda r: r["indicators"][0].update(reliability="R", verified=False))
    one(problems, "verified", "unverified indicators")


def test_every_item_needs_its_own_reliability():
    problems = framework_with(lambda r: r["indicators"][5].pop("reliability"))
    one(problems, "indicators[5] (DR06)", "missing key 'reliability'")


def test_missing_english_text():
    problems = framework_with(lambda r: r["indicators"][2]["text"].pop("en"))
    one(problems, "indicators[2] (DR03).text", "missing key 'en'")


def test_unquoted_version_is_rejected():
    problems = framework_with(lambda r: r.update(version=1.0))
    one(problems, "version", "quoted string")


def test_unknown_key_is_named():
    problems = framework_with(lambda r: r["indicators"][0].update(weight=3))
    one(problems, "unexpected key 'weight'")


def test_rule_set_bad_strength_group_and_minimum():
    def change(r):
        r["dimension_rule"]["clauses"][1]["min"] = {"strong+mild": 1, "medium": 0}
    problems = rule_set_with(change)
    one(problems, "clauses[1] (b).min", "'strong+mild' is not a strength group")
    one(problems, "min.medium", "at least 1")


def test_rule_set_unknown_operator():
    problems = rule_set_with(lambda r: r["victim_rule"].update(expression={"none_of": ["EX"]}))
    one(problems, "victim_rule.expression", "unknown operator 'none_of'")


def test_keten_rule_set_cannot_claim_to_be_published():
    problems = rule_set_with(lambda r: r.update(authority="keten", published=True))
    one(problems, "published", "Keten's own")


def test_reconstructed_rule_set_must_be_unverified():
    problems = rule_set_with(lambda r: r.update(verified=True))
    one(problems, "verified", "reconstructed part")


@pytest.fixture()
def data_copy(tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(DATA_DIR, directory)
    return directory


def test_copy_of_shipped_data_loads(data_copy):
    assert screening.validate_data(data_copy) == []
    assert Registry(data_copy).screen("ilo_adult_labour", ["CD01", "CD02"]).dimensions["CD"].positive


def test_yaml_syntax_error_names_the_file(data_copy):
    (data_copy / "frameworks" / "ilo_adult_labour.yaml").write_text("id: [unclosed\n")
    problems = screening.validate_data(data_copy)
    one(problems, "ilo_adult_labour.yaml", "not valid YAML")
    with pytest.raises(DataFileError) as info:
        Registry(data_copy)
    assert "ilo_adult_labour.yaml" in str(info.value)


def test_victim_rule_naming_a_missing_dimension_is_a_cross_file_error(data_copy):
    path = data_copy / "rule_sets" / "ilo_2009_adult.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["victim_rule"]["expression"] = {"all_of": ["EX", "ZZ"]}
    path.write_text(yaml.safe_dump(raw))
    one(screening.validate_data(data_copy), "victim_rule uses ZZ", "ilo_adult_labour@1.0.0")


def test_default_rule_set_must_exist(data_copy):
    path = data_copy / "frameworks" / "nl_labour_exploitation.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["default_rule_set"] = "no_such_rules"
    path.write_text(yaml.safe_dump(raw))
    one(screening.validate_data(data_copy), "nl_labour_exploitation@1.0.0", "'no_such_rules'")


def test_vignette_whose_expected_outcome_is_wrong(data_copy):
    path = data_copy / "vignettes.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["vignettes"][0]["expected"]["victim"] = False
    raw["vignettes"][1]["expert"]["present"].append("NOPE1")
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    problems = screening.validate_data(data_copy)
    one(problems, "v01_greenhouse_worker", "expected victim False")
    one(problems, "v02_hotel_cleaner", "'NOPE1'")


def test_vignette_must_be_fictional(data_copy):
    path = data_copy / "vignettes.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["vignettes"][2]["fictional"] = False
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    one(screening.validate_data(data_copy), "fictional", "must be true")


def test_guidance_step_with_unknown_source_and_condition(data_copy):
    path = data_copy / "guidance.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["common_steps"][0]["source"] = "nowhere"
    raw["common_steps"][1]["when"] = ["sometimes"]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    problems = screening.validate_data(data_copy)
    one(problems, "guidance.yaml", "common_steps[0] (acute_danger).source", "'nowhere'")
    one(problems, "common_steps[1] (inform_police).when[0]", "'sometimes'")


def test_two_files_with_the_same_version(data_copy):
    shutil.copy(data_copy / "rule_sets" / "ilo_2009_adult.yaml", data_copy / "rule_sets" / "copy.yaml")
    one(screening.validate_data(data_copy), "copy.yaml", "defined twice")
