"""Forms of the meeting pages (the NL Design System form pattern, ADR 0021: casework/web/widgets.py)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, Team, User
from casework.meetings.models import WEEKDAYS, Meeting, MeetingOccurrence
from casework.web.fields import textarea
from casework.web.listing import ListFilterForm, choice_field
from casework.web.widgets import SELECT, TEXTBOX, Checkboxes, PartnersChoice, Radios, date_input, partners


class OccurrenceChoiceField(forms.ModelChoiceField):
    """Sittings by title, day and time (no case data in a title)."""

    def label_from_instance(self, obj: Any) -> str:
        local = timezone.localtime(obj.starts)
        return f"{obj.meeting.title} — {date_format(local, 'l j F Y')} {date_format(local, 'H:i')}"


class AgendaAddForm(forms.Form):
    occurrence = OccurrenceChoiceField(label=_("Meeting"), queryset=MeetingOccurrence.objects.none(),
                                       widget=forms.Select(attrs=SELECT), empty_label=None,
                                       help_text=_("Planned meetings of your organisation. After a meeting's "
                                                   "referral deadline a case can no longer be added."))
    goal = textarea(_("Goal of the discussion"), required=False, rows=3,
                    help_text=_("Stored encrypted with the case; seen only by those who may see the "
                                "case's conference notes."))
    invited = PartnersChoice(label=_("Invite partner organisations for this item"),
                             help_text=_("A partner without a sharing decision for this case sees only the item "
                                         "number, never the case."))

    def __init__(self, *args: Any, occurrences: QuerySet[MeetingOccurrence], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["occurrence"]).queryset = occurrences


class MinutesForm(forms.Form):
    attending = forms.ModelMultipleChoiceField(label=_("Organisations present"), queryset=partners(),
                                               widget=Checkboxes(), required=False)
    minutes = textarea(_("Minutes"), required=False, rows=8,
                       help_text=_("Stored encrypted with the case, under the case's conference "
                                   "category. Only what the meeting needs."))


class MeetingFilterForm(ListFilterForm):
    kind = choice_field(_("Kind of meeting"), Meeting.Kind.choices, _("All kinds"))


def time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={**TEXTBOX, "type": "time"}, format="%H:%M")


def _weekday(label: Any, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=[("", _("(none)")), *WEEKDAYS], coerce=int,
                                  empty_value=None, required=False, widget=forms.Select(attrs=SELECT),
                                  help_text=help_text)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class UsersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class MeetingEditForm(forms.Form):
    """What of a series can change afterwards; its times are changed per sitting (move)."""

    title = forms.CharField(label=_("Title"), max_length=120, widget=forms.TextInput(attrs=TEXTBOX),
                            error_messages={"required": _("Give the meeting a title.")},
                            help_text=_("Goes out by mail with the invitation: no names or case references."))
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices, widget=Radios())
    place = forms.CharField(label=_("Place"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXTBOX),
                            help_text=_("Give a place, a video link or both."))
    video_link = forms.URLField(label=_("Video link"), max_length=300, required=False, assume_scheme="https",
                                widget=forms.URLInput(attrs=TEXTBOX))
    chair = UserChoiceField(label=_("Chair"), queryset=User.objects.none(), widget=forms.Select(attrs=SELECT),
                            empty_label=None)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False,
                                  widget=forms.Select(attrs=SELECT), empty_label=_("(none)"))
    staff = UsersChoiceField(label=_("Invited colleagues"), queryset=User.objects.none(), required=False,
                             widget=Checkboxes(),
                             help_text=_("They receive the invitations. Partner organisations are invited per "
                                         "agenda item."))
    referral_weekday = _weekday(_("Referral deadline: weekday"),
                                _("Cases can be put on the agenda until this weekday and time before a sitting. "
                                  "Leave both empty for no deadline."))
    referral_time = forms.TimeField(label=_("Referral deadline: time"), required=False, widget=time_input())

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        colleagues = User.objects.filter(organisation=organisation, is_active=True).order_by("username")
        cast(forms.ModelChoiceField, self.fields["chair"]).queryset = colleagues
        cast(forms.ModelChoiceField, self.fields["staff"]).queryset = colleagues
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = Team.objects.filter(organisation=organisation)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("referral_weekday") is None) != (data.get("referral_time") is None) \
                and "referral_time" not in self.errors:
            self.add_error("referral_time", _("Give both the weekday and the time of the referral deadline, "
                                              "or neither."))
        return data


class MeetingForm(MeetingEditForm):
    """A new series: its rule (once on a date, or weekly on a weekday) and time, then what can change later."""

    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Meeting.Recurrence.choices, widget=Radios(),
                                   initial=Meeting.Recurrence.WEEKLY)
    weekday = _weekday(_("Weekday"), _("For a weekly meeting."))
    first_on = forms.DateField(label=_("Date"), required=False, widget=date_input(),
                               help_text=_("For a meeting once; for a weekly meeting the first date (empty: "
                                           "from this week)."))
    starts_at = forms.TimeField(label=_("Start time"), widget=time_input(),
                                error_messages={"required": _("Give the start time of the meeting.")})
    duration_minutes = forms.IntegerField(label=_("Duration in minutes"), min_value=5, max_value=720, initial=60,
                                          widget=forms.NumberInput(attrs=TEXTBOX))

    field_order = ["title", "kind", "recurrence", "weekday", "first_on", "starts_at", "duration_minutes"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("recurrence") == Meeting.Recurrence.WEEKLY:
            if data.get("weekday") is None:
                self.add_error("weekday", _("Choose the weekday of a weekly meeting."))
            data["first_on"] = data.get("first_on") or timezone.localdate()
        elif data.get("recurrence") == Meeting.Recurrence.SINGLE:
            data["weekday"] = None
            if data.get("first_on") is None and "first_on" not in self.errors:
                self.add_error("first_on", _("Give the date of the meeting."))
        return data


class MoveForm(forms.Form):
    on = forms.DateField(label=_("New date"), widget=date_input())
    at = forms.TimeField(label=_("New start time"), widget=time_input())
