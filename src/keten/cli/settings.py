"""`keten settings`: every setting Keten reads from the environment, with its help text."""

from __future__ import annotations

import click


@click.command(name="settings")
@click.option("--markdown", is_flag=True, help="As a Markdown table (docs/configuration.md).")
def command(markdown: bool) -> None:
    """List the environment settings, their defaults and what they do."""
    from keten.config.env import SETTINGS

    if markdown:
        click.echo("| Setting | Default | What it does |\n| --- | --- | --- |")
    for s in SETTINGS:
        default = "(secret, no default)" if s.secret and s.default is None else (s.default if s.default is not None else "(none)")
        if markdown:
            click.echo(f"| `{s.name}` | `{default}` | {s.help} |")
        else:
            click.echo(f"{s.name}\n    default: {default}\n    {s.help}")
