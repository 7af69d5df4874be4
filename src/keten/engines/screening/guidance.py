"""Next steps after a screening, per organisation type, from ``data/guidance.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import UnknownOrganisationTypeError
from .model import Outcome, Text


@dataclass(frozen=True)
class OrgType:
    code: str
    name: Text
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    id: str
    when: tuple[str, ...]
    text: Text
    source: str
    reliability: str
    verified: bool
    contact: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text.to_dict(),
            "contact": self.contact,
            "source": self.source,
            "reliability": self.reliability,
            "verified": self.verified,
        }


def _step(raw: dict, sources: dict[str, str]) -> tuple[Step, bool, tuple[str, ...]]:
    step = Step(
        id=raw["id"], when=tuple(raw["when"]), text=Text(**raw["text"]),
        source=sources[raw["source"]], reliability=raw["reliability"], verified=raw["verified"],
        contact=raw.get("contact"),
    )
    return step, bool(raw.get("first", False)), tuple(raw.get("except", ()))


def condition_holds(condition: str, outcome: Outcome, minor: bool | None) -> bool:
    if minor is None:
        minor = {"child": True, "adult": False}.get(outcome.population)
    return {
        "always": True,
        "any_signal": bool(outcome.present),
        "no_signal": not outcome.present,
        "possible_victim": outcome.victim,
        "not_possible_victim": not outcome.victim,
        "minor": minor is True,
        "adult": minor is False,
    }[condition]


class Guidance:
    def __init__(self, raw: dict[str, Any]):
        self.version = raw["version"]
        sources = raw["sources"]
        self.org_types = {
            o["code"]: OrgType(o["code"], Text(**o["name"]), tuple(o.get("aliases", ())))
            for o in raw["org_types"]
        }
        self._alias = {code: code for code in self.org_types}
        for org in self.org_types.values():
            for alias in org.aliases:
                self._alias[alias] = org.code
        self._common = [_step(s, sources) for s in raw.get("common_steps", [])]
        self._specific = {code: [_step(s, sources)[0] for s in steps]
                          for code, steps in (raw.get("steps") or {}).items()}

    def resolve(self, org_type: str) -> str:
        try:
            return self._alias[org_type]
        except KeyError:
            raise UnknownOrganisationTypeError(org_type, sorted(self._alias)) from None

    def next_steps(self, org_type: str, outcome: Outcome, *, minor: bool | None = None) -> list[Step]:
        """Steps whose conditions all hold: the common steps marked ``first``, then the steps of
        this organisation type, then the other common steps (minus those that exclude it)."""
        code = self.resolve(org_type)

        def applies(step: Step) -> bool:
            return all(condition_holds(c, outcome, minor) for c in step.when)

        first = [s for s, is_first, excluded in self._common if is_first and code not in excluded]
        rest = [s for s, is_first, excluded in self._common if not is_first and code not in excluded]
        ordered = first + self._specific.get(code, []) + rest
        return [step for step in ordered if applies(step)]
