"""The provision list, where curators tag: filters, bulk tag actions and the classifier's suggestions."""

import re

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from commitments.models import Dimension, MigrationCategory, Provision, SuggestionStatus, TagSuggestion
from commitments.tag_decisions import Decider, forget_tag, record_flag, record_tag
from curation.admin import tagging
from curation.admin.concurrency import VersionedForm
from curation.admin.history import HistoryAdmin
from curation.admin.list_filters import PendingSuggestionsFilter, TaggingFilter, YearFilter
from curation.tagging import accept_suggestions, reject_suggestions
from documents.symbols import normalize_symbol

# "MC.DOC/2/05 4.5" or "MC.DOC/2/05, para. 4.5": a citation typed into the search box.
_CITATION = re.compile(r"^(?P<symbol>\S+/\S+?),?\s+(?:para\.?\s*)?(?P<label>.+)$", re.IGNORECASE)


class ProvisionForm(VersionedForm):
    tag_basis = forms.CharField(
        max_length=300,
        required=False,
        label="Basis of the tags added",
        help_text="One line: why it carries the tags you add (kept with each tag, shown publicly).",
    )

    class Meta:
        model = Provision
        fields = [
            "document",
            "position",
            "label",
            "heading",
            "text",
            "is_commitment",
            "is_preamble",
            "dimensions",
            "categories",
            "origin",
            "quoted_in",
            "quoted_locator",
        ]

    def added_tags(self) -> list[Dimension | MigrationCategory]:
        added = []
        for name in ("dimensions", "categories"):
            before = {getattr(t, "pk", t) for t in self.initial.get(name) or []}
            added += [t for t in self.cleaned_data.get(name) or [] if t.pk not in before]
        return added

    def removed_tags(self) -> list[Dimension | MigrationCategory]:
        if self.instance.pk is None:
            return []
        removed = []
        for name in ("dimensions", "categories"):
            after = {t.pk for t in self.cleaned_data.get(name) or []}
            removed += [t for t in getattr(self.instance, name).all() if t.pk not in after]
        return removed

    def clean(self):
        data = super().clean()
        if self.added_tags() and not (data.get("tag_basis") or "").strip():
            self.add_error("tag_basis", "Say in one line why this provision carries the tags you add.")
        return data


class SuggestionDecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        choices=[("", "—"), ("accept", "Accept"), ("reject", "Reject")], required=False
    )

    class Meta:
        model = TagSuggestion
        fields: list[str] = []


class TagSuggestionInline(admin.TabularInline):
    """The classifier's suggestions for this provision, each accepted or rejected on save."""

    model = TagSuggestion
    form = SuggestionDecisionForm
    readonly_fields = ["tag", "confidence", "trigger_words", "status", "decided_by", "decided_at"]
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name = "tag suggestion"

    def get_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if self.has_change_permission(request, obj):
            fields.append("decision")
        return fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Provision)
class ProvisionAdmin(HistoryAdmin):
    list_display = ["citation_short", "excerpt", "tags", "pending_suggestions", "is_commitment"]
    list_display_links = ["citation_short"]
    list_filter = [
        TaggingFilter,
        ("categories", admin.RelatedFieldListFilter),
        ("dimensions", admin.RelatedFieldListFilter),
        ("document", admin.RelatedOnlyFieldListFilter),
        YearFilter,
        PendingSuggestionsFilter,
        "is_commitment",
        "is_preamble",
        "origin",
        "document__status",
    ]
    search_fields = ["label", "text", "heading", "document__symbol", "document__title"]
    autocomplete_fields = ["document", "quoted_in"]
    form = ProvisionForm
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["tag_provenance"]
    fields = [
        "document",
        "position",
        "label",
        "heading",
        "text",
        "is_commitment",
        "is_preamble",
        "dimensions",
        "categories",
        "tag_basis",
        "tag_provenance",
        "origin",
        "quoted_in",
        "quoted_locator",
        "edit_version",
    ]
    inlines = [TagSuggestionInline]
    actions = [
        tagging.add_tags_action,
        tagging.remove_tags_action,
        tagging.suggest_tags_action,
        tagging.accept_provision_suggestions,
        tagging.reject_provision_suggestions,
    ]
    list_per_page = 50

    def get_queryset(self, request):
        pending = TagSuggestion.objects.pending().select_related("dimension", "category")
        return (
            super()
            .get_queryset(request)
            .select_related("document")
            .prefetch_related(
                "dimensions", "categories", Prefetch("tag_suggestions", queryset=pending, to_attr="pending")
            )
        )

    def get_search_results(self, request, queryset, search_term):
        """Also find a provision by its citation, e.g. ``MC.DOC/2/05 4.5``."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = _CITATION.match(search_term.strip())
        if match:
            cited = queryset.filter(
                document__symbol=normalize_symbol(match["symbol"]), label__iexact=match["label"].strip()
            )
            results = results | cited
        return results, may_have_duplicates

    @admin.display(description="provision", ordering="document__date")
    def citation_short(self, provision: Provision) -> str:
        return str(provision)

    @admin.display(description="text")
    def excerpt(self, provision: Provision) -> str:
        return Truncator(provision.text).words(25)

    @admin.display(description="tags")
    def tags(self, provision: Provision) -> str:
        names = [t.name for t in provision.dimensions.all()] + [t.name for t in provision.categories.all()]
        return "; ".join(names) or "—"

    @admin.display(description="suggested")
    def pending_suggestions(self, provision: Provision) -> str:
        return "; ".join(
            f"{s.tag.name} {s.confidence:.2f} ({s.trigger_words()})"
            for s in getattr(provision, "pending", [])
        )

    @admin.display(description="why it carries its tags")
    def tag_provenance(self, provision: Provision) -> str:
        if provision.pk is None:
            return "—"
        decisions = provision.tag_decisions.select_related("dimension", "category")
        rows = format_html_join(
            "",
            "<li><strong>{}</strong>: {} by {} on {} — {}</li>",
            (
                (d.tag.name, d.get_origin_display(), d.curator, f"{d.decided_at:%Y-%m-%d}", d.basis)
                for d in decisions
            ),
        )
        curation = getattr(provision, "curation", None)
        last = (
            format_html(
                "<p>Last decided by {} on {} in {}{}</p>",
                curation.curator,
                f"{curation.decided_at:%Y-%m-%d}",
                curation.get_source_display(),
                f"; commitment: {curation.basis}" if curation.basis else "",
            )
            if curation
            else ""
        )
        if not rows:
            return format_html("<p>No tag decided yet.</p>{}", last)
        return format_html("<ul>{}</ul>{}", rows, last)

    def save_model(self, request, obj, form, change):
        form.tags_removed = form.removed_tags() if change else []
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        added = form.added_tags()
        super().save_related(request, form, formsets, change)
        decider = Decider.for_user(request.user)
        basis = form.cleaned_data.get("tag_basis", "").strip()
        for tag in added:
            record_tag(form.instance, tag, basis=basis, decider=decider)
        for tag in getattr(form, "tags_removed", []):
            forget_tag(form.instance, tag, decider=decider)
        if change and "is_commitment" in form.changed_data:
            # The flag is the editors' decision now: neither a re-import nor a curation file undoes it.
            record_flag(form.instance, basis=basis or "commitment flag set in the admin", decider=decider)

    def save_formset(self, request, form, formset, change):
        if formset.model is not TagSuggestion:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # nothing to write; sets what the change message lists
        decided = {"accept": [], "reject": []}
        for suggestion_form in formset.forms:
            decision = suggestion_form.cleaned_data.get("decision")
            if decision in decided and suggestion_form.instance.status == SuggestionStatus.PENDING:
                decided[decision].append(suggestion_form.instance)
        accept_suggestions(suggestions=decided["accept"], user=request.user)
        reject_suggestions(suggestions=decided["reject"], user=request.user)
