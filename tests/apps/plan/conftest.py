"""A small plan document (two themes, three measures, an indicator of each kind, goals), the
actors that work on it, and the ways a document can be wrong."""

from __future__ import annotations

import copy

import pytest
from hypothesis import strategies as st

from ...conftest import actor_for, make_member, make_organisation

DOC = {
    "schema": "keten.plan/1",
    "source": "Kamerbrief 2018",
    "themes": [{"code": "b", "nl": "Opsporing", "en": "Investigation"},
               {"code": "d", "nl": "Gemeenten", "en": "Municipalities"}],
    "partners": [
        {"code": "politie", "nl": "Politie", "en": "Police", "organisation_types": ["police"]},
        {"code": "gemeenten", "nl": "Gemeenten", "en": "Municipalities", "organisation_types": ["municipality"]},
        {"code": "vng", "nl": "VNG", "en": "Association of Netherlands Municipalities"},
    ],
    "measures": [
        {"id": "b-training", "theme": "b", "status": "started",
         "title": {"nl": "Opleiding rechercheurs", "en": "Training of detectives"},
         "lead": ["politie"], "funding": [
             {"amount_eur": 1000000, "from_year": 2017, "structural": False},
             {"amount_eur": 2000000, "from_year": 2018, "structural": True}],
         "dates": [{"label": {"nl": "start", "en": "start"}, "date": "2017-01-01"}],
         "passage": "jaarlijks 20 extra gecertificeerde rechercheurs"},
        {"id": "d-policy", "theme": "d", "themes": ["b"], "status": "decided",
         "title": {"nl": "Beleid in elke gemeente", "en": "Policy in every municipality"},
         "lead": ["gemeenten", "vng"]},
        {"id": "d-coordination", "theme": "d", "status": "decided",
         "title": {"nl": "Zorgcoördinatie", "en": "Care coordination"}, "partners": ["gemeenten"]},
    ],
    "indicators": [
        {"code": "detectives", "nl": "Gecertificeerde rechercheurs", "en": "Certified detectives", "unit": "count",
         "source": "manual", "themes": ["b"], "measures": ["b-training"]},
        {"code": "signals-per-form", "nl": "Signalen", "en": "Signals", "unit": "count", "source": "computed",
         "computation": "signals_per_form_quarter", "themes": ["b"]},
        {"code": "coverage", "nl": "Dekking", "en": "Coverage", "unit": "percent", "source": "computed",
         "computation": "coordination_coverage", "themes": ["d"]},
    ],
    "goals": [{"indicator": "detectives", "theme": "b", "target_value": 20, "target_date": "2019-12-31",
               "description": {"nl": "20 per jaar", "en": "20 a year"}}],
}


@pytest.fixture
def doc():
    return copy.deepcopy(DOC)


@pytest.fixture
def ministry(db):
    return make_organisation("ministry", "national", "Ministerie van Justitie en Veiligheid")


@pytest.fixture
def policy(ministry):
    return actor_for(make_member(ministry, "policy"))


@pytest.fixture
def plan(policy, doc):
    from keten.apps.plan.services import plan_import

    return plan_import(actor=policy, doc=doc)


# The organisation types the test documents' partners may name.
TYPES = frozenset({"police", "municipality"})


def put(*path_and_value):
    """A change to a document: the value at the path (keys and list positions), added if absent."""
    *path, value = path_and_value

    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def add(section, entry):
    return lambda doc: doc[section].append(entry)


def both(*changes):
    def change(doc):
        for c in changes:
            c(doc)
    return change


# Input a plan document must refuse, each named where it is: (what, change to DOC, where). Codes
# and ids end up in web addresses, texts in columns of a fixed length, numbers in columns with a
# fixed number of decimals.
BAD_INPUT = [
    ("measure id with a space", put("measures", 0, "id", "b training"), "measures[0].id"),
    ("measure id with a slash", put("measures", 0, "id", "b/training"), "measures[0].id"),
    ("measure id with an accent", put("measures", 0, "id", "b-opleiding-é"), "measures[0].id"),
    ("measure id a number", put("measures", 0, "id", 12), "measures[0].id"),
    ("measure id too long", put("measures", 0, "id", "m" * 81), "measures[0].id"),
    ("theme code with a slash", add("themes", {"code": "x/y", "nl": "X"}), "themes[2].code"),
    ("theme code too long", add("themes", {"code": "abcde", "nl": "X"}), "themes[2].code"),
    ("theme code twice", add("themes", {"code": "b", "nl": "Nog eens b"}), "themes[2].code"),
    ("partner code with a space", add("partners", {"code": "v n g", "nl": "VNG"}), "partners[3].code"),
    ("partner code too long", add("partners", {"code": "p" * 41, "nl": "P"}), "partners[3].code"),
    ("indicator code with a dot", add("indicators", {"code": "a.b", "nl": "X", "unit": "count"}), "indicators[3].code"),
    ("indicator code a list", put("indicators", 0, "code", ["detectives"]), "indicators[0].code"),
    ("title a number", put("measures", 0, "title", "nl", 42), "measures[0].title.nl"),
    ("English title a list", put("measures", 0, "title", "en", ["x"]), "measures[0].title.en"),
    ("description a set of fields", put("measures", 0, "description", {"nl": {"x": 1}}), "measures[0].description.nl"),
    ("passage a number", put("measures", 0, "passage", 5), "measures[0].passage"),
    ("theme name a number", put("themes", 0, "nl", 7), "themes[0].nl"),
    ("partner English name a number", put("partners", 0, "en", 3), "partners[0].en"),
    ("funding note a number", put("measures", 0, "funding", 0, "note", 7), "measures[0].funding[0].note"),
    ("date label a list", put("measures", 0, "dates", 0, "label", ["start"]), "measures[0].dates[0].label"),
    ("definition a number", put("indicators", 0, "definition", {"nl": 1}), "indicators[0].definition.nl"),
    ("goal series a number", put("goals", 0, "series", 2019), "goals[0].series"),
    ("plan source a number", put("source", 5), "source"),
    ("text with a NUL character", put("measures", 0, "title", "nl", "a\x00b"), "measures[0].title.nl"),
    ("title too long", put("measures", 0, "title", "nl", "t" * 301), "measures[0].title.nl"),
    ("English title too long", put("measures", 0, "title", "en", "t" * 301), "measures[0].title.en"),
    ("source document too long", put("measures", 0, "source_document", "s" * 301), "measures[0].source_document"),
    ("theme name too long", put("themes", 0, "en", "n" * 201), "themes[0].en"),
    ("partner name too long", put("partners", 0, "nl", "n" * 201), "partners[0].nl"),
    ("funding note too long", put("measures", 0, "funding", 0, "note", "n" * 301), "measures[0].funding[0].note"),
    ("date label too long", put("measures", 0, "dates", 0, "label", {"nl": "l" * 201}),
     "measures[0].dates[0].label.nl"),
    ("computation too long", put("indicators", 1, "computation", "c" * 61), "indicators[1].computation"),
    ("a computation Keten does not have", put("indicators", 1, "computation", "victims_on_mars"),
     "indicators[1].computation"),
    ("a computed indicator without its computation", put("indicators", 2, "computation", ""),
     "indicators[2].computation"),
    ("goal series too long", put("goals", 0, "series", "s" * 61), "goals[0].series"),
    ("plan source too long", put("source", "s" * 301), "source"),
    ("plan title too long", put("title", {"nl": "t" * 201, "en": "Plan"}), "title.nl"),
    ("version label too long", put("version_label", {"nl": "v" * 201}), "version_label.nl"),
    ("measures not a list", put("measures", {"b-training": {}}), "measures"),
    ("a measure's themes as one text", put("measures", 1, "themes", "b"), "measures[1].themes"),
    ("a lead that is not a code", put("measures", 0, "lead", ["politie", {"code": "x"}]), "measures[0].lead[1]"),
    ("an organisation type in a list", put("partners", 0, "organisation_types", [["police"]]),
     "partners[0].organisation_types[0]"),
    ("a date that is only a date", put("measures", 0, "dates", ["2019-01-01"]), "measures[0].dates[0]"),
    ("an amount in tenths of cents", put("measures", 0, "funding", 0, "amount_eur", 1.005),
     "measures[0].funding[0].amount_eur"),
    ("a last year beyond the column", put("measures", 0, "funding", 0, "to_year", 40000),
     "measures[0].funding[0].to_year"),
    ("a first year that is true", put("measures", 0, "funding", 0, "from_year", True),
     "measures[0].funding[0].from_year"),
    ("structural as text", put("measures", 0, "funding", 0, "structural", "no"), "measures[0].funding[0].structural"),
    ("a target with three decimals", put("goals", 0, "target_value", 20.125), "goals[0].target_value"),
    ("a unit in a list", put("indicators", 0, "unit", ["count"]), "indicators[0].unit"),
    ("a goal's indicator in a list", put("goals", 0, "indicator", ["detectives"]), "goals[0].indicator"),
    ("a measure's theme in a list", put("measures", 0, "theme", ["b"]), "measures[0].theme"),
    ("a start that is no date", put("measures", 0, "start_on", "2020-13-01"), "measures[0].start_on"),
    ("an end before the start", both(put("measures", 0, "start_on", "2020-06-01"),
                                     put("measures", 0, "end_on", "2020-01-01")), "measures[0].end_on"),
    ("an unknown related measure", put("measures", 0, "related", ["nope"]), "measures[0].related"),
    ("a measure related to itself", put("measures", 0, "related", ["b-training"]), "measures[0].related"),
    ("a goal under an unknown theme", put("goals", 0, "theme", "zz"), "goals[0].theme"),
    ("an indicator under an unknown theme", put("indicators", 0, "themes", ["zz"]), "indicators[0].themes"),
    ("the same goal twice", lambda doc: doc["goals"].append(copy.deepcopy(doc["goals"][0])), "goals[1]"),
]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))


# Every place in the test document and the optional fields it leaves out, and any JSON to put
# there: validation and import must cope with all of it.
PLACES = [p for p in _paths(DOC) if p and p[0] != "schema"] + [
    ("title",), ("version_label",), ("measures", 0, "start_on"), ("measures", 0, "end_on"),
    ("measures", 0, "source_document"), ("measures", 0, "related"), ("measures", 0, "description"),
    ("measures", 0, "funding", 0, "note"), ("measures", 0, "funding", 0, "to_year"), ("goals", 0, "series"),
    ("goals", 0, "measure"), ("indicators", 0, "definition"), ("indicators", 0, "computation")]
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=320),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                max_size=3), max_leaves=6)
