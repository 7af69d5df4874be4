"""Case timeline and task list pages with 100,000 cases on PostgreSQL: queries per page and latency.

    .venv/bin/python -m bench.care.pages [--cases 100000] [--samples 200]

Makes a fresh PostgreSQL database, fills it in bulk (cases with a signal, forms, steps, a referral
and tasks each, spread over a registration desk and twelve municipalities), then renders pages
in-process through the whole middleware stack, as the registration desk and as a care coordinator
working through accepted referrals. Targets: under 50 queries per page and p95 under 150 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def prepare(name: str) -> None:
    if not os.environ.get("KETEN_BENCH_REUSE"):
        subprocess.run(["psql", ADMIN_URL, "-qc", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"],
                       check=True)
    os.environ.update({"DJANGO_SETTINGS_MODULE": "keten.config.settings.prod", "KETEN_SECRET_KEY": "b" * 60,
                       "KETEN_FIELD_KEYS": "ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTAxMjM=",
                       "KETEN_PSEUDONYM_KEY": "bench", "KETEN_ALLOWED_HOSTS": "testserver",
                       "DATABASE_URL": ADMIN_URL.rsplit("/", 1)[0] + "/" + name, "KETEN_LOG_LEVEL": "WARNING",
                       "KETEN_VAR_DIR": tempfile.mkdtemp(prefix="keten-bench-")})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as a deployment does


def fill(n_cases: int, seed: int = 7):
    from django.db import transaction

    from keten.apps.accounts import services as accounts
    from keten.apps.accounts.actor import Actor
    from keten.apps.accounts.models import Role
    from keten.apps.care.models import (Case, CaseEvent, CaseForm, CaseSignal, CaseStatusChange, Referral,
                                        SafeContact, Task)
    from keten.apps.intake.models import Person, Signal, SignalForm

    rng = random.Random(seed)
    system = Actor.system("bench", frozenset({"accounts.manage_organisations", "accounts.manage_members"}))
    desk = accounts.organisation_create(actor=system, name="CoMensha", type="registration_desk", region="national")
    police = accounts.organisation_create(actor=system, name="Politie", type="police", region="amsterdam")
    codes = ["GM0363", "GM0599", "GM0518", "GM0344", "GM0772", "GM0014", "GM0855", "GM0034", "GM0758", "GM0268",
             "GM0935", "GM0153"]
    municipalities = [accounts.organisation_create(actor=system, name=f"Gemeente {c}", type="municipality",
                                                   region="amsterdam", municipality_code=c) for c in codes]

    def member(org, template, email):
        user = accounts.user_create(actor=system, email=email, full_name=email.split("@")[0], password=None)
        role = Role.objects.get(organisation=org, template=template)
        return accounts.membership_add(actor=system, organisation=org, user=user, role_id=role.pk)

    desk_member = member(desk, "registration_desk", "desk@bench.example")
    coordinator = member(municipalities[0], "care_coordinator", "zc@bench.example")
    today = date.today()
    batch = 5000
    for start in range(0, n_cases, batch):
        size = min(batch, n_cases - start)
        with transaction.atomic():
            signals = [Signal(reference=f"S-B{start + i:07d}", organisation=police, source="import", status="registered",
                              observed_on=today - timedelta(days=rng.randrange(900)), sector="agriculture",
                              account="Bench signal.") for i in range(size)]
            Signal.objects.bulk_create(signals)
            SignalForm.objects.bulk_create([SignalForm(signal=s, form="labour") for s in signals])
            Person.objects.bulk_create([Person(signal=s, role="victim", given_name="Ana", family_name=f"P{i}")
                                        for i, s in enumerate(signals)])
            cases = [Case(reference=f"C-B{start + i:07d}", owner=desk, given_name="Ana", family_name=f"P{start + i}",
                          date_of_birth="1990-01-01", birth_year=1990, nationality="RO", gender="female")
                     for i in range(size)]
            Case.objects.bulk_create(cases)
            CaseForm.objects.bulk_create([CaseForm(case=c, form="labour") for c in cases])
            CaseSignal.objects.bulk_create([CaseSignal(case=c, signal=s) for c, s in zip(cases, signals)])
            SafeContact.objects.bulk_create([SafeContact(case=c) for c in cases])
            now = time_now()
            CaseStatusChange.objects.bulk_create([CaseStatusChange(case=c, to_status="open", changed_at=now)
                                                  for c in cases])
            events = []
            for c in cases:
                events.append(CaseEvent(case=c, kind="registered", occurred_on=today, organisation=desk))
                events.append(CaseEvent(case=c, kind="step", step="reflection_started", occurred_on=today,
                                        organisation=desk))
                events.append(CaseEvent(case=c, kind="note", occurred_on=today, organisation=desk, note="Gesprek."))
            CaseEvent.objects.bulk_create(events)
            referrals = [Referral(case=c, from_organisation=desk, to_organisation=rng.choice(municipalities),
                                  kind="care_coordination", purpose="Zorg.", consent="given",
                                  status=rng.choice(["accepted", "accepted", "sent", "completed"]),
                                  respond_by=today + timedelta(days=3)) for c in cases]
            Referral.objects.bulk_create(referrals)
            Task.objects.bulk_create([Task(case=c, organisation=desk, term="reflection_end", title="Einde bedenktijd",
                                           due_on=today + timedelta(days=rng.randrange(-10, 90)),
                                           remind_from=today - timedelta(days=5)) for c in cases])
        print(f"  {start + size:,} cases", file=sys.stderr, flush=True)
    return desk_member, coordinator


def time_now():
    from django.utils import timezone

    return timezone.now()


def measure(client, urls: list[str]) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], []
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured.captured_queries))
    timings.sort()
    return {"pages": len(urls), "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1), "max_queries": max(queries),
            "median_queries": statistics.median(queries)}


def arguments(doc: str, samples: int) -> argparse.Namespace:
    """The options every page benchmark takes."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=samples)
    parser.add_argument("--keep", metavar="NAME", help="keep the filled database under this name, for --reuse")
    parser.add_argument("--reuse", metavar="NAME", help="measure a database kept earlier (no fill)")
    return parser.parse_args()


def database(args: argparse.Namespace, prefix: str) -> str:
    """A fresh database (or the one kept earlier), migrated and set up as Django's."""
    name = args.reuse or args.keep or f"{prefix}_{os.getpid()}"
    if args.reuse:
        os.environ["KETEN_BENCH_REUSE"] = "1"
    prepare(name)
    return name


def main() -> None:
    args = arguments(__doc__, samples=200)
    name = database(args, "keten_bench_care")
    try:
        if args.reuse:
            from keten.apps.accounts.models import Membership

            desk_member = Membership.objects.get(user__email="desk@bench.example")
            coordinator = Membership.objects.get(user__email="zc@bench.example")
        else:
            started = time.perf_counter()
            desk_member, coordinator = fill(args.cases)
            print(f"filled {args.cases:,} cases in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        from django.db import connection
        from django.test import Client

        from keten.apps.care.models import Case, Referral

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        results = {}
        for label, membership in (("registration desk", desk_member), ("care coordinator", coordinator)):
            client = Client(HTTP_X_FORWARDED_PROTO="https")
            client.force_login(membership.user)
            session = client.session
            session["keten_membership_id"] = str(membership.pk)
            session.save()
            from django.conf import settings

            settings.KETEN_DEMO_MODE = True  # the second factor is not what is measured
            if label == "registration desk":
                ids = list(Case.objects.order_by("?").values_list("pk", flat=True)[: args.samples])
            else:
                ids = list(Referral.objects.filter(to_organisation=membership.organisation, status="accepted")
                           .order_by("?").values_list("case_id", flat=True)[: args.samples])
            client.get(f"/cases/{ids[0]}/")  # warm up
            results[f"timeline ({label})"] = measure(client, [f"/cases/{i}/" for i in ids])
            results[f"task list ({label})"] = measure(client, ["/tasks/"] * max(20, args.samples // 10))
            scope = "owned" if label == "registration desk" else "referred"
            results[f"case list ({label})"] = measure(client, [f"/cases/?scope={scope}"] * max(20, args.samples // 10))
        report(results)
        ok = all(r["max_queries"] < 50 and r["p95_ms"] < 150 for k, r in results.items() if "case list" not in k)
        print(f"target (timeline and task list: < 50 queries, p95 < 150 ms): {'met' if ok else 'NOT met'}")
    finally:
        close(args, name)


def report(results: dict[str, dict]) -> None:
    width = max(len(k) for k in results)
    print(f"{'page':<{width}}  pages  p50 ms  p95 ms  max queries")
    for key, r in results.items():
        print(f"{key:<{width}}  {r['pages']:>5}  {r['p50_ms']:>6}  {r['p95_ms']:>6}  {r['max_queries']:>11}")


def close(args: argparse.Namespace, name: str) -> None:
    """Let go of the database, and drop it unless it is kept."""
    from django.db import connections

    connections.close_all()
    if not (args.keep or args.reuse):
        subprocess.run(["psql", ADMIN_URL, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False)


if __name__ == "__main__":
    main()
