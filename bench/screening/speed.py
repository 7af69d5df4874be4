"""Screening speed: how many answer sets per second the engine screens on this machine.

Run from the repository root:

    .venv/bin/python -m bench.screening.speed            # about 10 seconds
    .venv/bin/python -m bench.screening.speed --quick    # about 3 seconds
    .venv/bin/python -m bench.screening.speed --check    # exit 1 below 50,000 screenings/s (CPU time)

A "screening" is one call of the public facade ``screen(framework_id, present, absent)``: id
validation, the dimension rule for every dimension (positive or not, and by which clause), the
victim rule, and the frozen Outcome holding that decision. The per-dimension records (counts and
indicator ids), the explanation text and ``to_dict()`` are built on first access; they are
measured on their own lines, as is the numpy batch path.

Each line gives two rates, medians over several rounds: per second of wall-clock time, and per
second of CPU time of this process. The machine is shared, so the wall-clock rate falls when other
jobs hold the cores (the load average is printed); the CPU-time rate is what one core does for the
engine. Answer sets are random but seeded, spread over all frameworks and over sparse and dense
answers.
"""

from __future__ import annotations

import argparse
import os
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
    """Median calls per second over ``rounds`` passes: (wall clock, CPU time)."""
    wall, cpu = [], []
    for _ in range(rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        fn(cases)
        w1, c1 = time.perf_counter(), time.process_time()
        wall.append(len(cases) / (w1 - w0))
        cpu.append(len(cases) / max(c1 - c0, 1e-9))
    return statistics.median(wall), statistics.median(cpu)


def run_facade(cases):
    screen = screening.screen
    for fid, present, absent in cases:
        screen(fid, present, absent)


def run_dimensions(cases):
    screen = screening.screen
    for fid, present, absent in cases:
        screen(fid, present, absent).dimensions


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
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 when the facade does fewer than {TARGET:,} screenings per CPU second")
    args = parser.parse_args(argv)
    n, rounds = (5_000, 3) if args.quick else (20_000, 5)

    cases = make_cases(n)
    registry = screening.default_registry()
    compiled = {f.id: registry.compiled(f.id) for f in screening.list_frameworks()}
    core_cases = [(compiled[fid], compiled[fid].mask(present)) for fid, present, _ in cases]
    run_dimensions(cases[:2000])  # warm up, and build the per-dimension tables once

    load_before = os.getloadavg()[0]
    lines = [
        ("screen() facade", rate(run_facade, cases, rounds), ""),
        ("screen() + .dimensions", rate(run_dimensions, cases, rounds), "per-dimension counts and ids"),
        ("core, bitmask in", rate(run_core, core_cases, rounds), "CompiledScreen.screen_mask"),
        ("screen().to_dict()", rate(run_to_dict, cases[: n // 10], rounds), "with NL+EN explanation"),
    ]

    import numpy as np

    fid = "ilo_adult_labour"
    ids = [i.id for i in screening.load_framework(fid).indicators]
    matrix = np.random.default_rng(7).random((200_000, len(ids))) < 0.1
    w0, c0 = time.perf_counter(), time.process_time()
    screening.screen_matrix(fid, matrix)
    w1, c1 = time.perf_counter(), time.process_time()
    lines.append(("screen_matrix (numpy)", (len(matrix) / (w1 - w0), len(matrix) / (c1 - c0)),
                  f"{fid}, 200,000 rows"))
    load_after = os.getloadavg()[0]

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
          f"{n:,} answer sets x {rounds} rounds, load average {load_before:.1f} -> {load_after:.1f}")
    print(f"{'':26}{'wall clock /s':>15}{'CPU time /s':>15}")
    for label, (wall, cpu), note in lines:
        print(f"{label:<26}{wall:>15,.0f}{cpu:>15,.0f}  {note}")
    facade_cpu = lines[0][1][1]
    ok = facade_cpu >= TARGET
    print(f"target {TARGET:,} screenings per second through the facade (CPU time): "
          f"{'met' if ok else 'NOT met'}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
