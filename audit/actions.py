"""The fixed vocabulary of the audit trail: what happened (action) and how it ended (outcome).

Kept in code, not in the database, because every caller names an action as a constant and the
privacy officer's reports group by it; later issues add actions here (and a migration follows for
the field's choices). Values are stored as they are, so never rename one: add a new one.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("View")
    LIST = "list", _("List")
    SEARCH = "search", _("Search")
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    EXPORT = "export", _("Export")
    PRINT = "print", _("Print")
    SHARE = "share", _("Share")
    SHARE_REVOKED = "share_revoked", _("Sharing revoked")
    SHARE_EXPIRED = "share_expired", _("Sharing expired")
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
    ACCESS_DENIED = "access_denied", _("Access denied")
    BREAK_GLASS = "break_glass", _("Emergency access")
    APPROVE = "approve", _("Approve")
    HANDOVER = "handover", _("Handover")
    SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset")
    REVIEW = "review", _("Review")
    RESTRICT = "restrict", _("Restrict processing")
    KEY_ROTATION = "key_rotation", _("Key rotation")
    REENCRYPT = "reencrypt", _("Re-encryption")
    SHRED = "shred", _("Crypto-shredding")
    DESTROY = "destroy", _("Destruction")
    CHECKPOINT = "checkpoint", _("Audit checkpoint")
    AUDIT_PURGE = "audit_purge", _("Audit retention purge")
    DEACTIVATE = "deactivate", _("Deactivate account")


class Outcome(models.TextChoices):
    OK = "ok", _("Succeeded")
    DENIED = "denied", _("Denied")
    ERROR = "error", _("Error")


# Actions that disclose personal data to the actor: the privacy officer's "which subjects did this
# user open" question (a data-breach inquiry) looks at these.
DISCLOSING_ACTIONS = (
    Action.VIEW, Action.LIST, Action.SEARCH, Action.EXPORT, Action.PRINT, Action.BREAK_GLASS,
)
