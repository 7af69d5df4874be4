"""The figures as data: the same counts as the page, with the same cells held back."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .year import YearError, year_asked


class FigureRowOut(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(allow_null=True, help_text="null: held back (fewer than 10, or to protect one)")


class FigureTableOut(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    partition = serializers.BooleanField(help_text="false when one item may count in more than one row")
    total = serializers.IntegerField(allow_null=True)
    rows = FigureRowOut(many=True)


class FigureYearOut(serializers.Serializer):
    year = serializers.IntegerField()
    victims = serializers.IntegerField(allow_null=True)
    minors = serializers.IntegerField(allow_null=True)
    signals = serializers.IntegerField(allow_null=True)


class FiguresOut(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    years = serializers.ListField(child=serializers.IntegerField())
    per_year = FigureYearOut(many=True)
    victims = FigureTableOut(many=True)
    signals = FigureTableOut(many=True)


class FiguresView(APIView):
    required_permissions = {"GET": "figures.view"}

    @extend_schema(
        operation_id="figures_retrieve", summary="Disclosure-controlled figures on possible victims and signals",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="the last whole year with data when absent")],
        responses=FiguresOut)
    def get(self, request):
        try:
            year = year_asked(request.query_params)
        except YearError as exc:
            raise ValidationError({"year": [str(exc)]}) from None
        return Response(FiguresOut(selectors.figures(actor=request.actor, year=year)).data)
