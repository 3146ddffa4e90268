"""The categories of the meetings' fields (casework/categories.py) and the capability to see meetings.

A meeting series, its sittings and the invitations sent are no case data (INTERNAL: never shown
through a sharing decision). An agenda item is a row of its case: its existence and attendance are
metadata of that case; its goal and minutes are notes — and each item records the category of its
case they are kept under (`minutes_category`), which the meeting pages check.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import CASE_ROLES, Capability
from casework.categories import INTERNAL, METADATA, NOTES

CAPABILITY = Capability(
    "meetings", _("meetings (triage, casusoverleg): agendas, minutes per agenda item"), CASE_ROLES,
    ("casework:meeting_list",),
    _("meetings of the own organisation and those the own organisation is invited to; an agenda item in "
      "full only with access to its case"),
)

_SERIES = ("id", "title", "kind", "recurrence", "weekday", "first_on", "starts_at", "duration_minutes", "place",
           "video_link", "chair", "organisation", "team", "staff", "referral_weekday", "referral_time", "created_by",
           "created_at")

FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "meetings.Meeting": dict.fromkeys(_SERIES, INTERNAL),
    "meetings.MeetingOccurrence": dict.fromkeys(("id", "meeting", "starts", "ends", "status", "sequence"), INTERNAL),
    "meetings.InvitationSent": dict.fromkeys(("id", "occurrence", "user", "sequence", "method", "sent_at"), INTERNAL),
    "meetings.AgendaItem": {
        "id": INTERNAL, "data_key_id": INTERNAL, "minutes_category": INTERNAL,
        "occurrence": METADATA, "case": METADATA, "number": METADATA, "invited": METADATA, "attending": METADATA,
        "attending_users": METADATA, "added_by": METADATA, "added_at": METADATA, "recorded_at": METADATA,
        "goal": NOTES, "minutes": NOTES,
    },
}
