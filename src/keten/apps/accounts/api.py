"""API of the accounts app: the current user, organisations, memberships and roles."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from keten.api.pagination import Pagination, page_parameters, paginated
from keten.api.permissions import MEMBER, SIGNED_IN

from . import codelists, selectors, services

PURPOSE = "organisation administration (API)"


class OrganisationOut(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()
    region = serializers.CharField()
    region_label = serializers.CharField()
    municipality = serializers.CharField(source="municipality_id", allow_null=True)


class OrganisationIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    type = serializers.ChoiceField(choices=[c.code for c in codelists.organisation_types()])
    region = serializers.ChoiceField(choices=[c.code for c in codelists.regions()])
    municipality = serializers.CharField(max_length=6, required=False, allow_blank=True, allow_null=True)


class RoleOut(serializers.Serializer):
    id = serializers.UUIDField()
    name_nl = serializers.CharField()
    name_en = serializers.CharField()
    template = serializers.CharField()
    permissions = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_permissions(self, role) -> list[str]:
        return sorted(p.code for p in role.permissions.all())


class MembershipBriefOut(serializers.Serializer):
    id = serializers.UUIDField()
    organisation = OrganisationOut()
    role = serializers.CharField(source="role.name_en")


class MeOut(serializers.Serializer):
    id = serializers.UUIDField(source="user.id")
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")
    organisation = OrganisationOut(allow_null=True)
    role = serializers.CharField(allow_null=True, source="role.name_en", default=None)
    permissions = serializers.ListField(child=serializers.CharField())
    memberships = MembershipBriefOut(many=True)


class MembershipOut(serializers.Serializer):
    id = serializers.UUIDField()
    user_id = serializers.UUIDField(source="user.id")
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")
    role_id = serializers.UUIDField()
    role = serializers.CharField(source="role.name_en")
    is_active = serializers.BooleanField()
    version = serializers.IntegerField()


class MembershipIn(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    role_id = serializers.UUIDField()


class MembershipUpdateIn(serializers.Serializer):
    role_id = serializers.UUIDField()
    is_active = serializers.BooleanField()
    version = serializers.IntegerField(min_value=1, help_text="the version you read; a newer one means a conflict")


class MeView(APIView):
    required_permissions = {"GET": SIGNED_IN}

    @extend_schema(responses=MeOut, summary="The signed-in user and the organisation they act for")
    def get(self, request):
        actor = request.actor
        data = {
            "user": actor.user,
            "organisation": actor.organisation,
            "role": actor.role,
            "permissions": sorted(actor.permissions),
            "memberships": list(selectors.memberships_of(actor.user)),
        }
        return Response(MeOut(data).data)


class OrganisationListView(APIView):
    required_permissions = {"GET": "accounts.view_directory", "POST": "accounts.manage_organisations"}

    @extend_schema(
        responses=paginated(OrganisationOut), summary="Directory of partner organisations",
        operation_id="organisations_list",
        parameters=[OpenApiParameter("search", str), OpenApiParameter("type", str), OpenApiParameter("region", str),
                    *page_parameters()],
    )
    def get(self, request):
        qs = selectors.organisation_directory(
            actor=request.actor, search=request.query_params.get("search", ""),
            type=request.query_params.get("type", ""), region=request.query_params.get("region", ""))
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(OrganisationOut(page, many=True).data)

    @extend_schema(request=OrganisationIn, responses={201: OrganisationOut}, summary="Register an organisation")
    def post(self, request):
        data = OrganisationIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        organisation = services.organisation_create(
            actor=request.actor, name=v["name"], type=v["type"], region=v["region"],
            municipality_code=v.get("municipality") or None)
        return Response(OrganisationOut(organisation).data, status=status.HTTP_201_CREATED)


class OrganisationDetailView(APIView):
    required_permissions = {"GET": "accounts.view_directory"}

    @extend_schema(responses=OrganisationOut, summary="One partner organisation")
    def get(self, request, organisation_id):
        return Response(OrganisationOut(selectors.organisation_get(actor=request.actor, organisation_id=organisation_id)).data)


class MembershipListView(APIView):
    required_permissions = {"GET": "accounts.view_members", "POST": "accounts.manage_members"}

    @extend_schema(responses=MembershipOut(many=True), summary="Members of your organisation")
    def get(self, request):
        members = selectors.membership_list(actor=request.actor, purpose=PURPOSE)
        return Response(MembershipOut(members, many=True).data)

    @extend_schema(request=MembershipIn, responses={201: MembershipOut}, summary="Add a member to your organisation")
    def post(self, request):
        data = MembershipIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        membership = services.membership_add_by_email(
            actor=request.actor, email=v["email"], full_name=v["full_name"], role_id=v["role_id"])
        return Response(MembershipOut(membership).data, status=status.HTTP_201_CREATED)


class MembershipDetailView(APIView):
    required_permissions = {"GET": "accounts.view_members", "PATCH": "accounts.manage_members"}

    @extend_schema(responses=MembershipOut, summary="One member of your organisation")
    def get(self, request, membership_id):
        membership = selectors.membership_get(actor=request.actor, membership_id=membership_id, purpose=PURPOSE)
        return Response(MembershipOut(membership).data)

    @extend_schema(request=MembershipUpdateIn, responses=MembershipOut,
                   summary="Change a member's role or end the membership")
    def patch(self, request, membership_id):
        data = MembershipUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        membership = services.membership_update(actor=request.actor, membership_id=membership_id,
                                                role_id=v["role_id"], is_active=v["is_active"], version=v["version"])
        return Response(MembershipOut(membership).data)


class RoleListView(APIView):
    required_permissions = {"GET": MEMBER}

    @extend_schema(responses=RoleOut(many=True), summary="Roles of your organisation and their permissions")
    def get(self, request):
        return Response(RoleOut(selectors.role_list(actor=request.actor), many=True).data)
