"""Everything `keten demo-data` loads, in order. Each loader creates only what is missing."""

from __future__ import annotations

from collections.abc import Iterator

from . import cases, organisations, plan, signals


def load_all(*, seed: int) -> Iterator[str]:
    created = organisations.load(seed=seed)
    yield ("Organisations and accounts: "
           + ", ".join(f"{n} {what} added" for what, n in created.items()) if any(created.values())
           else "Organisations and accounts: already present, nothing added")
    added = signals.load(seed=seed)
    yield f"Signals 2016-2025: {added} added" if added else "Signals: already present, nothing added"
    made = cases.load(seed=seed)
    yield f"Cases, referrals and shelter: {made} cases added" if made else "Cases: already present, nothing added"
    measures = plan.load()
    yield (f"Plan of action from the 2018 letter: {measures} measures, indicators computed" if measures
           else "Plan of action: already present, nothing added")
    from keten.apps.linkage.selectors import latest_run

    if latest_run() is None:
        from keten.apps.accounts.actor import Actor
        from keten.apps.linkage.services import LinkageTooSmall, linkage_run

        try:
            run = linkage_run(actor=Actor.system("demo-data"))
        except LinkageTooSmall:
            return
        yield f"Linkage across organisations: {run.records} records, {run.persons} persons"
