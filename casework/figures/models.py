"""Goal lines per indicator and year, and figures from outside (police, Veilig Thuis) entered by hand.

Neither holds personal data: a goal is a comparison and a number ("> 4"), an external figure a
number per year with the publication it comes from. Both are kept per organisation; changes are
audited by casework/figures/services.py.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

FIRST_YEAR, LAST_YEAR = 2000, 2100


class Comparison(models.TextChoices):
    MORE_THAN = "gt", _("more than")
    AT_LEAST = "gte", _("at least")
    LESS_THAN = "lt", _("less than")
    AT_MOST = "lte", _("at most")


SYMBOLS = {Comparison.MORE_THAN: ">", Comparison.AT_LEAST: "≥", Comparison.LESS_THAN: "<", Comparison.AT_MOST: "≤"}


class ExternalKind(models.TextChoices):
    CONFUSED_BEHAVIOUR = "confused_behaviour", _("Police reports of confused behaviour (E33)")
    YOUTH_NUISANCE = "youth_nuisance", _("Police reports of youth nuisance")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis reports")


def _year_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR), name=name)


class Goal(models.Model):
    """The goal of one indicator in one year, set by a team lead ("more than 4")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(_("indicator"), max_length=80)  # "damocles.premises", "external.veilig_thuis"
    year = models.PositiveSmallIntegerField(_("year"))
    comparison = models.CharField(_("comparison"), max_length=4, choices=Comparison.choices)
    value = models.DecimalField(_("goal"), max_digits=12, decimal_places=2)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "indicator", "year"], name="figures_goal_once_a_year"),
            models.CheckConstraint(condition=Q(comparison__in=["gt", "gte", "lt", "lte"]),
                                   name="figures_goal_comparison"),
            models.CheckConstraint(condition=Q(value__gte=0), name="figures_goal_not_negative"),
            _year_check("figures_goal_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.text}"

    @property
    def text(self) -> str:
        plain = Decimal(f"{Decimal(self.value).normalize():f}")  # 6.50 -> 6.5, 1E+2 -> 100
        return f"{SYMBOLS[Comparison(self.comparison)]} {number_format(plain, use_l10n=True)}"

    def met_by(self, value) -> bool | None:
        if value is None:
            return None
        return {"gt": value > self.value, "gte": value >= self.value, "lt": value < self.value,
                "lte": value <= self.value}[self.comparison]


class ExternalFigure(models.Model):
    """A yearly figure from outside the system (the police, Veilig Thuis), entered by hand with its source."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("figure"), max_length=32, choices=ExternalKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.PositiveIntegerField(_("count"))
    source = models.CharField(_("source"), max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("external figure")
        ordering = ["kind", "year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "year"], name="figures_external_once_a_year"),
            models.CheckConstraint(condition=Q(kind__in=[kind.value for kind in ExternalKind]),
                                   name="figures_external_kind"),
            models.CheckConstraint(condition=~Q(source=""), name="figures_external_has_source"),
            _year_check("figures_external_year"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.value}"


class StoredFigures(models.Model):
    """The raw (not yet suppressed) figures of one report, organisation and period, as last computed.

    The figures pages read these instead of aggregating every case on each visit (ADR 0058): a nightly job
    (`refresh_figures`) computes them anew, a user with the page's capability can do so on request, and a
    period never computed is computed on its first visit. `report` names the page ("annual": one row per
    calendar year, `period` "2025"; "damocles": one row, `period` "all"); `values` holds numbers only, keyed
    by plain codes (casework/figures/stored.py), never a person or a case. Suppression is applied when the
    figures are read, as before.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    report = models.CharField(_("report"), max_length=16)
    period = models.CharField(_("period"), max_length=8)
    values = models.JSONField(_("figures"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("stored figures")
        verbose_name_plural = _("stored figures")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "report", "period"], name="figures_stored_once"),
            models.CheckConstraint(condition=~Q(report="") & ~Q(period=""), name="figures_stored_named"),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.period}"
