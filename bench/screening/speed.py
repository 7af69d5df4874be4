"""Screening speed: how many answer sets per second the engine screens on this machine.

Run from the repository root:

    .venv/bin/python -m bench.screening.speed            # about 20 seconds
    .venv/bin/python -m bench.screening.speed --quick    # about 5 seconds
    .venv/bin/python -m bench.screening.speed --check    # exit 1 below 50,000 screenings/s

A "screening" is one call of the public facade ``screen(framework_id, present, absent)``: id
validation, bitmask counting per dimension, the dimension and victim rules, and the frozen Outcome
with its per-dimension results. The explanation text is built lazily and measured separately, as
is ``to_dict()`` and the numpy batch path. Answer sets are random but seeded, spread over all
frameworks and over sparse and dense answers. Timings are the median of several rounds.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time

from keten.engines import screening

TARGET = 50_000


def make_cases(n: int, seed: int = 2009) -> list[tuple[str, list[str], list[str]]]:
    rnd = random.Random(seed)
    frameworks = screening.list_frameworks()
    cases = []
    for _ in range(n):
        fw = rnd.choice(frameworks)
        ids = [i.id for i in fw.indicators]
        p = rnd.choice((0.03, 0.08, 0.15, 0.3))
        present = [i for i in ids if rnd.random() < p]
        absent = [i for i in ids if i not in present and rnd.random() < 0.3]
        cases.append((fw.id, present, absent))
    return cases


def rate(fn, cases, rounds: int) -> tuple[float, float]:
    """(median, best) calls per second over ``rounds`` passes through ``cases``."""
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn(cases)
        rates.append(len(cases) / (time.perf_counter() - start))
    return statistics.median(rates), max(rates)


def run_facade(cases):
    screen = screening.screen
    for fid, present, absent in cases:
        screen(fid, present, absent)


def run_to_dict(cases):
    screen = screening.screen
    for fid, present, absent in cases:
        screen(fid, present, absent).to_dict()


def run_core(cases):
    for compiled, mask in cases:
        compiled.screen_mask(mask)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer answer sets and rounds")
    parser.add_argument("--check", action="store_true", help=f"exit 1 below {TARGET:,} screenings/s")
    args = parser.parse_args(argv)
    n, rounds = (5_000, 3) if args.quick else (20_000, 5)

    cases = make_cases(n)
    registry = screening.default_registry()
    compiled = {f.id: registry.compiled(f.id) for f in screening.list_frameworks()}
    core_cases = [(compiled[fid], compiled[fid].mask(present)) for fid, present, _ in cases]
    run_facade(cases[:1000])  # warm up

    facade, facade_best = rate(run_facade, cases, rounds)
    core, _ = rate(run_core, core_cases, rounds)
    full, _ = rate(run_to_dict, cases[: n // 5], rounds)

    import numpy as np

    fid = "ilo_adult_labour"
    ids = [i.id for i in screening.load_framework(fid).indicators]
    matrix = np.random.default_rng(7).random((200_000, len(ids))) < 0.1
    start = time.perf_counter()
    screening.screen_matrix(fid, matrix)
    batch = len(matrix) / (time.perf_counter() - start)

    print(f"python {platform.python_version()} on {platform.machine()}, {n:,} answer sets x {rounds} rounds")
    print(f"screen() facade           {facade:>12,.0f} /s  (best round {facade_best:,.0f})")
    print(f"core (bitmask in)         {core:>12,.0f} /s")
    print(f"screen().to_dict() + text {full:>12,.0f} /s")
    print(f"screen_matrix (numpy)     {batch:>12,.0f} /s  ({fid}, 200,000 rows)")
    ok = facade >= TARGET
    print(f"target {TARGET:,} screenings/s through the facade: {'met' if ok else 'NOT met'}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
