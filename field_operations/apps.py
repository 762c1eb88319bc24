from django.apps import AppConfig


class FieldOperationsConfig(AppConfig):
    name = "field_operations"
    verbose_name = "Field operations"
