"""The two curation roles, defined by rule so that models added later are covered too.

- Curator: every permission on the knowledge base's own models (documents, provisions, tags,
  relations, provenance, suggestions and their history), none on users and groups.
- Reviewer: view permissions on the same models only: read-only admin access.

A data migration creates the groups; after every ``migrate`` (when Django has created the
permissions of every model, including models added since) the groups that exist get their
permissions. That refresh never creates a group: a test database flushed between
transactional tests must stay empty for its serialized rows to come back.
"""

KNOWLEDGE_BASE_APPS = ("documents", "commitments", "field_operations", "importing")
CURATOR, REVIEWER = "Curator", "Reviewer"


def apply_roles(apps=None, *, create: bool = True) -> None:
    """Give both groups exactly the permissions their rule says, creating them if ``create``.

    ``apps`` is a migration's app registry, or None for the live one.
    """
    if apps is None:
        from django.apps import apps
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


def apply_roles_after_migrate(sender, **kwargs) -> None:
    """``post_migrate`` receiver: the permissions of new models exist only after it."""
    if sender.label == KNOWLEDGE_BASE_APPS[-1]:
        apply_roles(kwargs.get("apps"), create=False)
