"""API of the plan of action: the whole plan as a document, its measures, progress reports from the
partners that lead them, and indicator values."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, services
from .models import Measure


class PlanMeasureOut(serializers.Serializer):
    id = serializers.UUIDField()
    slug = serializers.CharField()
    theme = serializers.CharField(source="theme.code")
    status = serializers.CharField()
    title_nl = serializers.CharField()
    title_en = serializers.CharField()
    lead = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    funding_eur = serializers.SerializerMethodField(help_text="the amounts named, one per funding line")
    start_on = serializers.DateField(allow_null=True)
    end_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()

    def get_lead(self, m) -> list[str]:
        return sorted(p.code for p in m.lead.all())

    def get_partners(self, m) -> list[str]:
        return sorted(p.code for p in m.partners.all())

    def get_funding_eur(self, m) -> list[float]:
        return [float(f.amount_eur) for f in m.funding.all()]


class PlanProgressOut(serializers.Serializer):
    created_at = serializers.DateTimeField()
    organisation = serializers.CharField(source="organisation.name")
    text = serializers.CharField()
    status_before = serializers.CharField()
    status_after = serializers.CharField()


class PlanEvaluationOut(serializers.Serializer):
    evaluated_on = serializers.DateField()
    judgement = serializers.CharField()
    finding = serializers.CharField()
    evidence = serializers.CharField()
    evaluator = serializers.CharField()


class PlanMeasureDetailOut(PlanMeasureOut):
    description_nl = serializers.CharField()
    description_en = serializers.CharField()
    passage = serializers.CharField()
    updates = PlanProgressOut(many=True)
    evaluations = PlanEvaluationOut(many=True)


class PlanProgressIn(serializers.Serializer):
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=["", *Measure.Status.values], required=False, default="")


class PlanIndicatorValueOut(serializers.Serializer):
    period_end = serializers.DateField()
    series = serializers.CharField()
    value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True,
                                     help_text="null when held back")
    held_back = serializers.BooleanField(help_text="a count of persons held back: fewer than 10, or beside one that is")
    source = serializers.CharField()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.held_back:
            data["value"] = None
        return data


class PlanIndicatorOut(serializers.Serializer):
    code = serializers.CharField()
    name_nl = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    source = serializers.CharField()
    values = PlanIndicatorValueOut(many=True)


class PlanIndicatorValueIn(serializers.Serializer):
    period_end = serializers.CharField(help_text="YYYY-MM-DD")
    value = serializers.CharField()
    source = serializers.CharField()
    series = serializers.CharField(required=False, allow_blank=True, default="", max_length=60)


class PlanView(APIView):
    required_permissions = {"GET": "plan.view"}

    @extend_schema(summary="The whole plan as a document (schema keten.plan/1, the format of `keten plan import`)",
                   responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(services.export(selectors.plan_get(actor=request.actor)))


class MeasureListView(APIView):
    required_permissions = {"GET": "plan.view"}

    @extend_schema(operation_id="plan_measures_list", summary="The plan's measures", responses=PlanMeasureOut(many=True))
    def get(self, request):
        plan = selectors.plan_get(actor=request.actor)
        return Response(PlanMeasureOut(selectors.measures(plan), many=True).data)


class MeasureDetailView(APIView):
    required_permissions = {"GET": "plan.view"}

    @extend_schema(summary="A measure with its progress reports and evaluations", responses=PlanMeasureDetailOut)
    def get(self, request, slug):
        return Response(PlanMeasureDetailOut(selectors.measure_get(actor=request.actor, slug=slug)).data)


class MeasureProgressView(APIView):
    required_permissions = {"POST": "plan.update_progress"}

    @extend_schema(summary="Report progress on a measure your organisation leads", request=PlanProgressIn,
                   responses={201: PlanProgressOut})
    def post(self, request, slug):
        data = PlanProgressIn(data=request.data)
        data.is_valid(raise_exception=True)
        measure = selectors.measure_get(actor=request.actor, slug=slug)
        update = services.progress_update(actor=request.actor, measure_id=measure.pk, **data.validated_data)
        return Response(PlanProgressOut(update).data, status=status.HTTP_201_CREATED)


class IndicatorListView(APIView):
    required_permissions = {"GET": "plan.view"}

    @extend_schema(operation_id="plan_indicators_list", summary="Indicators with their values over time",
                   responses=PlanIndicatorOut(many=True))
    def get(self, request):
        plan = selectors.plan_get(actor=request.actor)
        return Response(PlanIndicatorOut(plan.indicators.prefetch_related("values"), many=True).data)


class IndicatorValueView(APIView):
    required_permissions = {"POST": "plan.edit"}

    @extend_schema(summary="Record a value of an indicator that is entered by hand", request=PlanIndicatorValueIn,
                   responses={201: PlanIndicatorValueOut})
    def post(self, request, code):
        data = PlanIndicatorValueIn(data=request.data)
        data.is_valid(raise_exception=True)
        indicator = selectors.indicator_get(actor=request.actor, code=code)
        value = services.indicator_value_record(actor=request.actor, indicator_id=indicator.pk, **data.validated_data)
        return Response(PlanIndicatorValueOut(value).data, status=status.HTTP_201_CREATED)
