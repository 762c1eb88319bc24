"""The quotation admin: what each source quotes, whom it credits, and how far that was checked.

A curator filters by status (the flagged ones first), reads the sentence and the footnote's
candidates, and decides: the words are from a document, or from none the knowledge base can
name, with a one-line basis (``importing.curated_attributions``). The decision is recorded with
who and when, kept by every re-import, and written to ``fixtures/curation/attributions`` by
``write_curation``. Every change is in the quotation's history.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect

from commitments.models import Quotation
from curation.admin.history import HistoryAdmin
from documents.models import Document
from importing.curated_attributions import decide_attribution, withdraw_attribution
from importing.models import AttributionDecision

KEEP, ATTRIBUTE, UNATTRIBUTED, WITHDRAW = "", "attribute", "unattributed", "withdraw"
# What the importer read and checked: shown, never edited here.
_FROM_THE_SOURCE = [
    "quoting_document",
    "footnote",
    "section",
    "text",
    "sentence",
    "candidate_list",
    "status",
    "attributed_to",
    "matched_provision",
    "passage",
    "note",
]


class AttributionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        required=False,
        choices=[
            (KEEP, "Leave the attribution as it is"),
            (ATTRIBUTE, "The words are from the document chosen below"),
            (
                UNATTRIBUTED,
                "The words are from none of the documents the knowledge base holds (unattributed)",
            ),
            (WITHDRAW, "Withdraw the curators' decision: the importer attributes it again"),
        ],
        widget=forms.RadioSelect,
    )
    document = forms.ModelChoiceField(
        queryset=Document.objects.all(),
        required=False,
        widget=AutocompleteSelect(Quotation._meta.get_field("attributed_to"), admin.site),
        help_text="One of the footnote's documents, or any other.",
    )
    basis = forms.CharField(
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"size": 100}),
        help_text="One line: the sentence or fact that decides it, e.g. the sentence of the quoting "
        "source that names the document.",
    )

    class Meta:
        model = Quotation
        fields = []

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == ATTRIBUTE and data.get("document") is None:
            self.add_error("document", "Choose the document the words are from.")
        if decision in (ATTRIBUTE, UNATTRIBUTED) and not data.get("basis", "").strip():
            self.add_error("basis", "Give the one-line basis of the decision.")
        return data


@admin.register(Quotation)
class QuotationAdmin(HistoryAdmin):
    form = AttributionForm
    list_display = ["short_text", "quoting_document", "locator", "status", "attributed_to"]
    list_filter = ["status", "quoting_document"]
    search_fields = ["text", "sentence", "footnote", "note"]
    list_select_related = ["quoting_document", "attributed_to", "matched_provision__document"]
    readonly_fields = [*_FROM_THE_SOURCE, "curators_decision"]
    fieldsets = [
        (None, {"fields": _FROM_THE_SOURCE}),
        ("Attribution", {"fields": ["curators_decision", "decision", "document", "basis"]}),
    ]

    def has_add_permission(self, request):
        return False  # quotations come from their sources

    def get_fieldsets(self, request, obj=None):
        if obj is None or self.has_change_permission(request, obj):
            return self.fieldsets
        return [(None, {"fields": _FROM_THE_SOURCE}), ("Attribution", {"fields": ["curators_decision"]})]

    @admin.display(description="quotation")
    def short_text(self, quotation: Quotation) -> str:
        return str(quotation.text)[:80]

    @admin.display(description="documents the footnote names")
    def candidate_list(self, quotation: Quotation) -> str:
        return "; ".join(str(d) for d in quotation.candidates.all()) or "none"

    @admin.display(description="curators' decision")
    def curators_decision(self, quotation: Quotation) -> str:
        decision = AttributionDecision.objects.for_words(
            quotation.quoting_document, quotation.locator, quotation.text
        )
        if decision is None:
            return "none: the importer attributed it"
        return (
            f"{decision.outcome()}, by {decision.curator} on {decision.decided_at:%d %B %Y}: {decision.basis}"
            f" ({'in the curation files' if decision.source == 'file' else 'not yet written to the files'})"
        )

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        if decision in (ATTRIBUTE, UNATTRIBUTED):
            document = form.cleaned_data["document"] if decision == ATTRIBUTE else None
            made = decide_attribution(
                obj, document=document, basis=form.cleaned_data["basis"], user=request.user
            )
            self.message_user(request, f"Decided: {made.outcome()}; a re-import keeps it.", messages.SUCCESS)
        elif decision == WITHDRAW:
            if withdraw_attribution(obj):
                obj.refresh_from_db()
                self.message_user(request, f"Decision withdrawn: now {obj.status_text()}.", messages.SUCCESS)
            else:
                self.message_user(request, "There was no curators' decision to withdraw.", messages.WARNING)

    def save_related(self, request, form, formsets, change):
        pass  # the quotation's own fields come from its source; only the decision is written
