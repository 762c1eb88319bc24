from django.db import migrations

# A frozen copy of curation.roles as it stood when this migration was written: migrations
# are history and import nothing of the layers above the models.
CURATOR, REVIEWER = "Curator", "Reviewer"
KNOWLEDGE_BASE_APPS = ("documents", "commitments")


def apply_roles(apps, *, create: bool) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label__in=KNOWLEDGE_BASE_APPS)
    rules = {CURATOR: permissions, REVIEWER: permissions.filter(codename__startswith="view_")}
    for name, granted in rules.items():
        group = (
            Group.objects.get_or_create(name=name)[0] if create else Group.objects.filter(name=name).first()
        )
        if group is not None:
            group.permissions.set(granted)


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in (CURATOR, REVIEWER):
        Group.objects.get_or_create(name=name)
    # On a new database the permissions are created only after all migrations have run;
    # curation.roles grants them then (post_migrate). On an existing one they exist now.
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
