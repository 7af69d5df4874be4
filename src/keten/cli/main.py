"""Entry point of the ``keten`` command.

Command groups are imported only when invoked, so ``keten estimate …`` never pays for Django and
``keten --help`` stays fast. Each group lives in its own module and exposes a click command named
``command``.
"""

from __future__ import annotations

import importlib

import click

# name on the command line -> (module under keten.cli, one-line help)
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "audit": ("audit", "Verify and search the audit log."),
    "estimate": ("estimate", "Estimate the hidden number of victims (multiple systems estimation)."),
    "demo-data": ("demo_data", "Load deterministic synthetic demo data."),
    "link": ("link", "Link records of the same person, also privacy-preserving."),
    "serve-demo": ("serve_demo", "Prepare the demo database and start the web server."),
    "screen": ("screen", "Screen answers against indicator frameworks of trafficking."),
    "keys": ("keys", "Generate and rotate keys for special personal data."),
    "import": ("importing", "Import partners' existing registrations (all or nothing)."),
    "care": ("care", "Retention and task digests of the referral mechanism."),
    "persons": ("persons", "Link person records across organisations; capture histories for estimates."),
    "plan": ("plan", "The plan of action: export, import, the 2018 letter, indicators."),
    "settings": ("settings", "List the settings Keten reads from the environment."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMAND_MODULES:
            return None
        module = importlib.import_module(f"keten.cli.{COMMAND_MODULES[cmd_name][0]}")
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMAND_MODULES[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup)
@click.version_option(package_name="keten")
def cli() -> None:
    """Keten: signal, register and refer, link, investigate and monitor human trafficking."""


def main() -> None:
    cli()
