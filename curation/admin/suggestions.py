"""The classifier's suggestions across all provisions, to accept or reject in bulk."""

from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import ngettext

from commitments.models import TagSuggestion
from curation.admin.list_filters import ConfidenceFilter, TaxonomyFilter
from curation.tagging import accept_suggestions, reject_suggestions


@admin.action(description="Accept the selected suggestions", permissions=["change"])
def accept_selected(modeladmin, request, queryset):
    accepted = accept_suggestions(suggestions=queryset, user=request.user)
    message = ngettext("%(n)d suggestion accepted.", "%(n)d suggestions accepted.", accepted)
    modeladmin.message_user(request, message % {"n": accepted}, messages.SUCCESS)


@admin.action(description="Reject the selected suggestions", permissions=["change"])
def reject_selected(modeladmin, request, queryset):
    rejected = reject_suggestions(suggestions=queryset, user=request.user)
    message = ngettext("%(n)d suggestion rejected.", "%(n)d suggestions rejected.", rejected)
    modeladmin.message_user(request, message % {"n": rejected}, messages.SUCCESS)


@admin.register(TagSuggestion)
class TagSuggestionAdmin(admin.ModelAdmin):
    list_display = [
        "provision",
        "provision_excerpt",
        "tag",
        "confidence",
        "trigger_words",
        "status",
        "decided_by",
    ]
    list_filter = ["status", TaxonomyFilter, "category", "dimension", ConfidenceFilter]
    search_fields = ["provision__text", "provision__document__symbol", "provision__document__title"]
    list_select_related = ["provision__document", "dimension", "category", "decided_by"]
    ordering = ["-confidence", "id"]
    actions = [accept_selected, reject_selected]
    readonly_fields = [
        "provision",
        "dimension",
        "category",
        "confidence",
        "triggers",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
    ]

    @admin.display(description="text")
    def provision_excerpt(self, suggestion: TagSuggestion) -> str:
        return Truncator(suggestion.provision.text).words(20)

    def has_add_permission(self, request):
        return False  # suggestions come from the classifier
