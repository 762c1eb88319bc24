"""The two curation roles, defined by rule so that models added later are covered too.

- Curator: every permission on the knowledge base's own models (documents, provisions, tags,
  relations, provenance, suggestions and their history), none on users and groups.
- Reviewer: view permissions on the same models only: read-only admin access.

Applied by a data migration and again after every ``migrate`` (and test-database flush),
so the groups always hold the permissions of the models that exist.
"""

KNOWLEDGE_BASE_APPS = ("documents", "commitments")
CURATOR, REVIEWER = "Curator", "Reviewer"


def apply_roles(apps=None, **kwargs) -> None:
    """Create both groups if missing and give them exactly the permissions their rule says.

    ``apps`` is a migration's app registry, or None for the live one.
    """
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label__in=KNOWLEDGE_BASE_APPS)
    curator, _ = Group.objects.get_or_create(name=CURATOR)
    reviewer, _ = Group.objects.get_or_create(name=REVIEWER)
    curator.permissions.set(permissions)
    reviewer.permissions.set(permissions.filter(codename__startswith="view_"))


def apply_roles_after_migrate(sender, **kwargs) -> None:
    """``post_migrate`` receiver: the permissions of new models exist only after it."""
    if sender.label == KNOWLEDGE_BASE_APPS[-1]:
        apply_roles(kwargs.get("apps"))
