"""Inlines shown on the document page: its provisions in order, and the relations it states."""

from django import forms
from django.contrib import admin
from django.db import models

from commitments.models import Provision, Relation


class ProvisionInline(admin.TabularInline):
    model = Provision
    fk_name = "document"
    fields = ["position", "label", "heading", "text", "is_commitment", "is_preamble"]
    ordering = ["position", "id"]
    extra = 0
    show_change_link = True
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 70})},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 12})},
    }


class RelationInline(admin.TabularInline):
    """Relations this document states: it cites, reaffirms, builds on or supersedes another."""

    model = Relation
    fk_name = "source_document"
    fields = ["kind", "source_provision", "target_document", "target_provision", "evidence"]
    autocomplete_fields = ["source_provision", "target_document", "target_provision"]
    extra = 0
    verbose_name = "relation to another document"
    verbose_name_plural = "relations to other documents"
