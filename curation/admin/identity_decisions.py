"""The curators' decisions on which record is which document, to read: attributions of quoted
words, provisions split off a document, and the names of documents merged into another. They are
made from the quotation and document pages (``quotations``, ``split``, ``documents``), which call
the importing functions that also keep re-imports from undoing them; here they are only listed."""

from django.contrib import admin

from documents.models import DocumentAlias
from importing.models import AttributionDecision, SplitProvision


class DecisionListAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False  # made where the decision is taken, with its basis

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AttributionDecision)
class AttributionDecisionAdmin(DecisionListAdmin):
    list_display = [
        "quoting_document",
        "locator",
        "text",
        "attributed_to",
        "basis",
        "curator",
        "decided_at",
        "source",
    ]
    list_filter = ["source", "quoting_document"]
    search_fields = ["text", "basis", "curator"]
    list_select_related = ["quoting_document", "attributed_to"]


@admin.register(SplitProvision)
class SplitProvisionAdmin(DecisionListAdmin):
    list_display = ["from_document", "label", "to_document", "basis", "decided_by", "decided_at"]
    search_fields = ["label", "basis", "from_document__symbol", "to_document__symbol"]
    list_select_related = ["from_document", "to_document", "decided_by"]


@admin.register(DocumentAlias)
class DocumentAliasAdmin(DecisionListAdmin):
    list_display = ["slug", "symbol", "title", "document", "basis", "merged_by", "merged_at"]
    search_fields = ["slug", "symbol", "title", "basis"]
    list_select_related = ["document", "merged_by"]
