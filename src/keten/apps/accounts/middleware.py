from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .actor import Actor
from .selectors import memberships_of

SESSION_MEMBERSHIP = "keten_membership_id"

# Paths a signed-in user may reach before the second factor: the factor itself, leaving, language.
_BEFORE_SECOND_FACTOR = ("/account/second-factor/", "/account/logout/", "/i18n/", "/static/", "/api/")


def second_factor_done(request) -> bool:
    return settings.KETEN_DEMO_MODE or request.user.is_verified()


class SecondFactorRequiredMiddleware:
    """Every account outside demo mode signs in with a TOTP second factor before anything else.
    (The API refuses unverified sessions itself: keten.api.authentication.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and not second_factor_done(request)
            and not request.path.startswith(_BEFORE_SECOND_FACTOR)
        ):
            return redirect(f"{reverse('accounts:second_factor')}?next={request.path}")
        return self.get_response(request)


def actor_for_session(request) -> Actor | None:
    """The actor of a signed-in, verified session: the chosen membership, or the only one."""
    user = request.user
    if not user.is_authenticated or not second_factor_done(request):
        return None
    memberships = memberships_of(user)
    chosen = request.session.get(SESSION_MEMBERSHIP)
    membership = None
    if chosen:
        membership = next((m for m in memberships if str(m.pk) == chosen), None)
    if membership is None:
        only = list(memberships[:2])
        if len(only) == 1:
            membership = only[0]
            request.session[SESSION_MEMBERSHIP] = str(membership.pk)
    if membership is None:
        return Actor(user=user)
    return Actor.for_membership(membership)


class ActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = actor_for_session(request)
        return self.get_response(request)
