"""The version an edit form carries, so that a save made from a stale page is refused.

A version is the latest history entry's id and a digest of the values the form edits, read
from the database. The digest decides: it changes with every writer (another curator, an
import, a bulk tag action, a revert), whether or not it leaves a history entry. The history
id only serves to show the curator what changed since, and who changed it.
"""

import hashlib
import json

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.text import Truncator

_SHOWN_CHARACTERS = 300


def edit_version(instance: models.Model, field_names: list[str]) -> str:
    """``"<history id>:<digest>"`` of ``instance`` as the database holds it now."""
    return f"{_latest_history_id(instance)}:{_digest(instance, field_names)}"


def is_current(instance: models.Model, field_names: list[str], version: str) -> bool:
    return version.partition(":")[2] == _digest(instance, field_names)


def changes_since(instance: models.Model, field_names: list[str], version: str) -> str:
    """In words: who changed ``instance`` since ``version`` and what each field is now."""
    opened_id = int(version.partition(":")[0]) if version.partition(":")[0].isdigit() else 0
    history = getattr(instance, "history", None)
    later = list(history.filter(history_id__gt=opened_id).order_by("history_id")) if history else []
    who = sorted({str(record.history_user) for record in later if record.history_user}) or ["someone"]
    when = formats.date_format(later[-1].history_date, "DATETIME_FORMAT") if later else ""
    said = f"{' and '.join(who)} changed it" + (f" (last on {when})" if when else "")
    opened = history.filter(history_id=opened_id).first() if history and opened_id else None
    changed = _changed_fields(later[-1], opened, field_names) if later and opened else []
    if not changed:
        return f"{said}."
    return f"{said}: " + "; ".join(_described(instance, change) for change in changed) + "."


def _described(instance: models.Model, change) -> str:
    field = instance._meta.get_field(change.field)
    if field.many_to_many:  # the history holds link rows: name what it links to now
        now = ", ".join(str(row) for row in getattr(instance, change.field).all()) or "none"
        return f"{field.verbose_name}: now “{_shown(now)}”"
    return f"{field.verbose_name}: “{_shown(change.old)}” → “{_shown(change.new)}”"


def _changed_fields(latest, opened, field_names: list[str]) -> list:
    tracked = {f.name for f in type(latest)._meta.concrete_fields} | {
        f.name for f in latest._history_m2m_fields
    }
    names = [name for name in field_names if name in tracked]
    return list(latest.diff_against(opened, included_fields=names).changes)


def _shown(value) -> str:
    return Truncator(str(value)).chars(_SHOWN_CHARACTERS)


def with_latest_history_ids(queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` with each object's latest history id read alongside it, so that the edit
    forms of a list of objects (the provisions inline on a document's page) take their versions
    from one query instead of one each."""
    history = queryset.model.history.model
    latest = history.objects.filter(id=models.OuterRef("pk")).order_by("-history_id").values("history_id")[:1]
    return queryset.annotate(**{_LATEST_HISTORY_ID: models.Subquery(latest)})


_LATEST_HISTORY_ID = "latest_history_id_for_edits"


def _latest_history_id(instance: models.Model) -> int:
    if _LATEST_HISTORY_ID in instance.__dict__:
        return instance.__dict__[_LATEST_HISTORY_ID] or 0
    history = getattr(instance, "history", None)
    if history is None:
        return 0
    return history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def _digest(instance: models.Model, field_names: list[str]) -> str:
    values = {}
    for name in field_names:
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (the basis typed with tags) is not stored
            continue
        if field.many_to_many:
            values[name] = sorted(getattr(instance, name).values_list("pk", flat=True))
        elif field.concrete:
            value = field.value_from_object(instance)
            values[name] = getattr(value, "name", value)
    encoded = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]
