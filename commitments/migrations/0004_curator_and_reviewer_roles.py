from django.contrib.auth.management import create_permissions
from django.db import migrations

from documents.roles import KNOWLEDGE_BASE_APPS, apply_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the roles need them now.
    for label in KNOWLEDGE_BASE_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    apply_roles(apps)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Curator", "Reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0002_fields_of_work"),
        ("commitments", "0003_tag_suggestion"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
