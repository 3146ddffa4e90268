from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save


class EncryptionConfig(AppConfig):
    name = "encryption"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from encryption.fields import close_row_scope, open_row_scope

        # One key check per row written outside a scope (encryption/fields.py, `open_row_scope`).
        pre_save.connect(open_row_scope, dispatch_uid="encryption.open_row_scope")
        post_save.connect(close_row_scope, dispatch_uid="encryption.close_row_scope")
