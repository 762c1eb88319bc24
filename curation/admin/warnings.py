"""Importer warnings, to read after an import: by kind, document and source file."""

from django.contrib import admin

from importing.models import ImportWarning


@admin.register(ImportWarning)
class ImportWarningAdmin(admin.ModelAdmin):
    list_display = ["message", "kind", "locator", "document", "source_name", "created_at"]
    list_filter = ["kind", "source_name"]
    search_fields = ["message", "locator", "document__symbol", "document__title", "source_name"]
    list_select_related = ["document"]
    readonly_fields = ["document", "source_name", "kind", "locator", "message", "created_at"]

    def has_add_permission(self, request):
        return False  # imports write them

    def has_change_permission(self, request, obj=None):
        return False
