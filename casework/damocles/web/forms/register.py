"""Forms for registering a Damocles procedure. They parse input only: the rules (which premises is
the same premises, which units fit a substance, who may register) live in
casework/damocles/services/registration.py, which checks everything again in one transaction.

The action forms (assessment, approval, announcements, legal remedies, sealing) are in
casework/damocles/web/forms/actions.py. Labels are English msgids; Dutch is the shipped language.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework.addresses import normalise_postcode
from casework.bag.client import Address
from casework.bag.forms import AddressPickForm
from casework.brp.forms import PersonLookupForm
from casework.damocles.models import Ground, PremisesKind, Substance, Unit
from casework.web.fields import choice, text, textarea
from casework.web.widgets import TEXTBOX, Radios, date_input
from encryption.validators import validate_bsn

FINDING_ROWS = 4
MAX_REPORT_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
PERSON_PARTS = ("first_names", "surname", "bsn", "date_of_birth")


def _person_fields(prefix: str) -> dict[str, forms.Field]:
    return {
        f"{prefix}_first_names": text(_("First names"), required=False),
        f"{prefix}_surname": text(_("Surname"), required=False),
        f"{prefix}_bsn": text(_("BSN"), required=False, max_length=9, inputmode="numeric"),
        f"{prefix}_date_of_birth": forms.DateField(label=_("Date of birth"), required=False, widget=date_input()),
    }


class RegisterForm(PersonLookupForm, AddressPickForm):
    """Premises, police report, findings (a fixed number of rows) and optionally the main person.

    The premises' address can be picked in the BAG (casework/bag/forms.py): the pick fills the
    address fields and the BAG id (the nummeraanduiding id).
    """

    ADDRESS_FIELDS = ("street", "house_number", "house_number_addition", "postcode", "city", "bag_id")
    # The owner and the main person can be filled from the BRP by BSN (casework/brp/forms.py).
    BRP_PERSONS = {prefix: {f"{prefix}_{part}": part for part in PERSON_PARTS} for prefix in ("owner", "person")}

    # premises
    kind = forms.ChoiceField(label=_("Kind of premises"), choices=PremisesKind.choices,
                             widget=Radios())
    street = text(_("Street"))
    house_number = text(_("House number"), max_length=10)
    house_number_addition = text(_("Addition"), required=False, max_length=10)
    postcode = text(_("Postcode"), max_length=7)
    city = text(_("City"), max_length=100)
    bag_id = text(_("BAG id"), required=False, max_length=16, inputmode="numeric")
    owner_entity_name = text(_("Owner: name of the legal entity"), required=False)
    owner_kvk = text(_("Owner: KvK number"), required=False, max_length=8, inputmode="numeric")
    # police report
    received_on = forms.DateField(label=_("Report received on"), widget=date_input())
    found_on = forms.DateField(label=_("Date of the finding"), widget=date_input())
    ground = forms.ChoiceField(label=_("Ground"), choices=Ground.choices, widget=Radios())
    police_reference = text(_("Police reference"), required=False, max_length=100)
    summary = textarea(_("Summary of the findings"), required=False,
                       help_text=_("Stored encrypted. Only what the assessment needs."))
    document = forms.FileField(label=_("Police report (PDF)"), required=False,
                               widget=forms.ClearableFileInput(attrs={"class": "utrecht-textbox",
                                                                      "accept": "application/pdf"}),
                               help_text=_("Optional. Stored encrypted; every download is logged."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_person_fields("owner"))
        for number in range(1, FINDING_ROWS + 1):
            self.fields[f"finding{number}_substance"] = choice(_("Substance"), Substance.choices, required=False)
            self.fields[f"finding{number}_amount"] = forms.DecimalField(
                label=_("Amount"), required=False, min_value=0, max_digits=10, decimal_places=2,
                widget=forms.NumberInput(attrs={**TEXTBOX, "step": "0.01"}))
            self.fields[f"finding{number}_unit"] = choice(_("Unit"), Unit.choices, required=False)
        self.fields.update(_person_fields("person"))

    @classmethod
    def bag_fill(cls, address: Address) -> dict[str, str]:
        return {"street": address.street, "house_number": address.house_number,
                "house_number_addition": address.addition, "postcode": normalise_postcode(address.postcode),
                "city": address.city, "bag_id": address.nummeraanduiding_id}

    # --- groups of fields, for the template ---------------------------------------------------------
    def premises_fields(self) -> list[forms.BoundField]:
        names = ("street", "house_number", "house_number_addition", "postcode", "city", "bag_id")
        return [self[name] for name in names]

    def owner_fields(self) -> list[forms.BoundField]:
        return [self[f"owner_{part}"] for part in (*PERSON_PARTS, "entity_name", "kvk")]

    def report_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("received_on", "found_on", "police_reference", "summary", "document")]

    def finding_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [(n, [self[f"finding{n}_{part}"] for part in ("substance", "amount", "unit")])
                for n in range(1, FINDING_ROWS + 1)]

    def person_fields(self) -> list[forms.BoundField]:
        return [self[f"person_{part}"] for part in PERSON_PARTS]

    # --- cleaning -----------------------------------------------------------------------------------
    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if not document:
            return None
        if document.size > MAX_REPORT_BYTES:
            raise ValidationError(_("The file is too large (at most 20 MB)."))
        head = document.read(len(PDF_MAGIC))
        document.seek(0)
        if head != PDF_MAGIC:
            raise ValidationError(_("Upload the police report as a PDF file."))
        return document

    def _clean_person(self, prefix: str) -> None:
        data = self.cleaned_data
        bsn = (data.get(f"{prefix}_bsn") or "").strip()
        if bsn:
            try:
                validate_bsn(bsn)
            except ValidationError as exc:
                self.add_error(f"{prefix}_bsn", exc)
        named = data.get(f"{prefix}_surname") or bsn or data.get(f"{prefix}_date_of_birth")
        if named and not data.get(f"{prefix}_surname"):
            self.add_error(f"{prefix}_surname", _("Enter the surname."))
        if data.get(f"{prefix}_surname") and not bsn and not data.get(f"{prefix}_date_of_birth"):
            self.add_error(f"{prefix}_date_of_birth", _("Without a BSN, enter the date of birth."))

    def _clean_findings(self) -> None:
        data = self.cleaned_data
        for n in range(1, FINDING_ROWS + 1):
            parts = [data.get(f"finding{n}_{part}") for part in ("substance", "amount", "unit")]
            if any(part not in (None, "") for part in parts) and any(part in (None, "") for part in parts):
                self.add_error(f"finding{n}_substance", _("Fill in substance, amount and unit, or clear the row."))
        if not self.findings() and not self.errors:
            self.add_error("finding1_substance", _("Record at least one finding."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_person("owner")
        self._clean_person("person")
        if data.get("owner_surname") and data.get("owner_entity_name"):
            self.add_error("owner_entity_name", _("The owner is either a person or a legal entity, not both."))
        self._clean_findings()
        return data

    # --- for the service ----------------------------------------------------------------------------
    def _person(self, prefix: str) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get(f"{prefix}_surname"):
            return None
        return {"first_names": data.get(f"{prefix}_first_names") or "", "surname": data[f"{prefix}_surname"],
                "bsn": data.get(f"{prefix}_bsn") or None, "date_of_birth": data.get(f"{prefix}_date_of_birth"),
                "brp_verified_on": self.brp_verified_on(prefix)}

    def findings(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {"substance": data[f"finding{n}_substance"], "amount": data[f"finding{n}_amount"],
             "unit": data[f"finding{n}_unit"]}
            for n in range(1, FINDING_ROWS + 1)
            if data.get(f"finding{n}_substance") and data.get(f"finding{n}_amount") is not None
            and data.get(f"finding{n}_unit")
        ]

    def service_kwargs(self) -> dict[str, Any]:
        """Arguments for registration.procedure_register (besides actor, controller and owner)."""
        data = self.cleaned_data
        premises = {name: data.get(name) or "" for name in (
            "kind", "street", "house_number", "house_number_addition", "postcode", "city", "bag_id",
            "owner_entity_name", "owner_kvk")}
        premises["owner_person"] = self._person("owner")
        premises.update(self.bag_kwargs())
        report = {name: data.get(name) for name in ("received_on", "found_on", "ground", "police_reference",
                                                     "summary")}
        if data.get("document"):
            report["document"] = data["document"]
        return {"premises": premises, "police_report": report, "findings": self.findings(),
                "main_person": self._person("person")}

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)
