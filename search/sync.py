"""Keeping the index true: every saved or deleted provision, document or tag reaches it.

Signal handlers note which provisions changed and ask for one index update after the
transaction commits (``transaction.on_commit``), so the index never shows what a rollback
undid, and a save of many provisions makes one update. The backend reads the provisions'
state from the database when it writes, so an update only needs ids.

Bulk operations (``QuerySet.update``, ``bulk_create``) send no signals: call
``update_index_for`` after them, or repair with ``manage.py search_index update``.
"""

import logging
import threading
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from search import get_search_backend
from search.base import IndexMissing, SearchUnavailable

logger = logging.getLogger(__name__)

_changed = threading.local()  # ids noted in this thread and not yet sent to the index
_missing_reported = threading.Event()


def update_index_for(provision_ids: Iterable[int]) -> bool:
    """Bring the index up to date for these provisions now. Failures are logged (once per
    process while the index is missing), never raised: the database change stands, and
    ``search_index check`` shows what the index missed. Returns whether it succeeded."""
    ids = {int(i) for i in provision_ids if i is not None}
    backend = get_search_backend()
    if not ids or not backend.keeps_index:
        return True
    try:
        backend.update(ids)
    except IndexMissing as exc:
        if not _missing_reported.is_set():
            _missing_reported.set()
            logger.warning("%s: index updates are skipped until `manage.py search_index rebuild`", exc)
        return False
    except SearchUnavailable as exc:
        logger.error("Search index not updated for %d provision(s): %s", len(ids), exc)
        return False
    except Exception:
        logger.exception("Search index update failed for provisions %s", sorted(ids)[:20])
        return False
    _missing_reported.clear()
    return True


def index_after_commit(provision_ids: Iterable[int]) -> None:
    """Update the index for these provisions once the current transaction commits."""
    pending = getattr(_changed, "ids", None)
    if pending is None:
        pending = _changed.ids = set()
    pending.update(i for i in provision_ids if i is not None)
    # One callback per change, but the first to run takes every id noted so far; ids of a
    # rolled-back transaction ride along with the next commit, which is harmless since the
    # backend writes whatever the database holds.
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    ids = getattr(_changed, "ids", None)
    _changed.ids = set()
    if ids:
        update_index_for(ids)


def _provision_saved(sender, instance, **kwargs) -> None:
    index_after_commit([instance.pk])


def _document_saved(sender, instance, created, **kwargs) -> None:
    if not created:  # a new document has no provisions yet
        index_after_commit(_shown_with(instance))


def _document_deleted(sender, instance, **kwargs) -> None:
    index_after_commit(_shown_with(instance))


def _shown_with(document) -> list[int]:
    """The provisions a document's status decides: its own, and the passages it quotes."""
    from commitments.models import Provision

    return list(
        Provision.objects.filter(Q(document=document) | Q(quoted_in=document)).values_list("pk", flat=True)
    )


def _provisions_of(sender, instance, **kwargs) -> None:
    """A document or a taxon about to go: its provisions change with it."""
    index_after_commit(instance.provisions.values_list("pk", flat=True))


def _taxon_saved(sender, instance, created, **kwargs) -> None:
    if not created:
        index_after_commit(instance.provisions.values_list("pk", flat=True))


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            index_after_commit([instance.pk])
    elif action == "pre_clear":  # the provisions are unknown after a reverse clear
        index_after_commit(instance.provisions.values_list("pk", flat=True))
    elif action != "post_clear":
        index_after_commit(pk_set or ())


def _suggestion_changed(sender, instance, **kwargs) -> None:
    # Only public filters that count pending suggestions put them in the index.
    from commitments.public_tags import filters_include_suggestions

    if filters_include_suggestions():
        index_after_commit([instance.provision_id])


def register_signal_handlers() -> None:
    """Connect the handlers for the indexed models (called from ``CommitmentsConfig.ready``)."""
    from commitments.models import Dimension, MigrationCategory, Provision, TagSuggestion
    from documents.models import Document

    post_save.connect(_provision_saved, sender=Provision, dispatch_uid="search-provision-saved")
    post_delete.connect(_provision_saved, sender=Provision, dispatch_uid="search-provision-deleted")
    post_save.connect(_document_saved, sender=Document, dispatch_uid="search-document-saved")
    pre_delete.connect(_document_deleted, sender=Document, dispatch_uid="search-document-deleted")
    for taxon in (Dimension, MigrationCategory):
        post_save.connect(_taxon_saved, sender=taxon, dispatch_uid=f"search-{taxon.__name__}-saved")
        pre_delete.connect(_provisions_of, sender=taxon, dispatch_uid=f"search-{taxon.__name__}-deleted")
    for through in (Provision.dimensions.through, Provision.categories.through):
        m2m_changed.connect(_tags_changed, sender=through, dispatch_uid=f"search-{through.__name__}")
    post_save.connect(_suggestion_changed, sender=TagSuggestion, dispatch_uid="search-suggestion-saved")
    post_delete.connect(_suggestion_changed, sender=TagSuggestion, dispatch_uid="search-suggestion-deleted")
