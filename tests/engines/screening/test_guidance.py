"""Next steps per organisation type after a screening."""

from __future__ import annotations

import pytest

from keten.engines import screening

ORG_TYPES = ["police", "kmar", "labour_inspectorate", "municipality", "doctor", "healthcare",
             "veilig_thuis", "youth_care", "coa", "ind", "ngo", "shelter", "care_coordination",
             "bank", "other"]
POSITIVE_ADULT = screening.screen("ilo_adult_labour", ["DR01", "DR05", "EX01", "EX02", "CD01", "CD02"])
SIGNAL_ONLY = screening.screen("ilo_adult_labour", ["EX01"])
NOTHING = screening.screen("ilo_adult_labour", [], ["EX01"])
CHILD = screening.screen("ilo_child_labour", ["DR10", "EX01", "EX04"])


def ids(steps):
    return [s.id for s in steps]


@pytest.mark.parametrize("org_type", ORG_TYPES)
def test_every_org_type_gets_police_and_comensha_steps_at_any_signal(org_type):
    for outcome in (POSITIVE_ADULT, SIGNAL_ONLY):
        steps = screening.next_steps(org_type, outcome)
        assert steps[0].id == "acute_danger"
        text = " ".join(s.text.en for s in steps)
        assert "CoMensha" in text, org_type
        assert any(word in text for word in ("police", "KMar", "investigation service")), org_type
        for step in steps:
            assert step.text.nl and step.text.en and step.source and step.reliability


@pytest.mark.parametrize("org_type", ORG_TYPES)
def test_no_signal_gives_no_reporting_steps(org_type):
    assert ids(screening.next_steps(org_type, NOTHING)) == ["acute_danger", "no_signal_record"]


def test_doctor_and_veilig_thuis_follow_the_reporting_code():
    doctor = ids(screening.next_steps("doctor", POSITIVE_ADULT))
    assert [i for i in doctor if i.startswith("meldcode_")] == [f"meldcode_step{n}" for n in range(1, 6)]
    assert doctor.index("meldcode_step1") < doctor.index("inform_police")
    assert "veilig_thuis_advice" in ids(screening.next_steps("veilig_thuis", POSITIVE_ADULT))


def test_mandatory_reporters_get_their_own_comensha_step():
    for org_type, step in [("police", "police_comensha"), ("kmar", "kmar_comensha"),
                           ("labour_inspectorate", "nla_comensha")]:
        got = ids(screening.next_steps(org_type, SIGNAL_ONLY))
        assert step in got and "register_comensha" not in got and "inform_police" not in got


def test_negative_outcome_with_signals_still_asks_to_act():
    assert "signals_without_positive_outcome" in ids(screening.next_steps("ngo", SIGNAL_ONLY))
    assert "signals_without_positive_outcome" not in ids(screening.next_steps("ngo", POSITIVE_ADULT))
    assert "nla_serious_disadvantage" in ids(screening.next_steps("labour_inspectorate", SIGNAL_ONLY))


def test_minor_steps_follow_the_population_or_the_caller():
    assert "minor_veilig_thuis" in ids(screening.next_steps("municipality", CHILD))
    assert "minor_veilig_thuis" not in ids(screening.next_steps("municipality", CHILD, minor=False))
    assert "minor_veilig_thuis" not in ids(screening.next_steps("municipality", POSITIVE_ADULT))
    assert "minor_veilig_thuis" in ids(screening.next_steps("municipality", POSITIVE_ADULT, minor=True))
    any_age = screening.screen("nl_sexual_exploitation", ["SX17"])
    assert "minor_veilig_thuis" not in ids(screening.next_steps("other", any_age))
    assert "youth_care_shelter" in ids(screening.next_steps("youth_care", any_age, minor=True))


def test_aliases_and_unknown_org_type():
    assert ids(screening.next_steps("doctor", CHILD)) == ids(screening.next_steps("healthcare", CHILD))
    with pytest.raises(screening.UnknownOrganisationTypeError) as info:
        screening.next_steps("baker", CHILD)
    assert "'baker'" in str(info.value) and "police" in str(info.value)
    assert {o.code for o in screening.org_types()} >= set(ORG_TYPES) - {"doctor"}


def test_steps_serialise():
    step = screening.next_steps("bank", SIGNAL_ONLY)[1].to_dict()
    assert set(step) == {"id", "text", "contact", "source", "reliability", "verified"}
