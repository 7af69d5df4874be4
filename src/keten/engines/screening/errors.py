"""Errors of the screening engine. Each names the thing that is wrong, so a caller can show it."""

from __future__ import annotations


class ScreeningError(Exception):
    """Base class of every error the screening engine raises on purpose."""


class UnknownFrameworkError(ScreeningError):
    def __init__(self, framework_id: str, known: list[str]):
        self.framework_id = framework_id
        self.known = known
        super().__init__(f"unknown framework {framework_id!r}; known: {', '.join(known)}")


class UnknownRuleSetError(ScreeningError):
    def __init__(self, rule_set_id: str, known: list[str]):
        self.rule_set_id = rule_set_id
        self.known = known
        super().__init__(f"unknown rule set {rule_set_id!r}; known: {', '.join(known)}")


class RuleSetNotApplicableError(ScreeningError):
    def __init__(self, rule_set_id: str, framework_id: str):
        self.rule_set_id = rule_set_id
        self.framework_id = framework_id
        super().__init__(f"rule set {rule_set_id!r} does not apply to framework {framework_id!r}")


class UnknownIndicatorError(ScreeningError):
    def __init__(self, framework_id: str, indicator_ids: list[str]):
        self.framework_id = framework_id
        self.indicator_ids = indicator_ids
        noun = "indicator" if len(indicator_ids) == 1 else "indicators"
        super().__init__(
            f"unknown {noun} for framework {framework_id!r}: {', '.join(map(repr, indicator_ids))}"
        )


class AnswerConflictError(ScreeningError):
    def __init__(self, framework_id: str, indicator_ids: list[str]):
        self.framework_id = framework_id
        self.indicator_ids = indicator_ids
        super().__init__(
            f"answered more than once (present/absent/unknown) in framework {framework_id!r}: "
            + ", ".join(map(repr, indicator_ids))
        )


class UnknownOrganisationTypeError(ScreeningError):
    def __init__(self, code: str, known: list[str]):
        self.code = code
        self.known = known
        super().__init__(f"unknown organisation type {code!r}; known: {', '.join(known)}")


class UnknownVignetteError(ScreeningError):
    def __init__(self, vignette_id: str, known: list[str]):
        self.vignette_id = vignette_id
        self.known = known
        super().__init__(f"unknown vignette {vignette_id!r}; known: {', '.join(known)}")


class DataFileError(ScreeningError):
    """One or more data files do not validate; ``problems`` lists every message."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("screening data files do not validate:\n  " + "\n  ".join(problems))
