"""Referrals sent to the own organisation: read what is asked, then accept or decline."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from keten.apps.accounts.access import requires
from keten.apps.common.errors import ApplicationError, NotFound

from .. import selectors, services
from ..forms import ReferralAnswerForm
from .common import report


@requires("care.view_cases")
def referral_detail(request, referral_id):
    try:
        referral = selectors.referral_for_receiver(actor=request.actor, referral_id=referral_id,
                                                   purpose="answer a referral")
    except NotFound:
        raise Http404
    return render(request, "care/referral_detail.html", {"referral": referral, "form": ReferralAnswerForm()})


@requires("care.view_cases")
@require_POST
def referral_change(request, referral_id):
    form = ReferralAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The answer was incomplete; open the referral again and answer from there."))
        return redirect("care:list")
    data = form.cleaned_data
    try:
        referral = services.referral_change(actor=request.actor, referral_id=referral_id, to_status=data["to"],
                                            version=data["version"], answer=data.get("answer", ""))
    except NotFound:
        raise Http404
    except ApplicationError as exc:
        report(request, exc)
        return redirect("care:list")
    messages.success(request, _("The referral is now %(status)s.") % {"status": referral.get_status_display()})
    if referral.status == "accepted":
        return redirect("care:detail", case_id=referral.case_id)
    return redirect("care:list")
