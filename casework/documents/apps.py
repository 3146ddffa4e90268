from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _bench_request(sample):  # type: ignore[no-untyped-def]
    """The documents page of one case the seeded regisseur sees (None on a database without cases)."""
    case_id = next(iter(sample.case_of_type.values()), None)
    return sample.get(f"/cases/{case_id}/documenten/") if case_id else None


class DocumentsConfig(AppConfig):
    """Documents of cases: its own app so its tables and migrations live in casework/documents/.
    It knows no case type (ADR 0030)."""

    name = "casework.documents"
    label = "documents"
    verbose_name = _("Documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casework.documents import reasons
        reasons.register()  # the reasons it records, in words on the audit screens
        from accounts import roles
        from casework import categories
        from casework.bench.pages import BenchPage, register
        from casework.documents.categories import CAPABILITY, FIELD_CATEGORIES

        categories.register_fields(FIELD_CATEGORIES)
        roles.register_capabilities((CAPABILITY,))
        register(BenchPage("documents list", "regisseur", _bench_request))
