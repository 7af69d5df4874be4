"""The public facade: look-ups, errors that name what is wrong, outcome shape, versions."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from keten.engines import screening


def test_facade_exports():
    for name in ("load_framework", "list_frameworks", "screen", "next_steps", "vignettes",
                 "compare_with_expert", "validate_data", "Outcome", "Registry"):
        assert hasattr(screening, name)


def test_load_by_id_and_by_version():
    assert screening.load_framework("ilo_adult_labour").key == "ilo_adult_labour@1.0.0"
    assert screening.load_framework("ilo_adult_labour@1.0.0").id == "ilo_adult_labour"
    with pytest.raises(screening.UnknownFrameworkError) as info:
        screening.load_framework("ilo_adult_labour@9.9")
    assert "ilo_adult_labour@9.9" in str(info.value)


def test_errors_name_what_is_wrong():
    with pytest.raises(screening.UnknownFrameworkError, match="'nope'"):
        screening.screen("nope", [])
    with pytest.raises(screening.UnknownIndicatorError) as info:
        screening.screen("ilo_adult_labour", ["DR01", "ZZ1", "ZZ2"])
    assert info.value.indicator_ids == ["ZZ1", "ZZ2"]
    with pytest.raises(screening.AnswerConflictError, match="DR01"):
        screening.screen("ilo_adult_labour", ["DR01"], unknown=["DR01"])
    with pytest.raises(screening.RuleSetNotApplicableError):
        screening.screen("nl_labour_exploitation", [], rule_set="ilo_2009_adult")
    with pytest.raises(TypeError):
        screening.screen("ilo_adult_labour", "DR01")
    assert issubclass(screening.UnknownIndicatorError, screening.ScreeningError)


def test_outcome_to_dict_is_json_and_complete():
    outcome = screening.screen("ilo_adult_sexual", ["CD06", "CD03", "EX01"], ["DR01"], ["VR01"])
    data = json.loads(json.dumps(outcome.to_dict()))
    assert {"framework", "framework_version", "rule_set", "rule_set_version", "dimensions", "victim",
            "explanation", "verified", "answers"} <= set(data)
    assert data["answers"] == {"present": ["EX01", "CD03", "CD06"], "absent": ["DR01"],
                               "unknown": ["VR01"], "unanswered": 62}
    assert data["verified"] is False  # the sexual set is reconstructed
    assert "verified: false" in data["explanation"]["en"]


def test_explanation_says_why_not():
    outcome = screening.screen("ilo_adult_labour", ["EX01", "EX02", "CD01", "CD02"])
    assert not outcome.victim
    missing = outcome.explanation["en"].split("Missing: ", 1)[1].split(". ", 1)[0]
    assert "(DR)" in missing and "(CR)" in missing and "(VR)" in missing and missing.endswith("positive")
    assert "(EX)" not in missing and "(CD)" not in missing
    assert "is niet vervuld" in outcome.explanation["nl"] and "Ontbreekt: " in outcome.explanation["nl"]
    own = screening.screen("nl_labour_exploitation", ["NLA02"])
    assert "Keten's own rule set, not a published rule" in own.explanation["en"]
    assert "Present, but not enough" in own.explanation["en"]


def test_outcome_is_frozen_and_explanation_cached():
    outcome = screening.screen("ilo_adult_labour", ["EX01"])
    with pytest.raises(AttributeError):
        outcome.victim = True
    assert outcome.explanation is outcome.explanation


def test_importing_the_engine_pulls_in_no_django_and_no_numpy():
    code = ("import sys, keten.engines.screening as s, keten.cli.screen; s.screen('ilo_adult_labour', ['EX01']);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'numpy') "
            "or m.startswith(('keten.apps', 'keten.config'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
