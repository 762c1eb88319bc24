"""Where metadata comes from: each source's claims, and the curators' decisions between them."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from curation.admin.fast_widgets import FastWidgetsFormSetMixin
from curation.admin.history import HistoryAdmin
from documents.models import DocumentAttachment, FieldDecision, FieldOfWork, MetadataClaim


class DocumentAttachmentInline(admin.StackedInline):
    model = DocumentAttachment
    extra = 0


class FastInlineFormSet(FastWidgetsFormSetMixin, BaseInlineFormSet):
    pass


class MetadataClaimInline(admin.TabularInline):
    model = MetadataClaim
    formset = FastInlineFormSet
    fk_name = "document"
    extra = 0
    autocomplete_fields = ["source_document"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document", "source_document")


@admin.register(MetadataClaim)
class MetadataClaimAdmin(HistoryAdmin):
    list_display = ["document", "field", "value", "source_document", "source_locator"]
    list_filter = ["field"]
    search_fields = ["document__symbol", "document__title", "value"]
    autocomplete_fields = ["document", "source_document"]
    list_select_related = ["document", "source_document"]


@admin.register(FieldDecision)
class FieldDecisionAdmin(HistoryAdmin):
    """Decisions are taken on the conflicts review page; here they are read, and their note edited."""

    list_display = ["document", "field", "value", "decided_by", "decided_at", "review_link"]
    list_filter = ["field", "decided_by"]
    search_fields = ["document__symbol", "document__title", "value"]
    readonly_fields = ["document", "field", "value", "decided_by", "decided_at"]
    fields = ["document", "field", "value", "note", "decided_by", "decided_at"]
    list_select_related = ["document", "decided_by"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="")
    def review_link(self, decision: FieldDecision) -> str:
        url = reverse(
            "admin:documents_document_resolve_conflict", args=[decision.document_id, decision.field]
        )
        return format_html('<a href="{}">Decide again</a>', url)


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
