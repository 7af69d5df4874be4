from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from keten.api.pagination import Pagination, page_parameters, paginated

from .events import Event
from .selectors import AuditFilter, audit_chain_verify, audit_event_search


class AuditEventOut(serializers.Serializer):
    id = serializers.IntegerField()
    occurred_at = serializers.DateTimeField()
    action = serializers.CharField()
    actor_id = serializers.UUIDField(allow_null=True)
    actor_label = serializers.CharField()
    role = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    purpose = serializers.CharField()
    request_id = serializers.CharField()
    details = serializers.JSONField()
    hash = serializers.CharField()


class AuditFilterIn(serializers.Serializer):
    actor = serializers.CharField(required=False, allow_blank=True)
    action = serializers.ChoiceField(choices=[e.value for e in Event], required=False, allow_blank=True)
    object_type = serializers.CharField(required=False, allow_blank=True)
    object_id = serializers.CharField(required=False, allow_blank=True)
    request_id = serializers.CharField(required=False, allow_blank=True)
    date_from = serializers.DateField(required=False, allow_null=True)
    date_to = serializers.DateField(required=False, allow_null=True)


class VerificationOut(serializers.Serializer):
    ok = serializers.BooleanField()
    checked = serializers.IntegerField()
    head_hash = serializers.CharField()
    first_bad_id = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField()


class AuditEventListView(APIView):
    required_permissions = {"GET": "audit.view_log"}

    @extend_schema(
        responses=paginated(AuditEventOut), summary="Search the audit log of your organisation",
        operation_id="audit_events_list",
        parameters=[OpenApiParameter(name, str) for name in AuditFilterIn().fields] + page_parameters(),
    )
    def get(self, request):
        filters = AuditFilterIn(data=request.query_params)
        filters.is_valid(raise_exception=True)
        events = audit_event_search(actor=request.actor, filters=AuditFilter(**{
            k: v for k, v in filters.validated_data.items() if v}))
        paginator = Pagination()
        page = paginator.paginate_queryset(events, request, view=self)
        return paginator.get_paginated_response(AuditEventOut(page, many=True).data)


class AuditVerifyView(APIView):
    required_permissions = {"POST": "audit.verify_chain"}

    @extend_schema(request=None, responses=VerificationOut, summary="Verify the audit log's hash chain")
    def post(self, request):
        return Response(VerificationOut(audit_chain_verify(actor=request.actor)).data)
