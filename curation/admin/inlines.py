"""Inlines shown on the document page: its provisions in order, and the relations it states."""

from django import forms
from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet

from commitments.models import Provision, Relation
from curation.admin.concurrency import VersionedForm
from curation.admin.fast_widgets import FastWidgetsFormSetMixin
from curation.edit_versions import with_latest_history_ids


class ProvisionInlineFormSet(FastWidgetsFormSetMixin, BaseInlineFormSet):
    pass


class ProvisionInline(admin.TabularInline):
    """A document's provisions, every one an editable row: rendered lean, so that the page of a
    document of several hundred paragraphs still opens quickly."""

    model = Provision
    form = VersionedForm
    formset = ProvisionInlineFormSet
    template = "admin/edit_inline/lean_tabular.html"
    fk_name = "document"
    fields = ["position", "label", "heading", "text", "is_commitment", "is_preamble"]
    ordering = ["position", "id"]
    extra = 0
    show_change_link = True
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 70})},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 12})},
    }

    def get_queryset(self, request):
        # Each row names its provision (a quoted passage by its quotation) and carries its edit
        # version: read with the rows, not row by row.
        provisions = (
            super()
            .get_queryset(request)
            .select_related("document", "quotation__quoting_document", "quotation__attributed_to")
            .prefetch_related("quotation__candidates")
        )
        return with_latest_history_ids(provisions)


class RelationInlineFormSet(FastWidgetsFormSetMixin, BaseInlineFormSet):
    pass


class RelationInline(admin.TabularInline):
    """Relations this document states: it cites, reaffirms, builds on or supersedes another
    (the study states some thirty, each row with three autocompletes)."""

    model = Relation
    formset = RelationInlineFormSet
    fk_name = "source_document"
    fields = ["kind", "source_provision", "target_document", "target_provision", "evidence"]
    autocomplete_fields = ["source_provision", "target_document", "target_provision"]
    extra = 0
    verbose_name = "relation to another document"
    verbose_name_plural = "relations to other documents"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "source_document",
                "source_provision__document",
                "target_document",
                "target_provision__document",
            )
        )
