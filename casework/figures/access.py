"""Who sees the annual figures and who sets goals and enters external figures (accounts/roles.py).

The figures are aggregates of the own organisation's cases; enforcement officers saw the Damocles
figures before, team leads steer on them and privacy officers check what is published. Goals and
external figures are set by team leads. A refusal is a PermissionDenied: a 403 the audit middleware
records.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.roles import HANDHAVER, PRIVACY_OFFICER, TEAMLEIDER, Capability, has_capability
from casework.categories import INTERNAL

# Counting cases for management information (AVG art. 89); its register row: migrations/0002.
PROCESSING_ACTIVITY = "beleidsinformatie"

VIEW = Capability(
    "figures", _("annual figures per year and quarter, their CSV and XLSX exports, and computing them anew"),
    frozenset({HANDHAVER, TEAMLEIDER, PRIVACY_OFFICER}),
    ("casework:figures", "casework:figures_csv", "casework:figures_xlsx"),  # and the POST casework:figures_refresh
    _("cases the own organisation controls; counts below 5 suppressed"),
)
MANAGE = Capability(
    "figures_manage", _("goals per indicator and external figures (police, Veilig Thuis) per year"),
    frozenset({TEAMLEIDER}), ("casework:figures_goals", "casework:figures_external"), _("own organisation"),
)
CAPABILITIES = (VIEW, MANAGE)

_COMMON = ("id", "organisation", "year", "value")
FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "figures.Goal": dict.fromkeys((*_COMMON, "indicator", "comparison", "set_by", "set_at"), INTERNAL),
    "figures.ExternalFigure": dict.fromkeys((*_COMMON, "kind", "source", "entered_by", "entered_at"), INTERNAL),
    "figures.StoredFigures": dict.fromkeys(("id", "organisation", "report", "period", "values", "computed_at"),
                                           INTERNAL),
}


def require(user, capability: Capability) -> None:
    """Refuse unless `user` holds the capability and belongs to an organisation."""
    if not has_capability(user, capability.code) or getattr(user, "organisation_id", None) is None:
        raise PermissionDenied(_("Your role does not give access to this page."))
