"""CPU instructions of the Django process per signal created through the API, on PostgreSQL.

    .venv/bin/python -m bench.intake.instructions [--creates 100]

Wall-clock figures move with whatever else the machine does; instruction counts do not. This
makes a fresh PostgreSQL database with one organisation, member and API token, then runs the
Django test client in process under valgrind's callgrind twice — once with ``--creates`` signal
creations and once with none, after the same warm-up — and prints the difference per creation.
Needs valgrind (Debian's package). One run takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from .api_load import _env, _setup

ROOT = Path(__file__).resolve().parents[2]
WARM_UP = 20


def _body(i: int) -> str:
    return json.dumps({
        "forms": ["labour"], "sector": "agriculture", "observed_on": "2025-06-01", "municipality": "GM0599",
        "country_of_origin": "RO", "account": "Werkt veertien uur per dag zonder loon.",
        "persons": [{"role": "victim", "given_name": "Ion", "family_name": f"Popa{i}", "date_of_birth": "1990-01-02",
                     "gender": "male", "nationality": "RO"}]})


def _create_signals(token: str, creates: int) -> None:
    """Runs inside the measured process."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    for i in range(WARM_UP + creates):
        response = client.post("/api/v1/signals/", data=_body(i), content_type="application/json",
                               HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), secure=True)
        if response.status_code != 201:
            sys.exit(f"create failed: {response.status_code} {response.content[:300]!r}")


def _instructions(env: dict[str, str], token: str, creates: int) -> int:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m",
         "bench.intake.instructions", "--inside", token, "--creates", str(creates)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True).stderr
    return int(re.search(r"Collected : (\d+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--creates", type=int, default=100)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--inside", help=argparse.SUPPRESS)  # the measured process, given the token
    args = parser.parse_args()
    if args.inside:
        _create_signals(args.inside, args.creates)
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed: apt-get install valgrind")
    name = f"keten_instr_{os.getpid()}"
    admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"], check=True)
    try:
        env = _env(args.database_url.rsplit("/", 1)[0] + "/" + name)
        env["KETEN_ALLOWED_HOSTS"] = "127.0.0.1,testserver"
        token = _setup(env)
        none, some = _instructions(env, token, 0), _instructions(env, token, args.creates)
        print(json.dumps({"creates": args.creates, "instructions_per_create": (some - none) // args.creates}, indent=2))
    finally:
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False)


if __name__ == "__main__":
    main()
