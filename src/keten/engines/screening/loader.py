"""Reading, validating and indexing the data files; the compiled screens are cached here.

Layout of a data directory::

    frameworks/*.yaml   indicator frameworks (one file per framework version)
    rule_sets/*.yaml    decision rules (one file per rule-set version)
    guidance.yaml       next steps per organisation type
    vignettes.yaml      fictional training cases with expert answers
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import yaml

from . import schema
from .engine import CompiledScreen
from .errors import (DataFileError, RuleSetNotApplicableError, ScreeningError,
                     UnknownFrameworkError, UnknownRuleSetError, UnknownVignetteError)
from .explain import explain
from .guidance import Guidance
from .model import Dimension, Framework, Indicator, Outcome, RuleSet, Text
from .rules import parse_clause
from .training import Vignette

DATA_DIR = Path(__file__).parent / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, faster


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


_UNREADABLE = object()


def _read(path: Path, problems: list[str]) -> Any:
    """The parsed YAML, or ``_UNREADABLE`` after recording why it could not be read."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)
    except yaml.YAMLError as exc:
        problems.append(f"{path.name}: not valid YAML: {exc}")
    except OSError as exc:
        problems.append(f"{path.name}: cannot be read: {exc}")
    return _UNREADABLE


def build_framework(raw: dict) -> Framework:
    sources = raw["sources"]
    return Framework(
        id=raw["id"], version=raw["version"], title=Text(**raw["title"]),
        population=raw["population"], exploitation=tuple(raw["exploitation"]),
        source=raw["source"], reliability=raw["reliability"], verified=raw["verified"],
        strength_basis=raw["strength_basis"], default_rule_set=raw["default_rule_set"],
        dimensions=tuple(Dimension(d["id"], Text(**d["name"]), d["phase"]) for d in raw["dimensions"]),
        indicators=tuple(
            Indicator(id=i["id"], dimension=i["dimension"], strength=i["strength"],
                      text=Text(**i["text"]), source=sources[i["source"]],
                      reliability=i["reliability"], verified=i["verified"], note=i.get("note", ""))
            for i in raw["indicators"]
        ),
        note=raw.get("note", ""),
    )


def build_rule_set(raw: dict) -> RuleSet:
    victim = raw["victim_rule"]
    return RuleSet(
        id=raw["id"], version=raw["version"], title=Text(**raw["title"]),
        authority=raw["authority"], published=raw["published"], source=raw["source"],
        reliability=raw["reliability"], verified=raw["verified"],
        applies_to=tuple(raw["applies_to"]),
        clauses=tuple(parse_clause(c) for c in raw["dimension_rule"]["clauses"]),
        dimension_rule_reliability=raw["dimension_rule"]["reliability"],
        victim_expression=victim["expression"], victim_text=Text(**victim["text"]),
        victim_meaning=Text(**victim["meaning"]), victim_rule_reliability=victim["reliability"],
        note=raw.get("note", ""),
    )


class Registry:
    """Every framework, rule set, guidance and vignette of one data directory, validated."""

    def __init__(self, directory: str | Path | None = None):
        self.directory = Path(directory) if directory else DATA_DIR
        problems: list[str] = []
        self.frameworks: dict[str, dict[str, Framework]] = {}
        self.rule_sets: dict[str, dict[str, RuleSet]] = {}
        self.guidance: Guidance | None = None
        self.vignettes: dict[str, Vignette] = {}
        self._compiled: dict[tuple[str, str | None], CompiledScreen] = {}
        self._files: dict[tuple[int, str], str] = {}
        self._load(problems)
        if problems:
            raise DataFileError(problems)

    # loading -----------------------------------------------------------------------------------
    def _load(self, problems: list[str]) -> None:
        dims_used: dict[str, tuple[str, set[str]]] = {}
        for path in sorted((self.directory / "frameworks").glob("*.yaml")):
            raw = _read(path, problems)
            if raw is _UNREADABLE:
                continue
            found = schema.check_framework(raw, f"frameworks/{path.name}")
            problems.extend(found)
            if not found:
                self._add(self.frameworks, build_framework(raw), path, problems)
        for path in sorted((self.directory / "rule_sets").glob("*.yaml")):
            raw = _read(path, problems)
            if raw is _UNREADABLE:
                continue
            found, dims = schema.check_rule_set(raw, f"rule_sets/{path.name}")
            problems.extend(found)
            if not found:
                rule_set = build_rule_set(raw)
                self._add(self.rule_sets, rule_set, path, problems)
                dims_used[rule_set.key] = (f"rule_sets/{path.name}", dims)
        if not self.frameworks:
            problems.append(f"{self.directory}: no framework files under frameworks/")
        self._check_links(dims_used, problems)
        guidance_path = self.directory / "guidance.yaml"
        if guidance_path.exists():
            raw = _read(guidance_path, problems)
            found = [] if raw is _UNREADABLE else schema.check_guidance(raw, "guidance.yaml")
            problems.extend(found)
            if not found and raw is not _UNREADABLE:
                self.guidance = Guidance(raw)
        vignettes_path = self.directory / "vignettes.yaml"
        if vignettes_path.exists() and not problems:
            raw = _read(vignettes_path, problems)
            found = [] if raw is _UNREADABLE else schema.check_vignettes(raw, "vignettes.yaml")
            problems.extend(found)
            if not found and raw is not _UNREADABLE:
                for item in raw["vignettes"]:
                    self.vignettes[item["id"]] = Vignette.from_raw(item)
                problems.extend(self._check_vignettes())

    def _add(self, index: dict, item: Any, path: Path, problems: list[str]) -> None:
        versions = index.setdefault(item.id, {})
        where = self._files.setdefault((id(index), item.key), path.name)
        if item.version in versions:
            problems.append(f"{path.name}: {item.id} version {item.version} is defined twice "
                            f"(also in {where})")
        versions[item.version] = item

    def _check_links(self, dims_used: dict[str, tuple[str, set[str]]], problems: list[str]) -> None:
        for versions in self.frameworks.values():
            for fw in versions.values():
                if fw.default_rule_set not in self.rule_sets:
                    problems.append(f"framework {fw.key}: default_rule_set {fw.default_rule_set!r} "
                                    "does not exist")
                elif fw.id not in self._latest(self.rule_sets, fw.default_rule_set).applies_to:
                    problems.append(f"framework {fw.key}: default_rule_set {fw.default_rule_set!r} "
                                    "does not list this framework in applies_to")
        for versions in self.rule_sets.values():
            for rs in versions.values():
                where, dims = dims_used[rs.key]
                for fw_id in rs.applies_to:
                    if fw_id not in self.frameworks:
                        problems.append(f"{where}: applies_to names unknown framework {fw_id!r}")
                        continue
                    for fw in self.frameworks[fw_id].values():
                        missing = sorted(dims - set(fw.dimension_by_id))
                        if missing:
                            problems.append(f"{where}: victim_rule uses {', '.join(missing)}, which "
                                            f"framework {fw.key} does not have")

    def _check_vignettes(self) -> list[str]:
        problems = []
        for v in self.vignettes.values():
            where = f"vignettes.yaml: {v.id}"
            if v.framework not in self.frameworks:
                problems.append(f"{where}: unknown framework {v.framework!r}")
                continue
            try:
                outcome = self.screen(v.framework, v.expert_present, v.expert_absent)
            except ScreeningError as exc:
                problems.append(f"{where}: expert answers: {exc}")
                continue
            if outcome.victim != v.expected_victim:
                problems.append(f"{where}: expected victim {v.expected_victim}, the rule gives "
                                f"{outcome.victim}")
            if set(outcome.positive_dimensions) != set(v.expected_positive):
                problems.append(f"{where}: expected positive {sorted(v.expected_positive)}, the rule "
                                f"gives {sorted(outcome.positive_dimensions)}")
            for rs, expected in v.expected_by_rule_set.items():
                try:
                    got = self.screen(v.framework, v.expert_present, v.expert_absent, rule_set=rs).victim
                except ScreeningError as exc:
                    problems.append(f"{where}: by_rule_set {rs}: {exc}")
                    continue
                if got != expected:
                    problems.append(f"{where}: with rule set {rs} expected victim {expected}, "
                                    f"the rule gives {got}")
        return problems

    # look-ups ----------------------------------------------------------------------------------
    @staticmethod
    def _latest(index: dict, ref: str) -> Any:
        ident, _, version = ref.partition("@")
        versions = index[ident]
        if version:
            return versions[version]
        return versions[max(versions, key=_version_key)]

    def framework(self, ref: str) -> Framework:
        """A framework by id (latest version) or ``id@version``."""
        try:
            return self._latest(self.frameworks, ref)
        except KeyError:
            known = sorted(f"{i}@{v}" for i, vs in self.frameworks.items() for v in vs)
            raise UnknownFrameworkError(ref, sorted(self.frameworks) if "@" not in ref else known) from None

    def rule_set(self, ref: str) -> RuleSet:
        try:
            return self._latest(self.rule_sets, ref)
        except KeyError:
            raise UnknownRuleSetError(ref, sorted(self.rule_sets)) from None

    def compiled(self, framework_ref: str, rule_set_ref: str | None = None) -> CompiledScreen:
        key = (framework_ref, rule_set_ref)
        screen = self._compiled.get(key)
        if screen is None:
            framework = self.framework(framework_ref)
            rule_set = self.rule_set(rule_set_ref or framework.default_rule_set)
            if framework.id not in rule_set.applies_to:
                raise RuleSetNotApplicableError(rule_set.key, framework.id)
            screen = CompiledScreen(framework, rule_set,
                                    partial(explain, framework=framework, rule_set=rule_set))
            self._compiled[key] = screen
        return screen

    def screen(self, framework_id: str, present=(), absent=(), unknown=(), *,
               rule_set: str | None = None) -> Outcome:
        return self.compiled(framework_id, rule_set).screen(present, absent, unknown)

    def vignette(self, vignette_id: str) -> Vignette:
        try:
            return self.vignettes[vignette_id]
        except KeyError:
            raise UnknownVignetteError(vignette_id, sorted(self.vignettes)) from None


def validate(directory: str | Path | None = None) -> list[str]:
    """Every problem in a data directory (empty when all files validate)."""
    try:
        Registry(directory)
    except DataFileError as exc:
        return exc.problems
    return []
