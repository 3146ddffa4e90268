"""The woonoverlast file, its reports (meldingen), the zwartboek, the lighter interventions and
the intentions with their term for a view (Awb 4:8); the municipality's APV article as data.

Case rows use the case's data key. A `Melding` links its reporter (`melder`), a shielded party
(registry `PersonRole(shielded=True)`): only who holds the category `woonoverlast_melders` sees it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from casework.models import Case, Person, case_row_history
from casework.woonoverlast.casetype import PROCESSING_ACTIVITY
from casework.woonoverlast.models.base import CaseRow
from encryption.constraints import encrypted_column_constraint
from encryption.fields import DataKeyReference, EncryptedCharField, EncryptedTextField


class ApvArticle(models.Model):
    """The municipality's bylaw provision (APV) on which a gedragsaanwijzing rests (art. 151d lid 1
    Gemeentewet), as data with a date of effect: the text in force on the decision date applies."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipality"))
    article = models.CharField(_("article"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text of the article"))
    effective_from = models.DateField(_("in force from"))
    max_duration_weeks = models.PositiveSmallIntegerField(_("maximum duration (weeks)"), null=True, blank=True)
    landlord_addressable = models.BooleanField(
        _("may also be addressed to whoever lets the dwelling (art. 151d lid 2)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("APV article on woonoverlast")
        ordering = ["organisation", "article", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "article", "effective_from"],
                                    name="woonoverlast_apv_one_text_per_date"),
            models.CheckConstraint(condition=models.Q(max_duration_weeks__isnull=True)
                                   | models.Q(max_duration_weeks__gt=0), name="woonoverlast_apv_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.article} ({self.effective_from:%d-%m-%Y})"


class WoonoverlastFile(models.Model):
    """The woonoverlast details of a case: the dwelling the nuisance comes from."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    data_key_id = DataKeyReference()
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="woonoverlast")
    dwelling_address = EncryptedTextField(_("dwelling"), label="woonoverlast.WoonoverlastFile.dwelling_address")
    # The dwelling's BAG ids and whether it was picked in the BAG (casework/bag/); typed by hand: unverified.
    bag_id = EncryptedCharField(_("BAG id"), max_length=16, label="woonoverlast.WoonoverlastFile.bag_id", null=True,
                                blank=True)
    bag_object_id = EncryptedCharField(_("BAG addressable object id"), max_length=16,
                                       label="woonoverlast.WoonoverlastFile.bag_object_id", null=True, blank=True)
    address_verified = models.BooleanField(_("address verified in the BAG"), default=False)
    summary = EncryptedTextField(_("summary of the nuisance"), label="woonoverlast.WoonoverlastFile.summary",
                                 null=True, blank=True)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("woonoverlast file")
        constraints = [
            *(encrypted_column_constraint(name) for name in ("dwelling_address", "summary", "bag_id", "bag_object_id")),
            models.CheckConstraint(
                condition=models.Q(address_verified=False)
                | models.Q(bag_id__isnull=False, bag_object_id__isnull=False),
                name="woonoverlast_file_verified_has_bag_ids",
            ),
        ]

    def __str__(self) -> str:
        return f"woonoverlast {self.case_id}"


class Source(models.TextChoices):
    NEIGHBOUR = "neighbour", _("Neighbour")
    POLICE = "police", _("Police")
    CORPORATION = "corporation", _("Housing corporation")


class NuisanceKind(models.TextChoices):
    NOISE = "noise", _("Noise")
    THREATS = "threats", _("Threats or intimidation")
    AGGRESSION = "aggression", _("Aggression or violence")
    FILTH = "filth", _("Filth or stench")
    OTHER = "other", _("Other nuisance")


class Melding(CaseRow):
    """A nuisance report. The reporter is a shielded party: never in a letter, never to the
    veroorzaker, never to a partner without the category `woonoverlast_melders`."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="woonoverlast_meldingen")
    melder = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("reporter"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    reported_on = models.DateField(_("reported on"))
    kind = models.CharField(_("kind of nuisance"), max_length=16, choices=NuisanceKind.choices)
    description = EncryptedTextField(_("description"), label="woonoverlast.Melding.description")

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("nuisance report")
        ordering = ["case", "reported_on", "created_at"]
        constraints = [encrypted_column_constraint("description")]

    def __str__(self) -> str:
        return f"report {self.case_id} {self.reported_on}"


class Zwartboek(CaseRow):
    """Anonymised statements; an official records having verified the reporters' identities. Only
    this goes into the intention and into the objection and court files (Awb 4:8, 7:4, 8:42)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="woonoverlast_zwartboeken")
    compiled_on = models.DateField(_("compiled on"))
    statements = EncryptedTextField(_("anonymised statements"), label="woonoverlast.Zwartboek.statements")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("identities verified by"))
    verified_on = models.DateField(_("identities verified on"))

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("zwartboek (anonymised statements)")
        ordering = ["case", "compiled_on", "created_at"]
        constraints = [encrypted_column_constraint("statements")]

    def __str__(self) -> str:
        return f"zwartboek {self.case_id} {self.compiled_on}"


class InterventionKind(models.TextChoices):
    MEDIATION = "mediation", _("Neighbourhood mediation (buurtbemiddeling)")
    WARNING_CORPORATION = "warning_corporation", _("Warning by the housing corporation")
    WARNING_MUNICIPALITY = "warning_municipality", _("Warning by the municipality")
    CARE_OFFER = "care_offer", _("Care offer")
    POINTLESS = "pointless", _("Lighter means pointless (reasons recorded)")


class Intervention(CaseRow):
    """A lighter intervention tried before a gedragsaanwijzing (which is a last resort)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="woonoverlast_interventions")
    kind = models.CharField(_("intervention"), max_length=24, choices=InterventionKind.choices)
    carried_out_on = models.DateField(_("carried out on"))
    outcome = EncryptedTextField(_("outcome"), label="woonoverlast.Intervention.outcome")
    linked_case = models.ForeignKey(Case, on_delete=models.SET_NULL, related_name="+", null=True, blank=True,
                                    verbose_name=_("linked care case"))

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("intervention")
        ordering = ["case", "carried_out_on", "created_at"]
        constraints = [encrypted_column_constraint("outcome")]

    def __str__(self) -> str:
        return f"intervention {self.case_id} {self.kind}"


class DecisionKind(models.TextChoices):
    ORDER = "order", _("Gedragsaanwijzing (art. 151d Gemeentewet)")
    CLOSURE = "closure", _("Closure (art. 174a Gemeentewet)")


class Intention(CaseRow):
    """Voornemen with the term for a view (Awb 4:8), for a gedragsaanwijzing or a closure."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="woonoverlast_intentions")
    decision = models.CharField(_("intended decision"), max_length=8, choices=DecisionKind.choices)
    sent_on = models.DateField(_("intention sent on"))
    view_term_weeks = models.PositiveSmallIntegerField(_("term for a view (weeks)"))
    view_due_on = models.DateField(_("view due on"))
    view_received_on = models.DateField(_("view received on"), null=True, blank=True)
    view_summary = EncryptedTextField(_("summary of the view"), label="woonoverlast.Intention.view_summary",
                                      null=True, blank=True)
    zwartboek = models.ForeignKey(Zwartboek, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                  verbose_name=_("zwartboek enclosed"))
    signatory = EncryptedCharField(_("intention signed by"), max_length=200, label="woonoverlast.Intention.signatory",
                                   null=True, blank=True)
    under_mandate = models.BooleanField(_("signed in mandate (namens deze)"), default=False)

    history = case_row_history(PROCESSING_ACTIVITY)

    class Meta:
        verbose_name = _("intention (voornemen)")
        ordering = ["case", "sent_on", "created_at"]
        constraints = [
            encrypted_column_constraint("view_summary"),
            encrypted_column_constraint("signatory"),
            models.CheckConstraint(condition=models.Q(view_term_weeks__gt=0), name="woonoverlast_view_term_positive"),
            models.CheckConstraint(condition=models.Q(view_due_on__gt=models.F("sent_on")),
                                   name="woonoverlast_view_due_after_sending"),
        ]

    def __str__(self) -> str:
        return f"intention {self.case_id} {self.decision} {self.sent_on}"
