"""Forms of the signal pages. They only shape the input; the rules live in inputs.parse_signal,
shared with the API and the import."""

from __future__ import annotations

from django import forms as dj
from django.utils.translation import gettext_lazy as _

from keten.apps.accounts.models import Municipality
from keten.web.forms import StyledFormMixin

from . import codelists


def _options(codes, blank: str | None = None):
    def build():
        items = codelists.sorted_labels(codes())
        return ([("", blank)] if blank is not None else []) + items
    return build


class SignalForm(StyledFormMixin, dj.Form):
    forms = dj.MultipleChoiceField(label=_("Suspected forms of exploitation"), required=False,
                                      widget=dj.CheckboxSelectMultiple,
                                      help_text=_("Choose all that may apply. Not sure? Choose 'Not known yet'."))
    sector = dj.ChoiceField(label=_("Setting or sector"), required=False)
    observed_on = dj.CharField(label=_("Date you saw it"), required=False,
                               widget=dj.DateInput(attrs={"type": "date"}))
    municipality = dj.ChoiceField(label=_("Municipality where it happened"), required=False)
    place_of_encounter = dj.ChoiceField(label=_("Where you met the person"), required=False)
    country_of_origin = dj.ChoiceField(label=_("Country of origin"), required=False)
    transit_countries = dj.MultipleChoiceField(label=_("Countries travelled through"), required=False,
                                                  help_text=_("Hold Ctrl (or Cmd) to choose several."))
    smuggling = dj.ChoiceField(label=_("Was the person smuggled into the country?"), required=False,
                                  choices=[("unknown", _("unknown")), ("yes", _("yes")), ("no", _("no"))])
    route = dj.CharField(label=_("Route and travel"), required=False, widget=dj.Textarea(attrs={"rows": 2}))
    account = dj.CharField(label=_("What did you see or hear?"), required=False,
                              widget=dj.Textarea(attrs={"rows": 6}),
                              help_text=_("In your own words. Stored encrypted; only those who may see this "
                                          "signal can read it."))
    version = dj.IntegerField(required=False, widget=dj.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms"].choices = [(c.code, c.label) for c in codelists.exploitation_forms()]
        self.fields["sector"].choices = _options(codelists.sectors, "—")()
        self.fields["place_of_encounter"].choices = _options(codelists.encounter_places, "—")()
        self.fields["country_of_origin"].choices = _options(codelists.countries, "—")()
        self.fields["transit_countries"].choices = _options(codelists.countries)()
        self.fields["municipality"].choices = [("", "—")] + [(m.code, m.name) for m in Municipality.objects.all()]

    def as_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class PersonForm(StyledFormMixin, dj.Form):
    role = dj.ChoiceField(label=_("This person is"), choices=[("victim", _("a possible victim")),
                                                                ("perpetrator", _("a possible perpetrator"))])
    given_name = dj.CharField(label=_("Given name(s)"), required=False)
    family_name = dj.CharField(label=_("Family name"), required=False)
    date_of_birth = dj.CharField(label=_("Date of birth"), required=False,
                                    help_text=_("YYYY-MM-DD, or only YYYY-MM or YYYY if that is all you know."))
    age = dj.CharField(label=_("Estimated age"), required=False,
                       widget=dj.NumberInput(attrs={"min": 0, "max": 120, "inputmode": "numeric"}))
    is_minor = dj.NullBooleanField(label=_("Younger than 18?"), required=False, widget=dj.Select(choices=[
        ("unknown", _("unknown")), ("true", _("yes")), ("false", _("no"))]))
    gender = dj.ChoiceField(label=_("Gender"), required=False)
    nationality = dj.ChoiceField(label=_("Nationality"), required=False)
    languages = dj.MultipleChoiceField(label=_("Languages spoken"), required=False)
    phone = dj.CharField(label=_("Phone number"), required=False)
    document_number = dj.CharField(label=_("Identity document number"), required=False)
    description = dj.CharField(label=_("Description"), required=False, widget=dj.Textarea(attrs={"rows": 2}),
                                  help_text=_("What identifies the person when no name is known."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = [(c.code, c.label) for c in codelists.genders()]
        self.fields["nationality"].choices = _options(codelists.countries, "—")()
        self.fields["languages"].choices = _options(codelists.languages)()
        for field in self.fields.values():
            field.widget.attrs.pop("required", None)  # an empty person block is simply left out

    def as_data(self) -> dict:
        return dict(self.cleaned_data)


PersonFormSet = dj.formset_factory(PersonForm, extra=0, max_num=50, absolute_max=50)


def person_formset(data=None, initial=None, extra_rows: int = 0):
    initial = list(initial or [{"role": "victim"}, {"role": "perpetrator"}])
    initial += [{"role": "victim"}] * extra_rows
    return PersonFormSet(data, initial=initial, prefix="persons")


class TransitionForm(StyledFormMixin, dj.Form):
    to = dj.CharField(widget=dj.HiddenInput)
    version = dj.IntegerField(widget=dj.HiddenInput)
    reason = dj.ChoiceField(label=_("Reason"), required=False)
    organisation = dj.ChoiceField(label=_("Forward to"), required=False)
    note = dj.CharField(label=_("Note"), required=False, widget=dj.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", "—")] + [(c.code, c.label) for c in codelists.close_reasons()]
        self.fields["organisation"].choices = [("", "—")] + [(str(o.pk), o.name) for o in organisations]


class AttachmentForm(StyledFormMixin, dj.Form):
    file = dj.FileField(label=_("File"), help_text=_("PDF, PNG, JPEG or plain text; at most 10 MB."))


class PublicReportForm(StyledFormMixin, dj.Form):
    forms = dj.MultipleChoiceField(label=_("What do you think is going on?"), required=False,
                                      widget=dj.CheckboxSelectMultiple)
    municipality = dj.ChoiceField(label=_("In which municipality?"), required=False)
    observed_on = dj.DateField(label=_("When did you see it?"), required=False,
                                  widget=dj.DateInput(attrs={"type": "date"}))
    account = dj.CharField(label=_("What did you see?"), widget=dj.Textarea(attrs={"rows": 6}),
                              help_text=_("Describe what you saw, where and when. Do not give your own name."))
    website = dj.CharField(required=False, label=_("Leave this field empty"),
                              widget=dj.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms"].choices = [(c.code, c.label) for c in codelists.exploitation_forms()]
        self.fields["municipality"].choices = [("", _("I don't know"))] + [
            (m.code, m.name) for m in Municipality.objects.all()]
        self.fields["website"].widget.attrs.pop("required", None)


class SignalFilterForm(StyledFormMixin, dj.Form):
    is_filter = True  # every field is optional; the page need not say so

    reference = dj.CharField(label=_("Reference"), required=False)
    status = dj.ChoiceField(label=_("Status"), required=False)
    form = dj.ChoiceField(label=_("Form of exploitation"), required=False)
    sector = dj.ChoiceField(label=_("Sector"), required=False)
    source = dj.ChoiceField(label=_("Recorded through"), required=False)
    shared_only = dj.BooleanField(label=_("Only forwarded to us"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import Status

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All"))] + list(Status.choices)
        self.fields["form"].choices = [("", _("All"))] + [(c.code, c.label) for c in codelists.exploitation_forms()]
        self.fields["sector"].choices = [("", _("All"))] + codelists.sorted_labels(codelists.sectors())
        from .models import Source

        self.fields["source"].choices = [("", _("All"))] + list(Source.choices)
        for field in self.fields.values():
            field.widget.attrs.pop("required", None)

    def filters(self):
        from .selectors import SignalFilter

        if not self.is_bound or not self.is_valid():
            return SignalFilter()
        return SignalFilter(**{k: v for k, v in self.cleaned_data.items() if v})
