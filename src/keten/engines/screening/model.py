"""Plain data of the screening engine: frameworks, rule sets and outcomes (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

class lazy:
    """Like functools.cached_property without its lock (Python 3.11 locks on every first access):
    computes once, stores the value in the instance ``__dict__``, which then shadows this
    descriptor. Two threads may both compute; the results are equal and immutable."""

    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


STRENGTHS = ("strong", "medium", "weak")
RELIABILITY = ("V", "S", "R", "D")
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Text:
    """A label or sentence in Dutch and English."""

    nl: str
    en: str

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return getattr(self, lang)

    def to_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}


@dataclass(frozen=True)
class Dimension:
    id: str
    name: Text
    phase: str  # recruitment | destination | theme


@dataclass(frozen=True)
class Indicator:
    id: str
    dimension: str
    strength: str
    text: Text
    source: str
    reliability: str
    verified: bool
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dimension": self.dimension,
            "strength": self.strength,
            "text": self.text.to_dict(),
            "source": self.source,
            "reliability": self.reliability,
            "verified": self.verified,
        }


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    title: Text
    population: str  # adult | child | any
    exploitation: tuple[str, ...]  # labour, sexual, criminal, forced_services
    source: str
    reliability: str
    verified: bool
    strength_basis: str  # published | keten
    default_rule_set: str
    dimensions: tuple[Dimension, ...]
    indicators: tuple[Indicator, ...]
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    @cached_property
    def by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.indicators}

    @cached_property
    def dimension_by_id(self) -> dict[str, Dimension]:
        return {dimension.id: dimension for dimension in self.dimensions}

    def to_dict(self, *, full: bool = False) -> dict[str, Any]:
        indicators = [
            indicator.to_dict() if full else
            {"id": indicator.id, "dimension": indicator.dimension, "strength": indicator.strength,
             "reliability": indicator.reliability, "verified": indicator.verified}
            for indicator in self.indicators
        ]
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title.to_dict(),
            "population": self.population,
            "exploitation": list(self.exploitation),
            "source": self.source,
            "reliability": self.reliability,
            "verified": self.verified,
            "strength_basis": self.strength_basis,
            "default_rule_set": self.default_rule_set,
            "dimensions": [
                {"id": d.id, "name": d.name.to_dict(), "phase": d.phase} for d in self.dimensions
            ],
            "indicators": indicators,
        }


@dataclass(frozen=True)
class Clause:
    """One way for a dimension to be positive: every minimum must hold.

    ``minimums`` pairs a set of strengths with the least number of present indicators whose
    strength is in that set, e.g. ``((frozenset({"strong"}), 1), (frozenset({"medium", "weak"}), 1))``.
    """

    id: str
    minimums: tuple[tuple[frozenset[str], int], ...]
    text: Text

    def holds(self, strong: int, medium: int, weak: int) -> bool:
        counts = {"strong": strong, "medium": medium, "weak": weak}
        return all(sum(counts[s] for s in group) >= least for group, least in self.minimums)


@dataclass(frozen=True)
class RuleSet:
    id: str
    version: str
    title: Text
    authority: str  # ilo | keten
    published: bool
    source: str
    reliability: str
    verified: bool
    applies_to: tuple[str, ...]
    clauses: tuple[Clause, ...]
    dimension_rule_reliability: str
    victim_expression: Any
    victim_text: Text
    victim_meaning: Text
    victim_rule_reliability: str
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title.to_dict(),
            "authority": self.authority,
            "published": self.published,
            "source": self.source,
            "reliability": self.reliability,
            "verified": self.verified,
            "applies_to": list(self.applies_to),
            "dimension_rule": [
                {"id": c.id, "text": c.text.to_dict(),
                 "min": {"+".join(sorted(group)): least for group, least in c.minimums}}
                for c in self.clauses
            ],
            "victim_rule": {"expression": self.victim_expression, "text": self.victim_text.to_dict()},
        }


class DimensionResult(NamedTuple):
    """Counts of present indicators in one dimension, whether it is positive and why."""

    id: str
    positive: bool
    strong: int
    medium: int
    weak: int
    indicators: tuple[str, ...]
    clause: str | None  # id of the first clause that holds, None when negative

    def to_dict(self) -> dict[str, Any]:
        return {
            "positive": self.positive,
            "strong": self.strong,
            "medium": self.medium,
            "weak": self.weak,
            "indicators": list(self.indicators),
            "clause": self.clause,
        }


@dataclass(frozen=True)
class Outcome:
    """The result of one screening. A screening, not a legal finding.

    The decision (which dimensions are positive, by which clause, and ``victim``) is computed when
    the outcome is made; ``dimensions`` (counts and indicator ids per dimension), the answer lists
    and ``explanation`` are built from it on first access. Immutable.
    """

    framework: str
    framework_version: str
    rule_set: str
    rule_set_version: str
    victim: bool
    positive_dimensions: tuple[str, ...]
    verified: bool
    population: str
    _masks: tuple[int, int, int] = field(repr=False)  # present, absent, unknown
    _cells: tuple[int, ...] = field(repr=False, compare=False)  # clause-table cell per dimension
    _screen: Any = field(repr=False, compare=False)  # the CompiledScreen that made it

    @lazy
    def dimensions(self) -> dict[str, DimensionResult]:
        return self._screen.dimension_results(self._masks[0], self._cells)

    @lazy
    def present(self) -> tuple[str, ...]:
        return self._screen.ids(self._masks[0])

    @lazy
    def absent(self) -> tuple[str, ...]:
        return self._screen.ids(self._masks[1])

    @lazy
    def unknown(self) -> tuple[str, ...]:
        return self._screen.ids(self._masks[2])

    @property
    def unanswered(self) -> int:
        p, a, u = self._masks
        return self._screen.n - (p | a | u).bit_count()

    @lazy
    def explanation(self) -> dict[str, str]:
        """Plain-language explanation in Dutch and English, built on first use."""
        return self._screen.explain(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "framework_version": self.framework_version,
            "rule_set": self.rule_set,
            "rule_set_version": self.rule_set_version,
            "dimensions": {d: result.to_dict() for d, result in self.dimensions.items()},
            "positive_dimensions": list(self.positive_dimensions),
            "victim": self.victim,
            "answers": {
                "present": list(self.present),
                "absent": list(self.absent),
                "unknown": list(self.unknown),
                "unanswered": self.unanswered,
            },
            "verified": self.verified,
            "explanation": dict(self.explanation),
        }
