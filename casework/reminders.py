"""Deadline reminders: one e-mail per case owner listing what is due soon or overdue.

Run daily by `manage.py send_deadline_reminders` (cron, systemd timer, Kubernetes CronJob).
For every case type, `casework.selectors.deadlines_due` says what is due; this module only
groups it per owner and mails it. An e-mail leaves the system's protection (mail servers,
phones), so it carries **case references, kinds of deadline and dates only** — never a name,
BSN, address or the text of an agreement; the owner opens the case in the application.

The mail also carries the user's notifications that they chose to have "in the daily e-mail"
(casework/notifications/mail.py): how many of which kind and a link, never a case or a name; a user
with only such notifications gets the mail too.

Idempotent per day: the ids of owners already mailed on a day are kept in a small stamp file
under DATA_DIR/reminders/, so a scheduler that retries (or a second run) sends nothing twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from casework.contributions import Deadline
from casework.models import Case
from casework.notifications import mail as notification_mail
from casework.selectors import deadlines_due

DEFAULT_DAYS = 7
MAX_PER_OWNER = 500  # far above any caseload; keeps one mail bounded


@dataclass(frozen=True)
class ReminderRun:
    sent: int
    skipped_already_sent: int
    owners_checked: int


def stamp_path(day: date) -> Path:
    return Path(settings.DATA_DIR) / "reminders" / f"{day.isoformat()}.sent"


def _already_sent(day: date) -> set[str]:
    path = stamp_path(day)
    return set(path.read_text(encoding="ascii").split()) if path.exists() else set()


def _mark_sent(day: date, user_id: str) -> None:
    path = stamp_path(day)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="ascii") as stamp:
        stamp.write(f"{user_id}\n")


def owned_deadlines(*, owner: User, until: date, today: date) -> list[Deadline]:
    """The owner's own cases only: team colleagues get their own reminders for theirs."""
    found = deadlines_due(user=owner, until=until, today=today, limit=MAX_PER_OWNER)
    return [deadline for deadline in found if deadline.case.owner_id == owner.pk]


def _line(deadline: Deadline, today: date) -> str:
    # A deadline's label names its kind, never its content (an agreement's text stays out of mail).
    kind = str(deadline.label) or _("Deadline")
    if deadline.legal_basis:
        kind = f"{kind} ({deadline.legal_basis})"
    late = f" ({_('overdue')})" if deadline.due_on < today else ""
    return f"- {deadline.case.reference}: {kind}, {deadline.due_on.isoformat()}{late}"


def reminder_message(*, deadlines: Iterable[Deadline], today: date, days: int,
                     digest: Counter[str] | None = None) -> tuple[str, str]:
    """(subject, body): references, kinds and dates only — nothing about the person; then the
    notifications chosen for the daily e-mail (kinds and counts only)."""
    lines = [_line(deadline, today) for deadline in deadlines]
    digest_lines = notification_mail.digest_lines(digest or Counter())
    if not lines:
        return _("New notifications in the application"), "\n".join(digest_lines)
    subject = _("Deadlines due within %(days)d days or overdue") % {"days": days}
    body = "\n".join([
        _("The following deadlines of your cases are due soon or overdue:"),
        "",
        *lines,
        "",
        _("Open the cases in the application for the details."),
        *(["", *digest_lines] if digest_lines else []),
    ])
    return subject, body


def reminder_recipients():
    """The owners of open cases and the users with notifications waiting for the daily e-mail."""
    open_owners = Case.objects.filter(closed_on__isnull=True).values("owner_id")
    waiting = notification_mail.digest_recipients()
    return User.objects.filter(Q(pk__in=open_owners) | Q(pk__in=waiting), is_active=True).order_by("username")


def deadline_reminders_send(*, days: int = DEFAULT_DAYS, today: date | None = None, force: bool = False) -> ReminderRun:
    """Mail every owner whose open cases have deadlines within `days` days or overdue, once a day."""
    if days < 0:
        raise ValueError("days must be zero or more")
    today = today or timezone.localdate()
    until = today + timedelta(days=days)
    done = set() if force else _already_sent(today)
    sent = skipped = checked = 0
    with translation.override(settings.LANGUAGE_CODE):
        for owner in reminder_recipients():
            checked += 1
            if not owner.email:
                continue
            deadlines = owned_deadlines(owner=owner, until=until, today=today)
            cutoff = timezone.now()
            digest = notification_mail.digest_pending(owner, cutoff)
            if not deadlines and not digest:
                continue
            if str(owner.pk) in done:
                skipped += 1
                continue
            subject, body = reminder_message(deadlines=deadlines, today=today, days=days, digest=digest)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email], fail_silently=False)
            notification_mail.digest_mark_sent(owner, cutoff)
            _mark_sent(today, str(owner.pk))
            sent += 1
    return ReminderRun(sent=sent, skipped_already_sent=skipped, owners_checked=checked)
