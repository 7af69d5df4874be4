"""Pages of the accounts app: sign-in, second factor, organisation choice, members, roles,
organisations, directory and API tokens. Each view parses, calls one service or selector, renders."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from keten.apps.common.errors import ApplicationError, NotFound

from . import selectors, services
from .access import public, requires, signed_in
from .actor import Actor
from .catalogue import catalogue
from .forms import (DirectoryFilterForm, LoginForm, MemberAddForm, MemberEditForm, OrganisationForm,
                    RolePermissionsForm, SecondFactorForm, TokenCreateForm)
from .middleware import SESSION_MEMBERSHIP
from .models import Municipality

PURPOSE_ADMIN = "organisation administration"


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@public
@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request):
    if request.user.is_authenticated and request.actor is not None:
        return redirect("web:home")
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["username"].lower()
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            services.session_login_failed(email=email, ip_address=_client_ip(request))
            return render(request, "accounts/locked_out.html", status=429)
        if user is None:
            services.session_login_failed(email=email, ip_address=_client_ip(request))
            form.add_error(None, _("Signing in did not work. Check your e-mail address and password and try again."))
            status = 400
        else:
            login(request, user)
            services.session_login_recorded(actor=None, user=user, ip_address=_client_ip(request))
            return redirect(_safe_next(request, "/"))
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request, "")}, status=status)


@public
@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        services.session_logout_recorded(actor=request.actor or Actor(user=request.user), ip_address=_client_ip(request))
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("accounts:login")


def _confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@public
@require_http_methods(["GET", "HEAD", "POST"])
def second_factor(request):
    """Verify the code of the user's authenticator app, or set one up on first sign-in."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if settings.KETEN_DEMO_MODE or request.user.is_verified():
        return redirect(_safe_next(request, "/"))
    user = request.user
    device = _confirmed_totp(user)
    setup = device is None
    if setup:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False)
    form = SecondFactorForm(request.POST or None)
    status = 200
    token = form.cleaned_data["token"].replace(" ", "") if request.method == "POST" and form.is_valid() else ""
    # Six digits are a code of the app; anything else can only be a backup code.
    by_app = token.isdigit()
    allowed, throttle = device.verify_is_allowed() if by_app else (True, None)
    if token and not allowed:
        form.add_error("token", _("Too many wrong codes in a row. Wait %(seconds)s seconds, then enter the code "
                                  "your app shows at that moment.") % {"seconds": _wait_seconds(throttle)})
        status = 429
    elif token:
        if by_app:
            matched = device if device.verify_token(token) else None
        else:
            matched = None if setup else _match_backup_code(user, token)
        if matched is not None:
            backup_codes = services.second_factor_device_confirm(user=user, device=device) if setup else []
            otp_login(request, matched)
            services.second_factor_recorded(actor=Actor(user=user), ok=True)
            if backup_codes:
                return render(request, "accounts/backup_codes.html", {"codes": backup_codes, "next": _safe_next(request, "/")})
            return redirect(_safe_next(request, "/"))
        services.second_factor_recorded(actor=Actor(user=user), ok=False)
        form.add_error("token", _("This code is not correct or has expired. Enter the code your app shows now."))
        status = 400
    elif request.method == "POST":
        status = 400
    context = {"form": form, "setup": setup, "next": _safe_next(request, "")}
    if setup:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app"))
        context["secret"] = _base32(device)
    return render(request, "accounts/second_factor.html", context, status=status)


def _wait_seconds(throttle) -> int:
    from django.utils import timezone

    until = (throttle or {}).get("locked_until")
    return max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1


def _base32(device) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


def _match_backup_code(user, token):
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device if device is not None and device.verify_token(token) else None


@signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def choose_organisation(request):
    memberships = list(selectors.memberships_of(request.user))
    if request.method == "POST":
        try:
            membership = services.membership_activate(user=request.user, membership_id=request.POST.get("membership"))
        except NotFound:
            messages.error(request, _("Choose one of your organisations."))
        else:
            request.session[SESSION_MEMBERSHIP] = str(membership.pk)
            return redirect(_safe_next(request, "/"))
    return render(request, "accounts/choose_organisation.html",
                  {"memberships": memberships, "next": _safe_next(request, "")})


@requires("accounts.view_directory")
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisation_directory(
        actor=request.actor, search=filters.get("search", ""), type=filters.get("type", ""),
        region=filters.get("region", ""))
    return render(request, "accounts/directory.html", {"form": form, "organisations": organisations[:500]})


@requires("accounts.view_members")
def members(request):
    memberships = selectors.membership_list(actor=request.actor, purpose=PURPOSE_ADMIN)
    add_form = None
    if request.actor.has("accounts.manage_members"):
        add_form = MemberAddForm(roles=selectors.role_list(actor=request.actor))
    return render(request, "accounts/members.html", {"memberships": memberships, "add_form": add_form})


@requires("accounts.manage_members")
@require_POST
def member_add(request):
    roles = selectors.role_list(actor=request.actor)
    form = MemberAddForm(request.POST, roles=roles)
    if form.is_valid():
        try:
            membership = services.membership_add_by_email(
                actor=request.actor, email=form.cleaned_data["email"], full_name=form.cleaned_data["full_name"],
                role_id=form.cleaned_data["role"])
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("%(name)s is now a member.") % {"name": membership.user.full_name})
            return redirect("accounts:members")
    memberships = selectors.membership_list(actor=request.actor, purpose=PURPOSE_ADMIN)
    return render(request, "accounts/members.html", {"memberships": memberships, "add_form": form}, status=400)


@requires("accounts.manage_members")
@require_http_methods(["GET", "HEAD", "POST"])
def member_edit(request, membership_id):
    try:
        membership = selectors.membership_get(actor=request.actor, membership_id=membership_id, purpose=PURPOSE_ADMIN)
    except NotFound:
        raise Http404
    roles = selectors.role_list(actor=request.actor)
    initial = {"role": str(membership.role_id), "is_active": membership.is_active, "version": membership.version}
    form = MemberEditForm(request.POST or None, roles=roles, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                actor=request.actor, membership_id=membership.pk, role_id=form.cleaned_data["role"],
                is_active=form.cleaned_data["is_active"], version=form.cleaned_data["version"])
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The membership has been changed."))
            return redirect("accounts:members")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/member_edit.html", {"membership": membership, "form": form}, status=status)


@requires("accounts.manage_roles")
def roles(request):
    return render(request, "accounts/roles.html", {"roles": selectors.role_list(actor=request.actor)})


@requires("accounts.manage_roles")
@require_http_methods(["GET", "HEAD", "POST"])
def role_edit(request, role_id):
    try:
        role = selectors.role_get(actor=request.actor, role_id=role_id)
    except NotFound:
        raise Http404
    perms = sorted(catalogue().values(), key=lambda p: p.code)
    initial = {"permissions": [p.code for p in role.permissions.all()], "version": role.version}
    form = RolePermissionsForm(request.POST or None, catalogue=perms, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_update_permissions(actor=request.actor, role_id=role.pk,
                                             permission_codes=form.cleaned_data["permissions"],
                                             version=form.cleaned_data["version"])
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The role has been changed."))
            return redirect("accounts:roles")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/role_edit.html", {"role": role, "form": form}, status=status)


@requires("accounts.manage_organisations")
@require_http_methods(["GET", "HEAD", "POST"])
def organisations(request):
    form = OrganisationForm(request.POST or None, municipalities=Municipality.objects.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation = services.organisation_create(
                actor=request.actor, name=data["name"], type=data["type"], region=data["region"],
                municipality_code=data["municipality"] or None)
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("%(name)s has been registered.") % {"name": organisation.name})
            return redirect("accounts:organisations")
    status = 400 if request.method == "POST" else 200
    listing = selectors.organisation_directory(actor=request.actor)
    return render(request, "accounts/organisations.html", {"form": form, "organisations": listing}, status=status)


@requires("accounts.use_api")
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request):
    form = TokenCreateForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.api_token_create(actor=request.actor, name=form.cleaned_data["name"],
                                                        days=form.cleaned_data["days"])
        except ApplicationError as exc:
            form.add_service_errors(exc)
        else:
            form = TokenCreateForm()
    status = 400 if request.method == "POST" and not new_key else 200
    return render(request, "accounts/tokens.html",
                  {"form": form, "tokens": selectors.api_token_list(actor=request.actor), "new_key": new_key},
                  status=status)


@requires("accounts.use_api")
@require_POST
def token_revoke(request, token_id):
    try:
        services.api_token_revoke(actor=request.actor, token_id=token_id)
    except NotFound:
        raise Http404
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:tokens")
