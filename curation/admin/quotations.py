"""The quotation admin: what each source quotes, whom it credits, and how far that was checked.

A curator filters by status (the flagged ones first), reads the sentence and the footnote's
candidates, and may attribute the words to a document with a one-line basis; a re-import keeps
an attribution that has a basis. Every change is in the quotation's history.
"""

from django.contrib import admin

from commitments.models import Quotation
from curation.admin.history import HistoryAdmin


@admin.register(Quotation)
class QuotationAdmin(HistoryAdmin):
    list_display = ["short_text", "quoting_document", "locator", "status", "attributed_to"]
    list_filter = ["status", "quoting_document"]
    search_fields = ["text", "sentence", "footnote", "note"]
    list_select_related = ["quoting_document", "attributed_to", "matched_provision__document"]
    autocomplete_fields = ["attributed_to"]
    readonly_fields = [
        "quoting_document",
        "footnote",
        "section",
        "text",
        "sentence",
        "candidate_list",
        "status",
        "matched_provision",
        "passage",
        "note",
    ]
    fields = [
        "quoting_document",
        "footnote",
        "section",
        "text",
        "sentence",
        "candidate_list",
        "status",
        "matched_provision",
        "passage",
        "note",
        "attributed_to",
        "attribution_basis",
    ]

    def has_add_permission(self, request):
        return False  # quotations come from their sources

    @admin.display(description="quotation")
    def short_text(self, quotation: Quotation) -> str:
        return str(quotation.text)[:80]

    @admin.display(description="documents the footnote names")
    def candidate_list(self, quotation: Quotation) -> str:
        return "; ".join(str(d) for d in quotation.candidates.all()) or "none"
