"""Putting a document, provision, its tags or a relation back as an earlier version had it.

History is kept by django-simple-history rather than django-reversion: it stores one row
per change in a table shaped like the model (queryable with the ORM, diffable field by
field, many-to-many tags included), records the user through its request middleware, and
needs no explicit revision blocks around the importers' and the admin's saves.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import formats


class RevertRefused(Exception):
    """The earlier version cannot be restored as it stands; the message says why."""


def revert_to_version(*, record, user=None) -> models.Model:
    """Make the live object equal ``record`` (one of its historical records) again.

    Restores the fields and the tracked many-to-many sets (a provision's tags), recreating
    the object if it has been deleted since. The revert is itself one new entry in the
    history, attributed to ``user``. Raises ``RevertRefused`` when the old version clashes
    with the data as it is now (a label taken since, a document deleted since).
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
            _restore(instance, record, exists=exists, user=user, reason=f"Reverted to the version of {when}")
    except IntegrityError as exc:
        raise RevertRefused(f"The version of {when} refers to something that no longer exists.") from exc
    return instance


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
