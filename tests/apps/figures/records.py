"""Signals and cases made straight in the database, with the fields figures count and nothing else."""

from __future__ import annotations

import itertools
from datetime import date, datetime

from keten.apps.care.models import Case, CaseForm, CaseSignal
from keten.apps.intake.models import Signal, SignalForm

_numbers = itertools.count(1)


def signal(organisation, observed: date, *, forms=("labour",), origin="", smuggling="unknown", status="forwarded",
           municipality=None):
    n = next(_numbers)
    made = Signal.objects.create(reference=f"S-T-{n:05d}", organisation=organisation, source="web", status=status,
                                 observed_on=observed, country_of_origin=origin, smuggling=smuggling,
                                 municipality_id=municipality)
    SignalForm.objects.bulk_create([SignalForm(signal=made, form=f) for f in forms])
    return made


def case(owner, registered: datetime, *, gender="female", birth_year=None, minor=False, nationality="",
         forms=("labour",), signal=None):
    n = next(_numbers)
    made = Case.objects.create(reference=f"C-T-{n:05d}", owner=owner, gender=gender, birth_year=birth_year,
                               is_minor=minor, nationality=nationality)
    Case.objects.filter(pk=made.pk).update(created_at=registered)
    CaseForm.objects.bulk_create([CaseForm(case=made, form=f) for f in forms])
    if signal is not None:
        CaseSignal.objects.create(case=made, signal=signal)
    return made
