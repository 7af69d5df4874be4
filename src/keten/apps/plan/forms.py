"""Forms of the plan pages; the rules stay in the services."""

from __future__ import annotations

from django import forms as dj
from django.utils.translation import gettext_lazy as _

from keten.web.forms import StyledFormMixin

from .models import Bottleneck, Evaluation, Measure

DATE = {"type": "date"}


class MeasureForm(StyledFormMixin, dj.Form):
    title_nl = dj.CharField(label=_("Title (Dutch)"), max_length=300)
    title_en = dj.CharField(label=_("Title (English)"), max_length=300, required=False)
    status = dj.ChoiceField(label=_("Status"), choices=Measure.Status.choices)
    description_nl = dj.CharField(label=_("Description (Dutch)"), required=False, widget=dj.Textarea(attrs={"rows": 4}))
    description_en = dj.CharField(label=_("Description (English)"), required=False,
                                  widget=dj.Textarea(attrs={"rows": 4}))
    start_on = dj.DateField(label=_("Start"), required=False, widget=dj.DateInput(attrs=DATE))
    end_on = dj.DateField(label=_("End"), required=False, widget=dj.DateInput(attrs=DATE))
    lead = dj.MultipleChoiceField(label=_("Lead organisations"), required=False, widget=dj.CheckboxSelectMultiple)
    partners = dj.MultipleChoiceField(label=_("Partner organisations"), required=False,
                                      widget=dj.CheckboxSelectMultiple)
    version = dj.IntegerField(widget=dj.HiddenInput)

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(p.code, p.text("name")) for p in partners]
        self.fields["lead"].choices = choices
        self.fields["partners"].choices = choices


class ProgressForm(StyledFormMixin, dj.Form):
    text = dj.CharField(label=_("What has happened since the last update?"), widget=dj.Textarea(attrs={"rows": 3}))
    status = dj.ChoiceField(label=_("Status now"), required=False,
                            choices=[("", _("unchanged"))] + list(Measure.Status.choices))


class FundingForm(StyledFormMixin, dj.Form):
    amount_eur = dj.DecimalField(label=_("Amount in euros"), min_value=0, max_digits=14, decimal_places=2)
    from_year = dj.IntegerField(label=_("First year"), min_value=1990, max_value=2100)
    to_year = dj.IntegerField(label=_("Last year"), required=False, min_value=1990, max_value=2100,
                              help_text=_("Empty when the money has no end year."))
    structural = dj.BooleanField(label=_("Structural"), required=False)
    note = dj.CharField(label=_("Source or remark"), required=False, max_length=300,
                        help_text=_("For example the letter or budget that names the money."))


class EvaluationForm(StyledFormMixin, dj.Form):
    finding = dj.CharField(label=_("Finding"), widget=dj.Textarea(attrs={"rows": 3}))
    evidence = dj.CharField(label=_("Evidence"), required=False, widget=dj.Textarea(attrs={"rows": 2}),
                            help_text=_("Reports, figures or talks the finding rests on."))
    judgement = dj.ChoiceField(label=_("Judgement"), choices=Evaluation.Judgement.choices)
    evaluated_on = dj.DateField(label=_("Date of the evaluation"), widget=dj.DateInput(attrs=DATE))
    evaluator = dj.CharField(label=_("Evaluated by"), max_length=200,
                             help_text=_("A person, team or institute, e.g. WODC or the National Rapporteur."))


class IndicatorValueForm(StyledFormMixin, dj.Form):
    period_end = dj.DateField(label=_("Value on (end of the period)"), widget=dj.DateInput(attrs=DATE))
    value = dj.CharField(label=_("Value"), max_length=30)
    series = dj.CharField(label=_("Series"), required=False, max_length=60,
                          help_text=_("Optional, e.g. a form of exploitation; empty for the whole."))
    source = dj.CharField(label=_("Source"), max_length=300,
                          help_text=_("Where the value comes from: report, organisation and date."))


class BottleneckForm(StyledFormMixin, dj.Form):
    theme = dj.ChoiceField(label=_("Theme"))
    description = dj.CharField(label=_("What stands in the way?"), widget=dj.Textarea(attrs={"rows": 3}))
    raised_by = dj.ChoiceField(label=_("Raised by"), required=False)

    def __init__(self, *args, themes=(), partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "—")] + [(t.code, str(t)) for t in themes]
        self.fields["raised_by"].choices = [("", "—")] + [(p.code, p.text("name")) for p in partners]


class BottleneckFollowUpForm(StyledFormMixin, dj.Form):
    status = dj.ChoiceField(label=_("Status"), choices=Bottleneck.Status.choices)
    measures = dj.MultipleChoiceField(label=_("Measures that answer it"), required=False,
                                      widget=dj.SelectMultiple(attrs={"size": 6}))
    version = dj.IntegerField(widget=dj.HiddenInput)

    def __init__(self, *args, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = [(str(m.pk), f"{m.theme.code}) {m.text('title')}") for m in measures]


class FreezeForm(StyledFormMixin, dj.Form):
    label = dj.CharField(label=_("Name of the version"), max_length=200,
                         help_text=_("E.g. 'Progress letter spring 2019'."))
