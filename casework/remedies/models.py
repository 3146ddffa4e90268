"""Legal remedies against a decision, shared by every case type: child rows of a case with their
own states and deadlines, never states of the case (architecture.md, domain.md §2 and §3).

- Announcement (bekendmaking, Awb 3:41) of a decision to one addressee, with their own date,
  method and objection deadline (Awb 6:7/6:8 + Atw): each addressee has their own.
- Objection (bezwaar) against the decision as announced to one addressee; the decision term of
  Awb 7:10 is computed and stored, with suspensions (lid 2) and extensions (lid 3/4).
- InterimRelief (voorlopige voorziening, Awb 8:81): only the judge's suspension suspends the decision.
- Appeal (beroep / hoger beroep).
- UrgentEnforcement (spoedeisende bestuursdwang, Awb 5:31; art. 174a lid 4 Gemeentewet): enforcement
  carried out without waiting for the decision's compliance term, with its reasons (encrypted) and
  the written decision that must follow (casework/remedies/terms.py).

The core cannot point a foreign key at a case type's model, so a row names the decided row it is
about generically: `decision_type` (its model label, e.g. "park.PenaltyOrder") and `decision_id`
(its UUID); an objection is about the decision of its announcement. Rows moved here from a case
type keep their id and the label their values were sealed under (`moved_from`, the field's
`sealed_as`), so their ciphertext opens without re-encryption (ADR 0011).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.history import ReasonedHistoricalRecords
from casework.models import Case, Person
from casework.models.cases import processing_activity_of
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField

MOVED_FROM = "moved_from"


def remedy_history() -> ReasonedHistoricalRecords:
    """History of a row of one case, audited under the processing activity of the case's type."""
    return ReasonedHistoricalRecords(
        audit_processing_activity=lambda obj: processing_activity_of(obj.case),
        audit_subject=lambda obj: obj.case.person_id,
        audit_case=lambda obj: obj.case_id,
    )


class DecisionReference(models.Model):
    """What every remedy row has: its case, its dossier key, the decided row it is about."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    decision_type = models.CharField(_("decision (model)"), max_length=64)
    decision_id = models.UUIDField(_("decision"))
    # The model label the row's encrypted values were sealed under before it moved here (empty for
    # rows written here): the values keep opening under that label (encryption/fields.py sealed_as).
    moved_from = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def is_about(self, decision: Any) -> bool:
        return self.decision_type == decision._meta.label and self.decision_id == decision.pk


class AddresseeRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    TENANT = "tenant", _("Tenant")
    OCCUPANT = "occupant", _("Occupant")


class AnnouncementMethod(models.TextChoices):
    """Every way of announcing a decision; each case type offers the ones it uses."""

    REGISTERED_POST = "registered_post", _("Registered post")
    HANDED_BY_POLICE = "handed_by_police", _("Handed over by the police")
    HANDED_IN_PERSON = "handed_in_person", _("Handed over in person")
    BAILIFF = "bailiff", _("Served by a bailiff")


class Announcement(DecisionReference):
    """Bekendmaking of a decision to one addressee; the objection deadline is theirs alone."""

    Method = AnnouncementMethod

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="announcements")
    addressee_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                         verbose_name=_("addressee"))
    addressee_name = EncryptedCharField(_("addressee"), max_length=200, label="remedies.Announcement.addressee_name",
                                        sealed_as=MOVED_FROM, null=True, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=AddresseeRole.choices, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=AnnouncementMethod.choices)
    announced_on = models.DateField(_("announced on"))
    objection_deadline = models.DateField(_("objection deadline"), null=True, blank=True)
    # The last day of the compliance term (begunstigingstermijn) the decision gives this addressee,
    # counted from their own announcement (casework/remedies/terms.py compliance_end); empty when the
    # decision sets no term. Enforcement against this addressee is possible from the day after.
    compliance_ends_on = models.DateField(_("end of the compliance term"), null=True, blank=True)

    history = remedy_history()

    class Meta:
        verbose_name = _("announcement")
        ordering = ["case", "announced_on"]
        indexes = [models.Index(fields=["decision_type", "decision_id"], name="remedies_announcement_decision")]
        constraints = [
            encrypted_column_constraint("addressee_name"),
            models.CheckConstraint(
                condition=models.Q(addressee_person__isnull=False) | models.Q(addressee_name__isnull=False),
                name="remedies_announcement_has_addressee",
            ),
            models.CheckConstraint(
                condition=models.Q(objection_deadline__isnull=True)
                | models.Q(objection_deadline__gt=models.F("announced_on")),
                name="remedies_announcement_deadline_after",
            ),
            models.CheckConstraint(
                condition=models.Q(compliance_ends_on__isnull=True)
                | models.Q(compliance_ends_on__gte=models.F("announced_on")),
                name="remedies_announcement_compliance_after",
            ),
        ]

    def __str__(self) -> str:
        return f"announcement {self.case_id} {self.role} {self.announced_on}"


class Objection(models.Model):
    """Bezwaar against a decision as announced to one addressee (Awb 6:7, 7:10)."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        HEARING = "hearing", _("Hearing planned")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        REVOKED = "revoked", _("Upheld: decision revoked")
        UPHELD = "upheld", _("Upheld: decision changed")
        PARTLY = "partly", _("Partly upheld")
        DISMISSED = "dismissed", _("Unfounded")
        INADMISSIBLE = "inadmissible", _("Inadmissible")

    class PostponementBasis(models.TextChoices):
        """Awb 7:10 lid 4: further postponement beyond the one extension of lid 3."""

        CONSENT = "consent", _("The objector consented in writing")
        STATUTORY_PROCEDURE = "statutory_procedure", _("Needed to comply with a statutory procedure")
        # Only rows extended before lid 3 and 4 were checked (migration 0003); never chosen anew
        # (docs/adr/0015-late-objections-and-postponement-basis.md).
        UNRECORDED = "unrecorded", _("Not recorded (extended before the statutory limits were checked)")

    OPEN_STATES = (State.RECEIVED, State.HEARING)
    MAX_EXTENSION_WEEKS = 6  # Awb 7:10 lid 3

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="objections")
    announcement = models.ForeignKey(Announcement, on_delete=models.PROTECT, related_name="objections")
    received_on = models.DateField(_("received on"))
    # Awb 6:9 lid 2: posted before the end of the term and received within a week after it = on time.
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    # Stored when registered (6:9), so lists and deadlines can select the late ones in SQL. A flag for the
    # official's admissibility decision (6:11), never an automatic inadmissibility: docs/adr/0015.
    late = models.BooleanField(_("lodged after the objection term"), default=False)
    # Awb 6:11: None = not decided yet; True = excusable (treated as admissible); False = not excusable.
    lateness_excused = models.BooleanField(_("lateness excusable (Awb 6:11)"), null=True, blank=True)
    excuse_reasons = EncryptedTextField(_("reasons why the lateness is excusable"),
                                        label="remedies.Objection.excuse_reasons", null=True, blank=True)
    advisory_committee = models.BooleanField(_("advisory committee"), default=False)
    # Awb 7:10 lid 2: from the day after the objector was asked to repair an omission until it was repaired.
    suspended_from = models.DateField(_("asked to repair an omission on"), null=True, blank=True)
    suspended_until = models.DateField(_("omission repaired on"), null=True, blank=True)
    suspension_days = models.PositiveIntegerField(_("days suspended while an omission was repaired"), default=0)
    extension_weeks = models.PositiveIntegerField(_("extension (weeks)"), default=0)
    extension_ground = EncryptedTextField(_("ground for extension"), label="remedies.Objection.extension_ground",
                                          sealed_as=MOVED_FROM, null=True, blank=True)
    extension_notice_sent_on = models.DateField(_("notice of the extension sent on"), null=True, blank=True)
    postponement_weeks = models.PositiveIntegerField(_("further postponement (weeks)"), default=0)
    postponement_basis = models.CharField(_("basis for further postponement"), max_length=24,
                                          choices=PostponementBasis.choices, blank=True)
    consent_on = models.DateField(_("objector's written consent dated"), null=True, blank=True)
    postponement_ground = EncryptedTextField(_("statutory procedure requiring the postponement"),
                                             label="remedies.Objection.postponement_ground", null=True, blank=True)
    postponement_notice_sent_on = models.DateField(_("notice of the postponement sent on"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision on objection due"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    moved_from = models.CharField(max_length=64, blank=True, default="", editable=False)

    history = remedy_history()

    class Meta:
        verbose_name = _("objection")
        ordering = ["case", "received_on"]
        constraints = [
            encrypted_column_constraint("extension_ground"),
            encrypted_column_constraint("excuse_reasons"),
            encrypted_column_constraint("postponement_ground"),
            models.CheckConstraint(
                condition=~models.Q(state="decided") | (models.Q(decided_on__isnull=False) & ~models.Q(outcome="")),
                name="remedies_objection_decided_has_outcome",
            ),
            models.CheckConstraint(condition=models.Q(posted_on__isnull=True)
                                   | models.Q(posted_on__lte=models.F("received_on")),
                                   name="remedies_objection_posted_before_received"),
            models.CheckConstraint(condition=models.Q(late=True) | models.Q(lateness_excused__isnull=True),
                                   name="remedies_objection_excuse_only_when_late"),
            models.CheckConstraint(condition=models.Q(extension_weeks__lte=6),
                                   name="remedies_objection_extension_at_most_6_weeks"),
            models.CheckConstraint(condition=models.Q(suspended_from__isnull=True)
                                   | models.Q(suspended_until__isnull=True)
                                   | models.Q(suspended_until__gte=models.F("suspended_from")),
                                   name="remedies_objection_suspension_in_order"),
            models.CheckConstraint(condition=~models.Q(postponement_basis="consent")
                                   | models.Q(consent_on__isnull=False),
                                   name="remedies_objection_consent_dated"),
            models.CheckConstraint(condition=models.Q(postponement_weeks=0) | ~models.Q(postponement_basis=""),
                                   name="remedies_objection_postponement_has_basis"),
        ]

    def __str__(self) -> str:
        return f"objection {self.case_id} {self.received_on}"

    @property
    def on_time(self) -> bool:
        return not self.late

    @property
    def admissibility_open(self) -> bool:
        """Late, still open, and nobody decided yet whether the lateness is excusable (Awb 6:11)."""
        return self.late and self.lateness_excused is None and self.state in self.OPEN_STATES


class InterimRelief(DecisionReference):
    """Voorlopige voorziening (Awb 8:81): only the judge's suspension suspends the decision."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SUSPENDED = "suspended", _("Decision suspended by the judge")
        REJECTED = "rejected", _("Request rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interim_reliefs")
    requested_on = models.DateField(_("requested on"))
    municipality_waits = models.BooleanField(_("municipality waits voluntarily for the judge"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REQUESTED)
    ruled_on = models.DateField(_("ruled on"), null=True, blank=True)

    history = remedy_history()

    class Meta:
        verbose_name = _("interim relief")
        ordering = ["case", "requested_on"]
        indexes = [models.Index(fields=["decision_type", "decision_id"], name="remedies_relief_decision")]

    def __str__(self) -> str:
        return f"interim relief {self.case_id} {self.requested_on}"


class Appeal(DecisionReference):
    """Beroep (court) or hoger beroep (Council of State) about a decision."""

    class Level(models.TextChoices):
        APPEAL = "beroep", _("Appeal (court)")
        HIGHER = "hoger_beroep", _("Higher appeal (Council of State)")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    lodged_on = models.DateField(_("lodged on"))
    ruled_on = models.DateField(_("ruled on"), null=True, blank=True)
    # Structured beside the encrypted outcome text: recidive counts only decisions that stand.
    annulled = models.BooleanField(_("the decision was annulled"), default=False)
    outcome = EncryptedTextField(_("outcome"), label="remedies.Appeal.outcome", sealed_as=MOVED_FROM, null=True,
                                 blank=True)

    history = remedy_history()

    class Meta:
        verbose_name = _("appeal")
        ordering = ["case", "lodged_on"]
        indexes = [models.Index(fields=["decision_type", "decision_id"], name="remedies_appeal_decision")]
        constraints = [
            encrypted_column_constraint("outcome"),
            models.CheckConstraint(
                condition=models.Q(ruled_on__isnull=True) | models.Q(ruled_on__gte=models.F("lodged_on")),
                name="remedies_appeal_ruled_after_lodged",
            ),
            models.CheckConstraint(condition=models.Q(annulled=False) | models.Q(ruled_on__isnull=False),
                                   name="remedies_appeal_annulled_when_ruled"),
        ]

    def __str__(self) -> str:
        return f"appeal {self.case_id} {self.lodged_on}"


class UrgentEnforcement(DecisionReference):
    """Spoedeisende bestuursdwang (Awb 5:31; art. 174a lid 4 Gemeentewet): enforcement without
    waiting for the compliance term, with its reasons, and the written decision that must follow.

    `written_decision_due_on` is the day from which the written decision is missing (Awb 5:31 lid 2:
    "as soon as possible"; by default the day of acting); `written_decision_on` is set when it was
    taken, which ends the follow-up deadline.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="urgent_enforcements")
    acted_at = models.DateTimeField(_("acted at"))
    what = models.CharField(_("measure"), max_length=100)
    reasons = EncryptedTextField(_("reasons for urgency"), label="remedies.UrgentEnforcement.reasons")
    written_decision_due_on = models.DateField(_("written decision due"))
    written_decision_on = models.DateField(_("written decision taken on"), null=True, blank=True)

    history = remedy_history()

    class Meta:
        verbose_name = _("urgent enforcement")
        ordering = ["case", "acted_at"]
        indexes = [models.Index(fields=["decision_type", "decision_id"], name="remedies_urgent_decision")]
        constraints = [
            encrypted_column_constraint("reasons"),
        ]

    def __str__(self) -> str:
        return f"urgent enforcement {self.case_id} {self.acted_at:%Y-%m-%d}"


class Application(models.Model):
    """Aanvraag without a statutory decision term in a case (Awb 4:13): a request for enforcement
    (handhavingsverzoek) or for tolerance (gedoogverzoek). Due within a reasonable term, at most
    eight weeks after receipt (4:13 lid 2, Atw); when that cannot be met, the applicant is told so
    within the term, with a new, as short as possible, date (4:14 lid 1)."""

    class Kind(models.TextChoices):
        ENFORCEMENT = "enforcement", _("Request for enforcement")
        TOLERANCE = "tolerance", _("Request for tolerance")
        OTHER = "other", _("Other application without a statutory term")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    DECISION_WEEKS = 8  # Awb 4:13 lid 2

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="applications")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    applicant_name = EncryptedCharField(_("applicant"), max_length=200, label="remedies.Application.applicant_name",
                                        null=True, blank=True)
    received_on = models.DateField(_("received on"))
    decision_due_on = models.DateField(_("decision due on"))
    delay_notice_sent_on = models.DateField(_("notice of delay sent on"), null=True, blank=True)
    delayed_due_on = models.DateField(_("new decision date"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    history = remedy_history()

    class Meta:
        verbose_name = _("application")
        ordering = ["case", "received_on"]
        constraints = [
            encrypted_column_constraint("applicant_name"),
            models.CheckConstraint(condition=models.Q(decision_due_on__gt=models.F("received_on")),
                                   name="remedies_application_due_after_receipt"),
            models.CheckConstraint(condition=models.Q(delayed_due_on__isnull=True)
                                   | (models.Q(delayed_due_on__gt=models.F("decision_due_on"))
                                      & models.Q(delay_notice_sent_on__isnull=False)
                                      & models.Q(delay_notice_sent_on__lte=models.F("decision_due_on"))),
                                   name="remedies_application_delay_noticed_in_time"),
            models.CheckConstraint(condition=models.Q(state="pending", decided_on__isnull=True)
                                   | (~models.Q(state="pending") & models.Q(decided_on__isnull=False)),
                                   name="remedies_application_decided_has_date"),
        ]

    def __str__(self) -> str:
        return f"application {self.case_id} {self.kind} {self.received_on}"

    @property
    def due_on(self) -> date:
        """The date that counts now: the one named in the 4:14 notice, or the 4:13 term."""
        return self.delayed_due_on or self.decision_due_on
