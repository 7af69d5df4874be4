"""``keten estimate``: multiple systems estimation of the hidden number. Parses, calls, prints."""

from __future__ import annotations

import json
import math
from contextlib import contextmanager

import click


class BadInput(click.ClickException):
    """Input the engine refused; exit code 2 like a usage error, without the usage text."""

    exit_code = 2


def _engine():
    from keten.engines import estimate

    return estimate


def _read(file: str, strata: str | None, id_column: str | None, list_column: str | None):
    mse = _engine()
    columns = [c.strip() for c in strata.split(",") if c.strip()] if strata else []
    try:
        return mse.read_table(file, strata=columns, id_column=id_column, list_column=list_column), columns
    except mse.InputError as error:
        raise BadInput(str(error)) from None


@click.group(name="estimate")
def command() -> None:
    """Estimate the hidden number of victims (multiple systems estimation)."""


@command.command(name="mse")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--method", type=click.Choice(["stepwise", "bic", "lcmcr", "chapman"]), default="stepwise",
              show_default=True,
              help="Model choice: stepwise (SparseMSE), bic, lcmcr (Bayesian) or chapman (two lists).")
@click.option("--pthresh", type=float, default=0.02, show_default=True,
              help="Stepwise: add an interaction only while its p-value is below this.")
@click.option("--ci", type=click.Choice(["bca", "model", "none"]), default="bca", show_default=True,
              help="Interval: bootstrap BCa with the model choice repeated, the model-conditional one, or none.")
@click.option("--replicates", type=click.IntRange(min=10), default=1000, show_default=True,
              help="Bootstrap replicates.")
@click.option("--seed", type=int, default=1234, show_default=True,
              help="Random seed; with --rng r the replicates are those R draws after set.seed(SEED).")
@click.option("--rng", type=click.Choice(["r", "numpy"]), default="r", show_default=True,
              help="Random stream for the bootstrap.")
@click.option("--level", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.95, show_default=True)
@click.option("--strata", default=None, help="Comma-separated columns to estimate per stratum (e.g. year,sex).")
@click.option("--id-column", default=None, help="Records with one row per (person, list): the person column.")
@click.option("--list-column", default=None, help="Records with one row per (person, list): the list column.")
@click.option("--burn-in", type=click.IntRange(min=0), default=10_000, show_default=True,
              help="lcmcr: sampler sweeps discarded before drawing.")
@click.option("--draws", type=click.IntRange(min=10), default=1_000, show_default=True,
              help="lcmcr: draws kept per chain.")
@click.option("--thinning", type=click.IntRange(min=1), default=20, show_default=True,
              help="lcmcr: sweeps between kept draws.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def mse_command(file, method, pthresh, ci, replicates, seed, rng, level, strata, id_column, list_column,
                burn_in, draws, thinning, as_json):
    """Estimate how many people are on none of the lists in FILE (a CSV)."""
    mse = _engine()
    tables, columns = _read(file, strata, id_column, list_column)
    options = dict(pthresh=pthresh, ci=ci, replicates=replicates, seed=seed, level=level, rng=rng)
    if method == "lcmcr":
        options["lcmcr"] = {"burn_in": burn_in, "samples": draws, "thinning": thinning}
    try:
        with _progress() as progress:
            results = mse.estimate_all(tables, method, progress=progress, **options)
    except mse.InputError as error:
        raise BadInput(str(error)) from None
    if as_json:
        payload = [r.to_dict() for r in results]
        out = {"strata": columns, "results": payload} if columns else payload[0]
        click.echo(json.dumps(_finite(out), indent=2))
        return
    for i, result in enumerate(results):
        if i:
            click.echo("")
        click.echo(_describe(result))


@command.command(name="check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model", default="", help="Interaction terms, e.g. A:B,C:D (empty: main effects only).")
@click.option("--strata", default=None, help="Comma-separated columns to check per stratum.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def check_command(file, model, strata, as_json):
    """Does MODEL have a finite, identifiable maximum likelihood estimate on FILE?"""
    mse = _engine()
    tables, columns = _read(file, strata, None, None)
    try:
        checks = [mse.check(table, model) for table in tables]
    except mse.InputError as error:
        raise BadInput(str(error)) from None
    if as_json:
        payload = [c.to_dict() for c in checks]
        click.echo(json.dumps({"strata": columns, "results": payload} if columns else payload[0], indent=2))
        return
    for c in checks:
        where = _stratum(c.stratum)
        click.echo(f"{where}Model: {_model_text(c.model)}")
        click.echo(f"  finite estimate: {_yes(c.exists)}; identifiable: {_yes(c.identifiable)}")
        for w in c.warnings:
            click.echo(f"  ! {w}")


@contextmanager
def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    # No refresh thread: the bootstrap forks worker processes, and forking beside a thread that
    # may hold a lock is unsafe; the bar is redrawn as each chunk of replicates comes back.
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                   console=console, transient=True, auto_refresh=False, disable=not console.is_terminal)
    state: dict = {}

    def advance(done: int, total: int) -> None:
        if state.get("total") != total or "task" not in state:
            state["task"] = bar.add_task("estimating", total=total)
            state["total"] = total
        bar.advance(state["task"], done)
        bar.refresh()

    with bar:
        yield advance


def _describe(r) -> str:
    lines = []
    where = _stratum(r.stratum)
    lines.append(f"{where}Multiple systems estimate — method {r.method}")
    lines.append(f"  Lists: {', '.join(r.lists)}; people seen: {r.observed:,}")
    if r.method in ("stepwise", "bic"):
        lines.append(f"  Model: {_model_text(r.model)}")
    if r.total is None:
        lines.append("  No estimate: the data cannot carry one (see below).")
    else:
        lines.append(f"  Estimated on no list: {r.hidden:,.0f}")
        lines.append(f"  Estimated total:      {r.total:,.0f}")
        if r.ci and r.ci.low is not None:
            what = {"bca": "bootstrap, model choice repeated", "model": "given this model",
                    "posterior": "posterior", "normal": "classical"}[r.ci.method]
            lines.append(f"  {r.ci.level:.0%} interval for the total: {r.ci.low:,.0f} to {r.ci.high:,.0f} ({what})")
    lines.append(f"  Finite estimate: {_yes(r.checks.exists)}; identifiable: {_yes(r.checks.identifiable)}")
    if r.warnings:
        lines.append("  Warnings:")
        lines.extend(f"  ! {w}" for w in r.warnings)
    return "\n".join(lines)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _model_text(model) -> str:
    return "main effects" + ("".join(f" + {t}" for t in model) if model else " only")


def _stratum(stratum) -> str:
    return "" if not stratum else "[" + ", ".join(f"{k}={v}" for k, v in stratum.items()) + "] "


def _finite(value):
    """JSON has no infinities or NaN; write them as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    if hasattr(value, "item"):
        return _finite(value.item())
    return value
