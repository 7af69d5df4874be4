"""Countries counted for a page (each country of ten or more persons, the rest as "other") and, for
victims' nationalities, for Eurostat (own country, other EU, outside the EU): sums over the same
persons, protected together (``engines.disclosure.linked``, ADR 0048). Apart, "other EU" minus the
EU nationalities shown would give the small ones in "other" away."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from keten.engines import disclosure
from keten.engines.disclosure.linked import protect_sums

HOME = "NL"
# The member states since 1 February 2020 (ISO 3166-1; Eurostat writes Greece as EL)
EU27 = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())
OTHER, UNKNOWN = "other", "unknown"


@dataclass(frozen=True)
class Countries:
    named: tuple[tuple[str, int | None], ...]  # countries of ten or more, largest first
    other: int | None
    unknown: int | None
    total: int | None
    citizen: dict[str, int | None]  # Eurostat: NAT, EU27_2020_FOR, NEU27_2020_FOR, UNK, TOTAL


def protect(counts: Counter[str], *, eurostat: bool = True) -> Countries:
    """``counts`` by country (ISO code; empty: not known); with ``eurostat``, its citizenship groups too.
    The same counts give the same answer, so it is remembered: a past year's audit is not redone."""
    return _protect(tuple(sorted((code, n) for code, n in counts.items() if n)), eurostat)


@lru_cache(maxsize=512)
def _protect(items: tuple[tuple[str, int], ...], eurostat: bool) -> Countries:
    counts = dict(items)
    codes = [code for code, _n in items]
    at = {code: i for i, code in enumerate(codes)}
    values = [counts[code] for code in codes]
    big = sorted((c for c in codes if c and not disclosure.is_small(counts[c])), key=lambda c: (-counts[c], c))
    small = [c for c in codes if c and disclosure.is_small(counts[c])]

    def over(selected) -> list[int]:
        return [at[c] for c in codes if c in selected]

    sums = {("total", ""): list(range(len(codes)))}
    sums |= {("named", c): [at[c]] for c in big}
    sums[(OTHER, "")] = over(small)
    sums[(UNKNOWN, "")] = over({""})
    # each small country follows from what is shown, and so may the small ones inside and outside the EU
    watch = [[at[c]] for c in small]
    citizen = {}
    if eurostat:
        abroad_eu = {c for c in codes if c in EU27 and c != HOME}
        beyond = {c for c in codes if c and c not in EU27}
        citizen = {"TOTAL": ("total", ""), "UNK": (UNKNOWN, ""),
                   "NAT": ("named", HOME) if HOME in big else ("home", ""),
                   "EU27_2020_FOR": ("eu", ""), "NEU27_2020_FOR": ("beyond", "")}
        if HOME not in big:
            sums[("home", "")] = over({HOME})
        sums[("eu", "")] = over(abroad_eu)
        sums[("beyond", "")] = over(beyond)
        watch += [over(set(small) & abroad_eu), over(set(small) & beyond)]
    keys = list(sums)
    flags = dict(zip(keys, protect_sums(values, list(sums.values()), watch=[w for w in watch if w], keep=[0])))

    def value(key) -> int | None:
        return sum(values[i] for i in sums[key]) if flags[key] else None

    named = [(c, value(("named", c))) for c in big]  # largest first
    return Countries(named=tuple(named), other=value((OTHER, "")), unknown=value((UNKNOWN, "")),
                         total=disclosure.shown(sum(values)),
                         citizen={code: value(key) for code, key in citizen.items()})
