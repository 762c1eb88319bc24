"""The conflicts review: every field whose sources disagree, and the form to decide one."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from curation.conflicts import decide_field, open_conflicts
from documents.conflicts import FieldConflict, conflicts_of

OTHER = "other"


class ResolveConflictForm(forms.Form):
    choice = forms.ChoiceField(widget=forms.RadioSelect, label="Value")
    other_value = forms.CharField(
        required=False,
        label="Another value",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Dates as 1975, 1995-12 or 2009-12-04.",
    )
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), help_text="Why, for the record."
    )

    def __init__(self, *args, conflict: FieldConflict, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = conflict
        self.fields["choice"].choices = [
            *((str(i), claimed.value) for i, claimed in enumerate(conflict.values)),
            (OTHER, "Another value"),
        ]

    def options(self) -> list:
        """Each radio button with the claimed value it stands for (None for "another value")."""
        return list(zip(self["choice"], [*self.conflict.values, None], strict=True))

    def clean(self):
        data = super().clean()
        choice = data.get("choice")
        if choice == OTHER:
            if not data.get("other_value", "").strip():
                self.add_error("other_value", "Write the value, or choose one the sources give.")
            data["value"] = data.get("other_value", "")
        elif choice is not None:
            data["value"] = self.conflict.values[int(choice)].value
        return data


class ConflictReviewMixin:
    """Adds the conflicts list and the decision form to the document admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("conflicts/", view(self.conflicts_view), name="documents_document_conflicts"),
            path(
                "<path:object_id>/conflicts/<str:field>/",
                view(self.resolve_conflict_view),
                name="documents_document_resolve_conflict",
            ),
            *super().get_urls(),
        ]

    def _can_decide(self, request, document=None) -> bool:
        return self.has_change_permission(request, document) and request.user.has_perms(
            ["documents.add_fielddecision", "documents.change_fielddecision"]
        )

    def conflicts_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/documents/document/conflicts.html",
            {
                **self.admin_site.each_context(request),
                "title": "Conflicts to review",
                "opts": self.model._meta,
                "conflicts": open_conflicts(),
                "can_decide": self._can_decide(request),
            },
        )

    def resolve_conflict_view(self, request, object_id, field):
        document = self.get_object(request, unquote(object_id))
        if document is None:
            raise Http404("No such document.")
        if not self._can_decide(request, document):
            raise PermissionDenied
        conflict = next((c for c in conflicts_of(document, include_decided=True) if c.field == field), None)
        if conflict is None:
            raise Http404("The sources of this document agree on this field.")
        form = ResolveConflictForm(request.POST or None, conflict=conflict)
        if request.method == "POST" and form.is_valid():
            try:
                decide_field(
                    document=document,
                    field=field,
                    value=form.cleaned_data["value"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except ValidationError as exc:
                form.add_error(
                    "other_value" if form.cleaned_data["choice"] == OTHER else "choice", exc.messages
                )
                conflict.document.refresh_from_db()
            else:
                self.message_user(
                    request,
                    f"{conflict.label} of “{document}” decided: {form.cleaned_data['value']}",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:documents_document_conflicts"))
        return TemplateResponse(
            request,
            "admin/documents/document/resolve_conflict.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Decide the {conflict.label.lower()} of {document}",
                "opts": self.model._meta,
                "original": document,
                "conflict": conflict,
                "form": form,
            },
        )
