from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self):
        from documents.roles import apply_roles_after_migrate

        post_migrate.connect(apply_roles_after_migrate, dispatch_uid="documents.apply_roles")
