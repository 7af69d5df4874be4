"""Training vignettes (fictional cases with an expert answer set) and comparison with a trainee."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Outcome, Text


@dataclass(frozen=True)
class Vignette:
    id: str
    title: Text
    framework: str
    age: int
    sex: str
    form: str
    story: Text
    expert_present: tuple[str, ...]
    expert_absent: tuple[str, ...]
    expected_victim: bool
    expected_positive: tuple[str, ...]
    expected_by_rule_set: dict[str, bool]
    teaching: Text

    @property
    def minor(self) -> bool:
        return self.age < 18

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Vignette:
        return cls(
            id=raw["id"], title=Text(**raw["title"]), framework=raw["framework"],
            age=raw["person"]["age"], sex=raw["person"]["sex"], form=raw["form"],
            story=Text(**raw["story"]),
            expert_present=tuple(raw["expert"]["present"]),
            expert_absent=tuple(raw["expert"]["absent"]),
            expected_victim=raw["expected"]["victim"],
            expected_positive=tuple(raw["expected"]["positive"]),
            expected_by_rule_set=dict(raw["expected"].get("by_rule_set", {})),
            teaching=Text(**raw["teaching"]),
        )

    def to_dict(self, *, with_answers: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "title": self.title.to_dict(), "framework": self.framework,
            "person": {"age": self.age, "sex": self.sex, "minor": self.minor}, "form": self.form,
            "story": self.story.to_dict(), "fictional": True,
        }
        if with_answers:
            data["expert"] = {"present": list(self.expert_present), "absent": list(self.expert_absent)}
            data["expected"] = {"victim": self.expected_victim, "positive": list(self.expected_positive)}
            data["teaching"] = self.teaching.to_dict()
        return data


@dataclass(frozen=True)
class IndicatorAgreement:
    id: str
    expert: str  # present | absent | unknown
    trainee: str
    agree: bool


@dataclass(frozen=True)
class Comparison:
    vignette: str
    framework: str
    indicators: tuple[IndicatorAgreement, ...]
    agreement: float
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    expert_outcome: Outcome
    trainee_outcome: Outcome
    victim_differs: bool
    dimensions_differ: tuple[str, ...]

    @property
    def outcome_differs(self) -> bool:
        return self.victim_differs or bool(self.dimensions_differ)

    def to_dict(self) -> dict[str, Any]:
        return {
            "vignette": self.vignette,
            "framework": self.framework,
            "agreement": self.agreement,
            "indicators": [
                {"id": a.id, "expert": a.expert, "trainee": a.trainee, "agree": a.agree}
                for a in self.indicators
            ],
            "missed": list(self.missed),
            "extra": list(self.extra),
            "outcome_differs": self.outcome_differs,
            "victim_differs": self.victim_differs,
            "dimensions_differ": list(self.dimensions_differ),
            "expert": {"victim": self.expert_outcome.victim,
                       "positive": list(self.expert_outcome.positive_dimensions)},
            "trainee": {"victim": self.trainee_outcome.victim,
                        "positive": list(self.trainee_outcome.positive_dimensions)},
        }


def compare(vignette: Vignette, expert: Outcome, trainee: Outcome,
            indicator_order: tuple[str, ...]) -> Comparison:
    """Per indicator: the expert's and the trainee's answer (present, absent or unknown; not
    answered counts as unknown). Indicators that both left unknown are left out of the list."""

    def answers(outcome: Outcome) -> dict[str, str]:
        return {**{i: "present" for i in outcome.present}, **{i: "absent" for i in outcome.absent}}

    exp, tra = answers(expert), answers(trainee)
    rows = tuple(
        IndicatorAgreement(i, exp.get(i, "unknown"), tra.get(i, "unknown"),
                           exp.get(i, "unknown") == tra.get(i, "unknown"))
        for i in indicator_order if i in exp or i in tra
    )
    agreement = sum(r.agree for r in rows) / len(rows) if rows else 1.0
    return Comparison(
        vignette=vignette.id,
        framework=vignette.framework,
        indicators=rows,
        agreement=round(agreement, 4),
        missed=tuple(i for i in expert.present if tra.get(i) != "present"),
        extra=tuple(i for i in trainee.present if exp.get(i) != "present"),
        expert_outcome=expert,
        trainee_outcome=trainee,
        victim_differs=expert.victim != trainee.victim,
        dimensions_differ=tuple(
            d for d in expert.dimensions
            if expert.dimensions[d].positive != trainee.dimensions[d].positive
        ),
    )
