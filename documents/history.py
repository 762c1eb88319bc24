"""Putting a document, provision, its tags or a relation back as an earlier version had it,
and showing what changed between two versions of a text.

History is kept by django-simple-history rather than django-reversion: it stores one row
per change in a table shaped like the model (queryable with the ORM, diffable field by
field, many-to-many tags included), records the user through its request middleware, and
needs no explicit revision blocks around the importers' and the admin's saves.
"""

import difflib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_CONTEXT_WORDS = 8


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


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """``old`` with its deleted words in ``<del>``, ``new`` with its inserted words in ``<ins>``."""
    a, b = old.split(), new.split()
    old_parts: list[str] = []
    new_parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            same = _elide(a[i1:i2], first=i1 == 0, last=i2 == len(a))
            old_parts.append(same)
            new_parts.append(same)
            continue
        if i2 > i1:
            old_parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            new_parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(old_parts)), mark_safe(" ".join(new_parts))  # noqa: S308 (escaped above)


def _elide(words: list[str], *, first: bool, last: bool) -> str:
    """Keep a few words of unchanged text next to each change, and an ellipsis for the rest."""
    n = _CONTEXT_WORDS
    if len(words) <= 2 * n:
        return escape(" ".join(words))
    head = [] if first else words[:n]
    tail = [] if last else words[-n:]
    return escape(" ".join([*head, "…", *tail]))
