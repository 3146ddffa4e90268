from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The privacy officer's work that needs case content (inzage, register, reviews, requests,
    retention): its own app so its tables and migrations live in casework/privacy/."""

    name = "casework.privacy"
    label = "privacy"
    verbose_name = _("Privacy officer's work")
    default_auto_field = "django.db.models.BigAutoField"
