"""Phone numbers to E.164 (``+31612345678``), Dutch numbering by default.

The common shapes (``+CC…``, ``00CC…``, a ten-digit Dutch national number) are rewritten
directly; other national numbers go through ``phonenumbers`` with the default region. A number
that ``phonenumbers`` cannot read, or that is too short, keeps its digits, so two records with the
same odd number still agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

_DIGITS = re.compile(r"\D+")


@lru_cache(maxsize=100_000)
def _with_phonenumbers(digits: str, region: str) -> str | None:
    text = digits
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return digits or None
    if not phonenumbers.is_possible_number(number):
        return digits
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phone(value: str, region: str = "NL") -> str | None:
    text = str(value).strip()
    if not text:
        return None
    digits = _DIGITS.sub("", text)
    if not digits:
        return None
    if len(digits) < 8:  # too short for a full number: keep the digits as they are
        return digits
    plus = text.startswith("+")
    if "(0)" in text:  # "+31 (0)6 …": the trunk prefix is not dialled from abroad
        digits = _DIGITS.sub("", text.replace("(0)", ""))
    if plus:
        return "+" + digits
    if digits.startswith("00") and len(digits) >= 10:
        return "+" + digits[2:]
    if region == "NL" and digits.startswith("0") and len(digits) == 10:
        return "+31" + digits[1:]
    return _with_phonenumbers(digits, region)
