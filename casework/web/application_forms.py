"""Forms of the applications every case type with the core's remedies receives (casework/remedies/
applications.py): a request for enforcement or tolerance (Awb 4:13 lid 2: eight weeks), the notice
of delay (4:14 lid 1) and the decision or withdrawal. Lifted from the park's forms so no case type
keeps its own copy. Forms parse input; the services check again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.remedies.models import Application
from casework.web.widgets import TEXTBOX, Radios, date_input


def date_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=date_input(),
                           error_messages={"required": _("Enter a date."), "invalid": _("Enter a valid date.")})


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Application.Kind.choices, widget=Radios(),
                             error_messages={"required": _("Choose the kind of application.")})
    received_on = date_field(_("Received on"))
    applicant_name = forms.CharField(label=_("Applicant"), required=False, max_length=200,
                                     widget=forms.TextInput(attrs=TEXTBOX), help_text=_("Stored encrypted."))


class ApplicationDelayForm(forms.Form):
    notice_sent_on = date_field(_("Notice of delay sent on"))
    new_due_on = date_field(_("Decision will be given by"))


class ApplicationDecideForm(forms.Form):
    state = forms.ChoiceField(label=_("Outcome"), widget=Radios(),
                              choices=[(Application.State.DECIDED, Application.State.DECIDED.label),
                                       (Application.State.WITHDRAWN, Application.State.WITHDRAWN.label)],
                              error_messages={"required": _("Choose the outcome.")})
    decided_on = date_field(_("Decided or withdrawn on"))
