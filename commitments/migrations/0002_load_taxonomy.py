from django.db import migrations

from commitments.taxonomy import DIMENSIONS, MIGRATION_CATEGORIES


def load_taxonomy(apps, schema_editor):
    Dimension = apps.get_model("commitments", "Dimension")
    MigrationCategory = apps.get_model("commitments", "MigrationCategory")
    for position, fields in enumerate(DIMENSIONS, start=1):
        Dimension.objects.update_or_create(
            slug=fields["slug"], defaults={**fields, "position": position}
        )
    for position, fields in enumerate(MIGRATION_CATEGORIES, start=1):
        MigrationCategory.objects.update_or_create(
            slug=fields["slug"], defaults={**fields, "position": position}
        )


def unload_taxonomy(apps, schema_editor):
    apps.get_model("commitments", "Dimension").objects.all().delete()
    apps.get_model("commitments", "MigrationCategory").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial")]

    operations = [migrations.RunPython(load_taxonomy, unload_taxonomy)]
