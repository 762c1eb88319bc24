from django.db import migrations

from documents.roles import CURATOR, REVIEWER, apply_roles


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in (CURATOR, REVIEWER):
        Group.objects.get_or_create(name=name)
    # On a new database the permissions are created only after all migrations have run;
    # documents.roles grants them then (post_migrate). On an existing one they exist now.
    apply_roles(apps, create=False)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[CURATOR, REVIEWER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0002_fields_of_work"),
        ("commitments", "0003_tag_suggestion"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
