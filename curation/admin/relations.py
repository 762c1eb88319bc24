"""Relations between documents and provisions, chosen with autocomplete on both ends."""

from django.contrib import admin

from commitments.models import Relation, RelationOrigin
from curation.admin.history import HistoryAdmin


@admin.register(Relation)
class RelationAdmin(HistoryAdmin):
    list_display = ["source_document", "source_provision", "kind", "target_document", "target_provision"]
    list_filter = ["kind", "origin"]
    readonly_fields = ["origin"]
    search_fields = [
        "source_document__symbol",
        "source_document__title",
        "target_document__symbol",
        "evidence",
    ]
    autocomplete_fields = [
        "source_document",
        "source_provision",
        "target_document",
        "target_provision",
        "stated_in",
    ]
    list_select_related = [
        "source_document",
        "target_document",
        "source_provision__document",
        "target_provision__document",
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.origin = RelationOrigin.CURATOR  # a link a curator records is the editors'
        super().save_model(request, obj, form, change)
