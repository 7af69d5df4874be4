"""Screening engine: indicator frameworks of human trafficking as versioned data, and decision rules.

A screening scores answers (indicator present / absent / unknown) against one framework with one
rule set and explains the outcome in Dutch and English. It is a screening, not a legal finding.

Public facade::

    list_frameworks() -> list[Framework]
    load_framework("ilo_adult_labour") -> Framework          # "id" or "id@version"
    list_rule_sets() -> list[RuleSet]
    load_rule_set("ilo_2009_adult") -> RuleSet
    screen("ilo_adult_labour", present=[...], absent=[...], unknown=[...], rule_set=None) -> Outcome
    screen_matrix("ilo_adult_labour", bool_array, rule_set=None) -> dict of numpy arrays
    org_types() -> list[OrgType]
    next_steps("doctor", outcome, minor=None) -> list[Step]
    vignettes() -> list[Vignette]
    compare_with_expert("v01_...", present=[...], absent=[...]) -> Comparison
    validate_data(directory=None) -> list[str]                # problems; empty when valid
    Registry(directory)                                       # the same, on another data directory

The data files live in ``data/``; see ``docs/screening.md`` and the ADRs 0030-0039.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .errors import (AnswerConflictError, DataFileError, RuleSetNotApplicableError, ScreeningError,
                     UnknownFrameworkError, UnknownIndicatorError, UnknownOrganisationTypeError,
                     UnknownRuleSetError, UnknownVignetteError)
from .guidance import OrgType, Step
from .loader import DATA_DIR, Registry, validate
from .model import DimensionResult, Framework, Indicator, Outcome, RuleSet, Text
from .training import Comparison, Vignette, compare

__all__ = [
    "AnswerConflictError", "Comparison", "DATA_DIR", "DataFileError", "DimensionResult",
    "Framework", "Indicator", "OrgType", "Outcome", "Registry", "RuleSet",
    "RuleSetNotApplicableError", "ScreeningError", "Step", "Text", "UnknownFrameworkError",
    "UnknownIndicatorError", "UnknownOrganisationTypeError", "UnknownRuleSetError",
    "UnknownVignetteError", "Vignette", "compare_with_expert", "default_registry",
    "list_frameworks", "list_rule_sets", "load_framework", "load_rule_set", "next_steps",
    "org_types", "screen", "screen_matrix", "validate_data", "vignettes",
]


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The registry of the data shipped with Keten, loaded and validated once per process."""
    return Registry()


def list_frameworks() -> list[Framework]:
    """The latest version of every framework, sorted by id."""
    reg = default_registry()
    return [reg.framework(i) for i in sorted(reg.frameworks)]


def load_framework(framework_id: str) -> Framework:
    return default_registry().framework(framework_id)


def list_rule_sets() -> list[RuleSet]:
    reg = default_registry()
    return [reg.rule_set(i) for i in sorted(reg.rule_sets)]


def load_rule_set(rule_set_id: str) -> RuleSet:
    return default_registry().rule_set(rule_set_id)


def screen(framework_id: str, present: Iterable[str] = (), absent: Iterable[str] = (),
           unknown: Iterable[str] = (), *, rule_set: str | None = None) -> Outcome:
    """Screen one answer set. Ids not in ``present`` count as not present, whether absent,
    unknown or unanswered. Raises UnknownFrameworkError, UnknownIndicatorError (naming every
    unknown id), AnswerConflictError, or UnknownRuleSetError / RuleSetNotApplicableError."""
    return default_registry().compiled(framework_id, rule_set).screen(present, absent, unknown)


def screen_matrix(framework_id: str, present: Any, *, rule_set: str | None = None) -> dict[str, Any]:
    """Screen many answer sets at once (boolean array: answer sets x indicators in framework
    order); returns numpy arrays ``victim`` and ``positive[dimension]``."""
    return default_registry().compiled(framework_id, rule_set).screen_matrix(present)


def _guidance():
    guidance = default_registry().guidance
    if guidance is None:
        raise DataFileError(["guidance.yaml is missing"])
    return guidance


def org_types() -> list[OrgType]:
    return list(_guidance().org_types.values())


def next_steps(org_type: str, outcome: Outcome, *, minor: bool | None = None) -> list[Step]:
    """Next steps for an organisation type (a code such as ``police`` or ``doctor``) after this
    outcome. ``minor`` overrides the framework's population (child/adult) when known."""
    return _guidance().next_steps(org_type, outcome, minor=minor)


def vignettes() -> list[Vignette]:
    return list(default_registry().vignettes.values())


def compare_with_expert(vignette_id: str, present: Iterable[str] = (), absent: Iterable[str] = (),
                        unknown: Iterable[str] = (), *, rule_set: str | None = None) -> Comparison:
    """Compare a trainee's answers on a vignette with the expert answer set: agreement per
    indicator, and whether the outcome (victim, positive dimensions) differs."""
    reg = default_registry()
    v = reg.vignette(vignette_id)
    compiled = reg.compiled(v.framework, rule_set)
    expert = compiled.screen(v.expert_present, v.expert_absent)
    trainee = compiled.screen(present, absent, unknown)
    return compare(v, expert, trainee, tuple(compiled.id_at))


def validate_data(directory: str | Path | None = None) -> list[str]:
    """Validate a data directory (default: the shipped data); returns every problem found."""
    return validate(directory)
