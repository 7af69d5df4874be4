"""`keten import signals FILE --org ID`: a partner's existing registrations, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import lookup


@click.group(name="import")
def command() -> None:
    """Import data into Keten."""


@command.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--org", "organisation", required=True, help="Organisation id (uuid) or exact name.")
@click.option("--map", "mappings", multiple=True, metavar="COLUMN=FIELD",
              help="Map a column of the file to a Keten field (repeatable). Unmapped columns with a field's "
                   "name are taken as that field.")
def signals(file: Path, organisation: str, mappings: tuple[str, ...]) -> None:
    """Import signals from a CSV or XLSX file, checking every row first."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from .django_setup import setup

    setup()
    from keten.apps.accounts.actor import Actor
    from keten.apps.intake.importing import ImportRefused, default_mapping, import_signals, read_table

    org = lookup.organisation(organisation)
    content = file.read_bytes()
    try:
        headers, _rows = read_table(content, file.name)
    except ImportRefused as exc:
        raise click.ClickException(exc.message) from None
    mapping = default_mapping(headers)
    for item in mappings:
        source, sep, target = item.partition("=")
        if not sep:
            raise click.UsageError(f"--map takes COLUMN=FIELD, not {item!r}")
        mapping[source] = target
    actor = Actor.system("import", permissions=frozenset({"intake.import_signals"}), organisation=org)
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                  console=None, transient=False) as bar:
        task = bar.add_task("checking rows", total=None)

        def progress(done: int, total: int, phase: str) -> None:
            bar.update(task, completed=done, total=total or None, description=phase)

        try:
            result = import_signals(actor=actor, content=content, filename=file.name, mapping=mapping,
                                    progress=progress)
        except ImportRefused as exc:
            bar.stop()
            click.echo(exc.message, err=True)
            for problem in exc.problems[:200]:
                click.echo(f"  row {problem.row}, column {problem.column}: {problem.message}", err=True)
            if len(exc.problems) > 200:
                click.echo(f"  … and {len(exc.problems) - 200} more", err=True)
            sys.exit(1)
    click.echo(f"Imported {result.created} signals for {org.name}; {result.already_imported} rows were "
               f"imported before. File SHA-256 {result.sha256}")

