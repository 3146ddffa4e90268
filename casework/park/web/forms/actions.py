"""Forms of the park file pages (casework/park/web/views/actions.py): opening a file, the status
steps with their data, inspections, the order and its four-eyes approval. They parse input only:
every legal rule (the order names the object, the compliance term is mandatory, four eyes,
tolerance decisions, limitation) lives in the services (casework/park/services/), which check
everything again.

Choice lists (objects, orders, addressees, inspections) are scoped to the file or object here so a
form never offers something the service would refuse. Labels are English msgids; Dutch is the
shipped language. Each form's `service_kwargs()` gives exactly the keyword arguments of its service.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import HANDHAVER
from casework.bounds import LONG_TEXT
from casework.models import Case
from casework.park import workflow as wf
from casework.park.models import InspectionSource, PenaltyForm, PenaltyOrder, RecreationObject, TimeUnit
from casework.park.web.forms.fields import (
    OWNER_ENTITY,
    addressee_choices,
    amount_field,
    check,
    date_field,
    positive_int,
    select,
)
from casework.web.fields import label_choices, text, textarea
from casework.web.widgets import REASON_HELP, SELECT, Radios, VersionedForm, _Checkboxes

MAX_PHOTO_BYTES = 10 * 1024 * 1024


# --- the file -------------------------------------------------------------------------------------

class FileOpenForm(forms.Form):
    object = forms.ModelChoiceField(label=_("Recreation object"), queryset=RecreationObject.objects.none(),
                                    widget=forms.Select(attrs=SELECT),
                                    error_messages={"required": _("Choose the recreation object."),
                                                    "invalid_choice": _("Choose the recreation object.")},
                                    help_text=_("Every enforcement step names one specific object."))
    reason = textarea(_("Reason for opening the file"), rows=3, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        objects = RecreationObject.objects.filter(park__controller_id=user.organisation_id) \
            .select_related("park").order_by("park__name", "number")
        cast(forms.ModelChoiceField, self.fields["object"]).queryset = objects
        label_choices(self.fields["object"], lambda obj: f"{obj.park.name} — {obj.number} "
                                                                f"({obj.get_kind_display()})")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"object": data["object"], "reason": data["reason"] or "park enforcement file opened"}


def _step_fields(target: str, case: Case) -> dict[str, forms.Field]:
    """The data fields of one park step (see GUARDS in casework/park/services/orders.py)."""
    if target == wf.CONSTATERING:
        return {"reported_on": date_field(_("Finding report drawn up on"), required=False,
                                          help_text=_("Empty: today.")),
                "report_summary": textarea(_("Finding report (summary)"), rows=4, required=False,
                                           help_text=_("Stored encrypted."))}
    if target == wf.VOORNEMEN:
        return {"intention_sent_on": date_field(_("Intention sent on"), required=False, help_text=_("Empty: today.")),
                "view_term_weeks": positive_int(_("Term for a view (weeks)"), required=False,
                                                message=_("Enter at least 1 week."),
                                                help_text=_("Empty: the file's term (default 2 weeks)."))}
    if target == wf.LAST_ONDER_DWANGSOM:
        return {"decided_on": date_field(_("Order decided on"), required=False, help_text=_("Empty: today."))}
    return {}


class StepForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), max_length=LONG_TEXT, help_text=REASON_HELP,
                             error_messages={"required": _("State the reason for this step.")},
                             widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}))

    def __init__(self, *args: Any, step, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        extra = _step_fields(step.target, case)
        self.step_fields = list(extra)
        self.fields.update(extra)

    def step_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.step_fields
                if self.cleaned_data.get(name) not in (None, "")}


# --- inspections ----------------------------------------------------------------------------------

class InspectionForm(forms.Form):
    inspected_on = date_field(_("Inspected on"))
    officers = forms.ModelMultipleChoiceField(label=_("Officers"), queryset=User.objects.none(),
                                              widget=_Checkboxes(),
                                              error_messages={"required": _("Name at least one officer who "
                                                                            "inspected.")})
    sources = forms.MultipleChoiceField(label=_("Sources checked"), choices=InspectionSource.choices,
                                        widget=_Checkboxes(),
                                        error_messages={"required": _("Tick at least one source that was "
                                                                      "checked.")})
    findings = textarea(_("Findings"), rows=5, help_text=_("Stored encrypted."))
    drugs_found = check(_("Drugs were found"))
    order = forms.ModelChoiceField(label=_("Order checked (re-inspection)"), queryset=PenaltyOrder.objects.none(),
                                   required=False, widget=forms.Select(attrs=SELECT),
                                   empty_label=_("None: a first inspection"))
    compliant = forms.TypedChoiceField(
        label=_("Was the order complied with?"), required=False, widget=Radios(),
        choices=[("yes", _("Yes, complied with")), ("no", _("No, not complied with"))],
        coerce=lambda value: value == "yes", empty_value=None,
        help_text=_("Only for a re-inspection of an order."))
    photo = forms.FileField(label=_("Photo (JPEG or PNG)"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}))
    photo_caption = text(_("Caption of the photo"), required=False, max_length=300)

    def __init__(self, *args: Any, case: Case, actor: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("officers", [actor.pk])
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["officers"]).queryset = User.objects.filter(
            organisation_id=case.controller_id, is_active=True, groups__name=HANDHAVER).order_by("last_name")
        label_choices(self.fields["officers"], lambda user: user.display_name)
        orders = PenaltyOrder.objects.filter(case=case, state=PenaltyOrder.State.IMPOSED).order_by("decided_on")
        cast(forms.ModelChoiceField, self.fields["order"]).queryset = orders
        label_choices(self.fields["order"], lambda order: str(_("Order of %(date)s") % {
            "date": order.decided_on.strftime("%d-%m-%Y") if order.decided_on else "—"}))

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("The photo is larger than 10 MB."))
        return photo

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        photo = data.pop("photo", None)
        caption = data.pop("photo_caption", "")
        photos = [(photo.read(), photo.content_type or "", caption or "")] if photo else []
        return {**data, "officers": list(data["officers"]), "photos": photos}


# --- the order ------------------------------------------------------------------------------------

def no_addressee_help(obj: RecreationObject) -> str:
    """What to do when the object has no owner, no occupant and the file no main person: nobody to address."""
    return format_html(
        '{} <a class="utrecht-link" href="{}">{}</a> <a class="utrecht-link" href="{}">{}</a>',
        _("This object has no registered owner or occupant, so there is no one to address the order to yet. "
          "Register the occupants of the object first; the owner is recorded with the object."),
        reverse("casework:park_occupant_create", kwargs={"object_id": obj.pk}), _("Register an occupant"),
        reverse("casework:park_object_detail", kwargs={"object_id": obj.pk}), _("Go to the object"),
    )


class OrderForm(forms.Form):
    addressees = forms.MultipleChoiceField(
        label=_("Addressees"), widget=_Checkboxes(),
        error_messages={"required": _("Name at least one addressee of the order."),
                        "invalid_choice": _("Choose the addressees from the list.")},
        help_text=_("The owner (a person or a company), the current occupants and the file's main person."))
    remedy = textarea(_("What must be done (the order)"), rows=4,
                      help_text=_("Name the object and the measure precisely. Stored encrypted."))
    compliance_term_days = positive_int(
        _("Compliance term (days)"), message=_("A compliance term of at least 1 day is mandatory (Awb 5:32a)."),
        help_text=_("The begunstigingstermijn: the time to comply before penalties are forfeited."))
    penalty_form = forms.ChoiceField(label=_("Penalty form"), choices=PenaltyForm.choices, widget=Radios(),
                                     error_messages={"required": _("Choose the penalty form.")})
    amount = amount_field(_("Amount (EUR)"), help_text=_("The lump sum, or the amount per time unit or violation."))
    time_unit = select(_("Time unit"), TimeUnit.choices, required=False)
    maximum = amount_field(_("Maximum (EUR)"), help_text=_("Awb 5:32b: the total never exceeds this amount."))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        obj = case.park.object
        choices, self.persons = addressee_choices(obj, main=case.person)
        addressees = cast(forms.MultipleChoiceField, self.fields["addressees"])
        addressees.choices = choices
        if not choices:
            addressees.help_text = no_addressee_help(obj)
            addressees.error_messages["required"] = _(
                "There is no one to address the order to yet: register an occupant of the object first.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("penalty_form") == PenaltyForm.PER_TIME_UNIT and not data.get("time_unit"):
            self.add_error("time_unit", _("Choose the time unit for a penalty per time unit."))
        elif data.get("penalty_form") and data.get("penalty_form") != PenaltyForm.PER_TIME_UNIT \
                and data.get("time_unit"):
            self.add_error("time_unit", _("A time unit only goes with a penalty per time unit."))
        if data.get("amount") and data.get("maximum") and data["maximum"] < data["amount"]:
            self.add_error("maximum", _("The maximum cannot be lower than the amount."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        chosen = self.cleaned_data["addressees"]
        return {**self.cleaned_data, "addressees": [self.persons[value] for value in chosen if value != OWNER_ENTITY],
                "owner_entity": OWNER_ENTITY in chosen}


class ApprovalDecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=Radios(),
                                 choices=[("approve", _("Approve")), ("reject", _("Reject"))],
                                 error_messages={"required": _("Choose to approve or reject.")})
    reason = textarea(_("Reason"), rows=3, required=False)
