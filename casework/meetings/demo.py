"""Meetings demo data for `seed_demo`: a weekly triage on Tuesday and a casusoverleg, with agenda items
on demo cases — one for a partner with a sharing decision (shown in full), one for the same partner
without one (shown as "Agendapunt N"), and a case of another type. Idempotent (the triage's title is
the marker); the invitations are left to the daily command (`send_meeting_invitations`)."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from accounts.models import Organisation, User
from casework.meetings.models import Meeting, MeetingOccurrence
from casework.meetings.services import agenda_add, meeting_create, referral_deadline
from casework.models import Case, SharingDecision

TRIAGE_TITLE = "Wekelijkse triage Zorg- en Veiligheidshuis"
CASUSOVERLEG_TITLE = "Casusoverleg Top-X"
PARTNER = "Reclassering Demo"
OPEN_PGA = ("in_behandeling", "casusoverleg", "plan", "uitvoering")


def _next_open(meeting: Meeting) -> MeetingOccurrence | None:
    now = timezone.now()
    for occurrence in meeting.occurrences.filter(starts__gt=now).order_by("starts"):
        deadline = referral_deadline(occurrence)
        if deadline is None or deadline > now + timedelta(minutes=5):
            return occurrence
    return None


def _add(occurrence: MeetingOccurrence | None, case: Case | None, goal: str, invited: list[Organisation]) -> int:
    if occurrence is None or case is None or case.owner is None:
        return 0
    agenda_add(actor=case.owner, occurrence=occurrence, case=case, goal=goal, invited=invited, notify=False)
    return 1


def demo_lines() -> list[str]:
    if Meeting.objects.filter(title=TRIAGE_TITLE).exists():
        return ["Meetings: the demo triage and casusoverleg exist already."]
    chair = User.objects.filter(username="regisseur").select_related("organisation").first()
    partner = Organisation.objects.filter(name=PARTNER).first()
    if chair is None or partner is None or chair.organisation is None:
        return []
    organisation = chair.organisation
    today = timezone.localdate()
    colleagues = list(User.objects.filter(username__in=["regisseur2", "teamleider"]))
    triage = meeting_create(actor=chair, title=TRIAGE_TITLE, kind=Meeting.Kind.TRIAGE,
                            recurrence=Meeting.Recurrence.WEEKLY, weekday=1, first_on=today, starts_at=time(10),
                            chair=chair, organisation=organisation, place="Stadhuis Demodorp, zaal 2",
                            staff=colleagues, referral_weekday=0, referral_time=time(12))
    first_on = today + timedelta(days=7 + (3 - today.weekday()) % 7)  # a Thursday one to two weeks ahead
    overleg = meeting_create(actor=chair, title=CASUSOVERLEG_TITLE, kind=Meeting.Kind.CASUSOVERLEG,
                             recurrence=Meeting.Recurrence.SINGLE, first_on=first_on, starts_at=time(14),
                             chair=chair, organisation=organisation,
                             video_link="https://video.demodorp.invalid/casusoverleg-top-x",
                             referral_weekday=1, referral_time=time(17))
    pga = Case.objects.filter(controller=organisation, closed_on__isnull=True, owner__isnull=False,
                              case_type="pga", status__in=OPEN_PGA).select_related("owner").order_by("reference")
    shared_ids = SharingDecision.objects.filter(partner=partner, revoked_at__isnull=True, ends_on__gte=today,
                                                starts_on__lte=today).values("case_id")
    shared = pga.filter(pk__in=shared_ids).first()  # put on the agenda by its own owner
    unshared = pga.filter(owner=chair).exclude(pk__in=shared_ids).first()
    other_type = Case.objects.filter(controller=organisation, closed_on__isnull=True, owner__isnull=False) \
        .exclude(case_type="pga").select_related("owner").order_by("reference").first()
    sitting, table = _next_open(triage), _next_open(overleg)
    items = _add(sitting, unshared, "Demo: eerste bespreking na aanmelding.", [partner])
    items += _add(table, shared, "Demo: voortgang van de afspraken met de reclassering.", [partner])
    items += _add(table, unshared if unshared and sitting is None else other_type,
                  "Demo: afstemming tussen zorg en handhaving.", [partner])
    return [f"Meetings: a weekly triage (Tuesday 10:00, referrals before Monday 12:00) and a casusoverleg, "
            f"{items} agenda items; user 'partner' sees one item in full and the others as an item number."]
