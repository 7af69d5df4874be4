"""The import page: upload a file, check how its columns map onto Keten's fields, start the job."""

from __future__ import annotations

import secrets

from django import forms as dj
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from keten.apps.accounts.access import requires
from keten.apps.common.crypto import field_cipher
from keten.web.forms import StyledFormMixin

from .import_jobs import import_job_start
from .importing import TARGETS, ImportRefused, default_mapping, read_table

SESSION_KEY = "keten_pending_import"
MAX_UPLOAD = 20 * 1024 * 1024


class UploadForm(StyledFormMixin, dj.Form):
    file = dj.FileField(label=gettext_lazy("File (.csv or .xlsx)"),
                        help_text=gettext_lazy("One row per signal, with your own reference in a column. At most 20 MB."))


def _pending_path(token: str) -> str:
    return f"imports/pending/{token}.bin"


@requires("intake.import_signals")
@require_http_methods(["GET", "HEAD", "POST"])
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 20 MB. Split it into smaller files."))
        else:
            content = upload.read()
            try:
                headers, rows = read_table(content, upload.name)
            except ImportRefused as exc:
                form.add_error("file", exc.message)
            else:
                token = secrets.token_urlsafe(16)
                default_storage.save(_pending_path(token), ContentFile(field_cipher().encrypt(content)))
                request.session[SESSION_KEY] = {"token": token, "filename": upload.name, "headers": headers,
                                                "rows": len(rows)}
                return redirect("intake:import_mapping")
    return render(request, "intake/import_upload.html", {"form": form, "targets": TARGETS},
                  status=400 if request.method == "POST" else 200)


@requires("intake.import_signals")
@require_http_methods(["GET", "HEAD", "POST"])
def import_mapping(request):
    pending = request.session.get(SESSION_KEY)
    if not pending:
        messages.error(request, _("Upload a file first."))
        return redirect("intake:import")
    headers = pending["headers"]
    guessed = default_mapping(headers)
    if request.method == "POST":
        mapping = {h: request.POST.get(f"map_{i}", "") for i, h in enumerate(headers)}
        mapping = {h: t for h, t in mapping.items() if t}
        with default_storage.open(_pending_path(pending["token"]), "rb") as handle:
            content = field_cipher().decrypt(handle.read())
        job = import_job_start(actor=request.actor, content=content, filename=pending["filename"], mapping=mapping)
        default_storage.delete(_pending_path(pending["token"]))
        del request.session[SESSION_KEY]
        return redirect("jobs:detail", job_id=job.pk)
    columns = [{"index": i, "header": h, "target": guessed.get(h, "")} for i, h in enumerate(headers)]
    return render(request, "intake/import_mapping.html",
                  {"columns": columns, "targets": TARGETS, "pending": pending})


@requires("intake.import_signals")
def import_template(request):
    response = HttpResponse(",".join(TARGETS) + "\n", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="keten-signals-template.csv"'
    return response
