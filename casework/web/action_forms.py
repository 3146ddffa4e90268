"""Forms for the write actions on a case. They parse input only: every rule lives in the services.

Widgets carry the NL Design System classes; labels are English msgids (Dutch is the shipped
language). Choice lists (partners, caseworkers, conferences) are scoped here so a form never
offers something the service would refuse, but the service checks again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from casework import access
from casework import categories as case_categories
from casework.categories import METADATA
from casework.models import Case
from casework.pga import workflow as pga_workflow
from casework.pga.models import Agreement, ClosureReason, Leefgebied

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
TEXTAREA = {"rows": 4, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={**TEXTAREA, "rows": rows})


def _partners() -> Any:
    return Organisation.objects.filter(is_active=True).order_by("name")


class _Checkboxes(forms.CheckboxSelectMultiple):
    def __init__(self, attrs=None, choices=()):
        super().__init__({**CHECKBOX, **(attrs or {})}, choices)


class _PartnerChoice(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Select(attrs=SELECT))
        super().__init__(queryset=_partners(), **kwargs)


class _PartnersChoice(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=_partners(), widget=_Checkboxes(), required=False, **kwargs)


REASON_HELP = _("Recorded with the step. Write down what matters for the case; it is stored encrypted.")


class VersionedForm(forms.Form):
    """Carries the case version the user saw, for optimistic locking (a stale edit gets a conflict)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# --- transitions --------------------------------------------------------------------------------

# Data fields a transition's form shows: the ones the table requires plus optional extras per target.
OPTIONAL_STEP_FIELDS = {pga_workflow.AFGESLOTEN: ("aftercare_check_on",)}


def _step_field(name: str) -> forms.Field:
    if name == "triage_advice":
        return forms.CharField(label=_("Advice to the referring partner"), widget=_textarea())
    if name == "closure_reason":
        return forms.ChoiceField(label=_("Closure reason"), choices=[("", "---------"), *ClosureReason.choices],
                                 widget=forms.Select(attrs=SELECT))
    if name == "aftercare_check_on":
        return forms.DateField(label=_("Aftercare check on"), required=False, widget=_date_input(),
                               help_text=_("Optional: the date on which someone checks how the person is doing."))
    raise KeyError(name)


class TransitionForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), help_text=REASON_HELP, widget=_textarea(3))

    def __init__(self, *args: Any, step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step_fields = [*step.requires, *OPTIONAL_STEP_FIELDS.get(step.target, ())]
        for name in self.step_fields:
            self.fields[name] = _step_field(name)
            self.fields[name].required = name in step.requires

    def step_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.step_fields
                if self.cleaned_data.get(name) not in (None, "")}


# --- conferences, agreements, escalation -------------------------------------------------------


class ConferenceForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=_date_input())
    invited = _PartnersChoice(label=_("Invited partners"))
    attending = _PartnersChoice(label=_("Attending partners"))
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=_textarea(8),
                              help_text=_("Stored encrypted. Only what the conference needs."))


class AgreementForm(forms.Form):
    description = forms.CharField(label=_("Agreement"), widget=_textarea(3))
    owner_organisation = _PartnerChoice(label=_("Owner organisation"))
    due_on = forms.DateField(label=_("Due date"), widget=_date_input())
    conference = forms.ModelChoiceField(label=_("Conference"), queryset=None, required=False,
                                        widget=forms.Select(attrs=SELECT), empty_label=_("(no conference)"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conference"].queryset = case.conferences.order_by("-held_on")
        self.fields["conference"].label_from_instance = lambda conference: conference.held_on.strftime("%d-%m-%Y")


class AgreementUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices, widget=forms.Select(attrs=SELECT))
    due_on = forms.DateField(label=_("Due date"), widget=_date_input())


class EscalationForm(forms.Form):
    escalated = forms.BooleanField(label=_("Escalate this case (bestuurlijk opschalen)"), required=False,
                                   widget=forms.CheckboxInput(attrs=CHECKBOX))
    reason = forms.CharField(label=_("Reason for escalation"), required=False, widget=_textarea(3),
                             help_text=_("Required when the case is escalated. Stored encrypted."))


# --- plan of approach --------------------------------------------------------------------------

INTERVENTIONS_PER_GOAL = 3
PLAN_ROWS = len(Leefgebied.choices)


class GoalRowForm(forms.Form):
    """One goal of the plan: a life domain, the goal, and up to three interventions."""

    leefgebied = forms.ChoiceField(label=_("Life domain"), required=False,
                                   choices=[("", "---------"), *Leefgebied.choices], widget=forms.Select(attrs=SELECT))
    goal = forms.CharField(label=_("Goal"), required=False, widget=_textarea(2))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, INTERVENTIONS_PER_GOAL + 1):
            self.fields[f"i{number}_description"] = forms.CharField(
                label=_("Description"), required=False, widget=forms.TextInput(attrs=TEXTBOX))
            self.fields[f"i{number}_partner"] = _PartnerChoice(label=_("Partner"), required=False)
            self.fields[f"i{number}_due_on"] = forms.DateField(label=_("Due date"), required=False,
                                                               widget=_date_input())

    def interventions(self) -> list[list[forms.BoundField]]:
        """Bound fields per intervention, for the template (one fieldset each)."""
        return [[self[f"i{n}_{part}"] for part in ("description", "partner", "due_on")]
                for n in range(1, INTERVENTIONS_PER_GOAL + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_interventions = any(data.get(f"i{n}_description") for n in range(1, INTERVENTIONS_PER_GOAL + 1))
        for n in range(1, INTERVENTIONS_PER_GOAL + 1):
            if (data.get(f"i{n}_partner") or data.get(f"i{n}_due_on")) and not data.get(f"i{n}_description"):
                self.add_error(f"i{n}_description", _("Describe the intervention, or clear its partner and date."))
        if (data.get("goal") or has_interventions) and not data.get("leefgebied"):
            self.add_error("leefgebied", _("Choose the life domain of this goal."))
        if (data.get("leefgebied") or has_interventions) and not data.get("goal"):
            self.add_error("goal", _("Describe the goal, or clear this row."))
        return data

    def as_goal(self) -> dict[str, Any] | None:
        """This row as the plan service expects it; None for an empty row."""
        data = self.cleaned_data
        if not data.get("goal"):
            return None
        interventions = []
        for n in range(1, INTERVENTIONS_PER_GOAL + 1):
            if data.get(f"i{n}_description"):
                partner, due_on = data.get(f"i{n}_partner"), data.get(f"i{n}_due_on")
                interventions.append({"description": data[f"i{n}_description"],
                                      "partner_id": str(partner.pk) if partner else "",
                                      "due_on": due_on.isoformat() if due_on else ""})
        return {"leefgebied": data["leefgebied"], "goal": data["goal"], "interventions": interventions}


PlanFormSet = forms.formset_factory(GoalRowForm, extra=0, max_num=50, absolute_max=50)


def plan_initial(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows prefilled from the current plan version, padded with empty rows to a fixed number."""
    rows: list[dict[str, Any]] = []
    for goal in goals:
        row: dict[str, Any] = {"leefgebied": goal.get("leefgebied", ""), "goal": goal.get("goal", "")}
        for n, item in enumerate(goal.get("interventions", [])[:INTERVENTIONS_PER_GOAL], start=1):
            row[f"i{n}_description"] = item.get("description", "")
            row[f"i{n}_partner"] = item.get("partner_id") or None
            row[f"i{n}_due_on"] = item.get("due_on") or None
        rows.append(row)
    return rows + [{} for _row in range(max(PLAN_ROWS - len(rows), 1))]


def plan_goals(formset) -> list[dict[str, Any]]:
    return [goal for form in formset.forms if (goal := form.as_goal()) is not None]


# --- handover, sharing, break-the-glass ---------------------------------------------------------


class HandoverForm(VersionedForm):
    new_owner = forms.ModelChoiceField(label=_("New owner"), queryset=None, widget=forms.Select(attrs=SELECT))
    reason = forms.CharField(label=_("Reason"), widget=_textarea(3),
                             help_text=_("The handover (from whom, to whom, by whom) is recorded in the audit trail."))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_owner"].queryset = (
            User.objects.filter(organisation_id=case.controller_id, is_active=True,
                                groups__name__in=access.CASEWORKER_ROLES)
            .exclude(pk=case.owner_id).distinct().order_by("last_name", "first_name", "username")
        )
        self.fields["new_owner"].label_from_instance = lambda user: user.display_name


class ShareForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner organisation"), queryset=None,
                                     widget=forms.Select(attrs=SELECT))
    categories = forms.MultipleChoiceField(
        label=_("Categories of data"), required=False, widget=_Checkboxes(),
        help_text=_("Case metadata (reference, type, status, dates) is always shared."),
    )
    processing_activity = forms.ChoiceField(label=_("Processing activity"), widget=forms.RadioSelect(attrs=RADIO))
    purpose = forms.CharField(label=_("Purpose"), widget=_textarea(3))
    weighing = forms.CharField(
        label=_("Weighing of proportionality and subsidiarity"), widget=_textarea(5),
        help_text=_("Why is sharing these data with this partner necessary, and why is less not enough?"),
    )
    ends_on = forms.DateField(label=_("Valid until"), widget=_date_input())

    def __init__(self, *args: Any, case: Case, activities: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = _partners().exclude(pk=case.controller_id)
        self.fields["categories"].choices = [
            (code, case_categories.label_of(code)) for code in case_categories.for_case_type(case.case_type)
            if code != METADATA
        ]
        self.activities = activities
        self.fields["processing_activity"].choices = [(a.code, a.name) for a in activities]

    def activity_options(self) -> list[tuple[Any, Any]]:
        """(radio, activity) pairs, so the template shows each activity's legal basis read-only."""
        return list(zip(self["processing_activity"], self.activities, strict=True))

    def chosen_categories(self) -> list[str]:
        return [METADATA, *self.cleaned_data["categories"]]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=_textarea(3))


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need emergency access?"), widget=_textarea(4),
        help_text=_("At least 10 characters. The privacy officer reviews every emergency access."),
    )
