"""Demo cases from the demo signals: registered at CoMensha, referred to care coordinators, the
police for the reflection period and shelters, with steps, deadlines and placements — so the demo
shows a living referral mechanism. Deterministic by seed; loaded once."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.models import Municipality, Organisation
from keten.apps.care import services
from keten.apps.care.models import Case, CareCoordination, Facility
from keten.apps.care.services.cases import PossibleDuplicate, case_add_signals
from keten.apps.common.errors import ApplicationError
from keten.apps.intake.models import Signal, SignalShare

CARE_PERMISSIONS = frozenset({
    "intake.view_signals", "care.register_case", "care.view_cases", "care.edit_case", "care.refer_case",
    "care.respond_referral", "care.manage_tasks", "care.request_placement", "care.view_capacity",
    "care.manage_coordination", "care.manage_shelter"})
FACILITIES = [  # name, categories, region, places, languages, secure
    ("COSM Midden (fictief)", ["cosm"], "midden-nederland", 20, ["en", "ro", "bg"], False),
    ("COSM West (fictief)", ["cosm"], "den-haag", 15, ["en", "pl"], True),
    ("COSM Zuid (fictief)", ["cosm"], "oost-brabant", 12, ["en", "es"], False),
    ("Vrouwenopvang Rotterdam (fictief)", ["women", "social"], "rotterdam", 30, ["nl", "en"], True),
    ("Mannenopvang Amsterdam (fictief)", ["men", "social"], "amsterdam", 10, ["nl", "en", "pl"], False),
    ("Jeugdzorg Plus Utrecht (fictief)", ["youth_specialised", "protected_minors"], "midden-nederland", 8,
     ["nl"], True),
]


def load(*, seed: int, cases: int = 300) -> int:
    if Case.objects.exists():
        return 0
    desk = Organisation.objects.filter(type="registration_desk").first()
    shelter_org = Organisation.objects.filter(type="shelter").first()
    if desk is None or shelter_org is None:
        return 0
    rng = random.Random(seed * 104729 + 3)
    actor = Actor.system("demo-data", permissions=CARE_PERMISSIONS, organisation=desk)
    with transaction.atomic():
        facilities = _facilities(shelter_org)
        _coordination(rng, actor)
        made = _cases(rng, actor, facilities, cases)
    return made


def _facilities(shelter_org) -> list[Facility]:
    keeper = Actor.system("demo-data", permissions=CARE_PERMISSIONS, organisation=shelter_org)
    return [services.facility_create(actor=keeper, name=name, categories=categories, region=region, places=places,
                                     spoken=languages, secure=secure, genders=["male"] if "men" in categories else
                                     (["female"] if "women" in categories else []),
                                     min_age=0 if "youth_specialised" in categories else 18,
                                     max_age=17 if "youth_specialised" in categories else 120)
            for name, categories, region, places, languages, secure in FACILITIES]


def _coordination(rng: random.Random, actor: Actor) -> None:
    coordinators = {o.municipality_id: o for o in Organisation.objects.filter(type="municipality")}
    care = Organisation.objects.filter(type="care_coordination").first()
    for municipality in Municipality.objects.order_by("code"):
        if rng.random() < 0.8:
            organisation = coordinators.get(municipality.code) or care
            if organisation is not None:
                services.coordination_set(actor=actor, municipality_code=municipality.code,
                                          organisation_id=organisation.pk, contact="Zorgcoördinatie mensenhandel",
                                          since=timezone.localdate() - timedelta(days=rng.randrange(200, 2500)))


def _cases(rng: random.Random, actor: Actor, facilities: list[Facility], wanted: int) -> int:
    since = timezone.localdate() - timedelta(days=540)
    signals = list(Signal.objects.filter(external_reference__startswith="DEMO-", observed_on__gte=since)
                   .exclude(status__in=["draft", "new"]).order_by("external_reference")[: wanted * 2])
    rng.shuffle(signals)
    SignalShare.objects.bulk_create([SignalShare(signal=s, organisation=actor.organisation, reason="demo")
                                     for s in signals[:wanted] if s.organisation_id != actor.organisation_id])
    municipalities = list(Organisation.objects.filter(type="municipality"))
    police = {o.region: o for o in Organisation.objects.filter(type="police")}
    made = 0
    for signal in signals[:wanted]:
        try:
            case = services.case_register(actor=actor, signal_ids=[signal.pk], dublin=rng.random() < 0.1,
                                          dossier_type=rng.choice(["registration", "registration_shelter",
                                                                   "registration_advice"]))
        except PossibleDuplicate as exc:
            case_add_signals(actor=actor, case_id=exc.matches[0]["id"], signal_ids=[signal.pk])
            continue
        except ApplicationError:
            continue
        made += 1
        _registered_after(rng, case, signal)
        _work_on(rng, actor, case, signal, municipalities, police, facilities)
    return made


def _registered_after(rng, case, signal) -> None:
    """A registration follows its signal by days to weeks, so figures per year spread as they would."""
    if signal.observed_on is None:
        return
    day = min(signal.observed_on + timedelta(days=rng.randrange(1, 22)), timezone.localdate())
    moment = timezone.make_aware(datetime.combine(day, time(10)) + timedelta(minutes=rng.randrange(480)))
    Case.objects.filter(pk=case.pk).update(created_at=min(moment, timezone.now()))


def _work_on(rng, actor, case, signal, municipalities, police, facilities) -> None:
    observed = signal.observed_on or timezone.localdate()
    if case.foreign and not case.is_minor and rng.random() < 0.6:
        services.case_event_add(actor=actor, case_id=case.pk, kind="step", step="reflection_offered",
                                occurred_on=observed.isoformat())
        services.case_event_add(actor=actor, case_id=case.pk, kind="step", step="reflection_started",
                                occurred_on=(observed + timedelta(days=2)).isoformat())
        unit = police.get(signal.municipality.region if signal.municipality else "", None)
        if unit is not None:
            _refer(rng, actor, case, unit, "reflection_period", "Bedenktijd B8/3 en gesprek over aangifte.")
        if rng.random() < 0.5:
            request = services.placement_request(actor=actor, case_id=case.pk, category="cosm")
            _place(rng, actor, request, facilities)
    coordinator = next((m for m in municipalities if signal.municipality_id and
                        m.municipality_id == signal.municipality_id), None) or rng.choice(municipalities)
    if rng.random() < 0.7:
        _refer(rng, actor, case, coordinator, "care_coordination", "Zorgtraject opstarten en begeleiden.")
    if case.is_minor and rng.random() < 0.5:
        request = services.placement_request(actor=actor, case_id=case.pk, category="youth_specialised",
                                             needs_security=rng.random() < 0.5)
        _place(rng, actor, request, facilities)


def _refer(rng, actor, case, organisation, kind, purpose) -> None:
    try:
        referral = services.referral_send(actor=actor, case_id=case.pk, to_organisation_id=organisation.pk, kind=kind,
                                          purpose=purpose, consent="given")
    except ApplicationError:
        return
    roll = rng.random()
    if roll < 0.65:
        receiver = Actor.system("demo-data", permissions=CARE_PERMISSIONS, organisation=organisation)
        services.referral_change(actor=receiver, referral_id=referral.pk, to_status="accepted",
                                 version=referral.version)
    elif roll < 0.75:
        receiver = Actor.system("demo-data", permissions=CARE_PERMISSIONS, organisation=organisation)
        services.referral_change(actor=receiver, referral_id=referral.pk, to_status="declined",
                                 version=referral.version, answer="Geen capaciteit deze maand.")


def _place(rng, actor, request, facilities) -> None:
    fitting = [f for f in facilities if request.category in f.categories]
    rng.shuffle(fitting)
    for facility in fitting:
        try:
            services.placement_make(actor=actor, request_id=request.pk, facility_id=facility.pk)
            return
        except ApplicationError:
            continue  # full: the person waits
