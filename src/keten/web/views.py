from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from keten.apps.accounts.access import member, public
from keten.apps.accounts.catalogue import role_templates

from .areas import areas_for


@member
def home(request):
    actor = request.actor
    template = role_templates().get(actor.role.template) if actor.role else None
    return render(request, "web/home.html", {"areas": areas_for(actor), "role_template": template})


@public
def health(request):
    """For load balancers: the process answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request, exception=None):
    return render(request, "web/404.html", status=404)


def server_error(request):
    return render(request, "web/500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "web/csrf_failure.html", status=403)
