"""The document admin: metadata, provisions in order, relations, provenance, publishing."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from curation.admin.concurrency import VersionedForm
from curation.admin.conflicts import ConflictReviewMixin
from curation.admin.history import HistoryAdmin
from curation.admin.imports import SourceImportMixin
from curation.admin.inlines import ProvisionInline, RelationInline
from curation.admin.list_filters import TextFilter
from curation.admin.provenance import DocumentAttachmentInline, MetadataClaimInline
from curation.admin.split import DocumentSplitMixin
from documents.conflicts import conflicts_of
from documents.models import Document, PublicationStatus
from importing.document_merge import MergeRefused, merge_documents
from importing.publication import follow_publication, set_publication_status
from importing.save import record_admin_edits


def _set_status(modeladmin, request, queryset, status: str) -> None:
    changed = len(set_publication_status(queryset.exclude(status=status), status))
    label = PublicationStatus(status).label.lower()
    message = ngettext("%(n)d document now %(label)s.", "%(n)d documents now %(label)s.", changed)
    modeladmin.message_user(request, message % {"n": changed, "label": label}, messages.SUCCESS)


@admin.action(description="Publish the selected documents", permissions=["change"])
def publish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, PublicationStatus.PUBLISHED)


@admin.action(description="Withdraw the selected documents to draft", permissions=["change"])
def unpublish(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, PublicationStatus.DRAFT)


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Document.objects.none(), widget=forms.RadioSelect, label="The record that stays"
    )
    basis = forms.CharField(
        max_length=300,
        widget=forms.TextInput(attrs={"size": 100}),
        help_text="One line: why the two records are one document.",
    )

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = documents


@admin.action(description="Merge the two selected documents…", permissions=["change", "delete"])
def merge_documents_action(modeladmin, request, queryset):
    documents = queryset.order_by("pk")
    if documents.count() != 2:
        modeladmin.message_user(request, "Select exactly two documents to merge.", messages.ERROR)
        return None
    form = MergeForm(request.POST if "confirm" in request.POST else None, documents=documents)
    if form.is_valid():
        survivor = form.cleaned_data["survivor"]
        absorbed = documents.exclude(pk=survivor.pk).get()
        try:
            merge_documents(absorbed, survivor, basis=form.cleaned_data["basis"], user=request.user)
        except MergeRefused as exc:
            modeladmin.message_user(request, f"Not merged: {exc}.", messages.ERROR)
        else:
            modeladmin.message_user(
                request,
                f"“{absorbed}” merged into “{survivor}”; its old address redirects there.",
                messages.SUCCESS,
            )
        return None
    return TemplateResponse(
        request,
        "admin/documents/document/merge.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Merge two records of one document",
            "opts": modeladmin.model._meta,
            "form": form,
            "documents": documents,
        },
    )


merge_documents_action.__name__ = "merge_documents"


@admin.register(Document)
class DocumentAdmin(SourceImportMixin, ConflictReviewMixin, DocumentSplitMixin, HistoryAdmin):
    list_display = ["symbol", "title", "kind", "date", "status", "provision_count", "source_filename"]
    list_display_links = ["symbol", "title"]
    list_filter = ["status", TextFilter, "kind", "body", "date_precision", "fields_of_work"]
    search_fields = ["symbol", "title", "place"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["symbol"]}
    filter_horizontal = ["fields_of_work"]
    readonly_fields = ["source_file", "source_filename", "source_sha256", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "status",
                    "symbol",
                    "slug",
                    "title",
                    "kind",
                    "body",
                    "place",
                    "date",
                    "date_precision",
                    "fields_of_work",
                    "edit_version",
                ]
            },
        ),
        ("Text", {"fields": ["language", "summary", "full_text"], "classes": ["collapse"]}),
        (
            "Source",
            {
                "fields": [
                    "source_url",
                    "source_file",
                    "source_filename",
                    "source_sha256",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    form = VersionedForm
    inlines = [ProvisionInline, RelationInline, MetadataClaimInline, DocumentAttachmentInline]
    actions = [publish, unpublish, merge_documents_action]
    change_list_template = "admin/documents/document/change_list.html"
    change_form_template = "admin/documents/document/change_form.html"

    def get_queryset(self, request):
        # Ordering named again: an aggregate's GROUP BY drops the model's default ordering.
        documents = super().get_queryset(request).annotate(provision_total=Count("provisions"))
        return documents.order_by(*Document._meta.ordering)

    @admin.display(description="provisions", ordering="provision_total")
    def provision_count(self, document: Document) -> int:
        return document.provision_total

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and "status" in form.changed_data:
                follow_publication([obj])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            # A value a curator typed is a decision: a re-import of any source keeps it.
            record_admin_edits(form.instance, fields=form.changed_data, user=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        document = self.get_object(request, object_id)
        context = {"open_conflicts": conflicts_of(document) if document else []}
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})
