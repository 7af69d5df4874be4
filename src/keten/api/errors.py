"""Every API error as problem+json (RFC 9457), with field-level messages where a field was wrong."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from keten.apps.common.errors import ApplicationError

logger = logging.getLogger("keten.api")
PROBLEM = "application/problem+json"


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {"field.sub": ["message", …]}."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if key != "non_field_errors" else ""
            out.update(_flatten(value, f"{prefix}.{name}" if prefix and name else (name or prefix)))
    elif isinstance(detail, list):
        if all(not isinstance(v, (dict, list)) for v in detail):
            out.setdefault(prefix, []).extend(str(v) for v in detail)
        else:
            for i, value in enumerate(detail):
                out.update(_flatten(value, f"{prefix}[{i}]"))
    else:
        out.setdefault(prefix, []).append(str(detail))
    return out


def problem(*, status_code: int, title: str, detail: str, code: str, request=None, errors=None) -> Response:
    body = {
        "type": f"https://keten.example/problems/{code}",
        "title": title,
        "status": status_code,
        "detail": detail,
        "code": code,
    }
    if request is not None:
        body["instance"] = request.get_full_path()
        request_id = getattr(request, "request_id", "")
        if request_id:
            body["request_id"] = request_id
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, content_type=PROBLEM)


def problem_exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, ApplicationError):
        errors = exc.fields or None
        return problem(status_code=exc.status, title=_("Request refused") if exc.status < 500 else exc.message,
                       detail=exc.message, code=exc.code, request=request, errors=errors)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django logs it and answers 500
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        return problem(status_code=status.HTTP_400_BAD_REQUEST, title=_("Invalid input"),
                       detail=_("Some fields are not valid; see errors."), code="validation_failed",
                       request=request, errors=errors)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
    result = problem(status_code=response.status_code, title=str(exc.default_detail), detail=str(detail),
                     code=code, request=request)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result
