"""The plan as a document in and out: what export writes, import reads back and export writes again
unchanged; what import refuses, it refuses whole, through the service and on the command line, with
every problem named; and a comparison of versions sees every field, dates included."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keten.apps.common.errors import ValidationFailed
from keten.apps.plan import document, services
from keten.apps.plan.computations import COMPUTATIONS
from keten.apps.plan.models import Measure, Plan, PlanChange
from keten.cli.plan import command

from .conftest import BAD_INPUT, DOC, JSON, PLACES, put

pytestmark = pytest.mark.django_db

DB_EXAMPLES = settings(max_examples=40, deadline=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MINISTRY = "Ministerie van Justitie en Veiligheid"  # the `ministry` fixture, a partner may name it


# Documents as export writes them: every field present, lists sorted as export sorts them.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
NAME = TEXT.filter(str.strip)
DAY = st.dates(date(1990, 1, 1), date(2100, 12, 31))


def _sorted_subset(options):
    return st.lists(st.sampled_from(sorted(options)), unique=True).map(sorted) if options else st.just([])


def _amount(low=0, high=10**14 - 1):
    return st.integers(low, high).map(lambda cents: float(Decimal(cents) / 100))


def _bilingual(nl=NAME, en=NAME):
    return st.fixed_dictionaries({"nl": nl, "en": en})


@st.composite
def _funding(draw):
    first = draw(st.integers(document.FIRST_YEAR, document.LAST_YEAR))
    return {"amount_eur": draw(_amount()), "from_year": first,
            "to_year": draw(st.none() | st.integers(first, document.LAST_YEAR)),
            "structural": draw(st.booleans()), "note": draw(TEXT)}


@st.composite
def documents(draw):
    themes = draw(st.lists(st.from_regex(r"[a-z]{1,4}", fullmatch=True), min_size=1, max_size=3, unique=True))
    partners = draw(st.lists(st.from_regex(r"[a-z0-9_-]{1,40}", fullmatch=True), max_size=3, unique=True))
    ids = draw(st.lists(st.from_regex(r"[A-Za-z0-9_-]{1,80}", fullmatch=True), max_size=4, unique=True))
    pairs = draw(st.sets(st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1]),
                         max_size=3)) if len(ids) > 1 else set()
    measures = []
    for mid in ids:
        theme = draw(st.sampled_from(themes))
        start = draw(st.none() | DAY)
        end = draw(st.none() | (DAY.filter(lambda d: d >= start) if start else DAY))
        measures.append({
            "id": mid, "theme": theme, "themes": sorted(set(draw(_sorted_subset(themes))) | {theme}),
            "status": draw(st.sampled_from(document.STATUSES)), "title": draw(_bilingual()),
            "description": draw(_bilingual(TEXT, TEXT)), "lead": draw(_sorted_subset(partners)),
            "partners": draw(_sorted_subset(partners)), "funding": draw(st.lists(_funding(), max_size=2)),
            "dates": sorted(draw(st.lists(st.fixed_dictionaries({"label": _bilingual(), "date": DAY.map(str)}),
                                          max_size=2)), key=lambda d: d["date"]),
            "start_on": start and start.isoformat(), "end_on": end and end.isoformat(),
            "passage": draw(TEXT), "source_document": draw(TEXT),
            "related": sorted({b for a, b in pairs if a == mid} | {a for a, b in pairs if b == mid}),
        })
    measures.sort(key=lambda m: (m["theme"], m["id"]))
    codes = sorted(draw(st.lists(st.from_regex(r"[a-z0-9-]{1,60}", fullmatch=True), max_size=3, unique=True)))
    sources = {code: draw(st.sampled_from(document.SOURCES)) for code in codes}
    indicators = [{"code": code, "nl": draw(NAME), "en": draw(NAME),
                   "unit": draw(st.sampled_from(list(document.UNIT_RANGES))), "source": sources[code],
                   "computation": draw(st.sampled_from(sorted(COMPUTATIONS)) if sources[code] == "computed" else TEXT),
                   "definition": draw(_bilingual(TEXT, TEXT)), "themes": draw(_sorted_subset(themes)),
                   "measures": draw(_sorted_subset(ids))} for code in codes]
    goals = {}
    for indicator in draw(st.lists(st.sampled_from(indicators), max_size=3)) if indicators else []:
        theme = draw(st.none() | st.sampled_from(themes))
        measure = draw(st.sampled_from(ids)) if ids and (theme is None or draw(st.booleans())) else None
        if theme is None and measure is None:
            theme = themes[0]
        ceiling = document.UNIT_RANGES[indicator["unit"]][1]
        goal = {"indicator": indicator["code"], "series": draw(TEXT), "theme": theme, "measure": measure,
                "description": draw(_bilingual()), "target_date": draw(DAY).isoformat(),
                "target_value": draw(_amount(0, ceiling * 100 if ceiling else 10**14 - 1))}
        goals[(goal["indicator"], goal["series"], theme or "", measure or "")] = goal
    return {
        "schema": document.SCHEMA, "source": draw(TEXT), "title": draw(_bilingual()),
        "themes": [{"code": c, "nl": draw(NAME), "en": draw(NAME)} for c in sorted(themes)],
        "partners": [{"code": c, "nl": draw(NAME), "en": draw(NAME),
                      "organisation_types": draw(st.lists(st.sampled_from(["police", "municipality"]), unique=True)),
                      "organisations": draw(st.sampled_from([[], [MINISTRY]]))} for c in sorted(partners)],
        "measures": measures, "indicators": indicators, "goals": [goals[k] for k in sorted(goals)],
    }


@given(doc=documents())
@DB_EXAMPLES
def test_export_gives_back_exactly_the_document_import_read(policy, ministry, doc):
    with transaction.atomic():
        plan = services.plan_import(actor=policy, doc=copy.deepcopy(doc))
        assert services.export(plan) == doc
        # once more through a file, into the plan that now exists
        services.plan_import(actor=policy, doc=json.loads(json.dumps(services.export(plan))))
        assert services.export(plan) == doc
        assert plan.versions.get().snapshot == doc
        transaction.set_rollback(True)


def test_the_letters_plan_survives_export_and_import(policy):
    from keten.apps.plan.letter import load_letter

    plan = load_letter(actor=policy)
    first = services.export(plan)
    assert len(first["indicators"]) >= 4 and len(first["goals"]) == 4 and first["measures"][0]["source_document"]
    services.plan_import(actor=policy, doc=json.loads(json.dumps(first)))
    assert services.export(plan) == first


@given(st.lists(st.tuples(st.sampled_from(PLACES), JSON), min_size=1, max_size=3))
@DB_EXAMPLES
def test_whatever_validation_lets_through_is_stored(policy, changes):
    doc = copy.deepcopy(DOC)
    for path, value in changes:
        try:
            put(*path, value)(doc)
        except (KeyError, IndexError, TypeError):
            pass
    try:
        document.validate(copy.deepcopy(doc), organisation_types=frozenset({"police", "municipality"}))
    except ValidationFailed:
        return
    with transaction.atomic():
        plan = services.plan_import(actor=policy, doc=doc)
        again = services.export(plan)
        services.plan_import(actor=policy, doc=again)
        assert services.export(plan) == again
        transaction.set_rollback(True)


def _run(*args):
    return CliRunner().invoke(command, [str(a) for a in args])


@pytest.mark.parametrize("change, where", [pytest.param(c, w, id=what) for what, c, w in BAD_INPUT])
def test_bad_input_is_refused_whole_by_the_service_and_the_command(plan, policy, tmp_path, change, where):
    before, changes = services.export(plan), PlanChange.objects.count()
    doc = copy.deepcopy(DOC)
    doc["measures"][2]["status"] = "completed"  # a good change beside the bad one, which must not land either
    change(doc)
    with pytest.raises(ValidationFailed) as refused:
        services.plan_import(actor=policy, doc=copy.deepcopy(doc))
    assert where in refused.value.fields
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = _run("import", path)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "nothing was changed" in result.output and f"  {where}: " in result.output
    assert services.export(plan) == before and PlanChange.objects.count() == changes


def test_a_refused_first_import_creates_no_plan(policy):
    doc = copy.deepcopy(DOC)
    for _what, change, _where in BAD_INPUT[:5]:
        change(doc)
    doc["measures"][1]["title"]["nl"] = "t" * 301
    with pytest.raises(ValidationFailed) as refused:
        services.plan_import(actor=policy, doc=doc)
    assert {"measures[0].id", "measures[1].title.nl"} <= refused.value.fields.keys()
    assert not Plan.objects.exists() and not Measure.objects.exists() and not PlanChange.objects.exists()


def test_a_document_that_is_no_plan_is_refused_on_the_command_line(plan, tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    result = _run("import", path)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "not a Keten plan document" in result.output


def test_a_changed_start_date_shows_in_the_comparison(plan, policy, signed_in, ministry):
    from ...conftest import make_member

    measure = plan.measures.get(slug="b-training")
    services.measure_update(actor=policy, measure_id=measure.pk, version=measure.version,
                            data={"title_nl": measure.title_nl, "start_on": date(2018, 3, 1)})
    services.freeze(actor=policy, label="Met startdatum")
    measure.refresh_from_db()
    services.measure_update(actor=policy, measure_id=measure.pk, version=measure.version,
                            data={"title_nl": measure.title_nl, "start_on": date(2018, 9, 1)})
    changes = document.diff(plan.versions.get(number=2).snapshot, services.export(plan))
    assert changes == [{"section": "measures", "key": "b-training", "title": {"nl": "Opleiding rechercheurs",
                                                           "en": "Training of detectives"},
                        "kind": "changed", "fields": {"start_on": {"old": "2018-03-01", "new": "2018-09-01"}}}]
    client = signed_in(make_member(ministry, "policy"))
    page = client.get(reverse("plan:compare") + "?from=2&to=now").content.decode()
    assert "start_on" in page and "2018-03-01" in page and "2018-09-01" in page


def test_a_version_frozen_before_the_format_carried_a_field_shows_no_change_in_it(plan, policy):
    old = services.export(plan)
    for m in old["measures"]:
        for key in ("start_on", "end_on", "source_document", "related"):
            del m[key]
    measure = plan.measures.get(slug="d-policy")
    services.measure_update(actor=policy, measure_id=measure.pk, version=measure.version,
                            data={"title_nl": measure.title_nl, "status": "started", "end_on": date(2020, 1, 1)})
    changes = document.diff(old, services.export(plan))
    assert [(c["key"], c["fields"]) for c in changes] == [
        ("d-policy", {"status": {"old": "decided", "new": "started"}})]


def test_an_older_document_keeps_the_dates_entered_on_the_page(plan, policy, doc):
    measure = plan.measures.get(slug="d-policy")
    services.measure_update(actor=policy, measure_id=measure.pk, version=measure.version,
                            data={"title_nl": measure.title_nl, "start_on": date(2019, 1, 1)})
    Measure.objects.filter(pk=measure.pk).update(source_document="Voortgangsbrief 2019")
    services.plan_import(actor=policy, doc=doc)  # carries no period and no source per measure
    measure.refresh_from_db()
    assert measure.start_on == date(2019, 1, 1) and measure.source_document == "Voortgangsbrief 2019"
    doc["measures"][1]["end_on"] = "2021-12-31"  # one end of the period given: the pair is the document's
    services.plan_import(actor=policy, doc=doc)
    measure.refresh_from_db()
    assert (measure.start_on, measure.end_on) == (None, date(2021, 12, 31))


def test_related_measures_go_both_ways(plan, policy, doc):
    doc["measures"][0]["related"] = ["d-policy"]
    services.plan_import(actor=policy, doc=doc)
    related = {m["id"]: m["related"] for m in services.export(plan)["measures"]}
    assert related == {"b-training": ["d-policy"], "d-coordination": [], "d-policy": ["b-training"]}


def test_an_import_brings_the_title_and_source_in_line(plan, policy, doc):
    doc["title"] = {"nl": "Programma Samen tegen mensenhandel", "en": "Together against human trafficking"}
    doc["source"] = "Programma 2018"
    services.plan_import(actor=policy, doc=doc)
    plan.refresh_from_db()
    assert (plan.title_nl, plan.source) == ("Programma Samen tegen mensenhandel", "Programma 2018")
    assert plan.changes.first().change["title_nl"] == {"old": "Plan van aanpak mensenhandel",
                                                       "new": "Programma Samen tegen mensenhandel"}


def test_a_changed_goal_and_indicator_show_in_the_comparison(plan, policy, doc, signed_in, ministry):
    from ...conftest import make_member

    services.freeze(actor=policy, label="Voor de herziening")
    doc["goals"][0]["target_value"] = 30
    doc["indicators"][0]["en"] = "Detectives certified"
    services.plan_import(actor=policy, doc=doc)
    page = signed_in(make_member(ministry, "policy")).get(reverse("plan:compare") + "?from=2&to=now").content.decode()
    assert "2 verschillen." in page  # the page speaks Dutch by default
    assert "Indicatoren" in page and reverse("plan:indicator", args=["detectives"]) in page
    assert "Doelen" in page and "20 per jaar" in page and "<ins>30" in page and "Detectives certified" in page
