"""`keten keys`: generate keys and re-encrypt special personal data under the newest key."""

from __future__ import annotations

import click


@click.group(name="keys")
def command() -> None:
    """Keys for special personal data at rest."""


@command.command()
def generate() -> None:
    """Print a new field-encryption key (for KETEN_FIELD_KEYS)."""
    from cryptography.fernet import Fernet

    click.echo(Fernet.generate_key().decode())


@command.command()
@click.option("--dry-run", is_flag=True, help="Count what would be re-encrypted, change nothing.")
def rotate(dry_run: bool) -> None:
    """Re-encrypt every encrypted field under the first key of KETEN_FIELD_KEYS.

    Put the new key first in KETEN_FIELD_KEYS, keep the old ones after it, run this, then remove
    the old keys.
    """
    from .django_setup import setup

    setup()
    from keten.apps.common.rotation import rotate_all

    counts = rotate_all(dry_run=dry_run)
    total = sum(counts.values())
    for label, n in sorted(counts.items()):
        click.echo(f"{label}: {n}")
    click.echo(f"{'Would re-encrypt' if dry_run else 'Re-encrypted'} {total} values.")
