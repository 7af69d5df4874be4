"""Encryption of special personal data at rest, and keyed pseudonyms for analytics.

Fernet (AES-128-CBC with HMAC-SHA256) from the ``cryptography`` package does the cryptography;
MultiFernet gives key rotation: the first key of KETEN_FIELD_KEYS encrypts, every key decrypts,
and ``rotate`` re-encrypts a token under the first key. See docs/adr/0005-personal-data-at-rest.md.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("KETEN_FIELD_KEYS is empty: special personal data cannot be encrypted.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "KETEN_FIELD_KEYS holds a malformed key; generate one with `keten keys generate`."
        ) from exc


def field_cipher() -> MultiFernet:
    return _fernet(tuple(settings.KETEN_FIELD_KEYS))


def encrypt(plaintext: str) -> str:
    return PREFIX + field_cipher().encrypt(plaintext.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("value is not an encrypted Keten field")
    try:
        return field_cipher().decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted field cannot be decrypted with any key in KETEN_FIELD_KEYS; was a key removed too early?"
        ) from exc


def rotate(stored: str) -> str:
    """The same value encrypted under the current primary key."""
    return PREFIX + field_cipher().rotate(stored[len(PREFIX):].encode()).decode()


def is_current(stored: str) -> bool:
    """True when ``stored`` decrypts with the primary key alone (no rotation needed)."""
    primary = Fernet(settings.KETEN_FIELD_KEYS[0].encode())
    try:
        primary.decrypt(stored[len(PREFIX):].encode())
    except InvalidToken:
        return False
    return True


def generate_key() -> str:
    return Fernet.generate_key().decode()


def normalise_for_pseudonym(value: str) -> str:
    """Case, accents and spacing must not change a pseudonym: 'Ana-Maria  Popescu' == 'ana maria popescu'."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in folded.lower()).split())


def pseudonym(value: str, *, domain: str) -> str:
    """A keyed pseudonym (HMAC-SHA256) of a normalised value.

    ``domain`` separates uses (``"name"``, ``"name+dob"``, …) so that pseudonyms of one kind cannot
    be joined with another. Without the key, a pseudonym cannot be recomputed from a guessed name.
    """
    key = settings.KETEN_PSEUDONYM_KEY.encode()
    if not key:
        raise ImproperlyConfigured("KETEN_PSEUDONYM_KEY is empty: pseudonyms cannot be computed.")
    message = f"{domain}\x1f{normalise_for_pseudonym(value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
