"""Synthetic multi-agency person records with known truth, for tests, benchmarks and the demo.

``generate_people(n_records, seed=…)`` returns a frame with ``record_id``, ``person_id`` (the
truth) and the person-record fields. Names are drawn from lists written for Keten per nationality,
in the home script or one of its romanisations; records of one person differ the way partners'
registrations do: typos, transliteration variants, given/family swaps (often for Hungarian,
Chinese and Vietnamese names), second given names dropped, day/month swaps, partial and
placeholder dates, changed and missing phones, shelter addresses shared by many. Some persons have
a sibling (same family name, address, often the same phone; twins share the date of birth) and
some share a controller's phone with unrelated persons.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pandas as pd
from anyascii import anyascii

from .synthetic_names import EMAIL_DOMAINS, NATIONALITIES, PLACES, SOURCES, STREETS, Nationality
from .synthetic_parts import PARTS

COLUMNS = ("record_id", "person_id", "source", "given_name", "family_name", "full_name", "date_of_birth",
           "sex", "nationality", "phone", "email", "document_number", "address", "postcode", "place")
_KEYBOARD_NEIGHBOURS = dict(zip("abcdefghijklmnopqrstuvwxyz",
                                "qs vn xv sf wr dg fh gj uo hk jl kp nk bm ip ol wa et ad ry yi cb qe zc tu as".split()))


@dataclass
class _Person:
    pid: int
    nat: Nationality
    sex: str
    given: list[str]  # each entry: "native|variant|…"
    family: str
    dob: tuple[int, int, int]
    phone: str | None
    email: str | None
    document: str | None
    address: tuple[str, str, str] | None


def _zipf_choice(rng: random.Random, items: tuple[str, ...], exponent: float = 0.6) -> str:
    # weights 1/(i+1)^exponent, drawn by inverse transform on a cached cumulative table
    cum = _CUM.get((len(items), exponent))
    if cum is None:
        total, cum = 0.0, []
        for i in range(len(items)):
            total += 1 / (i + 1) ** exponent
            cum.append(total)
        _CUM[(len(items), exponent)] = cum
    x = rng.random() * cum[-1]
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return items[lo]


_CUM: dict[tuple[int, float], list[float]] = {}


def _compose(rng: random.Random, code: str) -> str | None:
    """A family name built from a root and an ending, with the variants of both combined."""
    if code not in PARTS:
        return None
    roots, endings = PARTS[code]
    root = rng.choice(roots).split("|")
    ending = rng.choice(endings).split("|")
    if ending == ["-"]:
        return "|".join(root)
    native = root[0] + ending[0]
    latin_roots = [r for r in root if r.isascii()] or root
    latin_endings = [e for e in ending if e.isascii()] or ending
    variants = [r + e for r in latin_roots for e in latin_endings]
    return "|".join(dict.fromkeys([native] + variants))


def _feminine(entry: str, suffixes: dict[str, str] | None) -> str:
    if not suffixes:
        return entry
    forms = []
    for form in entry.split("|"):
        for old, new in sorted(suffixes.items(), key=lambda kv: -len(kv[0])):
            if form.endswith(old):
                form = form[: -len(old)] + new
                break
        forms.append(form)
    return "|".join(forms)


def _bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1)))
        last = total % 11
        if last < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


def _phone(rng: random.Random, nat: Nationality) -> str:
    if nat.code == "NL" or rng.random() < 0.6:
        return "+316" + "".join(str(rng.randrange(10)) for _ in range(8))
    return "+" + nat.calling_code + "7" + "".join(str(rng.randrange(10)) for _ in range(8))


def _address(rng: random.Random) -> tuple[str, str, str]:
    place, prefix = PLACES[rng.randrange(len(PLACES))]
    street = STREETS[rng.randrange(len(STREETS))].replace("_", " ")
    postcode = f"{prefix}{rng.randrange(10, 100)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
    return f"{street} {rng.randrange(1, 300)}", postcode, place.replace("_", " ")


def _new_person(rng: random.Random, pid: int, nat: Nationality, phones: list[str], emails: set[str]) -> _Person:
    sex = "f" if rng.random() < 0.58 else "m"
    given_list = nat.given_f if sex == "f" else nat.given_m
    given = [_zipf_choice(rng, given_list)]
    if nat.code == "CN" and rng.random() < 0.6:  # most Chinese given names have two syllables
        a, b = given[0].split("|"), _zipf_choice(rng, given_list).split("|")
        given = [f"{a[0]}{b[0]}|{a[1]}{b[1].lower()}"]
    elif rng.random() < 0.15:
        second = _zipf_choice(rng, given_list)
        if second != given[0]:
            given.append(second)
    composed = _compose(rng, nat.code) if rng.random() < 0.7 else None
    family = composed or _zipf_choice(rng, nat.family)
    if sex == "f":
        family = _feminine(family, nat.female_suffix)
    age = min(70, max(14, int(rng.gauss(29, 9))))
    year = 2024 - age
    month = rng.randint(1, 12)
    day = rng.randint(1, 28 if month == 2 else 30)
    phone = None
    if rng.random() < 0.78:
        phone = rng.choice(phones) if phones and rng.random() < 0.04 else _phone(rng, nat)
    romanised = [g.split("|")[-1 if len(g.split("|")) > 1 else 0] for g in given]
    email = None
    if rng.random() < 0.35:
        local = anyascii(romanised[0] + "." + family.split("|")[-1]).lower().replace(" ", "")
        email = f"{local}{rng.randrange(100) if rng.random() < 0.6 else ''}@{rng.choice(EMAIL_DOMAINS)}"
        while email in emails:  # an address belongs to one person: the provider sees to that
            email = f"{local}{rng.randrange(10000)}@{email.split('@')[1]}"
        emails.add(email)
    document = None
    if rng.random() < 0.5:
        if nat.code == "NL":
            document = _bsn(rng)
        elif rng.random() < 0.5:
            document = "".join(str(rng.randrange(10)) for _ in range(10))  # V-number
        else:
            document = nat.code + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(7))
    address = _address(rng) if rng.random() < 0.7 else None
    return _Person(pid, nat, sex, given, family, (year, month, day), phone, email, document, address)


def _sibling(rng: random.Random, pid: int, of: _Person, emails: set[str]) -> _Person:
    p = _new_person(rng, pid, of.nat, [], emails)
    p.family = of.family  # a brother of a woman keeps her (feminine) family name: rare, accepted
    p.address = of.address
    if rng.random() < 0.5:
        p.phone = of.phone
    if rng.random() < 0.15:  # twins
        p.dob = of.dob
    else:
        y, m, d = of.dob
        p.dob = (y + rng.choice((-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6)), p.dob[1], p.dob[2])
    return p


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text))
    kind = rng.random()
    char = text[i].lower()
    if kind < 0.3:
        return text[:i] + text[i + 1:]
    if kind < 0.55:
        return text[:i] + text[i] + text[i:]
    if kind < 0.8 and char in _KEYBOARD_NEIGHBOURS:
        return text[:i] + rng.choice(_KEYBOARD_NEIGHBOURS[char]) + text[i + 1:]
    if i < len(text) - 1:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text


def _render_name(rng: random.Random, entry: str, home_form: bool) -> str:
    """The home form (native script, or with diacritics) or one of the romanisations."""
    forms = entry.replace("_", " ").split("|")
    if home_form or len(forms) == 1:
        return forms[0]
    latin = [f for f in forms if f.isascii()] or forms
    return latin[0] if rng.random() < 0.5 else rng.choice(latin)


def _render_date(rng: random.Random, dob: tuple[int, int, int]) -> str | None:
    y, m, d = dob
    r = rng.random()
    if r < 0.04:
        return None
    if r < 0.07:
        return rng.choice((f"00-00-{y}", f"{y}", f"XX-XX-{y}"))
    if r < 0.12:
        return f"01-01-{y}"
    if r < 0.15 and d <= 12 and d != m:
        m, d = d, m
    elif r < 0.18:
        digit = rng.randrange(3)
        if digit == 0:
            d = min(28, max(1, d + rng.choice((-10, 10, -1, 1))))
        elif digit == 1:
            m = min(12, max(1, m + rng.choice((-1, 1))))
            d = min(d, 28)
        else:
            y = min(2024, y + rng.choice((-1, 1, -10, 10)))
    if rng.random() < 0.02:
        return f"{m:02d}-{y}"
    fmt = rng.random()
    if fmt < 0.3:
        return f"{y}-{m:02d}-{d:02d}"
    if fmt < 0.7:
        return f"{d:02d}-{m:02d}-{y}"
    if fmt < 0.85:
        return f"{d}/{m}/{y}"
    if fmt < 0.95:
        return f"{d:02d}.{m:02d}.{y}"
    return f"{y}{m:02d}{d:02d}"


def _render_phone(rng: random.Random, e164: str) -> str:
    if rng.random() < 0.02:
        e164 = _typo(rng, e164)
    r = rng.random()
    if e164.startswith("+31") and r < 0.5:
        national = "0" + e164[3:]
        return rng.choice((national, national[:2] + "-" + national[2:], f"{national[:2]} {national[2:]}"))
    if r < 0.7:
        return "00" + e164[1:]
    if r < 0.85:
        return e164[:3] + " " + e164[3:]
    return e164


def _record(rng: random.Random, p: _Person, shelters: list, phones_of: dict) -> dict:
    nat = p.nat
    home_form = rng.random() < (0.3 if nat.native_script else 0.5)
    given = [_render_name(rng, g, home_form) for g in p.given]
    if len(given) > 1 and rng.random() < 0.4:
        given = given[:1]
    given_text = " ".join(given)
    family_text = _render_name(rng, p.family, home_form)
    if rng.random() < 0.1:
        given_text = _typo(rng, given_text)
    if rng.random() < 0.1:
        family_text = _typo(rng, family_text)
    if rng.random() < (0.3 if nat.family_order_first else 0.04):
        given_text, family_text = family_text, given_text
    rec = {"given_name": given_text, "family_name": family_text, "full_name": None}
    if rng.random() < 0.12:
        first_family = nat.family_order_first and rng.random() < 0.5
        sep = "" if family_text and not family_text.isascii() and not given_text.isascii() and nat.code == "CN" else " "
        rec["full_name"] = sep.join((family_text, given_text) if first_family else (given_text, family_text))
        rec["given_name"] = rec["family_name"] = None
    rec["date_of_birth"] = _render_date(rng, p.dob)
    r = rng.random()
    rec["sex"] = None if r < 0.06 else rng.choice({"f": ("V", "F", "vrouw"), "m": ("M", "man", "M")}[p.sex])
    r = rng.random()
    rec["nationality"] = None if r < 0.1 else rng.choice(nat.labels)
    phone = None
    if p.phone is not None:
        r = rng.random()
        if r < 0.55:
            phone = p.phone
        elif r < 0.72:
            phone = phones_of.setdefault((p.pid, rng.randrange(2)), _phone(rng, nat))
    rec["phone"] = _render_phone(rng, phone) if phone else None
    rec["email"] = None
    if p.email is not None and rng.random() < 0.6:
        rec["email"] = p.email if rng.random() < 0.8 else p.email.capitalize()
    rec["document_number"] = None
    if p.document is not None and rng.random() < 0.45:
        rec["document_number"] = _typo(rng, p.document) if rng.random() < 0.03 else p.document
    r = rng.random()
    address = None
    if r < 0.1:
        address = rng.choice(shelters)
    elif r < 0.5 and p.address is not None:
        address = p.address
    elif r < 0.6:
        address = _address(rng)
    rec["address"], rec["postcode"], rec["place"] = address if address else (None, None, None)
    rec["source"] = rng.choice(SOURCES)
    return rec


def generate_people(
    n_records: int,
    *,
    seed: int = 0,
    duplicated_share: float = 0.3,
    sibling_share: float = 0.04,
) -> pd.DataFrame:
    """About ``n_records`` synthetic person records (exactly that many) with a ``person_id`` truth.

    ``duplicated_share`` of the persons have 2–10 records (most 2–3); the rest one.
    """
    rng = random.Random(seed)
    emails: set[str] = set()
    cum_shares = []
    total = 0.0
    for nat in NATIONALITIES:
        total += nat.share
        cum_shares.append(total)
    shelters = [_address(rng) for _ in range(max(5, n_records // 2000))]
    controller_phones = ["+316" + "".join(str(rng.randrange(10)) for _ in range(8))
                         for _ in range(max(3, n_records // 1500))]
    rows: list[dict] = []
    phones_of: dict = {}
    pid = 0
    previous: _Person | None = None
    while len(rows) < n_records:
        if previous is not None and rng.random() < sibling_share:
            person = _sibling(rng, pid, previous, emails)
        else:
            x = rng.random() * total
            nat = next(n for n, c in zip(NATIONALITIES, cum_shares) if c >= x)
            person = _new_person(rng, pid, nat, controller_phones, emails)
        count = 1
        if rng.random() < duplicated_share:
            count = 2
            while count < 10 and rng.random() < 0.45:
                count += 1
        for _ in range(min(count, n_records - len(rows))):
            rec = _record(rng, person, shelters, phones_of)
            rec["person_id"] = f"P{pid:07d}"
            rows.append(rec)
        previous = person
        pid += 1
    rng.shuffle(rows)
    frame = pd.DataFrame(rows)
    frame.insert(0, "record_id", [f"R{i:07d}" for i in range(len(frame))])
    return frame[list(COLUMNS)]
