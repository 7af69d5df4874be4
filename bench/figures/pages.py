"""The figures page, its CSV and API with 100,000 possible victims on PostgreSQL: time and queries.

    .venv/bin/python -m bench.figures.pages [--cases 100000] [--samples 20]

Fills a fresh PostgreSQL database as the care benchmark does (a case per signal), then spreads the
records as real ones are: registrations over the years after their signal, signals over ten
municipalities in different police units, and a mix of genders, ages and nationalities. Renders
the figures of the last whole year and of an earlier one, the CSV and the API in-process, as a
policy user, after a first visit (reported apart: it audits every year's small counts). Target:
p95 under one second per request.
"""

from __future__ import annotations

import sys
import time
from datetime import date

from bench.care.pages import arguments, close, database, fill, measure, report

CODES = ["GM0363", "GM0599", "GM0518", "GM0344", "GM0772", "GM0014", "GM0855", "GM0034", "GM0935", "GM0153"]
NATIONALITIES = ["NL", "NL", "NL", "RO", "RO", "PL", "BG", "NG", "UA", "ER"]


def spread() -> None:
    """Registration a few days after the signal; place, gender, age and nationality by the reference's digits."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""UPDATE care_case c SET created_at = s.observed_on + interval '5 days'
                          FROM care_casesignal cs JOIN intake_signal s ON s.id = cs.signal_id
                          WHERE cs.case_id = c.id""")
        for digit in range(10):
            cursor.execute("UPDATE intake_signal SET municipality_id = %s, country_of_origin = %s "
                           "WHERE reference LIKE %s", [CODES[digit], NATIONALITIES[digit], f"%{digit}"])
            cursor.execute("UPDATE care_case SET nationality = %s, gender = %s, birth_year = %s, is_minor = %s "
                           "WHERE reference LIKE %s",
                           [NATIONALITIES[digit], "male" if digit % 3 == 0 else "female", 1985 + 2 * digit,
                            digit == 9, f"%{digit}"])
        # and a few of each year small, as a real year has them, so the audits of small counts run
        for pattern, column, value in (("%0000", "gender", "other"), ("%1111", "nationality", "VN"),
                                       ("%2222", "nationality", "SY"), ("%3333", "nationality", "HU")):
            cursor.execute(f"UPDATE care_case SET {column} = %s WHERE reference LIKE %s", [value, pattern])
        cursor.execute("ANALYZE")


def policy_member():
    from keten.apps.accounts import services as accounts
    from keten.apps.accounts.actor import Actor
    from keten.apps.accounts.models import Membership, Role

    found = Membership.objects.filter(user__email="beleid@bench.example").first()
    if found:
        return found
    system = Actor.system("bench", frozenset({"accounts.manage_organisations", "accounts.manage_members"}))
    ministry = accounts.organisation_create(actor=system, name="Ministerie", type="ministry", region="national")
    user = accounts.user_create(actor=system, email="beleid@bench.example", full_name="Beleid", password=None)
    role = Role.objects.get(organisation=ministry, template="policy")
    return accounts.membership_add(actor=system, organisation=ministry, user=user, role_id=role.pk)


def main() -> None:
    args = arguments(__doc__, samples=20)
    name = database(args, "keten_bench_figures")
    try:
        if not args.reuse:
            started = time.perf_counter()
            fill(args.cases)
            spread()
            print(f"filled {args.cases:,} cases in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        from django.conf import settings
        from django.test import Client

        settings.KETEN_DEMO_MODE = True  # the second factor is not what is measured
        membership = policy_member()
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        client.force_login(membership.user)
        session = client.session
        session["keten_membership_id"] = str(membership.pk)
        session.save()
        earlier = date.today().year - 2  # the cases span the last 900 days
        started = time.perf_counter()
        client.get("/figures/")  # the first visit audits every year; later ones remember the audits
        first = (time.perf_counter() - started) * 1000
        results = {
            "page, last whole year": measure(client, ["/figures/"] * args.samples),
            "page, two years earlier": measure(client, [f"/figures/?year={earlier}"] * args.samples),
            "CSV": measure(client, ["/figures/csv/"] * args.samples),
            "API": measure(client, ["/api/v1/figures/"] * args.samples),
        }
        report(results)
        print(f"first visit (every year audited): {first:.0f} ms")
        ok = all(r["p95_ms"] < 1000 for r in results.values())
        print(f"target (p95 < 1 s): {'met' if ok else 'NOT met'}")
    finally:
        close(args, name)


if __name__ == "__main__":
    main()
