"""Signal models: the signal (case.signal), the persons named in it, its shielded source, its triage.

Category and outcome are plain indexed columns (not encrypted) so the annual figures can count them;
every free text, address and identity is encrypted with the case's data key.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from casework.models import Case, Person, SharingDecision, case_row_history
from casework.privacy.models import DataSubjectRequest
from casework.signals.casetype import PROCESSING_ACTIVITY
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField

PostponementGround = DataSubjectRequest.PostponementGround  # AVG 23(1) / UAVG 41: the core's table


class SignalCategory(models.TextChoices):
    DRUGS = "drugs", _("Drugs")
    HUMAN_TRAFFICKING = "trafficking", _("Human trafficking")
    MONEY_LAUNDERING = "laundering", _("Money laundering")
    REAL_ESTATE = "real_estate", _("Suspicious real estate")
    HOLIDAY_PARK = "holiday_park", _("Holiday-park abuse")
    OTHER = "other", _("Other undermining")


class LegalGround(models.TextChoices):
    """The ground on which criminal-law data in a signal is processed (AVG art. 10, UAVG art. 33)."""

    PUBLIC_ORDER_LAW = "avg10_law", _("AVG art. 10: authorised by law with safeguards (the mayor's public-order "
                                      "powers: Gemeentewet 172 and 174a, Opiumwet 13b)")
    POLICE_DATA = "uavg33_1a", _("UAVG art. 33 lid 1 onder a: data provided under the Wet politiegegevens or "
                                 "the Wjsg")
    COOPERATION = "uavg33_1b", _("UAVG art. 33 lid 1 onder b: a public-law cooperation (RIEC covenant)")
    OWN_INTEREST = "uavg33_2b", _("UAVG art. 33 lid 2 onder b: protecting the municipality against offences "
                                  "aimed at it")
    MADE_PUBLIC = "uavg33_4b", _("UAVG art. 33 lid 4 onder b: made public by the person concerned")


class Outcome(models.TextChoices):
    """The triage outcomes (casework/signals/workflow.py OUTCOMES: from which status, to which)."""

    NO_ACTION = "no_action", _("No action")
    MONITOR = "monitor", _("Monitor")
    CASE = "case", _("Routed to an approach (a linked case)")
    POLICE = "police", _("Routed to the police")
    RIEC = "riec", _("Routed to the RIEC")
    BIBOB = "bibob", _("Routed to a Bibob check")


class Informing(models.TextChoices):
    NOT_YET = "not_yet", _("Not informed yet")
    INFORMED = "informed", _("Informed")
    POSTPONED = "postponed", _("Informing postponed (AVG 14 lid 5, UAVG art. 41)")


class SourceKind(models.TextChoices):
    CITIZEN = "citizen", _("Resident or citizen")
    PARTNER = "partner", _("Chain partner")
    POLICE = "police", _("Police")
    STAFF = "staff", _("Municipal official")
    ANONYMOUS = "anonymous", _("Anonymous")


class CaseRow(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Signal(models.Model):
    """The signal details of a case: what, where, on which legal ground; the triage outcome (plain)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="signal")
    category = models.CharField(_("category"), max_length=16, choices=SignalCategory.choices, db_index=True)
    received_on = models.DateField(_("received on"))
    description = EncryptedTextField(_("description"), label="signals.Signal.description")
    address = EncryptedTextField(_("address or premises"), label="signals.Signal.address", null=True, blank=True)
    bag_id = EncryptedCharField(_("BAG id"), max_length=16, label="signals.Signal.bag_id", null=True, blank=True)
    bag_object_id = EncryptedCharField(_("BAG addressable object id"), max_length=16,
                                       label="signals.Signal.bag_object_id", null=True, blank=True)
    address_verified = models.BooleanField(_("address verified in the BAG"), default=False)
    legal_ground = models.CharField(_("legal basis for criminal-law data"), max_length=16,
                                    choices=LegalGround.choices)
    outcome = models.CharField(_("triage outcome"), max_length=16, choices=Outcome.choices, blank=True, default="",
                               db_index=True)
    # The registry code of the case type a signal was routed to (outcome "case"): plain, for the figures.
    routed_to = models.CharField(_("routed to case type"), max_length=16, blank=True, default="", db_index=True)
    triaged_on = models.DateField(_("triaged on"), null=True, blank=True)
    review_on = models.DateField(_("review monitoring on"), null=True, blank=True)
    follow_up_ended_on = models.DateField(_("follow-up ended on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("undermining signal")
        constraints = [
            *(encrypted_column_constraint(name) for name in ("description", "address", "bag_id", "bag_object_id")),
            models.CheckConstraint(condition=models.Q(address_verified=False)
                                   | models.Q(bag_id__isnull=False, bag_object_id__isnull=False),
                                   name="signals_verified_has_bag_ids"),
            models.CheckConstraint(condition=~models.Q(outcome="monitor") | models.Q(review_on__isnull=False),
                                   name="signals_monitor_has_review_date"),
            models.CheckConstraint(condition=models.Q(outcome="") | models.Q(triaged_on__isnull=False),
                                   name="signals_outcome_has_date"),
        ]

    def __str__(self) -> str:
        return f"signal {self.case_id}"


class SignalPerson(CaseRow):
    """A person named in a signal, with the state of informing them (AVG 14; postponed: UAVG art. 41)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="signal_persons")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    involvement = EncryptedTextField(_("involvement"), label="signals.SignalPerson.involvement", null=True,
                                     blank=True)
    informing = models.CharField(_("informing the person (AVG 14)"), max_length=16, choices=Informing.choices,
                                 default=Informing.NOT_YET)
    postponement_ground = models.CharField(_("ground for postponing"), max_length=16,
                                           choices=PostponementGround.choices, blank=True, default="")
    postponement_review_on = models.DateField(_("review the postponement on"), null=True, blank=True)
    informed_on = models.DateField(_("informed on"), null=True, blank=True)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("person named in a signal")
        ordering = ["case", "created_at"]
        constraints = [
            encrypted_column_constraint("involvement"),
            models.UniqueConstraint(fields=["case", "person"], name="signals_person_once_per_signal"),
            models.CheckConstraint(
                condition=~models.Q(informing="postponed")
                | (~models.Q(postponement_ground="") & models.Q(postponement_review_on__isnull=False)),
                name="signals_postponed_has_ground_and_review"),
            models.CheckConstraint(condition=~models.Q(informing="informed") | models.Q(informed_on__isnull=False),
                                   name="signals_informed_has_date"),
        ]

    def __str__(self) -> str:
        return f"person named in {self.case_id}"


class SignalSource(CaseRow):
    """Who reported the signal: a shielded party (category `signal_sources`), a person or an organisation."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="signal_sources")
    kind = models.CharField(_("kind of source"), max_length=16, choices=SourceKind.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                               verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", null=True,
                                     blank=True, verbose_name=_("organisation"))
    organisation_name = EncryptedTextField(_("name of the organisation"),
                                           label="signals.SignalSource.organisation_name", null=True, blank=True)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("source of a signal")
        constraints = [encrypted_column_constraint("organisation_name")]

    def __str__(self) -> str:
        return f"source of {self.case_id}"


class Triage(CaseRow):
    """One triage decision (the Signal row holds the latest outcome). For a Bibob routing only the outcome
    is kept: no Bibob information or advice (Wet Bibob art. 28), so `reason` and `purpose` are empty."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="signal_triages")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, db_index=True)
    decided_on = models.DateField(_("decided on"))
    reason = EncryptedTextField(_("reasons"), label="signals.Triage.reason", null=True, blank=True)
    purpose = EncryptedTextField(_("purpose of the further processing"), label="signals.Triage.purpose", null=True,
                                 blank=True)
    review_on = models.DateField(_("review on"), null=True, blank=True)
    routed_to = models.CharField(_("routed to case type"), max_length=16, blank=True, default="")
    linked_case = models.ForeignKey(Case, on_delete=models.SET_NULL, related_name="+", null=True, blank=True,
                                    verbose_name=_("linked case"))
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                verbose_name=_("partner"))
    share = models.ForeignKey(SharingDecision, on_delete=models.SET_NULL, related_name="+", null=True, blank=True,
                              verbose_name=_("sharing decision"))

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("triage of a signal")
        ordering = ["case", "created_at"]
        constraints = [
            *(encrypted_column_constraint(name) for name in ("reason", "purpose")),
            models.CheckConstraint(condition=~models.Q(outcome="bibob")
                                   | (models.Q(reason__isnull=True) & models.Q(purpose__isnull=True)),
                                   name="signals_bibob_outcome_only"),
            models.CheckConstraint(condition=~models.Q(outcome="monitor") | models.Q(review_on__isnull=False),
                                   name="signals_triage_monitor_has_review"),
        ]

    def __str__(self) -> str:
        return f"triage {self.case_id} {self.outcome}"
