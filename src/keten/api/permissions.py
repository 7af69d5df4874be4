"""API access rules. Every API view names its rule per HTTP method in ``required_permissions``
(the permission matrix test checks that each one does); anything unnamed is denied."""

from __future__ import annotations

from rest_framework import permissions

SIGNED_IN = "signed_in"  # any authenticated caller, with or without an organisation
MEMBER = "member"  # acting for an organisation


class KetenPermission(permissions.BasePermission):
    message = "Your role in this organisation does not allow this."

    def has_permission(self, request, view):
        rule = getattr(view, "required_permissions", {}).get(request.method)
        if request.method == "OPTIONS" and rule is None:
            rule = SIGNED_IN
        if rule is None:
            return False
        actor = getattr(request, "actor", None)
        if actor is None or request.user is None or not request.user.is_authenticated:
            return False
        if rule == SIGNED_IN:
            return True
        if actor.membership is None:
            self.message = "Choose the organisation you act for first (or use a token made in it)."
            return False
        return rule == MEMBER or actor.has(rule)
