"""Figures across organisations: the counts are right, and nothing small gets out by page, CSV or API."""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter
from datetime import date, datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keten.apps.care.models import Case
from keten.apps.figures import selectors
from keten.apps.intake import codelists as intake_codes
from keten.engines.disclosure import THRESHOLD

from ...conftest import actor_for, make_member, make_organisation
from .records import case as _case
from .records import signal as _signal


@pytest.fixture
def world(db):
    """2024: 30 possible victims and 40 signals, with groups above and below the threshold."""
    desk = make_organisation("registration_desk", "national", "CoMensha")
    police = make_organisation("police", "rotterdam", "Politie eenheid Rotterdam")
    inspectorate = make_organisation("labour_inspectorate", "national", "Nederlandse Arbeidsinspectie")
    policy = actor_for(make_member(make_organisation("ministry", "national", "Ministerie van JenV"), "policy"))
    when = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)
    for i in range(20):  # reported by the police: Romanian women born in 2000, sexual exploitation
        signal = _signal(police, date(2024, 5, 1), forms=("sexual_domestic",), origin="RO", smuggling="no",
                         municipality="GM0599")  # Rotterdam
        _case(desk, when, gender="female", birth_year=2000, nationality="RO", forms=("sexual_domestic",),
              signal=signal)
    for i in range(7):  # reported by the inspectorate: Polish men aged 21, labour; 2 also criminal
        signal = _signal(inspectorate, date(2024, 4, 1), origin="PL", smuggling="yes")
        _case(desk, when, gender="male", birth_year=2003, nationality="PL",
              forms=("labour", "criminal") if i < 2 else ("labour",), signal=signal)
    for i in range(3):  # registered without a signal: minors of unknown age, one Eritrean, two Dutch
        _case(desk, when, gender="male", minor=True, nationality="ER" if i == 0 else "NL", forms=("criminal",))
    for i in range(13):  # signals without a case, one a draft that does not count
        _signal(police, date(2024, 9, 1), forms=("labour",), origin="" if i else "BG")
    _signal(police, date(2024, 9, 1), status="draft")
    _case(desk, datetime(2023, 3, 1, tzinfo=timezone.utc), nationality="NL")  # another year
    merged_into = _case(desk, datetime(2023, 3, 1, tzinfo=timezone.utc))
    Case.objects.filter(pk=_case(desk, when).pk).update(merged_into=merged_into)  # counted once, in 2023
    return policy


def _rows(table):
    return {row.code: row.count for row in table.rows}


def _table(figures, key):
    return next(t for t in figures.victims + figures.signals if t.key == key)


def test_the_victims_of_a_year_are_counted_by_gender_age_nationality_and_reporter(world):
    figures = selectors.figures(actor=world, year=2024)
    assert figures.year == 2024 and figures.years == (2024, 2023)
    gender = _table(figures, "victims_gender")
    assert gender.total == 30 and _rows(gender) == {"female": 20, "male": 10, "other": 0, "unknown": 0}
    age = _rows(_table(figures, "victims_age"))
    # 7 aged 21 and 3 minors of unknown age are too few to show; together they are 10, so 30 - 20 tells
    # nothing of either; zeros are shown, as they tell of nobody
    assert age == {"under_15": 0, "15_17": 0, "minor": None, "18_22": None, "23_plus": 20, "unknown": 0}
    nationality = _table(figures, "victims_nationality")
    assert _rows(nationality)["RO"] == 20 and "PL" not in _rows(nationality)  # 7 Poles join "other"
    assert nationality.rows[-2].code == "other" and nationality.rows[-1].code == "unknown"
    reporters = _rows(_table(figures, "victims_reported_by"))
    assert reporters["police"] == 20 and reporters["labour_inspectorate"] is None and reporters["unknown"] is None
    assert _rows(_table(figures, "victims_region")) == {"rotterdam": 20, "unknown": 10}  # 7 + 3 without a place
    forms = _table(figures, "victims_forms")
    assert not forms.partition and _rows(forms)["sexual_domestic"] == 20 and _rows(forms)["labour"] is None


def test_signals_count_in_the_year_observed_and_drafts_do_not_count(world):
    figures = selectors.figures(actor=world, year=2024)
    recorded = _table(figures, "signals_organisation_type")
    # 7 from the inspectorate are too few; beside a total of 40, the police's 33 would give them away
    assert recorded.total == 40 and _rows(recorded) == {"police": None, "labour_inspectorate": None}
    assert _rows(_table(figures, "signals_region")) == {"rotterdam": 20, "unknown": 20}
    assert _rows(_table(figures, "signals_smuggling")) == {"yes": None, "no": 20, "unknown": None}
    origin = _rows(_table(figures, "signals_origin"))
    assert origin == {"RO": 20, "other": None, "unknown": None}  # PL 7 + BG 1 = 8 others, 12 not recorded
    per_year = {row.year: row for row in figures.per_year}
    assert per_year[2024].victims == 30 and per_year[2024].signals == 40 and per_year[2024].minors is None
    assert per_year[2023].victims is None  # two cases: the merged one counts in its survivor only


def test_the_newest_whole_year_is_shown_when_none_is_asked(world):
    assert selectors.figures(actor=world).year == 2024


def test_without_permission_there_are_no_figures(db):
    from keten.apps.accounts.actor import PermissionDenied

    frontline = actor_for(make_member(make_organisation("police", "amsterdam", "Politie eenheid Amsterdam"),
                                      "frontline"))
    with pytest.raises(PermissionDenied):
        selectors.figures(actor=frontline)


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(["NL", "RO", "PL", "BG", "NG", "UA", "HU", "CN", ""]),
                       st.integers(min_value=0, max_value=60)))
def test_grouping_shows_no_rare_country_and_keeps_the_total(counts):
    from keten.apps.figures import citizenship

    table = selectors._countries_table("t", "T", citizenship.protect(Counter(counts), eurostat=False))
    named = [row for row in table.rows if row.code not in ("other", "unknown")]
    assert all(row.count is None or row.count >= THRESHOLD for row in named)
    assert {row.code for row in named} == {c for c, n in counts.items() if c and n >= THRESHOLD}
    shown = [row.count for row in table.rows if row.count is not None]
    held = sum(counts.get(row.code, 0) if row.code not in ("other", "unknown") else
               (sum(n for c, n in counts.items() if c and n < THRESHOLD) if row.code == "other" else counts.get("", 0))
               for row in table.rows if row.count is None)
    assert sum(shown) + held == sum(counts.values())
    assert all(n == 0 or n >= THRESHOLD for n in shown)
    if held and table.total is not None:  # what is held back cannot be worked out from the total
        assert held >= THRESHOLD and sum(row.count is None for row in table.rows) >= 2
    places = [row.count is None for row in named]
    assert places == sorted(places)  # held back last, so their place does not rank them


def test_the_page_the_csv_and_the_api_show_the_same_protected_counts(world, signed_in):
    client = signed_in(world.membership)
    client.cookies["keten_language"] = "en"
    page = client.get("/figures/?year=2024")
    assert page.status_code == 200 and page.context["figures"].year == 2024
    body = page.content.decode()
    assert "Possible victims registered in 2024" in body and "not shown" in body and "Romania" in body

    export = client.get("/figures/csv/?year=2024")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    gender = {r["code"]: r["count"] for r in rows if r["table"] == "victims_gender"}
    assert gender == {"female": "20", "male": "10", "other": "0", "unknown": "0", "total": "30"}
    assert all(r["count"] == "" or int(r["count"]) == 0 or int(r["count"]) >= THRESHOLD for r in rows)

    api = client.get("/api/v1/figures/?year=2024")
    assert api.status_code == 200
    tables = {t["key"]: t for t in api.json()["victims"] + api.json()["signals"]}
    assert {r["code"]: r["count"] for r in tables["victims_reported_by"]["rows"]}["labour_inspectorate"] is None
    assert tables["victims_forms"]["partition"] is False


@pytest.mark.parametrize("year", ["abc", "1899", "3000"])
def test_a_wrong_year_is_explained(world, signed_in, year):
    client = signed_in(world.membership)
    client.cookies["keten_language"] = "en"
    api = client.get(f"/api/v1/figures/?year={year}")
    assert api.status_code == 400 and "year" in api.json()["errors"]["year"][0].lower()
    assert set(api.json()["errors"]) == {"year"}
    assert client.get(f"/figures/csv/?year={year}").status_code == 400
    page = client.get(f"/figures/?year={year}")
    assert page.status_code == 200 and "Give" in page.content.decode() and page.context["figures"].year == 2024


def test_minors_are_not_shown_where_the_adults_beside_them_would_be_too_few(db):
    desk = make_organisation("registration_desk", "national", "CoMensha")
    policy = actor_for(make_member(make_organisation("ministry", "national", "Ministerie van JenV"), "policy"))
    when = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)
    for i in range(18):
        _case(desk, when, gender="female" if i < 12 else "male", birth_year=2010, minor=True)
    for _ in range(7):
        _case(desk, when, birth_year=1990)
    figures = selectors.figures(actor=policy, year=2024)
    [year] = figures.per_year
    assert year.victims == 25 and year.minors is None  # 25 - 18 would tell there are 7 adults
    age = _rows(_table(figures, "victims_age"))
    assert age["23_plus"] is None and age["under_15"] is None  # together: 25 - 18 = 7 again


def test_a_case_counts_where_and_by_whom_its_first_signal_was_seen(db):
    from keten.apps.care.models import CaseSignal

    desk = make_organisation("registration_desk", "national", "CoMensha")
    police = make_organisation("police", "rotterdam", "Politie eenheid Rotterdam")
    inspectorate = make_organisation("labour_inspectorate", "national", "Nederlandse Arbeidsinspectie")
    when = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)
    later = _signal(police, date(2024, 5, 1), municipality="GM0599")
    earlier = _signal(inspectorate, date(2024, 3, 1), municipality="GM0363")
    undated = _signal(police, None, municipality="GM0344")  # a day not known: never first while one is
    twice = _case(desk, when, signal=later)
    CaseSignal.objects.create(case=twice, signal=earlier)
    CaseSignal.objects.create(case=twice, signal=undated)
    _case(desk, when, signal=_signal(police, date(2024, 1, 1), municipality="GM0599"))
    _case(desk, when)
    first = selectors._first_signals(Case.objects.all(), 3)
    assert first["type"] == Counter({"labour_inspectorate": 1, "police": 1, "unknown": 1})
    assert first["region"] == Counter({"amsterdam": 1, "rotterdam": 1, "unknown": 1})




_GENDERS = ("female", "male", "other", "unknown")
_AGES = ("under_15", "15_17", "minor", "18_22", "23_plus", "unknown")
_YOUNG = _AGES[:3]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.just(0), st.integers(min_value=1, max_value=14)), min_size=24, max_size=24))
def test_no_small_count_can_be_worked_out_across_the_tables_of_a_year(sizes):
    """Gender, age, minors and minors by gender all count the same persons (a table of gender by age
    group, never shown itself). Given every number that is shown, linear programming finds how large
    each count held back, and the adults of each gender, could be: a small one is never held below 10."""
    from keten.apps.figures import persons

    cell = dict(zip(itertools.product(_GENDERS, _AGES), sizes))
    shown = persons.protect(Counter(cell))
    published = [(list(cell), shown.total), ([k for k in cell if k[1] in _YOUNG], shown.minors)]
    published += [([(g, a) for a in _AGES], shown.gender[g]) for g in _GENDERS]
    published += [([(g, a) for g in _GENDERS], shown.age[a]) for a in _AGES]
    published += [([(g, a) for a in _YOUNG], shown.minors_gender[g]) for g in _GENDERS]
    eurostat_sex = {"F": ["female"], "M": ["male"], "UNK": ["other", "unknown"], "T": list(_GENDERS)}
    eurostat_age = {"Y_LT18": _YOUNG, "Y_GE18": _AGES[3:], "TOTAL": _AGES}
    published += [([(g, a) for g in eurostat_sex[sex] for a in eurostat_age[age]], value)
                  for (sex, age), value in shown.eurostat.items()]
    for keys, value in published:  # what is shown is exact
        assert value is None or value == sum(cell[k] for k in keys)

    adults = [[(g, a) for g in genders for a in _AGES[3:]] for genders in [_GENDERS] + [[g] for g in _GENDERS]]
    adults += [[(g, a) for a in _YOUNG] for g in _GENDERS]  # and the minors of each gender
    _assert_none_pinned(cell, published, [keys for keys, value in published if value is None] + adults)


def _assert_none_pinned(cell: dict, published: list, watched: list) -> None:
    """Given the sums shown, no watched group of 1 to 9 can be told to be under 10 (linear programming)."""
    import numpy as np
    from scipy.optimize import linprog

    index = {key: i for i, key in enumerate(cell)}
    given_ = [(keys, value) for keys, value in published if value is not None and keys]
    a_eq = np.zeros((len(given_), len(cell)))
    for row, (keys, _value) in enumerate(given_):
        a_eq[row, [index[k] for k in keys]] = 1
    b_eq = [value for _keys, value in given_]
    for keys in watched:
        actual = sum(cell[k] for k in keys)
        if not 0 < actual < THRESHOLD:
            continue
        c = np.zeros(len(cell))
        c[[index[k] for k in keys]] = -1
        top = linprog(c, A_eq=a_eq if given_ else None, b_eq=b_eq if given_ else None, bounds=(0, None))
        assert top.status in (0, 3)  # feasible, as the truth is; unbounded is fine
        assert top.status == 3 or -top.fun >= THRESHOLD - 1e-6, f"{actual} of {keys} can be told to be under 10"



_NATIONS = ("NL", "RO", "PL", "BG", "NG", "ER", "UA", "")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.just(0), st.integers(min_value=1, max_value=25)), min_size=8, max_size=8))
def test_no_small_nationality_can_be_worked_out_from_the_page_and_the_eurostat_citizenship(sizes):
    """The page names nationalities of ten or more and puts the rest in "other"; Eurostat counts own
    country, other EU and outside the EU. Together they could give a small nationality away."""
    from keten.apps.figures import citizenship

    counts = Counter(dict(zip(_NATIONS, sizes)))
    shown = citizenship.protect(counts)
    small = [c for c in _NATIONS if c and 0 < counts[c] < THRESHOLD]
    groups = {"NAT": ["NL"], "EU27_2020_FOR": ["RO", "PL", "BG"], "NEU27_2020_FOR": ["NG", "ER", "UA"],
              "UNK": [""], "TOTAL": list(_NATIONS)}
    published = [([c], n) for c, n in shown.named] + [(small, shown.other), ([""], shown.unknown),
                                                      (list(_NATIONS), shown.total)]
    published += [(groups[code], n) for code, n in shown.citizen.items()]
    for keys, value in published:
        assert value is None or value == sum(counts[k] for k in keys)
    assert {c for c, _n in shown.named} == {c for c in _NATIONS if c and counts[c] >= THRESHOLD}

    cell = {c: counts[c] for c in _NATIONS}
    _assert_none_pinned(cell, published, [[c] for c in small] + [keys for keys, value in published if value is None])


def test_the_eurostat_file_has_sex_by_age_and_citizenship_with_held_back_cells_flagged(world, signed_in):
    client = signed_in(world.membership)
    response = client.get("/figures/eurostat/?year=2024")
    assert response.status_code == 200 and 'keten-eurostat-2024.csv' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by = {(r["dataset"], r["sex"], r["age"], r["citizen"]): r for r in rows}
    assert by["crim_thb_vsage", "T", "TOTAL", "TOTAL"]["value"] == "30"
    assert by["crim_thb_vsage", "F", "Y_GE18", "TOTAL"]["value"] == "20"  # the twenty Romanian women
    assert by["crim_thb_vsage", "M", "Y_LT18", "TOTAL"] == {**by["crim_thb_vsage", "M", "Y_LT18", "TOTAL"],
                                                            "value": "", "flag": "c"}  # three boys
    assert len({r["citizen"] for r in rows if r["dataset"] == "victims_by_citizenship"}) == 5
    assert all((r["value"] == "") == (r["flag"] == "c") for r in rows)
    assert all(r["value"] == "" or int(r["value"]) == 0 or int(r["value"]) >= THRESHOLD for r in rows)
