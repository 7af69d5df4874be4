"""Gender, age, minors and minors by gender of one year's possible victims: all sums of one cross
table of gender by age group, protected together (``engines.disclosure.linked``, ADR 0048)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from django.utils.translation import gettext as _

from keten.apps.intake import codelists as intake_codes
from keten.engines import disclosure
from keten.engines.disclosure.linked import protect_sums

UNKNOWN = "unknown"
YOUNG = ("under_15", "15_17", "minor")
GROWN = ("18_22", "23_plus", UNKNOWN)


def age_groups() -> tuple[tuple[str, str], ...]:
    return (("under_15", _("Under 15")), ("15_17", _("15 to 17")), ("minor", _("Minor, age not known")),
            ("18_22", _("18 to 22")), ("23_plus", _("23 and older")), (UNKNOWN, _("Age not known")))


def age_group(age: int | None, minor: bool) -> str:
    """Registered as a minor decides the side; the birth year (a year off at most) only the row on it."""
    if minor:
        return "minor" if age is None else ("under_15" if age < 15 else "15_17")
    if age is None:
        return UNKNOWN
    return "23_plus" if age > 22 else "18_22"


@dataclass(frozen=True)
class Shown:
    """The sums of the cross table as they may be shown: None where held back."""

    total: int | None
    gender: dict[str, int | None]
    age: dict[str, int | None]
    minors: int | None
    minors_gender: dict[str, int | None]
    # Eurostat's sex (F, M, UNK: other and unknown, T) by age (Y_LT18, Y_GE18, TOTAL): crim_thb_vsage
    eurostat: dict[tuple[str, str], int | None]


def protect(counts: Counter[tuple[str, str]]) -> Shown:
    """``counts`` by (gender, age group); genders off the list count as unknown. The same counts give the
    same answer, so it is remembered: the years gone by are not audited again on every visit."""
    genders = [c.code for c in intake_codes.genders()]
    folded: Counter[tuple[str, str]] = Counter()
    for (sex, group), n in counts.items():
        folded[sex if sex in genders else UNKNOWN, group] += n
    return _protect(tuple(sorted((cell, n) for cell, n in folded.items() if n)))


@lru_cache(maxsize=512)
def _protect(items: tuple[tuple[tuple[str, str], int], ...]) -> Shown:
    folded = Counter(dict(items))
    genders = [c.code for c in intake_codes.genders()]
    ages = [code for code, _label in age_groups()]
    cells = list(product(genders, ages))
    at = {cell: i for i, cell in enumerate(cells)}
    values = [folded[cell] for cell in cells]

    def where(test) -> list[int]:
        return [at[cell] for cell in cells if test(*cell)]

    sums = {("total", ""): where(lambda g, a: True)}
    sums |= {("gender", g): where(lambda g2, a, g=g: g2 == g) for g in genders}
    sums |= {("age", a): where(lambda g, a2, a=a: a2 == a) for a in ages}
    sums[("minors", "")] = where(lambda g, a: a in YOUNG)
    sums |= {("minors_gender", g): where(lambda g2, a, g=g: g2 == g and a in YOUNG) for g in genders}
    # the adults, in all and per gender, follow from what is shown: watched, never shown
    watch = [where(lambda g, a: a in GROWN)] + [where(lambda g2, a, g=g: g2 == g and a in GROWN) for g in genders]
    keys = list(sums)
    flags = dict(zip(keys, protect_sums(values, list(sums.values()), watch=watch, keep=[0])))

    def value(key) -> int | None:
        return sum(values[i] for i in sums[key]) if flags[key] else None

    total, gender = disclosure.shown(sum(values)), {g: value(("gender", g)) for g in genders}
    minors, minors_gender = value(("minors", "")), {g: value(("minors_gender", g)) for g in genders}
    return Shown(total=total, gender=gender, age={a: value(("age", a)) for a in ages}, minors=minors,
                 minors_gender=minors_gender, eurostat=_eurostat(total, gender, minors, minors_gender))


def _eurostat(total, gender, minors, minors_gender) -> dict[tuple[str, str], int | None]:
    """Eurostat's cells, each worked out from counts shown on the page, or held back when one is not:
    they tell nothing the page does not, so the page's protection covers them."""
    def add(*parts):
        return None if any(p is None for p in parts) else sum(parts)

    def less(whole, part):
        return None if whole is None or part is None else whole - part

    sexes = {"F": ["female"], "M": ["male"], "UNK": ["other", UNKNOWN]}
    cells = {("T", "TOTAL"): total, ("T", "Y_LT18"): minors, ("T", "Y_GE18"): less(total, minors)}
    for sex, codes in sexes.items():
        whole, young = add(*(gender[c] for c in codes)), add(*(minors_gender[c] for c in codes))
        cells |= {(sex, "TOTAL"): whole, (sex, "Y_LT18"): young, (sex, "Y_GE18"): less(whole, young)}
    return cells
