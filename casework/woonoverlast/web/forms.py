"""Forms of the woonoverlast pages. They parse input only: every legal rule lives in the services
(casework/woonoverlast/services/), which check everything again. Each form's `service_kwargs()`
gives exactly the keyword arguments of its service. Labels are English msgids; Dutch is shipped.

Addressees are offered from the file's main person and earlier addressees only — never from the
reporters (shielded parties), whom no decision may name.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from casework import bounds
from casework.bag.client import Address
from casework.bag.forms import AddressPickForm
from casework.brp.forms import PersonLookupForm
from casework.models import Case, Person
from casework.web.fields import label_choices, text, textarea
from casework.web.widgets import CHECKBOX, SELECT, TEXTBOX, date_input
from casework.woonoverlast import workflow as wf
from casework.woonoverlast.models import (
    AddresseeCapacity,
    ApvArticle,
    BehaviouralOrder,
    Closure,
    ComplianceCheck,
    DecisionState,
    Enforcement,
    Intention,
    InterventionKind,
    Melding,
    NuisanceKind,
    PenaltyForm,
    Source,
    TimeUnit,
)
from casework.woonoverlast.services.tracks import METHOD_CHOICES
from encryption.preload import preload_keys
from encryption.validators import validate_bsn


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=date_input(),
                           error_messages={"required": _("Enter a date."), "invalid": _("Enter a valid date.")})


def number(label: Any, *, required: bool = True, help_text: Any = "") -> forms.IntegerField:
    message = _("Enter a whole number of at least 1.")
    return forms.IntegerField(label=label, required=required, min_value=1, help_text=help_text,
                              widget=forms.NumberInput(attrs={**TEXTBOX, "inputmode": "numeric"}),
                              error_messages={"required": message, "invalid": message, "min_value": message})


def amount_field(label: Any, *, required: bool = False) -> forms.DecimalField:
    message = _("Enter an amount in euros above zero, with at most two decimals.")
    return forms.DecimalField(label=label, required=required, min_value=0.01, max_digits=12, decimal_places=2,
                              widget=forms.NumberInput(attrs={**TEXTBOX, "step": "0.01"}),
                              error_messages={"invalid": message, "min_value": message,
                                              "max_decimal_places": message, "max_digits": message})


def select(label: Any, choices: Any, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=required, choices=[("", "---------"), *choices],
                             widget=forms.Select(attrs=SELECT))


def check(label: Any) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, widget=forms.CheckboxInput(attrs=CHECKBOX))


def _name(person: Person) -> str:
    return " ".join(part for part in (person.first_names, person.surname) if part)


def addressee_candidates(case: Case) -> list[Person]:
    """The file's main person and the earlier addressees — never a reporter."""
    people: dict[Any, Person] = {case.person_id: cast(Person, case.person)} if case.person_id else {}
    for model in (BehaviouralOrder, Closure):
        for row in model.objects.filter(case=case).prefetch_related("addressees"):
            for person in row.addressees.all():
                people.setdefault(person.pk, person)
    melders = set(Melding.objects.filter(case=case).values_list("melder_id", flat=True))
    chosen = [p for pk, p in people.items() if pk not in melders]
    preload_keys(chosen)
    return chosen


class _Persons(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return _name(obj)


def persons_field(case: Case) -> _Persons:
    people = addressee_candidates(case)
    field = _Persons(label=_("Addressees"), queryset=Person.objects.filter(pk__in=[p.pk for p in people]),
                     widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
                     error_messages={"required": _("Name at least one addressee.")})
    return field


class IdentityMixin:
    """A person is identified by a BSN or, without one, by surname and date of birth (as the core's
    `person_register` allows); the date of birth within casework/bounds.py (not in the future, not
    before 1900). `PREFIX` names the form's person fields ("" or "melder_")."""

    PREFIX = ""

    def _identity_clean(self, data: dict[str, Any]) -> None:
        form = cast(forms.Form, self)
        bsn_field, dob_field = f"{self.PREFIX}bsn", f"{self.PREFIX}date_of_birth"
        bsn = (data.get(bsn_field) or "").strip()
        if bsn:
            try:
                validate_bsn(bsn)
            except forms.ValidationError as exc:
                form.add_error(bsn_field, exc)
        birth = data.get(dob_field)
        for message in bounds.birth_date(birth, dob_field).values():
            form.add_error(dob_field, message)
        if not bsn and birth is None and dob_field not in form.errors and bsn_field not in form.errors:
            form.add_error(dob_field, _("Enter a BSN or, without one, the date of birth (with the surname)."))

    def person_kwargs(self) -> dict[str, Any]:
        data = cast(forms.Form, self).cleaned_data
        p = self.PREFIX
        return {"first_names": data[f"{p}first_names"], "surname": data[f"{p}surname"],
                "bsn": (data[f"{p}bsn"] or "").strip() or None, "date_of_birth": data[f"{p}date_of_birth"]}


class FileOpenForm(IdentityMixin, PersonLookupForm, AddressPickForm):
    ADDRESS_FIELDS = ("dwelling_address",)
    first_names = text(_("First names of the person causing the nuisance"))
    surname = text(_("Surname"))
    bsn = text(_("BSN"), required=False, max_length=9)
    date_of_birth = date_field(_("Date of birth"), required=False, help_text=_("Required without a BSN."))
    dwelling_address = text(_("Dwelling the nuisance comes from"), max_length=500)
    summary = textarea(_("Summary of the nuisance"), required=False, rows=3,
                       help_text=_("Stored encrypted. Do not name the reporters here."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._identity_clean(data)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        pick = self.bag_pick()
        person = self.person_kwargs() | {"brp_verified_on": self.brp_verified_on()}
        return {"person": person, "dwelling_address": data["dwelling_address"],
                "summary": data["summary"], "bag_id": pick.nummeraanduiding_id if pick else "",
                "bag_object_id": pick.adresseerbaarobject_id if pick else "", "address_verified": pick is not None}

    @classmethod
    def bag_fill(cls, address: Address) -> dict[str, str]:
        return {"dwelling_address": address.label}


class MeldingForm(IdentityMixin, forms.Form):
    PREFIX = "melder_"
    melder_first_names = text(_("First names of the reporter"))
    melder_surname = text(_("Surname of the reporter"))
    melder_bsn = text(_("BSN of the reporter"), required=False, max_length=9)
    melder_date_of_birth = date_field(_("Date of birth of the reporter"), required=False,
                                      help_text=_("Required without a BSN."))
    melder_address = text(_("Address of the reporter"), required=False, max_length=500)
    source = select(_("Source"), Source.choices)
    reported_on = date_field(_("Reported on"))
    kind = select(_("Kind of nuisance"), NuisanceKind.choices)
    description = textarea(_("Description"), help_text=_("Stored encrypted; shown only to who may see the "
                                                          "reporters."))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._identity_clean(data)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"melder": {**self.person_kwargs(), "address": data["melder_address"] or None},
                "source": data["source"], "reported_on": data["reported_on"], "kind": data["kind"],
                "description": data["description"]}


class ZwartboekForm(forms.Form):
    compiled_on = date_field(_("Compiled on"))
    statements = textarea(_("Anonymised statements"), rows=8,
                          help_text=_("No names, addresses or details that identify a reporter."))
    verified_on = date_field(_("Identities of the reporters verified on"))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class InterventionForm(forms.Form):
    kind = select(_("Intervention"), InterventionKind.choices)
    carried_out_on = date_field(_("Carried out on"))
    outcome = textarea(_("Outcome"), help_text=_("Or why lighter means are pointless."))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ViewForm(forms.Form):
    intention = forms.ModelChoiceField(label=_("Intention"), queryset=Intention.objects.none(),
                                       widget=forms.Select(attrs=SELECT))
    received_on = date_field(_("View received on"))
    summary = textarea(_("Summary of the view"))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = label_choices(self.fields["intention"], lambda row: f"{row.get_decision_display()} "
                                                                    f"({row.sent_on:%d-%m-%Y})")
        field.queryset = Intention.objects.filter(case=case).order_by("-sent_on")

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class OrderForm(forms.Form):
    article = forms.ChoiceField(label=_("APV article"), widget=forms.Select(attrs=SELECT))
    behaviour = textarea(_("Behaviour ordered or forbidden"),
                         help_text=_("Concrete, e.g. a temporary ban on entering the dwelling or its surroundings."))
    addressee_capacity = select(_("Addressed as"), AddresseeCapacity.choices)
    enforcement = select(_("Form of the order"), Enforcement.choices)
    duration_weeks = number(_("Duration (weeks)"))
    compliance_term_days = number(_("Compliance term (days)"),
                                  help_text=_("Counted for each addressee from their announcement."))
    penalty_form = select(_("Penalty form (dwangsom only)"), PenaltyForm.choices, required=False)
    amount = amount_field(_("Amount (EUR, dwangsom only)"))
    time_unit = select(_("Time unit"), TimeUnit.choices, required=False)
    maximum = amount_field(_("Maximum (EUR, dwangsom only)"))
    urgent = check(_("Urgent: without an intention"))
    urgency_reason = textarea(_("Reasons for the urgency"), required=False, rows=3)

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressees"] = persons_field(case)
        articles = (ApvArticle.objects.filter(organisation_id=case.controller_id)
                    .values_list("article", flat=True).distinct().order_by("article"))
        cast(forms.ChoiceField, self.fields["article"]).choices = [("", "---------"), *((a, a) for a in articles)]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["addressees"] = list(data["addressees"])
        return data


class ClosureForm(forms.Form):
    grounds = textarea(_("Serious disturbance of public order (grounds)"))
    duration_weeks = number(_("Duration (weeks)"))
    disturbance_term_days = number(_("Term to end the disturbance (days)"), required=False,
                                   help_text=_("Given at announcement (art. 174a lid 4); not in urgent cases."))
    urgent = check(_("Urgent: without an intention"))
    urgency_reason = textarea(_("Reasons for the urgency"), required=False, rows=3)

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressees"] = persons_field(case)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["addressees"] = list(data["addressees"])
        return data


class AnnouncementForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.Select(attrs=SELECT))
    addressee = forms.ModelChoiceField(label=_("Addressee"), queryset=Person.objects.none(),
                                       widget=forms.Select(attrs=SELECT))
    method = select(_("Announced by"), METHOD_CHOICES)
    announced_on = date_field(_("Announced on"))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decisions = {str(row.pk): row for model in (BehaviouralOrder, Closure)
                          for row in model.objects.filter(case=case, state=DecisionState.IMPOSED)}
        cast(forms.ChoiceField, self.fields["decision"]).choices = [
            ("", "---------"), *((pk, f"{row._meta.verbose_name} ({row.decided_on:%d-%m-%Y})")
                                 for pk, row in self.decisions.items())]
        people = addressee_candidates(case)
        field = label_choices(self.fields["addressee"], _name)
        field.queryset = Person.objects.filter(pk__in=[p.pk for p in people])

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["decision"] = self.decisions.get(data["decision"])
        return data


class CheckForm(forms.Form):
    order = forms.ModelChoiceField(label=_("Gedragsaanwijzing"), queryset=BehaviouralOrder.objects.none(),
                                   widget=forms.Select(attrs=SELECT))
    checked_on = date_field(_("Checked on"))
    complied = forms.TypedChoiceField(label=_("Complied with"), coerce=lambda v: v == "yes",
                                      choices=[("", "---------"), ("yes", _("yes")), ("no", _("no"))],
                                      widget=forms.Select(attrs=SELECT))
    findings = textarea(_("Findings"))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = label_choices(self.fields["order"], lambda row: f"{row.apv_article.article} "
                                                                f"({row.decided_on:%d-%m-%Y})")
        field.queryset = BehaviouralOrder.objects.filter(case=case, state=DecisionState.IMPOSED) \
            .select_related("apv_article")

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ForfeitureForm(forms.Form):
    basis = forms.ModelChoiceField(label=_("Check that found the breach"), queryset=ComplianceCheck.objects.none(),
                                   widget=forms.Select(attrs=SELECT))
    forfeited_on = date_field(_("Forfeited on"))
    amount = amount_field(_("Amount (EUR)"))

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = label_choices(self.fields["basis"], lambda row: f"{row.checked_on:%d-%m-%Y}")
        field.queryset = ComplianceCheck.objects.filter(case=case, complied=False,
                                                        order__enforcement=Enforcement.DWANGSOM)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["order"] = data["basis"].order
        return data


class EnforcementActForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision enforced"), widget=forms.Select(attrs=SELECT))
    carried_out_on = date_field(_("Carried out on"))
    description = textarea(_("What was done"))
    costs = amount_field(_("Costs (EUR)"))
    urgent = check(_("Urgent bestuursdwang (Awb 5:31)"))
    urgency_reason = textarea(_("Reasons for the urgency"), required=False, rows=3)

    def __init__(self, *args: Any, case: Case, row: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decisions: dict[str, Any] = {
            str(row.pk): row for row in [
                *BehaviouralOrder.objects.filter(case=case, state=DecisionState.IMPOSED,
                                                 enforcement=Enforcement.BESTUURSDWANG),
                *Closure.objects.filter(case=case, state=DecisionState.IMPOSED)]}
        cast(forms.ChoiceField, self.fields["decision"]).choices = [
            ("", "---------"), *((pk, f"{row._meta.verbose_name} ({row.decided_on:%d-%m-%Y})")
                                 for pk, row in self.decisions.items())]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        row = self.decisions.get(data.pop("decision"))
        data["order" if isinstance(row, BehaviouralOrder) else "closure"] = row
        return data


class ApprovalDecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))],
                                 widget=forms.RadioSelect)
    reason = textarea(_("Reason"), required=False, rows=3, help_text=_("Required when rejecting."))


def step_fields(step: Any) -> dict[str, forms.Field]:
    """The registry's `step_fields`: the data of a woonoverlast step (services/guards.py)."""
    if step.target in (wf.VOORNEMEN, wf.VOORNEMEN_SLUITING):
        return {"intention_sent_on": date_field(_("Intention sent on"), required=False, help_text=_("Empty: today.")),
                "view_term_weeks": number(_("Term for a view (weeks)"), required=False,
                                          help_text=_("Empty: 2 weeks.")), **signatory_fields()}
    if step.target in (wf.GEDRAGSAANWIJZING, wf.SLUITING) and step.source not in (wf.HANDHAVING,):
        return {"decided_on": date_field(_("Decided on"), required=False,
                                         help_text=_("Empty: today. The approved draft is taken.")),
                **signatory_fields()}
    return {}


def signatory_fields() -> dict[str, forms.Field]:
    """Who signs the letter, and whether in mandate ("namens deze"), as Damocles records them."""
    return {"signatory": forms.CharField(label=_("Signed by (mayor or official in mandate)"), max_length=200,
                                         widget=forms.TextInput(attrs=TEXTBOX)),
            "under_mandate": forms.BooleanField(
                label=_("Signed in mandate (on behalf of the mayor): the letter says “namens deze”"),
                required=False, widget=forms.CheckboxInput(attrs=CHECKBOX))}



