"""Form fields shared by the case types' forms: a text, textarea or choice field with the NL Design
System widget classes (casework/web/widgets.py, which also has the radio buttons, `Radios`). Moved
from casework/damocles/forms.py. Labels are the caller's msgids.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms

from casework.bounds import LONG_TEXT
from casework.web.widgets import SELECT, TEXTAREA, TEXTBOX


def text(label: Any, *, required: bool = True, max_length: int = 200, **attrs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=forms.TextInput(attrs={**TEXTBOX, "autocomplete": "off", **attrs}))


def textarea(label: Any, *, required: bool = True, rows: int = 4, help_text: Any = "",
             max_length: int = LONG_TEXT) -> forms.CharField:
    """A free-text field. Its maximum is the ceiling of any free text (`bounds.LONG_TEXT`) unless the caller
    gives the service's own: the service checks its bound as well (ADR 0035), this one refuses a pasted megabyte
    in the form, with the field's message."""
    return forms.CharField(label=label, required=required, help_text=help_text, max_length=max_length,
                           widget=forms.Textarea(attrs={**TEXTAREA, "rows": rows}))


def choice(label: Any, choices: Any, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=required, choices=[("", "---------"), *choices],
                             widget=forms.Select(attrs=SELECT))


def label_choices(field: forms.Field, label: Callable[[Any], str]) -> forms.ModelChoiceField:
    """Label the options of a model choice field with `label(obj)` instead of `str(obj)`.

    Django's ModelChoiceField calls `label_from_instance`; setting it per instance is the documented
    way to change it for one form. The field is returned, narrowed, to set its queryset as well.
    """
    choice_field = cast(forms.ModelChoiceField, field)
    cast(Any, choice_field).label_from_instance = label
    return choice_field
