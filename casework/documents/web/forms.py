"""Forms of the documents pages (the NL Design System form pattern, ADR 0021). The file is judged by the
service (casework/uploads.py), never by the name or type the browser sends."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.web.widgets import SELECT, TEXTBOX

ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt"
FILE_HELP = _("PDF, JPEG, PNG, DOCX, XLSX or ODT, at most 20 MB. Images are stored without their metadata "
              "(such as location); documents with macros are refused.")


def _file_field() -> forms.FileField:
    return forms.FileField(label=_("File"), help_text=FILE_HELP, allow_empty_file=True,
                           widget=forms.FileInput(attrs={"accept": ACCEPT}))


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX),
                            help_text=_("Stored encrypted. Shown to everyone who sees the category."))
    category = forms.ChoiceField(label=_("Category"), widget=forms.Select(attrs=SELECT),
                                 help_text=_("Who may see the document follows the category: a partner sees it "
                                             "only when the category is shared with its organisation."))
    processing_activity = forms.ChoiceField(label=_("Processing activity"), required=False,
                                            widget=forms.Select(attrs=SELECT),
                                            help_text=_("The processing under which your organisation supplies "
                                                        "the document (from the sharing decision)."))
    file = _file_field()

    def __init__(self, *args: Any, categories: list[tuple[str, str]], activities: list[tuple[str, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = categories  # type: ignore[attr-defined]
        if len(activities) > 1:  # several: the partner chooses (never a silent default); one: the service takes it
            field = self.fields["processing_activity"]
            field.required = True
            field.choices = [("", _("Choose a processing activity")), *activities]  # type: ignore[attr-defined]
        else:
            del self.fields["processing_activity"]


class VersionForm(forms.Form):
    file = _file_field()


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=500,
                             widget=forms.TextInput(attrs=TEXTBOX),
                             help_text=_("Stored encrypted; the document stays in the file, marked withdrawn."))
