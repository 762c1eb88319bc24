"""Bulk actions on the provision list: add and remove tags, and act on the classifier's suggestions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from commitments.models import Dimension, MigrationCategory, TagSuggestion
from commitments.suggestions import suggest_tags
from curation.tagging import accept_suggestions, add_tags, reject_suggestions, remove_tags


class TagChoiceForm(forms.Form):
    dimensions = forms.ModelMultipleChoiceField(
        Dimension.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.ModelMultipleChoiceField(
        MigrationCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Migration categories",
    )
    basis = forms.CharField(
        max_length=300,
        required=False,
        label="Basis",
        help_text="One line: why these provisions carry these tags (kept with each tag, shown publicly).",
    )

    def __init__(self, *args, adding: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = adding

    def clean(self):
        data = super().clean()
        if not data.get("dimensions") and not data.get("categories"):
            raise forms.ValidationError("Choose at least one dimension or migration category.")
        if self.adding and not (data.get("basis") or "").strip():
            self.add_error("basis", "Say in one line why these provisions carry these tags.")
        return data


def _tag_action(modeladmin, request, queryset, *, adding: bool):
    action = "add_tags" if adding else "remove_tags"
    form = TagChoiceForm(request.POST if "apply" in request.POST else None, adding=adding)
    if form.is_valid():
        chosen = {
            "provisions": queryset.prefetch_related("dimensions", "categories"),
            "dimensions": list(form.cleaned_data["dimensions"]),
            "categories": list(form.cleaned_data["categories"]),
            "user": request.user,
        }
        if adding:
            changed = add_tags(**chosen, basis=form.cleaned_data["basis"].strip())
        else:
            changed = remove_tags(**chosen)
        verb = "added to" if adding else "removed from"
        modeladmin.message_user(
            request, f"Tags {verb} {changed} of {queryset.count()} provisions.", messages.SUCCESS
        )
        return None
    return TemplateResponse(
        request,
        "admin/commitments/provision/tag_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Add tags to provisions" if adding else "Remove tags from provisions",
            "opts": modeladmin.model._meta,
            "form": form,
            "provisions": queryset.select_related("document"),
            "action": f"{action}_action",
            "adding": adding,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        },
    )


@admin.action(description="Add tags to the selected provisions…", permissions=["change"])
def add_tags_action(modeladmin, request, queryset):
    return _tag_action(modeladmin, request, queryset, adding=True)


@admin.action(description="Remove tags from the selected provisions…", permissions=["change"])
def remove_tags_action(modeladmin, request, queryset):
    return _tag_action(modeladmin, request, queryset, adding=False)


@admin.action(description="Suggest tags for the selected provisions", permissions=["change"])
def suggest_tags_action(modeladmin, request, queryset):
    run = suggest_tags(provisions=queryset)
    modeladmin.message_user(
        request,
        f"{run.proposed} suggestions pending for the selected provisions ({run.withdrawn} withdrawn).",
    )


@admin.action(description="Accept the pending suggestions of the selected provisions", permissions=["change"])
def accept_provision_suggestions(modeladmin, request, queryset):
    accepted = accept_suggestions(
        suggestions=TagSuggestion.objects.pending().filter(provision__in=queryset), user=request.user
    )
    modeladmin.message_user(request, f"{accepted} suggestions accepted.", messages.SUCCESS)


@admin.action(description="Reject the pending suggestions of the selected provisions", permissions=["change"])
def reject_provision_suggestions(modeladmin, request, queryset):
    rejected = reject_suggestions(
        suggestions=TagSuggestion.objects.pending().filter(provision__in=queryset), user=request.user
    )
    modeladmin.message_user(request, f"{rejected} suggestions rejected.", messages.SUCCESS)
