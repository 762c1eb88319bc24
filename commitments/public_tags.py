"""Which tags public filters go by: the editors' tags, and pending suggestions only if a setting says so.

A suggestion never counts as an editors' tag: it becomes one when a curator accepts it. With
``PUBLIC_FILTERS_INCLUDE_SUGGESTIONS`` on (off by default) a provision with a pending
suggestion for a dimension or category is also found by a filter on it, in the database's
filters and in the search index alike (rebuild the index after changing the setting).
"""

from collections.abc import Iterable
from typing import Literal

from django.conf import settings
from django.db.models import Q

from commitments.models import Provision, SuggestionStatus, TagSuggestion

TagKind = Literal["dimension", "category"]


def filters_include_suggestions() -> bool:
    return bool(getattr(settings, "PUBLIC_FILTERS_INCLUDE_SUGGESTIONS", False))


def tag_filter(kind: TagKind, slugs: Iterable[str]) -> Q:
    """Provisions carrying any of ``slugs`` (of a dimension or a category) as public filters see them."""
    slugs = list(slugs)
    relation = "dimensions" if kind == "dimension" else "categories"
    condition = Q(**{f"{relation}__slug__in": slugs})
    if filters_include_suggestions():
        condition |= Q(
            pk__in=TagSuggestion.objects.filter(
                status=SuggestionStatus.PENDING, **{f"{kind}__slug__in": slugs}
            ).values("provision_id")
        )
    return condition


def public_slugs(ids: list[int], kind: TagKind) -> dict[int, tuple[str, ...]]:
    """The sorted slugs each of ``ids`` is found by in public filters (see the module docstring)."""
    through, slug = (
        (Provision.dimensions.through, "dimension__slug")
        if kind == "dimension"
        else (Provision.categories.through, "migrationcategory__slug")
    )
    found: dict[int, set[str]] = {}
    for provision_id, value in through.objects.filter(provision_id__in=ids).values_list("provision_id", slug):
        found.setdefault(provision_id, set()).add(value)
    if filters_include_suggestions():
        pending = TagSuggestion.objects.filter(
            provision_id__in=ids, status=SuggestionStatus.PENDING, **{f"{kind}__isnull": False}
        ).values_list("provision_id", f"{kind}__slug")
        for provision_id, value in pending:
            found.setdefault(provision_id, set()).add(value)
    return {provision_id: tuple(sorted(values)) for provision_id, values in found.items()}
