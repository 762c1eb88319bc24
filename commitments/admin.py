from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from commitments.models import Dimension, MigrationCategory, Provision, Relation


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]


@admin.register(MigrationCategory)
class MigrationCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "study_section", "position"]
    search_fields = ["name"]


@admin.register(Provision)
class ProvisionAdmin(SimpleHistoryAdmin):
    list_display = ["document", "label", "heading", "is_commitment", "position"]
    list_filter = ["is_commitment", "origin", "categories", "dimensions", "document__kind"]
    search_fields = ["label", "text", "document__symbol", "document__title"]
    autocomplete_fields = ["document", "quoted_in"]
    filter_horizontal = ["dimensions", "categories"]
    list_select_related = ["document"]


@admin.register(Relation)
class RelationAdmin(SimpleHistoryAdmin):
    list_display = ["source_document", "source_provision", "kind", "target_document", "target_provision"]
    list_filter = ["kind"]
    search_fields = ["source_document__symbol", "target_document__symbol", "evidence"]
    autocomplete_fields = ["source_document", "source_provision", "target_document", "target_provision"]
    list_select_related = ["source_document", "target_document", "source_provision", "target_provision"]
