"""``keten screen`` through click's CliRunner: shapes, errors (exit 2, no traceback), agreement."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from keten.cli.main import cli
from keten.cli.screen import command
from keten.engines import screening

from .test_properties import answer_sets, reference


def run(args, stdin=None):
    return CliRunner().invoke(command, args, input=stdin)


def screen_json(framework_id, answers, *extra):
    result = run(["--framework", framework_id, "--answers", "-", "--json", *extra], json.dumps(answers))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_usage_error(result, *fragments):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for fragment in fragments:
        assert fragment in result.output, result.output


def test_registered_on_the_keten_command():
    result = CliRunner().invoke(cli, ["screen", "frameworks", "--json"])
    assert result.exit_code == 0, result.output
    assert "screen" in CliRunner().invoke(cli, ["--help"]).output


def test_frameworks_json_lists_indicators_with_dimension_and_strength():
    data = json.loads(run(["frameworks", "--json"]).stdout)
    assert sorted(f["id"] for f in data) == sorted(f.id for f in screening.list_frameworks())
    adult = next(f for f in data if f["id"] == "ilo_adult_labour")
    assert len(adult["indicators"]) == 67
    assert adult["indicators"][0] == {"id": "DR01", "dimension": "DR", "strength": "strong",
                                      "reliability": "S", "verified": True}
    full = json.loads(run(["frameworks", "--json", "--full"]).stdout)
    assert full[0]["indicators"][0]["text"]["nl"]


def test_frameworks_text():
    result = run(["frameworks"])
    assert result.exit_code == 0
    assert "ilo_child_sexual" in result.output and "verified: false" in result.output


def test_screen_json_shape(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"present": ["DR01", "DR05", "EX01", "EX02", "CD01", "CD02"],
                                "absent": ["VR01"]}))
    result = run(["--framework", "ilo_adult_labour", "--answers", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["framework"] == "ilo_adult_labour"
    assert data["rule_set"] == "ilo_2009_adult" and data["rule_set_version"] == "1.0.0"
    assert set(data["dimensions"]) == {"DR", "CR", "VR", "EX", "CD", "VD"}
    assert data["dimensions"]["CD"] == {"positive": True, "strong": 2, "medium": 0, "weak": 0,
                                        "indicators": ["CD01", "CD02"], "clause": "a"}
    assert data["victim"] is True
    assert set(data["explanation"]) == {"nl", "en"}
    assert "not a legal finding" in data["explanation"]["en"]


def test_screen_text_output_is_readable():
    answers = json.dumps({"present": ["NLA07", "NLA02"]})
    result = run(["--framework", "nl_labour_exploitation", "--answers", "-"], answers)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())  # the text output is wrapped
    assert "Uitkomst: mogelijk slachtoffer" in flat
    assert "geen juridische vaststelling" in flat
    english = run(["--framework", "nl_labour_exploitation", "--answers", "-", "--lang", "en",
                   "--org-type", "bank"], answers)
    flat = " ".join(english.output.split())
    assert "Outcome: possible victim" in flat and "FIU-Nederland" in flat


def test_unknown_framework_is_named():
    result = run(["--framework", "ilo_adults", "--answers", "-"], '{"present": []}')
    assert_usage_error(result, "unknown framework 'ilo_adults'", "ilo_adult_labour")


def test_unknown_indicators_are_all_named():
    result = run(["--framework", "ilo_adult_labour", "--answers", "-"],
                 '{"present": ["DR01", "DR99"], "absent": ["XX1"]}')
    assert_usage_error(result, "'DR99'")
    result = run(["--framework", "ilo_adult_labour", "--answers", "-"],
                 '{"present": ["DR98", "DR99"]}')
    assert_usage_error(result, "'DR98'", "'DR99'")
    result = run(["--framework", "ilo_adult_labour", "--answers", "-"], '{"absent": ["XX1"]}')
    assert_usage_error(result, "'XX1'")


@pytest.mark.parametrize(("stdin", "fragment"), [
    ("not json", "not valid JSON"),
    ("[1, 2]", "JSON object"),
    ('{"present": "DR01"}', "'present' must be a list"),
    ('{"present": [], "maybe": []}', "unknown keys 'maybe'"),
    ('{"present": ["DR01"], "absent": ["DR01"]}', "answered more than once"),
])
def test_bad_answers_files(stdin, fragment):
    assert_usage_error(run(["--framework", "ilo_adult_labour", "--answers", "-"], stdin), fragment)


def test_missing_answers_file_and_missing_options(tmp_path):
    assert_usage_error(run(["--framework", "ilo_adult_labour", "--answers", str(tmp_path / "no.json")]),
                       "cannot read answers file")
    assert_usage_error(run(["--framework", "ilo_adult_labour"]), "--answers")
    assert_usage_error(run(["--answers", "x.json"]), "--framework")
    assert_usage_error(run(["--framework", "ilo_adult_labour", "frameworks"]), "without a subcommand")
    plain = run([])
    assert plain.exit_code == 0 and "frameworks" in plain.output


def test_rule_set_option_and_errors():
    answers = {"present": ["DR10", "EX01", "EX04"]}
    assert screen_json("ilo_child_labour", answers)["victim"] is True
    strict = screen_json("ilo_child_labour", answers, "--rule-set", "ilo_2009_child_recruitment_ex")
    assert strict["victim"] is False and strict["rule_set"] == "ilo_2009_child_recruitment_ex"
    result = run(["--framework", "ilo_child_labour", "--answers", "-", "--rule-set", "ilo_2009_adult"],
                 json.dumps(answers))
    assert_usage_error(result, "does not apply")
    result = run(["--framework", "ilo_child_labour", "--answers", "-", "--rule-set", "nope"], "{}")
    assert_usage_error(result, "unknown rule set 'nope'")


def test_org_type_adds_next_steps():
    data = screen_json("ilo_child_labour", {"present": ["DR10", "EX01", "EX04"]}, "--org-type", "doctor")
    ids = [s["id"] for s in data["next_steps"]["steps"]]
    assert ids[0] == "acute_danger" and "meldcode_step1" in ids and "register_comensha" in ids
    adult = screen_json("ilo_child_labour", {"present": ["EX01"]}, "--org-type", "police", "--adult")
    assert "minor_veilig_thuis" not in [s["id"] for s in adult["next_steps"]["steps"]]
    result = run(["--framework", "ilo_child_labour", "--answers", "-", "--org-type", "baker"], "{}")
    assert_usage_error(result, "unknown organisation type 'baker'")


def test_other_subcommands():
    assert "ilo_2009_child_act_ex" in run(["rule-sets"]).output
    assert json.loads(run(["rule-sets", "--json"]).stdout)[0]["id"]
    vignettes = json.loads(run(["vignettes", "--json"]).stdout)
    assert len(vignettes) >= 12 and "expert" not in vignettes[0]
    assert "v01_greenhouse_worker" in run(["vignettes"]).output
    compared = run(["compare", "v02_hotel_cleaner", "--answers", "-", "--json"],
                   '{"present": ["EX01", "EX04", "EX05", "EX06", "VD03"]}')
    assert json.loads(compared.stdout)["outcome_differs"] is False
    assert_usage_error(run(["compare", "v99", "--answers", "-"], "{}"), "unknown vignette 'v99'")
    text = run(["compare", "v01_greenhouse_worker", "--answers", "-"], '{"present": ["EX01"]}')
    assert "missed:" in text.output and "differs" in text.output
    valid = run(["validate"])
    assert valid.exit_code == 0 and "valid" in valid.output


@settings(max_examples=80, deadline=None)
@given(answer_sets())
def test_command_agrees_with_the_rule_on_unseen_answer_sets(case):
    fid, present, absent, unknown = case
    data = screen_json(fid, {"present": present, "absent": absent, "unknown": unknown})
    counts, pos, victim = reference(fid, set(present))
    assert data["victim"] == victim
    for d, result in data["dimensions"].items():
        assert result["positive"] == pos[d]
        assert [result["strong"], result["medium"], result["weak"]] == counts[d]
        assert sorted(result["indicators"]) == sorted(i for i in present if _dim(fid, i) == d)


def _dim(fid: str, indicator_id: str) -> str:
    return screening.load_framework(fid).by_id[indicator_id].dimension
