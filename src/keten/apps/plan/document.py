"""The plan as a document (schema keten.plan/1): validated before import, produced by export and
frozen versions, compared version with version. Plain data; the database is the services' job, but
the limits of its columns are the document's limits too, so they are read from the models."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.validators import slug_re
from django.utils.translation import gettext as _

from keten.apps.common.errors import ValidationFailed

from .computations import COMPUTATIONS
from .models import (Funding, Goal, Indicator, IndicatorValue, Measure, MeasureDate, Partner, Plan, PlanVersion,
                     Theme)

SCHEMA = "keten.plan/1"
STATUSES = tuple(Measure.Status.values)
SOURCES = tuple(Indicator.Source.values)
# Every unit counts or measures something, so none goes below zero; only a share has a ceiling.
_CEILINGS = {Indicator.Unit.PERCENT: 100}
UNIT_RANGES = {unit: (0, _CEILINGS.get(unit)) for unit in Indicator.Unit.values}
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _longest(model, field: str) -> int | None:
    return model._meta.get_field(field).max_length


def _pair(model, field: str) -> tuple[int | None, int | None]:
    """The longest Dutch and English text of a bilingual field."""
    return _longest(model, f"{field}_nl"), _longest(model, f"{field}_en")


def _places(model, field: str) -> int:
    return model._meta.get_field(field).decimal_places


class _Problems:
    def __init__(self):
        self.fields: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.fields.setdefault(where, []).append(message)


def _text(value: Any, where: str, problems: _Problems, longest: int | None = None) -> bool:
    """A string that fits its column; absent (None) is fine, the caller decides whether it is needed."""
    if value is None:
        return True
    if not isinstance(value, str):
        problems.add(where, _("Give this as text."))
        return False
    if "\x00" in value:  # PostgreSQL refuses it in any text column
        problems.add(where, _("Remove the NUL character from this text."))
        return False
    if longest is not None and len(value) > longest:
        problems.add(where, _("At most %(n)s characters; this has %(len)s. Shorten it.")
                     % {"n": longest, "len": len(value)})
        return False
    return True


def _code(value: Any, where: str, problems: _Problems, longest: int | None) -> bool:
    """An id or code: pages put it in web addresses, so it must be a slug that fits its column."""
    if not isinstance(value, str):
        problems.add(where, _("Give the code as text."))
        return False
    if not slug_re.match(value):
        problems.add(where, _("Use only letters, digits, hyphens and underscores in '%(c)s': the code is part "
                              "of web addresses.") % {"c": value})
        return False
    return _text(value, where, problems, longest)


def _bilingual(value: Any, where: str, problems: _Problems, longest: tuple[int | None, int | None] = (None, None),
               required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, dict) or value.get("nl") is None:
        problems.add(where, _("Give the text as {nl: …, en: …}."))
        return
    for language, limit in zip(("nl", "en"), longest):
        _text(value.get(language), f"{where}.{language}", problems, limit)
    if required and isinstance(value["nl"], str) and not value["nl"].strip():
        problems.add(where, _("The Dutch text is empty."))


def _list(value: Any, where: str, problems: _Problems) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(where, _("Give a list here, e.g. [a, b]."))
        return []
    return value


def _strings(value: Any, where: str, problems: _Problems) -> list[str]:
    """The texts of a list (codes, names); anything else in it is a problem and left out."""
    strings = []
    for k, item in enumerate(_list(value, where, problems)):
        if isinstance(item, str):
            strings.append(item)
        else:
            problems.add(f"{where}[{k}]", _("Give this as text."))
    return strings


def _known(value: Any, known: set[str]) -> bool:
    return isinstance(value, str) and value in known


def as_date(value: Any) -> date | None:
    """A date of the document (ISO text, or a date as YAML reads it); None when absent."""
    return None if value is None else date.fromisoformat(str(value))


def _date(value: Any, where: str, problems: _Problems, required: bool = True) -> date | None:
    if value is None and not required:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.add(where, _("Give the date as YYYY-MM-DD."))
        return None


def validate(doc: Any, organisation_types: frozenset[str] = frozenset(), organisations: frozenset[str] = frozenset(),
             ) -> dict:
    """The document if every part is valid; otherwise ValidationFailed naming every problem.
    ``organisation_types`` and ``organisations`` are the codes and names the partners may refer to."""
    problems = _Problems()
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise ValidationFailed(_("This is not a Keten plan document (schema %(s)s).") % {"s": SCHEMA},
                               fields={"schema": [_("Expected schema: %(s)s") % {"s": SCHEMA}]})
    _text(doc.get("source"), "source", problems, _longest(Plan, "source"))
    if "title" in doc:
        _bilingual(doc["title"], "title", problems, _pair(Plan, "title"))
    if "version_label" in doc:
        _bilingual(doc["version_label"], "version_label", problems, (_longest(PlanVersion, "label"), None))
    themes = _themes(doc, problems)
    partners = _partners(doc, organisation_types, organisations, problems)
    measures = _measures(doc, themes, partners, problems)
    units = _indicators(doc, themes, measures, problems)
    goals: set[tuple] = set()
    for i, goal in enumerate(_list(doc.get("goals"), "goals", problems)):
        _goal(goal, f"goals[{i}]", units, themes, measures, goals, problems)
    if problems.fields:
        raise ValidationFailed(_("The plan was not imported: %(n)s problem(s); nothing was changed.") % {
            "n": sum(len(v) for v in problems.fields.values())}, fields=problems.fields)
    return doc


def _new_code(entry: dict, where: str, seen: set[str], longest: int | None, problems: _Problems) -> None:
    """The entry's code, once in its list. An unusable code is still remembered, so what refers to it
    is not reported as well."""
    code = entry["code"]
    if _code(code, f"{where}.code", problems, longest) and code in seen:
        problems.add(f"{where}.code", _("Another entry has the code '%(c)s' too; give each its own.") % {"c": code})
    if isinstance(code, str):
        seen.add(code)


def _themes(doc: dict, problems: _Problems) -> set[str]:
    themes: set[str] = set()
    for i, theme in enumerate(_list(doc.get("themes"), "themes", problems)):
        where = f"themes[{i}]"
        if not isinstance(theme, dict) or not theme.get("code") or not theme.get("nl"):
            problems.add(where, _("A theme needs a code and a Dutch name."))
            continue
        _new_code(theme, where, themes, _longest(Theme, "code"), problems)
        _bilingual(theme, where, problems, _pair(Theme, "name"))
    if not themes:
        problems.add("themes", _("A plan needs its themes."))
    return themes


def _partners(doc: dict, organisation_types: frozenset[str], organisations: frozenset[str],
              problems: _Problems) -> set[str]:
    partners: set[str] = set()
    for i, partner in enumerate(_list(doc.get("partners"), "partners", problems)):
        where = f"partners[{i}]"
        if not isinstance(partner, dict) or not partner.get("code") or not partner.get("nl"):
            problems.add(where, _("A partner needs a code and a Dutch name."))
            continue
        _new_code(partner, where, partners, _longest(Partner, "code"), problems)
        _bilingual(partner, where, problems, _pair(Partner, "name"))
        for code in _strings(partner.get("organisation_types"), f"{where}.organisation_types", problems):
            if code not in organisation_types:
                problems.add(f"{where}.organisation_types", _("Unknown type of organisation '%(t)s'.")
                             % {"t": code})
        for name in _strings(partner.get("organisations"), f"{where}.organisations", problems):
            if name not in organisations:
                problems.add(f"{where}.organisations", _("Unknown organisation '%(o)s': register it in "
                                                         "Keten first, or leave it out.") % {"o": name})
    return partners


def _measures(doc: dict, themes: set[str], partners: set[str], problems: _Problems) -> set[str]:
    ids: set[str] = set()
    measures = _list(doc.get("measures"), "measures", problems)
    for i, m in enumerate(measures):
        where = f"measures[{i}]"
        if not isinstance(m, dict):
            problems.add(where, _("A measure is a set of fields."))
            continue
        mid = m.get("id")
        if mid in (None, "") or (isinstance(mid, str) and mid in ids):
            problems.add(f"{where}.id", _("Every measure needs its own id."))
        else:
            _code(mid, f"{where}.id", problems, _longest(Measure, "slug"))
        if isinstance(mid, str):
            ids.add(mid)
        if not _known(m.get("theme"), themes):
            problems.add(f"{where}.theme", _("A measure needs one of the plan's themes (got '%(t)s').") % {
                "t": m.get("theme")})
        for code in _strings(m.get("themes"), f"{where}.themes", problems):
            if code not in themes:
                problems.add(f"{where}.themes", _("Unknown theme '%(t)s'.") % {"t": code})
        if m.get("status") not in STATUSES:
            problems.add(f"{where}.status", _("Status must be one of: %(s)s.") % {"s": ", ".join(STATUSES)})
        _bilingual(m.get("title"), f"{where}.title", problems, _pair(Measure, "title"))
        _bilingual(m.get("description"), f"{where}.description", problems, _pair(Measure, "description"),
                   required=False)
        for role in ("lead", "partners"):
            for code in _strings(m.get(role), f"{where}.{role}", problems):
                if code not in partners:
                    problems.add(f"{where}.{role}", _("Unknown organisation '%(p)s': add it to the partners first.")
                                 % {"p": code})
        for j, f in enumerate(_list(m.get("funding"), f"{where}.funding", problems)):
            _funding(f, f"{where}.funding[{j}]", problems)
        for j, d in enumerate(_list(m.get("dates"), f"{where}.dates", problems)):
            if not isinstance(d, dict):
                problems.add(f"{where}.dates[{j}]", _("A date is a set of fields: label and date."))
                continue
            _bilingual(d.get("label"), f"{where}.dates[{j}].label", problems, _pair(MeasureDate, "label"))
            _date(d.get("date"), f"{where}.dates[{j}].date", problems)
        _text(m.get("passage"), f"{where}.passage", problems, _longest(Measure, "passage"))
        _text(m.get("source_document"), f"{where}.source_document", problems, _longest(Measure, "source_document"))
        start = _date(m.get("start_on"), f"{where}.start_on", problems, required=False)
        end = _date(m.get("end_on"), f"{where}.end_on", problems, required=False)
        if start and end and end < start:
            problems.add(f"{where}.end_on", _("The end comes before the start."))
    for i, m in enumerate(measures):  # related measures may come later in the list
        if isinstance(m, dict):
            for mid in _strings(m.get("related"), f"measures[{i}].related", problems):
                if mid == m.get("id"):
                    problems.add(f"measures[{i}].related", _("A measure cannot be related to itself."))
                elif mid not in ids:
                    problems.add(f"measures[{i}].related", _("Unknown measure '%(m)s'.") % {"m": mid})
    return ids


def _indicators(doc: dict, themes: set[str], measures: set[str], problems: _Problems) -> dict[str, Any]:
    """Checks the indicators; gives each code's unit, for the goals."""
    units: dict[str, Any] = {}
    codes: set[str] = set()
    for i, indicator in enumerate(_list(doc.get("indicators"), "indicators", problems)):
        where = f"indicators[{i}]"
        if not isinstance(indicator, dict) or not indicator.get("code") or not indicator.get("nl"):
            problems.add(where, _("An indicator needs a code and a Dutch name."))
            continue
        _new_code(indicator, where, codes, _longest(Indicator, "code"), problems)
        unit = indicator.get("unit")
        if isinstance(indicator["code"], str):
            units[indicator["code"]] = unit
        _bilingual(indicator, where, problems, _pair(Indicator, "name"))
        if not _known(unit, set(UNIT_RANGES)):
            problems.add(f"{where}.unit", _("An indicator needs a unit: %(u)s.") % {"u": ", ".join(UNIT_RANGES)})
        source = indicator.get("source", "manual")
        if not _known(source, set(SOURCES)):
            problems.add(f"{where}.source", _("An indicator is computed or manual."))
        if _text(indicator.get("computation"), f"{where}.computation", problems, _longest(Indicator, "computation")) \
                and source == "computed" and not _known(indicator.get("computation"), set(COMPUTATIONS)):
            # else it would never get a value, and nobody would be told why
            problems.add(f"{where}.computation", _("A computed indicator names one of Keten's computations: "
                                                   "%(c)s.") % {"c": ", ".join(sorted(COMPUTATIONS))})
        _bilingual(indicator.get("definition"), f"{where}.definition", problems, _pair(Indicator, "definition"),
                   required=False)
        for code in _strings(indicator.get("themes"), f"{where}.themes", problems):
            if code not in themes:
                problems.add(f"{where}.themes", _("Unknown theme '%(t)s'.") % {"t": code})
        for mid in _strings(indicator.get("measures"), f"{where}.measures", problems):
            if mid not in measures:
                problems.add(f"{where}.measures", _("Unknown measure '%(m)s'.") % {"m": mid})
    return units


def _goal(goal: Any, where: str, units: dict, themes: set, measures: set, seen: set[tuple],
          problems: _Problems) -> None:
    if not isinstance(goal, dict):
        problems.add(where, _("A goal is a set of fields."))
        return
    indicator = goal.get("indicator")
    unit = units.get(indicator) if isinstance(indicator, str) else None
    if not _known(unit, set(UNIT_RANGES)):
        problems.add(f"{where}.indicator", _("A goal needs an indicator of the plan with a unit (got '%(i)s').")
                     % {"i": indicator})
    theme, measure = goal.get("theme"), goal.get("measure")
    if theme is None and measure is None:
        problems.add(where, _("A goal belongs to one of the plan's themes or measures."))
    if theme is not None and not _known(theme, themes):
        problems.add(f"{where}.theme", _("Unknown theme '%(t)s'.") % {"t": theme})
    if measure is not None and not _known(measure, measures):
        problems.add(f"{where}.measure", _("Unknown measure '%(m)s'.") % {"m": measure})
    _bilingual(goal.get("description"), f"{where}.description", problems, _pair(Goal, "description"))
    _text(goal.get("series"), f"{where}.series", problems, _longest(Goal, "series"))
    # The import finds a goal by these four; two alike would leave only the last.
    key = tuple(str(goal.get(k) or "") for k in ("indicator", "series", "theme", "measure"))
    if key in seen:
        problems.add(where, _("Another goal has the same indicator, series, theme and measure; keep one, or tell "
                              "them apart by their series."))
    seen.add(key)
    _date(goal.get("target_date"), f"{where}.target_date", problems)
    target = _number(goal.get("target_value"), f"{where}.target_value", _places(Goal, "target_value"), problems)
    if target is None:
        problems.add(f"{where}.target_value", _("Give the target as a number."))
    elif _known(unit, set(UNIT_RANGES)) and not value_in_range(unit, target):
        problems.add(f"{where}.target_value", _("The target is outside the range of the unit."))


def _number(value: Any, where: str, places: int, problems: _Problems) -> Decimal | None:
    """A number as the column stores it; None when it is not a number (the caller says what to give).
    More decimals than the column keeps would be rounded away unseen, so they are a problem."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if number.is_finite() and number.as_tuple().exponent < -places:
        problems.add(where, _("Give at most %(n)s decimals.") % {"n": places})
    return number


def _funding(f: Any, where: str, problems: _Problems) -> None:
    if not isinstance(f, dict):
        problems.add(where, _("Funding is a set of fields."))
        return
    amount = _number(f.get("amount_eur"), f"{where}.amount_eur", _places(Funding, "amount_eur"), problems)
    if amount is None:
        problems.add(f"{where}.amount_eur", _("Give the amount in euros as a number."))
    elif not value_in_range("euro", amount):
        problems.add(f"{where}.amount_eur", _("Give the amount as a number of euros, not negative."))
    start, end = f.get("from_year"), f.get("to_year")
    if not _year(start):
        problems.add(f"{where}.from_year", _("Give the first year."))
    elif end is not None and not _year(end):
        problems.add(f"{where}.to_year", _("Give the last year between %(first)s and %(last)s, or none for money "
                                           "without an end.") % {"first": FIRST_YEAR, "last": LAST_YEAR})
    elif end is not None and end < start:
        problems.add(f"{where}.to_year", _("The last year comes before the first."))
    if f.get("structural") is not None and not isinstance(f["structural"], bool):
        problems.add(f"{where}.structural", _("Give true or false."))
    _text(f.get("note"), f"{where}.note", problems, _longest(Funding, "note"))


def _year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and FIRST_YEAR <= value <= LAST_YEAR


def funding_problems(f: dict) -> dict[str, list[str]]:
    """What is wrong with one funding line, by field (the same checks as in a document)."""
    problems = _Problems()
    _funding(f, "funding", problems)
    return {where.removeprefix("funding."): messages for where, messages in problems.fields.items()}


# Beyond any count, share, amount or FTE a plan holds, and beyond what the columns store.
LARGEST = Decimal(10) ** 12


def indicator_value_problems(value: Any, source: Any, series: Any) -> dict[str, list[str]]:
    """What the columns of a value entered by hand cannot hold, by field: more decimals than they
    keep (rounded away unseen), texts longer than they take (cut off unseen)."""
    problems = _Problems()
    _number(value, "value", _places(IndicatorValue, "value"), problems)
    _text(source, "source", problems, _longest(IndicatorValue, "source"))
    _text(series, "series", problems, _longest(IndicatorValue, "series"))
    return problems.fields


def value_in_range(unit: str, value: Decimal) -> bool:
    """Within the unit's range (and a finite, storable number: not Infinity or 1e30)."""
    if not value.is_finite() or abs(value) >= LARGEST:
        return False
    low, high = UNIT_RANGES[unit]
    return value >= low and (high is None or value <= high)


def _goal_key(goal: dict) -> str:
    # as the import finds a goal: by indicator, series, theme and measure
    return " · ".join(str(goal.get(k)) for k in ("indicator", "series", "theme", "measure") if goal.get(k))


# Each part of a plan document, how an entry is known across versions, and its name.
SECTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("themes", lambda e: e["code"], lambda e: {"nl": e.get("nl"), "en": e.get("en")}),
    ("partners", lambda e: e["code"], lambda e: {"nl": e.get("nl"), "en": e.get("en")}),
    ("measures", lambda e: e["id"], lambda e: e["title"]),
    ("indicators", lambda e: e["code"], lambda e: {"nl": e.get("nl"), "en": e.get("en")}),
    ("goals", _goal_key, lambda e: e.get("description") or {"nl": _goal_key(e), "en": _goal_key(e)}),
)


def diff(old: dict, new: dict) -> list[dict]:
    """What changed between two plan documents, entry by entry in each part (themes, partners,
    measures, indicators, goals): added, removed, or which fields changed from what to what."""
    changes = []
    for section, key_of, title_of in SECTIONS:
        before = {key_of(e): e for e in old.get(section, [])}
        after = {key_of(e): e for e in new.get(section, [])}
        for key in sorted(after.keys() - before.keys()):
            changes.append({"section": section, "key": key, "title": title_of(after[key]), "kind": "added"})
        for key in sorted(before.keys() - after.keys()):
            changes.append({"section": section, "key": key, "title": title_of(before[key]), "kind": "removed"})
        for key in sorted(before.keys() & after.keys()):
            # A field only one side holds (a version frozen before the format carried it) is left
            # out: its old value is unknown, and showing it as empty would claim a change that may not be one.
            fields = {f: {"old": before[key][f], "new": after[key][f]}
                      for f in sorted(before[key].keys() & after[key].keys()) if before[key][f] != after[key][f]}
            if fields:
                changes.append({"section": section, "key": key, "title": title_of(after[key]), "kind": "changed",
                                "fields": fields})
    return changes
