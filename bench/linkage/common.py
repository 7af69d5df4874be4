"""Shared pieces of the linkage benchmarks: data files, child processes, peak memory, results."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"


def people_file(records: int, seed: int) -> Path:
    """The synthetic records of that size and seed, generated once and kept in out/."""
    from keten.engines.linkage import generate_people

    OUT.mkdir(exist_ok=True)
    path = OUT / f"people_{records}_{seed}.parquet"
    if not path.exists():
        started = time.perf_counter()
        generate_people(records, seed=seed).to_parquet(path)
        print(f"generated {records} records in {time.perf_counter() - started:.1f}s -> {path}", file=sys.stderr)
    return path


def run_child(module: str, *args: str) -> dict:
    """Run ``python -m module args`` in a fresh process; its last stdout line is JSON.

    The child's own peak resident memory (ru_maxrss of the child, DuckDB included) is added as
    ``peak_memory_mb``; the child measures its own wall time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    completed = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": _pythonpath()})
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"{module} failed")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["peak_memory_mb"] = round(max(after, before) / 1024, 1)
    return result


def _pythonpath() -> str:
    root = Path(__file__).resolve().parents[2]
    parts = [str(root / "src"), str(root)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join(parts)


def record(name: str, result: dict) -> None:
    """Print the result and append it to out/results.jsonl with the machine it ran on."""
    OUT.mkdir(exist_ok=True)
    result = {"benchmark": name, "when": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(),
              "python": platform.python_version(), **result}
    with (OUT / "results.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(result) + "\n")
    print(json.dumps(result, indent=1))


def quality(clusters, truth) -> dict:
    import pandas as pd

    from keten.engines.linkage import evaluate

    q = evaluate(pd.Series(clusters["cluster_id"].to_numpy(), index=clusters["id"].to_numpy()),
                 pd.Series(truth["person_id"].to_numpy(), index=truth["record_id"].to_numpy()))
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in q.as_dict().items()}
