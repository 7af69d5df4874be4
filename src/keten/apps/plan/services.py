"""Every write of the plan of action. Each change is appended to the plan's own history
(PlanChange, readable by every partner) and to the audit log."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.codelists import organisation_types
from keten.apps.accounts.models import Organisation
from keten.apps.audit.events import Event
from keten.apps.audit.services import record
from keten.apps.common.codelists import codes_of
from keten.apps.common.errors import Conflict, NotFound, PermissionDenied, ValidationFailed, parse_uuid

from . import document
from .models import (Bottleneck, Evaluation, Funding, Goal, Indicator, IndicatorValue, Measure, MeasureDate, Partner,
                     Plan, PlanChange, PlanVersion, ProgressUpdate, Theme)


def _fail(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={field: [message]})


def _change(actor: Actor, plan: Plan, obj_type: str, label: str, change: dict, measure: Measure | None = None) -> None:
    PlanChange.objects.create(plan=plan, author=actor.user, organisation=actor.organisation, object_type=obj_type,
                              object_label=label[:300], change=change, measure=measure)


DEFAULT_TITLE = {"nl": "Plan van aanpak mensenhandel", "en": "Plan of action against human trafficking"}


def current_plan() -> Plan | None:
    return Plan.objects.order_by("created_at").first()


@transaction.atomic
def plan_import(*, actor: Actor, doc: Any) -> Plan:
    """Create the plan from a document, or bring the existing plan in line with it (title, themes,
    partners, measures by id, indicators and goals). Everything is checked first; all or nothing."""
    actor.require("plan.edit")
    doc = document.validate(doc, organisation_types=codes_of(organisation_types()),
                            organisations=frozenset(Organisation.objects.filter(name__in=_names_in(doc))
                                                    .values_list("name", flat=True)))
    plan = current_plan()
    created = plan is None
    title_nl, title_en = _texts(doc.get("title") or DEFAULT_TITLE)
    if created:
        plan = Plan.objects.create(title_nl=title_nl, title_en=title_en, source=doc.get("source") or "")
    plan_change = _plan_in_line(plan, doc) if not created else {}
    themes = {}
    for t in doc["themes"]:
        name_nl, name_en = _texts(t)
        themes[t["code"]] = Theme.objects.update_or_create(plan=plan, code=t["code"], defaults={
            "name_nl": name_nl, "name_en": name_en})[0]
    partners = {p["code"]: _upsert_partner(plan, p) for p in doc.get("partners") or []}
    added = updated = 0
    measures = {}
    for m in doc.get("measures") or []:
        measures[m["id"]], was_created = _upsert_measure(plan, m, themes, partners)
        added += was_created
        updated += not was_created
    _relate(doc.get("measures") or [], measures)
    _indicators_and_goals(plan, doc, themes)
    _change(actor, plan, "plan", plan.title_nl, {"imported": doc.get("source") or "", "added": added,
                                                "updated": updated, **plan_change})
    record(actor=actor, action=Event.PLAN_CHANGED, obj=plan, details={"import": True, "added": added,
                                                                      "updated": updated})
    if created:
        label = (doc.get("version_label") or {}).get("nl") or doc.get("source") or _("First version")
        freeze(actor=actor, label=label, plan=plan)
    return plan


def _names_in(doc: Any) -> set[str]:
    """The organisation names the document's partners give, to look up before it is validated."""
    partners = doc.get("partners") if isinstance(doc, dict) else None
    return {name for p in (partners if isinstance(partners, list) else []) if isinstance(p, dict)
            for name in (p.get("organisations") if isinstance(p.get("organisations"), list) else [])
            if isinstance(name, str)}


def _texts(value: dict, fallback: bool = True) -> tuple[str, str]:
    """Dutch and English of a validated text; a name left without English keeps the Dutch."""
    nl, en = value["nl"], value.get("en") or ""
    return nl, ((en or nl) if fallback else en)


def _plan_in_line(plan: Plan, doc: dict) -> dict:
    """The title and source the document gives, on a plan that already exists; what changed."""
    wanted = {}
    if doc.get("title"):
        wanted["title_nl"], wanted["title_en"] = _texts(doc["title"])
    if doc.get("source") is not None:
        wanted["source"] = doc["source"]
    change = {name: {"old": getattr(plan, name), "new": value} for name, value in wanted.items()
              if getattr(plan, name) != value}
    if change:
        for name in change:
            setattr(plan, name, wanted[name])
        plan.save(update_fields=[*change, "updated_at"])
    return change


def _upsert_partner(plan: Plan, spec: dict) -> Partner:
    """A partner of the plan, linked to the Keten organisations of its types and those it names."""
    name_nl, name_en = _texts(spec)
    partner, _created = Partner.objects.update_or_create(plan=plan, code=spec["code"], defaults={
        "name_nl": name_nl, "name_en": name_en,
        "organisation_types": spec.get("organisation_types") or [], "organisation_names": spec.get("organisations") or []})
    partner.organisations.set(Organisation.objects.filter(
        Q(type__in=partner.organisation_types) | Q(name__in=partner.organisation_names)))
    return partner


def link_partners(organisation: Organisation) -> None:
    """A newly registered organisation joins the partners of its type (or name) in the plan."""
    for partner in Partner.objects.filter(plan=current_plan()):
        if organisation.type in partner.organisation_types or organisation.name in partner.organisation_names:
            partner.organisations.add(organisation)


def _upsert_measure(plan: Plan, m: dict, themes: dict, partners: dict) -> tuple[Measure, bool]:
    title_nl, title_en = _texts(m["title"])
    description_nl, description_en = _texts(m.get("description") or {"nl": ""}, fallback=False)
    values = {"theme": themes[m["theme"]], "status": m["status"], "title_nl": title_nl, "title_en": title_en,
              "description_nl": description_nl, "description_en": description_en, "passage": m.get("passage") or ""}
    # Documents exported before the format carried the period and the source leave them out; such a
    # document keeps what the measure has rather than clearing what was entered on its page. The two
    # ends of the period come as a pair, so validation sees both and the end never precedes the start.
    if "start_on" in m or "end_on" in m:
        values["start_on"], values["end_on"] = document.as_date(m.get("start_on")), document.as_date(m.get("end_on"))
    if "source_document" in m:
        values["source_document"] = m["source_document"] or ""
    measure = Measure.objects.select_for_update().filter(plan=plan, slug=m["id"]).first()
    created = measure is None
    if created:
        measure = Measure.objects.create(plan=plan, slug=m["id"], **{"source_document": plan.source, **values})
    else:
        for field, value in values.items():
            setattr(measure, field, value)
        # an edit form opened before the import must not overwrite what it brought
        measure.version += 1
        measure.save(update_fields=[*values, "version", "updated_at"])
    measure.themes.set([themes[c] for c in set(m.get("themes") or []) | {m["theme"]}])
    measure.lead.set([partners[c] for c in m.get("lead") or []])
    measure.partners.set([partners[c] for c in m.get("partners") or []])
    measure.funding.all().delete()
    Funding.objects.bulk_create([Funding(measure=measure, amount_eur=Decimal(str(f["amount_eur"])),
                                         from_year=f["from_year"], to_year=f.get("to_year"),
                                         structural=bool(f.get("structural")), note=f.get("note") or "")
                                 for f in m.get("funding") or []])
    measure.dates.all().delete()
    MeasureDate.objects.bulk_create([MeasureDate(measure=measure, label_nl=_texts(d["label"])[0],
                                                 label_en=_texts(d["label"])[1], date=document.as_date(d["date"]))
                                     for d in m.get("dates") or []])
    return measure, created


def _relate(specs: list[dict], measures: dict[str, Measure]) -> None:
    """Related measures go both ways: a measure relates to those it lists and to those that list it.
    An entry without the list (older documents carry none) leaves the relations to the others' lists."""
    listed = {m["id"]: set(m["related"]) for m in specs if m.get("related") is not None}
    for mid, related in listed.items():
        wanted = related | {other for other, theirs in listed.items() if mid in theirs}
        measures[mid].related.set([measures[r] for r in wanted])


def _indicators_and_goals(plan: Plan, doc: dict, themes: dict) -> None:
    for spec in doc.get("indicators") or []:
        name_nl, name_en = _texts(spec)
        definition_nl, definition_en = _texts(spec.get("definition") or {"nl": ""}, fallback=False)
        indicator, _created = Indicator.objects.update_or_create(plan=plan, code=spec["code"], defaults={
            "name_nl": name_nl, "name_en": name_en, "unit": spec["unit"],
            "definition_nl": definition_nl, "definition_en": definition_en,
            "source": spec.get("source") or Indicator.Source.MANUAL, "computation": spec.get("computation") or ""})
        indicator.themes.set([themes[c] for c in spec.get("themes") or []])
        indicator.measures.set(Measure.objects.filter(plan=plan, slug__in=spec.get("measures") or []))
    for spec in doc.get("goals") or []:
        indicator = Indicator.objects.get(plan=plan, code=spec["indicator"])
        measure = Measure.objects.filter(plan=plan, slug=spec["measure"]).first() if spec.get("measure") else None
        description_nl, description_en = _texts(spec["description"])
        Goal.objects.update_or_create(
            plan=plan, indicator=indicator, series=spec.get("series") or "", theme=themes.get(spec.get("theme")),
            measure=measure, defaults={"description_nl": description_nl, "description_en": description_en,
                                       "target_value": Decimal(str(spec["target_value"])),
                                       "target_date": document.as_date(spec["target_date"])})


def export(plan: Plan) -> dict:
    """The plan as a document: exactly what import reads, so export, import and export again give
    the same document, and two versions compare field by field."""
    # Sorted here, not by the database: a collation that skips hyphens would order the same plan
    # differently on another server, and the versions would then differ in order alone.
    measures = sorted(plan.measures.select_related("theme").prefetch_related(
        "themes", "lead", "partners", "related", Prefetch("funding", Funding.objects.order_by("pk")),
        Prefetch("dates", MeasureDate.objects.order_by("date", "pk"))), key=lambda m: (m.theme.code, m.slug))
    indicators = sorted(plan.indicators.prefetch_related("themes", "measures"), key=lambda i: i.code)
    goals = sorted(plan.goals.select_related("indicator", "theme", "measure"), key=lambda g: (
        g.indicator.code, g.series, g.theme.code if g.theme else "", g.measure.slug if g.measure else ""))
    return {
        "schema": document.SCHEMA,
        "source": plan.source,
        "title": {"nl": plan.title_nl, "en": plan.title_en},
        "themes": [{"code": t.code, "nl": t.name_nl, "en": t.name_en}
                   for t in sorted(plan.themes.all(), key=lambda t: t.code)],
        "partners": [{"code": p.code, "nl": p.name_nl, "en": p.name_en, "organisation_types": p.organisation_types,
                      "organisations": p.organisation_names}
                     for p in sorted(plan.partners.all(), key=lambda p: p.code)],
        "measures": [{
            "id": m.slug, "theme": m.theme.code, "themes": sorted(t.code for t in m.themes.all()),
            "status": m.status, "title": {"nl": m.title_nl, "en": m.title_en},
            "description": {"nl": m.description_nl, "en": m.description_en},
            "lead": sorted(p.code for p in m.lead.all()), "partners": sorted(p.code for p in m.partners.all()),
            "funding": [{"amount_eur": float(f.amount_eur), "from_year": f.from_year, "to_year": f.to_year,
                         "structural": f.structural, "note": f.note} for f in m.funding.all()],
            "dates": [{"label": {"nl": d.label_nl, "en": d.label_en}, "date": d.date.isoformat()}
                      for d in m.dates.all()],
            "start_on": _plain(m.start_on), "end_on": _plain(m.end_on),
            "passage": m.passage, "source_document": m.source_document,
            "related": sorted(r.slug for r in m.related.all()),
        } for m in measures],
        "indicators": [{
            "code": i.code, "nl": i.name_nl, "en": i.name_en, "unit": i.unit, "source": i.source,
            "computation": i.computation, "definition": {"nl": i.definition_nl, "en": i.definition_en},
            "themes": sorted(t.code for t in i.themes.all()), "measures": sorted(m.slug for m in i.measures.all()),
        } for i in indicators],
        "goals": [{
            "indicator": g.indicator.code, "series": g.series, "theme": g.theme.code if g.theme else None,
            "measure": g.measure.slug if g.measure else None,
            "description": {"nl": g.description_nl, "en": g.description_en},
            "target_value": float(g.target_value), "target_date": g.target_date.isoformat(),
        } for g in goals],
    }


def freeze(*, actor: Actor, label: str, plan: Plan | None = None) -> PlanVersion:
    actor.require("plan.edit")
    plan = plan or current_plan()
    if plan is None:
        raise NotFound()
    if not label.strip():
        raise _fail("label", _("Give the version a name, e.g. the date or the occasion."))
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()  # two freezes at once take turns
        number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = PlanVersion.objects.create(plan=plan, number=number, label=label.strip()[:200],
                                             frozen_by=actor.user, snapshot=export(plan))
        _change(actor, plan, "version", version.label, {"frozen": number})
        record(actor=actor, action=Event.PLAN_CHANGED, obj=plan, details={"frozen": number})
    return version


EDITABLE = ("status", "title_nl", "title_en", "description_nl", "description_en", "start_on", "end_on")


def measure_update(*, actor: Actor, measure_id, version: int, data: dict) -> Measure:
    """The policy role changes a measure; every changed field goes to the plan's history."""
    actor.require("plan.edit")
    errors: dict[str, list[str]] = {}
    if "status" in data and data["status"] not in document.STATUSES:
        errors["status"] = [_("Choose one of the statuses.")]
    if not (data.get("title_nl") or "").strip():
        errors["title_nl"] = [_("A measure needs a Dutch title.")]
    if data.get("start_on") and data.get("end_on") and data["end_on"] < data["start_on"]:
        errors["end_on"] = [_("The end comes before the start.")]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        measure = _measure(measure_id, lock=True)
        if measure.version != version:
            raise Conflict()
        change = {}
        for name in EDITABLE:
            if name in data and getattr(measure, name) != data[name]:
                change[name] = {"old": _plain(getattr(measure, name)), "new": _plain(data[name])}
                setattr(measure, name, data[name])
        fields = [k for k in change]
        change.update(_set_partners(measure, data))
        if not change:
            return measure
        measure.version += 1
        measure.save(update_fields=[*fields, "version", "updated_at"])
        _change(actor, measure.plan, "measure", measure.title_nl, change, measure)
        record(actor=actor, action=Event.PLAN_CHANGED, obj=measure, details=change)
    return measure


def _measure(measure_id, *, lock: bool) -> Measure:
    """The measure, locked for the write when ``lock``; NotFound for an unknown or malformed id."""
    measures = Measure.objects.select_for_update() if lock else Measure.objects
    measure = measures.filter(pk=parse_uuid(measure_id)).first()
    if measure is None:
        raise NotFound()
    return measure


def funding_add(*, actor: Actor, measure_id, amount_eur: Any, from_year: Any, to_year: Any = None,
                structural: bool = False, note: str = "") -> Funding:
    """The policy role adds money to a measure: an amount over years, structural or not, with its source."""
    actor.require("plan.edit")
    errors = document.funding_problems({"amount_eur": amount_eur, "from_year": from_year, "to_year": to_year})
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        measure = _measure(measure_id, lock=False)
        funding = Funding.objects.create(measure=measure, amount_eur=Decimal(str(amount_eur)), from_year=from_year,
                                         to_year=to_year, structural=bool(structural), note=(note or "").strip()[:300])
        change = {"funding": {"old": "", "new": _funding_label(funding)}}
        _change(actor, measure.plan, "measure", measure.title_nl, change, measure)
        record(actor=actor, action=Event.PLAN_CHANGED, obj=measure, details=change)
    return funding


def funding_remove(*, actor: Actor, measure_id, funding_id) -> None:
    """The policy role takes a funding line off a measure; the history keeps what it said."""
    actor.require("plan.edit")
    with transaction.atomic():
        funding = (Funding.objects.select_related("measure__plan").select_for_update()
                   .filter(pk=_int_or_none(funding_id), measure_id=parse_uuid(measure_id)).first())
        if funding is None:
            raise NotFound()
        measure = funding.measure
        change = {"funding": {"old": _funding_label(funding), "new": ""}}
        funding.delete()
        _change(actor, measure.plan, "measure", measure.title_nl, change, measure)
        record(actor=actor, action=Event.PLAN_CHANGED, obj=measure, details=change)


def _funding_label(funding: Funding) -> str:
    return f"€ {funding.amount_eur:,.0f}, {funding.period}" + (f" ({funding.note})" if funding.note else "")


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _set_partners(measure: Measure, data: dict) -> dict:
    """Lead and partner organisations given by partner code; unknown codes are refused."""
    known = {p.code: p for p in Partner.objects.filter(plan=measure.plan)}
    change = {}
    for role in ("lead", "partners"):
        if role not in data:
            continue
        wanted = set(data[role])
        if wanted - known.keys():
            raise _fail(role, _("Unknown organisation '%(p)s': add it to the partners first.")
                        % {"p": ", ".join(sorted(wanted - known.keys()))})
        current = set(getattr(measure, role).values_list("code", flat=True))
        if current != wanted:
            getattr(measure, role).set([known[c] for c in wanted])
            change[role] = {"old": sorted(current), "new": sorted(wanted)}
    return change


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def leads(actor: Actor, measure: Measure) -> bool:
    return measure.lead.filter(organisations=actor.organisation_id).exists()


def progress_update(*, actor: Actor, measure_id, text: str, status: str = "") -> ProgressUpdate:
    """A lead partner reports on its measure (and may move its status along)."""
    actor.require("plan.update_progress")
    if not text.strip():
        raise _fail("text", _("Describe the progress."))
    if status and status not in document.STATUSES:
        raise _fail("status", _("Choose one of the statuses."))
    with transaction.atomic():
        measure = _measure(measure_id, lock=True)
        if not (leads(actor, measure) or actor.has("plan.edit")):
            raise PermissionDenied(_("Only organisations that lead this measure report its progress."))
        update = ProgressUpdate.objects.create(measure=measure, text=text.strip(), status_before=measure.status,
                                               status_after=status or measure.status,
                                               organisation=actor.organisation, author=actor.user)
        if status and status != measure.status:
            measure.status = status
            measure.version += 1
            measure.save(update_fields=["status", "version", "updated_at"])
        _change(actor, measure.plan, "progress", measure.title_nl, {"text": text.strip()[:500],
                                                                    "status": status or measure.status}, measure)
        record(actor=actor, action=Event.PLAN_CHANGED, obj=measure, details={"progress": str(update.pk)})
    return update


def indicator_value_record(*, actor: Actor, indicator_id, period_end: Any, value: Any, source: str,
                           series: str = "") -> IndicatorValue:
    """A value entered by hand (computed indicators fill themselves); refused outside its unit's range."""
    actor.require("plan.edit")
    indicator = Indicator.objects.filter(pk=indicator_id).first() if str(indicator_id).isdigit() else None
    if indicator is None:
        raise NotFound()
    value = str(value).replace(",", ".")
    errors = document.indicator_value_problems(value, source, series)
    try:
        number = Decimal(value)
        if not document.value_in_range(indicator.unit, number):
            errors["value"] = [_("%(v)s is outside the range of %(unit)s.") % {"v": value,
                                                                               "unit": indicator.get_unit_display()}]
    except InvalidOperation:
        errors["value"] = [_("Give the value as a number.")]
    try:
        when = period_end if isinstance(period_end, date) else date.fromisoformat(str(period_end))
    except ValueError:
        errors["period_end"] = [_("Give the date as YYYY-MM-DD.")]
    if not source.strip():
        errors["source"] = [_("Say where the value comes from.")]
    if indicator.source == Indicator.Source.COMPUTED:
        errors["value"] = [_("This indicator is computed from Keten's data; it cannot be entered by hand.")]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        row, _created = IndicatorValue.objects.update_or_create(
            indicator=indicator, series=series, period_end=when,
            defaults={"value": number, "source": source.strip(), "recorded_by": actor.user})
        _change(actor, indicator.plan, "indicator", indicator.name_nl,
                {"period_end": when.isoformat(), "value": str(number), "series": series})
        record(actor=actor, action=Event.PLAN_CHANGED, object_type="plan.indicator", object_id=str(indicator.pk),
               details={"period_end": when.isoformat(), "value": str(number)})
    return row


def evaluation_add(*, actor: Actor, measure_id, finding: str, judgement: str, evaluated_on: Any, evaluator: str,
                   evidence: str = "") -> Evaluation:
    actor.require("plan.edit")
    errors: dict[str, list[str]] = {}
    if not finding.strip():
        errors["finding"] = [_("Write the finding.")]
    if judgement not in Evaluation.Judgement.values:
        errors["judgement"] = [_("Choose a judgement.")]
    if not evaluator.strip():
        errors["evaluator"] = [_("Say who evaluated.")]
    try:
        when = evaluated_on if isinstance(evaluated_on, date) else date.fromisoformat(str(evaluated_on))
        if when > timezone.localdate():
            errors["evaluated_on"] = [_("An evaluation cannot be dated in the future.")]
    except ValueError:
        errors["evaluated_on"] = [_("Give the date as YYYY-MM-DD.")]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        measure = _measure(measure_id, lock=False)
        evaluation = Evaluation.objects.create(measure=measure, finding=finding.strip(), evidence=evidence.strip(),
                                               judgement=judgement, evaluated_on=when, evaluator=evaluator.strip(),
                                               recorded_by=actor.user)
        _change(actor, measure.plan, "evaluation", measure.title_nl, {"judgement": judgement}, measure)
        record(actor=actor, action=Event.PLAN_CHANGED, obj=measure, details={"evaluation": str(evaluation.pk)})
    return evaluation


def bottleneck_add(*, actor: Actor, theme_code: str, description: str, raised_by: str = "",
                   measure_ids: list = ()) -> Bottleneck:
    """Any partner may raise a bottleneck; the policy role links the measures that answer it."""
    actor.require("plan.view")
    plan = current_plan()
    theme = Theme.objects.filter(plan=plan, code=theme_code).first() if plan else None
    if theme is None:
        raise _fail("theme", _("Choose the theme the bottleneck belongs to."))
    if not description.strip():
        raise _fail("description", _("Describe the bottleneck."))
    partner = Partner.objects.filter(plan=plan, code=raised_by).first() if raised_by else None
    with transaction.atomic():
        bottleneck = Bottleneck.objects.create(plan=plan, theme=theme, raised_by=partner,
                                               description=description.strip())
        if measure_ids and actor.has("plan.edit"):
            bottleneck.measures.set(Measure.objects.filter(plan=plan, pk__in=[parse_uuid(i) for i in measure_ids]))
        _change(actor, plan, "bottleneck", description.strip()[:300], {"theme": theme.code})
        record(actor=actor, action=Event.PLAN_CHANGED, obj=bottleneck, details={"theme": theme.code})
    return bottleneck


def bottleneck_update(*, actor: Actor, bottleneck_id, status: str, measure_ids: list, version: int) -> Bottleneck:
    """The policy role follows a bottleneck up: its status and the measures that answer it."""
    actor.require("plan.edit")
    if status not in Bottleneck.Status.values:
        raise _fail("status", _("Choose one of the statuses."))
    with transaction.atomic():
        bottleneck = Bottleneck.objects.select_for_update().filter(pk=parse_uuid(bottleneck_id)).first()
        if bottleneck is None:
            raise NotFound()
        if bottleneck.version != version:
            raise Conflict()
        answers = list(Measure.objects.filter(plan=bottleneck.plan, pk__in=[parse_uuid(i) for i in measure_ids]))
        before = {"status": bottleneck.status, "measures": sorted(m.slug for m in bottleneck.measures.all())}
        after = {"status": status, "measures": sorted(m.slug for m in answers)}
        if before == after:
            return bottleneck
        bottleneck.status = status
        bottleneck.version += 1
        bottleneck.save(update_fields=["status", "version", "updated_at"])
        bottleneck.measures.set(answers)
        _change(actor, bottleneck.plan, "bottleneck", bottleneck.description[:300],
                {k: {"old": before[k], "new": after[k]} for k in before if before[k] != after[k]})
        record(actor=actor, action=Event.PLAN_CHANGED, obj=bottleneck, details=after)
    return bottleneck
