"""How API callers prove who they are, and which organisation they act for.

Sessions count only after the second factor (except in demo mode). Tokens are bound to one
membership, so a token always acts for the organisation it was made in.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from keten.apps.accounts.actor import Actor
from keten.apps.accounts.middleware import actor_for_session
from keten.apps.accounts.models import ApiToken
from keten.apps.accounts.services import token_digest
from keten.apps.accounts.token_lookup import token_by_digest


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, _auth = result
        django_request = request._request
        if not (settings.KETEN_DEMO_MODE or user.is_verified()):
            raise exceptions.AuthenticationFailed(_("Complete the second factor in the browser first."))
        django_request.actor = actor_for_session(django_request)
        return user, None


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Authorization: Token <key>."))
        token = token_by_digest(token_digest(header[1]))
        if (
            token is None
            or not token.is_usable
            or not token.membership.is_active
            or not token.membership.user.is_active
            or not token.membership.organisation.is_active
        ):
            raise exceptions.AuthenticationFailed(_("This token is unknown, expired or revoked."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        request._request.actor = Actor.for_membership(token.membership)
        return token.membership.user, token

    def authenticate_header(self, request):
        return self.keyword
