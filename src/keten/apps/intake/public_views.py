"""The anonymous public form: few fields, no login, a honeypot and a rate limit against abuse."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from keten.apps.accounts.access import public
from keten.apps.common.errors import ApplicationError

from . import services
from .forms import PublicReportForm

REPORTS_PER_HOUR = 5


def _over_limit(request) -> bool:
    # Only a hash of the address, only in the cache, only for an hour: nothing about the reporter is kept.
    key = "public-report:" + hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()[:32]
    count = cache.get_or_set(key, 0, timeout=3600)
    if count >= REPORTS_PER_HOUR:
        return True
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
    return False


@public
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    form = PublicReportForm(request.POST or None)
    if request.method == "POST":
        if _over_limit(request):
            return render(request, "intake/public_report.html", {"form": form, "limited": True}, status=429)
        if form.is_valid():
            if form.cleaned_data["website"]:  # only robots fill in the hidden field
                return render(request, "intake/public_thanks.html", {"reference": None})
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            data["observed_on"] = data["observed_on"].isoformat() if data.get("observed_on") else ""
            data["forms"] = data["forms"] or ["unknown"]
            try:
                signal = services.public_report_create(data=data)
            except ApplicationError as exc:
                form.add_service_errors(exc)
            else:
                return render(request, "intake/public_thanks.html", {"reference": signal.reference})
        return render(request, "intake/public_report.html", {"form": form}, status=400)
    return render(request, "intake/public_report.html", {"form": form})
