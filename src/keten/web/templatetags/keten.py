from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """mapping[key] in a template; empty when absent."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return ""
