"""Forms of the core's case pages: status steps, handover, sharing, break-the-glass, the case list's
filters and the case search. They parse input only: every rule lives in the services.

Choice lists (partners, caseworkers) are scoped here so a form never offers something the service
would refuse, but the service checks again.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.directory import directory
from accounts.models import Organisation, User, display_name_of
from casework import access, registry, selectors, worklist
from casework import categories as case_categories
from casework.categories import METADATA
from casework.models import Case
from casework.web.fields import textarea
from casework.web.listing import ListFilterForm, case_type_field, choice_field
from casework.web.widgets import (
    RADIO,
    REASON_HELP,
    SELECT,
    TEXTBOX,
    Checkboxes,
    VersionedForm,
    date_input,
    partners,
)
from encryption.validators import validate_bsn

# --- transitions --------------------------------------------------------------------------------


class TransitionForm(VersionedForm):
    """A status step: the reason, plus the data fields the case type's step asks for (registry
    `step_fields`)."""

    reason = textarea(_("Reason"), rows=3, help_text=REASON_HELP)

    def __init__(self, *args: Any, step, case_type: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        spec = registry.find(case_type)
        extra = spec.provider("step_fields")(step) if spec is not None and spec.step_fields is not None else {}
        self.step_fields = list(extra)
        self.fields.update(extra)

    def step_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.step_fields
                if self.cleaned_data.get(name) not in (None, "")}


# --- handover, sharing, break-the-glass ---------------------------------------------------------


class UserChoiceField(forms.ModelChoiceField):
    """Users by their display name, not their username."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


class HandoverForm(VersionedForm):
    new_owner = UserChoiceField(label=_("New owner"), queryset=User.objects.none(), widget=forms.Select(attrs=SELECT))
    reason = textarea(_("Reason"), rows=3,
                      help_text=_("The handover (from whom, to whom, by whom) is recorded in the audit trail."))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["new_owner"]).queryset = (
            User.objects.filter(organisation_id=case.controller_id, is_active=True,
                                groups__name__in=access.CASEWORKER_ROLES)
            .exclude(pk=case.owner_id).distinct().order_by("last_name", "first_name", "username")
        )


class ShareForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner organisation"), queryset=Organisation.objects.none(),
                                     widget=forms.Select(attrs=SELECT))
    categories = forms.MultipleChoiceField(
        label=_("Categories of data"), required=False, widget=Checkboxes(),
        help_text=_("Case metadata (reference, type, status, dates) is always shared."),
    )
    processing_activity = forms.ChoiceField(
        label=_("Processing activity"), widget=forms.RadioSelect(attrs=RADIO),
        help_text=_("From the register of processing activities. The legal basis comes with it."))
    purpose = textarea(_("Purpose"), rows=3)
    weighing = textarea(
        _("Weighing of proportionality and subsidiarity"), rows=5,
        help_text=_("Why is sharing these data with this partner necessary, and why is less not enough?"))
    shielded_weighing = textarea(
        _("Weighing for sharing who reported"), required=False,
        help_text=_("Only when you share a category of shielded parties (melders, sources of signals): why must this "
                    "partner know who reported? Stored encrypted."))
    ends_on = forms.DateField(label=_("Valid until"), widget=date_input())

    def __init__(self, *args: Any, case: Case, activities: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["partner"]).queryset = partners().exclude(pk=case.controller_id)
        categories = [code for code in case_categories.for_case_type(case.case_type) if code != METADATA]
        cast(forms.ChoiceField, self.fields["categories"]).choices = [
            (code, case_categories.label_of(code)) for code in categories
        ]
        if not any(case_categories.is_shielded(code) for code in categories):
            del self.fields["shielded_weighing"]
        self.activities = activities
        cast(forms.ChoiceField, self.fields["processing_activity"]).choices = [(a.code, a.name) for a in activities]

    def activity_options(self) -> list[tuple[Any, Any]]:
        """(radio, activity) pairs, so the template shows each activity's legal basis read-only."""
        return list(zip(self["processing_activity"], self.activities, strict=True))

    def chosen_categories(self) -> list[str]:
        return [METADATA, *self.cleaned_data["categories"]]


class ReasonForm(forms.Form):
    reason = textarea(_("Reason"), rows=3)


class BreakGlassForm(forms.Form):
    reason = textarea(_("Why do you need emergency access?"),
                      help_text=_("At least 10 characters. The privacy officer reviews every emergency access."))


# --- the case list and the search -------------------------------------------------------------------

SORT_CHOICES = [
    ("-opened", _("Opened (newest first)")),
    ("opened", _("Opened (oldest first)")),
    ("reference", _("Reference (ascending)")),
    ("-reference", _("Reference (descending)")),
    ("status", _("Status")),
]


class NoEchoTextInput(forms.TextInput):
    """A text box that never renders a submitted value back (a BSN stays out of the page)."""

    def format_value(self, value: Any) -> None:
        return None


DEADLINE_WINDOWS = {
    "overdue": _("A term has passed"),
    "7": _("A term passed or due within 7 days"),
    "30": _("A term passed or due within 30 days"),
}


class CaseFilterForm(ListFilterForm):
    """GET filters of "Mijn casussen" (codes and ids only); invalid values fall back to no filter."""

    ME = "me"
    case_type = case_type_field()
    status = forms.ChoiceField(label=_("Status"), required=False, widget=forms.Select(attrs=SELECT))
    team = forms.ChoiceField(label=_("Team"), required=False, widget=forms.Select(attrs=SELECT))
    owner = forms.ChoiceField(label=_("Owner"), required=False, widget=forms.Select(attrs=SELECT))
    deadline = choice_field(_("Deadline"), list(DEADLINE_WINDOWS.items()), _("Any or none"))
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES,
                             widget=forms.Select(attrs=SELECT))
    field_order = ["case_type", "status", "team", "owner", "deadline", "sort", "size"]

    def __init__(self, data: Any = None, *, user, **kwargs: Any) -> None:
        self.user = user
        super().__init__(data, **kwargs)

    def prepare(self) -> None:
        status = cast(forms.ChoiceField, self.fields["status"])
        status.choices = [("", _("All statuses")), *selectors.status_choices()]
        # plain choices (a ModelChoiceField would query its teams again to render and to validate)
        teams, colleagues = self._choices()
        cast(forms.ChoiceField, self.fields["team"]).choices = [("", _("All teams")), *teams]
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", _("Everyone")), (self.ME, _("Me")), *colleagues]

    def _choices(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """The organisation's teams and the user's active colleagues (accounts/directory.py: one statement),
        kept on the request's user object: read once per request however many forms a page builds (the saved
        filters' labels build one per filter)."""
        choices = getattr(self.user, "_filter_choices", None)
        if choices is None:
            found = directory(self.user.organisation_id)
            choices = ([(str(pk), name) for pk, name in found.teams],
                       [(str(pk), display_name_of(first, last, username))
                        for pk, first, last, username in found.users if pk != self.user.pk])
            self.user._filter_choices = choices
        return choices

    def filters(self) -> selectors.CaseFilters:
        if not self.is_bound or not self.is_valid():
            return selectors.CaseFilters()
        data = self.cleaned_data
        owner = data["owner"]
        deadline = data["deadline"]
        return selectors.CaseFilters(
            status=data["status"] or "", team_id=data["team"] or None,
            case_type=data["case_type"] or "", sort=data["sort"] or selectors.DEFAULT_SORT,
            owner_id=self.user.pk if owner == self.ME else (owner or None),
            overdue=deadline == "overdue", due_within=int(deadline) if deadline.isdigit() else None,
        )


class CaseSearchForm(forms.Form):
    """Search by reference, BSN, or surname + date of birth. Sent by POST: a BSN or name never
    appears in a URL (and so never in access logs or browser history)."""

    BY_REFERENCE, BY_BSN, BY_NAME = "reference", "bsn", "name"
    by = forms.ChoiceField(
        label=_("Search by"), widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
        choices=[(BY_REFERENCE, _("Case reference")), (BY_BSN, _("BSN")),
                 (BY_NAME, _("Surname and date of birth"))],
        initial=BY_REFERENCE,
    )
    reference = forms.CharField(label=_("Case reference"), required=False, max_length=32,
                                help_text=_("For example PGA-2026-0042."), widget=forms.TextInput(attrs=TEXTBOX))
    bsn = forms.CharField(label=_("BSN"), required=False, max_length=9,
                          widget=NoEchoTextInput(attrs={**TEXTBOX, "inputmode": "numeric", "autocomplete": "off"}))
    surname = forms.CharField(label=_("Surname"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off"}))
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False,
                                    widget=forms.DateInput(attrs={**TEXTBOX, "type": "date"}, format="%Y-%m-%d"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        by = data.get("by")
        if by == self.BY_REFERENCE and not (data.get("reference") or "").strip():
            self.add_error("reference", _("Enter a case reference."))
        elif by == self.BY_BSN:
            bsn = (data.get("bsn") or "").strip()
            try:
                validate_bsn(bsn)
            except ValidationError as error:
                self.add_error("bsn", error)
            data["bsn"] = bsn
        elif by == self.BY_NAME:
            if not (data.get("surname") or "").strip():
                self.add_error("surname", _("Enter the surname."))
            if not data.get("date_of_birth"):
                self.add_error("date_of_birth", _("Enter the date of birth."))
        return data


class EquatedDayForm(forms.Form):
    """A day equated with a holiday by royal decree (Atw art. 3 lid 3)."""

    date = forms.DateField(label=_("Date"), widget=date_input())
    description = forms.CharField(label=_("Description"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX),
                                  help_text=_("For example: Friday after Ascension Day."))
    source = forms.CharField(label=_("Decree"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX),
                             help_text=_("Title and publication of the royal decree that equates the day."))


# --- Mijn werk ------------------------------------------------------------------------------------

class WorkFilterForm(ListFilterForm):
    """GET filters of "Mijn werk": case type, kind of item, window (codes only)."""

    case_type = case_type_field()
    kind = choice_field(_("Kind of item"), list(worklist.KINDS.items()), _("Everything"))
    window = choice_field(_("When"), list(worklist.WINDOWS.items()), _("Overdue and the coming three months"))
    field_order = ["case_type", "kind", "window", "size"]


# --- Person overview ------------------------------------------------------------------------------

class PersonCasesForm(ListFilterForm):
    """GET filters of the person overview: the case type (a code; never anything about the person)."""

    case_type = case_type_field()
    field_order = ["case_type", "size"]
