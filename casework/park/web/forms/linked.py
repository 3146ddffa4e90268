"""What a park enforcement file needs when another case type's page opens one (the registry's
`linked_form`; a routed undermining signal about a holiday park): the recreation object."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.park.models import RecreationObject
from casework.web.widgets import SELECT


class ObjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.park.name} {obj.number}"


class LinkedParkFileForm(forms.Form):
    object = ObjectChoiceField(label=_("Recreation object"), queryset=RecreationObject.objects.none(),
                               widget=forms.Select(attrs=SELECT),
                               help_text=_("The chalet or pitch the file is about (one open file per object)."))

    def __init__(self, *args: Any, controller: Any = None, **kwargs: Any) -> None:
        kwargs["use_required_attribute"] = False  # the group counts only when its approach is chosen
        super().__init__(*args, **kwargs)
        objects = RecreationObject.objects.select_related("park").order_by("park__name", "number")
        cast(forms.ModelChoiceField, self.fields["object"]).queryset = (
            objects.filter(park__controller=controller) if controller is not None else objects.none())

    def linked_data(self) -> dict[str, Any]:
        return {"object": self.cleaned_data["object"]}
