"""Policy tables (beleidsregels) as versioned data with a date of effect.

Each municipality sets its own tiers; the table in force on the date of the finding decides the
proposal, and the assessment stores which version it used. Only policy data, no personal data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Substance(models.TextChoices):
    SOFTDRUGS = "softdrugs", _("Soft drugs")
    HEMP_PLANTS = "hemp_plants", _("Hemp plants")
    HARDDRUGS = "harddrugs", _("Hard drugs")
    GHB = "ghb", _("GHB")
    SUB_B_OBJECTS = "sub_b_objects", _("Objects or substances for preparing drug crime (sub b)")


class Unit(models.TextChoices):
    GRAM = "g", _("gram")
    PLANTS = "plants", _("plants")
    MILLILITRE = "ml", _("millilitre")
    PIECES = "pieces", _("pieces (pills, balls, ampoules, wraps)")
    ITEMS = "items", _("items")


class Sanction(models.TextChoices):
    NONE = "none", _("No automatic proposal (officer decides with reasons)")
    WARNING = "warning", _("Warning")
    CLOSURE = "closure", _("Closure")


class PolicyVersion(models.Model):
    name = models.CharField(_("name"), max_length=200)
    effective_from = models.DateField(_("in force from"), unique=True)
    lookback_years = models.PositiveSmallIntegerField(_("look-back window (years)"), default=5)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("policy version")

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from.isoformat()})"


class PolicyTier(models.Model):
    """One row of the table: a substance and amount range, and the sanction per offence number.

    Amounts: a finding falls in the tier when `min_amount < amount <= max_amount` (max empty =
    no upper bound). Closure durations are in days (4 weeks = 28, 3 months = 91, ...).
    """

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="tiers")
    substance = models.CharField(_("substance"), max_length=20, choices=Substance.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    min_amount = models.DecimalField(_("more than"), max_digits=10, decimal_places=2)
    max_amount = models.DecimalField(_("up to and including"), max_digits=10, decimal_places=2, null=True, blank=True)
    label = models.CharField(_("description"), max_length=200)
    first_sanction = models.CharField(_("1st offence"), max_length=10, choices=Sanction.choices)
    first_days = models.PositiveIntegerField(_("1st offence: closure days"), null=True, blank=True)
    second_sanction = models.CharField(_("2nd offence"), max_length=10, choices=Sanction.choices)
    second_days = models.PositiveIntegerField(_("2nd offence: closure days"), null=True, blank=True)
    third_sanction = models.CharField(_("3rd offence"), max_length=10, choices=Sanction.choices)
    third_days = models.PositiveIntegerField(_("3rd offence: closure days"), null=True, blank=True)

    class Meta:
        verbose_name = _("policy tier")
        verbose_name_plural = _("policy tiers")
        ordering = ["version", "substance", "min_amount"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_amount__isnull=True) | models.Q(max_amount__gt=models.F("min_amount")),
                name="policytier_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id}: {self.label}"
