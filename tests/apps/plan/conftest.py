"""A small plan document (two themes, three measures, an indicator of each kind, goals) and the
actors that work on it."""

from __future__ import annotations

import copy

import pytest

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
