"""Validation of the screening data files, with messages that name the file, the place and the fix.

Each ``check_*`` function takes the parsed YAML of one file and returns a list of problems (empty
when the file is valid). Cross-file checks (a rule set naming a framework, a vignette naming an
indicator) live in :mod:`keten.engines.screening.loader`.
"""

from __future__ import annotations

import re
from typing import Any

from .model import LANGUAGES, RELIABILITY, STRENGTHS

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
VERSION_RE = re.compile(r"^\d+(\.\d+)*$")
POPULATIONS = ("adult", "child", "any")
FORMS = ("labour", "sexual", "criminal", "forced_services")
PHASES = ("recruitment", "destination", "theme")
AUTHORITIES = ("ilo", "keten")
CONDITIONS = ("always", "any_signal", "no_signal", "possible_victim", "not_possible_victim",
              "minor", "adult")
EXPRESSION_KEYS = ("all_of", "any_of", "count", "positive")


class Checker:
    """Collects problems under a path such as ``indicators[3] (DR04).strength``."""

    def __init__(self, where: str):
        self.where = where
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{self.where}: {path}: {message}" if path else f"{self.where}: {message}")

    def mapping(self, value: Any, path: str) -> bool:
        if not isinstance(value, dict):
            self.add(path, f"must be a mapping, got {type(value).__name__}")
            return False
        return True

    def keys(self, value: dict, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
        for key in required:
            if key not in value:
                self.add(path, f"missing key {key!r}")
        for key in value:
            if key not in required and key not in optional:
                self.add(path, f"unexpected key {key!r} (allowed: {', '.join(required + optional)})")

    def string(self, value: Any, path: str, pattern: re.Pattern | None = None, what: str = "") -> bool:
        if not isinstance(value, str) or not value.strip():
            self.add(path, "must be a non-empty string")
            return False
        if pattern and not pattern.match(value):
            self.add(path, f"{value!r} is not a valid {what or 'value'} (pattern {pattern.pattern})")
            return False
        return True

    def version(self, value: Any, path: str = "version") -> None:
        if not isinstance(value, str):
            self.add(path, f"must be a quoted string such as '1.0.0', got {value!r} "
                           "(YAML reads an unquoted 1.0 as a number)")
        else:
            self.string(value, path, VERSION_RE, "version")

    def choice(self, value: Any, path: str, choices: tuple[str, ...]) -> bool:
        if value not in choices:
            self.add(path, f"{value!r} is not one of {', '.join(choices)}")
            return False
        return True

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            self.add(path, f"must be true or false, got {value!r}")
            return False
        return True

    def text(self, value: Any, path: str) -> None:
        if self.mapping(value, path):
            self.keys(value, path, LANGUAGES)
            for lang in LANGUAGES:
                if lang in value:
                    self.string(value[lang], f"{path}.{lang}")

    def string_list(self, value: Any, path: str, pattern: re.Pattern | None = None) -> list[str]:
        if not isinstance(value, list):
            self.add(path, "must be a list")
            return []
        for i, item in enumerate(value):
            self.string(item, f"{path}[{i}]", pattern)
        if len(set(map(str, value))) != len(value):
            self.add(path, "has duplicates")
        return [item for item in value if isinstance(item, str)]

    def reliability(self, item: dict, path: str, *, verified_key: bool = True) -> None:
        """Reliability tags as in domain.md §0; a reconstructed item [R] is never ``verified``."""
        if "reliability" not in item:
            return
        if not self.choice(item["reliability"], f"{path}.reliability", RELIABILITY):
            return
        if verified_key and "verified" in item and self.boolean(item["verified"], f"{path}.verified"):
            reconstructed = item["reliability"] == "R"
            if reconstructed and item["verified"]:
                self.add(path, "reliability R (reconstructed) must have verified: false")
            if not reconstructed and not item["verified"]:
                self.add(path, f"reliability {item['reliability']} must have verified: true "
                               "(only reconstructed items [R] are unverified)")


def _label(item: Any, i: int) -> str:
    return f"[{i}] ({item.get('id') or item.get('code')})" if isinstance(item, dict) else f"[{i}]"


def check_framework(raw: Any, where: str) -> list[str]:
    c = Checker(where)
    if not c.mapping(raw, ""):
        return c.problems
    c.keys(raw, "", ("schema", "id", "version", "title", "population", "exploitation", "source",
                     "sources", "reliability", "verified", "strength_basis", "default_rule_set",
                     "dimensions", "indicators"), ("note",))
    if raw.get("schema") != "keten.screening.framework/1":
        c.add("schema", "must be 'keten.screening.framework/1'")
    c.string(raw.get("id"), "id", ID_RE, "framework id")
    c.version(raw.get("version"))
    c.text(raw.get("title"), "title")
    c.choice(raw.get("population"), "population", POPULATIONS)
    for i, form in enumerate(c.string_list(raw.get("exploitation"), "exploitation")):
        c.choice(form, f"exploitation[{i}]", FORMS)
    c.string(raw.get("source"), "source")
    c.choice(raw.get("strength_basis"), "strength_basis", ("published", "keten"))
    c.string(raw.get("default_rule_set"), "default_rule_set", ID_RE, "rule set id")
    c.reliability(raw, "")
    sources = raw.get("sources")
    if c.mapping(sources, "sources"):
        for key, citation in sources.items():
            c.string(citation, f"sources.{key}")

    dimension_ids: list[str] = []
    dimensions = raw.get("dimensions")
    if not isinstance(dimensions, list) or not dimensions:
        c.add("dimensions", "must be a non-empty list")
        dimensions = []
    for i, dim in enumerate(dimensions):
        path = f"dimensions{_label(dim, i)}"
        if c.mapping(dim, path):
            c.keys(dim, path, ("id", "phase", "name"))
            if c.string(dim.get("id"), f"{path}.id", CODE_RE, "dimension code"):
                dimension_ids.append(dim["id"])
            c.choice(dim.get("phase"), f"{path}.phase", PHASES)
            c.text(dim.get("name"), f"{path}.name")
    if len(set(dimension_ids)) != len(dimension_ids):
        c.add("dimensions", "dimension ids are not unique")

    indicators = raw.get("indicators")
    if not isinstance(indicators, list) or not indicators:
        c.add("indicators", "must be a non-empty list")
        indicators = []
    seen: set[str] = set()
    used: set[str] = set()
    unverified = False
    for i, ind in enumerate(indicators):
        path = f"indicators{_label(ind, i)}"
        if not c.mapping(ind, path):
            continue
        c.keys(ind, path, ("id", "dimension", "strength", "text", "source", "reliability", "verified"),
               ("note",))
        if c.string(ind.get("id"), f"{path}.id", CODE_RE, "indicator id"):
            if ind["id"] in seen:
                c.add(f"{path}.id", f"duplicate indicator id {ind['id']!r}")
            seen.add(ind["id"])
        if ind.get("dimension") not in dimension_ids:
            c.add(f"{path}.dimension", f"{ind.get('dimension')!r} is not a dimension of this framework "
                                       f"({', '.join(dimension_ids)})")
        else:
            used.add(ind["dimension"])
        c.choice(ind.get("strength"), f"{path}.strength", STRENGTHS)
        c.text(ind.get("text"), f"{path}.text")
        if isinstance(sources, dict) and ind.get("source") not in sources:
            c.add(f"{path}.source", f"{ind.get('source')!r} is not a key of 'sources'")
        if "reliability" not in ind or "verified" not in ind:
            c.add(path, "every indicator needs its own 'reliability' and 'verified'")
        c.reliability(ind, path)
        unverified = unverified or ind.get("verified") is False
    for dim_id in dimension_ids:
        if dim_id not in used:
            c.add("dimensions", f"dimension {dim_id!r} has no indicators")
    if unverified and raw.get("verified") is True and raw.get("reliability") != "R":
        c.add("verified", "a framework with unverified indicators must itself be verified: false "
                          "(and reliability R)")
    return c.problems


def check_expression(expr: Any, c: Checker, path: str, dims: set[str]) -> None:
    """An expression is a dimension code, or a mapping with exactly one of all_of, any_of,
    count, positive. ``dims`` collects every dimension code referred to."""
    if isinstance(expr, str):
        if c.string(expr, path, CODE_RE, "dimension code"):
            dims.add(expr)
        return
    if not isinstance(expr, dict) or len(expr) != 1:
        c.add(path, f"must be a dimension code or a mapping with one of {', '.join(EXPRESSION_KEYS)}")
        return
    (key, value), = expr.items()
    if key in ("all_of", "any_of"):
        if not isinstance(value, list) or not value:
            c.add(f"{path}.{key}", "must be a non-empty list")
            return
        for i, sub in enumerate(value):
            check_expression(sub, c, f"{path}.{key}[{i}]", dims)
    elif key in ("count", "positive"):
        if not c.mapping(value, f"{path}.{key}"):
            return
        optional = ("dimensions", "strengths") if key == "count" else ("dimensions",)
        c.keys(value, f"{path}.{key}", ("min",), optional)
        if not isinstance(value.get("min"), int) or isinstance(value.get("min"), bool) or value["min"] < 1:
            c.add(f"{path}.{key}.min", "must be a whole number of at least 1")
        if "dimensions" in value:
            for d in c.string_list(value["dimensions"], f"{path}.{key}.dimensions", CODE_RE):
                dims.add(d)
        if "strengths" in value:
            for i, s in enumerate(c.string_list(value["strengths"], f"{path}.{key}.strengths")):
                c.choice(s, f"{path}.{key}.strengths[{i}]", STRENGTHS)
    else:
        c.add(path, f"unknown operator {key!r} (allowed: {', '.join(EXPRESSION_KEYS)})")


def check_rule_set(raw: Any, where: str) -> tuple[list[str], set[str]]:
    """Problems, and the dimension codes the victim rule refers to (for the cross-file check)."""
    c = Checker(where)
    dims: set[str] = set()
    if not c.mapping(raw, ""):
        return c.problems, dims
    c.keys(raw, "", ("schema", "id", "version", "title", "authority", "published", "source",
                     "reliability", "verified", "applies_to", "dimension_rule", "victim_rule"),
           ("note", "changes"))
    if raw.get("schema") != "keten.screening.rule_set/1":
        c.add("schema", "must be 'keten.screening.rule_set/1'")
    c.string(raw.get("id"), "id", ID_RE, "rule set id")
    c.version(raw.get("version"))
    c.text(raw.get("title"), "title")
    c.choice(raw.get("authority"), "authority", AUTHORITIES)
    if c.boolean(raw.get("published"), "published") and raw.get("authority") == "keten" and raw["published"]:
        c.add("published", "a rule set of Keten's own (authority: keten) is not a published rule: "
                           "published must be false")
    c.string(raw.get("source"), "source")
    c.reliability(raw, "")
    if not c.string_list(raw.get("applies_to"), "applies_to", ID_RE):
        c.add("applies_to", "must name at least one framework")

    rule = raw.get("dimension_rule")
    if c.mapping(rule, "dimension_rule"):
        c.keys(rule, "dimension_rule", ("reliability", "clauses"), ("source",))
        c.choice(rule.get("reliability"), "dimension_rule.reliability", RELIABILITY)
        clauses = rule.get("clauses")
        if not isinstance(clauses, list) or not clauses:
            c.add("dimension_rule.clauses", "must be a non-empty list")
            clauses = []
        clause_ids = []
        for i, clause in enumerate(clauses):
            path = f"dimension_rule.clauses{_label(clause, i)}"
            if not c.mapping(clause, path):
                continue
            c.keys(clause, path, ("id", "min", "text"))
            c.string(clause.get("id"), f"{path}.id")
            clause_ids.append(clause.get("id"))
            c.text(clause.get("text"), f"{path}.text")
            minimums = clause.get("min")
            if c.mapping(minimums, f"{path}.min"):
                if not minimums:
                    c.add(f"{path}.min", "must name at least one strength group")
                for group, least in minimums.items():
                    parts = str(group).split("+")
                    if any(p not in STRENGTHS for p in parts) or len(set(parts)) != len(parts):
                        c.add(f"{path}.min", f"{group!r} is not a strength group (strengths joined "
                                             f"by '+', from {', '.join(STRENGTHS)})")
                    if not isinstance(least, int) or isinstance(least, bool) or least < 1:
                        c.add(f"{path}.min.{group}", "must be a whole number of at least 1")
        if len(set(map(str, clause_ids))) != len(clause_ids):
            c.add("dimension_rule.clauses", "clause ids are not unique")

    victim = raw.get("victim_rule")
    if c.mapping(victim, "victim_rule"):
        c.keys(victim, "victim_rule", ("reliability", "expression", "text", "meaning"), ("source",))
        c.choice(victim.get("reliability"), "victim_rule.reliability", RELIABILITY)
        c.text(victim.get("text"), "victim_rule.text")
        c.text(victim.get("meaning"), "victim_rule.meaning")
        check_expression(victim.get("expression"), c, "victim_rule.expression", dims)

    parts = [raw.get("reliability"), (rule or {}).get("reliability") if isinstance(rule, dict) else None,
             (victim or {}).get("reliability") if isinstance(victim, dict) else None]
    if "R" in parts and raw.get("verified") is not False:
        c.add("verified", "a rule set with a reconstructed part (reliability R) must be verified: false")
    return c.problems, dims


def _check_step(step: Any, c: Checker, path: str, sources: dict, org_codes: list[str]) -> None:
    if not c.mapping(step, path):
        return
    c.keys(step, path, ("id", "when", "text", "source", "reliability", "verified"),
           ("contact", "except", "first"))
    c.string(step.get("id"), f"{path}.id", ID_RE, "step id")
    for i, cond in enumerate(c.string_list(step.get("when"), f"{path}.when")):
        c.choice(cond, f"{path}.when[{i}]", CONDITIONS)
    c.text(step.get("text"), f"{path}.text")
    if step.get("source") not in sources:
        c.add(f"{path}.source", f"{step.get('source')!r} is not a key of 'sources'")
    c.reliability(step, path)
    if "first" in step:
        c.boolean(step["first"], f"{path}.first")
    if "contact" in step:
        c.string(step["contact"], f"{path}.contact")
    for i, code in enumerate(c.string_list(step.get("except", []), f"{path}.except")):
        c.choice(code, f"{path}.except[{i}]", tuple(org_codes))


def check_guidance(raw: Any, where: str) -> list[str]:
    c = Checker(where)
    if not c.mapping(raw, ""):
        return c.problems
    c.keys(raw, "", ("schema", "version", "sources", "org_types", "common_steps", "steps"), ("note",))
    if raw.get("schema") != "keten.screening.guidance/1":
        c.add("schema", "must be 'keten.screening.guidance/1'")
    c.version(raw.get("version"))
    sources = raw.get("sources") if isinstance(raw.get("sources"), dict) else {}
    if not sources:
        c.add("sources", "must be a non-empty mapping")
    codes: list[str] = []
    for i, org in enumerate(raw.get("org_types") or []):
        path = f"org_types{_label(org, i)}"
        if c.mapping(org, path):
            c.keys(org, path, ("code", "name"), ("aliases",))
            if c.string(org.get("code"), f"{path}.code", ID_RE, "organisation type code"):
                codes.append(org["code"])
            c.text(org.get("name"), f"{path}.name")
            c.string_list(org.get("aliases", []), f"{path}.aliases", ID_RE)
    if not codes:
        c.add("org_types", "must list organisation types")
    if "other" not in codes:
        c.add("org_types", "must include 'other'")
    step_ids: list[str] = []
    for i, step in enumerate(raw.get("common_steps") or []):
        _check_step(step, c, f"common_steps{_label(step, i)}", sources, codes)
        step_ids.append(step.get("id") if isinstance(step, dict) else None)
    steps = raw.get("steps")
    if c.mapping(steps, "steps"):
        for code, org_steps in steps.items():
            if code not in codes:
                c.add(f"steps.{code}", "is not a code in org_types")
            if not isinstance(org_steps, list):
                c.add(f"steps.{code}", "must be a list")
                continue
            for i, step in enumerate(org_steps):
                _check_step(step, c, f"steps.{code}{_label(step, i)}", sources, codes)
                step_ids.append(step.get("id") if isinstance(step, dict) else None)
    if len(set(map(str, step_ids))) != len(step_ids):
        c.add("steps", "step ids are not unique across common_steps and steps")
    return c.problems


def check_vignettes(raw: Any, where: str) -> list[str]:
    c = Checker(where)
    if not c.mapping(raw, ""):
        return c.problems
    c.keys(raw, "", ("schema", "version", "vignettes"), ("note",))
    if raw.get("schema") != "keten.screening.vignettes/1":
        c.add("schema", "must be 'keten.screening.vignettes/1'")
    ids: list[str] = []
    for i, v in enumerate(raw.get("vignettes") or []):
        path = f"vignettes{_label(v, i)}"
        if not c.mapping(v, path):
            continue
        c.keys(v, path, ("id", "title", "framework", "person", "form", "story", "expert", "expected",
                         "teaching", "fictional"))
        if c.string(v.get("id"), f"{path}.id", ID_RE, "vignette id"):
            ids.append(v["id"])
        c.text(v.get("title"), f"{path}.title")
        c.string(v.get("framework"), f"{path}.framework", ID_RE, "framework id")
        c.text(v.get("story"), f"{path}.story")
        c.text(v.get("teaching"), f"{path}.teaching")
        c.choice(v.get("form"), f"{path}.form", FORMS)
        if v.get("fictional") is not True:
            c.add(f"{path}.fictional", "vignettes are fictional: must be true")
        person = v.get("person")
        if c.mapping(person, f"{path}.person"):
            c.keys(person, f"{path}.person", ("age", "sex"))
            if not isinstance(person.get("age"), int) or not 0 < person["age"] < 100:
                c.add(f"{path}.person.age", "must be an age in years")
            c.choice(person.get("sex"), f"{path}.person.sex", ("female", "male", "other"))
        expert = v.get("expert")
        if c.mapping(expert, f"{path}.expert"):
            c.keys(expert, f"{path}.expert", ("present", "absent"))
            c.string_list(expert.get("present"), f"{path}.expert.present", CODE_RE)
            c.string_list(expert.get("absent"), f"{path}.expert.absent", CODE_RE)
        expected = v.get("expected")
        if c.mapping(expected, f"{path}.expected"):
            c.keys(expected, f"{path}.expected", ("victim", "positive"), ("by_rule_set",))
            c.boolean(expected.get("victim"), f"{path}.expected.victim")
            c.string_list(expected.get("positive"), f"{path}.expected.positive", CODE_RE)
            by_rule_set = expected.get("by_rule_set", {})
            if c.mapping(by_rule_set, f"{path}.expected.by_rule_set"):
                for rs, value in by_rule_set.items():
                    c.boolean(value, f"{path}.expected.by_rule_set.{rs}")
    if len(set(ids)) != len(ids):
        c.add("vignettes", "vignette ids are not unique")
    return c.problems
