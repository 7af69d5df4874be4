"""The shape of a permission in the catalogue; each app lists its own in ``<app>/permissions.py``."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Perm:
    code: str
    description: str
