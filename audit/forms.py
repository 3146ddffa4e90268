"""Search forms of the privacy officer's workspace. Periods are calendar days in local time."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.actions import Action, Outcome
from audit.activities import KNOWN_ACTIVITIES
from audit.selectors import EventFilters

PSEUDONYM = re.compile(r"^[0-9a-f]{64}$")
CASE_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")


class DateInput(forms.DateInput):
    input_type = "date"


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _blank(choices) -> list[tuple[str, str]]:
    return [("", _("Any")), *choices]


# A search period lies between the year the audit trail could start and a year ahead.
EARLIEST_DAY = date(2000, 1, 1)


def _latest_day() -> date:
    return timezone.localdate() + timedelta(days=366)


def _plausible_day(day: date | None) -> bool:
    return day is None or EARLIEST_DAY <= day <= _latest_day()


class PeriodMixin(forms.Form):
    date_from = forms.DateField(label=_("From (date)"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Until (date, inclusive)"), required=False, widget=DateInput)

    def clean(self):
        cleaned = super().clean() or {}
        for name in ("date_from", "date_to"):
            if not _plausible_day(cleaned.get(name)):
                # 0001-01-01 and 9999-12-31 would overflow the period's bounds in UTC (a 500 before); add_error
                # takes the field out of cleaned_data
                self.add_error(name, _("Choose a date between %(earliest)s and %(latest)s.") % {
                    "earliest": EARLIEST_DAY.strftime("%d-%m-%Y"), "latest": _latest_day().strftime("%d-%m-%Y")})
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("The period ends before it starts."))
        return cleaned

    def period(self) -> tuple[datetime | None, datetime | None]:
        start, end = self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
        return (day_start(start) if start else None, day_start(end + timedelta(days=1)) if end else None)

    def user_id_for(self, username: str) -> str:
        """The id of the account with this username, or a validation error."""
        user_id = get_user_model().objects.filter(username__iexact=username).values_list("pk", flat=True).first()
        if user_id is None:
            raise forms.ValidationError(_("No user with this username."))
        return str(user_id)


class EventSearchForm(PeriodMixin):
    # The browser refuses anything but a pseudonym before the GET is sent, so a BSN typed here by
    # mistake never reaches a URL or an access log; the server checks again.
    subject = forms.CharField(label=_("Data subject (pseudonym)"), required=False, max_length=64, min_length=64,
                              help_text=_("The 64-character pseudonym of a person."),
                              widget=forms.TextInput(attrs={"pattern": "[0-9a-fA-F]{64}", "autocomplete": "off",
                                                            "class": "utrecht-textbox utrecht-textbox--html-input"}))
    username = forms.CharField(label=_("User (username)"), required=False, max_length=150)
    case_id = forms.CharField(label=_("Case id"), required=False, max_length=64)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=_blank(Action.choices))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=_blank(Outcome.choices))
    processing_activity = forms.ChoiceField(
        label=_("Processing activity"), required=False,
        choices=_blank((code, code) for code in sorted(KNOWN_ACTIVITIES)),
    )
    field_order = ["subject", "username", "case_id", "action", "outcome", "processing_activity", "date_from",
                   "date_to"]

    def clean_subject(self) -> str:
        value = self.cleaned_data["subject"].strip().lower()
        if value and not PSEUDONYM.match(value):
            raise forms.ValidationError(_("A pseudonym is 64 characters 0-9 and a-f."))
        return value

    def clean_case_id(self) -> str:
        value = self.cleaned_data["case_id"].strip()
        if value and not CASE_ID.match(value):
            raise forms.ValidationError(_("Enter a case id, not a name."))
        return value

    def clean_username(self) -> str:
        value = self.cleaned_data["username"].strip()
        return self.user_id_for(value) if value else ""

    def filters(self) -> EventFilters:
        start, end = self.period()
        data = self.cleaned_data
        return EventFilters(
            subject_pseudonym=data["subject"], actor_id=data["username"], case_id=data["case_id"],
            action=data["action"], outcome=data["outcome"], processing_activity=data["processing_activity"],
            start=start, end=end,
        )


class UserSubjectsForm(PeriodMixin):
    username = forms.CharField(label=_("User (username)"), max_length=150)
    field_order = ["username", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_from"].required = True
        self.fields["date_to"].required = True

    def clean_username(self) -> str:
        return self.user_id_for(self.cleaned_data["username"].strip())
