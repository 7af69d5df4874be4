"""Phone numbers to E.164 (``+31612345678``), Dutch numbering by default.

The common shapes (``+CC…``, ``00CC…``, a ten-digit Dutch national number) are rewritten
directly; everything else goes through ``phonenumbers`` with the default region. A number that
``phonenumbers`` cannot read keeps its digits, so two records with the same odd number still
agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

_DIGITS = re.compile(r"\D+")


@lru_cache(maxsize=100_000)
def _with_phonenumbers(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        digits = _DIGITS.sub("", text)
        return digits or None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phone(value: str, region: str = "NL") -> str | None:
    text = str(value).strip()
    if not text:
        return None
    digits = _DIGITS.sub("", text)
    if not digits:
        return None
    if "(" not in text and region == "NL":
        if text.startswith("+") and len(digits) >= 8:
            return "+" + digits
        if digits.startswith("00") and len(digits) >= 10:
            return "+" + digits[2:]
        if digits.startswith("0") and len(digits) == 10:
            return "+31" + digits[1:]
    return _with_phonenumbers(text, region)
