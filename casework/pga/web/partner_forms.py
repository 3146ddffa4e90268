"""Forms of a chain partner's reports on a shared PGA case (docs/adr/0031). They parse input only: the rules
live in casework/pga/services/partners.py."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from audit.labels import activity_names
from casework.web.fields import textarea
from casework.web.widgets import RADIO


class PartnerReportForm(forms.Form):
    """A note (required) and, when the decisions in force name more than one, the processing activity under
    which the partner's organisation supplies it."""

    text = textarea(_("Note for the process director"),
                    help_text=_("What was done or how the agreement goes. Stored encrypted; the process director "
                                "sees it with your organisation's name."))
    processing_activity = forms.ChoiceField(
        label=_("Processing activity"), widget=forms.RadioSelect(attrs=RADIO),
        help_text=_("From the sharing decisions in force for your organisation: the purpose and legal basis under "
                    "which your organisation supplies this."))

    def __init__(self, *args: Any, activities: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(activities) > 1:
            names = activity_names()
            cast(forms.ChoiceField, self.fields["processing_activity"]).choices = [
                (code, names.get(code, code)) for code in activities]
        else:
            del self.fields["processing_activity"]

    def activity(self) -> str:
        return str(self.cleaned_data.get("processing_activity") or "")


class ReviewForm(forms.Form):
    """Marking a partner's contribution seen: the button only (the version is added by `versioned`)."""
