"""Notification mails: the kind of event and a link into the application, nothing else.

A mail leaves the system's protection (mail servers, phones), so — as the meeting invitations
(ADR 0026) — subject and body carry no case reference, no name, BSN, address or free text: only
what kind of thing happened and a link to the user's notification list, where the entry is shown
after a fresh access check (ADR 0032). tests/casework/notifications/test_mail.py checks every kind.

`mails_send` is called once a notifying transaction commits (for the recipients who chose "mail")
and hourly by `manage.py send_notification_mails` for whatever could not be sent then. A row is
claimed (`sent_at` set) before its mail goes out and released when sending fails, so two senders
never mail the same notification twice.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from casework.notifications.kinds import Delivery, Kind
from casework.notifications.models import Notification

logger = logging.getLogger("zorgveilig.notifications")


def list_link() -> str:
    return settings.APP_BASE_URL + reverse("casework:notification_list")


def message_text(kind: str) -> tuple[str, str]:
    """(subject, body) of the mail for one notification of `kind`: its kind and a link only."""
    label = str(Kind(kind).label)
    subject = _("Notification: %(kind)s") % {"kind": label}
    body = "\n".join([
        _("There is a new notification for you in the case system:"),
        "",
        f"- {label}",
        "",
        _("Open your notifications to see what it is about: %(link)s") % {"link": list_link()},
        "",
        _("For your protection this e-mail names no case or person. You can choose which notifications you "
          "receive by e-mail on the notification settings page."),
    ])
    return subject, body


def mails_send(*, recipient_ids: Iterable[uuid.UUID] | None = None, quiet: bool = False) -> int:
    """Send every pending "mail" notification (of these recipients only, if given); returns how many went out.

    `quiet`: a failure is logged and left for the hourly job instead of raised (after a request's commit)."""
    pending = Notification.objects.filter(delivery=Delivery.MAIL, sent_at__isnull=True).select_related("recipient")
    if recipient_ids is not None:
        pending = pending.filter(recipient_id__in=list(recipient_ids))
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for notification in pending.order_by("id"):
            claimed = Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(
                sent_at=timezone.now())
            recipient = notification.recipient
            if not claimed or not recipient.email or not recipient.is_active:
                continue  # another sender has it, or there is nobody to mail: kept in the application only
            subject, body = message_text(notification.kind)
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email], fail_silently=False)
            except Exception as exc:
                Notification.objects.filter(pk=notification.pk).update(sent_at=None)
                logger.warning("notification mail not sent", extra={"notification": notification.pk,
                                                                     "exc_type": type(exc).__name__})
                if not quiet:
                    raise
                continue
            sent += 1
    return sent


def _waiting(user: User, until: datetime) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, delivery=Delivery.DIGEST, sent_at__isnull=True,
                                       created_at__lte=until)


def digest_pending(user: User, until: datetime) -> Counter[str]:
    """The kinds (with counts) of `user`'s notifications made up to `until` waiting for the daily e-mail."""
    return Counter(_waiting(user, until).values_list("kind", flat=True))


def digest_recipients() -> set[uuid.UUID]:
    """Ids of the users with notifications waiting for the daily e-mail."""
    return set(Notification.objects.filter(delivery=Delivery.DIGEST, sent_at__isnull=True)
               .values_list("recipient_id", flat=True))


def digest_lines(counts: Counter[str]) -> list[str]:
    """The digest's part of the daily e-mail: how many of which kind, and the link (no case, no name)."""
    if not counts:
        return []
    lines = [_("New notifications in the application:"), ""]
    lines += [f"- {counts[kind]} × {label}" for kind, label in Kind.choices if counts.get(kind)]
    return [*lines, "", _("Open your notifications: %(link)s") % {"link": list_link()}]


def digest_mark_sent(user: User, until: datetime) -> int:
    """Mark sent what `digest_pending(user, until)` counted (one made since waits for the next day)."""
    return _waiting(user, until).update(sent_at=timezone.now())
