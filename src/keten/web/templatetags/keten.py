from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """mapping[key] in a template; empty when absent."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return ""


@register.filter
def persons(count):
    """A count of persons as it may be shown across organisations: fewer than 10 is not told exactly.

    ``None`` is a count held back already (by ``disclosure.protect_counts``)."""
    from django.utils.translation import gettext

    from keten.engines.disclosure import THRESHOLD, shown

    if count is not None and shown(int(count)) is not None:
        return count
    return gettext("fewer than %(n)s") % {"n": THRESHOLD}
