"""The standard person-record schema and the mapping of other files onto it.

A file may carry any subset of the fields below plus one id column. Columns named otherwise are
mapped with ``mapping`` (source column -> schema field); a few common Dutch and English column
names are recognised without a mapping. Problems are raised as :class:`LinkageInputError` before
any work starts, so a command can report them and stop.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FIELDS: tuple[str, ...] = (
    "given_name",
    "family_name",
    "full_name",
    "date_of_birth",
    "sex",
    "nationality",
    "phone",
    "email",
    "document_number",
    "address",
    "postcode",
    "place",
)

# Column names recognised without a mapping (lower-cased, spaces and dashes as underscores).
ALIASES: dict[str, str] = {
    "voornaam": "given_name",
    "voornamen": "given_name",
    "first_name": "given_name",
    "forename": "given_name",
    "given_names": "given_name",
    "achternaam": "family_name",
    "geslachtsnaam": "family_name",
    "surname": "family_name",
    "last_name": "family_name",
    "naam": "full_name",
    "name": "full_name",
    "geboortedatum": "date_of_birth",
    "dob": "date_of_birth",
    "birth_date": "date_of_birth",
    "geslacht": "sex",
    "gender": "sex",
    "nationaliteit": "nationality",
    "telefoon": "phone",
    "telefoonnummer": "phone",
    "phone_number": "phone",
    "mobile": "phone",
    "e_mail": "email",
    "emailadres": "email",
    "documentnummer": "document_number",
    "passport": "document_number",
    "bsn": "document_number",
    "v_nummer": "document_number",
    "adres": "address",
    "street": "address",
    "woonplaats": "place",
    "plaats": "place",
    "city": "place",
    "town": "place",
    "zip": "postcode",
    "postal_code": "postcode",
}


class LinkageInputError(ValueError):
    """Input that cannot be linked as given; the message names the problem and the fix."""


def _canonical(name: str) -> str:
    return str(name).strip().lower().replace(" ", "_").replace("-", "_")


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """Turn ``["src=dst", …]`` (as typed on the command line) into a mapping."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise LinkageInputError(f"--map {pair!r}: write it as SOURCE_COLUMN=FIELD")
        src, dst = (part.strip() for part in pair.split("=", 1))
        if not src or not dst:
            raise LinkageInputError(f"--map {pair!r}: write it as SOURCE_COLUMN=FIELD")
        mapping[src] = dst
    return mapping


def to_schema(
    frame: pd.DataFrame,
    *,
    id_column: str,
    mapping: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    what: str = "the input",
) -> pd.DataFrame:
    """Return a frame with ``record_id`` plus the schema fields found, as strings.

    Raises :class:`LinkageInputError` for an empty input, a missing or non-unique id column, a
    mapping that names an unknown column or field, and columns that are neither schema fields,
    known aliases, mapped, nor ignored.
    """
    import pandas as pd

    mapping = dict(mapping or {})
    ignore = set(ignore)
    if frame.shape[0] == 0:
        raise LinkageInputError(f"{what} has no records")
    if id_column not in frame.columns:
        raise LinkageInputError(
            f"{what} has no id column {id_column!r}; its columns are: {', '.join(map(str, frame.columns))}"
        )
    for src, dst in mapping.items():
        if src not in frame.columns:
            raise LinkageInputError(f"--map {src}={dst}: {what} has no column {src!r}")
        if dst not in FIELDS:
            raise LinkageInputError(f"--map {src}={dst}: {dst!r} is not a field; fields are: {', '.join(FIELDS)}")
    for col in ignore:
        if col not in frame.columns:
            raise LinkageInputError(f"--ignore {col}: {what} has no column {col!r}")

    renamed: dict[str, str] = {}
    unmapped: list[str] = []
    for col in frame.columns:
        if col == id_column or col in ignore:
            continue
        if col in mapping:
            target = mapping[col]
        elif col in FIELDS:
            target = col
        elif _canonical(col) in FIELDS:
            target = _canonical(col)
        elif _canonical(col) in ALIASES:
            target = ALIASES[_canonical(col)]
        else:
            unmapped.append(str(col))
            continue
        if target in renamed.values():
            other = next(k for k, v in renamed.items() if v == target)
            raise LinkageInputError(f"columns {other!r} and {col!r} both map to the field {target!r}")
        renamed[col] = target
    if unmapped:
        raise LinkageInputError(
            f"{what} has columns that are not person fields: {', '.join(unmapped)}; "
            f"map them with --map COLUMN=FIELD (fields: {', '.join(FIELDS)}) or leave them out with --ignore COLUMN"
        )
    if not renamed:
        raise LinkageInputError(f"{what} has no person fields to compare; fields are: {', '.join(FIELDS)}")

    ids = frame[id_column]
    if ids.isna().any():
        raise LinkageInputError(f"{what}: the id column {id_column!r} is empty in {int(ids.isna().sum())} rows")
    ids = ids.astype(str)
    if ids.duplicated().any():
        dupes = ids[ids.duplicated()].unique()[:5]
        raise LinkageInputError(f"{what}: the id column {id_column!r} repeats ids, e.g. {', '.join(dupes)}")

    out = pd.DataFrame({"record_id": ids.to_numpy()})
    for col, target in renamed.items():
        values = frame[col]
        if target == "date_of_birth" and values.dtype != object:
            out[target] = values.to_numpy()  # dates from Parquet keep their type
        else:  # text as is; the normalisers strip it and treat blank as missing
            out[target] = values.astype(object).where(values.notna(), None).to_numpy()
    return out
