"""Code lists kept in versioned data files (YAML with a source and a reliability per file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.utils.translation import get_language


@dataclass(frozen=True)
class Code:
    code: str
    nl: str
    en: str
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        return self.en if (get_language() or "nl").startswith("en") else self.nl


@lru_cache(maxsize=64)
def load(path: Path, key: str) -> tuple[Code, ...]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return tuple(
        Code(item["code"], item["nl"], item["en"], {k: v for k, v in item.items() if k not in {"code", "nl", "en"}})
        for item in raw[key]
    )


def choices(codes: tuple[Code, ...]) -> list[tuple[str, str]]:
    # Dutch labels in the schema; pages translate through ``label_for``.
    return [(c.code, c.nl) for c in codes]


def label_for(codes: tuple[Code, ...], code: str) -> str:
    for c in codes:
        if c.code == code:
            return c.label
    return code


_CODE_SETS: dict[int, tuple[tuple[Code, ...], frozenset[str]]] = {}


def codes_of(codes: tuple[Code, ...]) -> frozenset[str]:
    """The codes of a (cached, so long-lived) code list, built once per list."""
    entry = _CODE_SETS.get(id(codes))
    if entry is None or entry[0] is not codes:
        entry = _CODE_SETS[id(codes)] = (codes, frozenset(c.code for c in codes))
    return entry[1]
