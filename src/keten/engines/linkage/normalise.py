"""Normalisation of names, dates, phone numbers and the other person fields.

Every function here is pure and idempotent: normalising a normalised value changes nothing.
Names are folded to lower-case ASCII (diacritics dropped; Cyrillic, Greek, Arabic, Han and other
scripts transliterated with ``anyascii``), particles dropped, and reduced to a sorted token key
(so a given/family swap compares equal) and a consonant *skeleton* that maps the usual
romanisations of one name to one key (Oleksandr/Aleksandr/Alexander, Mohammed/Muhammad/Mohamed,
Yuliia/Iuliia/Julia).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Name particles that registrations write, abbreviate or leave out (Dutch tussenvoegsels, the
# Arabic article, French/Italian/Portuguese particles).
PARTICLES = frozenset(
    "van de der den het t ten ter te vd v d da di do dos das del della du le la el al".split()
)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC_ARTICLE = re.compile(r"(^|\s)\u0627\u0644(?=\w)")  # "al-" written attached to the word
# Arabic script leaves most vowels unwritten; waw and yeh inside a word are usually long vowels,
# alef and ta marbuta are written as "a" in the romanisations that registrations use.
_ARABIC_VOWELS = re.compile(r"(?<=\w)[\u0648\u064a]|[\u0627\u0649\u0629]")
_ARABIC_VOWEL_MAP = {"\u0648": "u", "\u064a": "i", "\u0627": "a", "\u0649": "a", "\u0629": "a"}

# Ordered rewrites that bring romanisations of one sound together before vowels are dropped.
_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("tsch", "ch"), ("sch", "sh"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("ph", "f"),
    ("th", "t"), ("kh", "h"), ("gh", "g"), ("ck", "k"), ("sh", "s"), ("ch", "s"), ("sz", "s"),
    ("cz", "c"), ("q", "k"), ("x", "ks"), ("w", "v"), ("c", "k"), ("z", "s"), ("j", "i"),
    ("y", "i"), ("ou", "u"),
)
_VOWELS = re.compile(r"[aeiou]+")
_REPEATS = re.compile(r"(.)\1+")


def _transliterate(text: str) -> str:
    """Unicode text to ASCII; a run of Han characters becomes one word (秀英 -> XiuYing)."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    text = _ARABIC_ARTICLE.sub(r"\1", text)
    text = _ARABIC_VOWELS.sub(lambda m: _ARABIC_VOWEL_MAP[m.group(0)], text)
    out: list[str] = []
    for char in text:
        if _HAN.match(char):
            out.append(anyascii(char).capitalize())
        else:
            out.append(anyascii(char))
    return "".join(out)


@lru_cache(maxsize=500_000)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; '' for nothing left."""
    ascii_text = _transliterate(text).lower().replace("'", "")
    return " ".join(_NON_ALNUM.sub(" ", ascii_text).split())


def split_han_full_name(text: str) -> str:
    """A full name in Han script has no spaces; the first character is the family name."""
    text = text.strip()
    if len(text) >= 2 and " " not in text and all(_HAN.match(c) for c in text):
        return text[0] + " " + text[1:]
    return text


def name_tokens(text: str) -> list[str]:
    """Folded tokens of a name, particles removed (a name of only particles keeps them)."""
    return list(_name_tokens(text))


@lru_cache(maxsize=500_000)
def _name_tokens(text: str) -> tuple[str, ...]:
    tokens = fold(text).split()
    kept = tuple(t for t in tokens if t not in PARTICLES)
    return kept or tuple(tokens)


@lru_cache(maxsize=500_000)
def family_compact(text: str) -> str:
    """A family name as one token: particles dropped, parts joined (Ben Ali -> benali)."""
    return "".join(_name_tokens(text))


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonant skeleton of one folded token, stable under common romanisation variants."""
    s = fold(token).replace(" ", "")
    if not s:
        return ""
    if s.endswith("off"):
        s = s[:-3] + "ov"
    for _ in range(5):  # rewrite until nothing changes, so the skeleton of a skeleton is itself
        before = s
        for old, new in _SKELETON_RULES:
            s = s.replace(old, new)
        s = _REPEATS.sub(r"\1", _VOWELS.sub("", s))
        if s == before:
            break
    if not s:  # only vowels left (Yi, Zhi, Ai): keep the first sound, rewritten the same way
        s = fold(token)[:1]
        for old, new in _SKELETON_RULES:
            s = s.replace(old, new)
        s = "a" if s in "aeiou" else s
    return s


def name_key(tokens: list[str]) -> str:
    return " ".join(sorted(tokens))


def skeleton_key(tokens: list[str]) -> str:
    return " ".join(sorted(skeleton(t) for t in tokens))


# --- other fields --------------------------------------------------------------------------

_SEX = {
    "m": "m", "man": "m", "male": "m", "mannelijk": "m", "jongen": "m", "boy": "m",
    "f": "f", "v": "f", "vrouw": "f", "female": "f", "vrouwelijk": "f", "meisje": "f", "girl": "f",
    "woman": "f", "x": "x", "o": "x", "other": "x", "anders": "x", "onbekend": "", "unknown": "", "u": "",
}


def normalise_sex(value: str) -> str | None:
    folded = fold(value)
    if folded in _SEX:
        return _SEX[folded] or None
    return folded or None


def normalise_email(value: str) -> str | None:
    value = unicodedata.normalize("NFKC", value).strip().lower().replace(" ", "")
    if value.startswith("mailto:"):
        value = value[7:]
    return value or None


def normalise_document(value: str) -> str | None:
    value = _NON_ALNUM.sub("", fold(value))
    return value.upper() or None


def normalise_postcode(value: str) -> str | None:
    value = _NON_ALNUM.sub("", fold(value))
    return value.upper() or None


def normalise_text(value: str) -> str | None:
    return fold(value) or None


_PLACE_ALIASES = {"s gravenhage": "den haag", "the hague": "den haag", "la haye": "den haag",
                  "s hertogenbosch": "den bosch", "hertogenbosch": "den bosch"}


def normalise_place(value: str) -> str | None:
    folded = fold(value)
    return _PLACE_ALIASES.get(folded, folded) or None
