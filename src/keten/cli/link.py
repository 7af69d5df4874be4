"""``keten link``: find the records of the same person, in clear text or on encodings.

Parses, calls one engine function, writes the result; progress goes to stderr. Input problems
stop the command before any work with exit code 2 and a message that names the problem.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import click


class InputProblem(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


@contextlib.contextmanager
def _progress(label: str) -> Iterator:
    """A rich progress bar on stderr, fed by the engine's (step, fraction) callback."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.fields[step]}"),
                  TimeElapsedColumn(), console=console) as progress:
        task = progress.add_task(label, total=1.0, step="")

        def report(step: str, fraction: float | None) -> None:
            progress.update(task, completed=fraction if fraction is not None else None, step=step)

        yield report
        progress.update(task, completed=1.0, step="done")


def _engine_errors():
    from keten.engines.linkage import LinkageInputError

    return LinkageInputError


def _read(path: str):
    from keten.engines.linkage.io import read_table

    return read_table(path)


def _check_threshold(ctx, param, value):
    if value is not None and not 0.0 < value < 1.0:
        raise click.BadParameter("give a probability between 0 and 1")
    return value


_common = [
    click.option("--id-column", required=True, help="Column with each record's own id."),
    click.option("--map", "maps", multiple=True, metavar="SRC=FIELD",
                 help="Use column SRC as person field FIELD (repeatable)."),
    click.option("--ignore", multiple=True, metavar="COLUMN", help="Leave COLUMN out of the comparison (repeatable)."),
    click.option("--lenient-dates", is_flag=True, help="Treat unreadable dates of birth as missing instead of stopping."),
]


def _with_common(func):
    for option in reversed(_common):
        func = option(func)
    return func


@click.group(name="link")
def command() -> None:
    """Link records of the same person, also privacy-preserving.

    Person fields: given_name, family_name, full_name, date_of_birth, sex, nationality, phone,
    email, document_number, address, postcode, place (any subset).
    """


@command.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_with_common
@click.option("--threshold", type=float, default=0.5, show_default=True, callback=_check_threshold,
              help="Match probability at which records are put together.")
@click.option("--cohesion", type=float, default=0.3, show_default=True, callback=_check_threshold,
              help="Average match probability at which two groups of records merge (at most the threshold).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="CSV: id,cluster_id,match_probability.")
def dedupe(file, id_column, maps, ignore, lenient_dates, threshold, cohesion, out) -> None:
    """Give every record of FILE (CSV or Parquet) the cluster id of its person."""
    from keten.engines.linkage import parse_mapping
    from keten.engines.linkage.io import write_csv
    from keten.engines.linkage.pipeline import dedupe as run
    from keten.engines.linkage.pipeline import validate

    error = _engine_errors()
    try:
        mapping = parse_mapping(maps)
        frame = _read(file)
        records = validate(frame, id_column=id_column, mapping=mapping, ignore=ignore, lenient_dates=lenient_dates)
    except error as exc:
        raise InputProblem(str(exc)) from None
    del frame  # only the normalised records are needed from here on
    with _progress("dedupe") as report:
        result = run(None, records=records, threshold=threshold, cohesion=cohesion, progress=report)
    write_csv(result.clusters, out)
    clusters = result.clusters["cluster_id"].nunique()
    click.echo(f"{len(result.clusters)} records, {clusters} persons; written to {out}")


@command.command()
@click.argument("file_a", type=click.Path(dir_okay=False))
@click.argument("file_b", type=click.Path(dir_okay=False))
@_with_common
@click.option("--threshold", type=float, default=0.5, show_default=True, callback=_check_threshold,
              help="Lowest match probability of a pair written.")
@click.option("--one-to-one", is_flag=True, help="Link each record at most once (both files free of duplicates).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="CSV: id_a,id_b,match_probability.")
def pair(file_a, file_b, id_column, maps, ignore, lenient_dates, threshold, one_to_one, out) -> None:
    """Write the pairs of records, one from FILE_A and one from FILE_B, of the same person."""
    from keten.engines.linkage import parse_mapping
    from keten.engines.linkage.io import write_csv
    from keten.engines.linkage.pipeline import link, validate

    error = _engine_errors()
    try:
        mapping = parse_mapping(maps)
        a, b = _read(file_a), _read(file_b)
        records_a = validate(a, id_column=id_column, mapping=mapping, ignore=ignore, lenient_dates=lenient_dates,
                             what=file_a)
        records_b = validate(b, id_column=id_column, mapping=mapping, ignore=ignore, lenient_dates=lenient_dates,
                             what=file_b)
    except error as exc:
        raise InputProblem(str(exc)) from None
    with _progress("pair") as report:
        result = link(None, None, records=(records_a, records_b), threshold=threshold, one_to_one=one_to_one,
                      progress=report)
    pairs = result.pairs.rename(columns={"id_l": "id_a", "id_r": "id_b"})[["id_a", "id_b", "match_probability"]]
    write_csv(pairs, out)
    click.echo(f"{len(result.pairs)} pairs; written to {out}")


@command.command()
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Key file to write (hex).")
def keygen(out) -> None:
    """Write a new secret key for encoding; share it with the partners only, never with the linkage unit."""
    from keten.engines.linkage.pprl.encode import write_key

    write_key(out)
    click.echo(f"key written to {out}; keep it secret", err=True)


@command.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_with_common
@click.option("--key-file", required=True, type=click.Path(dir_okay=False), help="The shared secret key.")
@click.option("--source", default=None, help="Name of this partner in the result (default: the file name).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Encodings to send (JSON lines).")
def encode(file, id_column, maps, ignore, lenient_dates, key_file, source, out) -> None:
    """Encode FILE locally into keyed Bloom filters; only these leave the organisation."""
    from pathlib import Path

    from keten.engines.linkage import parse_mapping
    from keten.engines.linkage.pipeline import validate
    from keten.engines.linkage.pprl.encode import encode as run
    from keten.engines.linkage.pprl.encode import read_key, write_encodings

    error = _engine_errors()
    try:
        key = read_key(key_file)
        mapping = parse_mapping(maps)
        frame = _read(file)
        validate(frame, id_column=id_column, mapping=mapping, ignore=ignore, lenient_dates=lenient_dates)
    except error as exc:
        raise InputProblem(str(exc)) from None
    with _progress("encode") as report:
        report("encoding", 0.1)
        encodings = run(frame, key=key, id_column=id_column, mapping=mapping, ignore=ignore,
                        lenient_dates=lenient_dates, source=source or Path(file).stem)
        report("writing", 0.9)
        write_encodings(encodings, out)
    click.echo(f"{len(encodings.records)} records encoded; written to {out}")


@command.command()
@click.argument("encodings", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--threshold", type=float, default=0.5, show_default=True, callback=_check_threshold,
              help="Match probability at which records are put together.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="CSV: source,id,cluster_id,match_probability.")
def pprl(encodings, threshold, out) -> None:
    """Link ENCODINGS files of several partners; write a cluster id per record."""
    from keten.engines.linkage.io import write_csv
    from keten.engines.linkage.pprl.compare import _check, link_encodings, read_encodings

    error = _engine_errors()
    try:
        loaded = [read_encodings(path) for path in encodings]
        _check(loaded)
    except error as exc:
        raise InputProblem(str(exc)) from None
    with _progress("pprl") as report:
        result = link_encodings(loaded, threshold=threshold, progress=report)
    write_csv(result, out)
    click.echo(f"{len(result)} records, {result['cluster_id'].nunique()} persons; written to {out}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(command())
