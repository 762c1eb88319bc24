"""History pages for every curated model: who changed what and when, a diff, and revert.

Built on django-simple-history's admin (see ``curation.history`` for why that library):
its history page lists each change with its author and a field-by-field diff; this adds a
word-level diff for long texts and a "Revert to this version…" link on every row, which leads
to a page showing what the revert would change and asking for a reason; confirming restores
fields and tags in one step instead of re-submitting an old form.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from commitments.models import Provision
from curation.history import RevertRefused, changes_of_revert, revert_to_version
from curation.tagging import suggestions_a_revert_reopens
from importing.text_diff import word_diff

_LONG_TEXT = 100


class WordDiffContextHelper(HistoricalRecordContextHelper):
    """Shows a change of a long text as the words deleted and inserted, with some context."""

    def stringify_delta_change_values(self, change, old: Any, new: Any) -> tuple[SafeString, SafeString]:
        if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > _LONG_TEXT:
            return word_diff(old, new)
        return super().stringify_delta_change_values(change, old, new)


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
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
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
        form = RevertForm(request.POST if request.method == "POST" else None)
        if not form.is_valid():
            return self._confirm_revert(request, record=record, live=live, form=form, history_url=history_url)
        try:
            instance = revert_to_version(record=record, user=request.user, reason=form.cleaned_data["reason"])
        except RevertRefused as exc:
            self.message_user(request, f"Could not revert: {exc}", messages.ERROR)
            return HttpResponseRedirect(history_url)
        self.message_user(
            request,
            f"“{instance}” is back as it was on {record.history_date:%d %B %Y %H:%M}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(history_url)

    def _confirm_revert(self, request, *, record, live, form, history_url):
        reopened = []
        if isinstance(live, Provision):
            reopened = suggestions_a_revert_reopens(
                provision=live,
                dimension_ids={row.dimension_id for row in record.dimensions.all()},
                category_ids={row.migrationcategory_id for row in record.categories.all()},
            )
        when = f"{record.history_date:%d %B %Y %H:%M}"
        return TemplateResponse(
            request,
            "admin/history/revert_confirm.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Revert “{record.instance}” to its version of {when}?",
                "opts": self.model._meta,
                "original": live,
                "record": record,
                "changes": changes_of_revert(record),
                "reopened": reopened,
                "form": form,
                "history_url": history_url,
            },
        )


class RevertForm(forms.Form):
    reason = forms.CharField(
        label="Why revert?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept in the history with the revert, e.g. “the edit of 4 May garbled the text”.",
    )
