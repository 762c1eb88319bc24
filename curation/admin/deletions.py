"""Provisions curators deleted that a source still gives: decisions a re-import respects.

Imports record them (``importing.diff``); a curator reads them here, and deletes one to let the
next import of its source bring the provision back."""

from django.contrib import admin

from importing.models import DeletedProvision


@admin.register(DeletedProvision)
class DeletedProvisionAdmin(admin.ModelAdmin):
    list_display = ["label", "document", "quoted_in", "deleted_by", "deleted_at", "recorded_at"]
    list_filter = ["deleted_by"]
    search_fields = ["label", "text", "document__symbol", "document__title"]
    list_select_related = ["document", "quoted_in"]
    readonly_fields = [
        "document", "quoted_in", "label", "text", "deleted_by", "deleted_at", "recorded_at", "basis",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # an import records the deletion it finds

    def has_change_permission(self, request, obj=None):
        return False
