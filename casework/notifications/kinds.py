"""The kinds of notification and the ways a user can have them delivered (no case type named here).

A kind is what happened, in words that say nothing about the person or the case: the label is the
whole content of a notification's mail (ADR 0032). Case types announce their own events under these
kinds (PGA: a new referral) by calling `casework.notifications.services.notify`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REFERRAL_NEW = "referral_new", _("A new referral for your team")
    AGREEMENT_DUE = "agreement_due", _("An agreement or intervention is due soon")
    AGREEMENT_OVERDUE = "agreement_overdue", _("An agreement or intervention is overdue")
    APPROVAL_REQUESTED = "approval_requested", _("An approval is asked of you")
    APPROVAL_DECIDED = "approval_decided", _("Your request for approval was decided")
    SHARE_EXPIRING = "share_expiring", _("A sharing decision ends soon")
    CASE_HANDED_OVER = "case_handed_over", _("A case was handed over to you")


class Delivery(models.TextChoices):
    IN_APP = "in_app", _("In the application only")
    MAIL = "mail", _("In the application and at once by e-mail")
    DIGEST = "digest", _("In the application and in the daily e-mail")


DEFAULT_DELIVERY = Delivery.IN_APP
RETENTION_DAYS = 90  # notifications older than this are purged (`purge_notifications`, daily)
AGREEMENT_WARNING_DAYS = 3  # "due soon": an agreement due within this many days
SHARE_WARNING_DAYS = 14  # "ends soon": a sharing decision that ends within this many days
