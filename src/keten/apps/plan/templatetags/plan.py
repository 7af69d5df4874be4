from decimal import Decimal

from django import template

from keten.apps.common.codelists import label_for
from keten.apps.intake import codelists

register = template.Library()


@register.filter
def peak(values, unit: str) -> str:
    """The top of a chart's scale: 100 for percentages, otherwise the largest value shown."""
    if unit == "percent":
        return "100"
    return str(max((v.value for v in values if not v.held_back), default=Decimal(1)) or 1)


@register.filter
def shown_value(value, places: str = "-2") -> str:
    """An indicator value as every partner may see it: held back, whether small or beside a small one, it
    reads the same, so which is which is not told."""
    from django.template.defaultfilters import floatformat

    from keten.web.templatetags.keten import persons

    return persons(None) if value.held_back else floatformat(value.value, places)


@register.filter
def series_label(code: str) -> str:
    """A series is named by a code (a form of exploitation); show its label."""
    return label_for(codelists.exploitation_forms(), code) or code


@register.filter
def change_summary(change: dict) -> str:
    """One line for a change in the plan's history: 'field: old → new; …' or 'field: value'."""
    parts = []
    for name, value in change.items():
        if isinstance(value, dict) and {"old", "new"} <= value.keys():
            parts.append(f"{name}: {_plain(value['old'])} → {_plain(value['new'])}")
        else:
            parts.append(f"{name}: {_plain(value)}")
    return "; ".join(parts)


def _plain(value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
