"""Changing the tags of provisions: by hand in bulk, and from the classifier's suggestions.

Tags are added and removed one provision at a time through the many-to-many managers, never
by bulk inserts into the join tables, so that every change lands in the provision's history
(django-simple-history listens to ``m2m_changed``) and reaches the search index through the
same signal as any other edit. Each tag given records who gave it, when and on what basis
(``commitments.tag_decisions``); ``write_curation`` carries these decisions into the files.
"""

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import QuerySet

from commitments.models import Dimension, MigrationCategory, Provision, SuggestionStatus, TagSuggestion
from commitments.tag_decisions import Decider, decide_suggestion, forget_tag, record_tag


@transaction.atomic
def add_tags(
    *,
    provisions: Iterable[Provision],
    dimensions: Sequence[Dimension] = (),
    categories: Sequence[MigrationCategory] = (),
    basis: str,
    user=None,
) -> int:
    """Give every provision these tags, each with ``basis``; return how many provisions changed."""
    decider = Decider.for_user(user)
    changed = 0
    for provision in provisions:
        new = [*(set(dimensions) - set(provision.dimensions.all()))]
        new += [*(set(categories) - set(provision.categories.all()))]
        for tag in new:
            record_tag(provision, tag, basis=basis, decider=decider)
        changed += bool(new)
    return changed


@transaction.atomic
def remove_tags(
    *,
    provisions: Iterable[Provision],
    dimensions: Sequence[Dimension] = (),
    categories: Sequence[MigrationCategory] = (),
    user=None,
) -> int:
    """Take these tags off every provision; return how many provisions changed."""
    decider = Decider.for_user(user)
    changed = 0
    for provision in provisions:
        old = [*(set(dimensions) & set(provision.dimensions.all()))]
        old += [*(set(categories) & set(provision.categories.all()))]
        for tag in old:
            forget_tag(provision, tag, decider=decider)
        changed += bool(old)
    return changed


@transaction.atomic
def accept_suggestions(*, suggestions: Iterable[TagSuggestion], user) -> int:
    """Tag each provision as its pending suggestion says; return how many were accepted."""
    accepted = 0
    for suggestion in _pending(suggestions):
        decide_suggestion(suggestion, accept=True, user=user)
        accepted += 1
    return accepted


@transaction.atomic
def reject_suggestions(*, suggestions: Iterable[TagSuggestion], user) -> int:
    """Record that the pending suggestions are wrong; return how many were rejected."""
    rejected = 0
    for suggestion in _pending(suggestions):
        decide_suggestion(suggestion, accept=False, user=user)
        rejected += 1
    return rejected


def _pending(suggestions: Iterable[TagSuggestion]) -> list[TagSuggestion]:
    if isinstance(suggestions, QuerySet):
        suggestions = suggestions.select_related("provision", "dimension", "category")
    return [s for s in suggestions if s.status == SuggestionStatus.PENDING]
