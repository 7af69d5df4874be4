"""`keten care retention|digest|legal-hold`: scheduled work of the referral mechanism, also by hand."""

from __future__ import annotations

import click

from . import lookup


@click.group(name="care")
def command() -> None:
    """Retention, legal holds and task digests of the national referral mechanism."""


@command.command()
@click.option("--apply", "apply_", is_flag=True, help="Anonymise now; without it, only report (dry run).")
def retention(apply_: bool) -> None:
    """Report (or anonymise) closed cases whose retention period has passed, except under legal hold."""
    from .django_setup import setup

    setup()
    from keten.apps.care.retention import anonymise

    due = anonymise(dry_run=not apply_)
    for item in due:
        click.echo(f"{item.reference}  closed {item.closed_on}  expired {item.expires_on}"
                   f"{'  (minor)' if item.minor else ''}")
    click.echo(f"{'Anonymised' if apply_ else 'Would anonymise'} {len(due)} case(s).")


@command.command()
def digest() -> None:
    """Send today's task digests by e-mail."""
    from .django_setup import setup

    setup()
    from keten.apps.care.digest import send_digests

    click.echo(f"Sent {send_digests()} digest(s).")


@command.command(name="legal-hold")
@click.argument("references", nargs=-1, required=True)
@click.option("--org", "organisation", required=True,
              help="The organisation that orders the hold (id or exact name): the public prosecution service "
                   "for any case, another organisation for its own cases.")
@click.option("--reason", default="", help="Place the hold, for this reason (the investigation or court case).")
@click.option("--lift", is_flag=True, help="Lift the hold instead.")
def legal_hold(references: tuple[str, ...], organisation: str, reason: str, lift: bool) -> None:
    """Show, place (--reason) or lift (--lift) the legal hold of cases, by their references.

    For a written order that lists many cases: every reference must be found, or nothing changes.
    The access log names this command and the ordering organisation.
    """
    from .django_setup import setup

    setup()
    from keten.apps.accounts.actor import Actor
    from keten.apps.care import selectors, services
    from keten.apps.common.errors import ApplicationError, NotFound

    if lift and reason:
        raise click.UsageError("give --reason to place a hold or --lift to lift it, not both")
    org = lookup.organisation(organisation)
    actor = Actor.system("legal-hold", permissions=frozenset({"care.legal_hold"}), organisation=org)
    missing: list[str] = []
    if lift or reason:
        try:
            cases = services.cases_legal_hold(actor=actor, references=list(references), on=not lift, reason=reason)
        except ApplicationError as exc:
            raise click.ClickException(" ".join(m for msgs in exc.fields.values() for m in msgs) or exc.message) \
                from None
    else:
        cases = []
        for reference in references:
            try:
                cases.append(selectors.case_for_legal_hold(actor=actor, reference=reference))
            except NotFound:
                missing.append(reference)
    for case in cases:
        hold = f"on hold: {case.legal_hold_reason}" if case.legal_hold else "no hold"
        click.echo(f"{case.reference}  {case.owner.name}  {case.status}  {hold}")
    if lift or reason:
        click.echo(f"{'Lifted the hold of' if lift else 'Placed a hold on'} {len(cases)} case(s).")
    if missing:
        raise click.ClickException(f"No case you may hold has the reference {', '.join(missing)}.")
