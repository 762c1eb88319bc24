"""Changing the tags of provisions: by hand in bulk, and from the classifier's suggestions.

Tags are added and removed one provision at a time through the many-to-many managers, never
by bulk inserts into the join tables, so that every change lands in the provision's history
(django-simple-history listens to ``m2m_changed``) and reaches the search index through the
same signal as any other edit.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from commitments.classifier import RuleClassifier
from commitments.models import Dimension, MigrationCategory, Provision, SuggestionStatus, TagSuggestion


@transaction.atomic
def add_tags(
    *,
    provisions: Iterable[Provision],
    dimensions: Sequence[Dimension] = (),
    categories: Sequence[MigrationCategory] = (),
) -> int:
    """Give every provision these tags; return how many provisions changed."""
    changed = 0
    for provision in provisions:
        new_dimensions = set(dimensions) - set(provision.dimensions.all())
        new_categories = set(categories) - set(provision.categories.all())
        if new_dimensions:
            provision.dimensions.add(*new_dimensions)
        if new_categories:
            provision.categories.add(*new_categories)
        changed += bool(new_dimensions or new_categories)
    return changed


@transaction.atomic
def remove_tags(
    *,
    provisions: Iterable[Provision],
    dimensions: Sequence[Dimension] = (),
    categories: Sequence[MigrationCategory] = (),
) -> int:
    """Take these tags off every provision; return how many provisions changed."""
    changed = 0
    for provision in provisions:
        old_dimensions = set(dimensions) & set(provision.dimensions.all())
        old_categories = set(categories) & set(provision.categories.all())
        if old_dimensions:
            provision.dimensions.remove(*old_dimensions)
        if old_categories:
            provision.categories.remove(*old_categories)
        changed += bool(old_dimensions or old_categories)
    return changed


@dataclass
class SuggestionRun:
    proposed: int = 0  # suggestions now pending for the provisions examined
    withdrawn: int = 0  # pending suggestions the classifier no longer makes


@transaction.atomic
def suggest_tags(
    *, provisions: QuerySet[Provision], classifier: RuleClassifier | None = None
) -> SuggestionRun:
    """Propose dimensions for provisions without any, and categories for those without any.

    Pending suggestions are replaced by the classifier's current ones; accepted and rejected
    suggestions are kept as the curators' record and the same tag is never proposed again.
    """
    classifier = classifier or RuleClassifier.from_taxonomy()
    dimensions = {d.slug: d for d in Dimension.objects.all()}
    categories = {c.slug: c for c in MigrationCategory.objects.all()}
    run = SuggestionRun()
    for provision in provisions.prefetch_related("dimensions", "categories", "tag_suggestions"):
        wanted = _wanted_suggestions(provision, classifier, dimensions, categories)
        existing = {_tag_key(s): s for s in provision.tag_suggestions.all()}
        for key, suggestion in existing.items():
            if suggestion.status == SuggestionStatus.PENDING and key not in wanted:
                suggestion.delete()
                run.withdrawn += 1
        for key, (tag, confidence, triggers) in wanted.items():
            suggestion = existing.get(key)
            if suggestion is None:
                suggestion = TagSuggestion(provision=provision, **{key[0]: tag})
            elif suggestion.status != SuggestionStatus.PENDING:
                continue
            suggestion.confidence, suggestion.triggers = confidence, list(triggers)
            suggestion.save()
            run.proposed += 1
    return run


def _wanted_suggestions(provision, classifier, dimensions, categories):
    needs = {"dimension": not provision.dimensions.all(), "category": not provision.categories.all()}
    tags = {"dimension": dimensions, "category": categories}
    wanted = {}
    text = f"{provision.heading}. {provision.text}" if provision.heading else provision.text
    for proposal in classifier.classify(text):
        tag = tags[proposal.taxonomy].get(proposal.slug)
        if needs[proposal.taxonomy] and tag is not None:
            wanted[(proposal.taxonomy, tag.pk)] = (tag, proposal.confidence, proposal.triggers)
    return wanted


def _tag_key(suggestion: TagSuggestion) -> tuple[str, int]:
    if suggestion.dimension_id:
        return ("dimension", suggestion.dimension_id)
    return ("category", suggestion.category_id)


@transaction.atomic
def accept_suggestions(*, suggestions: Iterable[TagSuggestion], user) -> int:
    """Tag each provision as its pending suggestion says; return how many were accepted."""
    accepted = 0
    for suggestion in _pending(suggestions):
        if suggestion.dimension_id:
            suggestion.provision.dimensions.add(suggestion.dimension)
        else:
            suggestion.provision.categories.add(suggestion.category)
        _decide(suggestion, SuggestionStatus.ACCEPTED, user)
        accepted += 1
    return accepted


@transaction.atomic
def reject_suggestions(*, suggestions: Iterable[TagSuggestion], user) -> int:
    """Record that the pending suggestions are wrong; return how many were rejected."""
    rejected = 0
    for suggestion in _pending(suggestions):
        _decide(suggestion, SuggestionStatus.REJECTED, user)
        rejected += 1
    return rejected


def _pending(suggestions: Iterable[TagSuggestion]) -> list[TagSuggestion]:
    if isinstance(suggestions, QuerySet):
        suggestions = suggestions.select_related("provision", "dimension", "category")
    return [s for s in suggestions if s.status == SuggestionStatus.PENDING]


def _decide(suggestion: TagSuggestion, status: str, user) -> None:
    suggestion.status = status
    suggestion.decided_by = user if user is not None and user.is_authenticated else None
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
