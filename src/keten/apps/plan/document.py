"""The plan as a document (schema keten.plan/1): validated before import, produced by export and
frozen versions, compared version with version. Plain data; the database is the services' job."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from keten.apps.common.errors import ValidationFailed

SCHEMA = "keten.plan/1"
STATUSES = ("planned", "decided", "started", "completed", "stopped")
UNIT_RANGES = {"count": (0, None), "percent": (0, 100), "euro": (0, None), "fte": (0, None)}


class _Problems:
    def __init__(self):
        self.fields: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.fields.setdefault(where, []).append(message)


def _bilingual(value: Any, where: str, problems: _Problems, required: bool = True) -> None:
    if not isinstance(value, dict) or not isinstance(value.get("nl"), str) or not isinstance(value.get("en", ""), str):
        problems.add(where, _("Give the text as {nl: …, en: …}."))
    elif required and not value["nl"].strip():
        problems.add(where, _("The Dutch text is empty."))


def validate(doc: Any, organisation_types: frozenset[str] = frozenset(), organisations: frozenset[str] = frozenset(),
             ) -> dict:
    """The document if every part is valid; otherwise ValidationFailed naming every problem.
    ``organisation_types`` and ``organisations`` are the codes and names the partners may refer to."""
    problems = _Problems()
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise ValidationFailed(_("This is not a Keten plan document (schema %(s)s).") % {"s": SCHEMA},
                               fields={"schema": [_("Expected schema: %(s)s") % {"s": SCHEMA}]})
    themes = {t.get("code") for t in doc.get("themes") or [] if isinstance(t, dict)}
    partners = {p.get("code") for p in doc.get("partners") or [] if isinstance(p, dict)}
    for key in ("title", "version_label"):
        if key in doc:
            _bilingual(doc[key], key, problems)
    if not themes:
        problems.add("themes", _("A plan needs its themes."))
    for i, theme in enumerate(doc.get("themes") or []):
        if not isinstance(theme, dict) or not theme.get("code") or not theme.get("nl"):
            problems.add(f"themes[{i}]", _("A theme needs a code and a Dutch name."))
    for i, partner in enumerate(doc.get("partners") or []):
        if not isinstance(partner, dict) or not partner.get("code") or not partner.get("nl"):
            problems.add(f"partners[{i}]", _("A partner needs a code and a Dutch name."))
            continue
        for code in partner.get("organisation_types") or []:
            if code not in organisation_types:
                problems.add(f"partners[{i}].organisation_types", _("Unknown type of organisation '%(t)s'.")
                             % {"t": code})
        for name in partner.get("organisations") or []:
            if name not in organisations:
                problems.add(f"partners[{i}].organisations", _("Unknown organisation '%(o)s': register it in "
                                                               "Keten first, or leave it out.") % {"o": name})
    seen: set[str] = set()
    for i, m in enumerate(doc.get("measures") or []):
        where = f"measures[{i}]"
        if not isinstance(m, dict):
            problems.add(where, _("A measure is a set of fields."))
            continue
        if not m.get("id") or m["id"] in seen:
            problems.add(f"{where}.id", _("Every measure needs its own id."))
        seen.add(m.get("id"))
        if m.get("theme") not in themes:
            problems.add(f"{where}.theme", _("A measure needs one of the plan's themes (got '%(t)s').") % {
                "t": m.get("theme")})
        for code in m.get("themes") or []:
            if code not in themes:
                problems.add(f"{where}.themes", _("Unknown theme '%(t)s'.") % {"t": code})
        if m.get("status") not in STATUSES:
            problems.add(f"{where}.status", _("Status must be one of: %(s)s.") % {"s": ", ".join(STATUSES)})
        _bilingual(m.get("title"), f"{where}.title", problems)
        _bilingual(m.get("description", {"nl": "", "en": ""}), f"{where}.description", problems, required=False)
        for role in ("lead", "partners"):
            for code in m.get(role) or []:
                if code not in partners:
                    problems.add(f"{where}.{role}", _("Unknown organisation '%(p)s': add it to the partners first.")
                                 % {"p": code})
        for j, f in enumerate(m.get("funding") or []):
            _funding(f, f"{where}.funding[{j}]", problems)
        for j, d in enumerate(m.get("dates") or []):
            _bilingual((d or {}).get("label"), f"{where}.dates[{j}].label", problems)
            _iso_date((d or {}).get("date"), f"{where}.dates[{j}].date", problems)
    units = {}
    for i, indicator in enumerate(doc.get("indicators") or []):
        where = f"indicators[{i}]"
        if not isinstance(indicator, dict) or not indicator.get("code") or not indicator.get("nl"):
            problems.add(where, _("An indicator needs a code and a Dutch name."))
            continue
        units[indicator["code"]] = indicator.get("unit")
        if indicator.get("unit") not in UNIT_RANGES:
            problems.add(f"{where}.unit", _("An indicator needs a unit: %(u)s.") % {"u": ", ".join(UNIT_RANGES)})
        if indicator.get("source", "manual") not in ("computed", "manual"):
            problems.add(f"{where}.source", _("An indicator is computed or manual."))
        for mid in indicator.get("measures") or []:
            if mid not in seen:
                problems.add(f"{where}.measures", _("Unknown measure '%(m)s'.") % {"m": mid})
    for i, goal in enumerate(doc.get("goals") or []):
        _goal(goal, f"goals[{i}]", units, themes, seen, problems)
    if problems.fields:
        raise ValidationFailed(_("The plan was not imported: %(n)s problem(s); nothing was changed.") % {
            "n": sum(len(v) for v in problems.fields.values())}, fields=problems.fields)
    return doc


def _goal(goal: Any, where: str, units: dict, themes: set, measures: set, problems: _Problems) -> None:
    if not isinstance(goal, dict):
        problems.add(where, _("A goal is a set of fields."))
        return
    unit = units.get(goal.get("indicator"))
    if unit not in UNIT_RANGES:
        problems.add(f"{where}.indicator", _("A goal needs an indicator of the plan with a unit (got '%(i)s').")
                     % {"i": goal.get("indicator")})
    if goal.get("theme") not in themes and goal.get("measure") not in measures:
        problems.add(where, _("A goal belongs to one of the plan's themes or measures."))
    _bilingual(goal.get("description"), f"{where}.description", problems)
    _iso_date(goal.get("target_date"), f"{where}.target_date", problems)
    try:
        target = Decimal(str(goal.get("target_value")))
        if unit in UNIT_RANGES and not value_in_range(unit, target):
            problems.add(f"{where}.target_value", _("The target is outside the range of the unit."))
    except InvalidOperation:
        problems.add(f"{where}.target_value", _("Give the target as a number."))


def _funding(f: Any, where: str, problems: _Problems) -> None:
    if not isinstance(f, dict):
        problems.add(where, _("Funding is a set of fields."))
        return
    try:
        amount = Decimal(str(f.get("amount_eur")))
        if not value_in_range("euro", amount):
            problems.add(f"{where}.amount_eur", _("Give the amount as a number of euros, not negative."))
    except (InvalidOperation, TypeError):
        problems.add(f"{where}.amount_eur", _("Give the amount in euros as a number."))
    start, end = f.get("from_year"), f.get("to_year")
    if not isinstance(start, int) or not 1990 <= start <= 2100:
        problems.add(f"{where}.from_year", _("Give the first year."))
    elif end is not None and (not isinstance(end, int) or end < start):
        problems.add(f"{where}.to_year", _("The last year comes before the first."))


def funding_problems(f: dict) -> dict[str, list[str]]:
    """What is wrong with one funding line, by field (the same checks as in a document)."""
    problems = _Problems()
    _funding(f, "funding", problems)
    return {where.removeprefix("funding."): messages for where, messages in problems.fields.items()}


def _iso_date(value: Any, where: str, problems: _Problems) -> None:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        problems.add(where, _("Give the date as YYYY-MM-DD."))


# Beyond any count, share, amount or FTE a plan holds, and beyond what the columns store.
LARGEST = Decimal(10) ** 12


def value_in_range(unit: str, value: Decimal) -> bool:
    """Within the unit's range (and a finite, storable number: not Infinity or 1e30)."""
    if not value.is_finite() or abs(value) >= LARGEST:
        return False
    low, high = UNIT_RANGES[unit]
    return value >= low and (high is None or value <= high)


def diff(old: dict, new: dict) -> list[dict]:
    """What changed between two plan documents, measure by measure: added, removed, or which fields
    changed from what to what."""
    changes = []
    before = {m["id"]: m for m in old.get("measures", [])}
    after = {m["id"]: m for m in new.get("measures", [])}
    for mid in sorted(after.keys() - before.keys()):
        changes.append({"measure": mid, "title": after[mid]["title"], "kind": "added"})
    for mid in sorted(before.keys() - after.keys()):
        changes.append({"measure": mid, "title": before[mid]["title"], "kind": "removed"})
    for mid in sorted(before.keys() & after.keys()):
        fields = {}
        for key in sorted(set(before[mid]) | set(after[mid])):
            if before[mid].get(key) != after[mid].get(key):
                fields[key] = {"old": before[mid].get(key), "new": after[mid].get(key)}
        if fields:
            changes.append({"measure": mid, "title": after[mid]["title"], "kind": "changed", "fields": fields})
    return changes
