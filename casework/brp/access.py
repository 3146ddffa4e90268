"""Who may look a person up in the BRP, and for which processing activity (ADR 0025).

Only municipal staff (a user of an organisation of kind `gemeente` whose role holds the `brp_lookup`
capability) and only for a processing activity that the register records as authorised for the BRP
(`ProcessingActivity.brp_authorised`, with its legal basis in `brp_legal_basis`). Everyone else is refused
before anything is sent, and the refusal is an audit event: a chain partner never has the BRP consulted on
its behalf.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import Organisation
from accounts.roles import has_capability
from audit import record
from audit.actions import Action, Outcome
from audit.models import ProcessingActivity

CAPABILITY = "brp_lookup"
OBJECT_TYPE = "brp.Persoon"


class BrpRefused(PermissionDenied):
    """This user, or this processing activity, may not consult the BRP; `message` is the Dutch text."""

    def __init__(self, message: str, *, cause: str) -> None:
        super().__init__(message)
        self.message = message
        self.cause = cause


def authorised_activity(code: str) -> ProcessingActivity | None:
    """The active register entry for `code` if it records a BRP authorisation, else None."""
    return ProcessingActivity.objects.filter(code=code, is_active=True, brp_authorised=True).first()


def is_municipal_staff(user: Any) -> bool:
    organisation = getattr(user, "organisation", None)
    return (organisation is not None and organisation.kind == Organisation.Kind.GEMEENTE
            and has_capability(user, CAPABILITY))


def require_brp_access(user: Any, processing_activity: str) -> ProcessingActivity:
    """The activity's register entry, or `BrpRefused` (recorded as a denied event) before any call."""
    if not is_municipal_staff(user):
        cause = "not municipal staff"
        message = _("Only municipal staff may consult the BRP. Enter the person's details by hand.")
        activity = None
    else:
        activity = authorised_activity(processing_activity)
        cause = "activity not authorised for the BRP"
        message = _("This processing activity has no authorisation for the BRP. Enter the person's details by "
                    "hand.")
    if activity is None:
        record(action=Action.VIEW, outcome=Outcome.DENIED, processing_activity=processing_activity,
               object_type=OBJECT_TYPE, reason=f"brp refused: {cause}", actor=user)
        raise BrpRefused(message, cause=cause)
    return activity
