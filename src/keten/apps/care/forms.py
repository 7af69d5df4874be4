"""Forms of the case pages; rules stay in the services."""

from __future__ import annotations

from django import forms as dj
from django.utils.translation import gettext_lazy as _

from keten.apps.accounts.codelists import regions
from keten.web.forms import StyledFormMixin

from keten.apps.common.errors import Conflict

from . import codelists
from .models import CaseEvent, Referral, SafeContact


def _codes(codes, blank=None):
    items = [(c.code, c.label) for c in codes]
    return ([("", blank)] if blank is not None else []) + items


def _signal_choices(signals):
    return [(str(s.pk), f"{s.reference} — {s.organisation.name}, {s.observed_on or s.created_at.date():%d-%m-%Y}")
            for s in signals]


def _version():
    # A missing or altered version means the page was not the one the server sent: treat it as stale.
    stale = Conflict.default_message
    return dj.IntegerField(widget=dj.HiddenInput, error_messages={"required": stale, "invalid": stale})


class RegisterForm(StyledFormMixin, dj.Form):
    signals = dj.MultipleChoiceField(label=_("Signals about this person"), widget=dj.CheckboxSelectMultiple)
    dossier_type = dj.ChoiceField(label=_("Dossier type"))
    dublin = dj.BooleanField(label=_("Falls under the Dublin Regulation"), required=False)
    confirm_new = dj.BooleanField(label=_("I checked: this is not the person of the possible existing case"),
                                  required=False)

    def __init__(self, *args, signals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].choices = _signal_choices(signals)
        self.fields["dossier_type"].choices = _codes(codelists.dossier_types())


class AddSignalsForm(StyledFormMixin, dj.Form):
    signals = dj.MultipleChoiceField(label=_("Signals about this person"), widget=dj.CheckboxSelectMultiple)
    version = _version()

    def __init__(self, *args, signals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].choices = _signal_choices(signals)


class EventForm(StyledFormMixin, dj.Form):
    kind = dj.ChoiceField(label=_("What to record"), choices=[("step", _("a step of the procedure")),
                                                              ("note", _("a note"))])
    step = dj.ChoiceField(label=_("Step"), required=False)
    occurred_on = dj.CharField(label=_("Date"), required=False, widget=dj.DateInput(attrs={"type": "date"}),
                               help_text=_("When it happened; empty for today."))
    note = dj.CharField(label=_("Note"), required=False, widget=dj.Textarea(attrs={"rows": 3}))
    visibility = dj.ChoiceField(label=_("Who may read it"), choices=CaseEvent.Visibility.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = _codes(codelists.nrm_steps(), "—")


class ReferralForm(StyledFormMixin, dj.Form):
    to_organisation = dj.ChoiceField(label=_("Refer to"))
    kind = dj.ChoiceField(label=_("For"))
    purpose = dj.CharField(label=_("What do you ask?"), widget=dj.Textarea(attrs={"rows": 3}))
    consent = dj.ChoiceField(label=_("Consent"), choices=Referral.Consent.choices)
    consent_note = dj.CharField(label=_("How consent was given, or the legal ground"), required=False)
    transfer = dj.BooleanField(label=_("Transfer the case: the receiver becomes its owner"), required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].choices = [("", "—")] + [(str(o.pk), o.name) for o in organisations]
        self.fields["kind"].choices = _codes(codelists.referral_kinds())


class ReferralAnswerForm(StyledFormMixin, dj.Form):
    to = dj.CharField(widget=dj.HiddenInput)
    version = dj.IntegerField(widget=dj.HiddenInput)
    answer = dj.CharField(label=_("Answer"), required=False, widget=dj.Textarea(attrs={"rows": 2}))


class SafeContactForm(StyledFormMixin, dj.Form):
    channel = dj.ChoiceField(label=_("How may the person be contacted?"), choices=SafeContact.Channel.choices)
    via_organisation = dj.ChoiceField(label=_("Through which organisation"), required=False)
    phone = dj.CharField(label=_("Safe phone number"), required=False)
    times = dj.CharField(label=_("When contact is safe"), required=False)
    instructions = dj.CharField(label=_("Instructions"), required=False, widget=dj.Textarea(attrs={"rows": 2}))
    version = _version()

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["via_organisation"].choices = [("", "—")] + [(str(o.pk), o.name) for o in organisations]


class TaskForm(StyledFormMixin, dj.Form):
    title = dj.CharField(label=_("Task"), max_length=200)
    due_on = dj.CharField(label=_("Due on"), widget=dj.DateInput(attrs={"type": "date"}))


class PlacementRequestForm(StyledFormMixin, dj.Form):
    category = dj.ChoiceField(label=_("Kind of shelter"))
    region = dj.ChoiceField(label=_("Preferred police unit"), required=False)
    needs_security = dj.BooleanField(label=_("Needs a protected location"), required=False)
    note = dj.CharField(label=_("Needs and notes"), required=False, widget=dj.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _codes(codelists.shelter_categories())
        self.fields["region"].choices = _codes(regions(), _("anywhere"))


class CloseForm(StyledFormMixin, dj.Form):
    reason = dj.ChoiceField(label=_("Why is the case closed?"))
    version = _version()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [c for c in _codes(codelists.case_close_reasons(), "—") if c[0] != "merged"]


class LegalHoldForm(StyledFormMixin, dj.Form):
    """Placing a hold needs a reason; lifting one does not (the audit log keeps who lifted it, and when)."""

    reference = dj.CharField(widget=dj.HiddenInput)
    version = _version()
    hold = dj.ChoiceField(choices=[("on", "on"), ("off", "off")], widget=dj.HiddenInput)
    reason = dj.CharField(label=_("Why must the case be kept?"), widget=dj.Textarea(attrs={"rows": 2}),
                          help_text=_("For example the investigation or the court case."))

    def __init__(self, *args, lifting=False, **kwargs):
        super().__init__(*args, **kwargs)
        if lifting:
            del self.fields["reason"]


class PlacementEndForm(StyledFormMixin, dj.Form):
    end_on = dj.DateField(label=_("Left on"), required=False, widget=dj.DateInput(attrs={"type": "date"}))


class FacilityForm(StyledFormMixin, dj.Form):
    name = dj.CharField(label=_("Name"))
    categories = dj.MultipleChoiceField(label=_("Shelter categories"), widget=dj.CheckboxSelectMultiple)
    region = dj.ChoiceField(label=_("Police unit"))
    places = dj.IntegerField(label=_("Places"), min_value=0, max_value=1000)
    secure = dj.BooleanField(label=_("Protected location"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = _codes(codelists.shelter_categories())
        self.fields["region"].choices = _codes(regions())


class CoordinationForm(StyledFormMixin, dj.Form):
    municipality = dj.ChoiceField(label=_("Municipality"))
    organisation = dj.ChoiceField(label=_("Coordinating organisation"))
    contact = dj.CharField(label=_("Team or function to contact"), required=False)

    def __init__(self, *args, municipalities=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(m.code, m.name) for m in municipalities]
        self.fields["organisation"].choices = [(str(o.pk), o.name) for o in organisations]
