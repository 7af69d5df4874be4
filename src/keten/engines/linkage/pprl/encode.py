"""Encoding person records into keyed, per-field Bloom filters and keyed blocking keys.

Each field becomes a Bloom filter of ``bits`` bits: every feature of the field (the bigrams of
each name part, the parts of a date, the digits of a phone number…) sets ``hashes`` bits chosen by
HMAC-SHA256 under a key derived from the shared secret for that field ("random hashing": each
position comes from the keyed digest itself, not from two hashes combined, which resists the
known pattern-mining attacks on double hashing). Sizes are chosen so that a typical value sets
roughly a quarter to a half of the bits: far from saturation, where every filter would look alike.

Blocking keys are truncated HMACs of the same candidate-pair keys that clear-text linkage uses.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..schema import LinkageInputError

FORMAT = "keten-pprl"
VERSION = 1


@dataclass(frozen=True)
class FieldSpec:
    bits: int
    hashes: int


FIELD_SPECS: dict[str, FieldSpec] = {
    "name": FieldSpec(1024, 20),
    "name_skeleton": FieldSpec(256, 20),
    "date_of_birth": FieldSpec(256, 16),
    "sex": FieldSpec(64, 8),
    "nationality": FieldSpec(64, 8),
    "phone": FieldSpec(512, 20),
    "email": FieldSpec(512, 15),
    "document_number": FieldSpec(256, 15),
    "location": FieldSpec(512, 15),
}
BLOCK_KEYS = ("phone", "document_number", "email", "name_year", "skel_year", "skel_daymonth", "skel_postcode",
              "dob_initial", "dob_nationality",
              "first_year", "last_year", "rare_name", "rare_skel", "dob", "name_dob",
              # exact-match parts of the date of birth, compared for equality only
              "dob_md", "dob_ym", "dob_y", "name_first", "dob_masks")
RARE = 25  # a name counts as rare (and is a blocking key on its own) up to this many local records


def new_key() -> bytes:
    return secrets.token_bytes(32)


def write_key(path: str | Path, key: bytes | None = None) -> bytes:
    key = key or new_key()
    Path(path).write_text(key.hex() + "\n", encoding="ascii")
    return key


def read_key(path: str | Path) -> bytes:
    """A key file holds the shared secret as hex (as ``keten link keygen`` writes it) or base64."""
    path = Path(path)
    if not path.is_file():
        raise LinkageInputError(f"{path}: no such key file")
    text = path.read_text(encoding="ascii", errors="replace").strip()
    key = None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        try:
            key = base64.b64decode(text, validate=True)
        except ValueError:
            pass
    if not key or len(key) < 16:
        raise LinkageInputError(f"{path}: not a key (expected at least 16 bytes as hex or base64); "
                                "make one with `keten link keygen --out FILE`")
    return key


def _derive(key: bytes, purpose: str) -> bytes:
    return hmac.new(key, f"{FORMAT}/{VERSION}/{purpose}".encode(), hashlib.sha256).digest()


def key_check(key: bytes) -> str:
    """A fingerprint that shows partners used the same key, without revealing it."""
    return _derive(key, "check").hex()[:16]


def _bigrams(token: str) -> list[str]:
    padded = f"_{token}_"
    return [padded[i:i + 2] for i in range(len(padded) - 1)]


def _features(field: str, row: Mapping) -> list[str]:
    def get(col):
        value = row.get(col)
        return None if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA else value

    if field == "name":
        key = get("name_key")
        if not key:
            return []
        feats = [g for token in key.split() for g in _bigrams(token)]
        feats += [f"s:{s}" for s in (get("name_skel") or "").split()]
        return feats
    if field == "name_skeleton":
        return [f"s:{s}" for s in (get("name_skel") or "").split()]
    if field == "date_of_birth":  # digit bigrams of the full date: one wrong digit changes two
        dob = get("dob")
        return _bigrams(dob.replace("-", "")) if dob else []
    if field == "location":
        feats = [g for token in (get("address") or "").split() for g in _bigrams(token)]
        if get("postcode"):
            feats.append(f"pc:{get('postcode')}")
        if get("place"):
            feats.append(f"pl:{get('place')}")
        return feats
    value = get(field)
    if not value:
        return []
    if field in ("sex", "nationality"):
        return [str(value)]
    return _bigrams(str(value))


class _Hasher:
    """Bit positions per (field, feature), cached: vocabularies are small, records many."""

    def __init__(self, key: bytes):
        self._keys = {field: _derive(key, f"field/{field}") for field in FIELD_SPECS}
        self._cache: dict[tuple[str, str], np.ndarray] = {}

    def positions(self, field: str, feature: str) -> np.ndarray:
        hit = self._cache.get((field, feature))
        if hit is not None:
            return hit
        spec = FIELD_SPECS[field]
        raw = b""
        counter = 0
        while len(raw) < 2 * spec.hashes:
            raw += hmac.new(self._keys[field], feature.encode() + bytes([counter]), hashlib.sha256).digest()
            counter += 1
        values = np.frombuffer(raw[: 2 * spec.hashes], dtype=">u2").astype(np.int64) % spec.bits
        self._cache[(field, feature)] = values
        return values

    def encode(self, field: str, features: list[str]) -> bytes | None:
        if not features:
            return None
        bits = np.zeros(FIELD_SPECS[field].bits, dtype=np.uint8)
        cache = self._cache
        bits[np.concatenate([cache.get((field, f)) if (field, f) in cache else self.positions(field, f)
                             for f in features])] = 1
        return np.packbits(bits).tobytes()


_FIELD_COLUMNS = {
    "name": ("name_key", "name_skel"),
    "name_skeleton": ("name_skel",),
    "date_of_birth": ("dob",),
    "location": ("address", "postcode", "place"),
}


def _text(values: pd.Series) -> pd.Series:
    """Values as text for keys: integers without '.0', missing as <NA>."""
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("Int64").astype("string")
    return values.astype("string")


def _encode_field(field: str, prepared: pd.DataFrame, hasher: _Hasher) -> list:
    """The filter of ``field`` for every record, computed once per distinct value."""
    cols = [c for c in _FIELD_COLUMNS.get(field, (field,)) if c in prepared.columns]
    joined = _text(prepared[cols[0]]).fillna("\x00")
    for col in cols[1:]:
        joined = joined + "\x1f" + _text(prepared[col]).fillna("\x00")
    codes, uniques = pd.factorize(joined)
    firsts = pd.Series(np.arange(len(codes))).groupby(codes).first().to_numpy()
    sample = prepared.iloc[firsts][cols].to_dict("records")
    encoded = np.array([hasher.encode(field, _features(field, row)) for row in sample] + [None], dtype=object)
    return list(encoded[codes])


def _block_keys(prepared: pd.DataFrame, block_key: bytes) -> dict[str, list]:
    def col(name):
        return _text(prepared[name]) if name in prepared.columns else pd.Series(pd.NA, index=prepared.index,
                                                                               dtype="string")

    tokens = col("name_key").str.split(" ")
    several = tokens.str.len() >= 2
    first, last = tokens.str[0].where(several), tokens.str[-1].where(several)
    before_last = tokens.str[-2].where(several)

    def rare(series):
        return series.where(series.map(series.value_counts()) <= RARE)

    parts = {
        "phone": [col("phone")], "document_number": [col("document_number")], "email": [col("email")],
        "name_year": [col("name_key"), col("dob_year")], "skel_year": [col("name_skel"), col("dob_year")],
        "skel_daymonth": [col("name_skel"), col("dob_md").str[-5:]], "skel_postcode": [col("name_skel"), col("postcode")],
        "dob_initial": [col("dob_md"), col("name_skel").str[:1]], "dob_nationality": [col("dob_md"), col("nationality"), col("sex")],
        "dob": [col("dob")], "name_dob": [col("name_key"), col("dob")],
        "first_year": [first, col("dob_year"), last.str[:1]], "last_year": [last, col("dob_year"), before_last.str[:1]],
        "rare_name": [rare(col("name_key"))], "rare_skel": [rare(col("name_skel"))],
        "dob_md": [col("dob_md")], "dob_ym": [col("dob_year"), col("dob_month")], "dob_y": [col("dob_year")],
        "name_first": [col("name_first")],
    }
    out = {}
    dob = col("dob")
    codes, uniques = pd.factorize(dob)
    masks = []
    for value in uniques:  # the date with one digit blanked, per position: equal iff <= 1 digit differs
        digits = value.replace("-", "")
        masks.append(" ".join(
            hmac.new(block_key, f"mask{i}:{digits[:i]}_{digits[i + 1:]}".encode(), hashlib.sha256).hexdigest()[:12]
            for i in range(len(digits))
        ))
    out["dob_masks"] = list(np.array(masks + [None], dtype=object)[codes])
    for name, series in parts.items():
        value = series[0]
        for extra in series[1:]:
            value = value + "|" + extra
        value = value.where(value.str.len() > 0)
        codes, uniques = pd.factorize(value)
        hashed = [hmac.new(block_key, f"{name}:{u}".encode(), hashlib.sha256).hexdigest()[:16] for u in uniques]
        out[name] = list(np.array(hashed + [None], dtype=object)[codes])
    return out


@dataclass
class Encodings:
    """One partner's encoded records: a header and, per record, filters and blocking keys."""

    header: dict
    records: pd.DataFrame  # id, f_<field> (bytes or None), k_<key> (hex or None)


def encode(
    frame: pd.DataFrame,
    *,
    key: bytes,
    id_column: str,
    mapping: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    lenient_dates: bool = False,
    source: str = "partner",
) -> Encodings:
    """Encode ``frame`` locally; nothing in the result can be read back without the key."""
    from ..pipeline import validate

    prepared = validate(frame, id_column=id_column, mapping=mapping, ignore=ignore, lenient_dates=lenient_dates)
    hasher = _Hasher(key)
    block_key = _derive(key, "block")
    fields = [f for f in FIELD_SPECS if _available(f, prepared.columns)]
    out: dict[str, list] = {"id": prepared["unique_id"].tolist()}
    for field in fields:
        out[f"f_{field}"] = _encode_field(field, prepared, hasher)
    for name, values in _block_keys(prepared, block_key).items():
        out[f"k_{name}"] = values
    records = pd.DataFrame(out)
    records = records[[c for c in records.columns if not records[c].isna().all() or c in ("id",)]]
    header = {
        "format": FORMAT, "version": VERSION, "source": source, "key_check": key_check(key),
        "fields": {f: {"bits": FIELD_SPECS[f].bits, "hashes": FIELD_SPECS[f].hashes} for f in fields},
    }
    return Encodings(header=header, records=records)


def _available(field: str, columns) -> bool:
    need = {"name": "name_key", "name_skeleton": "name_skel", "date_of_birth": "dob_year",
            "location": None}.get(field, field)
    if field == "location":
        return bool({"address", "postcode", "place"} & set(columns))
    return need in columns


def write_encodings(encodings: Encodings, path: str | Path) -> None:
    """JSON lines: the header, then one object per record (filters base64, keys hex)."""
    with Path(path).open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"header": encodings.header}) + "\n")
        columns = list(encodings.records.columns)
        for values in encodings.records.itertuples(index=False, name=None):
            record: dict = {"id": values[0], "f": {}, "k": {}}
            for col, value in zip(columns[1:], values[1:]):
                if value is None or (isinstance(value, float) and np.isnan(value)):
                    continue
                if col.startswith("f_"):
                    record["f"][col[2:]] = base64.b64encode(value).decode("ascii")
                else:
                    record["k"][col[2:]] = value
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
