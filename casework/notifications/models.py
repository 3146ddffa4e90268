"""A notification per recipient, and each user's choice of delivery per kind.

A notification holds ids and its kind only: who gets it, which case it is about (a plain id, no
foreign key, so it outlives a destroyed dossier and says nothing by itself), when, and whether it
was read or mailed. What the list shows of the case is decided when it is shown, by the viewer's
access at that moment (ADR 0032).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.notifications.kinds import DEFAULT_DELIVERY, Delivery, Kind


class Notification(models.Model):
    id = models.BigAutoField(primary_key=True)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                                  verbose_name=_("recipient"))
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    case_id = models.UUIDField(_("case id"), null=True, blank=True)
    # For the events the daily job finds (an agreement due, a share ending): which row and date, so
    # a second run announces nothing twice. Ids and dates only.
    event_key = models.CharField(_("event key"), max_length=100, blank=True, default="")
    delivery = models.CharField(_("delivery"), max_length=8, choices=Delivery.choices, default=DEFAULT_DELIVERY)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            models.Index(fields=["delivery"], condition=Q(sent_at__isnull=True) & ~Q(delivery="in_app"),
                         name="notification_to_mail"),
            models.Index(fields=["created_at"], name="notification_created"),
        ]
        constraints = [
            models.CheckConstraint(name="notification_kind_known", condition=Q(kind__in=Kind.values)),
            models.CheckConstraint(name="notification_delivery_known", condition=Q(delivery__in=Delivery.values)),
            models.CheckConstraint(name="notification_in_app_not_mailed",
                                   condition=~Q(delivery="in_app") | Q(sent_at__isnull=True)),
            models.UniqueConstraint(fields=["recipient", "kind", "case_id", "event_key"], name="notification_once",
                                    condition=~Q(event_key="")),
        ]

    def __str__(self) -> str:
        return f"notification {self.pk} ({self.kind})"


class NotificationPreference(models.Model):
    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notification_preferences", verbose_name=_("user"))
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=8, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once"),
            models.CheckConstraint(name="notification_preference_kind_known", condition=Q(kind__in=Kind.values)),
            models.CheckConstraint(name="notification_preference_delivery_known",
                                   condition=Q(delivery__in=Delivery.values)),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"
