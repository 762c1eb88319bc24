"""Putting a document, provision, its tags or a relation back as an earlier version had it.

History is kept by django-simple-history rather than django-reversion: it stores one row
per change in a table shaped like the model (queryable with the ORM, diffable field by
field, many-to-many tags included), records the user through its request middleware, and
needs no explicit revision blocks around the importers' and the admin's saves.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import formats

from commitments.models import Provision
from curation.tagging import record_reverted_tags, reopen_undone_suggestions


class RevertRefused(Exception):
    """The earlier version cannot be restored as it stands; the message says why."""


def revert_to_version(*, record, user=None, reason: str = "") -> models.Model:
    """Make the live object equal ``record`` (one of its historical records) again.

    Restores the fields and the tracked many-to-many sets (a provision's tags), recreating
    the object if it has been deleted since. The revert is itself one new entry in the
    history, attributed to ``user``, with ``reason`` in its change reason. A classifier
    suggestion whose acceptance the revert undoes (its tag is gone again) is pending again.
    Raises ``RevertRefused`` when the old version clashes with the data as it is now (a label
    taken since, a document deleted since).
    """
    instance = record.instance
    exists = type(instance)._default_manager.filter(pk=instance.pk).exists()
    instance._state.adding = not exists  # so that uniqueness checks do not count the object itself
    when = formats.date_format(record.history_date, "DATETIME_FORMAT")
    try:
        instance.validate_unique()
        instance.validate_constraints()
    except ValidationError as exc:
        raise RevertRefused(" ".join(exc.messages)) from exc
    try:
        with transaction.atomic():
            said = f"Reverted to the version of {when}" + (f": {reason.strip()}" if reason.strip() else "")
            tags_before = _tags_of(instance) if exists and isinstance(instance, Provision) else set()
            _restore(instance, record, exists=exists, user=user, reason=said)
            if isinstance(instance, Provision):
                record_reverted_tags(
                    provision=instance,
                    tags_before=tags_before,
                    basis=f"restored by a revert: {said}",
                    user=user,
                )
                reopen_undone_suggestions(provision=instance)
    except IntegrityError as exc:
        raise RevertRefused(f"The version of {when} refers to something that no longer exists.") from exc
    return instance


def _tags_of(provision: Provision) -> set:
    return {*provision.dimensions.all(), *provision.categories.all()}


def _restore(instance, record, *, exists: bool, user, reason: str) -> None:
    # Write the fields and tags silently, then record the result as a single change.
    instance.skip_history_when_saving = True
    try:
        if not exists:
            instance.save(force_insert=True)
        for field in getattr(record, "_history_m2m_fields", ()):
            target = field.m2m_reverse_field_name()
            ids = getattr(record, field.name).values_list(f"{target}_id", flat=True)
            getattr(instance, field.name).set(list(ids))
    finally:
        del instance.skip_history_when_saving
    instance._history_user = user if user is not None and user.is_authenticated else None
    instance._change_reason = reason
    instance.save()


def changes_of_revert(record) -> list[tuple[str, str, str]]:
    """``(field, as it is now, as the revert makes it)`` for each field the revert changes,
    tags included; everything when the object has been deleted since."""
    model = type(record.instance)
    live = model._default_manager.filter(pk=record.instance.pk).first()
    if live is None:
        return [(f.verbose_name, "(deleted)", _shown(getattr(record, f.attname))) for f in _tracked(model)]
    current = live.history.latest()
    delta = current.diff_against(record)
    return [(_label(model, change.field), _shown(change.new), _shown(change.old)) for change in delta.changes]


def _tracked(model):
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 (a name simple-history tracks but the model does not declare)
        return name


def _shown(value) -> str:
    if isinstance(value, list):  # many-to-many rows, as simple-history lists them
        names = []
        for row in value:
            names.extend(str(v) for k, v in row.items() if k not in ("id", "provision", "history"))
        return ", ".join(names) or "none"
    text = "" if value is None else str(value)
    return text if len(text) <= 300 else text[:300] + "…"
