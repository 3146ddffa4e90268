"""Notifications: creating them (`notify`), reading them off, and each user's choice of delivery.

`notify(kind, case=..., recipients=..., actor=...)` is the one way in: the services that hand a case
over, ask or decide an approval (the core) and register a referral (PGA) call it; the daily job
(`casework.notifications.due`) calls it for agreements due and sharing decisions ending. Every
recipient gets one row holding ids and the kind only; the actor is never notified of their own act.
A recipient who chose "mail" gets a mail once the transaction commits (casework/notifications/mail.py),
and the hourly `send_notification_mails` retries what could not be sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit import record
from audit.actions import Action
from audit.activities import ACCOUNT_ADMINISTRATION
from casework.models import Case
from casework.notifications.kinds import DEFAULT_DELIVERY, Delivery, Kind
from casework.notifications.models import Notification, NotificationPreference


def deliveries_of(users: Iterable[User], kind: str) -> dict[uuid.UUID, str]:
    """Each user's chosen delivery of `kind` (one query; the default for who chose nothing)."""
    ids = [user.pk for user in users]
    chosen = dict(NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "delivery"))
    return {pk: chosen.get(pk, DEFAULT_DELIVERY) for pk in ids}


def _recipients(recipients: Iterable[User | None], actor: User | None) -> list[User]:
    found: dict[uuid.UUID, User] = {}
    for user in recipients:
        if user is None or not user.is_active or (actor is not None and user.pk == actor.pk):
            continue
        found.setdefault(user.pk, user)
    return list(found.values())


@dataclass(frozen=True)
class Announcement:
    """One event to announce: about `case` (or none), to `recipients`, once per `event_key` when one is given."""

    case: Case | None
    recipients: Sequence[User | None]
    event_key: str = ""


def notify(kind: str, *, case: Case | None, recipients: Iterable[User | None], actor: User | None = None,
           event_key: str = "", now: datetime | None = None) -> int:
    """One notification of `kind` about `case` for every active recipient except `actor`; returns how
    many were made. With an `event_key` a recipient gets it once however often it is announced."""
    return notify_many(kind, [Announcement(case, list(recipients), event_key)], actor=actor, now=now)


def notify_many(kind: str, announcements: Sequence[Announcement], *, actor: User | None = None,
                now: datetime | None = None) -> int:
    """`notify` for many events of one kind at once (the daily job): three queries however many there are
    (what was announced already, the recipients' deliveries, the insert). Returns how many were made."""
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    wanted = [(announcement, user) for announcement in announcements
              for user in _recipients(announcement.recipients, actor)]
    keyed = [(announcement, user) for announcement, user in wanted if announcement.event_key]
    if keyed:
        done = set(Notification.objects.filter(
            recipient__in={user.pk for _a, user in keyed}, kind=kind,
            event_key__in={announcement.event_key for announcement, _u in keyed},
        ).values_list("recipient_id", "case_id", "event_key"))
        wanted = [(announcement, user) for announcement, user in wanted if not announcement.event_key
                  or (user.pk, announcement.case.pk if announcement.case else None, announcement.event_key) not in done]
    if not wanted:
        return 0
    deliveries = deliveries_of({user.pk: user for _a, user in wanted}.values(), kind)
    moment = now or timezone.now()
    Notification.objects.bulk_create([
        Notification(recipient=user, kind=kind, case_id=announcement.case.pk if announcement.case else None,
                     event_key=announcement.event_key, delivery=deliveries[user.pk], created_at=moment)
        for announcement, user in wanted
    ], ignore_conflicts=any(announcement.event_key for announcement, _u in wanted))
    to_mail = sorted({user.pk for _a, user in wanted if deliveries[user.pk] == Delivery.MAIL})
    if to_mail:
        from casework.notifications.mail import mails_send

        transaction.on_commit(lambda: mails_send(recipient_ids=to_mail, quiet=True))
    return len(wanted)


def case_opened_announce(*, case: Case, actor: User | None) -> int:
    """A new case for a team (a referral, or a case opened from another type's case): its owner and the
    team's members are notified, not the actor; announced once per case however often it is called."""
    team = list(User.objects.filter(team_id=case.team_id, is_active=True)) if case.team_id else []
    return notify(Kind.REFERRAL_NEW, case=case, recipients=[case.owner, *team], actor=actor, event_key="opened")


def notification_read(*, user: User, notification_id: int) -> bool:
    """Mark one of `user`'s notifications read. Idempotent: reading it twice changes nothing.
    Returns False when `user` has no such notification (someone else's counts as none)."""
    mine = Notification.objects.filter(pk=notification_id, recipient=user)
    mine.filter(read_at__isnull=True).update(read_at=timezone.now())
    return mine.exists()


def notifications_all_read(*, user: User) -> int:
    """Mark every unread notification of `user` read; returns how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def preferences_of(user: User) -> dict[str, str]:
    """kind -> delivery for every kind (the default where the user chose nothing)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY) for kind in Kind.values}


@transaction.atomic
def preferences_set(*, user: User, choices: Mapping[str, str]) -> list[str]:
    """Store `user`'s delivery per kind; returns the kinds that changed (recorded, without values)."""
    unknown = [kind for kind, delivery in choices.items() if kind not in Kind.values or delivery not in Delivery.values]
    if unknown:
        raise ValidationError(_("Choose one of the offered ways of delivery."))
    if not user.email and any(delivery != Delivery.IN_APP for delivery in choices.values()):
        raise ValidationError(_("Your account has no e-mail address: only delivery in the application is possible."))
    before = preferences_of(user)
    changed = sorted(kind for kind, delivery in choices.items() if before[kind] != delivery)
    for kind in changed:
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": choices[kind]})
    if changed:
        record(action=Action.UPDATE, processing_activity=ACCOUNT_ADMINISTRATION,
               object_type="notifications.NotificationPreference", object_id=user.pk,
               reason=f"notification preferences:{','.join(changed)}", actor=user)
    return changed


def notifications_purge(*, days: int, now: datetime | None = None) -> int:
    """Delete the notifications created more than `days` days ago (the retention policy); returns the count."""
    if days < 1:
        raise ValueError("days must be one or more")
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = Notification.objects.filter(created_at__lt=cutoff).delete()
    return deleted
