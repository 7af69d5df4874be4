"""Properties of the plan document: validation names every problem (and never fails any other
way), and the difference between two versions lists exactly the entries and fields that changed."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keten.apps.common.errors import ValidationFailed
from keten.apps.plan import document
from keten.apps.plan.letter import _read
from keten.apps.plan.models import Indicator, Measure

from .conftest import BAD_INPUT, DOC, JSON, PLACES, TYPES, put

LETTER = {**_read("letter_2018.yaml"), "indicators": [], "goals": []}
IDS = [m["id"] for m in LETTER["measures"]]
STATUS_CHANGES = st.dictionaries(st.sampled_from(IDS), st.sampled_from(document.STATUSES), max_size=20)


@given(STATUS_CHANGES, st.sets(st.sampled_from(IDS), max_size=5))
@settings(max_examples=60, deadline=None)
def test_the_difference_lists_exactly_what_changed(statuses, removed):
    after = copy.deepcopy(LETTER)
    for m in after["measures"]:
        if m["id"] in statuses:
            m["status"] = statuses[m["id"]]
    after["measures"] = [m for m in after["measures"] if m["id"] not in removed]
    changes = {c["key"]: c for c in document.diff(LETTER, after)}
    assert {c["section"] for c in changes.values()} <= {"measures"}
    original = {m["id"]: m["status"] for m in LETTER["measures"]}
    expected_changed = {i for i, s in statuses.items() if s != original[i] and i not in removed}
    assert {i for i, c in changes.items() if c["kind"] == "removed"} == removed
    assert {i for i, c in changes.items() if c["kind"] == "changed"} == expected_changed
    for i in expected_changed:
        assert changes[i]["fields"] == {"status": {"old": original[i], "new": statuses[i]}}
    assert document.diff(after, after) == []


def test_the_difference_covers_themes_partners_indicators_and_goals():
    after = copy.deepcopy(DOC)
    after["goals"][0]["target_value"] = 25
    after["goals"].append({**after["goals"][0], "series": "politie", "target_value": 10})
    after["indicators"] = [i for i in after["indicators"] if i["code"] != "signals-per-form"]
    after["indicators"][0]["unit"] = "share"
    after["themes"][0]["en"] = "Criminal investigation"
    after["partners"] = after["partners"][1:]
    changes = {(c["section"], c["key"], c["kind"]): c for c in document.diff(DOC, after)}
    assert set(changes) == {
        ("themes", "b", "changed"), ("partners", DOC["partners"][0]["code"], "removed"),
        ("indicators", "detectives", "changed"), ("indicators", "signals-per-form", "removed"),
        ("goals", "detectives · b", "changed"), ("goals", "detectives · politie · b", "added"),
    }
    assert changes[("goals", "detectives · b", "changed")]["fields"] == {"target_value": {"old": 20, "new": 25}}
    assert changes[("goals", "detectives · b", "changed")]["title"] == {"nl": "20 per jaar", "en": "20 a year"}
    assert changes[("indicators", "detectives", "changed")]["fields"] == {"unit": {"old": "count", "new": "share"}}
    assert changes[("themes", "b", "changed")]["title"]["en"] == "Criminal investigation"
    assert document.diff(after, after) == []


def test_the_letter_is_a_valid_plan_document():
    assert document.validate(copy.deepcopy(LETTER), organisation_types=frozenset({"x"})) is not None


@given(st.sampled_from(["themes", "measures", "partners", "indicators", "goals"]), st.data())
@settings(max_examples=40, deadline=None)
def test_every_broken_part_is_named(section, data):
    doc = copy.deepcopy(DOC)
    item = data.draw(st.integers(0, len(doc[section]) - 1))
    doc[section][item] = {"code": "", "id": ""}  # an entry with nothing usable
    with pytest.raises(ValidationFailed) as refused:
        document.validate(doc, organisation_types=frozenset({"police", "municipality"}))
    assert any(key.startswith(f"{section}[{item}]") for key in refused.value.fields), refused.value.fields


def test_the_test_document_is_valid():
    assert document.validate(copy.deepcopy(DOC), organisation_types=TYPES)


@pytest.mark.parametrize("change, where", [pytest.param(c, w, id=what) for what, c, w in BAD_INPUT])
def test_bad_input_is_named_where_it_is(change, where):
    doc = copy.deepcopy(DOC)
    change(doc)
    with pytest.raises(ValidationFailed) as refused:
        document.validate(doc, organisation_types=TYPES)
    assert where in refused.value.fields, refused.value.fields
    assert "nothing was changed" in refused.value.message


def test_the_problems_say_what_to_do():
    doc = copy.deepcopy(DOC)
    doc["measures"][0]["id"] = "b training"
    doc["measures"][1]["id"] = "m" * 81
    doc["measures"][2]["title"]["nl"] = 42
    with pytest.raises(ValidationFailed) as refused:
        document.validate(doc, organisation_types=TYPES)
    fields = refused.value.fields
    assert fields["measures[0].id"] == ["Use only letters, digits, hyphens and underscores in 'b training': the "
                                        "code is part of web addresses."]
    # the limit is the column's, read from the model
    assert fields["measures[1].id"] == [f"At most {Measure._meta.get_field('slug').max_length} characters; "
                                        "this has 81. Shorten it."]
    assert fields["measures[2].title.nl"] == ["Give this as text."]


def test_the_lists_of_statuses_and_units_are_the_models():
    assert document.STATUSES == tuple(Measure.Status.values)
    assert set(document.UNIT_RANGES) == set(Indicator.Unit.values)
    assert document.UNIT_RANGES["percent"] == (0, 100) and document.UNIT_RANGES["count"] == (0, None)


@given(st.lists(st.tuples(st.sampled_from(PLACES), JSON), min_size=1, max_size=3))
@settings(max_examples=300, deadline=None)
def test_any_input_is_accepted_or_refused_with_problems_never_a_crash(changes):
    doc = copy.deepcopy(DOC)
    for path, value in changes:
        try:
            put(*path, value)(doc)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change took the place away
    try:
        document.validate(doc, organisation_types=TYPES)
    except ValidationFailed as refused:
        assert refused.fields and all(refused.fields.values())
