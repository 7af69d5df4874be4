"""`keten demo-data --seed N`: deterministic synthetic organisations and accounts."""

from __future__ import annotations

import click


@click.command(name="demo-data")
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same data.")
def command(seed: int) -> None:
    """Load the demo data. Running it again adds nothing."""
    from .django_setup import setup

    setup()
    from keten.demo.load import load_all

    for line in load_all(seed=seed):
        click.echo(line)
