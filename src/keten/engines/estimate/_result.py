"""What an estimate returns: plain data, with a dict form for JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Interval:
    level: float
    low: float | None
    high: float | None
    method: str  # "bca", "model", "posterior" or "normal"

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "low": self.low, "high": self.high, "method": self.method}


@dataclass(frozen=True)
class Checks:
    exists: bool
    identifiable: bool

    def to_dict(self) -> dict[str, bool]:
        return {"exists": self.exists, "identifiable": self.identifiable}


@dataclass(frozen=True)
class Estimate:
    """One estimate of the number of people on no list, and of the total."""

    observed: int
    lists: list[str]
    method: str
    model: list[str]  # interaction terms, like "A:B", in the order they were chosen
    hidden: float | None  # None when the data cannot carry a number (see warnings)
    total: float | None
    ci: Interval | None
    checks: Checks
    warnings: list[str] = field(default_factory=list)
    stratum: dict[str, Any] | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.stratum is not None:
            out["stratum"] = self.stratum
        out.update(
            observed=self.observed,
            lists=list(self.lists),
            method=self.method,
            model=list(self.model),
            hidden=self.hidden,
            total=self.total,
            ci=self.ci.to_dict() if self.ci else None,
            checks=self.checks.to_dict(),
            warnings=list(self.warnings),
            details=self.details,
        )
        return out


@dataclass(frozen=True)
class ModelCheck:
    """Existence and identifiability of one given model on one table."""

    lists: list[str]
    model: list[str]
    exists: bool
    identifiable: bool
    fixed_at_minus_infinity: list[str]  # terms whose lists share nobody
    warnings: list[str] = field(default_factory=list)
    stratum: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {} if self.stratum is None else {"stratum": self.stratum}
        out.update(
            lists=list(self.lists),
            model=list(self.model),
            checks={"exists": self.exists, "identifiable": self.identifiable},
            fixed_at_minus_infinity=list(self.fixed_at_minus_infinity),
            warnings=list(self.warnings),
        )
        return out
