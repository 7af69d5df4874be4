"""Deadlines are pure functions of dates and terms: table-driven, and properties over any date."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keten.apps.care import codelists
from keten.apps.care.deadlines import add_months, add_working_days, deadline, due_date, holidays_in, is_working_day, state

TERMS = codelists.terms()


@pytest.mark.parametrize("start, dublin, due", [
    (date(2024, 1, 10), False, date(2024, 4, 10)),   # three months
    (date(2024, 11, 30), False, date(2025, 2, 28)),  # shorter month: its last day
    (date(2023, 12, 31), False, date(2024, 3, 31)),
    (date(2024, 1, 10), True, date(2024, 2, 9)),     # Dublin after 18 May 2023: 30 days
    (date(2023, 5, 18), True, date(2023, 8, 18)),    # on 18 May itself the old rule still holds
    (date(2023, 5, 19), True, date(2023, 6, 18)),
])
def test_reflection_period(start, dublin, due):
    assert due_date(TERMS["reflection_end"], start, dublin=dublin) == due


@pytest.mark.parametrize("start, days, due", [
    (date(2026, 11, 27), 3, date(2026, 12, 2)),  # Friday + 3 working days = Wednesday
    (date(2026, 11, 28), 1, date(2026, 11, 30)),  # Saturday + 1 = Monday
    (date(2026, 11, 23), 5, date(2026, 11, 30)),
])
def test_working_days_skip_weekends(start, days, due):
    assert add_working_days(start, days) == due


@pytest.mark.parametrize("start, days, due", [
    (date(2026, 12, 23), 3, date(2026, 12, 29)),  # Thu 24, then 25-26 Christmas and the weekend
    (date(2026, 4, 2), 1, date(2026, 4, 3)),      # Good Friday counts as a working day
    (date(2026, 4, 3), 1, date(2026, 4, 7)),      # Easter Monday does not
    (date(2026, 4, 24), 2, date(2026, 4, 29)),    # King's Day, Monday 27 April
    (date(2026, 5, 4), 1, date(2026, 5, 6)),      # 5 May, also outside the lustrum years
    (date(2026, 5, 13), 1, date(2026, 5, 15)),    # Ascension Day
    (date(2026, 5, 22), 1, date(2026, 5, 26)),    # Whit Monday
    (date(2025, 12, 31), 1, date(2026, 1, 2)),    # New Year's Day
    (date(2025, 4, 25), 1, date(2025, 4, 28)),    # King's Day on a Sunday moves to Saturday 26 April
])
def test_working_days_skip_the_holidays_of_the_algemene_termijnenwet(start, days, due):
    assert add_working_days(start, days) == due


@given(st.integers(2014, 2090))
def test_the_holidays_are_those_of_the_law(year):
    from dateutil.easter import easter

    sunday = easter(year)
    kings_day = date(year, 4, 27) if date(year, 4, 27).weekday() != 6 else date(year, 4, 26)
    law = {date(year, 1, 1), sunday + timedelta(days=1), sunday + timedelta(days=39), sunday + timedelta(days=50),
           kings_day, date(year, 5, 5), date(year, 12, 25), date(year, 12, 26)}
    # The calendar may also list Easter Sunday and Whit Sunday, which are Sundays anyway.
    assert {d for d in holidays_in(year) if d.weekday() != 6} == {d for d in law if d.weekday() != 6}
    assert sunday - timedelta(days=2) not in holidays_in(year)  # Good Friday


def test_reminders_come_before_the_deadline_and_never_before_the_start():
    d = deadline("reflection_end", TERMS, date(2024, 1, 10))
    assert d.remind_from == date(2024, 3, 27)
    short = deadline("referral_response", TERMS, date(2026, 11, 27))
    assert short.remind_from >= date(2026, 11, 27) and short.remind_from <= short.due_on


@pytest.mark.parametrize("today, expected", [
    (date(2024, 3, 1), "later"), (date(2024, 3, 27), "due"), (date(2024, 4, 10), "due"), (date(2024, 4, 11), "overdue"),
])
def test_state_of_a_task(today, expected):
    assert state(date(2024, 4, 10), date(2024, 3, 27), today) == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 40))
def test_adding_months_lands_in_the_right_month_and_never_goes_back(start, months):
    result = add_months(start, months)
    assert result >= start
    assert (result.year - start.year) * 12 + result.month - start.month == months
    assert result.day <= start.day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(1, 60))
def test_working_days_land_on_a_working_day_after_exactly_that_many(start, days):
    result = add_working_days(start, days)
    assert result > start and is_working_day(result)
    between = (start + timedelta(days=n) for n in range(1, (result - start).days + 1))
    assert sum(is_working_day(day) for day in between) == days


@given(st.sampled_from(sorted(TERMS)), st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
       st.booleans())
def test_every_term_gives_a_deadline_after_its_start(name, start, dublin):
    d = deadline(name, TERMS, start, dublin=dublin)
    assert start < d.due_on and start <= d.remind_from <= d.due_on
