"""Properties of the plan document: validation names every problem, and the difference between
two versions lists exactly the measures and fields that changed."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keten.apps.common.errors import ValidationFailed
from keten.apps.plan import document
from keten.apps.plan.letter import _read

from .conftest import DOC

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
    changes = {c["measure"]: c for c in document.diff(LETTER, after)}
    original = {m["id"]: m["status"] for m in LETTER["measures"]}
    expected_changed = {i for i, s in statuses.items() if s != original[i] and i not in removed}
    assert {i for i, c in changes.items() if c["kind"] == "removed"} == removed
    assert {i for i, c in changes.items() if c["kind"] == "changed"} == expected_changed
    for i in expected_changed:
        assert changes[i]["fields"] == {"status": {"old": original[i], "new": statuses[i]}}
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
