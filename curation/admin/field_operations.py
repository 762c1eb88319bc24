"""Field operations in the admin: each with the claims its values rest on and its aliases; the
links from passages to operations, where a curator settles a name that could mean several."""

from django.contrib import admin

from field_operations.models import (
    FieldOfWorkScope,
    FieldOperation,
    OperationAlias,
    OperationClaim,
    OperationMention,
)


class OperationClaimInline(admin.TabularInline):
    model = OperationClaim
    extra = 0
    fields = ["field", "value", "source_document", "source_locator", "basis"]
    readonly_fields = ["source_document"]


class OperationAliasInline(admin.TabularInline):
    model = OperationAlias
    extra = 0
    fields = ["name", "source_document", "source_locator", "basis"]
    readonly_fields = ["source_document"]


@admin.register(FieldOperation)
class FieldOperationAdmin(admin.ModelAdmin):
    list_display = ["name", "host_country", "established", "status"]
    list_filter = ["status", "host_country", "fields_of_work"]
    search_fields = ["name", "aliases__name", "host_country"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["mandate_document"]
    filter_horizontal = ["fields_of_work"]
    inlines = [OperationClaimInline, OperationAliasInline]


@admin.register(OperationMention)
class OperationMentionAdmin(admin.ModelAdmin):
    """Choosing the operation of an ambiguous mention marks it curated: a re-import keeps it."""

    list_display = ["words", "operation", "document", "provision", "role", "curated"]
    list_filter = ["role", "curated", ("operation", admin.EmptyFieldListFilter)]
    search_fields = ["words", "operation__name", "document__title", "document__symbol"]
    list_select_related = ["operation", "document", "provision"]
    raw_id_fields = ["document", "provision", "source_document"]
    filter_horizontal = ["candidates"]

    def save_model(self, request, obj, form, change):
        obj.curated = True
        super().save_model(request, obj, form, change)


@admin.register(FieldOfWorkScope)
class FieldOfWorkScopeAdmin(admin.ModelAdmin):
    list_display = ["field_of_work", "basis"]
    filter_horizontal = ["dimensions", "categories"]
