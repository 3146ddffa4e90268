"""Form fields every case type's objection pages share: the posting date (Awb 6:9 lid 2), the
decision on a late objection's admissibility (6:11) and the terms of the decision on it (7:10
lid 2-5). The services are the core's (casework/remedies/objections.py); a blank field means
"unchanged", so these forms pass None for it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.remedies.models import Objection
from casework.web.fields import textarea
from casework.web.widgets import SELECT, TEXTBOX, date_input

YES_NO = [("", _("Not decided yet")), ("yes", _("Excusable: treat as lodged in time")),
          ("no", _("Not excusable: declare inadmissible"))]
BASES = [("", _("None")), (Objection.PostponementBasis.CONSENT, Objection.PostponementBasis.CONSENT.label),
         (Objection.PostponementBasis.STATUTORY_PROCEDURE, Objection.PostponementBasis.STATUTORY_PROCEDURE.label)]


def _date(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=False, help_text=help_text, widget=date_input())


def _weeks(label: Any, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, help_text=help_text,
                              widget=forms.NumberInput(attrs={**TEXTBOX, "inputmode": "numeric"}),
                              error_messages={"min_value": _("Enter 0 or more weeks."),
                                              "invalid": _("Enter 0 or more weeks.")})


def posted_on_field() -> forms.DateField:
    return _date(_("Posted on"), _("When it came by post: posted before the end of the term and received within a "
                                   "week after it is on time (Awb 6:9 lid 2)."))


def objection_fields() -> dict[str, forms.Field]:
    """The fields beside state and outcome, in the order the page shows them."""
    return {
        "posted_on": posted_on_field(),
        "lateness_excused": forms.TypedChoiceField(
            label=_("Lodged late: is the lateness excusable? (Awb 6:11)"), choices=YES_NO, required=False,
            coerce=lambda value: value == "yes", empty_value=None, widget=forms.Select(attrs=SELECT)),
        "excuse_reasons": textarea(_("Why the lateness is excusable"), required=False, rows=2,
                                   help_text=_("Stored encrypted.")),
        "suspended_from": _date(_("Asked to repair an omission on"),
                                _("The decision term is suspended from the next day (Awb 7:10 lid 2).")),
        "suspended_until": _date(_("Omission repaired on")),
        "extension_weeks": _weeks(_("Extension (weeks, at most 6; Awb 7:10 lid 3)")),
        "extension_ground": textarea(_("Ground for extension"), required=False, rows=2),
        "extension_notice_sent_on": _date(_("Written notice of the extension sent on"),
                                          _("Required: no extension without a written notice (Awb 7:10 lid 5).")),
        "postponement_weeks": _weeks(_("Further postponement (weeks; Awb 7:10 lid 4)")),
        "postponement_basis": forms.ChoiceField(label=_("Basis for further postponement"), choices=BASES,
                                                required=False, widget=forms.Select(attrs=SELECT)),
        "consent_on": _date(_("Objector's written consent dated")),
        "postponement_ground": textarea(_("Statutory procedure requiring the postponement"), required=False,
                                        rows=2, help_text=_("Stored encrypted.")),
        "postponement_notice_sent_on": _date(_("Written notice of the postponement sent on")),
    }


INITIAL = ("posted_on", "excuse_reasons", "suspended_from", "suspended_until", "extension_weeks", "extension_ground",
           "extension_notice_sent_on", "postponement_weeks", "postponement_basis", "consent_on", "postponement_ground",
           "postponement_notice_sent_on")


def objection_initial(objection: Objection) -> dict[str, Any]:
    values = {name: getattr(objection, name) for name in INITIAL}
    values["lateness_excused"] = {True: "yes", False: "no"}.get(objection.lateness_excused, "")  # type: ignore[arg-type]
    return values


def objection_changes(data: dict[str, Any]) -> dict[str, Any]:
    """The form's values as the service takes them: blank text stays as given, blank numbers are 0."""
    changes = dict(data)
    for name in ("extension_weeks", "postponement_weeks"):
        if name in changes:
            changes[name] = changes[name] or 0
    if changes.get("postponement_basis") == "" and not changes.get("postponement_weeks"):
        changes["postponement_basis"] = None
    if changes.get("lateness_excused") is None:
        changes.pop("lateness_excused", None)
    return changes
