"""Forms of the sharing register and the reviews: filters (GET) and the review decision (POST)."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from audit.activities import KNOWN_ACTIVITIES
from audit.models import ProcessingActivity
from casework.privacy import anomalies, register, reviews
from casework.privacy.models import Review

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
TEXTAREA = {"rows": 4, "class": "utrecht-textarea utrecht-textarea--html-textarea"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 (Django's name)
        super().__init__(attrs={**TEXT, **(attrs or {})}, format=format or "%Y-%m-%d")


def _any(choices) -> list[tuple[str, str]]:
    return [("", _("Any")), *choices]


class PeriodForm(forms.Form):
    date_from = forms.DateField(label=_("From (date)"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Until (date, inclusive)"), required=False, widget=DateInput)

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("The period ends before it starts."))
        return cleaned


class RegisterFilterForm(PeriodForm):
    partner = forms.ChoiceField(label=_("Partner"), required=False, widget=forms.Select(attrs=SELECT))
    processing_activity = forms.ChoiceField(label=_("Processing activity (legal basis)"), required=False,
                                            widget=forms.Select(attrs=SELECT))
    state = forms.ChoiceField(label=_("State"), required=False, widget=forms.Select(attrs=SELECT), choices=_any((
        (register.ACTIVE, _("Active")), (register.EXPIRED, _("Expired")), (register.REVOKED, _("Revoked")),
    )))
    field_order = ["partner", "processing_activity", "state", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partner, activity = self.fields["partner"], self.fields["processing_activity"]
        assert isinstance(partner, forms.ChoiceField) and isinstance(activity, forms.ChoiceField)  # noqa: S101
        partner.choices = _any(
            (str(pk), name) for pk, name in Organisation.objects.order_by("name").values_list("pk", "name"))
        names = dict(ProcessingActivity.objects.values_list("code", "name"))
        activity.choices = _any(
            (code, names.get(code, code)) for code in sorted(KNOWN_ACTIVITIES))
        self.fields["date_from"].help_text = _("Decisions valid on or after this day.")

    def filters(self) -> register.RegisterFilters:
        data = self.cleaned_data if self.is_bound else {}
        return register.RegisterFilters(
            partner_id=data.get("partner", ""), processing_activity=data.get("processing_activity", ""),
            start=data.get("date_from"), end=data.get("date_to"), state=data.get("state", ""),
        )


class ReviewFilterForm(PeriodForm):
    status = forms.ChoiceField(label=_("Status"), required=False, widget=forms.Select(attrs=SELECT), choices=_any((
        (reviews.UNREVIEWED, _("Not reviewed yet")), (reviews.REVIEWED, _("Reviewed")),
    )))
    rule = forms.ChoiceField(label=_("Rule"), required=False, widget=forms.Select(attrs=SELECT),
                             choices=_any((code, label) for code, label in anomalies.RULE_LABELS.items()))
    field_order = ["status", "rule", "date_from", "date_to"]

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end - start > reviews.MAX_PERIOD:
            raise forms.ValidationError(_("Choose a period of at most one year."))
        return cleaned

    def filters(self, today: date | None = None) -> reviews.ReviewFilters:
        data = self.cleaned_data if self.is_bound else {}
        today = today or timezone.localdate()
        end_day = data.get("date_to") or today
        start_day = data.get("date_from") or min(end_day, today) - reviews.DEFAULT_PERIOD + timedelta(days=1)
        if end_day - start_day > reviews.MAX_PERIOD:
            start_day = end_day - reviews.MAX_PERIOD
        start = anomalies.local_day_bounds(start_day)[0]
        end = anomalies.local_day_bounds(end_day)[1]
        return reviews.ReviewFilters(start=start, end=end, rule=data.get("rule", ""), status=data.get("status", ""))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("", _("Choose a decision")), *Review.Decision.choices],
                                 widget=forms.Select(attrs=SELECT))
    comment = forms.CharField(label=_("Comment"), min_length=reviews.MIN_COMMENT_LENGTH, max_length=4000,
                              help_text=_("Why you decided so. Describe the conduct, not the person's circumstances."),
                              widget=forms.Textarea(attrs=TEXTAREA))


class AnomalySettingsForm(forms.Form):
    """The thresholds of the anomaly rules, one number field per setting."""

    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in anomalies.SETTING_LABELS.items():
            hours = key in anomalies.HOUR_SETTINGS
            self.fields[key.replace(".", "__")] = forms.IntegerField(
                label=label, initial=current[key], min_value=0 if hours else 1, max_value=23 if hours else 100000,
                widget=forms.NumberInput(attrs=TEXT),
            )

    def values(self) -> dict[str, int]:
        return {key.replace("__", "."): value for key, value in self.cleaned_data.items()}
