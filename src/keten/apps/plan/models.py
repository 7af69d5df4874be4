"""The plan of action: themes, measures and who carries them, money, goals and indicators with
values over time, evaluations, the bottleneck register — and its history and frozen versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from keten.apps.accounts.models import Organisation
from keten.apps.common.models import BaseModel
from keten.engines import disclosure


class Bilingual(models.Model):
    """Texts kept in Dutch and English; ``text('title')`` gives the one for the page's language."""

    class Meta:
        abstract = True

    def text(self, name: str) -> str:
        english = (get_language() or "nl").startswith("en")
        return getattr(self, f"{name}_en" if english else f"{name}_nl") or getattr(self, f"{name}_nl")


class Plan(BaseModel, Bilingual):
    title_nl = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    source = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.text("title")


class Theme(Bilingual):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(max_length=4)
    name_nl = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="theme_code_once")]

    def __str__(self) -> str:
        return f"{self.code}) {self.text('name')}"


class Partner(Bilingual):
    """An organisation or body named in the plan; linked to a Keten organisation where there is one."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="partners")
    code = models.CharField(max_length=40)
    name_nl = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    organisation_types = models.JSONField(default=list, blank=True, help_text="Keten organisation types it stands for")
    organisation_names = models.JSONField(default=list, blank=True, help_text="Keten organisations it names")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="plan_partners")

    class Meta:
        ordering = ["name_nl"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="partner_code_once")]

    def __str__(self) -> str:
        return self.text("name")


class Measure(BaseModel, Bilingual):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DECIDED = "decided", _("decided")
        STARTED = "started", _("started")
        COMPLETED = "completed", _("completed")
        STOPPED = "stopped", _("stopped")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    slug = models.SlugField(max_length=80)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="primary_measures")
    themes = models.ManyToManyField(Theme, related_name="measures")
    status = models.CharField(max_length=10, choices=Status.choices)
    title_nl = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300)
    description_nl = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    lead = models.ManyToManyField(Partner, blank=True, related_name="leads")
    partners = models.ManyToManyField(Partner, blank=True, related_name="takes_part_in")
    start_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)
    passage = models.TextField(blank=True, help_text="the words of the document the measure comes from")
    source_document = models.CharField(max_length=300, blank=True)
    related = models.ManyToManyField("self", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["theme__code", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="measure_slug_once"),
            models.CheckConstraint(condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) |
                                   Q(end_on__gte=models.F("start_on")), name="measure_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.text("title")

    @property
    def description(self) -> str:
        return self.text("description")


class Funding(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="funding")
    amount_eur = models.DecimalField(max_digits=14, decimal_places=2)
    from_year = models.PositiveSmallIntegerField()
    to_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="empty: open-ended")
    structural = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True, help_text="source or remark, e.g. 'per year'")

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount_eur__gte=0), name="funding_not_negative"),
                       models.CheckConstraint(condition=Q(to_year__isnull=True) | Q(to_year__gte=models.F("from_year")),
                                              name="funding_years_in_order")]

    @property
    def period(self) -> str:
        """'structural, from 2018', 'one-off, 2017', '2018–2021': one-off only when it is one year,
        as the letter names money per year without always saying whether it is structural."""
        if self.to_year is None:
            years = _("from %(year)s") % {"year": self.from_year}
        elif self.to_year == self.from_year:
            years = str(self.from_year)
        else:
            years = f"{self.from_year}–{self.to_year}"
        if self.structural:
            return _("structural, %(years)s") % {"years": years}
        if self.to_year == self.from_year:
            return _("one-off, %(years)s") % {"years": years}
        return years


class MeasureDate(Bilingual):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="dates")
    label_nl = models.CharField(max_length=200)
    label_en = models.CharField(max_length=200)
    date = models.DateField()

    class Meta:
        ordering = ["date"]

    @property
    def label(self) -> str:
        return self.text("label")


class ProgressUpdate(BaseModel):
    """What a partner reports on a measure it leads; appended, never edited."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    status_before = models.CharField(max_length=10, blank=True)
    status_after = models.CharField(max_length=10, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]


class Indicator(Bilingual):
    class Unit(models.TextChoices):
        COUNT = "count", _("number")
        PERCENT = "percent", _("percent")
        EURO = "euro", _("euro")
        FTE = "fte", _("full-time equivalents")

    class Source(models.TextChoices):
        COMPUTED = "computed", _("computed from Keten's own data")
        MANUAL = "manual", _("entered, with its source")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(max_length=60)
    name_nl = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    definition_nl = models.TextField()
    definition_en = models.TextField()
    unit = models.CharField(max_length=10, choices=Unit.choices)
    source = models.CharField(max_length=10, choices=Source.choices)
    computation = models.CharField(max_length=60, blank=True, help_text="the computation, for computed indicators")
    themes = models.ManyToManyField(Theme, blank=True, related_name="indicators")
    measures = models.ManyToManyField(Measure, blank=True, related_name="indicators")

    @property
    def counts_persons(self) -> bool:
        """Its values count persons (signals, cases): shown across organisations only from 10 on."""
        return self.source == self.Source.COMPUTED and self.computation in PERSON_COUNTS

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="indicator_code_once")]

    def __str__(self) -> str:
        return self.text("name")

    @property
    def definition(self) -> str:
        return self.text("definition")


# The computations (computations.py) whose values are numbers of persons.
PERSON_COUNTS = frozenset({"signals_per_form_quarter", "cases_per_quarter"})


class IndicatorValue(models.Model):
    """A dated value of an indicator, for one series (e.g. a form of exploitation) or overall."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_end = models.DateField()
    series = models.CharField(max_length=60, blank=True)
    value = models.DecimalField(max_digits=16, decimal_places=2)
    source = models.CharField(max_length=300, help_text="where the value comes from")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    withheld = models.BooleanField(default=False, help_text="held back so that a small count of the same series "
                                                            "and year cannot be worked out from the year's total")

    class Meta:
        ordering = ["indicator", "series", "period_end"]
        constraints = [models.UniqueConstraint(fields=["indicator", "series", "period_end"], name="one_value_per_period")]

    @property
    def held_back(self) -> bool:
        """A count of fewer than 10 persons, or one held back beside it: pages, letter and API do not give it."""
        return self.indicator.counts_persons and (disclosure.is_small(int(self.value)) or self.withheld)


class Goal(Bilingual):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="goals")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="goals")
    description_nl = models.TextField()
    description_en = models.TextField()
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="goals")
    series = models.CharField(max_length=60, blank=True)
    target_value = models.DecimalField(max_digits=16, decimal_places=2)
    target_date = models.DateField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(theme__isnull=False) | Q(measure__isnull=False),
                                              name="goal_has_theme_or_measure")]

    @property
    def description(self) -> str:
        return self.text("description")


class Evaluation(BaseModel):
    class Judgement(models.TextChoices):
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        OFF_TRACK = "off_track", _("off track")
        ACHIEVED = "achieved", _("achieved")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="evaluations")
    finding = models.TextField()
    evidence = models.TextField(blank=True)
    judgement = models.CharField(max_length=10, choices=Judgement.choices)
    evaluated_on = models.DateField()
    evaluator = models.CharField(max_length=200, help_text="who evaluated (person, team or institute)")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-evaluated_on"]


class Bottleneck(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ADDRESSED = "addressed", _("being addressed")
        RESOLVED = "resolved", _("resolved")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bottlenecks")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="bottlenecks")
    raised_by = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    description = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    measures = models.ManyToManyField(Measure, blank=True, related_name="bottlenecks")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["theme__code", "-created_at"]


class PlanChange(models.Model):
    """Every change of the plan, appended: what, who, when, old and new values. Readable by every
    partner (unlike the audit log, which is for privacy supervision)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(auto_now_add=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    object_type = models.CharField(max_length=40)
    object_label = models.CharField(max_length=300)
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes")
    change = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]


class PlanVersion(models.Model):
    """A frozen copy of the whole plan, to compare with the plan now or with another version."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=200)
    frozen_at = models.DateTimeField(auto_now_add=True)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="version_number_once")]
