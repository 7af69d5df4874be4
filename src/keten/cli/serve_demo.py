"""`keten serve-demo`: what `make demo` runs — migrate, load demo data, print accounts, serve."""

from __future__ import annotations

import click


@click.command(name="serve-demo")
@click.option("--port", type=int, default=None, help="Port (default: PORT from the environment, else 8000).")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Prepare the database and print the accounts, but do not serve.")
def command(port: int | None, seed: int, no_serve: bool) -> None:
    """Prepare the SQLite demo database and start the web server on 127.0.0.1."""
    from .django_setup import setup

    setup()
    from django.core.management import call_command

    from keten.config import env
    from keten.demo.load import load_all
    from keten.demo.organisations import ACCOUNTS, DEMO_PASSWORD

    port = port or env.get("PORT")
    click.echo("Keten demo: preparing the database …")
    call_command("migrate", interactive=False, verbosity=0)
    for line in load_all(seed=seed):
        click.echo(f"  {line}")
    click.echo("")
    click.echo(f"Keten runs at http://127.0.0.1:{port}/")
    click.echo(f"Demo accounts (password for all: {DEMO_PASSWORD}); demo mode needs no second factor:")
    width = max(len(a.email) for a in ACCOUNTS)
    for account in ACCOUNTS:
        click.echo(f"  {account.email.ljust(width)}  {account.role:<18} {account.organisation}")
    click.echo("Stop with Ctrl+C.")
    if not no_serve:
        worker = _start_task_worker()
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)
        finally:
            worker.terminate()
            worker.wait(timeout=10)


def _start_task_worker():
    """Long work (imports, linkage, estimates) runs as tasks; the demo runs one worker beside the server."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "keten.config.settings.dev")}
    return subprocess.Popen([sys.executable, "-m", "django", "db_worker", "--no-reload", "--interval", "1",
                             "--verbosity", "0"], env=env)
