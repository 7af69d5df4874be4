"""A daily e-mail per person with open tasks due or overdue. It names case references and
deadlines, never a person: e-mail leaves Keten's protection."""

from __future__ import annotations

from collections import defaultdict

from django.core.mail import send_mass_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from keten.apps.accounts.models import Membership

from . import deadlines
from .models import Task


def send_digests(today=None) -> int:
    today = today or timezone.localdate()
    tasks = (Task.objects.filter(status=Task.Status.OPEN, remind_from__lte=today)
             .select_related("case", "organisation", "assignee").order_by("due_on"))
    by_org: dict = defaultdict(list)
    for task in tasks:
        by_org[task.organisation_id].append(task)
    messages = []
    members = (Membership.objects.filter(organisation_id__in=by_org, is_active=True, user__is_active=True,
                                         role__permissions__code="care.manage_tasks")
               .select_related("user").distinct())
    for membership in members:
        own = [t for t in by_org[membership.organisation_id] if t.assignee_id in (None, membership.user_id)]
        if not own:
            continue
        with translation.override("nl"):
            lines = [f"- {t.due_on:%d-%m-%Y} {t.case.reference + ': ' if t.case else ''}{t.label}"
                     f"{' (' + _('overdue') + ')' if deadlines.state(t.due_on, t.remind_from, today) == 'overdue' else ''}"
                     for t in own]
            body = "\n".join([_("Tasks in Keten that need attention:"), "", *lines, "",
                              _("Open Keten for the details. This e-mail names no persons on purpose.")])
            subject = ngettext("Keten: %(n)s task needs attention", "Keten: %(n)s tasks need attention",
                               len(own)) % {"n": len(own)}
        messages.append((subject, body, None, [membership.user.email]))
    send_mass_mail(messages, fail_silently=False)
    return len(messages)
