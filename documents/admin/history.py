"""History pages for every curated model: who changed what and when, a diff, one-click revert.

Built on django-simple-history's admin (see ``documents.history`` for why that library):
its history page lists each change with its author and a field-by-field diff; this adds a
word-level diff for long texts and a "Revert to this version" button on every row, which
restores fields and tags in one step instead of re-submitting an old form.
"""

import difflib
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from documents.history import RevertRefused, revert_to_version

_LONG_TEXT = 100
_CONTEXT_WORDS = 8


class WordDiffContextHelper(HistoricalRecordContextHelper):
    """Shows a change of a long text as the words deleted and inserted, with some context."""

    def stringify_delta_change_values(self, change, old: Any, new: Any) -> tuple[SafeString, SafeString]:
        if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > _LONG_TEXT:
            return word_diff(old, new)
        return super().stringify_delta_change_values(change, old, new)


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


class HistoryAdmin(SimpleHistoryAdmin):
    """``SimpleHistoryAdmin`` with a word diff and a one-click revert on each version."""

    object_history_list_template = "admin/history/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return WordDiffContextHelper(self.model, historical_record)

    def get_urls(self):
        opts = self.model._meta
        revert = path(
            "<path:object_id>/history/<int:version_id>/revert/",
            self.admin_site.admin_view(self.revert_view),
            name=f"{opts.app_label}_{opts.model_name}_revert",
        )
        return [revert, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        context = {
            "revert_url_name": f"admin:{opts.app_label}_{opts.model_name}_revert",
            # A deleted object's newest version is its deletion: reverting to it restores it.
            "object_deleted": not self.model._default_manager.filter(pk=unquote(object_id)).exists(),
        }
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def revert_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        object_id = unquote(object_id)
        record = get_object_or_404(
            self.model.history.model, **{self.model._meta.pk.attname: object_id, "history_id": version_id}
        )
        live = self.model._default_manager.filter(pk=object_id).first()
        if not self.has_change_permission(request, live or record.instance):
            raise PermissionDenied
        history_url = reverse(
            f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_history", args=[object_id]
        )
        try:
            instance = revert_to_version(record=record, user=request.user)
        except RevertRefused as exc:
            self.message_user(request, f"Could not revert: {exc}", messages.ERROR)
            return HttpResponseRedirect(history_url)
        self.message_user(
            request,
            f"“{instance}” is back as it was on {record.history_date:%d %B %Y %H:%M}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(history_url)
