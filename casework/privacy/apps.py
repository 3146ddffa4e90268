from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The privacy officer's work that needs case content (inzage, register, reviews, requests,
    retention): its own app so its tables and migrations live in casework/privacy/."""

    name = "casework.privacy"
    label = "privacy"
    verbose_name = _("Privacy officer's work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.privacy import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from accounts import navigation
        from casework import categories
        from casework.privacy.categories import FIELD_CATEGORIES

        categories.register_fields(FIELD_CATEGORIES)
        entry = navigation.Entry
        navigation.register(
            entry("casework:privacy_subject_search", _("Find a data subject"), "privacy_subject_search", 81),
            entry("casework:privacy_inzage", _("Inzage report"), "privacy_inzage", 82),
            entry("casework:privacy_requests", _("Data-subject requests"), "privacy_requests", 83),
            entry("casework:privacy_sharing_register", _("Sharing register"), "privacy_sharing_register", 84),
            entry("casework:privacy_reviews", _("Reviews"), "privacy_reviews", 85),
            entry("casework:privacy_retention", _("Retention and destruction"), "privacy_retention", 86),
        )
