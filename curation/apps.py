from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CurationConfig(AppConfig):
    name = "curation"
    verbose_name = "Curation"

    def ready(self) -> None:
        from curation import checks  # noqa: F401 - registers the system check
        from curation.roles import apply_roles_after_migrate

        post_migrate.connect(apply_roles_after_migrate, dispatch_uid="curation.apply_roles")
