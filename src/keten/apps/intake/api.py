"""API of signals: create (idempotent), list, read, replace, screen and change status."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from keten.api.pagination import Pagination, page_parameters, paginated
from keten.engines import screening

from . import selectors, services
from .models import Source, Status

PURPOSE = "signal handling (API)"


class PersonIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=["victim", "perpetrator"])
    given_name = serializers.CharField(required=False, allow_blank=True)
    family_name = serializers.CharField(required=False, allow_blank=True)
    date_of_birth = serializers.CharField(required=False, allow_blank=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD")
    age = serializers.IntegerField(required=False, allow_null=True)
    is_minor = serializers.BooleanField(required=False, allow_null=True)
    gender = serializers.CharField(required=False, allow_blank=True)
    nationality = serializers.CharField(required=False, allow_blank=True, help_text="ISO 3166-1 alpha-2")
    languages = serializers.ListField(child=serializers.CharField(), required=False, help_text="ISO 639-1 codes")
    document_number = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


class SignalIn(serializers.Serializer):
    """The shape of a signal; the values are checked by the same rules as the form and the import."""

    forms = serializers.ListField(child=serializers.CharField(), help_text="forms of exploitation (codes)")
    observed_on = serializers.DateField(required=False, allow_null=True)
    municipality = serializers.CharField(required=False, allow_blank=True, help_text="CBS code, e.g. GM0363")
    sector = serializers.CharField(required=False, allow_blank=True)
    place_of_encounter = serializers.CharField(required=False, allow_blank=True)
    country_of_origin = serializers.CharField(required=False, allow_blank=True)
    transit_countries = serializers.ListField(child=serializers.CharField(), required=False)
    smuggling = serializers.ChoiceField(choices=["yes", "no", "unknown"], required=False)
    route = serializers.CharField(required=False, allow_blank=True)
    account = serializers.CharField(required=False, allow_blank=True)
    external_reference = serializers.CharField(required=False, allow_blank=True)
    persons = PersonIn(many=True, required=False)
    draft = serializers.BooleanField(required=False, default=False)


class SignalReplaceIn(SignalIn):
    version = serializers.IntegerField(min_value=1)


class StatusIn(serializers.Serializer):
    to = serializers.ChoiceField(choices=Status.choices)
    version = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    organisation = serializers.UUIDField(required=False, allow_null=True, help_text="receiver, when forwarding")


class ScreeningIn(serializers.Serializer):
    framework = serializers.CharField()
    present = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    absent = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    unknown = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class SignalCreatedOut(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="where to read the whole signal")

    def get_url(self, signal) -> str:
        return f"/api/v1/signals/{signal.pk}/"


class SignalSummaryOut(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    source = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    observed_on = serializers.DateField(allow_null=True)
    municipality = serializers.CharField(source="municipality_id", allow_null=True)
    sector = serializers.CharField()
    forms = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()

    def get_forms(self, signal) -> list[str]:
        return sorted(f.form for f in signal.forms.all())


class PersonOut(serializers.Serializer):
    id = serializers.UUIDField()
    role = serializers.CharField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    date_of_birth = serializers.CharField()
    age = serializers.IntegerField(allow_null=True)
    is_minor = serializers.BooleanField(allow_null=True)
    gender = serializers.CharField()
    nationality = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    document_number = serializers.CharField()
    phone = serializers.CharField()
    description = serializers.CharField()


class ScreeningOut(serializers.Serializer):
    id = serializers.UUIDField()
    framework = serializers.CharField()
    rule_set = serializers.CharField()
    victim = serializers.BooleanField()
    positive_dimensions = serializers.ListField(child=serializers.CharField())
    outcome = serializers.JSONField()
    created_at = serializers.DateTimeField()


class StatusChangeOut(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    reason = serializers.CharField()
    changed_at = serializers.DateTimeField()
    to_organisation = serializers.CharField(source="to_organisation.name", allow_null=True, default=None)


class SignalOut(SignalSummaryOut):
    place_of_encounter = serializers.CharField()
    country_of_origin = serializers.CharField()
    transit_countries = serializers.ListField(child=serializers.CharField())
    smuggling = serializers.CharField()
    route = serializers.CharField()
    account = serializers.CharField()
    external_reference = serializers.CharField()
    closed_reason = serializers.CharField()
    persons = PersonOut(many=True)
    screenings = serializers.SerializerMethodField()
    history = StatusChangeOut(many=True)


    def get_screenings(self, signal) -> list[dict]:
        return ScreeningOut(selectors.current_screenings(signal), many=True).data


def _filters(params) -> selectors.SignalFilter:
    data = _FilterIn(data=params)
    data.is_valid(raise_exception=True)
    return selectors.SignalFilter(**{k: v for k, v in data.validated_data.items() if v not in (None, "")})


class _FilterIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_blank=True)
    form = serializers.CharField(required=False, allow_blank=True)
    sector = serializers.CharField(required=False, allow_blank=True)
    source = serializers.ChoiceField(choices=Source.choices, required=False, allow_blank=True)
    reference = serializers.CharField(required=False, allow_blank=True)
    observed_from = serializers.DateField(required=False, allow_null=True)
    observed_to = serializers.DateField(required=False, allow_null=True)


class SignalListView(APIView):
    required_permissions = {"GET": "intake.view_signals", "POST": "intake.create_signal"}

    @extend_schema(operation_id="signals_list", summary="Signals of your organisation and those forwarded to it",
                   responses=paginated(SignalSummaryOut),
                   parameters=[OpenApiParameter(name, str) for name in _FilterIn().fields] + page_parameters())
    def get(self, request):
        qs = selectors.signal_list(actor=request.actor, filters=_filters(request.query_params))
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(SignalSummaryOut(page, many=True).data)

    @extend_schema(
        summary="Record a signal",
        description="Send an `Idempotency-Key` header (any unique string, e.g. a UUID) to make retries safe: "
                    "a second request with the same key returns the first signal (200) instead of a new one.",
        request=SignalIn, parameters=[OpenApiParameter("Idempotency-Key", str, location=OpenApiParameter.HEADER)],
        responses={201: SignalCreatedOut,
                   200: OpenApiResponse(SignalCreatedOut, description="the signal of an earlier request")},
    )
    def post(self, request):
        # SignalIn documents the shape; parse_signal checks every value (as for the form and the import).
        if not isinstance(request.data, dict):
            raise serializers.ValidationError({"": ["Send the signal as a JSON object."]})
        try:  # true, false, "true", 1 …; anything else is an error, never silently a live signal
            draft = serializers.BooleanField().run_validation(request.data.get("draft", False))
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({"draft": exc.detail}) from None
        signal, created = services.signal_create(
            actor=request.actor, data=request.data, source=Source.API, draft=draft,
            idempotency_key=request.headers.get("Idempotency-Key", ""))
        # The answer names the signal; the caller reads it whole at its url (an audited read).
        response = Response(SignalCreatedOut(signal).data,
                            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
        response["Location"] = f"/api/v1/signals/{signal.pk}/"
        return response


class SignalDetailView(APIView):
    required_permissions = {"GET": "intake.view_signals", "PUT": "intake.edit_signal"}

    @extend_schema(summary="One signal, with its persons, current screenings and history", responses=SignalOut)
    def get(self, request, signal_id):
        return Response(SignalOut(selectors.signal_get(actor=request.actor, signal_id=signal_id, purpose=PURPOSE)).data)

    @extend_schema(summary="Replace what a signal says (send the version you read)", request=SignalReplaceIn,
                   responses=SignalOut)
    def put(self, request, signal_id):
        data = SignalReplaceIn(data=request.data)
        data.is_valid(raise_exception=True)
        services.signal_update(actor=request.actor, signal_id=signal_id, version=data.validated_data["version"],
                               data=request.data)
        return Response(SignalOut(selectors.signal_get(actor=request.actor, signal_id=signal_id, purpose=PURPOSE)).data)


class SignalStatusView(APIView):
    required_permissions = {"POST": "intake.view_signals"}  # the workflow table checks the step's own permission

    @extend_schema(summary="Change the status of a signal (submit, forward, close, reopen)", request=StatusIn,
                   responses=SignalOut)
    def post(self, request, signal_id):
        data = StatusIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        services.signal_transition(actor=request.actor, signal_id=signal_id, to_status=v["to"], version=v["version"],
                                   reason=v["reason"], note=v["note"], organisation_id=v.get("organisation"))
        return Response(SignalOut(selectors.signal_get(actor=request.actor, signal_id=signal_id, purpose=PURPOSE)).data)


class SignalScreeningView(APIView):
    required_permissions = {"POST": "intake.edit_signal"}

    @extend_schema(summary="Screen a signal against an indicator framework", request=ScreeningIn,
                   responses={201: ScreeningOut})
    def post(self, request, signal_id):
        data = ScreeningIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        row = services.signal_screen(actor=request.actor, signal_id=signal_id, framework=v["framework"],
                                     present=v["present"], absent=v["absent"], unknown=v["unknown"])
        return Response(ScreeningOut(row).data, status=status.HTTP_201_CREATED)


class IndicatorOut(serializers.Serializer):
    id = serializers.CharField()
    dimension = serializers.CharField()
    strength = serializers.CharField()
    text_nl = serializers.CharField()
    text_en = serializers.CharField()


class FrameworkOut(serializers.Serializer):
    id = serializers.CharField()
    version = serializers.CharField()
    title_nl = serializers.CharField()
    title_en = serializers.CharField()
    indicators = IndicatorOut(many=True)


class FrameworkListView(APIView):
    required_permissions = {"GET": "intake.view_signals"}

    @extend_schema(summary="The indicator frameworks signals are screened against", responses=FrameworkOut(many=True))
    def get(self, request):
        return Response(FrameworkOut([_framework(f) for f in screening.list_frameworks()], many=True).data)


def _framework(f) -> dict:
    return {"id": f.id, "version": f.version, "title_nl": f.title.nl, "title_en": f.title.en,
            "indicators": [{"id": i.id, "dimension": i.dimension, "strength": i.strength,
                            "text_nl": i.text.nl, "text_en": i.text.en} for i in f.indicators]}
