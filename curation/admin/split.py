"""Splitting a document in the admin: choose the provisions that are another document's, and
that document (an existing one, or a new one with its metadata), with a one-line basis; the
view only calls ``importing.document_split.split_document``."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from documents.models import Document, DocumentKind, IssuingBody
from importing.document_split import SplitRefused, split_document


class SplitForm(forms.Form):
    provisions = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Provisions that are another document's"
    )
    target = forms.ModelChoiceField(
        queryset=Document.objects.all(),
        required=False,
        label="Move them to",
        help_text="An existing document; leave blank to create the new one described below.",
    )
    symbol = forms.CharField(required=False, max_length=80)
    title = forms.CharField(required=False, max_length=500)
    kind = forms.ChoiceField(choices=DocumentKind.choices, initial=DocumentKind.OTHER)
    body = forms.ChoiceField(choices=IssuingBody.choices, initial=IssuingBody.OTHER, label="Issuing body")
    place = forms.CharField(required=False, max_length=120)
    date = forms.CharField(required=False, help_text="2005, 2005-12 or 2005-12-06.")
    basis = forms.CharField(
        max_length=300,
        widget=forms.TextInput(attrs={"size": 100}),
        help_text="One line: why these provisions are another document's.",
    )

    def __init__(self, *args, document: Document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provisions"].queryset = document.provisions.order_by("position", "pk")
        self.fields["target"].queryset = Document.objects.exclude(pk=document.pk)


class DocumentSplitMixin:
    """Adds *Split…* to the document admin."""

    def get_urls(self):
        split = path(
            "<path:object_id>/split/",
            self.admin_site.admin_view(self.split_view),
            name="documents_document_split",
        )
        return [split, *super().get_urls()]

    def split_view(self, request, object_id):
        document = self.get_object(request, unquote(object_id))
        if document is None:
            raise Http404("No such document.")
        if not (self.has_change_permission(request, document) and self.has_add_permission(request)):
            raise PermissionDenied
        form = SplitForm(request.POST or None, document=document)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                target = split_document(
                    document,
                    provisions=list(data["provisions"]),
                    target=data["target"],
                    new={name: data[name] for name in ("symbol", "title", "kind", "body", "place", "date")},
                    basis=data["basis"],
                    user=request.user,
                )
            except SplitRefused as exc:
                form.add_error(None, str(exc))
            else:
                self.message_user(
                    request,
                    f"{len(data['provisions'])} provisions of “{document}” moved to “{target}”;"
                    " a re-import leaves them there.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:documents_document_change", args=[target.pk]))
        return TemplateResponse(
            request,
            "admin/documents/document/split.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Split {document}",
                "opts": self.model._meta,
                "original": document,
                "form": form,
            },
        )
