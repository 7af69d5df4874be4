"""Sustained signal creation through the API on PostgreSQL, with p50/p95 latency.

    .venv/bin/python -m bench.intake.api_load [--seconds 30] [--connections 8] [--workers 3]

It makes a fresh PostgreSQL database (``DATABASE_URL`` of the server, default the local one),
migrates it, adds one organisation, one member and an API token, starts gunicorn with the
production settings on 127.0.0.1, and drives it with wrk (Debian's package) from the same machine:
every request POSTs a new signal with a victim, an account and a unique Idempotency-Key. The load
generator shares the two cores with the server, so the figures are conservative. Target: at least
200 creations per second with p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

LUA = r"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Token %(token)s"
wrk.headers["X-Forwarded-Proto"] = "https"
local counter = 0
local thread_id = 0
local threads = {}
function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(id * 7919)
end
function request()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = "bench-" .. id .. "-" .. counter
  local body = '{"forms": ["labour"], "sector": "agriculture", "observed_on": "2025-06-01", ' ..
    '"municipality": "GM0599", "country_of_origin": "RO", "account": "Werkt veertien uur per dag zonder loon.", ' ..
    '"persons": [{"role": "victim", "given_name": "Ion", "family_name": "Popa' .. counter .. '", ' ..
    '"date_of_birth": "1990-01-02", "gender": "male", "nationality": "RO"}]}'
  return wrk.format(nil, "/api/v1/signals/", nil, body)
end
function done(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(database_url: str) -> dict[str, str]:
    from cryptography.fernet import Fernet

    return {**os.environ, "DJANGO_SETTINGS_MODULE": "keten.config.settings.prod", "DATABASE_URL": database_url,
            "KETEN_SECRET_KEY": "bench-" + "x" * 50, "KETEN_FIELD_KEYS": Fernet.generate_key().decode(),
            "KETEN_PSEUDONYM_KEY": "bench-pseudonym-key", "KETEN_ALLOWED_HOSTS": "127.0.0.1",
            "KETEN_LOG_LEVEL": "WARNING", "REDIS_URL": ""}


def _setup(env: dict[str, str]) -> str:
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    script = (
        "from keten.apps.accounts import services; from keten.apps.accounts.actor import Actor;"
        "from keten.apps.accounts.models import Role;"
        "a = Actor.system('bench', frozenset({'accounts.manage_organisations', 'accounts.manage_members'}));"
        "o = services.organisation_create(actor=a, name='Politie eenheid Rotterdam', type='police', region='rotterdam',"
        " municipality_code='GM0599');"
        "u = services.user_create(actor=a, email='bench@example.org', full_name='Bench', password=None);"
        "m = services.membership_add(actor=a, organisation=o, user=u, role_id=Role.objects.get(organisation=o, template='frontline').pk);"
        "print(services.api_token_create(actor=Actor.for_membership(m), name='bench', days=1)[1])"
    )
    out = subprocess.run([PY, "-c", f"import django; django.setup(); {script}"], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def run(seconds: int, connections: int, workers: int, threads: int, database_url: str) -> dict:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    name = f"keten_bench_{os.getpid()}"
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"],
                   check=True)
    env = _env(database_url.rsplit("/", 1)[0] + "/" + name)
    server = None
    try:
        token = _setup(env)
        port = _free_port()
        server = subprocess.Popen(
            [PY, "-m", "gunicorn", "keten.config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--threads", str(threads), "--worker-class", "gthread" if threads > 1 else "sync",
             "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True)
        _wait_for(port)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA % {"token": token})
        base = f"http://127.0.0.1:{port}"
        subprocess.run(["wrk", "-t2", "-c4", "-d3s", "-s", script.name, base], check=True, capture_output=True)  # warm up
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", script.name,
                              base], check=True, capture_output=True, text=True).stdout
        requests, duration_us, errors, p50, p95, p99, worst = map(
            int, re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out).groups())
        count = subprocess.run(["psql", env["DATABASE_URL"], "-Atc", "SELECT count(*) FROM intake_signal"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return {"requests": requests, "seconds": duration_us / 1e6, "per_second": requests / (duration_us / 1e6),
                "errors": errors, "p50_ms": p50 / 1000, "p95_ms": p95 / 1000, "p99_ms": p99 / 1000,
                "max_ms": worst / 1000, "signals_in_database": int(count), "connections": connections,
                "workers": workers, "threads": threads}
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False)


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    args = parser.parse_args()
    result = run(args.seconds, args.connections, args.workers, args.threads, args.database_url)
    print(json.dumps(result, indent=2))
    ok = result["per_second"] >= 200 and result["p95_ms"] < 100 and result["errors"] == 0
    print(f"target >= 200 creations/s with p95 < 100 ms: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
