"""Code-list labels in the page's language: shelter categories and police units, never raw codes."""

from django import template

from keten.apps.accounts.codelists import regions
from keten.apps.common.codelists import label_for

from .. import codelists

register = template.Library()


@register.filter
def shelter_category(code: str) -> str:
    return label_for(codelists.shelter_categories(), code) if code else ""


@register.filter
def shelter_categories(codes) -> str:
    return ", ".join(shelter_category(c) for c in codes or [])


@register.filter
def police_unit(code: str) -> str:
    return label_for(regions(), code) if code else ""
