from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from documents.models import Document, DocumentAttachment, FieldDecision, FieldOfWork, MetadataClaim


class DocumentAttachmentInline(admin.StackedInline):
    model = DocumentAttachment
    extra = 0


class MetadataClaimInline(admin.TabularInline):
    model = MetadataClaim
    fk_name = "document"
    extra = 0
    autocomplete_fields = ["source_document"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "title", "kind", "body", "place", "date", "status"]
    list_filter = ["status", "kind", "body", "date_precision"]
    search_fields = ["symbol", "title", "place"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["symbol"]}
    inlines = [MetadataClaimInline, DocumentAttachmentInline]


@admin.register(MetadataClaim)
class MetadataClaimAdmin(SimpleHistoryAdmin):
    list_display = ["document", "field", "value", "source_document", "source_locator"]
    list_filter = ["field"]
    search_fields = ["document__symbol", "document__title", "value"]
    autocomplete_fields = ["document", "source_document"]


@admin.register(FieldDecision)
class FieldDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["document", "field", "value", "decided_by", "decided_at"]
    list_filter = ["field"]
    search_fields = ["document__symbol", "document__title", "value"]
    autocomplete_fields = ["document"]


@admin.register(DocumentAttachment)
class DocumentAttachmentAdmin(admin.ModelAdmin):
    list_display = ["title", "document"]
    search_fields = ["title", "document__symbol", "document__title"]
    autocomplete_fields = ["document"]


@admin.register(FieldOfWork)
class FieldOfWorkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
