"""Every URL and API endpoint has an access rule, and every role gets exactly what its rule says:
own-organisation records as its permissions allow, other organisations' records never (404),
shared records (the partner directory) always.

Adding an endpoint without adding it to ENDPOINTS below fails this test, and so does a view
without a rule. Later apps extend ENDPOINTS, OBJECTS and the shared-record checks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from keten.apps.accounts import services
from keten.apps.accounts.access import MEMBER, PUBLIC, SIGNED_IN
from keten.apps.accounts.actor import Actor
from keten.apps.accounts.catalogue import role_templates
from keten.apps.accounts.models import Role

from .conftest import actor_for, make_member, make_organisation

HOME_TYPE = {  # an organisation type that admits each role template
    "frontline": "police", "care_coordinator": "municipality", "registration_desk": "registration_desk",
    "investigator": "police", "analyst": "police", "prosecutor": "prosecution", "policy": "ministry",
    "privacy_officer": "police", "org_admin": "police", "bank_compliance": "bank", "system_admin": "operator",
}


@dataclass(frozen=True)
class Endpoint:
    methods: tuple[str, ...]
    kwargs: Callable[["World"], dict] | None = None  # ids of the acting organisation's own records
    foreign_kwargs: Callable[["World"], dict] | None = None  # the same kind of record of another organisation
    shared: bool = False  # records every organisation may see
    payload: Callable[["World"], dict] | None = None  # a well-formed body, so writes reach the record lookup
    shared_kwargs: Callable[["World"], dict] | None = None  # another organisation's record shared with this one
    shared_writes: bool = False  # a shared record may be worked on (cases under an accepted referral), not only read


ENDPOINTS: dict[str, Endpoint] = {
    "set_language": Endpoint(("POST",)),
    "web:home": Endpoint(("GET",)),
    "web:health": Endpoint(("GET",)),
    "accounts:login": Endpoint(("GET", "POST")),
    "accounts:logout": Endpoint(("POST",)),
    "accounts:second_factor": Endpoint(("GET",)),
    "accounts:choose_organisation": Endpoint(("GET", "POST")),
    "accounts:tokens": Endpoint(("GET", "POST")),
    "accounts:token_revoke": Endpoint(("POST",), lambda w: {"token_id": w.token_id}),
    "accounts:directory": Endpoint(("GET",)),
    "accounts:members": Endpoint(("GET",)),
    "accounts:member_add": Endpoint(("POST",)),
    "accounts:member_edit": Endpoint(("GET", "POST"), lambda w: {"membership_id": w.colleague.pk},
                                     lambda w: {"membership_id": w.foreign_member.pk}),
    "accounts:roles": Endpoint(("GET",)),
    "accounts:role_edit": Endpoint(("GET", "POST"), lambda w: {"role_id": w.own_role.pk},
                                   lambda w: {"role_id": w.foreign_role.pk}),
    "accounts:organisations": Endpoint(("GET", "POST")),
    "audit:search": Endpoint(("GET",)),
    "audit:export": Endpoint(("GET",)),
    "audit:verify": Endpoint(("POST",)),
    "v1:schema": Endpoint(("GET",)),
    "v1:docs": Endpoint(("GET",)),
    "v1:me": Endpoint(("GET",)),
    "v1:organisation-list": Endpoint(("GET", "POST")),
    "v1:organisation-detail": Endpoint(("GET",), lambda w: {"organisation_id": w.org.pk},
                                       lambda w: {"organisation_id": w.foreign_org.pk}, shared=True),
    "v1:membership-list": Endpoint(("GET", "POST")),
    "v1:membership-detail": Endpoint(("GET", "PATCH"), lambda w: {"membership_id": w.colleague.pk},
                                     lambda w: {"membership_id": w.foreign_member.pk},
                                     payload=lambda w: {"role_id": str(w.own_role.pk), "is_active": True, "version": 1}),
    "v1:role-list": Endpoint(("GET",)),
    "v1:audit-event-list": Endpoint(("GET",)),
    "v1:audit-verify": Endpoint(("POST",)),
    "intake:list": Endpoint(("GET",)),
    "intake:new": Endpoint(("GET", "POST")),
    "intake:detail": Endpoint(("GET",), lambda w: {"signal_id": w.signal.pk}, lambda w: {"signal_id": w.foreign_signal.pk},
                              shared_kwargs=lambda w: {"signal_id": w.shared_signal.pk}),
    "intake:edit": Endpoint(("GET", "POST"), lambda w: {"signal_id": w.signal.pk},
                            lambda w: {"signal_id": w.foreign_signal.pk}),
    "intake:screen": Endpoint(("GET", "POST"), lambda w: {"signal_id": w.signal.pk},
                              lambda w: {"signal_id": w.foreign_signal.pk}),
    "intake:screen_preview": Endpoint(("POST",), lambda w: {"signal_id": w.signal.pk},
                                      lambda w: {"signal_id": w.foreign_signal.pk}),
    "intake:status": Endpoint(("POST",), lambda w: {"signal_id": w.signal.pk}),
    "intake:attachment_add": Endpoint(("POST",), lambda w: {"signal_id": w.signal.pk}),
    "intake:attachment": Endpoint(("GET",), lambda w: {"signal_id": w.signal.pk, "attachment_id": w.attachment.pk},
                                  lambda w: {"signal_id": w.foreign_signal.pk, "attachment_id": w.foreign_attachment.pk}),
    "intake:training": Endpoint(("GET",)),
    "intake:training_case": Endpoint(("GET", "POST"), lambda w: {"vignette_id": w.vignette}),
    "intake:public_report": Endpoint(("GET", "POST")),
    "v1:signal-list": Endpoint(("GET", "POST")),
    "v1:signal-detail": Endpoint(("GET", "PUT"), lambda w: {"signal_id": w.signal.pk},
                                 lambda w: {"signal_id": w.foreign_signal.pk},
                                 payload=lambda w: {"forms": ["labour"], "version": 1},
                                 shared_kwargs=lambda w: {"signal_id": w.shared_signal.pk}),
    "v1:signal-status": Endpoint(("POST",), lambda w: {"signal_id": w.signal.pk},
                                 lambda w: {"signal_id": w.foreign_signal.pk},
                                 payload=lambda w: {"to": "closed", "version": 1, "reason": "duplicate"}),
    "v1:signal-screening": Endpoint(("POST",), lambda w: {"signal_id": w.signal.pk},
                                    lambda w: {"signal_id": w.foreign_signal.pk},
                                    payload=lambda w: {"framework": "ilo_adult_labour"}),
    "v1:framework-list": Endpoint(("GET",)),
    "intake:import": Endpoint(("GET", "POST")),
    "intake:import_mapping": Endpoint(("GET", "POST")),
    "intake:import_template": Endpoint(("GET",)),
    "jobs:detail": Endpoint(("GET",), lambda w: {"job_id": w.job.pk}, lambda w: {"job_id": w.foreign_job.pk}),
    "jobs:progress": Endpoint(("GET",), lambda w: {"job_id": w.job.pk}, lambda w: {"job_id": w.foreign_job.pk}),
    "v1:case-list": Endpoint(("GET", "POST")),
    "v1:case-detail": Endpoint(("GET",), lambda w: {"case_id": w.case.pk}, lambda w: {"case_id": w.foreign_case.pk},
                               shared_kwargs=lambda w: {"case_id": w.shared_case.pk}),
    "v1:case-events": Endpoint(("POST",), lambda w: {"case_id": w.case.pk}, lambda w: {"case_id": w.foreign_case.pk},
                               shared_kwargs=lambda w: {"case_id": w.shared_case.pk}, shared_writes=True,
                               payload=lambda w: {"kind": "note", "note": "x"}),
    "v1:case-referrals": Endpoint(("POST",), lambda w: {"case_id": w.case.pk},
                                  lambda w: {"case_id": w.foreign_case.pk},
                                  payload=lambda w: {"to_organisation": str(w.third_org.pk), "kind": "care_coordination",
                                                     "purpose": "x", "consent": "given"}),
    "v1:case-signals": Endpoint(("POST",), lambda w: {"case_id": w.case.pk}, lambda w: {"case_id": w.foreign_case.pk},
                                shared_kwargs=lambda w: {"case_id": w.shared_case.pk},
                                payload=lambda w: {"signals": [str(w.signal.pk)], "version": 1}),
    "v1:case-legal-hold": Endpoint(("GET", "POST")),
    "v1:case-placement-requests": Endpoint(("POST",), lambda w: {"case_id": w.case.pk},
                                           lambda w: {"case_id": w.foreign_case.pk},
                                           shared_kwargs=lambda w: {"case_id": w.shared_case.pk}, shared_writes=True,
                                           payload=lambda w: {"category": "women"}),
    "v1:placement-request-list": Endpoint(("GET",)),
    "v1:placement-request-options": Endpoint(("GET",), lambda w: {"request_id": w.placement.pk},
                                             lambda w: {"request_id": w.foreign_placement.pk}),
    "v1:placement-request-place": Endpoint(("POST",), lambda w: {"request_id": w.placement.pk},
                                           lambda w: {"request_id": w.foreign_placement.pk},
                                           payload=lambda w: {"facility": str(w.facility.pk), "version": 1}),
    "v1:placement-end": Endpoint(("POST",), lambda w: {"placement_id": w.placed.pk},
                                 lambda w: {"placement_id": w.foreign_placed.pk}),
    "v1:referral-list": Endpoint(("GET",)),
    "v1:referral-answer": Endpoint(("POST",), lambda w: {"referral_id": w.incoming.pk},
                                   lambda w: {"referral_id": w.foreign_referral.pk},
                                   payload=lambda w: {"to": "declined", "version": 1, "answer": "nee"}),
    "v1:task-list": Endpoint(("GET",)),
    "v1:task-done": Endpoint(("POST",), lambda w: {"task_id": w.task.pk}, lambda w: {"task_id": w.foreign_task.pk},
                             payload=lambda w: {"version": 1}),
    "v1:capacity": Endpoint(("GET",)),
    "linkage:overview": Endpoint(("GET",)),
    "linkage:start": Endpoint(("POST",)),
    "linkage:statistics": Endpoint(("GET",)),
    "figures:overview": Endpoint(("GET",)),
    "figures:export": Endpoint(("GET",)),
    "figures:eurostat": Endpoint(("GET",)),
    "v1:figures": Endpoint(("GET",)),
    "care:list": Endpoint(("GET",)),
    "care:register": Endpoint(("GET", "POST")),
    "care:detail": Endpoint(("GET",), lambda w: {"case_id": w.case.pk}, lambda w: {"case_id": w.foreign_case.pk},
                            shared_kwargs=lambda w: {"case_id": w.shared_case.pk}),
    **{name: Endpoint(("POST",), lambda w: {"case_id": w.case.pk}, lambda w: {"case_id": w.foreign_case.pk},
                      shared_kwargs=lambda w: {"case_id": w.shared_case.pk}, shared_writes=True,
                      payload=lambda w, body=body: body(w))
       for name, body in {
           "care:event_add": lambda w: {"event-kind": "note", "event-note": "x", "event-visibility": "shared"},
           "care:referral_send": lambda w: {"referral-to_organisation": str(w.third_org.pk),
                                            "referral-kind": "care_coordination", "referral-purpose": "x",
                                            "referral-consent": "given"},
           "care:safe_contact": lambda w: {"contact-channel": "none", "contact-version": 1},
           "care:task_add": lambda w: {"task-title": "x",
                                       "task-due_on": (date.today() + timedelta(days=365)).isoformat()},
           "care:placement_request": lambda w: {"placement-category": "women"},
       }.items()},
    "care:close": Endpoint(("POST",), lambda w: {"case_id": w.case.pk}, lambda w: {"case_id": w.foreign_case.pk},
                           shared_kwargs=lambda w: {"case_id": w.shared_case.pk},
                           payload=lambda w: {"close-reason": "care_completed", "close-version": 1}),
    "care:merge": Endpoint(("POST",), lambda w: {"case_id": w.case.pk}, lambda w: {"case_id": w.foreign_case.pk},
                           shared_kwargs=lambda w: {"case_id": w.shared_case.pk},
                           payload=lambda w: {"into": w.case.reference, "reason": "x"}),
    "care:signals_add": Endpoint(("POST",), lambda w: {"case_id": w.case.pk}, lambda w: {"case_id": w.foreign_case.pk},
                                 shared_kwargs=lambda w: {"case_id": w.shared_case.pk},
                                 payload=lambda w: {"signals-signals": [str(w.signal.pk)], "signals-version": 1}),
    "care:legal_hold": Endpoint(("GET", "POST")),
    "care:placement_end": Endpoint(("POST",), lambda w: {"placement_id": w.placed.pk},
                                   lambda w: {"placement_id": w.foreign_placed.pk}),
    "care:placement_match": Endpoint(("GET", "POST"), lambda w: {"request_id": w.placement.pk},
                                     lambda w: {"request_id": w.foreign_placement.pk}),
    "care:referral": Endpoint(("GET",), lambda w: {"referral_id": w.incoming.pk},
                              lambda w: {"referral_id": w.foreign_referral.pk}),
    "care:referral_change": Endpoint(("POST",), lambda w: {"referral_id": w.incoming.pk},
                                     lambda w: {"referral_id": w.foreign_referral.pk},
                                     payload=lambda w: {"to": "declined", "version": 1, "answer": "nee"}),
    "care:tasks": Endpoint(("GET",)),
    "care:task_done": Endpoint(("POST",), lambda w: {"task_id": w.task.pk}, lambda w: {"task_id": w.foreign_task.pk},
                               payload=lambda w: {"version": 1}),
    "care:task_calendar": Endpoint(("GET",)),
    "care:capacity": Endpoint(("GET",)),
    "care:facilities": Endpoint(("GET", "POST")),
    "care:capacity_set": Endpoint(("POST",), lambda w: {"facility_id": w.facility.pk},
                                  lambda w: {"facility_id": w.foreign_facility.pk}, payload=lambda w: {"places": 5}),
    "care:coverage": Endpoint(("GET",)),
    "care:coverage_set": Endpoint(("POST",)),
    # The plan of action is one national record every partner reads; there is no other
    # organisation's plan to hide.
    "plan:overview": Endpoint(("GET",)),
    "plan:theme": Endpoint(("GET",), lambda w: {"code": "a"}),
    "plan:measure": Endpoint(("GET",), lambda w: {"slug": "a-1"}),
    "plan:measure_edit": Endpoint(("GET", "POST"), lambda w: {"slug": "a-1"}),
    "plan:progress": Endpoint(("POST",), lambda w: {"slug": "a-1"}),
    "plan:evaluation": Endpoint(("POST",), lambda w: {"slug": "a-1"}),
    "plan:funding": Endpoint(("POST",), lambda w: {"slug": "a-1"}),
    "plan:mine": Endpoint(("GET",)),
    "plan:bottlenecks": Endpoint(("GET", "POST")),
    "plan:bottleneck_follow_up": Endpoint(("POST",), lambda w: {"bottleneck_id": w.bottleneck.pk}),
    "plan:indicators": Endpoint(("GET",)),
    "plan:indicators_refresh": Endpoint(("POST",)),
    "plan:indicator": Endpoint(("GET",), lambda w: {"code": "manual"}),
    "plan:indicator_record": Endpoint(("POST",), lambda w: {"code": "manual"}),
    "plan:versions": Endpoint(("GET",)),
    "plan:freeze": Endpoint(("POST",)),
    "plan:compare": Endpoint(("GET",)),
    "plan:history": Endpoint(("GET",)),
    "plan:progress_letter": Endpoint(("GET",)),
    "v1:plan": Endpoint(("GET",)),
    "v1:plan-measure-list": Endpoint(("GET",)),
    "v1:plan-measure-detail": Endpoint(("GET",), lambda w: {"slug": "a-1"}),
    "v1:plan-measure-progress": Endpoint(("POST",), lambda w: {"slug": "a-1"}),
    "v1:plan-indicator-list": Endpoint(("GET",)),
    "v1:plan-indicator-values": Endpoint(("POST",), lambda w: {"code": "manual"}),
}

PLAN = {"schema": "keten.plan/1", "source": "test",
        "themes": [{"code": "a", "nl": "Thema a"}],
        "partners": [{"code": "own", "nl": "Eigen organisatie", "organisation_types": sorted(set(HOME_TYPE.values()))}],
        "measures": [{"id": "a-1", "theme": "a", "status": "started", "title": {"nl": "Maatregel", "en": "Measure"},
                      "lead": ["own"]}],
        "indicators": [{"code": "manual", "nl": "Handmatig", "unit": "count", "source": "manual"}]}

SIGNAL = {"forms": ["labour"], "sector": "agriculture", "persons": [{"role": "victim", "given_name": "Test",
                                                                     "family_name": "Persoon", "age": 30}]}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}", p.callback


def all_endpoints() -> dict[str, Callable]:
    return dict(_walk(get_resolver().url_patterns))


def rule_for(callback, method: str) -> str | None:
    if hasattr(callback, "keten_access"):
        return callback.keten_access
    cls = getattr(callback, "cls", None)
    if cls is not None:
        return getattr(cls, "required_permissions", {}).get(method)
    return None


def test_every_endpoint_is_in_the_matrix_and_has_a_rule_for_each_method():
    found = all_endpoints()
    assert set(found) == set(ENDPOINTS), (
        f"not in the matrix: {sorted(set(found) - set(ENDPOINTS))}; gone: {sorted(set(ENDPOINTS) - set(found))}")
    missing = [f"{name} {m}" for name, ep in ENDPOINTS.items() for m in ep.methods if rule_for(found[name], m) is None]
    assert not missing, f"endpoints without an access rule: {missing}"


class World:
    """One member per role template, in an organisation that admits it, plus another organisation."""

    def __init__(self, role: str):
        self.org = make_organisation(HOME_TYPE[role], "amsterdam")
        self.member = make_member(self.org, role)
        self.colleague = make_member(self.org, "frontline") if role != "frontline" else make_member(self.org, "analyst")
        self.own_role = Role.objects.get(organisation=self.org, template=role)
        self.foreign_org = make_organisation("municipality", "rotterdam")
        self.foreign_member = make_member(self.foreign_org, "frontline")
        self.foreign_role = Role.objects.get(organisation=self.foreign_org, template="frontline")
        from keten.apps.intake import services as intake
        from keten.engines.screening import vignettes

        writer = actor_for(make_member(self.org, "frontline"))
        self.signal = intake.signal_create(actor=writer, data=SIGNAL)[0]
        self.attachment = intake.attachment_add(actor=writer, signal_id=self.signal.pk, name="a.txt", content=b"tekst")
        foreign_writer = actor_for(self.foreign_member)
        self.foreign_signal = intake.signal_create(actor=foreign_writer, data=SIGNAL)[0]
        self.foreign_attachment = intake.attachment_add(actor=foreign_writer, signal_id=self.foreign_signal.pk,
                                                        name="b.txt", content=b"tekst")
        self.shared_signal = intake.signal_create(actor=foreign_writer, data=SIGNAL)[0]
        intake.signal_transition(actor=foreign_writer, signal_id=self.shared_signal.pk, to_status="forwarded",
                                 version=1, organisation_id=self.org.pk)
        self.vignette = vignettes()[0].id
        from keten.apps.jobs.services import job_create

        self.job = job_create(actor=writer, kind="test", params={})
        self.foreign_job = job_create(actor=foreign_writer, kind="test", params={})
        self._cases(writer, foreign_writer)
        self._plan()
        actor = actor_for(self.member)
        self.token_id = (services.api_token_create(actor=actor, name="t", days=1)[0].pk
                         if actor.has("accounts.use_api") else uuid.uuid4())
        self.permissions = set(actor.permissions)


    def _plan(self):
        from keten.apps.plan import services as plan

        editor = Actor.system("matrix", frozenset({"plan.view", "plan.edit"}))
        if plan.current_plan() is None:
            plan.plan_import(actor=editor, doc=PLAN)
        self.bottleneck = plan.bottleneck_add(actor=editor, theme_code="a", description="x")

    def _cases(self, writer, foreign_writer):
        """A case of this organisation, one of another, one of another referred here and accepted."""
        from keten.apps.care import services as care
        from keten.apps.care.models import Referral, Task
        from keten.apps.intake import services as intake

        perms = frozenset({"intake.view_signals", "care.register_case", "care.view_cases", "care.edit_case",
                           "care.refer_case", "care.manage_tasks", "care.request_placement", "care.manage_shelter"})
        own = Actor.system("matrix", perms, organisation=self.org)
        other = Actor.system("matrix", perms, organisation=self.foreign_org)
        people = iter(["Anna Bakker", "Bert Claes", "Cora Dekker"])

        def case_of(actor, author):
            given, family = next(people).split()
            signal = intake.signal_create(actor=author, data={**SIGNAL, "persons": [
                {"role": "victim", "given_name": given, "family_name": family, "age": 30}]})[0]
            return care.case_register(actor=actor, signal_ids=[signal.pk])

        self.case = case_of(own, writer)
        self.foreign_case = case_of(other, foreign_writer)
        self.shared_case = case_of(other, foreign_writer)
        Referral.objects.create(case=self.shared_case, from_organisation=self.foreign_org, to_organisation=self.org,
                                kind="care_coordination", purpose="x", consent="given", status="accepted",
                                respond_by=self.shared_case.created_at.date())
        self.incoming = care.referral_send(actor=other, case_id=self.foreign_case.pk, to_organisation_id=self.org.pk,
                                           kind="care_coordination", purpose="x", consent="given") \
            if self.org.type in ("municipality", "care_coordination", "care_provider", "registration_desk") else \
            Referral.objects.create(case=self.foreign_case, from_organisation=self.foreign_org, to_organisation=self.org,
                                    kind="ngo", purpose="x", consent="given", respond_by=self.case.created_at.date())
        self.third_org = make_organisation("municipality", "limburg")
        self.foreign_referral = Referral.objects.create(
            case=self.foreign_case, from_organisation=self.foreign_org, to_organisation=self.third_org,
            kind="care_coordination", purpose="x", consent="given", respond_by=self.case.created_at.date())
        # today where the deadlines are kept: the UTC date of created_at is yesterday just after midnight
        self.task = care.task_create(actor=own, title="bellen", due_on=timezone.localdate(), case_id=self.case.pk)
        self.foreign_task = Task.objects.create(organisation=self.foreign_org, title="x", due_on=self.case.created_at.date(),
                                                remind_from=self.case.created_at.date())
        self.facility = care.facility_create(actor=own, name="Opvang A", categories=["women"], region="amsterdam",
                                             places=2)
        self.foreign_facility = care.facility_create(actor=other, name="Opvang B", categories=["women"],
                                                     region="rotterdam", places=2)
        self.placement = care.placement_request(actor=own, case_id=self.case.pk, category="women")
        self.foreign_placement = care.placement_request(actor=other, case_id=self.foreign_case.pk, category="women")
        self.placed = care.placement_make(actor=own, facility_id=self.facility.pk, request_id=care.placement_request(
            actor=own, case_id=self.case.pk, category="women").pk)
        self.foreign_placed = care.placement_make(actor=other, facility_id=self.foreign_facility.pk,
                                                  request_id=care.placement_request(
                                                      actor=other, case_id=self.foreign_case.pk, category="women").pk)


def _allowed(rule: str, permissions: set[str]) -> bool:
    return rule in (PUBLIC, SIGNED_IN, MEMBER) or rule in permissions


def _request(client, method: str, url: str, payload: dict | None = None):
    data = None if method == "GET" else (payload or {})
    # The API takes JSON; pages take forms.
    return getattr(client, method.lower())(url, data=data, format="json" if url.startswith("/api/") else "multipart")


def _client_for(world: World, settings) -> APIClient:
    settings.KETEN_DEMO_MODE = True  # the second factor is tested elsewhere
    client = APIClient()
    client.force_login(world.member.user)
    session = client.session
    session["keten_membership_id"] = str(world.member.pk)
    session.save()
    return client


def _own_records(world, settings) -> list[str]:
    callbacks = all_endpoints()
    wrong = []
    for name, ep in ENDPOINTS.items():
        for method in ep.methods:
            rule = rule_for(callbacks[name], method)
            url = reverse(name, kwargs=ep.kwargs(world) if ep.kwargs else None)
            status = _request(_client_for(world, settings), method, url).status_code
            allowed = _allowed(rule, world.permissions)
            ok = (status not in (401, 403, 404) and status < 500) if allowed else status in (403, 404)
            if not ok:
                wrong.append(f"{method} {name} -> {status} (rule {rule}, {'allowed' if allowed else 'denied'})")
    return wrong


def _other_organisations_records(world, settings) -> list[str]:
    callbacks = all_endpoints()
    wrong = []
    for name, ep in ENDPOINTS.items():
        if ep.foreign_kwargs is None:
            continue
        for method in ep.methods:
            rule = rule_for(callbacks[name], method)
            payload = ep.payload(world) if ep.payload else None
            status = _request(_client_for(world, settings), method,
                              reverse(name, kwargs=ep.foreign_kwargs(world)), payload).status_code
            if ep.shared and _allowed(rule, world.permissions):
                ok = status == 200
            else:
                ok = status in (403, 404) if not _allowed(rule, world.permissions) else status == 404
            if not ok:
                wrong.append(f"{method} {name} (other organisation) -> {status}")
    return wrong


def _shared_records(world, settings) -> list[str]:
    callbacks = all_endpoints()
    wrong = []
    for name, ep in ENDPOINTS.items():
        if ep.shared_kwargs is None:
            continue
        for method in ep.methods:
            rule = rule_for(callbacks[name], method)
            payload = ep.payload(world) if ep.payload else None
            status = _request(_client_for(world, settings), method, reverse(name, kwargs=ep.shared_kwargs(world)),
                              payload).status_code
            allowed = _allowed(rule, world.permissions) and (method == "GET" or ep.shared_writes)
            if method == "GET":
                ok = status == 200 if allowed else status in (403, 404)
            else:
                ok = (status not in (401, 403, 404) and status < 500) if allowed else status in (403, 404)
            if not ok:
                wrong.append(f"{method} {name} (shared record) -> {status}")
    return wrong


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(HOME_TYPE))
def test_each_role_on_own_other_and_shared_records(role, settings):
    """Own records as the role's permissions allow; other organisations' records not found; shared
    records readable (and, for cases worked on through a referral, writable). One world per role."""
    assert set(HOME_TYPE) == set(role_templates())
    world = World(role)
    wrong = _own_records(world, settings) + _other_organisations_records(world, settings) + \
        _shared_records(world, settings)
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_anonymous_callers_reach_only_public_endpoints():
    world = World("org_admin")
    callbacks = all_endpoints()
    wrong = []
    for name, ep in ENDPOINTS.items():
        for method in ep.methods:
            rule = rule_for(callbacks[name], method)
            url = reverse(name, kwargs=ep.kwargs(world) if ep.kwargs else None)
            response = _request(APIClient(), method, url)
            if rule == PUBLIC:
                ok = response.status_code < 500 and response.status_code not in (401, 403)
            elif name.startswith("v1:"):
                ok = response.status_code == 401
            else:
                ok = response.status_code == 302 and "/account/login/" in response["Location"]
            if not ok:
                wrong.append(f"{method} {name} -> {response.status_code}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_a_refused_page_is_audited(settings):
    world = World("frontline")
    client = _client_for(world, settings)
    assert client.get(reverse("audit:search")).status_code == 403
    from keten.apps.audit.models import AuditEvent

    denied = AuditEvent.objects.get(action="access_denied", actor_id=world.member.user_id)
    assert denied.details == {"permission": "audit.view_log"}
