"""Access rules of pages. Every view carries one (the permission matrix test checks that), set by
one of these decorators: ``public``, ``signed_in`` (any verified user, with or without an
organisation), ``member`` (acting for an organisation) or ``requires(permission)``."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render

from keten.apps.audit.events import Event
from keten.apps.audit.services import record

PUBLIC = "public"
SIGNED_IN = "signed_in"
MEMBER = "member"


def _mark(view, rule: str):
    view.keten_access = rule
    return view


def public(view):
    return _mark(view, PUBLIC)


def signed_in(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.actor is None:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _mark(wrapper, SIGNED_IN)


def _needs_membership(request):
    if request.actor is None:
        return redirect_to_login(request.get_full_path())
    if request.actor.membership is None:
        return redirect(f"/account/organisation/?next={request.path}")
    return None


def member(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return _needs_membership(request) or view(request, *args, **kwargs)

    return _mark(wrapper, MEMBER)


def requires(permission: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            blocked = _needs_membership(request)
            if blocked:
                return blocked
            if not request.actor.has(permission):
                record(actor=request.actor, action=Event.ACCESS_DENIED, object_type="page",
                       object_id=request.path[:64], details={"permission": permission})
                return render(request, "web/forbidden.html", {"permission": permission}, status=403)
            return view(request, *args, **kwargs)

        return _mark(wrapper, permission)

    return decorator
