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

    ``None`` is a cell held back in a table (by ``disclosure.protect_counts``). It may be small or held
    back to protect a small one; every such cell reads the same, so which is which is not told."""
    from django.utils.translation import gettext

    from keten.engines.disclosure import THRESHOLD, shown

    if count is None:
        return gettext("not shown")
    if shown(int(count)) is not None:
        return count
    return gettext("fewer than %(n)s") % {"n": THRESHOLD}
