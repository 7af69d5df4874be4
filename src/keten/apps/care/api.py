"""API of the referral mechanism: cases, their steps, referrals and answers, tasks, capacity."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from keten.api.pagination import Pagination, page_parameters, paginated

from . import matching, selectors, services

PURPOSE = "case work (API)"


class CaseSummaryOut(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    owner = serializers.CharField(source="owner.name")
    dossier_type = serializers.CharField()
    is_minor = serializers.BooleanField()
    forms = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()

    def get_forms(self, case) -> list[str]:
        return sorted(f.form for f in case.forms.all())


class CaseOut(CaseSummaryOut):
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    date_of_birth = serializers.CharField()
    gender = serializers.CharField()
    nationality = serializers.CharField()
    dublin = serializers.BooleanField()
    victim_status_basis = serializers.CharField()
    timeline = serializers.SerializerMethodField()

    def to_representation(self, case):
        data = super().to_representation(case)
        if not self.context.get("identity", True):
            data.update(given_name="", family_name="", date_of_birth="")  # a minor, for a receiver without need
        return data

    def get_timeline(self, case) -> list[dict]:
        return [{"when": i.when.isoformat(), "kind": i.kind, "title": i.title, "detail": i.detail,
                 "organisation": i.organisation} for i in self.context["timeline"]]


class RegisterIn(serializers.Serializer):
    signals = serializers.ListField(child=serializers.UUIDField(), min_length=1)
    dossier_type = serializers.CharField(required=False, default="registration")
    dublin = serializers.BooleanField(required=False, default=False)
    confirm_new = serializers.BooleanField(required=False, default=False,
                                           help_text="register although a possible existing case was found")


class AddSignalsIn(serializers.Serializer):
    signals = serializers.ListField(child=serializers.UUIDField(), min_length=1)
    version = serializers.IntegerField(min_value=1, help_text="the version of the case you read")


class LegalHoldLookup(serializers.Serializer):
    reference = serializers.CharField(max_length=16, help_text="the case's reference, e.g. C-7KQ2-M4XD")


class LegalHoldIn(LegalHoldLookup):
    hold = serializers.BooleanField(help_text="true places the hold, false lifts it")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000,
                                   help_text="why the case must be kept (needed to place a hold)")
    version = serializers.IntegerField(min_value=1, help_text="the version of the case you read")


class LegalHoldOut(serializers.Serializer):
    """What a holder sees of a case: never the person."""

    reference = serializers.CharField()
    owner = serializers.CharField(source="owner.name")
    status = serializers.CharField()
    legal_hold = serializers.BooleanField()
    legal_hold_reason = serializers.CharField()
    version = serializers.IntegerField()


class PlacementRequestIn(serializers.Serializer):
    category = serializers.CharField(help_text="the kind of shelter (code list shelter_categories)")
    region = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="preferred police unit; empty for anywhere")
    needs_security = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PlacementRequestOut(serializers.Serializer):
    id = serializers.UUIDField()
    case = serializers.UUIDField(source="case_id")
    reference = serializers.CharField(source="case.reference")
    requested_by = serializers.CharField(source="requested_by.name")
    category = serializers.CharField()
    region = serializers.CharField()
    needs_security = serializers.BooleanField()
    status = serializers.CharField()
    requested_at = serializers.DateTimeField(source="created_at")
    version = serializers.IntegerField()


class PlacementOptionOut(serializers.Serializer):
    facility = serializers.UUIDField(source="offer.facility_id")
    name = serializers.CharField(source="offer.name")
    region = serializers.CharField(source="offer.region")
    free_places = serializers.IntegerField(source="offer.free_places")
    score = serializers.IntegerField()
    fits = serializers.ListField(child=serializers.CharField(), help_text="what the facility offers of the need")
    misses = serializers.ListField(child=serializers.CharField(), help_text="what it does not")


class PlaceIn(serializers.Serializer):
    facility = serializers.UUIDField()
    start_on = serializers.DateField(required=False, allow_null=True, default=None,
                                     help_text="the day the person arrives; today when left out")
    version = serializers.IntegerField(min_value=1, help_text="the version of the request you read")


class PlacementEndIn(serializers.Serializer):
    end_on = serializers.DateField(required=False, allow_null=True, default=None,
                                   help_text="the day the person left; today when left out")


class PlacementOut(serializers.Serializer):
    id = serializers.UUIDField()
    case = serializers.UUIDField(source="request.case_id")
    facility = serializers.CharField(source="facility.name")
    start_on = serializers.DateField()
    end_on = serializers.DateField(allow_null=True)


class EventIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["step", "note"])
    step = serializers.CharField(required=False, allow_blank=True, default="")
    occurred_on = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    visibility = serializers.ChoiceField(choices=["shared", "owner"], required=False, default="shared")


class ReferralIn(serializers.Serializer):
    to_organisation = serializers.UUIDField()
    kind = serializers.CharField()
    purpose = serializers.CharField()
    consent = serializers.CharField()
    consent_note = serializers.CharField(required=False, allow_blank=True, default="")
    transfer = serializers.BooleanField(required=False, default=False)


class ReferralOut(serializers.Serializer):
    id = serializers.UUIDField()
    case = serializers.CharField(source="case.reference")
    case_id = serializers.UUIDField()
    kind = serializers.CharField()
    from_organisation = serializers.CharField(source="from_organisation.name")
    to_organisation = serializers.CharField(source="to_organisation.name")
    status = serializers.CharField()
    respond_by = serializers.DateField()
    transfer = serializers.BooleanField()
    version = serializers.IntegerField()


class ReferralChangeIn(serializers.Serializer):
    to = serializers.ChoiceField(choices=["accepted", "declined", "completed", "withdrawn", "revoked"])
    version = serializers.IntegerField(min_value=1)
    answer = serializers.CharField(required=False, allow_blank=True, default="")


class TaskOut(serializers.Serializer):
    id = serializers.UUIDField()
    label = serializers.CharField()
    term = serializers.CharField()
    case = serializers.CharField(source="case.reference", allow_null=True, default=None)
    due_on = serializers.DateField()
    remind_from = serializers.DateField()
    status = serializers.CharField()
    version = serializers.IntegerField()


class CapacityOut(serializers.Serializer):
    facility = serializers.CharField(source="facility.name")
    organisation = serializers.CharField(source="facility.organisation.name")
    region = serializers.CharField(source="facility.region")
    categories = serializers.ListField(child=serializers.CharField(), source="facility.categories")
    places = serializers.IntegerField()
    occupied = serializers.IntegerField()
    free = serializers.IntegerField()


class CaseListView(APIView):
    required_permissions = {"GET": "care.view_cases", "POST": "care.register_case"}

    @extend_schema(operation_id="cases_list", summary="Cases your organisation owns or works on",
                   responses=paginated(CaseSummaryOut),
                   parameters=[OpenApiParameter("status", str), OpenApiParameter("reference", str),
                               OpenApiParameter("scope", str, enum=["owned", "referred"],
                                                description="cases you own (default) or cases referred to you"),
                               *page_parameters()])
    def get(self, request):
        filters = selectors.CaseFilter(status=request.query_params.get("status", "open"),
                                       reference=request.query_params.get("reference", ""),
                                       scope="referred" if request.query_params.get("scope") == "referred" else "owned")
        paginator = Pagination()
        page = paginator.paginate_queryset(selectors.case_list(actor=request.actor, filters=filters), request, self)
        return paginator.get_paginated_response(CaseSummaryOut(page, many=True).data)

    @extend_schema(summary="Register a possible victim from signals (409 when a case may already exist)",
                   request=RegisterIn, responses={201: CaseSummaryOut})
    def post(self, request):
        data = RegisterIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        case = services.case_register(actor=request.actor, signal_ids=v["signals"], dossier_type=v["dossier_type"],
                                      dublin=v["dublin"], confirm_new=v["confirm_new"])
        return Response(CaseSummaryOut(case).data, status=status.HTTP_201_CREATED)


class CaseDetailView(APIView):
    required_permissions = {"GET": "care.view_cases"}

    @extend_schema(summary="One case with its timeline (what you may see of it)", responses=CaseOut)
    def get(self, request, case_id):
        case = selectors.case_get(actor=request.actor, case_id=case_id, purpose=PURPOSE)
        timeline = selectors.case_timeline(actor=request.actor, case=case)
        identity = selectors.may_see_identity(request.actor, case)
        return Response(CaseOut(case, context={"timeline": timeline, "identity": identity}).data)


class CaseSignalsView(APIView):
    required_permissions = {"POST": "care.register_case"}

    @extend_schema(summary="Add signals about the same person to a case your organisation owns (409 when the case "
                           "changed since you read it)", request=AddSignalsIn, responses=CaseSummaryOut)
    def post(self, request, case_id):
        data = AddSignalsIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        case = services.case_add_signals(actor=request.actor, case_id=case_id, signal_ids=v["signals"],
                                         version=v["version"])
        return Response(CaseSummaryOut(case).data)


class LegalHoldView(APIView):
    """Prosecutors (any case) and privacy officers (their organisation's cases) keep a case from
    retention by its reference; they do not work on cases, so they never see the person."""

    required_permissions = {"GET": "care.legal_hold", "POST": "care.legal_hold"}

    @extend_schema(summary="A case's hold, looked up by its reference", parameters=[LegalHoldLookup],
                   responses=LegalHoldOut)
    def get(self, request):
        lookup = LegalHoldLookup(data=request.query_params)
        lookup.is_valid(raise_exception=True)
        case = selectors.case_for_legal_hold(actor=request.actor, reference=lookup.validated_data["reference"])
        return Response(LegalHoldOut(case).data)

    @extend_schema(summary="Place or lift a legal hold (409 when the case changed since you read it)",
                   request=LegalHoldIn, responses=LegalHoldOut)
    def post(self, request):
        data = LegalHoldIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        case = selectors.case_for_legal_hold(actor=request.actor, reference=v["reference"])
        case = services.case_legal_hold(actor=request.actor, case_id=case.pk, on=v["hold"], reason=v["reason"],
                                        version=v["version"])
        return Response(LegalHoldOut(case).data)


class CaseEventView(APIView):
    required_permissions = {"POST": "care.edit_case"}

    @extend_schema(summary="Record a procedure step (starting its deadlines) or a note", request=EventIn,
                   responses={201: None})
    def post(self, request, case_id):
        data = EventIn(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.case_event_add(actor=request.actor, case_id=case_id, **data.validated_data)
        return Response({"id": str(event.pk)}, status=status.HTTP_201_CREATED)


class CaseReferralView(APIView):
    required_permissions = {"POST": "care.refer_case"}

    @extend_schema(summary="Refer a case to another organisation", request=ReferralIn, responses={201: ReferralOut})
    def post(self, request, case_id):
        data = ReferralIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        referral = services.referral_send(actor=request.actor, case_id=case_id, to_organisation_id=v["to_organisation"],
                                          kind=v["kind"], purpose=v["purpose"], consent=v["consent"],
                                          consent_note=v["consent_note"], transfer=v["transfer"])
        return Response(ReferralOut(referral).data, status=status.HTTP_201_CREATED)


class ReferralListView(APIView):
    required_permissions = {"GET": "care.view_cases"}

    @extend_schema(summary="Referrals sent to your organisation, by status", responses=ReferralOut(many=True),
                   parameters=[OpenApiParameter("status", str)])
    def get(self, request):
        referrals = selectors.referrals_received(actor=request.actor, status=request.query_params.get("status", "sent"))
        return Response(ReferralOut(referrals[:500], many=True).data)


class ReferralChangeView(APIView):
    required_permissions = {"POST": "care.view_cases"}  # the table in workflow.py checks the step's permission

    @extend_schema(summary="Accept, decline, complete, withdraw or revoke a referral", request=ReferralChangeIn,
                   responses=ReferralOut)
    def post(self, request, referral_id):
        data = ReferralChangeIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        referral = services.referral_change(actor=request.actor, referral_id=referral_id, to_status=v["to"],
                                            version=v["version"], answer=v["answer"])
        return Response(ReferralOut(referral).data)


class TaskListView(APIView):
    required_permissions = {"GET": "care.view_cases"}

    @extend_schema(summary="Open tasks of your organisation, soonest first", responses=TaskOut(many=True),
                   parameters=[OpenApiParameter("mine", bool)])
    def get(self, request):
        tasks = selectors.task_list(actor=request.actor, mine_only=request.query_params.get("mine") in ("1", "true"))
        return Response(TaskOut(tasks[:1000], many=True).data)


class TaskDoneView(APIView):
    required_permissions = {"POST": "care.manage_tasks"}

    @extend_schema(summary="Mark a task done", request=None, responses=TaskOut,
                   parameters=[OpenApiParameter("version", int, required=True)])
    def post(self, request, task_id):
        try:
            version = int(request.query_params.get("version") or request.data.get("version"))
        except (TypeError, ValueError, AttributeError):
            raise serializers.ValidationError({"version": ["Send the version of the task you read."]})
        return Response(TaskOut(services.task_done(actor=request.actor, task_id=task_id, version=version)).data)


class CasePlacementRequestView(APIView):
    required_permissions = {"POST": "care.request_placement"}

    @extend_schema(summary="Ask for a shelter place for the person of a case (the request waits until placed)",
                   request=PlacementRequestIn, responses={201: PlacementRequestOut})
    def post(self, request, case_id):
        data = PlacementRequestIn(data=request.data)
        data.is_valid(raise_exception=True)
        placement_request = services.placement_request(actor=request.actor, case_id=case_id, **data.validated_data)
        return Response(PlacementRequestOut(placement_request).data, status=status.HTTP_201_CREATED)


class WaitingListView(APIView):
    required_permissions = {"GET": "care.request_placement"}  # and the waiting list's own care.view_capacity

    @extend_schema(summary="Placement requests still waiting for a place, oldest first (cases you work on)",
                   responses=PlacementRequestOut(many=True))
    def get(self, request):
        return Response(PlacementRequestOut(selectors.waiting_list(actor=request.actor)[:1000], many=True).data)


class PlacementOptionsView(APIView):
    required_permissions = {"GET": "care.request_placement"}

    @extend_schema(summary="Facilities with a free place today that fit a waiting request, best first, with "
                           "the reasons", responses=PlacementOptionOut(many=True))
    def get(self, request, request_id):
        _request, offers, need = selectors.placement_options(actor=request.actor, request_id=request_id)
        return Response(PlacementOptionOut(matching.rank(need, offers), many=True).data)


class PlaceView(APIView):
    required_permissions = {"POST": "care.request_placement"}

    @extend_schema(summary="Place the person of a waiting request in a facility (400 when it has no free place "
                           "that day, 409 when the request changed since you read it)",
                   request=PlaceIn, responses={201: PlacementOut})
    def post(self, request, request_id):
        data = PlaceIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        placement = services.placement_make(actor=request.actor, request_id=request_id, facility_id=v["facility"],
                                            start_on=v["start_on"], version=v["version"])
        return Response(PlacementOut(placement).data, status=status.HTTP_201_CREATED)


class PlacementEndView(APIView):
    required_permissions = {"POST": "care.request_placement"}

    @extend_schema(summary="End a placement: the person left the facility, the place is free from that day",
                   request=PlacementEndIn, responses=PlacementOut)
    def post(self, request, placement_id):
        data = PlacementEndIn(data=request.data)
        data.is_valid(raise_exception=True)
        placement = services.placement_end(actor=request.actor, placement_id=placement_id,
                                           end_on=data.validated_data["end_on"])
        return Response(PlacementOut(placement).data)


class CapacityView(APIView):
    required_permissions = {"GET": "care.view_capacity"}

    @extend_schema(summary="Shelter places, occupancy and free places today", responses=CapacityOut(many=True))
    def get(self, request):
        return Response(CapacityOut(selectors.capacity_overview(actor=request.actor), many=True).data)
