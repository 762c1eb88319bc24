"""Importing a source from the admin: upload, preview what the importer parsed, confirm.

Upload checks the file (``importing.uploads``) and parses it (``importing``);
either refusal is a form error and leaves nothing behind. A parsed upload is staged
(``importing.staging``) and previewed with what it would add, change and remove; only
the confirmation saves it, in the importer's single transaction.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from documents.models import Document, PublicationStatus
from importing.errors import ImportRejected
from importing.fetching import fetch_source
from importing.identity import find_document
from importing.parsers.decoding import FORMATS
from importing.preview import preview_import
from importing.service import import_file
from importing.sources import parse_source, record_source_url
from importing.staging import (
    PendingImport,
    StagedFileMissing,
    discard_upload,
    pending_import,
    read_staged,
    stage_upload,
)
from importing.uploads import ClientFileNameRecorder, check_file_name, check_source_upload

FORMAT_LABELS = {
    "text": "Plain text of an OSCE document",
    "pdf": "PDF of an OSCE document",
    "study": "The 2016 study (footnote catalogue and quotations)",
    "osce-page": "An OSCE web page",
}


class SourceUploadForm(forms.Form):
    source = forms.FileField(label="Source file", required=False)
    url = forms.URLField(
        label="or its URL",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="The address of the official PDF or plain text (http or https); it is recorded as the "
        "document's official text.",
    )
    format = forms.ChoiceField(
        required=False,
        choices=[("", "Guess from the file"), *((f, FORMAT_LABELS.get(f, f)) for f in FORMATS)],
    )
    symbol = forms.CharField(
        required=False,
        max_length=80,
        help_text="The document's symbol, e.g. MC.DOC/2/05, when its text does not print it.",
    )

    def __init__(
        self, *args, client_names: list[str] | None = None, upload_error: str | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.client_names = client_names or []
        self.upload_error = upload_error
        limit = filesizeformat(settings.IMPORT_MAX_UPLOAD_BYTES)
        self.fields["source"].help_text = f"A PDF or a plain-text (.txt) file of at most {limit}."

    def clean_source(self):
        upload = self.cleaned_data["source"]
        if not upload:
            return upload
        client_name = self.client_names[-1] if self.client_names else None
        self.cleaned_data["name"] = check_source_upload(
            upload, client_name=client_name, max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES
        )
        return upload

    def clean(self):
        cleaned = super().clean()
        if "source" in self.errors:
            return cleaned
        if cleaned.get("source") and cleaned.get("url"):
            raise ValidationError("Give a file or a URL, not both.", code="both")
        if not cleaned.get("source") and not cleaned.get("url") and "url" not in self.errors:
            raise ValidationError("Choose a file to upload or give its URL.", code="neither")
        return cleaned

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.upload_error:
            self.errors["source"] = self.error_class([self.upload_error])
        # Django drops a part whose name is only a path ("..", "/"); say why there is no file.
        elif self.is_bound and self.client_names and not getattr(self, "cleaned_data", {}).get("source"):
            try:
                check_file_name(self.client_names[-1])
            except ValidationError as exc:
                self.errors["source"] = self.error_class(exc.messages)
                self.errors.pop("__all__", None)


class ConfirmImportForm(forms.Form):
    new_documents = forms.ChoiceField(
        choices=PublicationStatus.choices,
        initial=PublicationStatus.DRAFT,
        label="Documents this import creates are",
        help_text="Draft until a curator has read them: publish them from the document list.",
    )


class SourceImportMixin:
    """Adds the upload, preview and confirm views to the document admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        # csrf_exempt only defers the check: the view checks the token itself, after it has
        # installed the upload handler that keeps the client's file name.
        upload = view(csrf_exempt(self.import_upload_view))
        return [
            path("import/", upload, name="documents_document_import"),
            path(
                "import/<str:token>/",
                view(self.import_preview_view),
                name="documents_document_import_preview",
            ),
            path("<path:object_id>/import/", upload, name="documents_document_reimport"),
            *super().get_urls(),
        ]

    def import_upload_view(self, request, object_id=None):
        if request.method == "POST":
            request.upload_handlers.insert(0, ClientFileNameRecorder(request))
        return csrf_protect(self._import_upload)(request, object_id)

    def _import_target(self, request, object_id) -> Document | None:
        if object_id is None:
            if not (self.has_add_permission(request) and self.has_change_permission(request)):
                raise PermissionDenied
            return None
        document = self.get_object(request, unquote(str(object_id)))
        if document is None:
            raise Http404("No such document.")
        if not self.has_change_permission(request, document):
            raise PermissionDenied
        return document

    def _import_upload(self, request, object_id):
        document = self._import_target(request, object_id)
        form = SourceUploadForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            client_names=getattr(request, "client_file_names", None),
            upload_error=getattr(request, "upload_error", None),
        )
        if request.method == "POST" and form.is_valid():
            url = form.cleaned_data["url"]
            symbol = document.symbol if document else form.cleaned_data["symbol"]
            try:
                if url:
                    fetched = fetch_source(url)
                    data, name = fetched.data, fetched.name
                else:
                    data, name = form.cleaned_data["source"].read(), form.cleaned_data["name"]
                parsed = parse_source(
                    data, name=name, format=form.cleaned_data["format"] or None, symbol=symbol
                )
                if url:
                    record_source_url(parsed, url)
                if document is not None:
                    _check_same_document(parsed, document)
            except ImportRejected as exc:
                shown = url or form.cleaned_data["name"]
                form.add_error("url" if url else "source", f"{shown}: {exc.reason}")
            else:
                pending = stage_upload(
                    request.session,
                    data=data,
                    parsed=parsed,
                    name=name,
                    format=form.cleaned_data["format"],
                    symbol=symbol,
                    document_id=document.pk if document else None,
                )
                return HttpResponseRedirect(
                    reverse("admin:documents_document_import_preview", args=[pending.token])
                )
        title = f"Re-import the source of {document}" if document else "Import a source"
        return TemplateResponse(
            request,
            "admin/documents/document/import_upload.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "form": form,
                "original": document,
            },
        )

    def import_preview_view(self, request, token):
        pending = pending_import(request.session, token)
        if pending is None:
            raise Http404("No upload waiting under this name: upload the file again.")
        document = self._import_target(request, pending.document_id)
        back = _upload_url(pending)
        if request.method == "POST" and "_cancel" in request.POST:
            discard_upload(request.session, pending)
            self.message_user(request, f"Import of “{pending.name}” cancelled; nothing was written.")
            return HttpResponseRedirect(back)
        try:
            data, parsed = read_staged(pending)
        except StagedFileMissing as exc:
            discard_upload(request.session, pending)
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(back)
        form = ConfirmImportForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            return self._confirm_import(request, pending, parsed, data, form.cleaned_data["new_documents"])
        return TemplateResponse(
            request,
            "admin/documents/document/import_preview.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Check the import of {pending.name}",
                "opts": self.model._meta,
                "original": document,
                "pending": pending,
                "preview": preview_import(parsed),
                "form": form,
            },
        )

    def _confirm_import(self, request, pending: PendingImport, parsed, data: bytes, new_status: str):
        try:
            # A re-import from a document's page names the document it replaces.
            report = import_file(
                data,
                name=pending.name,
                parsed=parsed,
                new_documents=new_status,
                replace=pending.document_id is not None,
            ).report
        except ImportRejected as exc:
            discard_upload(request.session, pending)
            self.message_user(request, f"{exc} Nothing was written.", messages.ERROR)
            return HttpResponseRedirect(_upload_url(pending))
        discard_upload(request.session, pending)
        self.message_user(request, f"Imported “{pending.name}”: {report.summary()}.", messages.SUCCESS)
        for warning in report.curation_warnings:
            self.message_user(request, f"Kept as a curator left it: {warning}", messages.WARNING)
        conflicts = report.conflicts()
        if conflicts:
            listed = "; ".join(f"{name}: {', '.join(fields)}" for name, fields in conflicts.items())
            self.message_user(
                request, f"Sources disagree, see Conflicts to review: {listed}", messages.WARNING
            )
        return HttpResponseRedirect(reverse("admin:documents_document_change", args=[report.document_id]))


def _check_same_document(parsed, document: Document) -> None:
    found = find_document(parsed.document)
    if found is None or found.pk != document.pk:
        described = parsed.document.display_name() or "another document"
        raise ImportRejected(f"this file is the source of {described}, not of {document}")


def _upload_url(pending: PendingImport) -> str:
    if pending.document_id:
        return reverse("admin:documents_document_reimport", args=[pending.document_id])
    return reverse("admin:documents_document_import")
