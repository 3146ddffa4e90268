"""Meetings: a series, its sittings and the agenda items (one case each) with attendance and minutes.

Only the agenda item holds case data: its goal and minutes are sealed with the case's data key and
belong to the category in `minutes_category` (the case type's conference category, else "notes").
A meeting's title, time and place are no personal data; the services refuse nothing there, so
staff are told on the form to keep names and references out of a title (it goes out by mail).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Team
from audit.history import ReasonedHistoricalRecords
from casework.models import Case
from casework.models.cases import processing_activity_of
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedTextField

WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")), (4, _("Friday")),
            (5, _("Saturday")), (6, _("Sunday"))]


class Meeting(models.Model):
    """A meeting series: once, or weekly on a weekday at a time."""

    class Kind(models.TextChoices):
        TRIAGE = "triage", _("Weekly triage")
        CASUSOVERLEG = "casusoverleg", _("Case conference (casusoverleg)")
        OTHER = "other", _("Other meeting")

    class Recurrence(models.TextChoices):
        SINGLE = "single", _("Once")
        WEEKLY = "weekly", _("Weekly")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind of meeting"), max_length=16, choices=Kind.choices)
    recurrence = models.CharField(_("recurrence"), max_length=8, choices=Recurrence.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS, null=True, blank=True)
    first_on = models.DateField(_("first date"))
    starts_at = models.TimeField(_("start time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=60)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), max_length=300, blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("chair"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organising organisation"))
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                             verbose_name=_("team"))
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True,
                                   verbose_name=_("invited colleagues"))
    # "Aanmelden vóór maandag 12:00": the last weekday and time before a sitting to put a case on it.
    referral_weekday = models.PositiveSmallIntegerField(_("referral deadline: weekday"), choices=WEEKDAYS,
                                                        null=True, blank=True)
    referral_time = models.TimeField(_("referral deadline: time"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(name="meeting_kind_known",
                                   condition=Q(kind__in=["triage", "casusoverleg", "other"])),
            models.CheckConstraint(
                name="meeting_weekly_has_weekday",
                condition=Q(recurrence="weekly", weekday__isnull=False, weekday__lte=6)
                | Q(recurrence="single", weekday__isnull=True)),
            models.CheckConstraint(name="meeting_place_or_link", condition=~Q(place="") | ~Q(video_link="")),
            models.CheckConstraint(
                name="meeting_referral_deadline_whole",
                condition=Q(referral_weekday__isnull=True, referral_time__isnull=True)
                | Q(referral_weekday__isnull=False, referral_weekday__lte=6, referral_time__isnull=False)),
            models.CheckConstraint(name="meeting_duration_positive",
                                   condition=Q(duration_minutes__gte=5, duration_minutes__lte=720)),
        ]

    def __str__(self) -> str:
        return self.title

    def referral_deadline(self, starts: datetime) -> datetime | None:
        """The moment before a sitting at `starts` (aware) after which no case may be put on it."""
        if self.referral_weekday is None or self.referral_time is None:
            return None
        local = starts.astimezone(starts.tzinfo)
        back = (local.weekday() - self.referral_weekday) % 7
        if back == 0 and self.referral_time >= local.time():
            back = 7
        day = local.date() - timedelta(days=back)
        return datetime.combine(day, self.referral_time, tzinfo=local.tzinfo)

    def dates(self, start: date, until: date) -> list[date]:
        """The dates of sittings from `start` to `until` (inclusive) under the series' rule."""
        if self.recurrence == self.Recurrence.SINGLE:
            return [self.first_on] if start <= self.first_on <= until else []
        day = max(start, self.first_on)
        day += timedelta(days=((self.weekday or 0) - day.weekday()) % 7)
        found = []
        while day <= until:
            found.append(day)
            day += timedelta(days=7)
        return found

    @staticmethod
    def start_time(on: date, at: time) -> datetime:
        from django.utils import timezone

        return timezone.make_aware(datetime.combine(on, at))


class MeetingOccurrence(models.Model):
    """One sitting of a meeting. `sequence` counts the changes sent out (iCalendar SEQUENCE)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="occurrences")
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ["starts"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "starts"], name="occurrence_once_per_start"),
            models.CheckConstraint(name="occurrence_ends_after_start", condition=Q(ends__gt=models.F("starts"))),
            models.CheckConstraint(name="occurrence_status_known",
                                   condition=Q(status__in=["planned", "held", "cancelled"])),
        ]
        indexes = [models.Index(fields=["starts"], name="occurrence_starts")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.starts.isoformat()}"

    @property
    def cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


def _item_history() -> ReasonedHistoricalRecords:
    return ReasonedHistoricalRecords(
        audit_processing_activity=lambda obj: processing_activity_of(obj.case),
        audit_subject=lambda obj: obj.case.person_id,
        audit_case=lambda obj: obj.case_id,
    )


class AgendaItem(models.Model):
    """One case on one sitting. Goal and minutes are sealed with the case's data key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    occurrence = models.ForeignKey(MeetingOccurrence, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField(_("item number"))
    goal = EncryptedTextField(_("goal of the discussion"), label="meetings.AgendaItem.goal", null=True, blank=True)
    minutes = EncryptedTextField(_("minutes"), label="meetings.AgendaItem.minutes", null=True, blank=True)
    # The case's category the goal and minutes belong to (fixed when the item is made).
    minutes_category = models.CharField(max_length=40)
    invited = models.ManyToManyField(Organisation, related_name="+", blank=True,
                                     verbose_name=_("invited partner organisations"))
    attending = models.ManyToManyField(Organisation, related_name="+", blank=True,
                                       verbose_name=_("organisations present"))
    attending_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True,
                                             verbose_name=_("colleagues present"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    history = _item_history()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["occurrence", "number"]
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "number"], name="agenda_item_number_unique"),
            models.UniqueConstraint(fields=["occurrence", "case"], name="agenda_item_case_once"),
            models.CheckConstraint(name="agenda_item_number_positive", condition=Q(number__gte=1)),
            models.CheckConstraint(name="agenda_item_category_set", condition=~Q(minutes_category="")),
            encrypted_column_constraint("goal"),
            encrypted_column_constraint("minutes"),
        ]

    def __str__(self) -> str:
        return f"agenda item {self.number} of {self.occurrence_id}"


class InvitationSent(models.Model):
    """Which invitee got which version (SEQUENCE) of a sitting's invitation: sending is idempotent,
    and a cancellation goes to exactly those who were invited."""

    id = models.BigAutoField(primary_key=True)
    occurrence = models.ForeignKey(MeetingOccurrence, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sequence = models.PositiveIntegerField()
    method = models.CharField(max_length=8, default="REQUEST")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation sent")
        verbose_name_plural = _("invitations sent")
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "user", "sequence"], name="invitation_once_per_version"),
            models.CheckConstraint(name="invitation_method_known", condition=Q(method__in=["REQUEST", "CANCEL"])),
        ]

    def __str__(self) -> str:
        return f"invitation {self.occurrence_id} v{self.sequence} {self.method}"
