"""The capability to receive notifications, and the categories of the notification tables' fields.

A notification and a preference are no case data (INTERNAL: never shown through a sharing decision):
ids, a kind and dates. What an entry shows of its case is decided by the case's own access rules.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import CASE_ROLES, Capability
from casework.categories import INTERNAL

CAPABILITY = Capability(
    "notifications", _("notifications: the own list, mark read, choose delivery by e-mail"), CASE_ROLES,
    ("casework:notification_list", "casework:notification_settings"),
    _("own notifications only; an entry names its case only while the user has access to it"),
)

FIELD_CATEGORIES: dict[str, dict[str, str]] = {
    "notifications.Notification": dict.fromkeys(
        ("id", "recipient", "kind", "case_id", "event_key", "delivery", "created_at", "read_at", "sent_at"), INTERNAL),
    "notifications.NotificationPreference": dict.fromkeys(("id", "user", "kind", "delivery"), INTERNAL),
}
