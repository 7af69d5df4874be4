"""`keten audit verify`: prove the audit log untouched."""

from __future__ import annotations

import sys

import click


@click.group(name="audit")
def command() -> None:
    """The audit log: every write, login, export and read of personal data, chained by hash."""


@command.command()
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def verify(as_json: bool) -> None:
    """Check every entry's hash and link. Exits 0 when intact, 1 naming the first bad entry."""
    import json

    from .django_setup import setup

    setup()
    from keten.apps.accounts.actor import Actor
    from keten.apps.audit.selectors import audit_chain_verify

    result = audit_chain_verify(actor=Actor.system("audit-verify"))
    if as_json:
        click.echo(json.dumps({"ok": result.ok, "checked": result.checked, "head_hash": result.head_hash,
                               "first_bad_id": result.first_bad_id, "reason": result.reason}))
    elif result.ok:
        click.echo(f"Audit chain intact: {result.checked} entries checked. Head hash {result.head_hash}")
    else:
        click.echo(f"Audit chain BROKEN at entry {result.first_bad_id}: {result.reason}. "
                   f"{result.checked} entries before it are intact.", err=True)
    sys.exit(0 if result.ok else 1)
