"""`keten plan export|import|letter|indicators`: the plan of action as a file, in and out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

EDIT = frozenset({"plan.view", "plan.edit"})


@click.group(name="plan")
def command() -> None:
    """The plan of action against human trafficking."""


@command.command()
@click.option("--format", "fmt", type=click.Choice(["json", "pdf", "html"]), default="json", show_default=True)
@click.option("--language", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the progress letter (pdf, html).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; standard output when absent (json, html).")
def export(fmt: str, language: str, output: Path | None) -> None:
    """Write the plan as a document (json, the format `keten plan import` reads) or as a progress
    letter (pdf, html)."""
    from .django_setup import setup

    setup()
    from keten.apps.accounts.actor import Actor
    from keten.apps.common.errors import NotFound
    from keten.apps.plan import report, selectors, services

    try:
        plan = selectors.plan_get(actor=Actor.system("plan-export", frozenset({"plan.view"})))
    except NotFound:
        raise click.ClickException("There is no plan yet: load one with `keten plan letter` or `keten plan "
                                   "import FILE`.") from None
    if fmt == "json":
        content = json.dumps(services.export(plan), ensure_ascii=False, indent=2).encode()
    elif fmt == "html":
        content = report.render_html(plan, language).encode()
    else:
        if output is None:
            raise click.UsageError("A PDF needs a file: add --output FILE.pdf")
        content = report.render_pdf(plan, language)
    if output is None:
        sys.stdout.buffer.write(content)
    else:
        output.write_bytes(content)
        click.echo(f"Wrote {output} ({len(content):,} bytes).", err=True)


@command.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(file: Path) -> None:
    """Bring the plan in line with a document (JSON or YAML, schema keten.plan/1): checked as a
    whole first, then written all or nothing."""
    import yaml

    from .django_setup import setup

    setup()
    from keten.apps.accounts.actor import Actor
    from keten.apps.common.errors import ValidationFailed
    from keten.apps.plan.services import plan_import

    try:
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))  # YAML reads JSON too
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{file.name} is not readable JSON or YAML: {exc}") from None
    try:
        plan = plan_import(actor=Actor.system("plan-import", EDIT), doc=doc)
    except ValidationFailed as exc:
        click.echo(exc.message, err=True)
        for where, messages in (exc.fields or {}).items():
            for message in messages:
                click.echo(f"  {where}: {message}", err=True)
        sys.exit(1)
    click.echo(f"The plan now has {plan.measures.count()} measures under {plan.themes.count()} themes.")


@command.command()
def letter() -> None:
    """Start the plan from the 2018 letter to parliament: its measures, partners, money and dates,
    with Keten's indicators and goals. Only when Keten holds no plan yet."""
    from .django_setup import setup

    setup()
    from keten.apps.accounts.actor import Actor
    from keten.apps.plan.letter import load_letter
    from keten.apps.plan.services import current_plan

    if current_plan() is not None:
        raise click.ClickException("Keten already holds a plan; change it on its pages or with `keten plan import`.")

    plan = load_letter(actor=Actor.system("plan-letter", EDIT))
    click.echo(f"The plan holds {plan.measures.count()} measures under {plan.themes.count()} themes.")


@command.command()
def indicators() -> None:
    """Compute the indicators that come from Keten's own data now (as the daily job does)."""
    from .django_setup import setup

    setup()
    from keten.apps.plan.computations import compute_all

    click.echo(f"Wrote {compute_all()} indicator values.")
