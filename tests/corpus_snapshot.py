"""The bundled corpus for tests: imported once per process, then copied in bulk.

The first load in a process goes through ``importing.corpus.load_corpus``, the path
``make run`` takes. The rows it creates are kept in memory, and every later load inserts the
same rows with one ``bulk_create`` per table, which is all a test needs and a small fraction of
the import's cost. Where the copy cannot be inserted as it is (a row with the same key is
already there), the real import runs instead.
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.models import ForeignKey, Max

from commitments.models import Dimension, MigrationCategory
from commitments.taxonomy import ensure_taxonomy

_SNAPSHOT_APPS = ("documents", "commitments", "field_operations", "importing")
_TAXONOMY = (Dimension, MigrationCategory)
_snapshot = None


def _corpus_models():
    return [
        model
        for label in _SNAPSHOT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model not in _TAXONOMY
    ]


def _taxonomy_slugs() -> dict:
    return {(model, obj.pk): obj.slug for model in _TAXONOMY for obj in model.objects.all()}


def _capture(before: dict) -> tuple:
    rows = []
    for model in _corpus_models():
        new = model._base_manager.filter(pk__gt=before[model]) if before[model] else model._base_manager.all()
        rows.append((model, list(new.order_by("pk"))))
    return rows, _taxonomy_slugs()


def _remap_taxonomy(rows: list, slugs: dict) -> None:
    current = {(model, obj.slug): obj.pk for model in _TAXONOMY for obj in model.objects.all()}
    for model, objects in rows:
        for field in model._meta.concrete_fields:
            target = field.related_model if isinstance(field, ForeignKey) else None
            if target not in _TAXONOMY:
                continue
            for obj in objects:
                old = getattr(obj, field.attname)
                if old is not None:
                    setattr(obj, field.attname, current[(target, slugs[(target, old)])])
    # The rows now point at the current taxonomy rows: remember those, for the next remap after
    # a transactional test's flush gives the taxonomy new keys again.
    slugs.clear()
    slugs.update({(model, pk): slug for (model, slug), pk in current.items()})


def _insert(rows: list) -> None:
    for model, objects in rows:
        if objects:
            model._base_manager.bulk_create(objects, batch_size=500)
    # Rows inserted with their keys leave PostgreSQL's sequences where they were, and a flush
    # may have reset those: the next row a test creates would take a key the copy already has.
    models = [model for model, objects in rows if objects]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def load_test_corpus():
    """Load the bundled corpus into the current test database; returns ``LoadedCorpus``."""
    global _snapshot
    from importing.corpus import load_corpus

    ensure_taxonomy()
    if _snapshot is not None:
        loaded, rows, slugs = _snapshot
        try:
            with transaction.atomic():
                _remap_taxonomy(rows, slugs)
                _insert(rows)
            return loaded
        except IntegrityError:
            return load_corpus(keep_files=False)
    before = {model: model._base_manager.aggregate(m=Max("pk"))["m"] for model in _corpus_models()}
    loaded = load_corpus(keep_files=False)
    rows, slugs = _capture(before)
    _snapshot = (loaded, rows, slugs)
    return loaded
