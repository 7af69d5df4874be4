"""`keten demo-data --seed N`: deterministic synthetic organisations and accounts."""

from __future__ import annotations

import click


@click.command(name="demo-data")
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same data.")
def command(seed: int) -> None:
    """Load the demo data (migrating the database first). Running it again adds nothing."""
    from .django_setup import setup

    setup()
    from django.core.management import call_command

    from keten.demo.load import load_all

    call_command("migrate", interactive=False, verbosity=0)

    for line in load_all(seed=seed):
        click.echo(line)
