from django import template

from keten.apps.common.codelists import label_for

from .. import codelists

register = template.Library()


@register.filter
def country(code: str) -> str:
    """The country's name in the page's language, for an ISO 3166 code."""
    return label_for(codelists.countries(), code) if code else ""


@register.filter
def countries(codes) -> str:
    return ", ".join(country(c) for c in codes or [])


@register.filter
def languages(codes) -> str:
    return ", ".join(label_for(codelists.languages(), c) for c in codes or [])
