"""Reading person files (CSV or Parquet) and writing results, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .schema import LinkageInputError


def _separator(path: Path, encoding: str) -> str:
    with path.open(encoding=encoding, errors="replace") as handle:
        first = handle.readline()
    counts = {sep: first.count(sep) for sep in (",", ";", "\t", "|")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def read_table(path: str | Path) -> pd.DataFrame:
    """All columns as text (Parquet keeps its types); empty cells are missing."""
    path = Path(path)
    if not path.is_file():
        raise LinkageInputError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise LinkageInputError(f"{path}: the file is empty")
    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            frame = pd.read_parquet(path)
        elif suffix in (".csv", ".tsv", ".txt"):
            frame = None
            for encoding in ("utf-8-sig", "cp1252"):
                try:
                    frame = pd.read_csv(path, sep=_separator(path, encoding), dtype=str, keep_default_na=False,
                                        na_values=[""], encoding=encoding)
                    break
                except UnicodeDecodeError:
                    continue
        else:
            raise LinkageInputError(f"{path}: use a .csv or .parquet file")
    except LinkageInputError:
        raise
    except pd.errors.EmptyDataError:
        raise LinkageInputError(f"{path}: the file is empty") from None
    except Exception as exc:  # pandas and pyarrow raise many kinds; all mean "cannot read"
        raise LinkageInputError(f"{path}: cannot be read ({type(exc).__name__}: {exc})") from None
    if frame is None:
        raise LinkageInputError(f"{path}: cannot be read as text")
    if frame.shape[0] == 0:
        raise LinkageInputError(f"{path}: the file has a header but no records")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, float_format="%.6f")
