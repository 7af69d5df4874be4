"""`keten persons link|histories`: the linkage of all organisations' person records in the system,
and the capture histories it gives for `keten estimate mse`."""

from __future__ import annotations

import click


@click.group(name="persons")
def command() -> None:
    """Person records across organisations: linkage and capture histories."""


@command.command(name="link")
def link_all() -> None:
    """Link the person records of all organisations now (as the nightly job does)."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from .django_setup import setup

    setup()
    from keten.apps.accounts.actor import Actor
    from keten.apps.linkage.jobs import LinkageAlreadyRunning
    from keten.apps.linkage.selectors import active_job
    from keten.apps.linkage.services import LinkageTooSmall, linkage_run

    if active_job() is not None:
        raise click.ClickException(LinkageAlreadyRunning().message)
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn()) as bar:
        task = bar.add_task("linking", total=None)
        try:
            run = linkage_run(actor=Actor.system("persons-link"),
                              progress=lambda done, total, phase: bar.update(task, completed=done, total=total or None,
                                                                             description=phase))
        except LinkageTooSmall as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{run.records} records belong to {run.persons} persons; "
               f"{run.persons_in_several_organisations} are known to more than one organisation.")


@command.command()
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default="-",
              help="CSV file for `keten estimate mse` (default: standard output).")
def histories(out: str) -> None:
    """Unique persons by the types of organisation that recorded them, one 0/1 column per type."""
    from .django_setup import setup

    setup()
    from keten.apps.accounts.actor import Actor
    from keten.apps.linkage.selectors import capture_histories

    table, _labels = capture_histories(actor=Actor.system("persons-histories",
                                                          frozenset({"linkage.view_statistics"})))
    if table.empty:
        raise click.ClickException("There are no linkage results yet: run `keten persons link` first.")
    text = table.to_csv(index=False)
    if out == "-":
        click.echo(text, nl=False)
    else:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text)
        click.echo(f"Wrote {len(table)} capture patterns of {int(table['count'].sum())} persons to {out}")
