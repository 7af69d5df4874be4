"""`keten care retention|digest`: scheduled work of the referral mechanism, also by hand."""

from __future__ import annotations

import click


@click.group(name="care")
def command() -> None:
    """Retention and task digests of the national referral mechanism."""


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
