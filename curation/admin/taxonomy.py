"""The taxonomy: three dimensions and five migration categories, loaded by a data migration."""

from django.contrib import admin

from commitments.models import Dimension, MigrationCategory


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]


@admin.register(MigrationCategory)
class MigrationCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "study_section", "position"]
    search_fields = ["name"]
