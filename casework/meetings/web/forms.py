"""Forms of the meeting pages (the NL Design System form pattern, ADR 0021: casework/web/widgets.py)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from casework.meetings.models import Meeting, MeetingOccurrence
from casework.web.listing import ListFilterForm, choice_field
from casework.web.widgets import SELECT, Checkboxes, PartnersChoice, partners, textarea


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
    goal = forms.CharField(label=_("Goal of the discussion"), required=False, widget=textarea(3),
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
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=textarea(8),
                              help_text=_("Stored encrypted with the case, under the case's conference "
                                          "category. Only what the meeting needs."))


class MeetingFilterForm(ListFilterForm):
    kind = choice_field(_("Kind of meeting"), Meeting.Kind.choices, _("All kinds"))
