"""Template tags of the public pages: keeping the query string's state across links and forms."""

from django import template
from django.http import QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def hidden_params(params: QueryDict, exclude: str = "") -> SafeString:
    """Hidden inputs repeating ``params`` except the space-separated names in ``exclude``,
    so that a form changing one part of a search keeps the rest of it."""
    skip = set(exclude.split())
    return format_html_join(
        "",
        '<input type="hidden" name="{}" value="{}">',
        ((name, value) for name, values in params.lists() if name not in skip for value in values if value),
    )


@register.simple_tag
def with_params(params: QueryDict, **changes) -> str:
    """``?…`` with ``changes`` applied to ``params``: a value replaces, None removes.

    The page number is dropped unless it is one of the changes: a changed search starts again
    at its first page.
    """
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        if value is None or value == "":
            query.pop(name, None)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def pluralize_count(count: int, noun: str) -> str:
    """``1 provision``, ``3 provisions`` (nouns here all take an ``s``)."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


@register.filter
def getlist(params: QueryDict, name: str) -> list[str]:
    """All values of ``name`` in a query string (a template cannot call ``getlist`` itself)."""
    return params.getlist(name) if hasattr(params, "getlist") else []
